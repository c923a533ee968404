import Domain
import Foundation
import Store
import Testing

/// Lists a person scans come out of SQL in pinyin order (`COLLATE pinyin`), checked
/// against ICU's pinyin collation itself.
@Suite struct PinyinOrderTests {
  static let pinyin = Locale(identifier: "zh@collation=pinyin")

  /// True when no neighbour pair is out of ICU's pinyin order.
  static func inPinyinOrder(_ names: [String]) -> Bool {
    zip(names, names.dropFirst()).allSatisfy { a, b in
      a.compare(b, options: [], range: nil, locale: pinyin) != .orderedDescending
    }
  }

  @Test func departmentsMemberSearchAndSatisfactionDepartmentsAreInPinyinOrder() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      try DemoHospital.populate(store, seed: 5, scale: 1, today: Day(year: 2025, month: 11, day: 24))
      let departments = try store.proposals.departments(includeInactive: true).map(\.name)
      #expect(departments.count > 10)
      #expect(Self.inPinyinOrder(departments), "\(departments)")
      // Code point order differs for these names, so the test can tell the two apart.
      #expect(departments != departments.sorted())
      for query in ["王", "李", "张", "华"] {
        let found = try store.organisation.searchMembers(query, limit: 500).map(\.name)
        #expect(found.count > 2, "\(query)")
        #expect(Self.inPinyinOrder(found), "\(query): \(found)")
      }
      for population in SatisfactionPopulation.allCases {
        let names = try store.satisfaction.departments(population)
        #expect(Self.inPinyinOrder(names), "\(population): \(names)")
      }
    }
  }
}
