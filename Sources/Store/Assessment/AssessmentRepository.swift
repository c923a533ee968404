import Domain
import Foundation

/// One stored scheme version.
public struct StoredScheme: Hashable, Sendable {
  /// The row id: assessments name the exact version they were scored against.
  public var rowID: Int64
  public var scheme: Scheme
  /// True once a locked (已定等) assessment uses it: it can no longer change.
  public var frozen: Bool
  public init(rowID: Int64, scheme: Scheme, frozen: Bool) {
    self.rowID = rowID
    self.scheme = scheme
    self.frozen = frozen
  }
}

/// One assessment as listed: what the org tree and the ranking show.
public struct AssessmentListItem: Hashable, Sendable {
  public var id: Int64
  public var unitID: Int64
  public var period: Period
  public var schemeRowID: Int64
  public var state: AssessmentState
  /// Final total (committee score where given, else self), bonus included.
  public var total: Double
  public var selfTotal: Double
  public var grade: Grade
  public var vetoed: Bool
  /// Indicators without a final score yet.
  public var unscored: Int
  public var version: Int
}

/// One assessment with every indicator's entry, ready for the scoring form.
public struct Assessment: Hashable, Sendable {
  public var id: Int64
  public var unitID: Int64
  public var period: Period
  public var schemeRowID: Int64
  public var scheme: Scheme
  public var state: AssessmentState
  /// First day of the 公示, set on entering 公示中.
  public var noticeStart: Day?
  /// One entry per indicator of the scheme, in scheme order (empty inputs where unscored).
  public var entries: [EntryInput]
  /// On the final basis (committee where given, else self).
  public var summary: ScoreSummary
  public var selfSummary: ScoreSummary
  /// Row version: pass it back to `saveEntry`/`transition`; bumped by every change.
  public var version: Int

  public func entry(_ indicatorID: String) -> EntryInput {
    entries.first { $0.indicatorID == indicatorID } ?? EntryInput(indicatorID: indicatorID)
  }
  /// Last day of the 公示 (5 working days by default), nil before it starts.
  public var noticeEnds: Day? { noticeStart.map { Workflow.noticeEnds(start: $0) } }
}

/// One workflow step of an assessment.
public struct WorkflowStep: Hashable, Sendable {
  public var from: AssessmentState?
  public var to: AssessmentState
  /// `create`, or a `WorkflowAction` raw value.
  public var action: String
  public var actor: String
  public var at: Date
  public var note: String
}

/// An objection (异议) raised during the 公示.
public struct Objection: Hashable, Sendable {
  public var id: Int64
  public var assessmentID: Int64
  /// Who raised it (free text: a name or "匿名").
  public var raisedBy: String
  public var raisedOn: Day
  public var content: String
  public var resolution: String?
  public var resolvedOn: Day?
  public var resolvedBy: String?
  public var version: Int
  public var isOpen: Bool { resolution == nil }
}

/// One unit in a period's ranking.
public struct RankingRow: Hashable, Sendable {
  public var unitID: Int64
  public var unitName: String
  public var kind: UnitKind
  /// The 总支 above the unit (the unit itself for a 总支), nil for a branch under the committee.
  public var generalBranchID: Int64?
  public var category: DepartmentCategory?
  /// nil for a 总支 whose result is the mean of its branches.
  public var assessmentID: Int64?
  public var state: AssessmentState?
  /// The dimension subtotals plus the bonus: a veto changes the grade, not the total.
  public var total: Double
  public var grade: Grade
  public var vetoed: Bool
  /// The 公示's place (`AssessmentExport.published`): the competition rank among the
  /// published results of units of the same kind, hospital-wide; nil while the unit's
  /// result is not published.
  public var rank: Int?
  /// Places up (+) or down (−) among the units published in both periods; nil when the
  /// unit was not published in both.
  public var movement: Int?
  /// Dimension subtotals in scheme order.
  public var dimensionScores: [Double]
  /// The bonus items' points (加分), so the total is the sum of the row.
  public var bonus: Double
  /// 优秀 beyond the scheme's cap on the share of 优秀 (marked `*`).
  public var overExcellentCap: Bool
}

public struct RankingReport: Hashable, Sendable {
  public var period: Period
  public var rows: [RankingRow]
  /// Over the rows shown.
  public var distribution: [Grade: Int]
  /// 优秀 units beyond the scheme's cap on the share of 优秀 (hospital-wide).
  public var overExcellentCap: [Int64]
  /// The scheme of the period (of its first assessment), for headings and bars.
  public var scheme: Scheme?
}

public struct UnitYearResult: Hashable, Sendable {
  public var unitID: Int64
  public var year: Int
  /// Final totals of the quarters assessed, in order.
  public var quarters: [(Period, Double)]
  public var result: YearResult

