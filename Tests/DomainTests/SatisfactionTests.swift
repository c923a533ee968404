import Domain
import Testing

func counts(_ scale: SatisfactionScale, _ codes: [UInt8]) -> AnswerCounts {
  var c = AnswerCounts(scale: scale)
  for code in codes { c.add(code: code) }
  return c
}

let na = SatisfactionScale.notApplicable

@Test func likertScoresByHand() throws {
  // 5,5,4,3,2,1,N/A,4 → 7 valid, top two (4 and 5) = 4; mean (100+100+75+50+25+0+75)/7.
  let t = counts(.likert5, [5, 5, 4, 3, 2, 1, na, 4, 0]).tally
  #expect(t.valid == 7 && t.top2 == 4 && t.notApplicable == 1)
  #expect(abs(t.rate! - 400.0 / 7) < 1e-9)
  #expect(abs(t.mean! - 425.0 / 7) < 1e-9)
}

@Test func frequencyScoresByHand() throws {
  // 总是, 经常, 有时, 从未, N/A, 总是 → 5 valid, top two (经常/总是) = 3 → 60 %;
  // mean (100 + 66.67 + 33.33 + 0 + 100) / 5 = 60.
  let s = SatisfactionScale.frequency4
  let codes = ["总是", "经常", "有时", "从未", "N/A", "4"].map { s.code(for: $0)! }
  let t = counts(s, codes).tally
  #expect(t.valid == 5 && t.top2 == 3 && t.notApplicable == 1)
  #expect(t.rate == 60)
  #expect(abs(t.mean! - 60) < 1e-9)
}

@Test func notApplicableIsLeftOutOfBothScores() {
  let only = counts(.frequency4, [na, na, na]).tally
  #expect(only.valid == 0 && only.rate == nil && only.mean == nil && only.notApplicable == 3)
  let with = counts(.likert5, [5, na, na, 1]).tally
  #expect(with.rate == 50 && with.mean == 50)
  // An item with only N/A answers shows no score, even with enough sheets.
  #expect(GroupScore(n: 10, tally: only) == .noData)
}

@Test func pooledTallyAcrossScalesIsExact() {
  let a = counts(.likert5, [5, 4, 3, 2]).tally  // units 12+9+6+3 = 30
  let b = counts(.frequency4, [4, 3, 1]).tally  // units 12+8+0 = 20
  let t = a + b
  #expect(t.valid == 7 && t.top2 == 4 && t.units == 50)
  #expect(abs(t.mean! - 50.0 * 100 / 84) < 1e-9)
  #expect(abs(t.rate! - 400.0 / 7) < 1e-9)
}

@Test func scalesParseCodesAndWords() {
  let l = SatisfactionScale.likert5
  #expect(l.points == 5 && SatisfactionScale.frequency4.points == 4)
  #expect(l.code(for: "非常满意") == 5 && l.code(for: "非常不满意") == 1 && l.code(for: "一般") == 3)
  #expect(l.code(for: "3") == 3 && l.code(for: " 4 ") == 4)
  #expect(l.code(for: "") == 0 && l.code(for: "不适用") == na && l.code(for: "NA") == na)
  #expect(l.code(for: "6") == nil && l.code(for: "0") == nil && l.code(for: "总是") == nil)
  let f = SatisfactionScale.frequency4
  #expect(f.code(for: "总是") == 4 && f.code(for: "从未") == 1 && f.code(for: "5") == nil)
  #expect(f.code(for: "满意") == nil)
}

@Test func kThresholdSuppressesSmallGroups() {
  let t = counts(.likert5, [5, 5, 5, 5, 1, 1]).tally
  #expect(GroupScore(n: 4, tally: t) == .suppressed(n: 4, k: 5))
  #expect(GroupScore(n: 4, tally: t).rate == nil)
  #expect(GroupScore(n: 4, tally: t).isSuppressed)
  let shown = GroupScore(n: 5, tally: t)
  #expect(shown.score?.n == 5 && abs(shown.rate! - 400.0 / 6) < 1e-9)
  #expect(GroupScore(n: 0, tally: t) == .noData)
  #expect(GroupScore(n: 9, tally: t, k: 10) == .suppressed(n: 9, k: 10))
  // Items count valid answers as n.
  #expect(GroupScore(item: t) == .score(SatisfactionScore(n: 6, rate: 400.0 / 6, mean: t.mean!)))
  #expect(GroupScore(item: counts(.likert5, [5, 5, na, na, na, na]).tally).isSuppressed)
  #expect(shown.change(from: .suppressed(n: 3, k: 5), .rate) == nil)
  #expect(shown.change(from: GroupScore(n: 5, tally: counts(.likert5, [5]).tally), .rate)! < 0)
}

