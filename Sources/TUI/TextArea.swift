/// Multi-line text editing: the text wraps at `wrapWidth` display columns (drawn in
/// `wrapWidth + 1`: the last column holds the cursor and the scroll marks; a CJK
/// character takes two and is never split; a line breaks between any two graphemes),
/// newlines start new lines, and the view scrolls to keep the cursor visible.
///
///     var area = TextArea(text: "", placeholder: "理由…")
///     area.wrapWidth = rect.width - 1      // the owner sets it from the drawn width
///     _ = area.handle(.char("职"))
///     area.keepCursorVisible(height: rect.height)
///     area.render(into: &buffer, in: rect, glyphs: .unicode)
public struct TextArea: Hashable, Sendable {
  public private(set) var text: String
  /// The cursor as a grapheme index, 0...text.count.
  public private(set) var cursor: Int
  /// First visual line shown, as last adjusted by `keepCursorVisible(height:)`.
  public var scroll: Int
  /// Columns the text wraps to (one less than the drawn width).
  public var wrapWidth: Int
  public var placeholder: String
  /// Maximum length in graphemes (newlines included); nil for no limit.
  public var maxLength: Int?
  public var isFocused: Bool

  public init(
    text: String = "", placeholder: String = "", maxLength: Int? = nil, wrapWidth: Int = 40,
    isFocused: Bool = true
  ) {
    self.text = Self.withoutControls(text)
    self.cursor = self.text.count
    self.scroll = 0
    self.wrapWidth = max(1, wrapWidth)
    self.placeholder = placeholder
    self.maxLength = maxLength
    self.isFocused = isFocused
  }

  public mutating func setText(_ newText: String) {
    let clean = Self.withoutControls(newText)
    text = maxLength.map { String(clean.prefix($0)) } ?? clean
    cursor = text.count
    scroll = 0
  }

  /// The text with every control character but the line break dropped (CRLF becomes
  /// LF): an area never holds one, whether typed, pasted or loaded from an older record.
  static func withoutControls(_ s: String) -> String {
    String(
      s.filter { c in c == "\n" || c == "\r\n" || !c.unicodeScalars.contains(where: SafeText.isControl) }
        .map { $0 == "\r\n" ? "\n" : $0 })
  }

  /// Inserts text at the cursor; control characters other than newlines are dropped.
  /// Returns false when nothing could be inserted (the area is full).
  @discardableResult
  public mutating func insert(_ s: String) -> Bool {
    let clean = Self.withoutControls(s)
    guard !clean.isEmpty else { return false }
    var chars = Array(text)
    var piece = Array(clean)
    if let maxLength {
      let room = maxLength - chars.count
      guard room > 0 else { return false }
      piece = Array(piece.prefix(room))
    }
    chars.insert(contentsOf: piece, at: cursor)
    let head = String(chars[..<(cursor + piece.count)])
    text = String(chars)
    cursor = head.count
    return true
  }

  /// The visual lines as grapheme ranges (newlines excluded) for `width` columns.
  public func lines(width: Int) -> [Range<Int>] {
    let width = max(1, width)
    var out: [Range<Int>] = []
    var start = 0
    var column = 0
    for (i, c) in text.enumerated() {
      if c == "\n" {
        out.append(start..<i)
        start = i + 1
        column = 0
        continue
      }
      let w = DisplayWidth.current.of(c)
      if column + w > width && column > 0 {
        out.append(start..<i)
        start = i
        column = 0
      }
      column += w
    }
    out.append(start..<text.count)
    return out
  }

  /// The cursor's visual line and display column.
  public func cursorPosition(width: Int) -> (line: Int, column: Int) {
    let all = lines(width: width)
    let chars = Array(text)
    var line = all.count - 1
    for (i, range) in all.enumerated() {
      // A cursor at a soft break belongs to the next line; at a hard break (newline), to this one.
      let next = i + 1 < all.count ? all[i + 1].lowerBound : Int.max
      if cursor >= range.lowerBound
        && (cursor < range.upperBound || (cursor == range.upperBound && next != cursor))
      {
        line = i
        break
      }
    }
    let range = all[line]
    let column = chars[range.lowerBound..<min(cursor, range.upperBound)].reduce(0) {
      $0 + DisplayWidth.current.of($1)
    }
    return (line, column)
  }

