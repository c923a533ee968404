/// A modal message or confirmation box centred in an area (usually the screen). It
/// clears its own area, wraps the message by display width and shows the buttons the
/// caller names; the selected one is drawn as `[ 确定 ]`, the others as `  取消  `.
///
///     var dialog = Dialog(title: "删除", message: "确定删除“内科”？", buttons: ["删除", "取消"], selected: 1)
///     dialog.render(into: &buffer, in: buffer.bounds, glyphs: .unicode)
///     switch dialog.handle(.enter) { case .chosen(let i): ...; case .cancelled: ...; default: break }
public struct Dialog: Hashable, Sendable {
  public enum Outcome: Hashable, Sendable {
    /// The key means nothing to the dialog.
    case ignored
    /// The key moved the selection.
    case handled
    /// Enter on a button (its index); a dialog without buttons reports 0.
    case chosen(Int)
    /// Escape.
    case cancelled
  }

  public struct Layout: Hashable, Sendable {
    public var frame: Rect
    public var messageLines: [String]
    public var messageRect: Rect
    public var buttons: [Rect]
  }

  public var title: String
  public var message: String
  public var buttons: [String]
  public var selected: Int
  /// The widest the dialog grows, in columns, before wrapping the message.
  public var preferredWidth: Int
  public var role: StyleRole

  public init(
    title: String, message: String, buttons: [String], selected: Int = 0, preferredWidth: Int = 50,
    role: StyleRole = .dialog
  ) {
    self.title = title
    self.message = message
    self.buttons = buttons
    self.selected = selected
    self.preferredWidth = preferredWidth
    self.role = role
  }

  func captions() -> [String] {
    buttons.enumerated().map { i, b in
      i == selected ? "[ " + SafeText.visible(b) + " ]" : "  " + SafeText.visible(b) + "  "
    }
  }

  public func layout(in area: Rect) -> Layout {
    let captions = captions()
    let buttonsWidth = captions.reduce(0) { $0 + $1.displayWidth } + 2 * max(0, captions.count - 1)
    let maxInner = max(1, min(preferredWidth, area.width) - 4)
    var lines = TextWrap.wrap(SafeText.visible(message), width: maxInner)
    let contentWidth = max(lines.map(\.displayWidth).max() ?? 0, buttonsWidth, title.displayWidth + 2, 10)
    let frameWidth = min(area.width, contentWidth + 4)
    if frameWidth - 4 < maxInner && frameWidth >= 5 {
      lines = TextWrap.wrap(SafeText.visible(message), width: frameWidth - 4)
    }
    let frameHeight = min(area.height, lines.count + 5)
    let frame = area.centered(width: frameWidth, height: frameHeight)
    let inner = frame.inset(by: 1)
    var buttonRects: [Rect] = []
    var messageRect = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 0)
    if inner.height >= 1 {
      let buttonsY = inner.maxY - 1
      var x = inner.x + max(0, (inner.width - buttonsWidth) / 2)
      for caption in captions {
        let w = min(caption.displayWidth, max(0, inner.maxX - x))
        buttonRects.append(Rect(x: x, y: buttonsY, width: w, height: 1))
        x += caption.displayWidth + 2
      }
      let top = inner.height >= 4 ? inner.y + 1 : inner.y
      let bottom = buttons.isEmpty ? inner.maxY : (inner.height >= 3 ? buttonsY - 1 : buttonsY)
      messageRect = Rect(x: inner.x + 1, y: top, width: inner.width - 2, height: bottom - top)
    }
    return Layout(frame: frame, messageLines: lines, messageRect: messageRect, buttons: buttonRects)
  }

  public func render(into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs) {
    let l = layout(in: area)
    guard !l.frame.isEmpty else { return }
    buffer.clear(l.frame, role: role)
    buffer.drawBox(l.frame, title: title, role: role, titleRole: role, glyphs: glyphs)
    for (i, line) in l.messageLines.prefix(l.messageRect.height).enumerated() {
      buffer.put(
        line, in: Rect(x: l.messageRect.x, y: l.messageRect.y + i, width: l.messageRect.width, height: 1),
        role: role)
    }
    for (i, caption) in captions().enumerated() where i < l.buttons.count && !l.buttons[i].isEmpty {
      let r = l.buttons[i]
      buffer.put(
        DisplayWidth.current.clip(caption, to: r.width, ellipsis: glyphs.ellipsis), in: r,
        role: i == selected ? .selected : role)
    }
  }

  /// Left/right and Tab/Shift-Tab move between buttons, Enter chooses, Escape cancels.
  public mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .left, .backTab, .char("h"):
      guard !buttons.isEmpty else { return .handled }
      selected = (selected - 1 + buttons.count) % buttons.count
      return .handled
    case .right, .tab, .char("l"):
      guard !buttons.isEmpty else { return .handled }
      selected = (selected + 1) % buttons.count
      return .handled
    case .enter: return .chosen(buttons.isEmpty ? 0 : min(max(0, selected), buttons.count - 1))
    case .escape: return .cancelled
    default: return .ignored
    }
  }

  /// The button at a screen position when drawn in `area`, for mouse clicks and touch.
  public func hitTest(x: Int, y: Int, in area: Rect) -> Int? {
    layout(in: area).buttons.firstIndex { $0.contains(Point(x: x, y: y)) }
  }
}

