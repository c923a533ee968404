import Domain
import Testing

private let scheme = Scheme.wuhua

private func indicator(_ id: String) -> Indicator { scheme.indicator(id: id)! }

@Test func defaultSchemeIsValidAndHasFiveDimensionsOf100() {
  #expect(scheme.validate().isEmpty)
  #expect(scheme.totalPoints == 500)
  #expect(scheme.dimensions.map(\.name) == ["组织生活正常化", "支部建设标准化", "管理服务精细化", "工作制度体系化", "阵地建设规范化"])
  for d in scheme.dimensions {
    #expect(d.maxPoints == 100)
    #expect((5...8).contains(d.indicators.count))
  }
  #expect(scheme.extras.map(\.method) == [.bonus, .veto])
  #expect(Set(scheme.allIndicators.map(\.method)) == Set(ScoringMethod.allCases))
}

@Test func deductFloorsAtZero() {
  let i = indicator("life.meetings")  // 20, 0.5 per occurrence
  #expect(Scoring.score(i, IndicatorInput()) == nil)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 0)) == 20)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 3)) == 18.5)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 40)) == 0)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 100)) == 0)
  #expect(Scoring.score(i, IndicatorInput(points: 17.25)) == 17.25)
}

@Test func gradedLevelsGiveFixedPoints() {
  let i = indicator("life.records")
  #expect(i.levels.map(\.name) == ["好", "较好", "一般", "差"])
  #expect(Scoring.score(i, IndicatorInput(level: "好")) == 15)
  #expect(Scoring.score(i, IndicatorInput(level: "一般")) == 9)
  #expect(Scoring.score(i, IndicatorInput(level: "差")) == 5)
  #expect(Scoring.score(i, IndicatorInput(level: "优")) == nil)
  #expect(!Scoring.inputIssues(i, IndicatorInput(level: "优"), field: "self").isEmpty)
}

@Test func countIsCapped() {
  let i = indicator("service.volunteer")  // 4 per unit, cap 20
  #expect(Scoring.score(i, IndicatorInput(occurrences: 0)) == 0)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 3)) == 12)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 5)) == 20)
  #expect(Scoring.score(i, IndicatorInput(occurrences: 9)) == 20)
}

private func full(_ s: Scheme) -> [EntryInput] {
  s.dimensions.flatMap(\.indicators).map { i in
    switch i.method {
    case .graded: return EntryInput(indicatorID: i.id, selfInput: IndicatorInput(level: i.levels[0].name))
    case .deduct: return EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 0))
    default: return EntryInput(indicatorID: i.id, selfInput: IndicatorInput(points: i.maxPoints))
    }
  }
}

@Test func bonusIsCappedAndAddsOnTopOf500() {
  var entries = full(scheme)
  #expect(Scoring.summarise(scheme, entries: entries).total == 500)
  entries.append(EntryInput(indicatorID: "bonus.honours", selfInput: IndicatorInput(occurrences: 3)))
  var s = Scoring.summarise(scheme, entries: entries)
  #expect(s.base == 500 && s.bonus == 6 && s.total == 506 && s.grade == .excellent)
  #expect(s.nextGrade == nil && s.pointsToNext == nil)
  entries[entries.count - 1].selfInput = IndicatorInput(occurrences: 8)
  s = Scoring.summarise(scheme, entries: entries)
  #expect(s.bonus == 10 && s.total == 510)
  #expect(!Scoring.inputIssues(indicator("bonus.honours"), IndicatorInput(points: 11), field: "self").isEmpty)
}

@Test func vetoForcesFailWhateverTheTotal() {
  var entries = full(scheme)
  entries.append(EntryInput(indicatorID: "veto.discipline", selfInput: IndicatorInput(occurrences: 0)))
  #expect(Scoring.summarise(scheme, entries: entries).grade == .excellent)
  entries[entries.count - 1].committeeInput = IndicatorInput(occurrences: 1)
  entries[entries.count - 1].note = "医疗安全责任事件"
  let s = Scoring.summarise(scheme, entries: entries)
  #expect(s.total == 500 && s.vetoed && s.grade == .fail && s.pointsToNext == nil)
  #expect(Scoring.summarise(scheme, entries: entries, basis: .selfAssessment).grade == .excellent)
  let v = indicator("veto.discipline")
  #expect(
    Scoring.issues(v, EntryInput(indicatorID: v.id, committeeInput: IndicatorInput(occurrences: 1))).map(
      \.field) == ["note"])
}

