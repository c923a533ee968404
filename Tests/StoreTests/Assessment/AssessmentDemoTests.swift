import Domain
import Foundation
import Store
import Testing

@Test func demoHasEightQuartersOfAssessmentsInVariedStates() throws {
  try withStorePath { path in try checkDemo(path) }
}

func checkDemo(_ path: String) throws {
  do {
    let store = try GongzhiStore(path: path)
    let today = Day(year: 2025, month: 11, day: 24)
    let start = Date()
    try DemoHospital.populate(store, seed: 42, scale: 1, today: today)
    let seconds = Date().timeIntervalSince(start)
    let repo = store.assessments
    let periods = try repo.periods()
    #expect(
      periods.map(\.text) == ["2025Q4", "2025Q3", "2025Q2", "2025Q1", "2024Q4", "2024Q3", "2024Q2", "2024Q1"])
    var counted: [Grade] = []
    for p in periods {
      let list = try repo.assessments(period: p)
      #expect(list.count == 40)  // 6 总支 + 34 支部
      if p == periods[0] {
        let states = Set(list.map(\.state))
        #expect(states.isSubset(of: [.draft, .selfSubmitted, .generalReview]) && states.count == 3)
        #expect(list.contains { $0.unscored > 0 })
      } else {
        #expect(list.allSatisfy { $0.state == .locked && $0.unscored <= 1 })
        counted += list.map(\.grade)
      }
    }
    let grades = Dictionary(grouping: counted, by: { $0 }).mapValues(\.count)
    let locked = counted.count
    #expect(locked == 7 * 40)
    #expect((grades[.fail] ?? 0) >= 1 && (grades[.fail] ?? 0) <= 3)
    #expect((grades[.pass] ?? 0) >= 5 && (grades[.pass] ?? 0) < locked / 5)
    #expect((grades[.excellent] ?? 0) + (grades[.good] ?? 0) > locked * 3 / 4)
    #expect((grades[.excellent] ?? 0) > locked / 6 && (grades[.good] ?? 0) > locked / 6)
    print("demo scale 1: \(String(format: "%.2f", seconds)) s; grades \(grades)")
    // Stored totals agree with the entries.
    for item in try repo.assessments(period: periods[3]).prefix(5) {
      let a = try #require(try repo.assessment(id: item.id))
      #expect(a.summary.total == item.total && a.summary.grade == item.grade)
      #expect(try repo.history(assessmentID: a.id).map(\.to) == AssessmentState.allCases)
    }
    // Every demo score fits its indicator: a level, or whole occurrences (typed points
    // that fit no level or step are refused), and deductions carry their reason.
    for p in periods {
      for item in try repo.assessments(period: p) {
        let a = try #require(try repo.assessment(id: item.id))
        for e in a.entries {
          let i = try #require(a.scheme.indicator(id: e.indicatorID))
          #expect(Scoring.issues(i, e).isEmpty, "\(p) unit \(item.unitID): \(e)")
        }
      }
    }
    let ranking = try repo.ranking(period: periods[1], kind: .branch, generalBranchID: nil, category: nil)
    #expect(ranking.rows.count == 34 && ranking.rows.contains { $0.movement != nil && $0.movement != 0 })
    #expect(!ranking.overExcellentCap.isEmpty)  // 五化 caps 优秀 at 30 %
    #expect(try repo.yearResults(year: 2024, weights: .standard).count == 40)
    let branch = try #require(
      try store.organisation.units(includeInactive: false).first { $0.kind == .branch })
    #expect(try repo.memberPoints(unitID: branch.id, year: 2025, rules: .standard).contains { $0.events > 0 })
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func demoAssessmentsAreDeterministic() throws {
  try withStorePath { storePath, dir in
    let today = Day(year: 2025, month: 6, day: 1)
    let a = try GongzhiStore(path: dir + "/a.sqlite")
    let b = try GongzhiStore(path: storePath)
    try DemoHospital.populate(a, seed: 7, scale: 1, today: today)
    try DemoHospital.populate(b, seed: 7, scale: 1, today: today)
    #expect(
      try AssessmentExport.csv(period: Period("2025Q1")!, store: a)
        == AssessmentExport.csv(period: Period("2025Q1")!, store: b))
    #expect(
      try a.assessments.assessments(period: Period("2025Q2")!)
        == b.assessments.assessments(period: Period("2025Q2")!))
  }
}

/// A benchmark, not a timed test: run with `GONGZHI_BENCH=1 swift test -c release --filter rankingOf400Units`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["GONGZHI_BENCH"] != nil))
func rankingOf400UnitsBenchmark() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let today = Day(year: 2025, month: 11, day: 24)
    let start = Date()
    try DemoHospital.populate(store, seed: 1, scale: 10, today: today)
    let populate = Date().timeIntervalSince(start)
    let period = Period("2025Q3")!
    _ = try store.assessments.ranking(period: period, kind: .branch, generalBranchID: nil, category: nil)
    var best = Double.infinity
    for _ in 0..<5 {
      let t = Date()
      let r = try store.assessments.ranking(
        period: period, kind: .branch, generalBranchID: nil, category: nil)
      best = min(best, Date().timeIntervalSince(t))
      #expect(r.rows.count == 340)
    }
    var loadBest = Double.infinity
    let ids = try store.assessments.assessments(period: period).prefix(20).map(\.id)
    for id in ids {
      let t = Date()
      _ = try store.assessments.assessment(id: id)
      loadBest = min(loadBest, Date().timeIntervalSince(t))
    }
    print(
      "demo scale 10: \(String(format: "%.2f", populate)) s; ranking 340 branches (+400 assessments): \(String(format: "%.2f", best * 1000)) ms; load one assessment \(String(format: "%.2f", loadBest * 1000)) ms"
    )
  }
}
