/// Scoring arithmetic for one assessment (domain.md §3): per-indicator scores from
/// self or committee inputs, dimension subtotals, bonus and veto, total and grade.

/// What a scorer entered for one indicator: the number of occurrences (deduct:
/// shortfalls; count/bonus: units; veto: cases), the chosen level (graded), or
/// points given directly (any method but veto; for deduct/count it overrides the arithmetic).
public struct IndicatorInput: Hashable, Sendable {
  public var occurrences: Int?
  public var level: String?
  public var points: Double?

  public init(occurrences: Int? = nil, level: String? = nil, points: Double? = nil) {
    self.occurrences = occurrences
    self.level = level
    self.points = points
  }

  public static let empty = IndicatorInput()
  public var isEmpty: Bool { occurrences == nil && level == nil && points == nil }
}

/// One indicator's entry in an assessment: the branch's self-assessment (支部自评), the
/// assessment group's (考评组审核, final), the note (the reason for a deduction) and
/// an evidence reference (file name, archive number).
public struct EntryInput: Hashable, Sendable {
  public var indicatorID: String
  public var selfInput: IndicatorInput
  public var committeeInput: IndicatorInput
  public var note: String
  public var evidence: String

  public init(
    indicatorID: String, selfInput: IndicatorInput = .empty, committeeInput: IndicatorInput = .empty,
    note: String = "", evidence: String = ""
  ) {
    self.indicatorID = indicatorID
    self.selfInput = selfInput
    self.committeeInput = committeeInput
    self.note = note
    self.evidence = evidence
  }
}

/// Which score a total is computed from.
public enum ScoreBasis: String, CaseIterable, Sendable {
  /// 自评.
  case selfAssessment
  /// 审核 only.
  case committee
  /// The committee's score where given, else the self score (the group's is final).
  case final
}

public struct DimensionScore: Hashable, Sendable {
  public var id: String
  public var score: Double
  public var maxPoints: Double
}

public struct ScoreSummary: Hashable, Sendable {
  public var dimensions: [DimensionScore]
  /// Sum of the dimension subtotals (at most the scheme total).
  public var base: Double
  /// Sum of the bonus items, each capped.
  public var bonus: Double
  /// base + bonus: may exceed the scheme total.
  public var total: Double
  public var vetoed: Bool
  public var grade: Grade
  /// The next better grade and the points still missing to reach it; nil at 优秀 or under a veto.
  public var nextGrade: Grade?
  public var pointsToNext: Double?
  /// Indicators without any input on the chosen basis.
  public var unscored: Int
}

public enum Scoring {
  /// The points an input gives on `indicator`, nil when there is no input. Deduct has
  /// a floor of 0, count and bonus a cap at the maximum; a veto item scores 0.
  public static func score(_ indicator: Indicator, _ input: IndicatorInput) -> Double? {
    switch indicator.method {
    case .veto:
      return input.occurrences == nil ? nil : 0
    case .graded:
      if let p = input.points { return Points.round(min(max(p, 0), indicator.maxPoints)) }
      guard let level = input.level else { return nil }
      return indicator.levels.first { $0.name == level }.map { Points.round($0.points) }
    case .deduct:
      if let p = input.points { return Points.round(min(max(p, 0), indicator.maxPoints)) }
      guard let n = input.occurrences else { return nil }
      return Points.round(max(0, indicator.maxPoints - Double(max(0, n)) * indicator.perUnit))
    case .count, .bonus:
      if let p = input.points { return Points.round(min(max(p, 0), indicator.maxPoints)) }
      guard let n = input.occurrences else { return nil }
      return Points.round(min(indicator.maxPoints, Double(max(0, n)) * indicator.perUnit))
    }
  }

  /// True when a veto item's input records at least one case.
  public static func isVetoed(_ indicator: Indicator, _ input: IndicatorInput) -> Bool {
    indicator.method == .veto && (input.occurrences ?? 0) > 0
  }

  /// The input a basis uses from an entry.
  public static func input(_ entry: EntryInput, basis: ScoreBasis) -> IndicatorInput {
    switch basis {
    case .selfAssessment: return entry.selfInput
    case .committee: return entry.committeeInput
    case .final: return entry.committeeInput.isEmpty ? entry.selfInput : entry.committeeInput
    }
  }

