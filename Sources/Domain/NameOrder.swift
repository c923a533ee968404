/// The one order for Chinese text a person scans: names, departments, units, proposal
/// titles. Han characters go by pinyin (阿 丁 李 王 张 …), as printed rosters do, not
/// by code point; the order is ICU's "zh@collation=pinyin", taken once into
/// `PinyinTable` because asking ICU costs tens of microseconds a comparison on Linux,
/// too slow for SQLite sorting thousands of rows (the store registers `compare` as the
/// `pinyin` collation). Within a string: punctuation and symbols, then digits, then
/// Han, then Latin letters (case ignored), as ICU has them; ties fall back to code points
/// so the order is total.
public enum NameOrder {
  public static func ascending(_ a: String, _ b: String) -> Bool {
    compare(a, b) == .orderedAscending
  }

  public enum Result: Sendable {
    case orderedAscending, orderedSame, orderedDescending
  }

  public static func compare(_ a: String, _ b: String) -> Result {
    var i = a.unicodeScalars.makeIterator()
    var j = b.unicodeScalars.makeIterator()
    while true {
      switch (i.next(), j.next()) {
      case (nil, nil): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
      case (nil, _): return .orderedAscending
      case (_, nil): return .orderedDescending
      case (let x?, let y?):
        if x == y { continue }  // shared prefixes ("关于…") cost no table look-ups
        let kx = key(x)
        let ky = key(y)
        if kx != ky { return kx < ky ? .orderedAscending : .orderedDescending }
      }
    }
  }

  /// Sorts `items` by `name` in this order.
  public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
    items.sorted { ascending(name($0), name($1)) }
  }

  /// The pinyin initials of the Han characters in `text`, other letters and digits
  /// kept as they are, lower-cased: "张三" → "zs", "内科1病区" → "nk1bq". Lets a
  /// picker find 张三 by typing `zs`.
  public static func initials(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if let rank = Table.shared.rank(scalar) {
        let letter = Table.shared.initials[rank]
        if letter != "_" { out.unicodeScalars.append(letter) }
      } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        out += String(scalar).lowercased()
      }
    }
    return out
  }

  /// True when `query` (trimmed, case ignored) is found in `text`, or in its pinyin
  /// initials when the query is all ASCII letters and digits.
  public static func matches(_ text: String, query: String) -> Bool {
    let q = query.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    guard !q.isEmpty else { return true }
    if text.lowercased().contains(q) { return true }
    guard
      q.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    else { return false }
    return initials(text).contains(q)
  }

  /// (group, weight) of one scalar: the groups are punctuation and symbols, digits, Han,
  /// Latin letters.
  private static func key(_ s: Unicode.Scalar) -> (Int, UInt32) {
    if let rank = Table.shared.rank(s) { return (2, UInt32(rank)) }
    if ("0"..."9").contains(s) { return (1, s.value) }
    if s.properties.isAlphabetic {
      if s.properties.isIdeographic { return (2, UInt32(Table.count) + s.value) }
      let lower = s.properties.lowercaseMapping.unicodeScalars.first ?? s
      return (3, lower.value)
    }
    return (0, s.value)
  }

  /// `PinyinTable` as arrays indexed by scalar, built on first use (a few milliseconds).
  private final class Table: Sendable {
    static let shared = Table()
    static let base: UInt32 = 0x4E00
    static let count = 0x9FFF - 0x4E00 + 1
    let ranks: [UInt16]
    let initials: [Unicode.Scalar]

    init() {
      var ranks = [UInt16](repeating: UInt16.max, count: Self.count)
      var rank: UInt16 = 0
      for s in PinyinTable.order.unicodeScalars where s.value >= Self.base {
        let i = Int(s.value - Self.base)
        if i < Self.count {
          ranks[i] = rank
          rank += 1
        }
      }
      self.ranks = ranks
      self.initials = PinyinTable.initials.unicodeScalars.filter { $0 != "\n" && $0 != " " }
    }

    func rank(_ s: Unicode.Scalar) -> Int? {
      guard s.value >= Self.base, s.value - Self.base < UInt32(Self.count) else { return nil }
      let r = ranks[Int(s.value - Self.base)]
      return r == UInt16.max ? nil : Int(r)
    }
  }
}