@Test func thresholdsAtExactBoundaries() {
  #expect(Scoring.grade(total: 450, scheme: scheme) == .excellent)
  #expect(Scoring.grade(total: 449.5, scheme: scheme) == .good)
  #expect(Scoring.grade(total: 449.99, scheme: scheme) == .good)
  #expect(Scoring.grade(total: 400, scheme: scheme) == .good)
  #expect(Scoring.grade(total: 399.5, scheme: scheme) == .pass)
  #expect(Scoring.grade(total: 300, scheme: scheme) == .pass)
  #expect(Scoring.grade(total: 299.5, scheme: scheme) == .fail)
  #expect(Scoring.grade(total: 0, scheme: scheme) == .fail)
  #expect(Scoring.grade(total: 510, scheme: scheme) == .excellent)
  #expect(Scoring.grade(total: 500, scheme: scheme, vetoed: true) == .fail)
  // Odd fractions keep exact boundaries too.
  let t = GradeThresholds(excellent: 0.7, good: 0.3, pass: 0.1)
  #expect(Scoring.grade(total: 70, of: 100, thresholds: t, vetoed: false) == .excellent)
  #expect(Scoring.grade(total: 30, of: 100, thresholds: t, vetoed: false) == .good)
}

@Test func subtotalsAndPointsToNextGrade() {
  var entries = full(scheme)
  // 三会一课: 3 missed → 18.5; 记录: 一般 → 9 (−6); total 500 − 1.5 − 6 − 43.5 …
  entries[0].selfInput = IndicatorInput(occurrences: 3)
  entries[0].note = "缺3次党小组会"
  let idx = entries.firstIndex { $0.indicatorID == "service.brand" }!
  entries[idx].selfInput = IndicatorInput(level: "差")
  entries[idx].note = "品牌项目未推进"
  let s = Scoring.summarise(scheme, entries: entries)
  #expect(s.dimensions.map(\.score) == [98.5, 100, 86, 100, 100])
  #expect(s.total == 484.5 && s.grade == .excellent)
  var e2 = entries
  let room = e2.firstIndex { $0.indicatorID == "position.room" }!
  e2[room].selfInput = IndicatorInput(level: "差")  // −14 → 470.5
  let ledger = e2.firstIndex { $0.indicatorID == "position.ledger" }!
  e2[ledger].selfInput = IndicatorInput(level: "差")  // −14 → 456.5
  let dues = e2.firstIndex { $0.indicatorID == "service.dues" }!
  e2[dues].selfInput = IndicatorInput(occurrences: 4)  // −8 → 448.5
  let s2 = Scoring.summarise(scheme, entries: e2)
  #expect(s2.total == 448.5 && s2.grade == .good && s2.nextGrade == .excellent && s2.pointsToNext == 1.5)
  let empty = Scoring.summarise(scheme, entries: [])
  #expect(empty.total == 0 && empty.unscored == scheme.allIndicators.count && empty.pointsToNext == 300)
}

@Test func committeeScoreIsFinal() {
  let e = EntryInput(
    indicatorID: "life.meetings", selfInput: IndicatorInput(occurrences: 0),
    committeeInput: IndicatorInput(occurrences: 4), note: "缺4次")
  #expect(Scoring.summarise(scheme, entries: [e]).dimensions[0].score == 18)
  #expect(Scoring.summarise(scheme, entries: [e], basis: .selfAssessment).dimensions[0].score == 20)
}

