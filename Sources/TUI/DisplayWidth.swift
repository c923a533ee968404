import Domain

/// Terminal display width of text, by cell columns.
///
/// Widths follow the C library's `wcwidth` in a UTF-8 locale (the tables in
/// `WidthTables.swift` are generated from it), because ncursesw moves its cursor by
/// `wcwidth`: any disagreement would make columns drift. East Asian Ambiguous
/// characters are 1 column unless `ambiguousIsWide` is set (`--ambiguous-wide`).
public struct DisplayWidth: Sendable {
  public var ambiguousIsWide: Bool

  public init(ambiguousIsWide: Bool = false) {
    self.ambiguousIsWide = ambiguousIsWide
  }

  /// The process-wide setting, fixed once at start-up before any drawing.
  nonisolated(unsafe) public static var current = DisplayWidth()

  /// Width of one scalar: 0, 1 or 2. Unprintable scalars count 1 because they are
  /// shown as a replacement mark (see `ScreenBuffer.put`).
  public func of(_ scalar: Unicode.Scalar) -> Int {
    ColumnWidth.of(scalar, ambiguousIsWide: ambiguousIsWide)
  }

  /// Width of a grapheme cluster: the columns of the cells it is drawn in
  /// (`cells(of:)`), so that what is measured is what the terminal shows.
  public func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.index(after: scalars.startIndex) == scalars.endIndex { return of(first) }
    var total = 0
    for cell in cells(of: character) { total += cell.width }
    return total
  }

  /// One terminal cell's worth of a grapheme: a spacing scalar with the combining
  /// marks drawn on it, and its width (1 or 2).
  public struct CellText: Equatable, Sendable {
    public var text: String
    public var width: Int
  }

  /// The cells a grapheme cluster is drawn in, such that for every cell the C
  /// library's `wcwidth` summed over its scalars is its width. ncursesw advances by
  /// that sum, but terminals (tmux among them) join more than they should: a ZWJ
  /// glues the next character into its cell (an emoji family becomes one wide cell,
  /// `x` ZWJ `y` one narrow one), a variation selector 16 or a skin-tone modifier
  /// can widen or swallow its base. So:
  /// - every spacing scalar starts a cell of its own (an emoji ZWJ sequence shows
  ///   as its members side by side, a flag as its two regional letters);
  /// - combining marks (and Hangul medial and final jamo) stay on their base, at
  ///   most four, as many as ncursesw's `cchar_t` holds;
  /// - joiners, variation selectors, other format characters, emoji modifiers after
  ///   a base, and marks with no base are dropped: they only change how the
  ///   characters around them look, and no two terminals agree on how;
  /// - control and unprintable scalars become U+FFFD, so no cell holds a control.
  public func cells(of character: Character) -> [CellText] {
    var out: [CellText] = []
    var marks = 0
    for scalar in character.unicodeScalars {
      if SafeText.isControl(scalar) || !Self.isPrintable(scalar) {
        out.append(CellText(text: "\u{FFFD}", width: 1))
        marks = 0
        continue
      }
      let width = of(scalar)
      if width > 0 {
        if Self.isEmojiModifier(scalar) && !out.isEmpty { continue }
        out.append(CellText(text: String(scalar), width: width))
        marks = 0
      } else if !out.isEmpty && marks < 4 && Self.drawsOnBase(scalar) {
        out[out.count - 1].text.unicodeScalars.append(scalar)
        marks += 1
      }
    }
    return out
  }

  /// Zero-width scalars a terminal draws on the preceding character: combining marks
  /// other than variation selectors, and Hangul medial vowels and final consonants.
  static func drawsOnBase(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) || (0x180B...0x180F).contains(v) {
      return false
    }
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark: return true
    default: return false
    }
  }

  /// Fitzpatrick skin-tone modifiers, which terminals may merge into the emoji before.
  static func isEmojiModifier(_ scalar: Unicode.Scalar) -> Bool {
    (0x1F3FB...0x1F3FF).contains(scalar.value)
  }

  public func of(_ text: some StringProtocol) -> Int {
    var total = 0
    for c in text { total += of(c) }
    return total
  }

  /// Text fitted into `columns`: unchanged when it fits, else cut by columns with a
  /// trailing `ellipsis` (which itself takes one column).
  public func clip(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
    guard columns > 0 else { return "" }
    if of(text) <= columns { return text }
    let room = columns - of(ellipsis)
    guard room >= 0 else { return "" }
    var used = 0
    var out = ""
    for c in text {
      let w = of(c)
      if used + w > room { break }
      out.append(c)
      used += w
    }
    return out + ellipsis
  }

  public enum Alignment: Sendable { case left, right, center }

  /// Text clipped and padded with spaces to exactly `columns`.
  public func pad(_ text: String, to columns: Int, align: Alignment = .left) -> String {
    let clipped = clip(text, to: columns)
    let gap = max(0, columns - of(clipped))
    switch align {
    case .left: return clipped + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + clipped
    case .center:
      let left = gap / 2
      return String(repeating: " ", count: left) + clipped + String(repeating: " ", count: gap - left)
    }
  }

  /// Whether the C library could print this scalar at all.
  public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    ColumnWidth.isPrintable(scalar)
  }
}

extension StringProtocol {
  /// Display width in terminal columns, with the process-wide ambiguous-width setting.
  public var displayWidth: Int { DisplayWidth.current.of(self) }
}

/// Text from the store is shown safely: control characters and escape sequences are
/// rendered visibly (`^[`, `^M`, `<9B>`), never sent raw to the terminal.
public enum SafeText {
  public static func visible(_ text: String) -> String { visible(text, keepingLineBreaks: false) }

  /// With `keepingLineBreaks` (text printed to a terminal line by line), LF, a CR
  /// directly before an LF (CSV's line end) and tab pass through unescaped.
  public static func visible(_ text: String, keepingLineBreaks: Bool) -> String {
    var needs = false
    for s in text.unicodeScalars where isControl(s) || !DisplayWidth.isPrintable(s) {
      if keepingLineBreaks && (s == "\n" || s == "\t") { continue }
      needs = true
      break
    }
    guard needs else { return text }
    var out = ""
    let scalars = Array(text.unicodeScalars)
    for (i, s) in scalars.enumerated() {
      if keepingLineBreaks
        && (s == "\n" || s == "\t" || (s == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n"))
      {
        out.unicodeScalars.append(s)
      } else if s.value < 0x20 {
        out += "^" + String(Unicode.Scalar(UInt8(s.value) + 0x40))
      } else if s.value == 0x7F {
        out += "^?"
      } else if (0x80..<0xA0).contains(s.value) {
        out += "<" + String(s.value, radix: 16, uppercase: true) + ">"
      } else if !DisplayWidth.isPrintable(s) {
        out += "\u{FFFD}"
      } else {
        out.unicodeScalars.append(s)
      }
    }
    return out
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F..<0xA0).contains(s.value)
  }
}
