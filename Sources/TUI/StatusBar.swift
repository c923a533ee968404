/// One key hint of a status bar: `key` in role `key`, then its label.
public struct KeyHint: Hashable, Sendable {
  public var key: String
  public var label: String
  public init(key: String, label: String) {
    self.key = key
    self.label = label
  }
}

/// A one-row bar: text on the left, key hints right-aligned. Hints that do not fit
/// (leaving the text a third of the bar) are dropped from the end, the pinned ones
/// (such as quit and help) last; the text is clipped to what remains.
public struct StatusBar: Hashable, Sendable {
  public var text: String
  public var hints: [KeyHint]
  /// Keys whose hints stay while any other hint can be dropped instead.
  public var pinned: Set<String>
  public var role: StyleRole

  public init(
    text: String = "", hints: [(key: String, label: String)] = [], pinned: Set<String> = [],
    role: StyleRole = .status
  ) {
    self.text = text
    self.hints = hints.map { KeyHint(key: $0.key, label: $0.label) }
    self.pinned = pinned
    self.role = role
  }

  static func width(of hints: ArraySlice<KeyHint>) -> Int {
    guard !hints.isEmpty else { return 0 }
    return hints.reduce(0) { $0 + $1.key.displayWidth + 1 + $1.label.displayWidth } + 2 * (hints.count - 1)
  }

  /// Rows the bar needs in `width` columns: a message without hints (a refused save,
  /// a validation problem) wraps onto more rows, up to `maxRows`, instead of being cut.
  public func rows(width: Int, maxRows: Int = 3) -> Int {
    guard hints.isEmpty, width > 2 else { return 1 }
    return max(1, min(maxRows, TextWrap.wrap(SafeText.visible(text), width: width - 2).count))
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    if hints.isEmpty && rect.height > 1 && rect.width > 2 {
      renderWrapped(into: &buffer, in: rect, glyphs: glyphs)
      return
    }
    let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    buffer.fill(row, role: role)
    // The left text keeps at least a third of the bar (or its own width, if less).
    let text = SafeText.visible(self.text)
    let reserved = text.isEmpty ? 0 : min(text.displayWidth, rect.width / 3) + 2
    var shownHints = hints
    while !shownHints.isEmpty && Self.width(of: shownHints[...]) > rect.width - 1 - reserved {
      let drop = shownHints.lastIndex { !pinned.contains($0.key) } ?? shownHints.count - 1
      shownHints.remove(at: drop)
    }
    let hintsWidth = Self.width(of: shownHints[...])
    var x = rect.maxX - hintsWidth
    for (n, hint) in shownHints.enumerated() {
      if n > 0 { x += 2 }
      x += buffer.put(SafeText.visible(hint.key), x: x, y: rect.y, role: .key, maxWidth: rect.maxX - x)
      x += 1
      x += buffer.put(SafeText.visible(hint.label), x: x, y: rect.y, role: role, maxWidth: rect.maxX - x)
    }
    let room = rect.width - hintsWidth - (hintsWidth > 0 ? 2 : 0) - 1
    if room > 0 && !text.isEmpty {
      let left = DisplayWidth.current.clip(text, to: room, ellipsis: glyphs.ellipsis)
      buffer.put(left, x: rect.x + 1, y: rect.y, role: role, maxWidth: room)
    }
  }

  /// The text alone over several rows; the last row ends in an ellipsis when the text
  /// needs more rows than the bar has.
  private func renderWrapped(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    buffer.fill(rect, role: role)
    let lines = TextWrap.wrap(SafeText.visible(text), width: rect.width - 2)
    for (i, line) in lines.prefix(rect.height).enumerated() {
      var shown = line
      if i == rect.height - 1 && lines.count > rect.height {
        shown = DisplayWidth.current.clip(
          line + glyphs.ellipsis, to: rect.width - 2, ellipsis: glyphs.ellipsis)
      }
      buffer.put(shown, x: rect.x + 1, y: rect.y + i, role: role, maxWidth: rect.width - 2)
    }
  }
}
