import Domain
import Foundation
import Store
import Testing

/// Moves an assessment on to 公示中 (four steps from 草稿).
@discardableResult
func publish(_ store: GongzhiStore, _ a: Assessment) throws -> Assessment {
  var a = a
  while a.state != .publicNotice {
    a = try store.assessments.transition(
      .advance, assessmentID: a.id, version: a.version, note: "", today: day, by: officer)
  }
  return a
}

/// A fully scored assessment with `shortfalls` meetings missed (0.5 points each).
func scored(
  _ store: GongzhiStore, _ unit: OrgUnit, _ period: Period, shortfalls: Int = 0, bonusItems: Int = 0
)
  throws -> Assessment
{
  let repo = store.assessments
  var a = try scoreFully(
    store, try repo.createAssessment(unitID: unit.id, period: period, schemeRowID: nil, by: officer))
  if shortfalls > 0 {
    a = try repo.saveEntry(
      EntryInput(
        indicatorID: "life.meetings", selfInput: IndicatorInput(occurrences: shortfalls), note: "缺会",
        evidence: "记录本"),
      assessmentID: a.id, version: a.version, reason: nil, by: officer)
  }
  if bonusItems > 0 {
    a = try repo.saveEntry(
      EntryInput(
        indicatorID: "bonus.honours", selfInput: IndicatorInput(occurrences: bonusItems), evidence: "表彰文件"),
      assessmentID: a.id, version: a.version, reason: nil, by: officer)
  }
  return a
}

@Test func movementComparesTheUnitsPublishedInBothPeriods() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let more = try (1...2).map { i in
      try store.organisation.addUnit(
        OrgUnit(parentID: org.general.id, kind: .branch, name: "第\(i)党支部"), by: admin)
    }
    let (a, b, c, d) = (org.branch, org.bone, more[0], more[1])
    let q2 = Period("2025Q2")!
    let q3 = Period("2025Q3")!
    // Q2, all published: a 500, b 499.5, c 499, d 498.5.
    for (i, unit) in [a, b, c, d].enumerated() {
      try publish(store, try scored(store, unit, q2, shortfalls: i))
    }
    // Q3: only c and d published, d now ahead; a and b still being scored.
    try publish(store, try scored(store, c, q3, shortfalls: 2))
    try publish(store, try scored(store, d, q3, shortfalls: 1))
    _ = try scored(store, a, q3)
    _ = try scored(store, b, q3)
    let r = try store.assessments.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil)
    // Published units take the 公示's places; the rest follow by total without a place.
    #expect(r.rows.map(\.unitID) == [d.id, c.id, a.id, b.id])
    #expect(r.rows.map(\.rank) == [1, 2, nil, nil])
    // Among c and d (the units published in both quarters) d went from 2nd to 1st:
    // ↑1, not ↑3 against the whole of last quarter's ranking.
    #expect(r.rows.map(\.movement) == [1, -1, nil, nil])
    let csv = try AssessmentExport.csv(period: q3, store: store)
    let lines = csv.dropFirst().components(separatedBy: "\r\n")
    #expect(lines[0].hasSuffix(",加分,一票否决,总分,等次,超优秀比例,升降"))
    // The movement is a number cell: 1 and -1, no sign or apostrophe that makes it text.
    #expect(lines[1].hasPrefix("2025Q3,党支部,1,第2党支部,") && lines[1].hasSuffix(",1"))
    #expect(lines[2].hasPrefix("2025Q3,党支部,2,第1党支部,") && lines[2].hasSuffix(",-1"))
    #expect(lines[3].hasPrefix("2025Q3,党支部,,心内科党支部,") && lines[3].hasSuffix(","))
    let md = try AssessmentExport.markdown(period: q3, store: store) { $0 }
    let row = { (name: String) in
      md.split(separator: "\n").first { $0.contains("| \(name) |") }.map(String.init)
    }
    #expect(row("第2党支部")?.hasSuffix("| ↑1 |") == true)
    #expect(row("第1党支部")?.hasSuffix("| ↓1 |") == true)
    #expect(row("心内科党支部") == nil)
  }
}

@Test func everyTotalReAddsFromItsRow() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let q3 = Period("2025Q3")!
    try publish(store, try scored(store, org.branch, q3, shortfalls: 4, bonusItems: 1))
    let r = try store.assessments.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil)
    let row = try #require(r.rows.first)
    // Dimensions 498, bonus 2: the total 500 is their sum, and the row says so.
    #expect(row.dimensionScores.reduce(0, +) == 498 && row.bonus == 2 && row.total == 500)
    let csv = try AssessmentExport.csv(period: q3, store: store)
    let cells = csv.dropFirst().components(separatedBy: "\r\n")[1].components(separatedBy: ",")
    #expect(Array(cells[7...]) == ["98", "100", "100", "100", "100", "2", "", "500", "优秀", "*", ""])
    let md = try AssessmentExport.markdown(period: q3, store: store) { $0 }
    #expect(
      md.contains(
        "| 1 | 心内科党支部 | 内科党总支 | 98 | 100 | 100 | 100 | 100 | 2 |  | 500 | grade.excellent\\* | state.publicNotice |  |"
      ))
    // The notice explains the mark it carries.
    #expect(md.contains("\\report.assessment.overCapMark"))
  }
}
