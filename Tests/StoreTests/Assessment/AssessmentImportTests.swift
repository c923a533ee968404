import Domain
import Foundation
import Store
import Testing

@Test func importScoresGood() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let file = dir + "/scores.csv"
    try write(
      """
      \u{FEFF}单位,考评期,指标,自评,审核,说明,佐证\r
      心内科党支部,2025Q3,life.meetings,0次,3次,缺3次党小组会,记录本P12\r
      心内科党支部,2025Q3,组织生活记录完整,好,较好,记录要素不全,\r
      心内科党支部,2025Q3,service.business,8,,党建与业务结合一般,\r
      外科党总支/骨科党支部,2025Q3,service.volunteer,12,,,\r
      骨科党支部,2025Q3,bonus.honours,n=2,,,省级表彰\r

      """, to: file)
    #expect(try AssessmentImport.importScores(path: file, store: store, actor: officer) == 5)
    let a = try #require(try store.assessments.assessment(unitID: org.branch.id, period: Period("2025Q3")!))
    #expect(
      a.entry("life.meetings").committeeInput.occurrences == 3
        && a.entry("life.meetings").evidence == "记录本P12")
    #expect(a.entry("life.records").committeeInput.level == "较好")
    // A level's points are taken as the level.
    #expect(a.entry("service.business").selfInput == IndicatorInput(level: "较好"))
    #expect(a.summary.total == 18.5 + 12 + 8)
    let b = try #require(try store.assessments.assessment(unitID: org.bone.id, period: Period("2025Q3")!))
    #expect(
      b.summary.total == 12 && b.summary.bonus == 4 && b.summary.total + b.summary.bonus == 16
        || b.summary.total == 16)
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test(arguments: [
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,life.meetings,25\n", 2, 4, MessageKeys.scoreOverMax),
  (
    "单位,考评期,指标,自评\n心内科党支部,2025Q3,life.meetings,0次\n心内科党支部,2025Q3,life.meetings,3次\n", 3, 4,
    MessageKeys.scoreDeductionNeedsReason
  ),
  (
    "单位,考评期,指标,自评\n心内科党支部,2025Q3,life.meetings,0次\n无此支部,2025Q3,life.meetings,1\n", 3, 1,
    "error.import.unknownUnit"
  ),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q9,life.meetings,1\n", 2, 2, "error.import.badValue"),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,life.nothing,1\n", 2, 3, "error.assessment.unknownIndicator"),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,life.records,优\n", 2, 4, "error.import.badValue"),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,life.meetings,-1\n", 2, 4, MessageKeys.scoreNegative),
  // Points that fit no level or no whole number of occurrences.
  ("单位,考评期,指标,自评,审核\n心内科党支部,2025Q3,service.brand,好,18\n", 2, 5, MessageKeys.scoreNotALevel),
  (
    "单位,考评期,指标,自评,说明\n心内科党支部,2025Q3,life.org-life,12,少1项\n", 2, 4,
    MessageKeys.scoreOffStepDeduct
  ),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,service.care,13\n", 2, 4, MessageKeys.scoreOffStepCount),
  // A bonus counts whole items (2 points each): 5 is no number of items.
  ("单位,考评期,指标,自评,佐证\n心内科党支部,2025Q3,bonus.honours,5,表彰\n", 2, 4, MessageKeys.scoreOffStepCount),
  ("单位,考评期,自评\n心内科党支部,2025Q3,1\n", 1, 4, "error.import.missingHeader"),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,life.meetings\n", 2, 4, "error.import.fieldCount"),
  ("单位,考评期,指标,自评\n心内科党支部,2025Q3,\"life.meetings\n", 2, 3, "error.import.unterminatedQuote"),
])
func importScoresBadWritesNothing(_ text: String, _ line: Int, _ column: Int, _ key: String) throws {
  try withStorePath { storePath, dir in
    let path = storePath
    let store = try GongzhiStore(path: path)
    _ = try SmallOrg(store)
    let file = dir + "/bad.csv"
    try write(text, to: file)
    let auditBefore = try store.audit.entries(entity: nil, since: nil, limit: nil).count
    do {
      _ = try AssessmentImport.importScores(path: file, store: store, actor: officer)
      Issue.record("import accepted")
    } catch let e as ImportError {
      #expect(e.file == file && e.line == line && e.column == column, "\(e)")
      #expect(e.problem.key == key)
    }
    #expect(try count(path, "assessment") == 0 && count(path, "assessment_entry") == 0)
    #expect(try store.audit.entries(entity: nil, since: nil, limit: nil).count == auditBefore)
  }
}

