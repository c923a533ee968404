import Domain
import Foundation
import Testing

/// `NameOrder` (Domain) is ICU's pinyin collation taken into a table: ICU itself is the
/// oracle. Kept here, where Foundation is imported anyway: importing it into DomainTests
/// slows type-checking of its arithmetic past the compiler's limit.
@Suite struct NameOrderTests {
  static let pinyin = Locale(identifier: "zh@collation=pinyin")

  static func icu(_ a: String, _ b: String) -> ComparisonResult {
    a.compare(b, options: [], range: nil, locale: pinyin)
  }

  static func same(_ r: NameOrder.Result, _ c: ComparisonResult) -> Bool {
    switch (r, c) {
    case (.orderedAscending, .orderedAscending), (.orderedDescending, .orderedDescending),
      (.orderedSame, .orderedSame):
      return true
    default: return false
    }
  }

  @Test func hanTextAgreesWithICU() {
    var rng = SeededGenerator(seed: 26)
    func han(_ n: Int) -> String {
      var s = ""
      for _ in 0..<n {
        s.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &rng))!)
      }
      return s
    }
    for _ in 0..<1500 {
      let a = han(Int.random(in: 1...4, using: &rng))
      // Share a prefix now and then, so later characters decide too.
      let b =
        Bool.random(using: &rng) ? String(a.prefix(1)) + han(Int.random(in: 0...3, using: &rng)) : han(2)
      #expect(Self.same(NameOrder.compare(a, b), Self.icu(a, b)), "\(a) \(b)")
    }
  }

  @Test func namesSortAsARosterDoes() {
    let names = ["张三", "阿明", "王春", "李蓉丹", "丁冰怡", "赵六", "欧阳华", "骨科", "心内科", "内科1病区", "内科2病区"]
    let icuSorted = names.sorted { Self.icu($0, $1) == .orderedAscending }
    #expect(NameOrder.sorted(names) { $0 } == icuSorted)
    #expect(icuSorted.first == "阿明" && icuSorted.last == "赵六")
  }

  @Test func punctuationDigitsHanLatinInICUsGroups() {
    let items = ["张", "a", "1", "（", "B", "阿", "9"]
    let icuSorted = items.sorted { Self.icu($0, $1) == .orderedAscending }
    #expect(items.sorted(by: NameOrder.ascending) == icuSorted)
  }

  @Test func initialsAndMatching() {
    #expect(NameOrder.initials("张三") == "zs")
    #expect(NameOrder.initials("内科1病区") == "nk1bq")
    #expect(NameOrder.matches("心血管内科", query: "内科"))
    #expect(NameOrder.matches("心血管内科", query: "xxg"))
    #expect(NameOrder.matches("心血管内科", query: "XXGNK"))
    #expect(!NameOrder.matches("心血管内科", query: "wk"))
    #expect(NameOrder.matches("ICU 重症医学科", query: "icu"))
    #expect(NameOrder.matches("任何", query: "  "))
  }
}
