/// A ratio with its parts, so a report can show "17 / 109" as well as the percentage.
public struct Rate: Hashable, Sendable {
  public var numerator: Int
  public var denominator: Int

  public init(_ numerator: Int, _ denominator: Int) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// nil when the denominator is 0 (shown as "—", never as 0%).
  public var value: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }

  /// The percentage rounded to one decimal (half away from zero), e.g. `"82.6"`; nil when undefined.
  public var percentText: String? {
    guard denominator > 0 else { return nil }
    let tenths = (numerator * 2000 + denominator) / (2 * denominator)
    return "\(tenths / 10).\(tenths % 10)"
  }
}

/// The four proposal KPIs of a session and the counts behind them.
///
/// Definitions (over the proposals of one session):
/// - `received`: proposals that have been submitted (any state but 草稿 draft).
/// - `valid`: received minus those merged into another proposal (并案: the matter
///   is counted once, in the proposal that took it over).
/// - `filed`: proposals that were filed (立案) — state 立案 or any later handling
///   state (已交办, 申请退回, 办理中, 已答复, 已评价, 已落实, 办结).
/// - `replied`: proposals with at least one reply; `repliedOnTime`: of those, the
///   ones whose first reply date was on or before the due date in force at the time
///   (an extension counts).
/// - `evaluated`: proposals with at least one evaluation, counted once by their latest
///   verdict; `satisfied`: latest verdict 满意 or 基本满意.
/// - `implemented`: proposals marked 已落实 (state 已落实, or 办结 after 落实).
///
/// - 立案率 filing rate = filed / valid
/// - 按期答复率 on-time reply rate = repliedOnTime / replied
/// - 满意率 satisfaction rate = satisfied / evaluated
/// - 落实率 implementation rate = implemented / filed
public struct ProposalKPIs: Hashable, Sendable {
  public var received: Int
  public var merged: Int
  public var filed: Int
  public var replied: Int
  public var repliedOnTime: Int
  public var evaluated: Int
  public var satisfied: Int
  public var implemented: Int

  public init(
    received: Int, merged: Int, filed: Int, replied: Int, repliedOnTime: Int, evaluated: Int,
    satisfied: Int, implemented: Int
  ) {
    self.received = received
    self.merged = merged
    self.filed = filed
    self.replied = replied
    self.repliedOnTime = repliedOnTime
    self.evaluated = evaluated
    self.satisfied = satisfied
    self.implemented = implemented
  }

  /// Computes the counts from proposal values (the Store does the same in SQL).
  public init(_ proposals: [Proposal]) {
    var k = ProposalKPIs(
      received: 0, merged: 0, filed: 0, replied: 0, repliedOnTime: 0, evaluated: 0, satisfied: 0,
      implemented: 0)
    for p in proposals where p.state != .draft {
      k.received += 1
      if p.state == .merged { k.merged += 1 }
      if ProposalState.filedOrLater.contains(p.state) { k.filed += 1 }
      if let onTime = p.firstReplyOnTime {
        k.replied += 1
        if onTime { k.repliedOnTime += 1 }
      }
      if let v = p.verdict {
        k.evaluated += 1
        if v != .dissatisfied { k.satisfied += 1 }
      }
      if p.implementedOn != nil { k.implemented += 1 }
    }
    self = k
  }

  public var valid: Int { received - merged }
  /// 立案率.
  public var filingRate: Rate { Rate(filed, valid) }
  /// 按期答复率.
  public var onTimeReplyRate: Rate { Rate(repliedOnTime, replied) }
  /// 满意率.
  public var satisfactionRate: Rate { Rate(satisfied, evaluated) }
  /// 落实率.
  public var implementationRate: Rate { Rate(implemented, filed) }
}
