/// The assessment workflow (domain.md §3): 草稿 → 自评已交 → 总支初审 → 党委审核 →
/// 公示中 → 已定等, with who may move it and when.

public enum AssessmentState: String, CaseIterable, Codable, Sendable, Comparable {
  case draft  // 草稿
  case selfSubmitted  // 自评已交
  case generalReview  // 总支初审
  case committeeReview  // 党委审核
  case publicNotice  // 公示中
  case locked  // 已定等

  public var order: Int { AssessmentState.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: AssessmentState, b: AssessmentState) -> Bool { a.order < b.order }
  public var next: AssessmentState? {
    order + 1 < AssessmentState.allCases.count ? AssessmentState.allCases[order + 1] : nil
  }
}

public enum WorkflowAction: String, CaseIterable, Codable, Sendable {
  /// One step forward.
  case advance
  /// Back to 草稿 for rework (from any state before 已定等); needs a note.
  case sendBack
}

public enum Workflow {
  /// Working days of 公示 (default).
  public static let defaultNoticeDays = 5

  /// The state an action leads to from `state`, nil when not possible.
  public static func target(of action: WorkflowAction, from state: AssessmentState) -> AssessmentState? {
    switch action {
    case .advance: return state.next
    case .sendBack: return state == .draft || state == .locked ? nil : .draft
    }
  }

  /// Whether `role` may change scores or move assessments at all (officer and admin;
  /// an officer also enters a branch's self-assessment on its behalf).
  public static func mayScore(_ role: Role) -> Bool { role.can(.scoreAssessments) }

  /// Problems refusing `action`: role, state, unresolved objections and, for locking,
  /// a notice period not over yet (unless a note explains why it ends early).
  /// `noticeEnds` is the last day of the 公示 (nil when not in notice).
  public static func issues(
    _ action: WorkflowAction, from state: AssessmentState, role: Role, note: String,
    openObjections: Int = 0, noticeEnds: Day? = nil, today: Day
  ) -> [FieldIssue] {
    guard mayScore(role) else {
      return [FieldIssue(field: "role", message: Message(MessageKeys.workflowRoleRefused, role.rawValue))]
    }
    guard let to = target(of: action, from: state) else {
      return [
        FieldIssue(
          field: "state", message: Message(MessageKeys.workflowNotAllowed, action.rawValue, state.rawValue))
      ]
    }
    var issues: [FieldIssue] = []
    let noted = !OrgRules.trimmed(note).isEmpty
    if action == .sendBack && !noted {
      issues.append(FieldIssue(field: "note", message: Message(MessageKeys.workflowNoteRequired)))
    }
    if to == .locked {
      if openObjections > 0 {
        issues.append(
          FieldIssue(
            field: "objections", message: Message(MessageKeys.workflowOpenObjections, String(openObjections)))
        )
      }
      if let end = noticeEnds, today <= end, !noted {
        issues.append(FieldIssue(field: "note", message: Message(MessageKeys.workflowNoticeNotOver, end.iso)))
      }
    }
    return issues
  }

  /// Whether the self score may change in `state` (only while 草稿).
  public static func selfEditable(_ state: AssessmentState) -> Bool { state == .draft }

  /// Whether a change in `state` needs a recorded reason (公示中 and 已定等).
  public static func changeNeedsReason(_ state: AssessmentState) -> Bool {
    state == .publicNotice || state == .locked
  }

  /// The last day of a 公示 starting on `start` and lasting `workingDays` working
  /// days (Monday–Friday; `start` counts when it is a working day).
  public static func noticeEnds(start: Day, workingDays: Int = defaultNoticeDays) -> Day {
    var d = start
    var left = max(1, workingDays)
    while true {
      if d.weekday <= 5 {
        left -= 1
        if left == 0 { return d }
      }
      d = d.adding(days: 1)
    }
  }
}

// MARK: rankings

/// One unit's result in a period, as ranked.
public struct RankedUnit: Hashable, Sendable {
  public var unitID: Int64
  public var total: Double
  public var grade: Grade
  public var vetoed: Bool
  /// 1-based competition rank (1, 2, 2, 4): equal totals share a rank.
  public var rank: Int
  /// Places moved up since the previous period (positive = up), nil when not ranked then.
  public var movement: Int?

  public init(
    unitID: Int64, total: Double, grade: Grade, vetoed: Bool = false, rank: Int = 0, movement: Int? = nil
  ) {
    self.unitID = unitID
    self.total = total
    self.grade = grade
    self.vetoed = vetoed
    self.rank = rank
    self.movement = movement
  }
}

public enum Ranking {
  /// Ranks by total, highest first; vetoed units after all others; equal totals share
  /// a rank; ties listed by unit id. `previous` gives last period's ranks for movement.
  public static func rank(_ units: [RankedUnit], previous: [Int64: Int] = [:]) -> [RankedUnit] {
    let sorted = units.sorted {
      if $0.vetoed != $1.vetoed { return !$0.vetoed }
      if !Points.equal($0.total, $1.total) { return $0.total > $1.total }
      return $0.unitID < $1.unitID
    }
    var result: [RankedUnit] = []
    result.reserveCapacity(sorted.count)
    for (i, u) in sorted.enumerated() {
      var r = u
      if let last = result.last, last.vetoed == u.vetoed, Points.equal(last.total, u.total) {
        r.rank = last.rank
      } else {
        r.rank = i + 1
      }
      r.movement = previous[u.unitID].map { $0 - r.rank }
      result.append(r)
    }
    return result
  }

  /// Movement like with like (domain.md §3): each unit ranked in both periods gets its
  /// place among the units ranked in both, last period minus now (positive = up). A
  /// unit that joined or left the set moves no one else. Units absent from either
  /// period get no movement.
  public static func movement(current: [RankedUnit], previous: [RankedUnit]) -> [Int64: Int] {
    let common = Set(current.map(\.unitID)).intersection(previous.map(\.unitID))
    func places(_ units: [RankedUnit]) -> [Int64: Int] {
      var out: [Int64: Int] = [:]
      for u in rank(units.filter { common.contains($0.unitID) }) { out[u.unitID] = u.rank }
      return out
    }
    let now = places(current)
    let then = places(previous)
    var result: [Int64: Int] = [:]
    for (id, place) in now { if let before = then[id] { result[id] = before - place } }
    return result
  }

  /// Units per grade, every grade present (possibly 0).
  public static func distribution(_ units: [RankedUnit]) -> [Grade: Int] {
    var d: [Grade: Int] = [.excellent: 0, .good: 0, .pass: 0, .fail: 0]
    for u in units { d[u.grade, default: 0] += 1 }
    return d
  }
}