@Test func entryValidation() {
  let i = indicator("life.meetings")
  func fields(_ e: EntryInput) -> [String] { Scoring.issues(i, e).map(\.field) }
  #expect(fields(EntryInput(indicatorID: i.id, selfInput: IndicatorInput(points: 21))) == ["self"])
  #expect(
    Scoring.issues(i, EntryInput(indicatorID: i.id, selfInput: IndicatorInput(points: 21)))[0].message
      == Message(MessageKeys.scoreOverMax, "21", "20"))
  #expect(fields(EntryInput(indicatorID: i.id, committeeInput: IndicatorInput(points: -1))) == ["committee"])
  #expect(fields(EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: -2))) == ["self"])
  #expect(fields(EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 2))) == ["note"])
  #expect(
    fields(EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 2), note: " ")) == ["note"])
  #expect(
    fields(EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 2), note: "缺会")).isEmpty)
  #expect(fields(EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 0))).isEmpty)
  #expect(
    Scoring.warnings(i, EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 0))).map(\.field)
      == ["evidence"])
  #expect(
    Scoring.warnings(
      i, EntryInput(indicatorID: i.id, selfInput: IndicatorInput(occurrences: 0), evidence: "会议记录本P3")
    ).isEmpty)
  let g = indicator("life.records")
  #expect(
    Scoring.issues(g, EntryInput(indicatorID: g.id, selfInput: IndicatorInput(level: "较好"))).map(\.field) == [
      "note"
    ])
  // Fully scored but without the required evidence.
  #expect(!Scoring.submissionIssues(scheme, entries: full(scheme), basis: .selfAssessment).isEmpty)
  #expect(Scoring.submissionIssues(scheme, entries: [], basis: .selfAssessment).count > 30)
}

@Test func typedPointsMustFitALevelOrAWholeNumberOfOccurrences() {
  func problem(_ id: String, _ p: Double) -> Message? {
    Scoring.inputIssues(indicator(id), IndicatorInput(points: p), field: "self").first?.message
  }
  // graded 20/16/12/6: only the levels' points.
  #expect(
    problem("service.brand", 18) == Message(MessageKeys.scoreNotALevel, "18", "好 20 / 较好 16 / 一般 12 / 差 6"))
  for p in [20.0, 16, 12, 6] { #expect(problem("service.brand", p) == nil) }
  // deduct 15, 5 per occurrence: 15, 10, 5, 0.
  #expect(
    problem("life.org-life", 12) == Message(MessageKeys.scoreOffStepDeduct, "12", "15", "5", "10", "15"))
  for p in [15.0, 10, 5, 0] { #expect(problem("life.org-life", p) == nil) }
  // deduct 15, 2 per occurrence: down to 1, then the floor 0.
  #expect(problem("life.theme-day", 1) == nil && problem("life.theme-day", 0) == nil)
  #expect(
    problem("life.theme-day", 0.5) == Message(MessageKeys.scoreOffStepDeduct, "0.5", "15", "2", "0", "1"))
  // deduct 20, 0.5 per occurrence: halves only.
  #expect(problem("life.meetings", 19.5) == nil && problem("life.meetings", 18) == nil)
  #expect(problem("life.meetings", 19.3)?.key == MessageKeys.scoreOffStepDeduct)
  // count 3 per unit, cap 15; and a cap that is no multiple of the step.
  #expect(problem("service.care", 12) == nil && problem("service.care", 15) == nil)
  #expect(problem("service.care", 13) == Message(MessageKeys.scoreOffStepCount, "13", "15", "3", "12", "15"))
  let odd = Indicator(id: "x", name: "x", maxPoints: 10, method: .count, perUnit: 4)
  let oddProblem = { (p: Double) in Scoring.stepIssue(odd, points: p) }
  #expect(oddProblem(8) == nil && oddProblem(10) == nil && oddProblem(0) == nil)
  #expect(oddProblem(9) == Message(MessageKeys.scoreOffStepCount, "9", "10", "4", "8", "10"))
  // Whole entries: a stored input that predates the rule does not block other changes.
  let g = indicator("service.brand")
  let legacy = EntryInput(
    indicatorID: g.id, selfInput: IndicatorInput(points: 18), note: "旧数据", evidence: "x")
  var next = legacy
  next.committeeInput = IndicatorInput(level: "较好")
  #expect(!Scoring.issues(g, next).isEmpty)
  #expect(Scoring.issues(g, next, stored: legacy).isEmpty)
  next.selfInput = IndicatorInput(points: 17)
  #expect(Scoring.issues(g, next, stored: legacy).map(\.field) == ["self"])
}

@Test func bonusCountsWholeItemsUpToTheCap() {
  // "每项加2分，封顶10分": 0, 2, 4 … 10, never 5.
  let bonus = indicator("bonus.honours")
  #expect(
    Scoring.inputIssues(bonus, IndicatorInput(points: 5), field: "self").first?.message
      == Message(MessageKeys.scoreOffStepCount, "5", "10", "2", "4", "6"))
  for p in [0.0, 2, 4, 10] { #expect(Scoring.stepIssue(bonus, points: p) == nil) }
  // `+` and `-` from a score saved before the rule go to the nearest step that way.
  #expect(bonus.occurrences(steppingFromPoints: 3, by: 1) == 2)
  #expect(bonus.occurrences(steppingFromPoints: 3, by: -1) == 1)
  #expect(bonus.occurrences(steppingFromPoints: 4, by: 1) == 3)
  let deduct = indicator("life.theme-day")
  #expect(deduct.occurrences(steppingFromPoints: 0.5, by: 1) == 8)
  #expect(deduct.occurrences(steppingFromPoints: 0.5, by: -1) == 7)
  #expect(deduct.occurrences(steppingFromPoints: 13, by: 1) == 2)
}

