import Domain
import Foundation
import Store
import Testing

/// Self inputs scoring every regular indicator fully, with evidence where required.
func fullEntries(_ scheme: Scheme) -> [EntryInput] {
  scheme.allIndicators.compactMap { i in
    var e = EntryInput(indicatorID: i.id, evidence: i.evidenceRequired ? "档案盒A-\(i.id)" : "")
    switch i.method {
    case .graded: e.selfInput = IndicatorInput(level: i.levels[0].name)
    case .deduct, .veto: e.selfInput = IndicatorInput(occurrences: 0)
    case .count: e.selfInput = IndicatorInput(points: i.maxPoints)
    case .bonus: return nil
    }
    return e
  }
}

/// Saves every full entry and returns the assessment.
@discardableResult
func scoreFully(_ store: GongzhiStore, _ a: Assessment) throws -> Assessment {
  var a = a
  for e in fullEntries(a.scheme) {
    a = try store.assessments.saveEntry(e, assessmentID: a.id, version: a.version, reason: nil, by: officer)
  }
  return a
}

let day = Day(year: 2025, month: 10, day: 9)

@Test func assessmentScoringSavesTotalsAndRefusesBadInput() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    #expect(try repo.currentScheme() == nil)
    var a = try repo.createAssessment(
      unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    #expect(a.state == .draft && a.summary.total == 0 && a.entries.count == a.scheme.allIndicators.count)
    #expect(try repo.currentScheme()?.scheme.id == "wuhua")
    #expect(throws: StoreError.self) {
      try repo.createAssessment(
        unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    }
    #expect(throws: StoreError.self) {
      try repo.createAssessment(
        unitID: org.committee.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    }
    #expect(throws: StoreError.self) {
      try repo.createAssessment(unitID: org.bone.id, period: Period("2025")!, schemeRowID: nil, by: officer)
    }
    a = try scoreFully(store, a)
    #expect(a.summary.total == 500 && a.summary.grade == .excellent && a.selfSummary.total == 500)
    // Over the maximum: refused, nothing stored.
    let before = a
    let over = EntryInput(indicatorID: "life.meetings", selfInput: IndicatorInput(points: 25))
    #expect(
      throws: StoreError.invalid([
        FieldIssue(field: "self", message: Message(MessageKeys.scoreOverMax, "25", "20"))
      ])
    ) {
      try repo.saveEntry(over, assessmentID: a.id, version: a.version, reason: nil, by: officer)
    }
    let noReason = EntryInput(
      indicatorID: "life.meetings", selfInput: IndicatorInput(occurrences: 3), evidence: "x")
    #expect(throws: StoreError.self) {
      try repo.saveEntry(noReason, assessmentID: a.id, version: a.version, reason: nil, by: officer)
    }
    #expect(try repo.assessment(id: a.id) == before)
    var e = noReason
    e.note = "缺3次党小组会"
    a = try repo.saveEntry(e, assessmentID: a.id, version: a.version, reason: nil, by: officer)
    #expect(a.summary.total == 498.5 && a.summary.dimensions[0].score == 98.5)
    let list = try repo.assessments(period: Period("2025Q3")!)
    #expect(list.count == 1 && list[0].total == 498.5 && list[0].grade == .excellent && list[0].unscored == 1)
    #expect(try repo.periods() == [Period("2025Q3")!])
    // Viewer and clerk may not score.
    for role in [Role.viewer, .clerk] {
      #expect(throws: StoreError.permissionDenied(.scoreAssessments)) {
        try repo.saveEntry(
          e, assessmentID: a.id, version: a.version, reason: nil, by: Actor(name: "x", role: role))
      }
    }
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func workflowThroughTheStore() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    var a = try repo.createAssessment(
      unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    // Cannot submit unscored.
    #expect(throws: StoreError.self) {
      try repo.transition(.advance, assessmentID: a.id, version: a.version, note: "", today: day, by: officer)
    }
    a = try scoreFully(store, a)
    for role in [Role.viewer, .clerk] {
      #expect(throws: StoreError.permissionDenied(.scoreAssessments)) {
        try repo.transition(
          .advance, assessmentID: a.id, version: a.version, note: "", today: day,
          by: Actor(name: "v", role: role))
      }
    }
    a = try repo.transition(
      .advance, assessmentID: a.id, version: a.version, note: "", today: day, by: officer)
    #expect(a.state == .selfSubmitted)
    // The self score is closed after submission; the committee scores.
    #expect(throws: StoreError.self) {
      try repo.saveEntry(
        EntryInput(indicatorID: "life.talks", selfInput: IndicatorInput(points: 5)), assessmentID: a.id,
        version: a.version, reason: nil, by: officer)
    }
    var talks = a.entry("life.talks")
    talks.committeeInput = IndicatorInput(occurrences: 6)
    a = try repo.saveEntry(talks, assessmentID: a.id, version: a.version, reason: nil, by: officer)
    #expect(a.summary.total == 496 && a.selfSummary.total == 500)
    a = try repo.transition(
      .sendBack, assessmentID: a.id, version: a.version, note: "补充佐证", today: day, by: admin)
    #expect(a.state == .draft)
    for _ in 0..<4 {
      a = try repo.transition(
        .advance, assessmentID: a.id, version: a.version, note: "", today: day, by: officer)
    }
    #expect(
      a.state == .publicNotice && a.noticeStart == day && a.noticeEnds == Day(year: 2025, month: 10, day: 15))
    let o = try repo.addObjection(
      assessmentID: a.id, raisedBy: "匿名", content: "主题党日记录不全", on: day, by: officer)
    #expect(try repo.objections(assessmentID: a.id).map(\.isOpen) == [true])
    let later = Day(year: 2025, month: 10, day: 16)
    #expect(throws: StoreError.self) {
      try repo.transition(
        .advance, assessmentID: a.id, version: a.version, note: "", today: later, by: officer)
    }
    _ = try repo.resolveObjection(id: o.id, version: o.version, resolution: "经核实记录齐全", on: later, by: officer)
    // Before the notice ends, locking needs a note.
    #expect(throws: StoreError.self) {
      try repo.transition(.advance, assessmentID: a.id, version: a.version, note: "", today: day, by: officer)
    }
    a = try repo.transition(
      .advance, assessmentID: a.id, version: a.version, note: "", today: later, by: officer)
    #expect(a.state == .locked)
    #expect(throws: StoreError.self) {
      try repo.transition(.advance, assessmentID: a.id, version: a.version, note: "", today: later, by: admin)
    }
    #expect(throws: StoreError.self) {
      try repo.transition(
        .sendBack, assessmentID: a.id, version: a.version, note: "重评", today: later, by: admin)
    }
    let steps = try repo.history(assessmentID: a.id)
    #expect(
      steps.map(\.to) == [
        .draft, .selfSubmitted, .draft, .selfSubmitted, .generalReview, .committeeReview, .publicNotice,
        .locked,
      ])
    #expect(steps[2].note == "补充佐证" && steps[2].actor == admin.name)
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

