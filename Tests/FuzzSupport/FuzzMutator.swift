import Domain
import Foundation

// The one fuzz mutator of the hostile-input tests (issue 7): the importers' fuzzing
// (StoreTests) and the theme files' (TUITests) share it, so both meet the same
// mutations. A library target, not a test target, because test targets cannot
// import one another.

/// How many mutated files each fuzz test tries: 10,000 unless GONGZHI_FUZZ_CASES says
/// more (or, while debugging, fewer).
public let fuzzCases = Int(ProcessInfo.processInfo.environment["GONGZHI_FUZZ_CASES"] ?? "") ?? 10_000

/// Mutations of a valid file, in memory: truncation, byte flips and inserts, GBK and
/// UTF-16 re-encoding, BOM added or removed, CRLF or lone CR, stray and doubled
/// quotes, NUL bytes, spreadsheet formulas, long fields (a few of 1 MB).
public struct FuzzMutator {
  public var rng: SeededGenerator
  public init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

  public static let formulas = [
    "=CMD()", "=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1:A9)", "=HYPERLINK(\"x\")",
  ]

  public mutating func mutate(_ valid: [UInt8], caseIndex: Int) -> [UInt8] {
    var b = valid
    if caseIndex == 0 { return b }
    // A handful of 1 MB fields per importer; otherwise small files.
    if caseIndex % 5000 == 1 {
      let unit: [UInt8] = rng.chance(0.5) ? Array("x".utf8) : Array("汉".utf8)
      var big: [UInt8] = []
      big.reserveCapacity(1 << 20)
      while big.count < 1 << 20 { big += unit }
      let at = fieldStart(b)
      b.insert(contentsOf: big, at: at)
      return b
    }
    let rounds = rng.int(1...3)
    for _ in 0..<rounds { b = mutateOnce(b) }
    return b
  }

  /// A position just after a comma or a line break (or 0).
  public mutating func fieldStart(_ b: [UInt8]) -> Int {
    var i = pos(b)
    while i < b.count && b[i] != UInt8(ascii: ",") && b[i] != 0x0A { i += 1 }
    return i < b.count ? i + 1 : 0
  }

  public mutating func pos(_ b: [UInt8]) -> Int { b.isEmpty ? 0 : rng.int(0...b.count) }

  public mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
    var b = input
    switch rng.int(0...17) {
    case 0:  // truncate
      return Array(b.prefix(pos(b)))
    case 1:  // flip bits of random bytes
      guard !b.isEmpty else { return b }
      for _ in 0..<rng.int(1...4) {
        let i = rng.int(0...(b.count - 1))
        b[i] ^= UInt8(truncatingIfNeeded: 1 << rng.int(0...7))
      }
    case 2:  // insert random bytes
      let n = rng.int(1...8)
      b.insert(contentsOf: (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: pos(b))
    case 3:  // delete a range
      guard !b.isEmpty else { return b }
      let i = rng.int(0...(b.count - 1))
      b.removeSubrange(i..<min(b.count, i + rng.int(1...16)))
    case 4:  // GBK-like: every multibyte UTF-8 character becomes two GB2312-range bytes
      var out: [UInt8] = []
      var i = 0
      while i < b.count {
        let c = b[i]
        let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        if len > 1 {
          out += [UInt8(rng.int(0xB0...0xF7)), UInt8(rng.int(0xA1...0xFE))]
        } else {
          out.append(c)
        }
        i += len
      }
      return out
    case 5:  // UTF-16 LE or BE, with or without BOM
      let text = String(decoding: b, as: UTF8.self)
      let little = rng.chance(0.5)
      var out: [UInt8] = rng.chance(0.5) ? (little ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
      for u in text.utf16 {
        let lo = UInt8(u & 0xFF)
        let hi = UInt8(u >> 8)
        out += little ? [lo, hi] : [hi, lo]
      }
      return out
    case 6:  // BOM added, doubled or removed
      if b.starts(with: [0xEF, 0xBB, 0xBF]) {
        if rng.chance(0.5) { b.removeFirst(3) } else { b.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
      } else {
        b.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
      }
    case 7:  // CRLF line ends, or lone CRs
      let cr = rng.chance(0.3)
      var out: [UInt8] = []
      for c in b {
        if c == 0x0A {
          out += cr ? [0x0D] : [0x0D, 0x0A]
        } else {
          out.append(c)
        }
      }
      return out
    case 8:  // stray quote
      b.insert(UInt8(ascii: "\""), at: pos(b))
    case 9:  // doubled quotes / quoted field
      let at = fieldStart(b)
      b.insert(contentsOf: Array(rng.pick(["\"\"", "\"", "\"a\"\"b\"", "\"\"\"", "\"x\"y"]).utf8), at: at)
    case 10:  // NUL byte
      b.insert(0, at: pos(b))
    case 11:  // a formula at the start of a field
      b.insert(contentsOf: Array(rng.pick(Self.formulas).utf8), at: fieldStart(b))
    case 12:  // a longish field (4–40 kB)
      let n = rng.int(4_000...40_000)
      b.insert(
        contentsOf: [UInt8](repeating: UInt8(ascii: rng.pick(["a", ",", "\"", "9"])), count: n),
        at: fieldStart(b))
    case 13:  // duplicate a line
      let lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
      guard lines.count > 1 else { return b }
      let i = rng.int(0...(lines.count - 1))
      var l = lines.map(Array.init)
      l.insert(l[i], at: rng.int(0...l.count))
      return Array(l.joined(separator: [0x0A]))
    case 14:  // drop or swap a line
      var l = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      guard l.count > 1 else { return b }
      let i = rng.int(0...(l.count - 1))
      if rng.chance(0.5) { l.remove(at: i) } else { l.swapAt(i, rng.int(0...(l.count - 1))) }
      return Array(l.joined(separator: [0x0A]))
    case 15:  // extra or missing separators
      if rng.chance(0.5) {
        b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: ","), count: rng.int(1...5)), at: pos(b))
      } else {
        var i = pos(b)
        while i < b.count && b[i] != UInt8(ascii: ",") { i += 1 }
        if i < b.count { b.remove(at: i) }
      }
    case 16:  // control characters and terminal escapes
      b.insert(
        contentsOf: Array(rng.pick(["\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{9B}", "\u{7F}", "\t"]).utf8),
        at: pos(b))
    default:  // an invalid UTF-8 byte or a cut multibyte sequence
      b.insert(rng.pick([0xC0, 0xFF, 0x80, 0xE6, 0xED, 0xF4]), at: pos(b))
    }
    return b
  }
}