@Test func targetsDefaultAndCompare() {
  let t = SatisfactionTargets.defaults
  #expect(t[.staff] == 94 && t[.outpatient] == 90 && t[.inpatient] == 92)
  let low = GroupScore(n: 10, tally: counts(.likert5, Array(repeating: 5, count: 9) + [1]).tally)
  #expect(t.isBelow(low, .staff) && !t.isBelow(low, .outpatient))
  #expect(!t.isBelow(.suppressed(n: 2, k: 5), .staff))
  var edited = t
  edited[.staff] = 89
  #expect(!edited.isBelow(low, .staff))
  #expect(SatisfactionTargets.validate(94.5) == nil)
  #expect(SatisfactionTargets.validate(101)?.key == SatisfactionKeys.targetOutOfRange)
  #expect(SatisfactionTargets.validate(-1) != nil && SatisfactionTargets.validate(.nan) != nil)
}

@Test func periodsMonthsAndQuarters() {
  let jan = SatisfactionPeriod.month(2025, 1)
  #expect(jan.previous == .month(2024, 12) && jan.yearAgo == .month(2024, 1))
  #expect(jan.advanced(by: 13) == .month(2026, 2))
  #expect(jan.code == "2025-01" && SatisfactionPeriod(code: "2025-01") == jan)
  let q = SatisfactionPeriod(kind: .quarter, containing: Day(year: 2025, month: 8, day: 31))
  #expect(q == .quarter(2025, 3) && q.code == "2025Q3")
  #expect(q.months.map(\.key) == [202507, 202508, 202509])
  #expect(SatisfactionPeriod.quarter(2025, 1).previous == .quarter(2024, 4))
  #expect(
    SatisfactionPeriod(code: "2024-Q4") == .quarter(2024, 4)
      && SatisfactionPeriod(code: "2024q2") == .quarter(2024, 2))
  #expect(SatisfactionPeriod(code: "2024Q5") == nil && SatisfactionPeriod(code: "2024-13") == nil)
  #expect(jan.series(count: 3) == [.month(2024, 11), .month(2024, 12), jan])
  let r = SatisfactionPeriod.range(
    .quarter, from: SatisfactionMonth(year: 2024, month: 11), to: SatisfactionMonth(year: 2025, month: 4))
  #expect(r == [.quarter(2024, 4), .quarter(2025, 1), .quarter(2025, 2)])
  #expect(
    q.contains(SatisfactionMonth(year: 2025, month: 9))
      && !q.contains(SatisfactionMonth(year: 2025, month: 10)))
  #expect(
    SatisfactionMonth(key: 202513) == nil && SatisfactionMonth(key: 202512)?.adding(months: 1).key == 202601)
}

@Test func defaultInstrumentsAreValid() {
  #expect(SatisfactionInstrument.defaults.count == 3)
  for inst in SatisfactionInstrument.defaults {
    #expect(inst.validate().isEmpty, "\(inst.population)")
    #expect(inst.items.count >= 12)
  }
  let ip = SatisfactionInstrument.defaultInstrument(.inpatient)
  for code in ["admission", "discharge", "food", "quiet", "call_response", "pain", "privacy"] {
    #expect(ip.item(code: code) != nil, "\(code)")
  }
  #expect(ip.item(code: "pain")?.scale == .frequency4)
  let staff = SatisfactionInstrument.defaultInstrument(.staff)
  #expect(staff.item(code: "pay") != nil && staff.item(code: "workload") != nil)
  var bad = staff
  bad.dimensions[0].items.append(bad.dimensions[0].items[0])
  #expect(bad.validate().map(\.key) == [SatisfactionKeys.instrumentDuplicateItem])
  #expect(SatisfactionPopulation(text: "住院患者") == .inpatient && SatisfactionPopulation(text: "x") == nil)
  #expect(MessageKeys.all.contains(SatisfactionKeys.targetOutOfRange))
}

/// The verdict follows the figure as shown (one decimal): 93.96 shows as 94.0 and meets 94.
@Test func belowTargetComparesTheShownFigure() {
  #expect(!SatisfactionTargets.isBelow(rate: 93.96, target: 94))
  #expect(!SatisfactionTargets.isBelow(rate: 94.0, target: 94))
  #expect(SatisfactionTargets.isBelow(rate: 93.94, target: 94))
  #expect(SatisfactionTargets.isBelow(rate: 92.44, target: 92.5))
  #expect(!SatisfactionTargets.isBelow(rate: 92.46, target: 92.5))
  let targets = SatisfactionTargets.defaults
  #expect(!targets.isBelow(.score(SatisfactionScore(n: 50, rate: 93.96, mean: 80)), .staff))
  #expect(!targets.isBelow(.suppressed(n: 3, k: 5), .staff))
}