  /// The grapheme index on visual line `line` nearest to display column `column`.
  func index(line: Int, column: Int, in all: [Range<Int>]) -> Int {
    let chars = Array(text)
    let range = all[line]
    var used = 0
    for i in range {
      let w = DisplayWidth.current.of(chars[i])
      if used + w > column { return i }
      used += w
    }
    return range.upperBound
  }

  /// Editing and cursor keys; Enter inserts a line break. Up on the first line and
  /// down on the last are not used (so a form can move to the next field).
  public mutating func handle(_ key: Key) -> Bool {
    var chars = Array(text)
    switch key {
    case .char(let c):
      return insert(String(c))
    case .enter:
      return insert("\n")
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { return true }
      chars.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .ctrl("d"):
      guard cursor < chars.count else { return true }
      chars.remove(at: cursor)
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
    case .up, .down:
      let all = lines(width: wrapWidth)
      let (line, column) = cursorPosition(width: wrapWidth)
      let target = key == .up ? line - 1 : line + 1
      guard all.indices.contains(target) else { return false }
      cursor = index(line: target, column: column, in: all)
      return true
    case .home, .ctrl("a"):
      let all = lines(width: wrapWidth)
      cursor = all[cursorPosition(width: wrapWidth).line].lowerBound
      return true
    case .end, .ctrl("e"):
      let all = lines(width: wrapWidth)
      cursor = all[cursorPosition(width: wrapWidth).line].upperBound
      return true
    case .ctrl("u"):
      chars = []
      cursor = 0
      scroll = 0
    default: return false
    }
    text = String(chars)
    cursor = min(cursor, text.count)
    return true
  }

  /// Moves `scroll` so the cursor's line is among the `height` lines shown.
  public mutating func keepCursorVisible(height: Int) {
    scroll = visibleTop(height: height)
  }

  /// The first visual line to show in `height` rows so the cursor is visible.
  public func visibleTop(height: Int) -> Int {
    let line = cursorPosition(width: wrapWidth).line
    let count = lines(width: wrapWidth).count
    var top = min(max(0, scroll), max(0, count - 1))
    if line < top { top = line }
    if line >= top + max(1, height) { top = line - max(1, height) + 1 }
    return max(0, top)
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.fill(rect, role: .input)
    if text.isEmpty {
      if !placeholder.isEmpty {
        buffer.put(
          DisplayWidth.current.clip(SafeText.visible(placeholder), to: rect.width, ellipsis: glyphs.ellipsis),
          x: rect.x, y: rect.y, role: .muted, maxWidth: rect.width)
      }
      if isFocused, buffer.bounds.contains(Point(x: rect.x, y: rect.y)) {
        buffer.cursor = Point(x: rect.x, y: rect.y)
      }
      return
    }
    // The last column is kept for the cursor after a full line and the scroll marks.
    let textWidth = max(1, rect.width - 1)
    var area = self
    area.wrapWidth = textWidth
    let all = area.lines(width: textWidth)
    let chars = Array(text)
    let top = area.visibleTop(height: rect.height)
    for row in 0..<rect.height {
      let i = top + row
      guard i < all.count else { break }
      let shown = SafeText.visible(String(chars[all[i]]))
      buffer.put(shown, x: rect.x, y: rect.y + row, role: .input, maxWidth: rect.width)
    }
    if rect.height > 0 && all.count > top + rect.height {
      buffer.put(String(glyphs.down), x: rect.maxX - 1, y: rect.maxY - 1, role: .muted, maxWidth: 1)
    }
    if top > 0 {
      buffer.put(String(glyphs.up), x: rect.maxX - 1, y: rect.y, role: .muted, maxWidth: 1)
    }
    if isFocused {
      let (line, column) = area.cursorPosition(width: textWidth)
      let p = Point(x: rect.x + min(column, rect.width - 1), y: rect.y + line - top)
      if buffer.bounds.contains(p) && rect.contains(p) { buffer.cursor = p }
    }
  }
}
