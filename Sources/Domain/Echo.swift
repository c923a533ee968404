/// A user's value quoted back inside a one-line message ("日期「…」无法识别").
///
/// The value may be anything a file or a command line held: megabytes long, with
/// newlines, escape sequences or bidi overrides. The excerpt is always one line of
/// at most `columns` terminal columns: control and invisible formatting scalars are
/// written as visible escapes (`\n`, `\t`, `\u{1B}`), and a longer value is cut with
/// a trailing `…`. Only the first few dozen scalars are read, so the cost does not
/// grow with the value.
public enum Echo {
  /// Most of an 80-column line, leaving room for the message around the value.
  public static let columns = 60
  public static let ellipsis = "…"

  public static func excerpt(_ value: some StringProtocol, columns: Int = Echo.columns) -> String {
    guard columns > 0 else { return "" }
    var out = String.UnicodeScalarView()
    var used = 0
    // How many scalars fit with a column left over for the ellipsis.
    var fitsWithEllipsis = 0
    for scalar in value.unicodeScalars {
      let piece = escaped(scalar)
      let width = piece.reduce(0) { $0 + ColumnWidth.of($1) }
      if used + width > columns {
        return String(String.UnicodeScalarView(out.prefix(fitsWithEllipsis))) + ellipsis
      }
      out.append(contentsOf: piece)
      used += width
      if used < columns { fitsWithEllipsis = out.count }
    }
    return String(out)
  }

  /// The visible form of one scalar: itself, or an escape for anything that would
  /// break the line, move the cursor, reorder the text or print nothing.
  static func escaped(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
    switch scalar {
    case "\n": return Array("\\n".unicodeScalars)
    case "\r": return Array("\\r".unicodeScalars)
    case "\t": return Array("\\t".unicodeScalars)
    default: break
    }
    guard needsEscape(scalar) else { return [scalar] }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return Array("\\u{\(hex)}".unicodeScalars)
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return true }  // C0, DEL, C1
    switch scalar.properties.generalCategory {
    case .lineSeparator, .paragraphSeparator, .privateUse, .unassigned:
      return true
    case .format:
      // Bidi marks and overrides can reorder the rest of the line; the joiners
      // inside emoji sequences are harmless and kept.
      return v != 0x200D && v != 0x200C
    default:
      return !ColumnWidth.isPrintable(scalar)
    }
  }
}

extension Message {
  /// The same message with every argument cut to a one-line excerpt: for messages
  /// whose arguments are values read from a file or typed by a user.
  public var echoingExcerpts: Message {
    Message(key: key, args: args.map { Echo.excerpt($0) })
  }
}
