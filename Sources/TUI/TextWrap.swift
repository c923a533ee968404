/// Word wrapping by display width: CJK text breaks between any two characters, Latin
/// text at spaces, and a word wider than the line is broken hard. Breaks follow 避头尾:
/// closing punctuation never starts a line and opening punctuation never ends one (the
/// character beside it moves to the next line with it).
public enum TextWrap {
  /// Punctuation that must not start a line (it closes or trails what precedes it).
  static let noLineStart: Set<Character> = Set("，。、；：！？）」』》〉】〕｝’”…—％,.;:!?)]}%·～")
  /// Punctuation that must not end a line (it opens what follows it).
  static let noLineEnd: Set<Character> = Set("（「『《〈【〔｛“‘([{")

  /// The lines of `text` wrapped to `width` columns. Newlines start new lines; runs of
  /// spaces at a break are dropped. Every line fits in `width` (a line holding a single
  /// wide character in a 1-column width is the only exception).
  /// Items joined by `separator` into lines of at most `width` columns, breaking only
  /// between items (an item wider than the line gets a line of its own).
  public static func pack(_ items: [String], separator: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for item in items {
      let candidate = current.isEmpty ? item : current + separator + item
      if candidate.displayWidth > width && !current.isEmpty {
        lines.append(current)
        current = item
      } else {
        current = candidate
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  public static func wrap(_ text: String, width: Int, measure: DisplayWidth = .current) -> [String] {
    guard width > 0 else { return [] }
    var out: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      out += wrapParagraph(Substring(paragraph), width: width, measure: measure)
    }
    return out
  }

  private enum Token {
    case space
    case word(String, Int)
  }

  private static func tokens(_ text: Substring, measure: DisplayWidth) -> [Token] {
    var tokens: [Token] = []
    var word = ""
    var wordWidth = 0
    func flush() {
      if !word.isEmpty { tokens.append(.word(word, wordWidth)) }
      word = ""
      wordWidth = 0
    }
    func add(_ text: String, width w: Int) {
      if w >= 2 {
        // A wide (CJK) character may be broken before and after.
        flush()
        tokens.append(.word(text, w))
      } else {
        word += text
        wordWidth += w
      }
    }
    for c in text {
      if c == " " || c == "\t" {
        flush()
        tokens.append(.space)
        continue
      }
      let w = measure.of(c)
      if w > 2 {
        // A joined sequence (an emoji family) is drawn as several cells side by side,
        // so it may break between them like any other wide characters.
        for cell in measure.cells(of: c) { add(cell.text, width: cell.width) }
      } else {
        add(String(c), width: w)
      }
    }
    flush()
    return keepPunctuationAttached(tokens)
  }

  /// Joins a word that starts with closing punctuation to the word before it, and a word
  /// after opening punctuation to that punctuation, so no break falls between them.
  private static func keepPunctuationAttached(_ tokens: [Token]) -> [Token] {
    var out: [Token] = []
    for token in tokens {
      if case .word(let word, let w) = token, case .word(let previous, let pw)? = out.last,
        let first = word.first, let last = previous.last,
        noLineStart.contains(first) || noLineEnd.contains(last)
      {
        out[out.count - 1] = .word(previous + word, pw + w)
      } else {
        out.append(token)
      }
    }
    return out
  }

  private static func wrapParagraph(_ text: Substring, width: Int, measure: DisplayWidth) -> [String] {
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    var pendingSpace = false
    for token in tokens(text, measure: measure) {
      switch token {
      case .space:
        if lineWidth > 0 { pendingSpace = true }
      case .word(let word, let w):
        let gap = pendingSpace ? 1 : 0
        pendingSpace = false
        if lineWidth + gap + w <= width {
          if gap == 1 { line += " " }
          line += word
          lineWidth += gap + w
        } else if w <= width {
          lines.append(line)
          line = word
          lineWidth = w
        } else {
          // Too long for any line: fill the current line and break the word by columns.
          if gap == 1 && lineWidth + 1 < width {
            line += " "
            lineWidth += 1
          } else if lineWidth > 0 {
            lines.append(line)
            line = ""
            lineWidth = 0
          }
          for c in word {
            let cw = measure.of(c)
            if lineWidth + cw > width && lineWidth > 0 {
              lines.append(line)
              line = ""
              lineWidth = 0
            }
            line.append(c)
            lineWidth += cw
          }
        }
      }
    }
    lines.append(line)
    return lines
  }
}

extension DisplayWidth {
  /// `TextWrap.wrap` with this width setting.
  public func wrap(_ text: String, width: Int) -> [String] {
    TextWrap.wrap(text, width: width, measure: self)
  }
}
