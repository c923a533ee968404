import Domain
import Foundation
import Store

/// What the dashboard asks for: population, department, score kind and the period range.
struct SatisfactionFilter: Hashable {
  var population = SatisfactionPopulation.staff
  /// nil: the whole hospital.
  var department: String?
  var kind = SatisfactionScoreKind.rate
  var granularity = SatisfactionPeriodKind.month
  /// The last period shown; nil follows the latest month with data.
  var end: SatisfactionPeriod?
  /// Periods in the trend and sparkline.
  var span = 36

  static let monthSpans = [12, 24, 36]
  static let quarterSpans = [4, 8, 12]
  var spans: [Int] { granularity == .month ? Self.monthSpans : Self.quarterSpans }
}

/// The figures of one population for the dashboard, read from the rollups (never
/// from raw answer sheets). Periods without raw responses take the national
/// platform's aggregated results where there are any (marked in `platformPeriods`).
struct SatisfactionFigures {
  var population: SatisfactionPopulation
  var period: SatisfactionPeriod
  var kpi: SatisfactionKPI
  /// Periods whose whole-questionnaire score came from platform results.
  var platformPeriods: Set<SatisfactionPeriod> = []
  /// Departments with a figure this period (ranked), then those under k (listed
  /// without a rank); departments without data this period are only counted.
  var ranking: [SatisfactionDepartmentRank] = []
  /// Departments in the store's ranking without data this period (they had some the period before).
  var departmentsWithoutData = 0
  /// Rows of the ranking list: the departments, and a line counting those without data.
  var rankingRows: Int { ranking.count + (departmentsWithoutData > 0 ? 1 : 0) }
  var heat: SatisfactionItemHeat?
  var weakest: [SatisfactionWeakItem] = []

  /// Reads the KPI panel only (the other populations' panels on a wide screen).
  static func headline(
    _ repo: any SatisfactionRepository, population: SatisfactionPopulation, filter: SatisfactionFilter,
    department: String?
  ) throws -> SatisfactionFigures? {
    guard let period = try endPeriod(repo, population: population, filter: filter) else { return nil }
    var kpi = try repo.kpi(population, period: period, seriesLength: filter.span, department: department)
    let platform = try applyPlatformResults(repo, to: &kpi, department: department)
    return SatisfactionFigures(population: population, period: period, kpi: kpi, platformPeriods: platform)
  }

  /// Everything the dashboard shows for the filter's population.
  static func load(_ repo: any SatisfactionRepository, filter: SatisfactionFilter, heatPeriods: Int) throws
    -> SatisfactionFigures?
  {
    let p = filter.population
    guard var figures = try headline(repo, population: p, filter: filter, department: filter.department)
    else { return nil }
    let period = figures.period
    let ranking = try repo.departmentRanking(p, period: period, by: filter.kind)
    figures.ranking = ranking.filter { $0.score != .noData }
    figures.departmentsWithoutData = ranking.count - figures.ranking.count
    figures.heat = try repo.itemHeat(
      p, periods: period.series(count: max(1, heatPeriods)), department: filter.department)
    figures.weakest = try repo.weakestItems(
      p, period: period, count: 5, trendLength: filter.granularity == .month ? 12 : 8,
      department: filter.department, by: filter.kind)
    return figures
  }

  /// The last period shown: the filter's, or the one holding the latest month with
  /// raw responses or platform results.
  static func endPeriod(
    _ repo: any SatisfactionRepository, population: SatisfactionPopulation, filter: SatisfactionFilter
  ) throws -> SatisfactionPeriod? {
    if let end = filter.end { return end }
    var latest = try repo.latestMonth(population)
    let results = try repo.results(
      population, from: SatisfactionMonth(year: 1900, month: 1), to: SatisfactionMonth(year: 2200, month: 12))
    if let last = results.map(\.period.lastMonth).max(), latest.map({ last > $0 }) ?? true {
      latest = last
    }
    return latest.map { SatisfactionPeriod(kind: filter.granularity, containing: $0) }
  }