@Test func importRefusesLockedAssessmentsAndViewers() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    _ = try lockedAssessment(store, org)
    let file = dir + "/s.csv"
    try write("单位,考评期,指标,审核\n骨科党支部,2025Q3,life.records,好\n心内科党支部,2025Q3,life.records,较好\n", to: file)
    #expect(
      throws: ImportError(
        file: file, line: 3, column: 1, problem: Message("error.import.assessmentClosed", "心内科党支部", "locked"))
    ) {
      try AssessmentImport.importScores(path: file, store: store, actor: officer)
    }
    #expect(try store.assessments.assessment(unitID: org.bone.id, period: Period("2025Q3")!) == nil)
    #expect(throws: StoreError.permissionDenied(.importData)) {
      try AssessmentImport.importScores(path: file, store: store, actor: Actor(name: "v", role: .viewer))
    }
  }
}

@Test func exportCSVAndMarkdown() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    _ = try lockedAssessment(store, org)
    var b = try repo.createAssessment(
      unitID: org.bone.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    b = try repo.saveEntry(
      EntryInput(
        indicatorID: "life.records", selfInput: IndicatorInput(level: "差"), note: "=HYPERLINK(\"x\")"),
      assessmentID: b.id, version: b.version, reason: nil, by: officer)
    let csv = try AssessmentExport.csv(period: Period("2025Q3")!, store: store)
    #expect(csv.hasPrefix("\u{FEFF}考评期,类型,排名,单位,所属总支,类别,状态,组织生活正常化,"))
    let lines = csv.dropFirst().components(separatedBy: "\r\n")
    #expect(lines.count == 4 && lines[3].isEmpty)
    // One published unit: 30 % of 1 allows no 优秀, so it is marked; the draft has no place.
    #expect(lines[1] == "2025Q3,党支部,1,心内科党支部,内科党总支,临床,已定等,100,100,100,100,100,0,,500,优秀,*,")
    #expect(lines[2].hasPrefix("2025Q3,党支部,,骨科党支部,外科党总支,,草稿,5,"))
    let md = try AssessmentExport.markdown(period: Period("2025Q3")!, store: store) { key in
      switch key {
      case "report.assessment.title": return "{0} 党支部考评结果公示"
      case "report.assessment.unpublished": return "另有 {0} 个单位尚未公示"
      default: return "<\(key)>"
      }
    }
    #expect(md.hasPrefix("# 2025Q3 党支部考评结果公示\n"))
    // The 公示 lists only published or fixed results, with their state; the draft is counted.
    #expect(
      md.contains(
        "| 1 | 心内科党支部 | 内科党总支 | 100 | 100 | 100 | 100 | 100 | 0 |  | 500 | <grade.excellent>\\* | <state.locked> |  |"
      ))
    #expect(!md.contains("骨科党支部"))
    #expect(md.contains("另有 1 个单位尚未公示"))
    #expect(md.contains("| <grade.excellent> | 1 | 100% |") && md.contains("| <grade.fail> | 0 | 0% |"))
    #expect(!md.contains("{0}"))
    // Nothing published yet: the sections say so and list no unit.
    let other = try repo.createAssessment(
      unitID: org.bone.id, period: Period("2025Q4")!, schemeRowID: nil, by: officer)
    #expect(other.state == .draft)
    let none = try AssessmentExport.markdown(period: Period("2025Q4")!, store: store) { $0 }
    #expect(none.contains("report.assessment.nonePublished") && !none.contains("骨科党支部"))
    let empty = try AssessmentExport.markdown(period: Period("2020Q1")!, store: store) { $0 }
    #expect(empty.contains("report.assessment.empty"))
  }
}