  /// Subtotals, total, grade and points to the next grade. Unscored indicators count 0.
  public static func summarise(_ scheme: Scheme, entries: [EntryInput], basis: ScoreBasis = .final)
    -> ScoreSummary
  {
    var byID: [String: EntryInput] = [:]
    for e in entries { byID[e.indicatorID] = e }
    var dims: [DimensionScore] = []
    var bonus = 0.0
    var vetoed = false
    var unscored = 0
    func visit(_ i: Indicator) -> Double {
      let input = byID[i.id].map { self.input($0, basis: basis) } ?? .empty
      guard let s = score(i, input) else {
        unscored += 1
        return 0
      }
      if isVetoed(i, input) { vetoed = true }
      if i.method == .bonus {
        bonus += s
        return 0
      }
      return i.method.countsTowardsTotal ? s : 0
    }
    for d in scheme.dimensions {
      var sum = 0.0
      for i in d.indicators { sum += visit(i) }
      dims.append(DimensionScore(id: d.id, score: Points.round(sum), maxPoints: d.maxPoints))
    }
    for i in scheme.extras { _ = visit(i) }
    let base = Points.round(dims.reduce(0) { $0 + $1.score })
    let total = Points.round(base + bonus)
    let g = grade(total: total, scheme: scheme, vetoed: vetoed)
    let next = vetoed ? nil : g.better
    let toNext = next.flatMap { threshold(for: $0, scheme: scheme) }.map { Points.round(max(0, $0 - total)) }
    return ScoreSummary(
      dimensions: dims, base: base, bonus: Points.round(bonus), total: total, vetoed: vetoed, grade: g,
      nextGrade: next, pointsToNext: toNext, unscored: unscored)
  }

  /// The total needed for `grade` (nil for 不合格).
  public static func threshold(for grade: Grade, scheme: Scheme) -> Double? {
    scheme.thresholds.fraction(for: grade).map { Points.round($0 * scheme.totalPoints) }
  }

  /// The grade of a total: thresholds are inclusive (450 of 500 is 优秀, 449.5 is 良好);
  /// a veto gives 不合格 whatever the total.
  public static func grade(total: Double, scheme: Scheme, vetoed: Bool = false) -> Grade {
    grade(total: total, of: scheme.totalPoints, thresholds: scheme.thresholds, vetoed: vetoed)
  }

  public static func grade(total: Double, of maximum: Double, thresholds: GradeThresholds, vetoed: Bool)
    -> Grade
  {
    if vetoed { return .fail }
    for g in [Grade.excellent, .good, .pass] {
      if let f = thresholds.fraction(for: g), total + Points.epsilon >= Points.round(f * maximum) { return g }
    }
    return .fail
  }

  /// Problems that refuse an input for `indicator` (field `self` or `committee`):
  /// negative numbers, points over the maximum, an unknown level, points on a veto item,
  /// and (with `steps`) points the method cannot give: on a graded item a value that is
  /// no level's, on a deduct or count item a value no whole number of occurrences reaches.
  public static func inputIssues(
    _ indicator: Indicator, _ input: IndicatorInput, field: String, steps: Bool = true
  )
    -> [FieldIssue]
  {
    var issues: [FieldIssue] = []
    let max = Points.format(indicator.maxPoints)
    if let n = input.occurrences, n < 0 {
      issues.append(FieldIssue(field: field, message: Message(MessageKeys.scoreNegative, String(n))))
    }
    if let p = input.points {
      if indicator.method == .veto {
        issues.append(
          FieldIssue(field: field, message: Message(MessageKeys.scoreNotApplicable, indicator.id)))
      } else if !p.isFinite || p < 0 {
        issues.append(FieldIssue(field: field, message: Message(MessageKeys.scoreNegative, Points.format(p))))
      } else if p > indicator.maxPoints + Points.epsilon {
        issues.append(
          FieldIssue(field: field, message: Message(MessageKeys.scoreOverMax, Points.format(p), max)))
      } else if steps, let problem = stepIssue(indicator, points: p) {
        issues.append(FieldIssue(field: field, message: problem))
      }
    }
    if let level = input.level {
      if indicator.method != .graded {
        issues.append(
          FieldIssue(field: field, message: Message(MessageKeys.scoreNotApplicable, indicator.id)))
      } else if !indicator.levels.contains(where: { $0.name == level }) {
        issues.append(FieldIssue(field: field, message: Message(MessageKeys.scoreUnknownLevel, level)))
      }
    }
    return issues
  }

