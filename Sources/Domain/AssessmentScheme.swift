/// Branch assessment schemes (党支部考评方案, domain.md §3): dimensions → indicators,
/// scoring methods, grade thresholds and assessment periods. Pure values.

/// How an indicator turns inputs into points.
public enum ScoringMethod: String, CaseIterable, Codable, Sendable {
  /// From the maximum, `perUnit` points off per occurrence (每少开1次扣0.5分), floor 0.
  case deduct
  /// A named level (好/较好/一般/差) gives fixed points.
  case graded
  /// `perUnit` points per unit counted, capped at the maximum.
  case count
  /// 加分项: points (direct, or `perUnit` per unit) capped at the maximum, added on top of the total.
  case bonus
  /// 一票否决: any occurrence forces 不合格 whatever the total.
  case veto

  /// Whether the indicator's maximum counts towards its dimension and the scheme total.
  public var countsTowardsTotal: Bool { self == .deduct || self == .graded || self == .count }
}

/// A named level of a graded indicator and the points it gives.
public struct ScoreLevel: Hashable, Sendable, Codable {
  public var name: String
  public var points: Double
  public init(name: String, points: Double) {
    self.name = name
    self.points = points
  }
}

public struct Indicator: Hashable, Sendable, Identifiable {
  /// Stable id, unique within the scheme (ASCII, e.g. `life.meetings`).
  public var id: String
  public var name: String
  /// Maximum points; for a bonus item its cap; 0 for a veto item.
  public var maxPoints: Double
  /// 考评内容和标准.
  public var standard: String
  /// 考评方式: how it is checked (records, on-site check, interviews).
  public var checkMethod: String
  public var method: ScoringMethod
  /// deduct: points per occurrence; count and bonus: points per unit (0: bonus entered directly).
  public var perUnit: Double
  /// graded: the levels, best first.
  public var levels: [ScoreLevel]
  public var evidenceRequired: Bool

  public init(
    id: String, name: String, maxPoints: Double, standard: String = "", checkMethod: String = "",
    method: ScoringMethod, perUnit: Double = 0, levels: [ScoreLevel] = [], evidenceRequired: Bool = false
  ) {
    self.id = id
    self.name = name
    self.maxPoints = maxPoints
    self.standard = standard
    self.checkMethod = checkMethod
    self.method = method
    self.perUnit = perUnit
    self.levels = levels
    self.evidenceRequired = evidenceRequired
  }
}

public struct SchemeDimension: Hashable, Sendable, Identifiable {
  public var id: String
  public var name: String
  /// The sum of its deduct/graded/count indicators' maxima.
  public var maxPoints: Double
  public var indicators: [Indicator]
  public init(id: String, name: String, maxPoints: Double, indicators: [Indicator]) {
    self.id = id
    self.name = name
    self.maxPoints = maxPoints
    self.indicators = indicators
  }
}

/// 优秀 / 良好 / 合格 / 不合格, best first.
public enum Grade: String, CaseIterable, Codable, Sendable, Comparable {
  case excellent, good, pass, fail

  /// Lower is better.
  public var rank: Int { Grade.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: Grade, b: Grade) -> Bool { a.rank < b.rank }
  /// The next better grade, nil for 优秀.
  public var better: Grade? { rank == 0 ? nil : Grade.allCases[rank - 1] }
}

/// Grade thresholds as fractions of the scheme total.
public struct GradeThresholds: Hashable, Sendable {
  public var excellent: Double
  public var good: Double
  public var pass: Double
  public init(excellent: Double = 0.9, good: Double = 0.8, pass: Double = 0.6) {
    self.excellent = excellent
    self.good = good
    self.pass = pass
  }
  public static let standard = GradeThresholds()

  public func fraction(for grade: Grade) -> Double? {
    switch grade {
    case .excellent: return excellent
    case .good: return good
    case .pass: return pass
    case .fail: return nil
    }
  }
}

public enum PeriodType: String, CaseIterable, Codable, Sendable { case quarter, year }

/// How a 总支's result for a period is found.
public enum GeneralBranchMode: String, CaseIterable, Codable, Sendable {
  /// Its own assessment against the scheme.
  case own
  /// The mean total of its branches' assessments.
  case meanOfBranches
}

public struct Scheme: Hashable, Sendable, Identifiable {
  /// Stable id (e.g. `wuhua`); with `version` it names one stored scheme.
  public var id: String
  public var name: String
  public var version: Int
  public var totalPoints: Double
  public var periodType: PeriodType
  public var thresholds: GradeThresholds
  /// Optional cap on the share of 优秀 in a period (0.2–0.3 is common).
  public var excellentCap: Double?
  public var generalBranchMode: GeneralBranchMode
  public var dimensions: [SchemeDimension]
  /// Bonus and veto items that belong to no dimension.
  public var extras: [Indicator]

