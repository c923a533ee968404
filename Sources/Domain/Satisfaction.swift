/// Satisfaction surveys (满意度, domain.md §6): populations, instruments, scales,
/// the two scores (满意率 and the 0–100 mean), the k threshold, targets and periods.
/// Pure values and arithmetic; no I/O.

/// Who answers a survey: 职工 / 门诊患者 / 住院患者.
public enum SatisfactionPopulation: String, CaseIterable, Codable, Sendable, Comparable {
  case staff, outpatient, inpatient

  /// The seed hospital's targets for 满意率, in %.
  public var defaultTarget: Double {
    switch self {
    case .staff: return 94
    case .outpatient: return 90
    case .inpatient: return 92
    }
  }

  /// The Chinese name as survey files write it.
  public var chinese: String {
    switch self {
    case .staff: return "职工"
    case .outpatient: return "门诊患者"
    case .inpatient: return "住院患者"
    }
  }

  /// Accepts the raw value, the Chinese name, or 门诊 / 住院.
  public init?(text: String) {
    switch text {
    case "staff", "职工", "员工": self = .staff
    case "outpatient", "门诊患者", "门诊": self = .outpatient
    case "inpatient", "住院患者", "住院": self = .inpatient
    default: return nil
    }
  }

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The answer scale of one item. Answers are coded 1…points from worst to best
/// (Likert: 1 非常不满意 … 5 非常满意; frequency: 1 从未 … 4 总是); every item also
/// accepts N/A (不适用), which is counted but left out of both scores.
public enum SatisfactionScale: String, CaseIterable, Codable, Sendable {
  case likert5
  case frequency4

  public var points: Int { self == .likert5 ? 5 : 4 }

  /// The stored code for N/A; 0 is "no answer" (the question was skipped).
  public static let notApplicable: UInt8 = 255
  public static let noAnswer: UInt8 = 0

  /// Twelfths of 100 per step above the lowest option: 1→0 … top→12 (exact integers
  /// for both scales, so sums of means stay exact).
  public var unitsPerStep: Int { 12 / (points - 1) }

  /// Chinese option words, worst to best.
  public var optionWords: [String] {
    switch self {
    case .likert5: return ["非常不满意", "不满意", "一般", "满意", "非常满意"]
    case .frequency4: return ["从未", "有时", "经常", "总是"]
    }
  }

  /// Parses one answer cell: a digit 1…points, an option word, NA / N/A / 不适用, or
  /// blank (no answer). nil when the text is not an answer on this scale.
  public func code(for text: String) -> UInt8? {
    let t = text.trimmingSpaces()
    if t.isEmpty { return Self.noAnswer }
    if t == "NA" || t == "N/A" || t == "na" || t == "n/a" || t == "不适用" { return Self.notApplicable }
    if let v = Int(t), v >= 1, v <= points { return UInt8(v) }
    if let i = optionWords.firstIndex(of: t) { return UInt8(i + 1) }
    return nil
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}

public struct SatisfactionItem: Hashable, Codable, Sendable {
  /// Stable code, unique within the instrument; CSV column header.
  public var code: String
  public var title: String
  public var titleEn: String
  public var scale: SatisfactionScale
  public init(code: String, title: String, titleEn: String, scale: SatisfactionScale = .likert5) {
    self.code = code
    self.title = title
    self.titleEn = titleEn
    self.scale = scale
  }
}

public struct SatisfactionDimension: Hashable, Codable, Sendable {
  public var code: String
  public var title: String
  public var titleEn: String
  public var items: [SatisfactionItem]
  public init(code: String, title: String, titleEn: String, items: [SatisfactionItem]) {
    self.code = code
    self.title = title
    self.titleEn = titleEn
    self.items = items
  }
}

/// A versioned questionnaire for one population: dimensions → items. Answer sheets
/// are stored in `items` order, tagged with the version they were read with.
public struct SatisfactionInstrument: Hashable, Codable, Sendable {
  public var population: SatisfactionPopulation
  public var version: Int
  public var title: String
  public var dimensions: [SatisfactionDimension]

  public init(
    population: SatisfactionPopulation, version: Int, title: String, dimensions: [SatisfactionDimension]
  ) {
    self.population = population
    self.version = version
    self.title = title
    self.dimensions = dimensions
  }

  /// All items in questionnaire order.
  public var items: [SatisfactionItem] { dimensions.flatMap(\.items) }

  public func item(code: String) -> SatisfactionItem? { items.first { $0.code == code } }