/// A locked assessment of the small org's branch.
func lockedAssessment(_ store: GongzhiStore, _ org: SmallOrg) throws -> Assessment {
  let repo = store.assessments
  var a = try repo.createAssessment(
    unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
  a = try scoreFully(store, a)
  for _ in 0..<5 {
    a = try repo.transition(
      .advance, assessmentID: a.id, version: a.version, note: "提前定等", today: day, by: officer)
  }
  return a
}

@Test func lockedEditsNeedAReasonAndAreAudited() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    var a = try lockedAssessment(store, org)
    #expect(a.state == .locked)
    var room = a.entry("position.room")
    room.committeeInput = IndicatorInput(level: "较好")
    room.note = "活动室标识不全"
    for reason in [nil, "", "  "] as [String?] {
      #expect(throws: StoreError.self) {
        try repo.saveEntry(room, assessmentID: a.id, version: a.version, reason: reason, by: officer)
      }
    }
    a = try repo.saveEntry(
      room, assessmentID: a.id, version: a.version, reason: "复查发现问题，党委会决定调整", by: officer)
    #expect(a.summary.total == 496 && a.state == .locked)
    let log = try store.audit.entries(entity: nil, since: nil, limit: 20)
    let changed = log.filter { $0.reason == "复查发现问题，党委会决定调整" }
    #expect(
      changed.contains {
        $0.entity == "assessment_entry" && $0.field == "committee_input" && $0.newValue == "l=较好"
      })
    #expect(
      changed.contains {
        $0.entity == "assessment" && $0.field == "total" && $0.oldValue == "500" && $0.newValue == "496"
      })
    #expect(changed.allSatisfy { $0.actor == auditActor(store, officer) })
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func concurrentEditsAreDetected() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    let one = try GongzhiStore(path: path)
    let org = try SmallOrg(one)
    let two = try GongzhiStore(path: path)
    let a1 = try one.assessments.createAssessment(
      unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    let a2 = try #require(try two.assessments.assessment(unitID: org.branch.id, period: Period("2025Q3")!))
    #expect(a1 == a2)
    let e1 = EntryInput(indicatorID: "life.records", selfInput: IndicatorInput(level: "好"))
    let saved = try one.assessments.saveEntry(
      e1, assessmentID: a1.id, version: a1.version, reason: nil, by: officer)
    let e2 = EntryInput(indicatorID: "life.records", selfInput: IndicatorInput(level: "一般"), note: "记录不全")
    #expect(throws: StoreError.staleVersion(entity: "assessment", id: a1.id)) {
      try two.assessments.saveEntry(e2, assessmentID: a2.id, version: a2.version, reason: nil, by: admin)
    }
    // Reload and retry succeeds; nothing was overwritten silently.
    let reloaded = try #require(try two.assessments.assessment(id: a2.id))
    #expect(reloaded.entry("life.records").selfInput.level == "好" && reloaded.version == saved.version)
    let again = try two.assessments.saveEntry(
      e2, assessmentID: a2.id, version: reloaded.version, reason: nil, by: admin)
    #expect(again.entry("life.records").selfInput.level == "一般")
    #expect(throws: StoreError.staleVersion(entity: "assessment", id: a1.id)) {
      try one.assessments.transition(
        .sendBack, assessmentID: a1.id, version: saved.version, note: "x", today: day, by: officer)
    }
  }
}