@Test func excellentCapReportsUnitsBeyondIt() {
  let units = (1...10).map { (i: Int) -> RankedUnit in
    RankedUnit(unitID: Int64(i), total: Double(500 - i * 5), grade: i <= 4 ? .excellent : .good)
  }
  let ranked = Ranking.rank(units)
  #expect(Scoring.excellentOverCap(ranked, cap: 0.3) == [4])
  #expect(Scoring.excellentOverCap(ranked, cap: 0.2) == [3, 4])
  #expect(Scoring.excellentOverCap(ranked, cap: 0.5).isEmpty)
  #expect(Scoring.excellentOverCap(ranked, cap: nil).isEmpty)
}

@Test func tiedUnitsAtTheCapAreTreatedAlike() {
  // Ten units, cap 20 %: two may be 优秀. Units 2 and 3 tie at the edge: both are over,
  // whichever has the lower id (the old tie-break starred only one of them).
  let totals: [Double] = [500, 480, 480, 470, 460, 440, 430, 420, 410, 400]
  let units = totals.enumerated().map { i, t in
    RankedUnit(unitID: Int64(i + 1), total: t, grade: t >= 450 ? .excellent : .good)
  }
  let ranked = Ranking.rank(units)
  #expect(Scoring.excellentOverCap(ranked, cap: 0.2) == [2, 3, 4, 5])
  #expect(Scoring.excellentOverCap(ranked, cap: 0.3) == [4, 5])
  // Everyone tied beyond the cap: all over.
  let same = (1...4).map { RankedUnit(unitID: Int64($0), total: 500, grade: .excellent) }
  #expect(Scoring.excellentOverCap(Ranking.rank(same), cap: 0.5) == [1, 2, 3, 4])
}

@Test func movementIsAmongTheUnitsRankedInBothPeriods() {
  let before = [500.0, 490, 480, 470].enumerated().map { i, t in
    RankedUnit(unitID: Int64(i + 1), total: t, grade: .excellent)
  }
  // Now only 3 and 4 are ranked, 4 ahead; 5 is new.
  let now = Ranking.rank([
    RankedUnit(unitID: 4, total: 495, grade: .excellent),
    RankedUnit(unitID: 3, total: 485, grade: .excellent),
    RankedUnit(unitID: 5, total: 499, grade: .excellent),
  ])
  #expect(Ranking.movement(current: now, previous: before) == [4: 1, 3: -1])
}

@Test func rankingWithTiesMovementAndDistribution() {
  let units = [
    RankedUnit(unitID: 1, total: 460, grade: .excellent),
    RankedUnit(unitID: 2, total: 470, grade: .excellent),
    RankedUnit(unitID: 3, total: 460, grade: .excellent),
    RankedUnit(unitID: 4, total: 480, grade: .fail, vetoed: true),
    RankedUnit(unitID: 5, total: 350, grade: .pass),
  ]
  let r = Ranking.rank(units, previous: [1: 1, 2: 4, 5: 5])
  #expect(r.map(\.unitID) == [2, 1, 3, 5, 4])
  #expect(r.map(\.rank) == [1, 2, 2, 4, 5])
  #expect(r.map(\.movement) == [3, -1, nil, 1, nil])
  #expect(Ranking.distribution(r) == [.excellent: 3, .good: 0, .pass: 1, .fail: 1])
}

