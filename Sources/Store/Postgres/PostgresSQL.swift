import Foundation

/// The translation of the store's statements, written with SQLite's `?` placeholders,
/// into PostgreSQL's numbered ones: `?` becomes `$1`, `$2`… (not inside quotes), and
/// `IS ?` / `IS NOT ?`, SQLite's null-safe comparisons with a parameter, become
/// `IS NOT DISTINCT FROM $n` / `IS DISTINCT FROM $n`. Translations are cached: the
/// store sends the same few hundred statements over and over.
enum PostgresSQL {
  private static let cache = Locked<[String: String]>([:])

  static func translate(_ sql: String) -> String {
    if let cached = cache.withLock({ $0[sql] }) { return cached }
    let translated = numbered(sql)
    cache.withLock { $0[sql] = translated }
    return translated
  }

  static func numbered(_ sql: String) -> String {
    var out = ""
    out.reserveCapacity(sql.utf8.count + 16)
    var number = 0
    var quote: Character? = nil
    for ch in sql {
      if let q = quote {
        out.append(ch)
        if ch == q { quote = nil }
        continue
      }
      switch ch {
      case "'", "\"":
        quote = ch
        out.append(ch)
      case "?":
        number += 1
        if let range = trailingIs(out) {
          let negated = out[range].uppercased().contains("NOT")
          out.removeSubrange(range)
          out += negated ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM "
        }
        out += "$\(number)"
      default:
        out.append(ch)
      }
    }
    return out
  }

  /// The range of a trailing `IS ` or `IS NOT ` (any case, any spacing) in `text`.
  private static func trailingIs(_ text: String) -> Range<String.Index>? {
    let pattern = #/(?i)\bIS(\s+NOT)?\s+$/#
    guard let match = text.suffix(16).firstMatch(of: pattern) else { return nil }
    return match.range
  }
}