  public init(
    id: String, name: String, version: Int = 1, totalPoints: Double, periodType: PeriodType = .quarter,
    thresholds: GradeThresholds = .standard, excellentCap: Double? = nil,
    generalBranchMode: GeneralBranchMode = .own, dimensions: [SchemeDimension], extras: [Indicator] = []
  ) {
    self.id = id
    self.name = name
    self.version = version
    self.totalPoints = totalPoints
    self.periodType = periodType
    self.thresholds = thresholds
    self.excellentCap = excellentCap
    self.generalBranchMode = generalBranchMode
    self.dimensions = dimensions
    self.extras = extras
  }

  /// Every indicator in order: dimension by dimension, then the extras.
  public var allIndicators: [Indicator] { dimensions.flatMap(\.indicators) + extras }

  public func indicator(id: String) -> Indicator? { allIndicators.first { $0.id == id } }

  /// The dimension holding `indicatorID`, nil for extras.
  public func dimension(of indicatorID: String) -> SchemeDimension? {
    dimensions.first { $0.indicators.contains { $0.id == indicatorID } }
  }
}

/// A scheme problem. `path` names where: `scheme`, a dimension id or an indicator id;
/// `field` the offending field (`total`, `max`, `method`, `id`, `levels` ...).
public struct SchemeIssue: Hashable, Sendable {
  public var path: String
  public var field: String
  public var message: Message
  public init(path: String, field: String, message: Message) {
    self.path = path
    self.field = field
    self.message = message
  }
}

extension Scheme {
  /// Structural problems: maxima not adding up, duplicate or empty ids and names,
  /// graded items without levels or with levels above the maximum, bad thresholds.
  public func validate() -> [SchemeIssue] {
    var issues: [SchemeIssue] = []
    func add(_ path: String, _ field: String, _ key: String, _ args: String...) {
      issues.append(SchemeIssue(path: path, field: field, message: Message(key: key, args: args)))
    }
    if id.isEmpty { add("scheme", "id", MessageKeys.schemeMissingField, "id") }
    if name.isEmpty { add("scheme", "name", MessageKeys.schemeMissingField, "name") }
    if version < 1 { add("scheme", "version", MessageKeys.schemeBadValue, "version", String(version)) }
    if !(totalPoints > 0) {
      add("scheme", "total", MessageKeys.schemeBadValue, "total", Points.format(totalPoints))
    }
    let t = thresholds
    if !(0 < t.pass && t.pass < t.good && t.good < t.excellent && t.excellent <= 1) {
      add("scheme", "grades", MessageKeys.schemeBadThresholds)
    }
    if let cap = excellentCap, !(cap > 0 && cap <= 1) {
      add("scheme", "excellent_cap", MessageKeys.schemeBadValue, "excellent_cap", Points.format(cap))
    }
    if dimensions.isEmpty { add("scheme", "dimension", MessageKeys.schemeMissingField, "dimension") }
    var ids = Set<String>()
    for d in dimensions {
      if d.id.isEmpty { add("scheme", "id", MessageKeys.schemeMissingField, "id") }
      if !ids.insert(d.id).inserted { add(d.id, "id", MessageKeys.schemeDuplicateID, d.id) }
      if d.name.isEmpty { add(d.id, "name", MessageKeys.schemeMissingField, "name") }
      let sum = d.indicators.filter { $0.method.countsTowardsTotal }.reduce(0) { $0 + $1.maxPoints }
      if !Points.equal(sum, d.maxPoints) {
        add(d.id, "max", MessageKeys.schemeDimensionSum, d.id, Points.format(sum), Points.format(d.maxPoints))
      }
    }
    let dimSum = dimensions.reduce(0) { $0 + $1.maxPoints }
    if !dimensions.isEmpty && !Points.equal(dimSum, totalPoints) {
      add("scheme", "total", MessageKeys.schemeTotalSum, Points.format(dimSum), Points.format(totalPoints))
    }
    for i in allIndicators {
      if i.id.isEmpty { add("scheme", "id", MessageKeys.schemeMissingField, "id") }
      if !ids.insert(i.id).inserted { add(i.id, "id", MessageKeys.schemeDuplicateID, i.id) }
      if i.name.isEmpty { add(i.id, "name", MessageKeys.schemeMissingField, "name") }
      if i.maxPoints < 0 || (i.method != .veto && !(i.maxPoints > 0)) {
        add(i.id, "max", MessageKeys.schemeBadValue, "max", Points.format(i.maxPoints))
      }
      switch i.method {
      case .deduct, .count:
        if !(i.perUnit > 0) { add(i.id, "per", MessageKeys.schemeBadValue, "per", Points.format(i.perUnit)) }
      case .bonus:
        if i.perUnit < 0 { add(i.id, "per", MessageKeys.schemeBadValue, "per", Points.format(i.perUnit)) }
      case .graded:
        if i.levels.isEmpty { add(i.id, "levels", MessageKeys.schemeMissingField, "levels") }
        var names = Set<String>()
        for l in i.levels {
          if l.name.isEmpty || !names.insert(l.name).inserted || l.points < 0
            || l.points > i.maxPoints + Points.epsilon
          {
            add(i.id, "levels", MessageKeys.schemeBadLevel, i.id, l.name, Points.format(l.points))
          }
        }
      case .veto: break
      }
    }
    for i in extras where i.method.countsTowardsTotal {
      add(i.id, "method", MessageKeys.schemeExtraMethod, i.id, i.method.rawValue)
    }
    return issues
  }
}