  /// Fills periods without raw responses from the platform's whole-questionnaire results
  /// (the same period, or the months of a quarter weighted by n). Returns the periods filled.
  static func applyPlatformResults(
    _ repo: any SatisfactionRepository, to kpi: inout SatisfactionKPI, department: String?
  ) throws -> Set<SatisfactionPeriod> {
    let periods = kpi.series.map(\.period) + [kpi.period.previous, kpi.period.yearAgo]
    guard
      periods.contains(where: { p in
        p == kpi.period.previous
          ? kpi.previous == .noData
          : p == kpi.period.yearAgo
            ? kpi.yearAgo == .noData
            : kpi.series.first { $0.period == p }?.score == .noData
      }),
      let first = periods.map(\.firstMonth).min(), let last = periods.map(\.lastMonth).max()
    else { return [] }
    let results = try repo.results(kpi.population, from: first, to: last).filter {
      $0.department == (department ?? "") && $0.item.isEmpty
    }
    guard !results.isEmpty else { return [] }
    func platform(_ period: SatisfactionPeriod) -> GroupScore? {
      if let exact = results.first(where: { $0.period == period }) {
        return score(exact.n, exact.rate, exact.mean)
      }
      guard period.kind == .quarter else { return nil }
      let months = results.filter { $0.period.kind == .month && period.contains($0.period.firstMonth) }
      let n = months.reduce(0) { $0 + $1.n }
      guard n > 0 else { return nil }
      let rate = months.reduce(0.0) { $0 + $1.rate * Double($1.n) } / Double(n)
      let means = months.compactMap { m in m.mean.map { ($0, m.n) } }
      let mean =
        means.count == months.count
        ? means.reduce(0.0) { $0 + $1.0 * Double($1.1) } / Double(n) : nil
      return score(n, rate, mean)
    }
    func score(_ n: Int, _ rate: Double, _ mean: Double?) -> GroupScore {
      n < GroupScore.defaultK
        ? .suppressed(n: n, k: GroupScore.defaultK)
        : .score(SatisfactionScore(n: n, rate: rate, mean: mean ?? .nan))
    }
    var filled: Set<SatisfactionPeriod> = []
    for i in kpi.series.indices where kpi.series[i].score == .noData {
      if let s = platform(kpi.series[i].period) {
        kpi.series[i].score = s
        filled.insert(kpi.series[i].period)
      }
    }
    if kpi.current == .noData, let s = platform(kpi.period) {
      kpi.current = s
      filled.insert(kpi.period)
    }
    if kpi.previous == .noData, let s = platform(kpi.period.previous) { kpi.previous = s }
    if kpi.yearAgo == .noData, let s = platform(kpi.period.yearAgo) { kpi.yearAgo = s }
    if let rate = kpi.current.rate {
      kpi.belowTarget = SatisfactionTargets.isBelow(rate: rate, target: kpi.target)
    }
    return filled
  }
}

/// Numbers as the dashboard prints them.
enum SatisfactionFormat {
  /// One decimal ("96.1"); "100" for a full score, "–" for a missing mean.
  static func value(_ v: Double) -> String {
    guard v.isFinite else { return "–" }
    // Rounded once, the way below-target verdicts round it, so the two agree.
    let shown = SatisfactionTargets.shown(v)
    if shown >= 100 { return "100" }
    return String(format: "%.1f", shown)
  }

  /// A target or axis value: at most one decimal, none when whole ("94", "92.5").
  static func target(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
  }

  /// A signed change with one decimal ("+0.3", "-1.2", "±0.0").
  static func change(_ v: Double?) -> String {
    guard let v, v.isFinite else { return "–" }
    let r = (v * 10).rounded() / 10
    if r == 0 { return "±0.0" }
    return String(format: "%+.1f", r)
  }

  /// The period as a short column label: "26-11" for a month, "26Q4" for a quarter.
  static func short(_ p: SatisfactionPeriod) -> String {
    let yy = String(format: "%02d", p.year % 100)
    return p.kind == .month ? "\(yy)-\(String(format: "%02d", p.number))" : "\(yy)Q\(p.number)"
  }
}
