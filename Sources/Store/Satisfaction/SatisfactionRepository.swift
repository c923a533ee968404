import Domain
import Foundation

/// A KPI panel for one population: the current period's score, the previous
/// period, the same period a year ago, and a series for the sparkline and trend.
public struct SatisfactionKPI: Hashable, Sendable {
  public var population: SatisfactionPopulation
  public var period: SatisfactionPeriod
  public var current: GroupScore
  public var previous: GroupScore
  public var yearAgo: GroupScore
  /// Oldest first; the last point is `period`.
  public var series: [SatisfactionPoint]
  /// 满意率 target in %.
  public var target: Double
  /// True when the current 满意率 is shown and below target.
  public var belowTarget: Bool
}

public struct SatisfactionPoint: Hashable, Sendable {
  public var period: SatisfactionPeriod
  public var score: GroupScore
  public init(period: SatisfactionPeriod, score: GroupScore) {
    self.period = period
    self.score = score
  }
}

/// One department in a ranking.
public struct SatisfactionDepartmentRank: Hashable, Sendable {
  public var department: String
  public var score: GroupScore
  public var previous: GroupScore
  /// Change of 满意率 since the previous period in percentage points (nil unless both are shown).
  public var rateChange: Double?
  /// Change of the 0–100 mean since the previous period.
  public var meanChange: Double?
  public var belowTarget: Bool
}

/// Items × periods; `cells[i][p]` is item `items[i]` in `periods[p]`.
public struct SatisfactionItemHeat: Hashable, Sendable {
  public var population: SatisfactionPopulation
  public var periods: [SatisfactionPeriod]
  public var items: [SatisfactionItem]
  public var cells: [[GroupScore]]
}

/// A low-scoring item (a target for 整改 corrective action) with its trend.
public struct SatisfactionWeakItem: Hashable, Sendable {
  public var item: SatisfactionItem
  public var score: GroupScore
  /// Oldest first; the last point is the period asked for.
  public var trend: [SatisfactionPoint]
}

/// An aggregated figure as delivered by the national survey platform.
public struct SatisfactionResult: Hashable, Sendable {
  public var period: SatisfactionPeriod
  public var population: SatisfactionPopulation
  /// "" for the whole hospital.
  public var department: String
  /// "" for the whole questionnaire.
  public var item: String
  public var n: Int
  public var rate: Double
  public var mean: Double?
  public init(
    period: SatisfactionPeriod, population: SatisfactionPopulation, department: String, item: String, n: Int,
    rate: Double, mean: Double?
  ) {
    self.period = period
    self.population = population
    self.department = department
    self.item = item
    self.n = n
    self.rate = rate
    self.mean = mean
  }
}

/// One import (of raw responses, platform results or demo data).
public struct SatisfactionImportRecord: Hashable, Sendable {
  public var id: Int64
  /// "responses", "results" or "demo".
  public var kind: String
  public var file: String
  public var sha256: String
  public var rows: Int
  public var at: Date
  public var actor: String
}

/// Satisfaction figures for dashboards, exports and the CLI. Every score comes
/// from the rollups (never from raw sheets), and every group with fewer than `k`
/// responses is `GroupScore.suppressed`.
public protocol SatisfactionRepository: Sendable {
  /// The current (highest) version of each population's instrument.
  func instruments() throws -> [SatisfactionInstrument]
  func instrument(_ population: SatisfactionPopulation, version: Int?) throws -> SatisfactionInstrument?
  /// Stores a new instrument version from TOML text (version must exceed the current one;
  /// an item keeps its scale across versions). Needs `importData`; audited.
  @discardableResult func addInstrument(toml: String, by actor: Actor) throws -> SatisfactionInstrument

  /// Targets per population (defaults where none was set).
  func targets() throws -> SatisfactionTargets
  /// Sets one population's 满意率 target (0…100 %). Needs `editOrganisation`; audited.
  func setTarget(_ rate: Double, for population: SatisfactionPopulation, by actor: Actor, reason: String?)
    throws

  /// The latest month holding responses for the population (nil when none): the dashboard's "current" period.
  func latestMonth(_ population: SatisfactionPopulation) throws -> SatisfactionMonth?
  /// The earliest and latest months with responses, over all populations.
  func monthRange() throws -> ClosedRange<SatisfactionMonth>?
  /// Departments with responses for the population, by name.
  func departments(_ population: SatisfactionPopulation) throws -> [String]

  /// The KPI panel. `department` nil means the whole hospital; `seriesLength` periods end with `period`.
  func kpi(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, seriesLength: Int, department: String?,
    k: Int
  ) throws -> SatisfactionKPI
  /// Departments for a period, best first by `kind` (the other kind breaks ties), then
  /// suppressed groups, then those without data this period.
  func departmentRanking(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, k: Int, by kind: SatisfactionScoreKind
  ) throws -> [SatisfactionDepartmentRank]
  /// The current instrument's items × `periods`.
  func itemHeat(
    _ population: SatisfactionPopulation, periods: [SatisfactionPeriod], department: String?, k: Int
  ) throws -> SatisfactionItemHeat
  /// The `count` lowest items by `kind` (the other kind breaks ties) in `period`, each
  /// with `trendLength` periods of trend.
  func weakestItems(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, count: Int, trendLength: Int,
    department: String?, k: Int, by kind: SatisfactionScoreKind
  ) throws -> [SatisfactionWeakItem]

  /// Platform results stored by `SatisfactionImport.results`, in the month range.
  func results(_ population: SatisfactionPopulation?, from: SatisfactionMonth, to: SatisfactionMonth) throws
    -> [SatisfactionResult]
  func imports() throws -> [SatisfactionImportRecord]
  /// Number of stored answer sheets.
  func responseCount() throws -> Int
  /// Recomputes every rollup from the raw sheets (`gongzhi satisfaction rebuild`); gives
  /// exactly the figures the incremental rollups give. Needs `importData`.
  func rebuildRollups(by actor: Actor) throws
}

extension SatisfactionRepository {
  public func kpi(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, seriesLength: Int = 12,
    department: String? = nil
  ) throws -> SatisfactionKPI {
    try kpi(
      population, period: period, seriesLength: seriesLength, department: department, k: GroupScore.defaultK)
  }
  public func departmentRanking(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, k: Int = GroupScore.defaultK,
    by kind: SatisfactionScoreKind = .rate
  ) throws -> [SatisfactionDepartmentRank] {
    try departmentRanking(population, period: period, k: k, by: kind)
  }
  public func itemHeat(
    _ population: SatisfactionPopulation, periods: [SatisfactionPeriod], department: String? = nil
  ) throws -> SatisfactionItemHeat {
    try itemHeat(population, periods: periods, department: department, k: GroupScore.defaultK)
  }
  public func weakestItems(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, count: Int = 5, trendLength: Int = 12,
    department: String? = nil, k: Int = GroupScore.defaultK, by kind: SatisfactionScoreKind = .rate
  ) throws -> [SatisfactionWeakItem] {
    try weakestItems(
      population, period: period, count: count, trendLength: trendLength, department: department, k: k,
      by: kind)
  }
}

extension GongzhiStore {
  /// Satisfaction surveys: instruments, targets, rollup-based figures.
  public var satisfaction: any SatisfactionRepository { GRDBSatisfactionRepository(db: db) }
}