@Test func periodsParseFormatAndStep() {
  #expect(Period("2025Q3") == Period(year: 2025, quarter: 3))
  #expect(Period("2025q1")?.text == "2025Q1")
  #expect(Period("2025")?.type == .year)
  for bad in ["", "2025Q5", "2025Q0", "25Q1", "2025Q", "Q3", "abcd", "2025Q12"] {
    #expect(Period(bad) == nil, "\(bad)")
  }
  #expect(Period("2025Q1")!.previous.text == "2024Q4")
  #expect(Period("2025Q3")!.previous.text == "2025Q2")
  #expect(Period("2025")!.previous.text == "2024")
  #expect(Period("2024Q4")!.next.text == "2025Q1")
  #expect(Period("2025Q2")!.quarters.map(\.text) == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"])
  #expect(Period.quarter(of: Day(year: 2025, month: 9, day: 30)).text == "2025Q3")
  #expect(Period("2024Q1")!.lastDay == Day(year: 2024, month: 3, day: 31))
  #expect(Period("2025Q4")! < Period("2025")! && Period("2025")! < Period("2026Q1")!)
}

@Test func workflowPerRoleAndState() {
  let today = Day(year: 2025, month: 10, day: 10)
  for role in [Role.officer, .admin] {
    var state = AssessmentState.draft
    for expected in [AssessmentState.selfSubmitted, .generalReview, .committeeReview, .publicNotice, .locked]
    {
      #expect(Workflow.issues(.advance, from: state, role: role, note: "", today: today).isEmpty)
      state = Workflow.target(of: .advance, from: state)!
      #expect(state == expected)
    }
    #expect(!Workflow.issues(.advance, from: .locked, role: role, note: "", today: today).isEmpty)
    #expect(!Workflow.issues(.sendBack, from: .locked, role: role, note: "x", today: today).isEmpty)
    #expect(!Workflow.issues(.sendBack, from: .draft, role: role, note: "x", today: today).isEmpty)
    #expect(
      Workflow.issues(.sendBack, from: .generalReview, role: role, note: "", today: today).map(\.field) == [
        "note"
      ])
    #expect(Workflow.issues(.sendBack, from: .generalReview, role: role, note: "补材料", today: today).isEmpty)
  }
  for role in [Role.viewer, .clerk] {
    for state in AssessmentState.allCases {
      #expect(
        Workflow.issues(.advance, from: state, role: role, note: "x", today: today).map(\.field) == ["role"])
    }
  }
  // Locking: objections open, notice not over.
  #expect(
    Workflow.issues(.advance, from: .publicNotice, role: .officer, note: "", openObjections: 1, today: today)
      .map(\.field) == ["objections"])
  let end = Workflow.noticeEnds(start: Day(year: 2025, month: 10, day: 9))
  #expect(end == Day(year: 2025, month: 10, day: 15))  // Thu → Wed, skipping the weekend
  #expect(
    Workflow.issues(.advance, from: .publicNotice, role: .officer, note: "", noticeEnds: end, today: today)
      .map(\.field) == ["note"])
  #expect(
    Workflow.issues(
      .advance, from: .publicNotice, role: .officer, note: "党委会决定提前定等", noticeEnds: end, today: today
    ).isEmpty)
  #expect(
    Workflow.issues(
      .advance, from: .publicNotice, role: .officer, note: "", noticeEnds: end, today: end.adding(days: 1)
    ).isEmpty)
  #expect(Workflow.selfEditable(.draft) && !Workflow.selfEditable(.selfSubmitted))
  #expect(Workflow.changeNeedsReason(.locked) && !Workflow.changeNeedsReason(.committeeReview))
}

@Test func weekdays() {
  #expect(Day(year: 1970, month: 1, day: 1).weekday == 4)
  #expect(Day(year: 2025, month: 11, day: 24).weekday == 1)
  #expect(Day(year: 2024, month: 2, day: 29).adding(days: 1) == Day(year: 2024, month: 3, day: 1))
  #expect(Day(year: 2025, month: 1, day: 1).adding(days: -1) == Day(year: 2024, month: 12, day: 31))
  #expect(
    Workflow.noticeEnds(start: Day(year: 2025, month: 11, day: 22)) == Day(year: 2025, month: 11, day: 28))
}

