/// Year-end results (双述双评 combined with the four quarters) and member points
/// (党员积分管理), domain.md §3.

/// The four aspects a secretary is evaluated on.
public enum ReviewAspect: String, CaseIterable, Codable, Sendable {
  case decisions  // 执行决策部署
  case branchBuilding  // 支部建设
  case keyTasks  // 重点任务
  case integrity  // 廉洁自律
}

/// Who gives a 双述双评 mark.
public enum ReviewRater: String, CaseIterable, Codable, Sendable {
  case committee  // 党委
  case members  // 党员
  case publicRaters = "public"  // 群众
}

/// One mark (0–100) from one rater group on one aspect for one unit's secretary.
public struct ReviewMark: Hashable, Sendable {
  public var rater: ReviewRater
  public var aspect: ReviewAspect
  public var mark: Double
  public init(rater: ReviewRater, aspect: ReviewAspect, mark: Double) {
    self.rater = rater
    self.aspect = aspect
    self.mark = mark
  }
}

/// Weights of the yearly result: the quarters' mean and the 双述双评 score, and within
/// 双述双评 the rater groups. Configurable; these are defaults.
public struct YearWeights: Hashable, Sendable {
  public var quarters: Double
  public var review: Double
  public var raters: [ReviewRater: Double]
  public init(
    quarters: Double = 0.7, review: Double = 0.3,
    raters: [ReviewRater: Double] = [.committee: 0.5, .members: 0.3, .publicRaters: 0.2]
  ) {
    self.quarters = quarters
    self.review = review
    self.raters = raters
  }
  public static let standard = YearWeights()

  /// Problems that refuse these weights (domain.md §3, "they add to 100 %"): the
  /// quarters and 双述双评 must add to 100 %, and so must the three rater groups; no
  /// weight may be negative. Weights that add to anything else are never rescaled.
  public var issues: [FieldIssue] {
    var issues: [FieldIssue] = []
    let percent = { (v: Double) in Points.format(Points.round(v * 100)) }
    let parts = quarters + review
    if quarters < 0 || review < 0 || !Points.equal(Points.round(parts * 100), 100) {
      issues.append(
        FieldIssue(field: "review", message: Message(MessageKeys.yearWeightsQuartersReview, percent(parts))))
    }
    let groups = ReviewRater.allCases.map { raters[$0] ?? 0 }
    let groupSum = groups.reduce(0, +)
    if groups.contains(where: { $0 < 0 }) || !Points.equal(Points.round(groupSum * 100), 100) {
      issues.append(
        FieldIssue(field: "public", message: Message(MessageKeys.yearWeightsRaters, percent(groupSum))))
    }
    return issues
  }
}

public struct YearResult: Hashable, Sendable {
  /// Mean of the quarters' totals (on the scheme scale), nil without any quarter.
  public var quarterMean: Double?
  /// 双述双评 score 0–100, nil without marks.
  public var reviewScore: Double?
  /// On the scheme scale (e.g. of 500).
  public var total: Double
  public var vetoed: Bool
  public var grade: Grade
  public var quartersCounted: Int
  /// Not final yet (domain.md §3): a quarter is missing or not yet fixed (已定等), or the
  /// 双述双评 marks are missing. The figures are shown marked as provisional.
  public var provisional: Bool
}

public enum YearEnd {
  /// 双述双评 score 0–100: per rater group the mean of its marks over the aspects,
  /// combined with the group weights (renormalised over the groups that gave marks).
  public static func reviewScore(_ marks: [ReviewMark], weights: YearWeights = .standard) -> Double? {
    var weighted = 0.0
    var weightSum = 0.0
    for rater in ReviewRater.allCases {
      let m = marks.filter { $0.rater == rater }
      guard !m.isEmpty, let w = weights.raters[rater], w > 0 else { continue }
      weighted += w * m.reduce(0) { $0 + $1.mark } / Double(m.count)
      weightSum += w
    }
    return weightSum > 0 ? Points.round(weighted / weightSum) : nil
  }

  /// Problems with a mark: outside 0–100.
  public static func markIssues(_ mark: Double) -> [FieldIssue] {
    guard mark.isFinite, mark >= 0, mark <= 100 else {
      return [FieldIssue(field: "mark", message: Message(MessageKeys.reviewMarkRange, Points.format(mark)))]
    }
    return []
  }

  /// The yearly result: `quarters` are the quarter totals (with their veto flags);
  /// the review score is scaled to the scheme total. Missing parts drop out and the
  /// remaining weight is renormalised; a veto in any quarter makes the year 不合格.
  /// `quarters` may say whether each is fixed; any that is not, or fewer than four,
  /// or no review score makes the result provisional.
  public static func combine(
    quarters: [(total: Double, vetoed: Bool)], review: Double?, scheme: Scheme,
    weights: YearWeights = .standard, quartersFixed: [Bool]? = nil
  ) -> YearResult {
    // Rounded once, to hundredths like every score, and combined as shown: the total
    // of a year without review marks is the mean the year view prints.
    let mean =
      quarters.isEmpty ? nil : Points.round(quarters.reduce(0) { $0 + $1.total } / Double(quarters.count))
    var sum = 0.0
    var w = 0.0
    if let mean {
      sum += weights.quarters * mean
      w += weights.quarters
    }
    if let review {
      sum += weights.review * review / 100 * scheme.totalPoints
      w += weights.review
    }
    let total = w > 0 ? Points.round(sum / w) : 0
    let vetoed = quarters.contains { $0.vetoed }
    let fixed = quartersFixed ?? quarters.map { _ in true }
    let provisional = quarters.count < 4 || fixed.contains(false) || review == nil
    return YearResult(
      quarterMean: mean, reviewScore: review, total: total, vetoed: vetoed,
      grade: Scoring.grade(total: total, scheme: scheme, vetoed: vetoed), quartersCounted: quarters.count,
      provisional: provisional)
  }
}