/// One line of a help overlay: the keys and what they do.
public struct HelpEntry: Hashable, Sendable {
  public var keys: String
  public var description: String
  public init(keys: String, description: String) {
    self.keys = keys
    self.description = description
  }
}

/// A centred, titled box listing keys and their descriptions in two aligned columns,
/// scrolling when the list is longer than the screen.
public struct HelpOverlay: Hashable, Sendable {
  public var title: String
  public var entries: [HelpEntry]
  public var scroll: Int
  public var preferredWidth: Int

  public init(title: String, entries: [(keys: String, description: String)], preferredWidth: Int = 76) {
    self.title = title
    self.entries = entries.map { HelpEntry(keys: $0.keys, description: $0.description) }
    self.scroll = 0
    self.preferredWidth = preferredWidth
  }

  /// The box: wide enough for the longest entry on one line when the screen allows
  /// (up to `preferredWidth`), as tall as the wrapped lines need.
  public func frame(in area: Rect) -> Rect {
    let keysWidth = entries.map { SafeText.visible($0.keys).displayWidth }.max() ?? 0
    let descWidth = entries.map { SafeText.visible($0.description).displayWidth }.max() ?? 0
    let width = min(
      area.width, min(preferredWidth, max(keysWidth + 2 + descWidth + 4, title.displayWidth + 6)))
    let height = min(area.height, lines(boxWidth: width).count + 2)
    return area.centered(width: width, height: height)
  }

  /// The rows shown in a box `boxWidth` wide: each description wraps under itself
  /// instead of being cut, so every key's meaning can be read in full.
  func lines(boxWidth: Int) -> [HelpEntry] {
    let contentWidth = max(0, boxWidth - 4)
    let keysWidth = self.keysWidth(contentWidth: contentWidth)
    let room = contentWidth - keysWidth - 2
    guard room > 0 else { return entries }
    return entries.flatMap { entry -> [HelpEntry] in
      let wrapped = TextWrap.wrap(SafeText.visible(entry.description), width: room)
      return (wrapped.isEmpty ? [""] : wrapped).enumerated().map {
        HelpEntry(keys: $0.offset == 0 ? entry.keys : "", description: $0.element)
      }
    }
  }

  private func keysWidth(contentWidth: Int) -> Int {
    min(entries.map { SafeText.visible($0.keys).displayWidth }.max() ?? 0, contentWidth / 2)
  }

  public func render(into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs) {
    let f = frame(in: area)
    guard !f.isEmpty else { return }
    buffer.clear(f, role: .dialog)
    let inner = buffer.drawBox(f, title: title, role: .dialog, titleRole: .title, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
    let keysWidth = self.keysWidth(contentWidth: content.width)
    let rows = lines(boxWidth: f.width)
    let top = min(max(0, scroll), max(0, rows.count - content.height))
    for line in 0..<content.height {
      let i = top + line
      guard i < rows.count else { break }
      let y = content.y + line
      buffer.put(
        DisplayWidth.current.clip(
          SafeText.visible(rows[i].keys), to: keysWidth, ellipsis: glyphs.ellipsis),
        in: Rect(x: content.x, y: y, width: keysWidth, height: 1), role: .key)
      let descX = content.x + keysWidth + 2
      let room = content.maxX - descX
      if room > 0 {
        buffer.put(
          DisplayWidth.current.clip(rows[i].description, to: room, ellipsis: glyphs.ellipsis),
          in: Rect(x: descX, y: y, width: room, height: 1), role: .dialog)
      }
    }
    if top > 0 { buffer.put(glyphs.up, x: f.maxX - 1, y: f.y + 1, role: .muted) }
    if top + content.height < rows.count {
      buffer.put(glyphs.down, x: f.maxX - 1, y: f.maxY - 2, role: .muted)
    }
  }

  /// Up/down, j/k, page up/down, home/end scroll, within the rows shown in `area`.
  public mutating func handle(_ key: Key, in area: Rect) -> Bool {
    let f = frame(in: area)
    let last = max(0, lines(boxWidth: f.width).count - max(0, f.height - 2))
    switch key {
    case .up, .char("k"): scroll -= 1
    case .down, .char("j"): scroll += 1
    case .pageUp: scroll -= 10
    case .pageDown: scroll += 10
    case .home: scroll = 0
    case .end: scroll = last
    default: return false
    }
    scroll = min(max(0, scroll), last)
    return true
  }
}
