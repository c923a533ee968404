import Domain
import Foundation
import Store
import Testing

@Test func demoHospitalMatchesTheSeed() throws {
  try withTempDir { dir in
    let store = try GongzhiStore(path: dir + "/g.sqlite")
    try DemoHospital.populate(store, seed: 42, scale: 1)
    let units = try store.organisation.units(includeInactive: false)
    #expect(units.filter { $0.kind == .committee }.count == 1)
    #expect(units.filter { $0.kind == .generalBranch }.count == 6)
    #expect(units.filter { $0.kind == .branch }.count == 34)
    #expect(units.filter { $0.kind == .group }.count > 0)
    let totals = try store.organisation.memberTotals()
    #expect(totals.all == 877 && totals.serving == 655 && totals.retired == 222)
    // Retired members sit in the 离退休 general branch; every branch has a secretary.
    let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
    let retiredGeneral = try #require(units.first { $0.name == "离退休党总支" })
    func general(of id: Int64) -> Int64? {
      var u = byID[id]
      while let x = u, x.kind != .generalBranch { u = x.parentID.flatMap { byID[$0] } }
      return u?.id
    }
    let today = Day.today()
    var all: [Member] = []
    for u in units { all += try store.organisation.members(inUnit: u.id, includeInactive: false) }
    #expect(all.count == 877)
    for m in all {
      #expect((m.employment == .retired) == (general(of: m.unitID) == retiredGeneral.id))
      #expect(OrgRules.validate(m, today: today).isEmpty)
    }
    let probationary = all.filter { $0.standing == .probationary }.count
    #expect(probationary > 10 && probationary < 70)
    for b in units where b.kind == .branch {
      #expect(!b.secretary.isEmpty)
      let memberIDs = Set([b.id] + units.filter { $0.parentID == b.id }.map(\.id))
      let ms = all.filter { memberIDs.contains($0.unitID) }
      #expect(OrgRules.warnings(for: b, members: ms).isEmpty, "\(b.name)")
    }
    #expect(try store.audit.verify() != .intact(rows: 0))
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func demoIsDeterministicAndScales() throws {
  try withTempDir { dir in
    let a = try GongzhiStore(path: dir + "/a.sqlite")
    let b = try GongzhiStore(path: dir + "/b.sqlite")
    let c = try GongzhiStore(path: dir + "/c.sqlite")
    let today = Day(year: 2025, month: 6, day: 1)
    try DemoHospital.populate(a, seed: 9, scale: 2, today: today)
    try DemoHospital.populate(b, seed: 9, scale: 2, today: today)
    try DemoHospital.populate(c, seed: 10, scale: 2, today: today)
    #expect(try MemberCSV.export(store: a) == MemberCSV.export(store: b))
    #expect(try MemberCSV.export(store: a) != MemberCSV.export(store: c))
    let totals = try a.organisation.memberTotals()
    #expect(totals.all == 2 * 877 && totals.serving == 2 * 655 && totals.retired == 2 * 222)
    let units = try a.organisation.units(includeInactive: false)
    #expect(units.filter { $0.kind == .branch }.count == 68)
    #expect(Set(units.map(\.name)).count == units.filter { $0.kind != .group }.count + 3)
  }
}