// MARK: member points

/// The three parts of a member's yearly points.
public enum PointsPart: String, CaseIterable, Codable, Sendable {
  /// 基础分: starts full and only loses points.
  case base
  /// 任务分.
  case task
  /// 奖励分.
  case reward
}

/// A kind of event that earns or costs points: "参加主题党日 每次2分, 全年累计不超过12分".
public struct PointsItem: Hashable, Sendable, Identifiable {
  public var id: String
  public var name: String
  public var part: PointsPart
  /// Points per event; for base items the points taken off.
  public var perEvent: Double
  /// The most this item adds (or, for base items, takes off) in a year.
  public var yearlyCap: Double
  public init(id: String, name: String, part: PointsPart, perEvent: Double, yearlyCap: Double) {
    self.id = id
    self.name = name
    self.part = part
    self.perEvent = perEvent
    self.yearlyCap = yearlyCap
  }
}

public struct PointsRules: Hashable, Sendable {
  public var baseMax: Double
  public var taskMax: Double
  public var rewardMax: Double
  public var items: [PointsItem]

  public init(baseMax: Double = 20, taskMax: Double = 70, rewardMax: Double = 10, items: [PointsItem]) {
    self.baseMax = baseMax
    self.taskMax = taskMax
    self.rewardMax = rewardMax
    self.items = items
  }

  public func item(_ id: String) -> PointsItem? { items.first { $0.id == id } }

  /// The default catalogue: base 20 (deduction only) + task 70 + reward 10.
  public static let standard = PointsRules(items: [
    PointsItem(id: "absent", name: "无故缺席组织生活", part: .base, perEvent: 2, yearlyCap: 20),
    PointsItem(id: "dues-late", name: "未按时足额交纳党费", part: .base, perEvent: 5, yearlyCap: 20),
    PointsItem(id: "conduct", name: "违反医德医风受到通报", part: .base, perEvent: 10, yearlyCap: 20),
    PointsItem(id: "meeting", name: "参加三会一课", part: .task, perEvent: 1, yearlyCap: 20),
    PointsItem(id: "theme-day", name: "参加主题党日", part: .task, perEvent: 2, yearlyCap: 12),
    PointsItem(id: "study", name: "完成学习强国/网络学习任务", part: .task, perEvent: 1, yearlyCap: 12),
    PointsItem(id: "volunteer", name: "志愿服务、义诊活动", part: .task, perEvent: 2, yearlyCap: 12),
    PointsItem(id: "brand", name: "参与一支部一品牌项目", part: .task, perEvent: 2, yearlyCap: 8),
    PointsItem(id: "duty", name: "承担支部分配任务", part: .task, perEvent: 2, yearlyCap: 6),
    PointsItem(id: "honour", name: "获院级及以上表彰", part: .reward, perEvent: 3, yearlyCap: 6),
    PointsItem(id: "praise", name: "收到患者表扬信、锦旗", part: .reward, perEvent: 1, yearlyCap: 4),
  ])
}

/// One recorded event: `count` events of an item on a day.
public struct PointsEvent: Hashable, Sendable {
  public var itemID: String
  public var day: Day
  public var count: Int
  public init(itemID: String, day: Day, count: Int = 1) {
    self.itemID = itemID
    self.day = day
    self.count = count
  }
}

public struct PointsTotal: Hashable, Sendable {
  public var base: Double
  public var task: Double
  public var reward: Double
  public var total: Double { Points.round(base + task + reward) }
}

public enum MemberPoints {
  /// A member's points for the year from their events: each item capped per year,
  /// base kept within 0…baseMax, task and reward capped at their maxima.
  /// Events of unknown items are ignored.
  public static func total(_ events: [PointsEvent], rules: PointsRules = .standard) -> PointsTotal {
    var perItem: [String: Int] = [:]
    for e in events where e.count > 0 { perItem[e.itemID, default: 0] += e.count }
    var lost = 0.0
    var task = 0.0
    var reward = 0.0
    for (id, n) in perItem {
      guard let item = rules.item(id) else { continue }
      let points = min(item.yearlyCap, Double(n) * item.perEvent)
      switch item.part {
      case .base: lost += points
      case .task: task += points
      case .reward: reward += points
      }
    }
    return PointsTotal(
      base: Points.round(max(0, rules.baseMax - lost)), task: Points.round(min(rules.taskMax, task)),
      reward: Points.round(min(rules.rewardMax, reward)))
  }

  /// Problems with an event: unknown item, count below 1.
  public static func eventIssues(_ event: PointsEvent, rules: PointsRules = .standard) -> [FieldIssue] {
    var issues: [FieldIssue] = []
    if rules.item(event.itemID) == nil {
      issues.append(
        FieldIssue(field: "itemID", message: Message(MessageKeys.pointsUnknownItem, event.itemID)))
    }
    if event.count < 1 {
      issues.append(
        FieldIssue(field: "count", message: Message(MessageKeys.scoreNegative, String(event.count))))
    }
    return issues
  }
}