  public static func == (a: UnitYearResult, b: UnitYearResult) -> Bool {
    a.unitID == b.unitID && a.year == b.year && a.result == b.result
      && a.quarters.map(\.0) == b.quarters.map(\.0) && a.quarters.map(\.1) == b.quarters.map(\.1)
  }
  public func hash(into h: inout Hasher) {
    h.combine(unitID)
    h.combine(year)
    h.combine(result)
  }
}

public struct MemberPointsRow: Hashable, Sendable {
  public var memberID: Int64
  public var name: String
  public var unitID: Int64
  public var points: PointsTotal
  public var events: Int
}

/// Branch assessment (党支部考评) storage for the scoring screen and the CLI. Every
/// change takes an `Actor` (role checked with `Role.can(.scoreAssessments)`, else
/// `StoreError.permissionDenied`), is validated (`StoreError.invalid` with the
/// Domain's messages; nothing is stored) and audited.
public protocol AssessmentRepository: Sendable {
  // MARK: schemes
  /// Every stored scheme version, oldest first.
  func schemes() throws -> [StoredScheme]
  func scheme(rowID: Int64) throws -> StoredScheme?
  /// The most recently saved scheme version, nil when none is stored.
  func currentScheme() throws -> StoredScheme?
  /// Stores a scheme: a new scheme id starts at version 1; a changed scheme whose
  /// latest version is frozen (used by a locked assessment) becomes a new version,
  /// otherwise the latest version is updated in place (its assessments re-totalled).
  @discardableResult func saveScheme(_ scheme: Scheme, by actor: Actor) throws -> StoredScheme

  // MARK: assessments
  /// Periods that have assessments, newest first.
  func periods() throws -> [Period]
  /// Assessments of a period, one per unit and scheme version.
  func assessments(period: Period) throws -> [AssessmentListItem]
  func assessment(id: Int64) throws -> Assessment?
  /// The unit's assessment for the period (the latest scheme version if several).
  func assessment(unitID: Int64, period: Period) throws -> Assessment?
  /// Starts a 草稿 assessment of a 总支 or 支部; `schemeRowID` nil uses the current
  /// scheme, storing the built-in 五化 scheme first when there is none.
  @discardableResult func createAssessment(
    unitID: Int64, period: Period, schemeRowID: Int64?, by actor: Actor
  )
    throws -> Assessment
  /// Saves one indicator's entry. `version` is the assessment's version as loaded:
  /// someone else's save since then gives `StoreError.staleVersion` (reload and retry).
  /// In 公示中 and 已定等 a `reason` is required; the self score changes only in 草稿.
  @discardableResult func saveEntry(
    _ entry: EntryInput, assessmentID: Int64, version: Int, reason: String?, by actor: Actor
  ) throws -> Assessment
  /// Saves several entries of one assessment in one transaction, each audited as
  /// `saveEntry` would; all or nothing.
  @discardableResult func saveEntries(
    _ entries: [EntryInput], assessmentID: Int64, version: Int, reason: String?, by actor: Actor
  ) throws -> Assessment
  /// Moves the workflow one step (`advance`) or back to 草稿 (`sendBack`, note required).
  /// Submitting needs every indicator scored and required evidence given; locking needs
  /// objections resolved and the 公示 over (or a note).
  @discardableResult func transition(
    _ action: WorkflowAction, assessmentID: Int64, version: Int, note: String, today: Day, by actor: Actor
  ) throws -> Assessment
  func history(assessmentID: Int64) throws -> [WorkflowStep]

  // MARK: objections (公示)
  @discardableResult func addObjection(
    assessmentID: Int64, raisedBy: String, content: String, on day: Day, by actor: Actor
  ) throws -> Objection
  @discardableResult func resolveObjection(
    id: Int64, version: Int, resolution: String, on day: Day, by actor: Actor
  )
    throws -> Objection
  func objections(assessmentID: Int64) throws -> [Objection]

  // MARK: rankings and year-end
  /// Units of `kind` ranked by total for the period, with movement since the previous
  /// period, filtered by 总支 and category (ranks stay hospital-wide).
  func ranking(period: Period, kind: UnitKind, generalBranchID: Int64?, category: DepartmentCategory?) throws
    -> RankingReport
  /// Records (or replaces) one 双述双评 mark 0–100 for a unit's secretary.
  func setReviewMark(
    unitID: Int64, year: Int, rater: ReviewRater, aspect: ReviewAspect, mark: Double, by actor: Actor)
    throws
  func reviewMarks(unitID: Int64, year: Int) throws -> [ReviewMark]
  /// Yearly results of every unit assessed in the year's quarters.
  func yearResults(year: Int, weights: YearWeights) throws -> [UnitYearResult]

  // MARK: member points (党员积分)
  @discardableResult func addPointsEvent(memberID: Int64, event: PointsEvent, note: String, by actor: Actor)
    throws
    -> Int64
  func pointsEvents(memberID: Int64, year: Int) throws -> [PointsEvent]
  /// Members of the unit (and its 党小组) with their points for the year, highest first.
  func memberPoints(unitID: Int64, year: Int, rules: PointsRules) throws -> [MemberPointsRow]
}
