/// The proposal state machine (domain.md §4): which action is allowed in which
/// state, with its date rules, as one pure function.

/// The kinds of action, without their data; raw values name the string-table
/// entries (`proposal.action.<raw>`) and the timeline's `action` column.
public enum ProposalActionKind: String, CaseIterable, Codable, Sendable {
  case submit  // 提交
  case startReview  // 开始审查
  case file  // 立案
  case convertToSuggestion  // 转意见建议
  case notFile  // 不立案
  case merge  // 并案
  case assign  // 交办
  case requestReturn  // 申请退回
  case reassign  // 重新交办
  case startHandling  // 开始办理
  case extend  // 延期
  case reply  // 答复
  case evaluate  // 评价
  case implement  // 落实
  case close  // 办结
}

/// An action with the data it needs.
public enum ProposalAction: Hashable, Sendable {
  /// Assigns the number and the submission date.
  case submit
  case startReview
  case file
  case convertToSuggestion(note: String)
  /// The written reason is required.
  case notFile(reason: String)
  /// `into`: the number of the proposal that takes this one over.
  case merge(into: String)
  /// Lead department and optional co-departments (ids); due = day + `replyMonths`.
  case assign(lead: Int64, co: [Int64])
  /// Sent back by the department within `returnWindowWorkingDays` of the assignment.
  case requestReturn(reason: String)
  case reassign(lead: Int64, co: [Int64])
  case startHandling
  /// The one extension, with a reason, before the due date.
  case extend(reason: String)
  case reply(text: String, grade: ReplyGrade, on: Day)
  case evaluate(Verdict)
  case implement
  case close

  public var kind: ProposalActionKind {
    switch self {
    case .submit: return .submit
    case .startReview: return .startReview
    case .file: return .file
    case .convertToSuggestion: return .convertToSuggestion
    case .notFile: return .notFile
    case .merge: return .merge
    case .assign: return .assign
    case .requestReturn: return .requestReturn
    case .reassign: return .reassign
    case .startHandling: return .startHandling
    case .extend: return .extend
    case .reply: return .reply
    case .evaluate: return .evaluate
    case .implement: return .implement
    case .close: return .close
    }
  }

  /// The text the action carries, for the timeline note.
  public var text: String? {
    switch self {
    case .convertToSuggestion(let s), .notFile(let s), .requestReturn(let s), .extend(let s): return s
    case .merge(let target): return target
    case .reply(let text, _, _): return text
    default: return nil
    }
  }
}

/// What `apply` needs besides the proposal: the rules, the working-day calendar,
/// the proposal's session (for its number) and the next free serial in it.
public struct ProposalContext: Hashable, Sendable {
  public var policy: ProposalPolicy
  public var calendar: WorkingCalendar
  public var session: CongressSession?
  public var nextSerial: Int

  public init(
    policy: ProposalPolicy = .standard, calendar: WorkingCalendar = WorkingCalendar(),
    session: CongressSession? = nil, nextSerial: Int = 1
  ) {
    self.policy = policy
    self.calendar = calendar
    self.session = session
    self.nextSerial = nextSerial
  }
}

extension Message: Error {}

public enum ProposalMachine {
  /// The transition table: the states each kind of action may start from, and
  /// (for documentation and the UI) where it leads. Date rules and data checks
  /// are applied on top by `apply`.
  public static let allowed: [ProposalActionKind: Set<ProposalState>] = [
    .submit: [.draft],
    .startReview: [.submitted],
    .file: [.underReview],
    .convertToSuggestion: [.underReview],
    .notFile: [.underReview],
    .merge: [.underReview],
    .assign: [.filed],
    .requestReturn: [.assigned],
    .reassign: [.returnRequested],
    .startHandling: [.assigned],
    .extend: [.assigned, .inProgress],
    .reply: [.inProgress],
    .evaluate: [.replied],
    .implement: [.evaluated, .replied],
    // 已落实 comes before 办结 (domain.md §4), also for an item under 督办.
    .close: [.implemented],
  ]

  /// The last day the department may send an assignment back.
  public static func returnDeadline(_ p: Proposal, context: ProposalContext) -> Day? {
    p.assignedOn.map { context.calendar.addingWorkingDays(context.policy.returnWindowWorkingDays, to: $0) }
  }

  /// The last day the proposer may evaluate the latest reply.
  public static func evaluationDeadline(_ p: Proposal, context: ProposalContext) -> Day? {
    p.repliedOn.map { context.calendar.addingWorkingDays(context.policy.evaluationWindowWorkingDays, to: $0) }
  }

  /// The reply due date for an assignment made on `day`: `replyMonths` later,
  /// moved forward to a working day.
  public static func dueDate(assignedOn day: Day, context: ProposalContext) -> Day {
    context.calendar.nextWorkingDay(onOrAfter: day.adding(months: context.policy.replyMonths))
  }

  /// The kinds of action `role` may take on `p` on `day`, state and date rules
  /// considered (the action's own data is checked by `apply`).
  public static func availableActions(
    for p: Proposal, role: Role, on day: Day, context: ProposalContext
  ) -> [ProposalActionKind] {
    guard role.can(.manageProposals) else { return [] }
    return ProposalActionKind.allCases.filter { kind in
      (allowed[kind] ?? []).contains(p.state) && dateRefusal(kind, p, day, context) == nil
    }
  }