@Test func tamperedAssessmentRowsAreDetected() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    do {
      let store = try GongzhiStore(path: path)
      let org = try SmallOrg(store)
      _ = try lockedAssessment(store, org)
      guard case .intact = try store.audit.verify() else {
        Issue.record("audit broken")
        return
      }
      try store.close()
    }
    try tamper(
      path, "UPDATE assessment_entry SET committee_input = 'l=差' WHERE indicator_id = 'position.room'")
    let store = try GongzhiStore(path: path)
    guard case .broken(_, "assessment_entry", _, let detail) = try store.audit.verify() else {
      Issue.record("entry tampering not detected")
      return
    }
    #expect(detail.contains("committee_input"))
    try tamper(
      path, "UPDATE assessment_entry SET committee_input = NULL WHERE indicator_id = 'position.room'")
    #expect(try store.audit.verify() != .intact(rows: 0))
    guard case .intact = try store.audit.verify() else {
      Issue.record("restoring the row should make it intact again")
      return
    }
    try tamper(path, "UPDATE assessment SET total = 510, grade = 'excellent'")
    guard case .broken(_, "assessment", _, let d2) = try store.audit.verify() else {
      Issue.record("total tampering not detected")
      return
    }
    #expect(d2.contains("total"))
  }
}

@Test func schemeVersionsFreezeOnceLocked() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    let v1 = try repo.saveScheme(.wuhua, by: officer)
    #expect(v1.scheme.version == 1 && !v1.frozen)
    var edited = Scheme.wuhua
    edited.name = "五化考评（修订）"
    let same = try repo.saveScheme(edited, by: officer)
    #expect(same.rowID == v1.rowID && same.scheme.name == "五化考评（修订）")
    _ = try lockedAssessment(store, org)
    #expect(try repo.scheme(rowID: v1.rowID)?.frozen == true)
    edited.excellentCap = 0.2
    let v2 = try repo.saveScheme(edited, by: officer)
    #expect(v2.rowID != v1.rowID && v2.scheme.version == 2)
    #expect(try repo.scheme(rowID: v1.rowID)?.scheme.excellentCap == 0.3)
    #expect(try repo.schemes().count == 2 && repo.currentScheme()?.rowID == v2.rowID)
    var bad = Scheme.wuhua
    bad.totalPoints = 400
    #expect(throws: StoreError.self) { try repo.saveScheme(bad, by: officer) }
    #expect(throws: StoreError.permissionDenied(.scoreAssessments)) {
      try repo.saveScheme(.wuhua, by: Actor(name: "v", role: .viewer))
    }
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func rankingYearEndAndMemberPoints() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    let q2 = Period("2025Q2")!
    let q3 = Period("2025Q3")!
    // Q2: bone ahead; Q3: branch ahead.
    var b2 = try scoreFully(
      store, try repo.createAssessment(unitID: org.branch.id, period: q2, schemeRowID: nil, by: officer))
    b2 = try repo.saveEntry(
      EntryInput(indicatorID: "life.records", selfInput: IndicatorInput(level: "差"), note: "缺记录"),
      assessmentID: b2.id,
      version: b2.version, reason: nil, by: officer)
    _ = try scoreFully(
      store, try repo.createAssessment(unitID: org.bone.id, period: q2, schemeRowID: nil, by: officer))
    _ = try scoreFully(
      store, try repo.createAssessment(unitID: org.branch.id, period: q3, schemeRowID: nil, by: officer))
    var o3 = try scoreFully(
      store, try repo.createAssessment(unitID: org.bone.id, period: q3, schemeRowID: nil, by: officer))
    o3 = try repo.saveEntry(
      EntryInput(
        indicatorID: "service.dues", selfInput: IndicatorInput(occurrences: 10), note: "多人欠缴", evidence: "台账"),
      assessmentID: o3.id, version: o3.version, reason: nil, by: officer)
    o3 = try repo.saveEntry(
      EntryInput(indicatorID: "veto.discipline", selfInput: IndicatorInput(occurrences: 1), note: "违纪案件"),
      assessmentID: o3.id, version: o3.version, reason: nil, by: officer)
    // Drafts take no place in the 公示's ranking; published, they do.
    #expect(
      try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil).rows.map(\.rank) == [
        nil, nil,
      ])
    for period in [q2, q3] {
      for item in try repo.assessments(period: period) {
        try publish(store, try #require(try repo.assessment(id: item.id)))
      }
    }
    let r = try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil)
    #expect(r.rows.map(\.unitID) == [org.branch.id, org.bone.id])
    #expect(r.rows.map(\.rank) == [1, 2])
    #expect(r.rows.map(\.movement) == [1, -1])
    #expect(r.rows[1].grade == .fail && r.rows[1].vetoed && r.rows[1].total == 480)
    #expect(r.distribution == [.excellent: 1, .good: 0, .pass: 0, .fail: 1])
    #expect(r.rows[0].dimensionScores == [100, 100, 100, 100, 100])
    let filtered = try repo.ranking(period: q3, kind: .branch, generalBranchID: org.surgery.id, category: nil)
    #expect(filtered.rows.map(\.unitID) == [org.bone.id] && filtered.rows[0].rank == 2)
    #expect(
      try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: .clinical).rows.map(
        \.unitID) == [org.branch.id])

    // 双述双评 and the yearly result.
    for aspect in ReviewAspect.allCases {
      try repo.setReviewMark(
        unitID: org.branch.id, year: 2025, rater: .committee, aspect: aspect, mark: 90, by: officer)
    }
    try repo.setReviewMark(
      unitID: org.branch.id, year: 2025, rater: .committee, aspect: .integrity, mark: 94, by: officer)
    #expect(throws: StoreError.self) {
      try repo.setReviewMark(
        unitID: org.branch.id, year: 2025, rater: .members, aspect: .integrity, mark: 101, by: officer)
    }
    #expect(try repo.reviewMarks(unitID: org.branch.id, year: 2025).count == 4)
    let years = try repo.yearResults(year: 2025, weights: .standard)
    let branchYear = try #require(years.first { $0.unitID == org.branch.id })
    #expect(branchYear.quarters.map(\.0) == [q2, q3] && branchYear.result.reviewScore == 91)
    #expect(branchYear.result.quarterMean == 495)  // (490 + 500) / 2
    #expect(branchYear.result.total == 483)  // 0.7·495 + 0.3·455
    #expect(years.first { $0.unitID == org.bone.id }?.result.grade == .fail)

    // Member points.
    let m1 = try store.organisation.addMember(Member(unitID: org.branch.id, name: "王伟"), by: admin)
    let m2 = try store.organisation.addMember(Member(unitID: org.branch.id, name: "李娜"), by: admin)
    for month in 1...8 {
      try repo.addPointsEvent(
        memberID: m1.id, event: PointsEvent(itemID: "theme-day", day: Day(year: 2025, month: month, day: 5)),
        note: "", by: officer)
    }
    try repo.addPointsEvent(
      memberID: m2.id, event: PointsEvent(itemID: "absent", day: Day(year: 2025, month: 3, day: 1), count: 2),
      note: "无故缺席", by: officer)
    try repo.addPointsEvent(
      memberID: m2.id, event: PointsEvent(itemID: "honour", day: Day(year: 2024, month: 3, day: 1)), note: "",
      by: officer)
    #expect(throws: StoreError.self) {
      try repo.addPointsEvent(
        memberID: m2.id, event: PointsEvent(itemID: "nope", day: day), note: "", by: officer)
    }
    let points = try repo.memberPoints(unitID: org.branch.id, year: 2025, rules: .standard)
    #expect(points.map(\.name) == ["王伟", "李娜"])
    #expect(points[0].points.total == 32 && points[0].points.task == 12 && points[1].points.total == 16)
    #expect(try repo.pointsEvents(memberID: m1.id, year: 2025).count == 8)
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func generalBranchResultCanBeTheMeanOfItsBranches() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    var scheme = Scheme.wuhua
    scheme.generalBranchMode = .meanOfBranches
    let stored = try repo.saveScheme(scheme, by: officer)
    let q3 = Period("2025Q3")!
    let second = try store.organisation.addUnit(
      OrgUnit(parentID: org.general.id, kind: .branch, name: "肾内科党支部"), by: admin)
    _ = try scoreFully(
      store,
      try repo.createAssessment(unitID: org.branch.id, period: q3, schemeRowID: stored.rowID, by: officer))
    var s = try scoreFully(
      store, try repo.createAssessment(unitID: second.id, period: q3, schemeRowID: nil, by: officer))
    s = try repo.saveEntry(
      EntryInput(
        indicatorID: "service.brand", selfInput: IndicatorInput(level: "差"), note: "未推进", evidence: "x"),
      assessmentID: s.id, version: s.version, reason: nil, by: officer)
    #expect(s.summary.total == 486)
    _ = try scoreFully(
      store, try repo.createAssessment(unitID: org.bone.id, period: q3, schemeRowID: nil, by: officer))
    let r = try repo.ranking(period: q3, kind: .generalBranch, generalBranchID: nil, category: nil)
    #expect(r.rows.map(\.unitID) == [org.surgery.id, org.general.id])
    #expect(r.rows.map(\.total) == [500, 493] && r.rows.allSatisfy { $0.assessmentID == nil })
    #expect(r.rows[1].dimensionScores == [100, 100, 93, 100, 100])
    // A mean result is only as far along as its least advanced branch (all drafts here).
    #expect(r.rows.allSatisfy { $0.state == .draft })
    // With a cap of 30 %, none of three published branches may be 优秀 (30 % of 3 is
    // 0.9 → 0); drafts are not in the 公示 and carry no mark.
    let drafts = try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil)
    #expect(drafts.rows.count == 3 && drafts.overExcellentCap.isEmpty)
    for item in try repo.assessments(period: q3) {
      try publish(store, try #require(try repo.assessment(id: item.id)))
    }
    let b = try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil)
    #expect(b.rows.count == 3 && b.overExcellentCap.count == 3 && b.rows.allSatisfy(\.overExcellentCap))
  }
}

@Test func auditSubjectsNameTheUnitPeriodAndIndicatorOfAssessmentRows() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let repo = store.assessments
    var a = try repo.createAssessment(
      unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    a = try repo.saveEntry(
      EntryInput(indicatorID: "life.records", selfInput: IndicatorInput(level: "好")), assessmentID: a.id,
      version: a.version, reason: nil, by: officer)
    let log = try store.audit.entries(entity: nil, since: nil, limit: nil)
    let subjects = try store.audit.subjects(of: log)
    let entry = try #require(log.last { $0.entity == "assessment_entry" })
    #expect(subjects[entry.id] == "内科党总支/心内科党支部 · 2025Q3 · 组织生活记录完整")
    let assessment = try #require(log.last { $0.entity == "assessment" })
    #expect(subjects[assessment.id] == "内科党总支/心内科党支部 · 2025Q3")
    let unit = try #require(log.first { $0.entity == "org_unit" })
    #expect(subjects[unit.id] == nil)
    // Naming reads the tables; the hash-chained log itself is untouched.
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}