@Test func yearEndCombinesQuartersAndReview() {
  var marks: [ReviewMark] = []
  for a in ReviewAspect.allCases {
    marks.append(ReviewMark(rater: .committee, aspect: a, mark: 90))
    marks.append(ReviewMark(rater: .members, aspect: a, mark: 80))
    marks.append(ReviewMark(rater: .publicRaters, aspect: a, mark: 70))
  }
  #expect(YearEnd.reviewScore(marks) == 83)  // 0.5·90 + 0.3·80 + 0.2·70
  #expect(YearEnd.reviewScore(marks.filter { $0.rater == .members }) == 80)
  #expect(YearEnd.reviewScore([]) == nil)
  #expect(
    !YearEnd.markIssues(101).isEmpty && YearEnd.markIssues(100).isEmpty && !YearEnd.markIssues(-1).isEmpty)
  let q = [(total: 460.0, vetoed: false), (470, false), (440, false), (450, false)]
  let r = YearEnd.combine(quarters: q, review: 83, scheme: scheme)
  #expect(r.quarterMean == 455 && r.total == 443 && r.grade == .good)  // 0.7·455 + 0.3·415
  let w = YearEnd.combine(
    quarters: q, review: 83, scheme: scheme, weights: YearWeights(quarters: 1, review: 0))
  #expect(w.total == 455 && w.grade == .excellent)
  let v = YearEnd.combine(quarters: q + [(500, true)], review: nil, scheme: scheme)
  #expect(v.grade == .fail && v.quartersCounted == 5)
  #expect(YearEnd.combine(quarters: [], review: 90, scheme: scheme).total == 450)
  // One rounding: without review marks the total is the quarters' mean as shown
  // (434.625 once gave a mean of 434.63 and a total of 434.62).
  let half = YearEnd.combine(
    quarters: [(434.5, false), (434.5, false), (434.5, false), (435, false)], review: nil, scheme: scheme)
  #expect(half.quarterMean == 434.63 && half.total == 434.63)
}

@Test func memberPointsCapsAndBase() {
  let d = Day(year: 2025, month: 3, day: 1)
  // 主题党日 2 per event, at most 12 a year.
  #expect(MemberPoints.total([PointsEvent(itemID: "theme-day", day: d, count: 5)]).task == 10)
  #expect(MemberPoints.total([PointsEvent(itemID: "theme-day", day: d, count: 7)]).task == 12)
  #expect(MemberPoints.total((0..<12).map { _ in PointsEvent(itemID: "theme-day", day: d) }).task == 12)
  let none = MemberPoints.total([])
  #expect(none.base == 20 && none.task == 0 && none.reward == 0 && none.total == 20)
  let bad = MemberPoints.total([
    PointsEvent(itemID: "absent", day: d, count: 3), PointsEvent(itemID: "dues-late", day: d, count: 4),
  ])
  #expect(bad.base == 0)  // 6 + 20 lost, floor 0
  var many: [PointsEvent] = []
  for item in PointsRules.standard.items where item.part != .base {
    many.append(PointsEvent(itemID: item.id, day: d, count: 50))
  }
  let max = MemberPoints.total(many)
  #expect(max.task == 70 && max.reward == 10 && max.total == 100)
  #expect(!MemberPoints.eventIssues(PointsEvent(itemID: "nope", day: d)).isEmpty)
  #expect(!MemberPoints.eventIssues(PointsEvent(itemID: "theme-day", day: d, count: 0)).isEmpty)
}

@Test func schemeValidationFindsStructuralProblems() {
  var s = scheme
  s.dimensions[0].indicators[0].maxPoints = 25
  s.dimensions[1].indicators[1].id = "life.meetings"
  s.extras[0].method = .count
  let issues = s.validate()
  #expect(issues.contains { $0.path == "life" && $0.message.key == MessageKeys.schemeDimensionSum })
  #expect(issues.contains { $0.path == "life.meetings" && $0.message.key == MessageKeys.schemeDuplicateID })
  #expect(issues.contains { $0.path == "bonus.honours" && $0.message.key == MessageKeys.schemeExtraMethod })
  var t = scheme
  t.totalPoints = 400
  #expect(t.validate().map(\.message.key) == [MessageKeys.schemeTotalSum])
  t = scheme
  t.thresholds = GradeThresholds(excellent: 0.8, good: 0.9, pass: 0.6)
  #expect(t.validate().map(\.message.key) == [MessageKeys.schemeBadThresholds])
}

@Test func pointsFormatAndParse() {
  #expect(Points.format(450) == "450" && Points.format(449.5) == "449.5" && Points.format(0.25) == "0.25")
  #expect(Points.format(-0.05) == "-0.05")
  #expect(Points.parse("12.5") == 12.5 && Points.parse("１２．５") == 12.5 && Points.parse("-1") == -1)
  #expect(Points.parse("") == nil && Points.parse("1e3") == nil && Points.parse("abc") == nil)
}