/// Point arithmetic helpers: scores are kept to hundredths.
public enum Points {
  public static let epsilon = 1e-6
  /// The largest magnitude any points figure may have. Schemes are out of a few
  /// hundred points; the bound keeps every later computation (cents as Int64,
  /// occurrences as Int) far from overflow whatever a file holds.
  public static let limit = 1_000_000.0

  /// Whether `v` is a number a scheme or a score may hold: finite and within `limit`.
  public static func isInRange(_ v: Double) -> Bool { v.isFinite && abs(v) <= limit }

  public static func round(_ v: Double) -> Double { (v * 100).rounded() / 100 }
  public static func equal(_ a: Double, _ b: Double) -> Bool { abs(a - b) < epsilon }

  /// `450`, `449.5`, `0.25`: no trailing zeros, at most two decimals.
  public static func format(_ v: Double) -> String {
    // Beyond Int64 cents (a value no valid input reaches), show Swift's own form.
    guard v.isFinite, abs(v) < 1e15 else { return String(v) }
    let cents = Int64((v * 100).rounded())
    let sign = cents < 0 ? "-" : ""
    let a = abs(cents)
    let whole = a / 100
    let frac = a % 100
    if frac == 0 { return sign + String(whole) }
    if frac % 10 == 0 { return sign + "\(whole).\(frac / 10)" }
    return sign + "\(whole)." + (frac < 10 ? "0" : "") + String(frac)
  }

  /// Parses `12`, `12.5`, `-0.5`, `１２．５` (full-width digits as typed with a Chinese IME).
  /// nil for anything else, and for numbers beyond `limit` (`1e309`, `9223372036854775808`).
  public static func parse(_ text: String) -> Double? {
    var ascii = ""
    for s in text.unicodeScalars {
      switch s.value {
      case 0xFF10...0xFF19: ascii.unicodeScalars.append(Unicode.Scalar(s.value - 0xFF10 + 0x30)!)
      case 0xFF0E, 0x3002: ascii.append(".")
      case 0xFF0D: ascii.append("-")
      case 0x20, 0x3000: continue
      default: ascii.unicodeScalars.append(s)
      }
    }
    guard !ascii.isEmpty, ascii.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
      let v = Double(ascii), isInRange(v)
    else { return nil }
    return v
  }
}

/// An assessment period: a quarter (`2025Q3`) or a year (`2025`).
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var year: Int
  /// 1...4, nil for a whole year.
  public var quarter: Int?

  public init(year: Int, quarter: Int? = nil) {
    self.year = year
    self.quarter = quarter
  }

  /// Parses `2025Q3` (also `2025q3`, `2025-Q3`) or `2025`.
  public init?(_ text: String) {
    let t = String(OrgRules.trimmed(text).uppercased().filter { $0 != "-" })
    let parts = t.split(separator: "Q", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2, parts[0].count == 4, let y = Int(parts[0]),
      (1900...2200).contains(y)
    else { return nil }
    if parts.count == 2 {
      guard parts[1].count == 1, let q = Int(parts[1]), (1...4).contains(q) else { return nil }
      self.init(year: y, quarter: q)
    } else {
      self.init(year: y)
    }
  }

  /// The quarter holding `day`.
  public static func quarter(of day: Day) -> Period {
    Period(year: day.year, quarter: (day.month - 1) / 3 + 1)
  }

  public var type: PeriodType { quarter == nil ? .year : .quarter }
  public var text: String { quarter.map { "\(year)Q\($0)" } ?? String(year) }
  public var description: String { text }

  /// The period before: the previous quarter, or the previous year.
  public var previous: Period {
    guard let q = quarter else { return Period(year: year - 1) }
    return q == 1 ? Period(year: year - 1, quarter: 4) : Period(year: year, quarter: q - 1)
  }

  public var next: Period {
    guard let q = quarter else { return Period(year: year + 1) }
    return q == 4 ? Period(year: year + 1, quarter: 1) : Period(year: year, quarter: q + 1)
  }

  /// The four quarters of this period's year.
  public var quarters: [Period] { (1...4).map { Period(year: year, quarter: $0) } }
  public var yearPeriod: Period { Period(year: year) }

  public var firstDay: Day { Day(year: year, month: quarter.map { ($0 - 1) * 3 + 1 } ?? 1, day: 1) }
  public var lastDay: Day {
    let m = quarter.map { $0 * 3 } ?? 12
    return Day(year: year, month: m, day: Day.daysIn(month: m, year: year))
  }
  public func contains(_ day: Day) -> Bool { firstDay <= day && day <= lastDay }

  /// Years sort before their quarters' successors: 2025Q4 < 2025 < 2026Q1.
  public static func < (a: Period, b: Period) -> Bool {
    (a.year, a.quarter ?? 5) < (b.year, b.quarter ?? 5)
  }
}