  /// Problems that make the instrument unusable (empty, duplicate or blank codes, too many items).
  public func validate() -> [Message] {
    var issues: [Message] = []
    if version < 1 { issues.append(Message(SatisfactionKeys.instrumentBadVersion, String(version))) }
    let all = items
    if all.isEmpty { issues.append(Message(SatisfactionKeys.instrumentEmpty, population.rawValue)) }
    if all.count > 250 { issues.append(Message(SatisfactionKeys.instrumentTooManyItems, String(all.count))) }
    var seen = Set<String>()
    for item in all {
      if item.code.trimmingSpaces().isEmpty || item.code.contains(",") || item.code.contains("\"") {
        issues.append(Message(SatisfactionKeys.instrumentBadCode, item.code))
      } else if !seen.insert(item.code).inserted {
        issues.append(Message(SatisfactionKeys.instrumentDuplicateItem, item.code))
      }
    }
    return issues
  }
}

/// Answer counts of one item in one group: how many answered each option, and N/A.
public struct AnswerCounts: Hashable, Sendable {
  public var scale: SatisfactionScale
  /// `counts[i]` answered option i + 1 (worst first).
  public var counts: [Int]
  public var notApplicable: Int

  public init(scale: SatisfactionScale, counts: [Int]? = nil, notApplicable: Int = 0) {
    self.scale = scale
    self.counts = counts ?? Array(repeating: 0, count: scale.points)
    self.notApplicable = notApplicable
  }

  /// Counts one coded answer (no-answer codes and out-of-range codes are ignored).
  public mutating func add(code: UInt8) {
    if code == SatisfactionScale.notApplicable {
      notApplicable += 1
    } else if code >= 1 && Int(code) <= scale.points {
      counts[Int(code) - 1] += 1
    }
  }

  public var tally: SatisfactionTally {
    var t = SatisfactionTally()
    let p = scale.points
    for (i, c) in counts.enumerated() {
      t.valid += c
      if i >= p - 2 { t.top2 += c }
      t.units += c * i * scale.unitsPerStep
    }
    t.notApplicable = notApplicable
    return t
  }
}

/// Integer sums from which both scores follow exactly; they add across items,
/// departments and months (also across scales).
public struct SatisfactionTally: Hashable, Sendable {
  /// Answers on the scale (N/A and skipped left out).
  public var valid = 0
  /// Answers in the top two boxes.
  public var top2 = 0
  /// Sum of answers mapped onto 0…12 (12 = 100 on the 0–100 scale; exact for both scales).
  public var units = 0
  public var notApplicable = 0

  public init(valid: Int = 0, top2: Int = 0, units: Int = 0, notApplicable: Int = 0) {
    self.valid = valid
    self.top2 = top2
    self.units = units
    self.notApplicable = notApplicable
  }

  public static func + (a: Self, b: Self) -> Self {
    Self(
      valid: a.valid + b.valid, top2: a.top2 + b.top2, units: a.units + b.units,
      notApplicable: a.notApplicable + b.notApplicable)
  }

  public static func += (a: inout Self, b: Self) { a = a + b }

  /// 满意率: top two boxes ÷ valid answers, in %; nil without valid answers.
  public var rate: Double? { valid > 0 ? Double(top2) * 100 / Double(valid) : nil }
  /// The 0–100 mean (options mapped linearly, lowest 0, highest 100); nil without valid answers.
  public var mean: Double? { valid > 0 ? Double(units) * 100 / (12 * Double(valid)) : nil }
}

public enum SatisfactionScoreKind: String, CaseIterable, Codable, Sendable {
  /// 满意率 (%).
  case rate
  /// 0–100 mean.
  case mean
}

/// A score that may be shown: n, 满意率 % and the 0–100 mean.
public struct SatisfactionScore: Hashable, Sendable {
  /// Responses in the group: answer sheets for a whole questionnaire, valid answers for one item.
  public var n: Int
  public var rate: Double
  public var mean: Double
  public init(n: Int, rate: Double, mean: Double) {
    self.n = n
    self.rate = rate
    self.mean = mean
  }
  public func value(_ kind: SatisfactionScoreKind) -> Double { kind == .rate ? rate : mean }

  /// Whether this scores higher than `other` by `kind`, the other kind breaking ties;
  /// nil when both are equal (the caller breaks that tie, e.g. by name).
  public func isHigher(than other: SatisfactionScore, by kind: SatisfactionScoreKind) -> Bool? {
    for k in [kind, kind == .rate ? .mean : .rate] where value(k) != other.value(k) {
      return value(k) > other.value(k)
    }
    return nil
  }
}

/// What a group may show. Groups with fewer than k responses are never shown on
/// their own: they are `suppressed` and say so ("n < k").
public enum GroupScore: Hashable, Sendable {
  case score(SatisfactionScore)
  case suppressed(n: Int, k: Int)
  /// No responses (or only N/A answers).
  case noData

