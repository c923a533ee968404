/// Single-line text editing that works by grapheme (a Chinese character, an emoji ZWJ
/// sequence and a letter with accents are one step) and scrolls by display columns.
///
///     var field = TextField(placeholder: "搜索…")
///     _ = field.handle(.char("内"))
///     field.render(into: &buffer, in: rect, glyphs: .unicode)   // sets buffer.cursor when focused
public struct TextField: Hashable, Sendable {
  public private(set) var text: String
  /// The cursor as a grapheme index, 0...text.count.
  public private(set) var cursor: Int
  /// First grapheme shown, as last adjusted by `keepCursorVisible(width:)`.
  public var scroll: Int
  /// Shown (muted) while the text is empty.
  public var placeholder: String
  /// Maximum length in graphemes; nil for no limit.
  public var maxLength: Int?
  public var isFocused: Bool

  public init(text: String = "", placeholder: String = "", maxLength: Int? = nil, isFocused: Bool = true) {
    self.text = Self.withoutControls(text)
    self.cursor = self.text.count
    self.scroll = 0
    self.placeholder = placeholder
    self.maxLength = maxLength
    self.isFocused = isFocused
  }

  /// Replaces the text and puts the cursor at its end.
  public mutating func setText(_ newText: String) {
    let clean = Self.withoutControls(newText)
    text = maxLength.map { String(clean.prefix($0)) } ?? clean
    cursor = text.count
    scroll = 0
  }

  /// The text with every control character dropped. A field never holds one, whether
  /// typed, pasted or loaded from a record stored before the rule, so no form can
  /// save one (the stores refuse them as well).
  static func withoutControls(_ s: String) -> String {
    String(s.filter { c in !c.unicodeScalars.contains(where: SafeText.isControl) })
  }

  /// Inserts text at the cursor (typing or pasting); control characters are dropped.
  /// Returns false when nothing could be inserted (the field is full).
  @discardableResult
  public mutating func insert(_ s: String) -> Bool {
    let clean = Self.withoutControls(s)
    guard !clean.isEmpty else { return false }
    let chars = Array(text)
    let head = String(chars[..<cursor])
    let tail = String(chars[cursor...])
    var merged = head + clean
    if let maxLength {
      let room = maxLength - text.count
      guard room > 0 else { return false }
      merged = head + String(clean.prefix(room))
      if (merged + tail).count > maxLength { return false }
    }
    text = merged + tail
    // Counting again handles a combining mark that joins the grapheme before it.
    cursor = merged.count
    return true
  }

  /// Editing and cursor keys; returns whether the key was used.
  public mutating func handle(_ key: Key) -> Bool {
    var chars = Array(text)
    switch key {
    case .char(let c):
      return insert(String(c))
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { return true }
      chars.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .ctrl("d"):
      guard cursor < chars.count else { return true }
      chars.remove(at: cursor)
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = chars.count
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

  /// The first grapheme to show in a field `width` columns wide so that the cursor
  /// (which needs one column after the text it follows) is visible.
  public func visibleStart(width: Int) -> Int {
    guard width > 0 else { return cursor }
    let chars = Array(text)
    var start = min(max(0, scroll), cursor)
    var used = chars[start..<cursor].reduce(0) { $0 + DisplayWidth.current.of($1) }
    while used + 1 > width && start < cursor {
      used -= DisplayWidth.current.of(chars[start])
      start += 1
    }
    return start
  }

  /// Stores the scroll position that `render` would use, so scrolling stays put as the
  /// cursor moves back inside the field.
  public mutating func keepCursorVisible(width: Int) {
    scroll = visibleStart(width: width)
  }

  /// Display column of the cursor relative to the field's left edge.
  public func cursorColumn(width: Int) -> Int {
    let chars = Array(text)
    let start = visibleStart(width: width)
    return chars[start..<cursor].reduce(0) { $0 + DisplayWidth.current.of($1) }
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    buffer.fill(row, role: .input)
    if text.isEmpty {
      if !placeholder.isEmpty {
        buffer.put(
          DisplayWidth.current.clip(SafeText.visible(placeholder), to: rect.width, ellipsis: glyphs.ellipsis),
          x: rect.x, y: rect.y, role: .muted, maxWidth: rect.width)
      }
    } else {
      let start = visibleStart(width: rect.width)
      let shown = String(Array(text)[start...])
      buffer.put(shown, x: rect.x, y: rect.y, role: .input, maxWidth: rect.width)
    }
    if isFocused {
      let p = Point(x: rect.x + cursorColumn(width: rect.width), y: rect.y)
      if buffer.bounds.contains(p) && row.contains(p) { buffer.cursor = p }
    }
  }
}