  /// Why `points` (between 0 and the maximum) fits no level or step of `indicator`, nil
  /// when it does. graded: one of the levels' points; deduct: max − k·per (floor 0);
  /// count and bonus: k·per, capped at the maximum (a bonus counts whole items,
  /// domain.md §3). Veto items have no steps.
  public static func stepIssue(_ indicator: Indicator, points p: Double) -> Message? {
    switch indicator.method {
    case .graded:
      guard indicator.level(forPoints: p) == nil else { return nil }
      let levels = indicator.levels.map { "\($0.name) \(Points.format($0.points))" }.joined(separator: " / ")
      return Message(MessageKeys.scoreNotALevel, Points.format(p), levels)
    case .deduct, .count, .bonus:
      let per = indicator.perUnit
      guard per > 0 else { return nil }
      let max = indicator.maxPoints
      // The reachable values nearest below and above p.
      let reachable: (Double) -> Bool
      var below: Double
      var above: Double
      if indicator.method == .deduct {
        reachable = { v in Points.equal(v, 0) || isWhole((max - v) / per) }
        let k = ((max - p) / per).rounded(.down)
        above = Points.round(max - k * per)
        below = Points.round(Swift.max(0, max - (k + 1) * per))
      } else {
        reachable = { v in Points.equal(v, max) || isWhole(v / per) }
        let k = (p / per).rounded(.down)
        below = Points.round(k * per)
        above = Points.round(Swift.min(max, (k + 1) * per))
      }
      if reachable(p) { return nil }
      if below > p { below = p }
      if above < p { above = p }
      return Message(
        indicator.method == .deduct ? MessageKeys.scoreOffStepDeduct : MessageKeys.scoreOffStepCount,
        Points.format(p), Points.format(max), Points.format(per), Points.format(below), Points.format(above))
    case .veto:
      return nil
    }
  }

  /// Whole within the hundredths scores are kept to.
  static func isWhole(_ v: Double) -> Bool { abs(v - v.rounded()) < 1e-6 }

  /// True when an input takes points off (a deduction, a lower level, or a veto case).
  public static func isDeduction(_ indicator: Indicator, _ input: IndicatorInput) -> Bool {
    switch indicator.method {
    case .deduct, .graded:
      guard let s = score(indicator, input) else { return false }
      return s + Points.epsilon < indicator.maxPoints
    case .veto: return isVetoed(indicator, input)
    case .count, .bonus: return false
    }
  }

  /// Problems that refuse saving an entry: bad inputs, and a deduction without a reason
  /// (note). With `stored`, an input left as it was stored is not held to the steps
  /// rule, so a result saved before the rule can still get its other score or a note.
  public static func issues(_ indicator: Indicator, _ entry: EntryInput, stored: EntryInput? = nil)
    -> [FieldIssue]
  {
    var issues =
      inputIssues(
        indicator, entry.selfInput, field: "self", steps: stored?.selfInput != entry.selfInput)
      + inputIssues(
        indicator, entry.committeeInput, field: "committee",
        steps: stored?.committeeInput != entry.committeeInput)
    if issues.isEmpty, OrgRules.trimmed(entry.note).isEmpty,
      isDeduction(indicator, entry.selfInput) || isDeduction(indicator, entry.committeeInput)
    {
      issues.append(FieldIssue(field: "note", message: Message(MessageKeys.scoreDeductionNeedsReason)))
    }
    return issues
  }

  /// Warnings shown beside an entry that do not refuse the save: required evidence
  /// missing for a scored indicator. They block submitting the assessment.
  public static func warnings(_ indicator: Indicator, _ entry: EntryInput) -> [FieldIssue] {
    let scored = !entry.selfInput.isEmpty || !entry.committeeInput.isEmpty
    if indicator.evidenceRequired && scored && OrgRules.trimmed(entry.evidence).isEmpty {
      return [FieldIssue(field: "evidence", message: Message(MessageKeys.scoreEvidenceMissing))]
    }
    return []
  }