  public static let defaultK = 5

  /// `n` responses with the tally of their answers, under threshold `k`.
  public init(n: Int, tally: SatisfactionTally, k: Int = GroupScore.defaultK) {
    if n <= 0 {
      self = .noData
    } else if n < k {
      self = .suppressed(n: n, k: k)
    } else if let rate = tally.rate, let mean = tally.mean {
      self = .score(SatisfactionScore(n: n, rate: rate, mean: mean))
    } else {
      self = .noData
    }
  }

  /// An item's score: n is its valid answers.
  public init(item tally: SatisfactionTally, k: Int = GroupScore.defaultK) {
    self.init(n: tally.valid, tally: tally, k: k)
  }

  public var score: SatisfactionScore? {
    if case .score(let s) = self { return s }
    return nil
  }
  public var isSuppressed: Bool {
    if case .suppressed = self { return true }
    return false
  }
  public var n: Int {
    switch self {
    case .score(let s): return s.n
    case .suppressed(let n, _): return n
    case .noData: return 0
    }
  }
  public var rate: Double? { score?.rate }
  public var mean: Double? { score?.mean }
  public func value(_ kind: SatisfactionScoreKind) -> Double? { score?.value(kind) }

  /// Change from `earlier` in percentage points (or mean points); nil unless both are shown.
  public func change(from earlier: GroupScore, _ kind: SatisfactionScoreKind) -> Double? {
    guard let a = value(kind), let b = earlier.value(kind) else { return nil }
    return a - b
  }
}

/// 满意率 targets per population, in %.
public struct SatisfactionTargets: Hashable, Sendable {
  public var values: [SatisfactionPopulation: Double]
  public init(values: [SatisfactionPopulation: Double] = [:]) { self.values = values }
  public static let defaults = SatisfactionTargets(
    values: Dictionary(uniqueKeysWithValues: SatisfactionPopulation.allCases.map { ($0, $0.defaultTarget) }))

  public subscript(population: SatisfactionPopulation) -> Double {
    get { values[population] ?? population.defaultTarget }
    set { values[population] = newValue }
  }

  /// True when a shown score's 满意率 is below the population's target; false for suppressed/no data.
  public func isBelow(_ score: GroupScore, _ population: SatisfactionPopulation) -> Bool {
    guard let rate = score.rate else { return false }
    return Self.isBelow(rate: rate, target: self[population])
  }

  /// Whether a 满意率 is below `target` as both are shown, to one decimal: 93.96 % is
  /// shown as 94.0 and meets a 94 % target, so the verdict never contradicts the
  /// figure printed beside it. Every below-target mark goes through here.
  public static func isBelow(rate: Double, target: Double) -> Bool {
    shown(rate) < shown(target)
  }

  /// A figure rounded as the screens, reports and kiosk print it (one decimal).
  public static func shown(_ value: Double) -> Double { (value * 10).rounded() / 10 }

  /// A target must be a percentage in 0…100.
  public static func validate(_ value: Double) -> Message? {
    value.isFinite && value >= 0 && value <= 100
      ? nil : Message(SatisfactionKeys.targetOutOfRange, String(value))
  }
}

/// A calendar month; `key` (YYYYMM) is its stored form.
public struct SatisfactionMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public init(year: Int, month: Int) {
    self.year = year
    self.month = month
  }
  public init(_ day: Day) { self.init(year: day.year, month: day.month) }
  public init?(key: Int) {
    let y = key / 100
    let m = key % 100
    guard (1...12).contains(m), y > 0 else { return nil }
    self.init(year: y, month: m)
  }
  public var key: Int { year * 100 + month }
  /// Months since year 0, for arithmetic.
  public var ordinal: Int { year * 12 + month - 1 }
  public init(ordinal: Int) { self.init(year: ordinal / 12, month: ordinal % 12 + 1) }
  public func adding(months: Int) -> Self { Self(ordinal: ordinal + months) }
  public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
  public static func < (a: Self, b: Self) -> Bool { a.ordinal < b.ordinal }
}

public enum SatisfactionPeriodKind: String, CaseIterable, Codable, Sendable { case month, quarter }

/// A reporting period: a month or a quarter.
public struct SatisfactionPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var kind: SatisfactionPeriodKind
  public var year: Int
  /// Month 1…12 or quarter 1…4.
  public var number: Int

  public init(kind: SatisfactionPeriodKind, year: Int, number: Int) {
    self.kind = kind
    self.year = year
    self.number = number
  }