  /// Refusals that depend on the state's dates, not on the action's data.
  static func dateRefusal(_ kind: ProposalActionKind, _ p: Proposal, _ day: Day, _ ctx: ProposalContext)
    -> Message?
  {
    switch kind {
    case .requestReturn:
      guard let deadline = returnDeadline(p, context: ctx) else { return Message(MessageKeys.proposalNoDate) }
      if day > deadline { return Message(MessageKeys.proposalReturnWindowClosed, deadline.iso) }
    case .extend:
      if p.extended { return Message(MessageKeys.proposalAlreadyExtended) }
      guard let due = p.dueOn else { return Message(MessageKeys.proposalNoDate) }
      if day > due { return Message(MessageKeys.proposalExtensionAfterDue, due.iso) }
    case .evaluate:
      guard let deadline = evaluationDeadline(p, context: ctx) else {
        return Message(MessageKeys.proposalNoDate)
      }
      if day > deadline { return Message(MessageKeys.proposalEvaluationWindowClosed, deadline.iso) }
    case .implement where p.state == .replied:
      // No evaluation came within the window: the reply is deemed accepted.
      guard let deadline = evaluationDeadline(p, context: ctx) else {
        return Message(MessageKeys.proposalNoDate)
      }
      if day <= deadline { return Message(MessageKeys.proposalAwaitingEvaluation, deadline.iso) }
    default:
      break
    }
    return nil
  }

  static func blank(_ s: String) -> Bool { OrgRules.trimmed(s).isEmpty }

  static func checkDepartments(lead: Int64, co: [Int64]) -> Message? {
    if lead <= 0 { return Message(MessageKeys.proposalLeadDepartmentRequired) }
    if co.contains(lead) || Set(co).count != co.count || co.contains(where: { $0 <= 0 }) {
      return Message(MessageKeys.proposalBadCoDepartments)
    }
    return nil
  }

  /// Applies `action` to `p` as `role` on `day`: the changed proposal, or the
  /// reason it is refused (permission, state, date rule or missing data). The
  /// caller stores the result and records the transition.
  public static func apply(
    _ action: ProposalAction, to p: Proposal, by role: Role, on day: Day, context ctx: ProposalContext
  ) -> Result<Proposal, Message> {
    guard role.can(.manageProposals) else {
      return .failure(Message(MessageKeys.proposalNotPermitted, role.rawValue))
    }
    let kind = action.kind
    guard (allowed[kind] ?? []).contains(p.state) else {
      return .failure(Message(MessageKeys.proposalActionNotAllowed, kind.rawValue, p.state.rawValue))
    }
    if let refusal = dateRefusal(kind, p, day, ctx) { return .failure(refusal) }
    let policy = ctx.policy
    var q = p
    switch action {
    case .submit:
      if let issue = ProposalRules.validateSubmission(p, policy: policy).first {
        return .failure(issue.message)
      }
      guard let session = ctx.session, session.id == p.sessionID else {
        return .failure(Message(MessageKeys.proposalNoSession))
      }
      q.serial = ctx.nextSerial
      q.number = Proposal.formatNumber(term: session.term, year: session.year, serial: ctx.nextSerial)
      q.submittedOn = day
      q.state = .submitted
    case .startReview:
      q.state = .underReview
    case .file:
      q.state = .filed
    case .convertToSuggestion(let note):
      q.decisionNote = blank(note) ? nil : String(OrgRules.trimmed(note))
      q.state = .convertedToSuggestion
    case .notFile(let reason):
      if blank(reason) { return .failure(Message(MessageKeys.proposalReasonRequired)) }
      q.decisionNote = String(OrgRules.trimmed(reason))
      q.state = .notFiled
    case .merge(let target):
      let t = String(OrgRules.trimmed(target))
      if t.isEmpty { return .failure(Message(MessageKeys.proposalMergeTargetRequired)) }
      if t == p.number { return .failure(Message(MessageKeys.proposalMergeIntoSelf)) }
      q.mergedInto = t
      q.state = .merged
    case .assign(let lead, let co), .reassign(let lead, let co):
      if let m = checkDepartments(lead: lead, co: co) { return .failure(m) }
      q.leadDepartmentID = lead
      q.coDepartmentIDs = co
      q.assignedOn = day
      q.dueOn = dueDate(assignedOn: day, context: ctx)
      q.state = .assigned
    case .requestReturn(let reason):
      if blank(reason) { return .failure(Message(MessageKeys.proposalReasonRequired)) }
      q.state = .returnRequested
    case .startHandling:
      q.state = .inProgress
    case .extend(let reason):
      if blank(reason) { return .failure(Message(MessageKeys.proposalReasonRequired)) }
      guard let due = p.dueOn else { return .failure(Message(MessageKeys.proposalNoDate)) }
      q.extensionReason = String(OrgRules.trimmed(reason))
      q.dueOn = ctx.calendar.nextWorkingDay(onOrAfter: due.adding(months: policy.extensionMonths))
    case .reply(let text, let grade, let date):
      if blank(text) { return .failure(Message(MessageKeys.proposalReplyTextRequired)) }
      if date > day || (p.assignedOn.map { date < $0 } ?? false) {
        return .failure(Message(MessageKeys.proposalBadReplyDate, date.iso))
      }
      q.replyText = String(OrgRules.trimmed(text))
      q.grade = grade
      q.repliedOn = date
      if q.firstReplyOnTime == nil { q.firstReplyOnTime = p.dueOn.map { date <= $0 } ?? true }
      q.state = .replied
    case .evaluate(let verdict):
      q.verdict = verdict
      q.evaluatedOn = day
      if verdict == .dissatisfied && p.round == 1 {
        // 重新办理: a second round, once, with its own deadline.
        q.round = 2
        q.state = .inProgress
        q.dueOn = ctx.calendar.nextWorkingDay(onOrAfter: day.adding(months: policy.secondRoundMonths))
      } else {
        if verdict == .dissatisfied { q.supervised = true }
        q.state = .evaluated
      }
    case .implement:
      q.implementedOn = day
      q.state = .implemented
    case .close:
      q.closedOn = day
      q.state = .closed
    }
    return .success(q)
  }
}