  /// Problems that block moving an assessment forward: unscored indicators on the
  /// basis the step needs and missing evidence. `field` is the indicator id.
  public static func submissionIssues(_ scheme: Scheme, entries: [EntryInput], basis: ScoreBasis)
    -> [FieldIssue]
  {
    var byID: [String: EntryInput] = [:]
    for e in entries { byID[e.indicatorID] = e }
    var issues: [FieldIssue] = []
    for i in scheme.allIndicators {
      let e = byID[i.id] ?? EntryInput(indicatorID: i.id)
      if i.method != .bonus && i.method != .veto && score(i, input(e, basis: basis)) == nil {
        issues.append(FieldIssue(field: i.id, message: Message(MessageKeys.scoreUnscored, i.id)))
      }
      for w in warnings(i, e) { issues.append(FieldIssue(field: i.id, message: w.message)) }
    }
    return issues
  }

  /// Units graded 优秀 beyond the cap: with `cap` 0.25 and 20 units only the top 5 may
  /// be 优秀; the rest of the 优秀 units (lowest totals first in ranking order) are
  /// returned. Equal totals are treated alike: when tied units would straddle the cap,
  /// all of them are over it (the cap is a ceiling, never exceeded by a tie-break).
  public static func excellentOverCap(_ ranked: [RankedUnit], cap: Double?) -> [Int64] {
    guard let cap else { return [] }
    let allowed = Int((cap * Double(ranked.count) + Points.epsilon).rounded(.down))
    let excellent = ranked.filter { $0.grade == .excellent }.sorted {
      ($0.total, -$0.unitID) > ($1.total, -$1.unitID)
    }
    guard excellent.count > allowed else { return [] }
    var within = allowed
    // Pull the line back above every unit tied with the first one over it.
    while within > 0, Points.equal(excellent[within - 1].total, excellent[allowed].total) { within -= 1 }
    return excellent[within...].map(\.unitID)
  }
}

extension Indicator {
  /// The level worth exactly `points` (a typed number stands for that level); nil if none.
  public func level(forPoints points: Double) -> ScoreLevel? {
    levels.first { Points.equal($0.points, points) }
  }

  /// The occurrences `points` stand for (deduct: shortfalls, count and bonus: units), so
  /// `+` and `-` can go on from a typed score; nil when there is no such number.
  public func occurrences(forPoints p: Double) -> Int? {
    guard perUnit > 0 else { return nil }
    let k: Double
    switch method {
    case .deduct:
      k = Points.equal(p, 0) ? (maxPoints / perUnit).rounded(.up) : ((maxPoints - p) / perUnit).rounded()
    case .count, .bonus:
      k = Points.equal(p, maxPoints) ? (p / perUnit).rounded(.up) : (p / perUnit).rounded()
    case .graded, .veto:
      return nil
    }
    // A tiny `per` or a huge `p` gives a count no Int holds: no such number.
    guard k.isFinite, k <= Double(Int32.max) else { return nil }
    return Int(max(0, k))
  }

  /// The occurrences one `+` (`step` 1) or `-` (−1) press gives from a score of `p`
  /// points. From a score between two steps (one saved before the steps rule) the
  /// press goes to the nearest step in its direction, never past it: 3 with 2 per
  /// item goes to 4 with `+` and to 2 with `-`. nil when the method has no occurrences.
  public func occurrences(steppingFromPoints p: Double, by step: Int) -> Int? {
    guard let onStep = occurrences(forPoints: p) else { return nil }
    let exact: Double
    switch method {
    case .deduct: exact = (maxPoints - p) / perUnit
    default: exact = p / perUnit
    }
    // On a step (or at the cap or floor, which are steps too): move one occurrence.
    if Scoring.stepIssue(self, points: p) == nil || Scoring.isWhole(exact) { return max(0, onStep + step) }
    let k = step > 0 ? exact.rounded(.up) : exact.rounded(.down)
    return Int(max(0, k + Double(step > 0 ? step - 1 : step + 1)))
  }
}