  public static func month(_ year: Int, _ month: Int) -> Self {
    Self(kind: .month, year: year, number: month)
  }
  public static func quarter(_ year: Int, _ quarter: Int) -> Self {
    Self(kind: .quarter, year: year, number: quarter)
  }

  /// The period of `kind` holding `month`.
  public init(kind: SatisfactionPeriodKind, containing month: SatisfactionMonth) {
    switch kind {
    case .month: self.init(kind: .month, year: month.year, number: month.month)
    case .quarter: self.init(kind: .quarter, year: month.year, number: (month.month - 1) / 3 + 1)
    }
  }

  public init(kind: SatisfactionPeriodKind, containing day: Day) {
    self.init(kind: kind, containing: SatisfactionMonth(day))
  }

  /// `2025-03` for a month, `2025Q1` (also `2025-Q1`) for a quarter.
  public init?(code: String) {
    let u = code.trimmingSpaces().uppercased()
    if let q = u.firstIndex(of: "Q") {
      var yearText = u[..<q]
      if yearText.last == "-" { yearText = yearText.dropLast() }
      guard let y = Int(yearText), let n = Int(u[u.index(after: q)...]), (1...4).contains(n),
        (1900...2200).contains(y)
      else { return nil }
      self.init(kind: .quarter, year: y, number: n)
    } else {
      let parts = u.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
      guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
        (1...12).contains(m), (1900...2200).contains(y)
      else { return nil }
      self.init(kind: .month, year: y, number: m)
    }
  }

  public var code: String {
    switch kind {
    case .month: return SatisfactionMonth(year: year, month: number).description
    case .quarter: return "\(year)Q\(number)"
    }
  }
  public var description: String { code }

  public var firstMonth: SatisfactionMonth {
    SatisfactionMonth(year: year, month: kind == .month ? number : (number - 1) * 3 + 1)
  }
  public var lastMonth: SatisfactionMonth { firstMonth.adding(months: kind == .month ? 0 : 2) }
  public var months: [SatisfactionMonth] {
    (firstMonth.ordinal...lastMonth.ordinal).map { SatisfactionMonth(ordinal: $0) }
  }
  public func contains(_ month: SatisfactionMonth) -> Bool { month >= firstMonth && month <= lastMonth }

  /// Periods of the same kind since year 0, for arithmetic.
  var ordinal: Int { kind == .month ? year * 12 + number - 1 : year * 4 + number - 1 }

  public func advanced(by n: Int) -> Self {
    let o = ordinal + n
    return kind == .month
      ? Self(kind: .month, year: o / 12, number: o % 12 + 1)
      : Self(kind: .quarter, year: o / 4, number: o % 4 + 1)
  }
  public var previous: Self { advanced(by: -1) }
  public var yearAgo: Self { Self(kind: kind, year: year - 1, number: number) }

  /// `count` periods ending with (and including) this one, oldest first.
  public func series(count: Int) -> [Self] {
    count <= 0 ? [] : (0..<count).map { advanced(by: $0 - count + 1) }
  }

  /// All periods of `kind` from the one holding `from` to the one holding `to`, oldest first.
  public static func range(
    _ kind: SatisfactionPeriodKind, from: SatisfactionMonth, to: SatisfactionMonth
  ) -> [Self] {
    let a = Self(kind: kind, containing: from)
    let b = Self(kind: kind, containing: to)
    guard a <= b else { return [] }
    return (0...(b.ordinal - a.ordinal)).map { a.advanced(by: $0) }
  }

  public static func < (a: Self, b: Self) -> Bool {
    (a.firstMonth, a.kind == .month ? 0 : 1) < (b.firstMonth, b.kind == .month ? 0 : 1)
  }
}

/// Message keys of the satisfaction rules (listed in `MessageKeys.all`).
public enum SatisfactionKeys {
  public static let instrumentEmpty = "error.satisfaction.instrumentEmpty"
  public static let instrumentDuplicateItem = "error.satisfaction.instrumentDuplicateItem"
  public static let instrumentBadCode = "error.satisfaction.instrumentBadCode"
  public static let instrumentBadVersion = "error.satisfaction.instrumentBadVersion"
  public static let instrumentTooManyItems = "error.satisfaction.instrumentTooManyItems"
  public static let targetOutOfRange = "error.satisfaction.targetOutOfRange"

  public static let all: [String] = [
    instrumentEmpty, instrumentDuplicateItem, instrumentBadCode, instrumentBadVersion, instrumentTooManyItems,
    targetOutOfRange,
  ]
}
