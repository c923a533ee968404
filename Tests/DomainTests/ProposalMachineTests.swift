import Domain
import Testing

func day(_ s: String) -> Day { Day(iso: s)! }

let session7 = CongressSession(
  id: 1, term: 7, year: 2025, opens: day("2025-02-20"), closes: day("2025-02-21"))

/// 2025 National Day: 10-01…10-08 off, Sunday 09-28 and Saturday 10-11 worked (调休).
let nationalDay = WorkingCalendar(
  holidays: Set((1...8).map { Day(year: 2025, month: 10, day: $0) }),
  makeupWorkdays: [day("2025-09-28"), day("2025-10-11")])

func draft() -> Proposal {
  Proposal(
    sessionID: 1, title: "关于改善职工食堂夜班供餐的建议", reasons: "夜班职工无热饭", measures: "延长供餐时间",
    category: "后勤保障", proposer: "王伟", proposerUnit: "心血管内科", coSigners: ["李娜", "张敏"])
}

/// A proposal in `state`, with the dates that state implies (assigned 2025-03-03,
/// due 2025-06-03, replied 2025-03-04).
func proposal(in state: ProposalState) -> Proposal {
  var p = draft()
  p.state = state
  if state == .draft { return p }
  p.serial = 1
  p.number = "7-2025-001"
  p.submittedOn = day("2025-02-21")
  let handled: [ProposalState] = [
    .assigned, .returnRequested, .inProgress, .replied, .evaluated, .implemented, .closed,
  ]
  if handled.contains(state) {
    p.leadDepartmentID = 1
    p.assignedOn = day("2025-03-03")
    p.dueOn = day("2025-06-03")
  }
  if [.replied, .evaluated, .implemented, .closed].contains(state) {
    p.replyText = "已延长供餐"
    p.grade = .A
    p.repliedOn = day("2025-03-04")
    p.firstReplyOnTime = true
  }
  if [.evaluated, .implemented, .closed].contains(state) {
    p.verdict = .satisfied
    p.evaluatedOn = day("2025-03-05")
  }
  if [.implemented, .closed].contains(state) { p.implementedOn = day("2025-03-05") }
  if state == .closed { p.closedOn = day("2025-03-05") }
  if state == .notFiled { p.decisionNote = "不属于提案范围" }
  if state == .merged { p.mergedInto = "7-2025-002" }
  return p
}

func sampleAction(_ kind: ProposalActionKind) -> ProposalAction {
  switch kind {
  case .submit: return .submit
  case .startReview: return .startReview
  case .file: return .file
  case .convertToSuggestion: return .convertToSuggestion(note: "作为意见建议转有关部门")
  case .notFile: return .notFile(reason: "不属于提案范围")
  case .merge: return .merge(into: "7-2025-009")
  case .assign: return .assign(lead: 1, co: [2])
  case .requestReturn: return .requestReturn(reason: "非本部门职责")
  case .reassign: return .reassign(lead: 2, co: [])
  case .startHandling: return .startHandling
  case .extend: return .extend(reason: "需公开招标")
  case .reply: return .reply(text: "已协调", grade: .B, on: day("2025-03-05"))
  case .evaluate: return .evaluate(.satisfied)
  case .implement: return .implement
  case .close: return .close
  }
}

/// Every allowed transition and where it leads; every other pair is refused.
let expectedTransitions: [ProposalState: [ProposalActionKind: ProposalState]] = [
  .draft: [.submit: .submitted],
  .submitted: [.startReview: .underReview],
  .underReview: [
    .file: .filed, .convertToSuggestion: .convertedToSuggestion, .notFile: .notFiled, .merge: .merged,
  ],
  .filed: [.assign: .assigned],
  .assigned: [.requestReturn: .returnRequested, .startHandling: .inProgress, .extend: .assigned],
  .returnRequested: [.reassign: .assigned],
  .inProgress: [.extend: .inProgress, .reply: .replied],
  .replied: [.evaluate: .evaluated, .implement: .implemented],
  .evaluated: [.implement: .implemented],
  .implemented: [.close: .closed],
]

struct MatrixCell: CustomTestStringConvertible, Sendable {
  var state: ProposalState
  var kind: ProposalActionKind
  var testDescription: String { "\(state.rawValue) × \(kind.rawValue)" }
}

let allCells: [MatrixCell] = ProposalState.allCases.flatMap { s in
  ProposalActionKind.allCases.map { MatrixCell(state: s, kind: $0) }
}

@Test(arguments: allCells)
func stateActionMatrix(_ cell: MatrixCell) {
  let p = proposal(in: cell.state)
  // Implementing an unevaluated reply needs the evaluation window to have passed.
  let on = cell.state == .replied && cell.kind == .implement ? day("2025-04-01") : day("2025-03-05")
  let context = ProposalContext(session: session7, nextSerial: 12)
  let result = ProposalMachine.apply(sampleAction(cell.kind), to: p, by: .clerk, on: on, context: context)
  if let target = expectedTransitions[cell.state]?[cell.kind] {
    guard case .success(let q) = result else {
      Issue.record("\(cell.testDescription) refused: \(result)")
      return
    }
    #expect(q.state == target)
    #expect(
      ProposalMachine.availableActions(for: p, role: .clerk, on: on, context: context).contains(cell.kind))
  } else {
    #expect(
      result
        == .failure(Message(MessageKeys.proposalActionNotAllowed, cell.kind.rawValue, cell.state.rawValue)))
    #expect(
      !ProposalMachine.availableActions(for: p, role: .clerk, on: on, context: context).contains(cell.kind))
  }
}

@Test func finalStatesHaveNoActions() {
  for state in ProposalState.allCases where state.isFinal {
    #expect(expectedTransitions[state] == nil)
    #expect(ProposalMachine.allowed.values.allSatisfy { !$0.contains(state) })
  }
}

@Test(arguments: Role.allCases)
func onlyClerksAndAdminsManageProposals(_ role: Role) {
  let result = ProposalMachine.apply(
    .submit, to: draft(), by: role, on: day("2025-02-21"), context: ProposalContext(session: session7))
  if role == .clerk || role == .admin {
    #expect((try? result.get())?.state == .submitted)
  } else {
    #expect(result == .failure(Message(MessageKeys.proposalNotPermitted, role.rawValue)))
    #expect(
      ProposalMachine.availableActions(
        for: draft(), role: role, on: day("2025-02-21"), context: ProposalContext()
      ).isEmpty)
  }
}

@Test func submissionAssignsNumberAndDate() throws {
  let p = try ProposalMachine.apply(
    .submit, to: draft(), by: .clerk, on: day("2025-02-21"),
    context: ProposalContext(session: session7, nextSerial: 7)
  ).get()
  #expect(p.number == "7-2025-007" && p.serial == 7 && p.submittedOn == day("2025-02-21"))
  #expect(Proposal.formatNumber(term: 8, year: 2026, serial: 1234) == "8-2026-1234")
}

@Test func submissionNeedsCoSignersReasonsAndSession() {
  var p = draft()
  p.coSigners = ["李娜"]
  let ctx = ProposalContext(session: session7)
  #expect(
    ProposalMachine.apply(.submit, to: p, by: .clerk, on: day("2025-02-21"), context: ctx)
      == .failure(Message(MessageKeys.proposalTooFewCoSigners, "2")))
  var relaxed = ctx
  relaxed.policy.minimumCoSigners = 1
  #expect(
    (try? ProposalMachine.apply(.submit, to: p, by: .clerk, on: day("2025-02-21"), context: relaxed).get())
      != nil)
  p = draft()
  p.measures = "  "
  #expect(
    ProposalMachine.apply(.submit, to: p, by: .clerk, on: day("2025-02-21"), context: ctx)
      == .failure(Message(MessageKeys.proposalMeasuresRequired)))
  #expect(
    ProposalMachine.apply(.submit, to: draft(), by: .clerk, on: day("2025-02-21"), context: ProposalContext())
      == .failure(Message(MessageKeys.proposalNoSession)))
}

@Test func draftValidation() {
  var p = draft()
  #expect(ProposalRules.validateDraft(p).isEmpty)
  p.title = " "
  p.category = "外星事务"
  p.coSigners = ["王伟", "李娜"]
  let fields = ProposalRules.validateDraft(p).map(\.field)
  #expect(fields == ["title", "category", "coSigners"])
  p = draft()
  p.title = String(repeating: "长", count: 61)
  #expect(ProposalRules.validateDraft(p).first?.message == Message(MessageKeys.proposalTitleTooLong, "60"))
  var policy = ProposalPolicy.standard
  policy.categories.append("科研教学")
  p = draft()
  p.category = "科研教学"
  #expect(ProposalRules.validateDraft(p).count == 1)
  #expect(ProposalRules.validateDraft(p, policy: policy).isEmpty)
}

@Test func reviewDecisionsNeedTheirData() {
  let p = proposal(in: .underReview)
  let ctx = ProposalContext()
  let on = day("2025-03-01")
  #expect(
    ProposalMachine.apply(.notFile(reason: " "), to: p, by: .clerk, on: on, context: ctx)
      == .failure(Message(MessageKeys.proposalReasonRequired)))
  let rejected = try? ProposalMachine.apply(.notFile(reason: "一事多案"), to: p, by: .clerk, on: on, context: ctx)
    .get()
  #expect(rejected?.decisionNote == "一事多案")
  #expect(
    ProposalMachine.apply(.merge(into: ""), to: p, by: .clerk, on: on, context: ctx)
      == .failure(Message(MessageKeys.proposalMergeTargetRequired)))
  #expect(
    ProposalMachine.apply(.merge(into: "7-2025-001"), to: p, by: .clerk, on: on, context: ctx)
      == .failure(Message(MessageKeys.proposalMergeIntoSelf)))
  #expect(
    (try? ProposalMachine.apply(.merge(into: "7-2025-003"), to: p, by: .clerk, on: on, context: ctx).get())?
      .mergedInto == "7-2025-003")
  let filed = proposal(in: .filed)
  #expect(
    ProposalMachine.apply(.assign(lead: 0, co: []), to: filed, by: .clerk, on: on, context: ctx)
      == .failure(Message(MessageKeys.proposalLeadDepartmentRequired)))
  #expect(
    ProposalMachine.apply(.assign(lead: 1, co: [1]), to: filed, by: .clerk, on: on, context: ctx)
      == .failure(Message(MessageKeys.proposalBadCoDepartments)))
}

@Test func dueDateSkipsWeekendsAndHolidays() throws {
  let filed = proposal(in: .filed)
  func due(_ assigned: String, _ calendar: WorkingCalendar) throws -> Day? {
    try ProposalMachine.apply(
      .assign(lead: 3, co: [4, 5]), to: filed, by: .clerk, on: day(assigned),
      context: ProposalContext(calendar: calendar)
    ).get().dueOn
  }
  #expect(try due("2025-03-03", WorkingCalendar()) == day("2025-06-03"))
  // 3 months after 07-01 is 10-01, National Day: the next working day is Thursday 10-09.
  #expect(try due("2025-07-01", nationalDay) == day("2025-10-09"))
  #expect(try due("2025-07-01", WorkingCalendar()) == day("2025-10-01"))
  // Sunday 08-31 → Monday 09-01.
  #expect(try due("2025-05-31", WorkingCalendar()) == day("2025-09-01"))
  // 11-30 + 3 months clamps to 02-28, a Saturday → Monday 03-02.
  #expect(try due("2025-11-30", WorkingCalendar()) == day("2026-03-02"))
}

@Test func oneExtensionBeforeTheDueDate() throws {
  let ctx = ProposalContext(calendar: nationalDay)
  var p = proposal(in: .filed)
  p = try ProposalMachine.apply(
    .assign(lead: 1, co: []), to: p, by: .clerk, on: day("2025-07-01"), context: ctx
  ).get()
  p = try ProposalMachine.apply(.startHandling, to: p, by: .clerk, on: day("2025-07-02"), context: ctx).get()
  #expect(p.dueOn == day("2025-10-09"))
  // Too late the day after the due date.
  #expect(
    ProposalMachine.apply(.extend(reason: "招标"), to: p, by: .clerk, on: day("2025-10-10"), context: ctx)
      == .failure(Message(MessageKeys.proposalExtensionAfterDue, "2025-10-09")))
  #expect(
    ProposalMachine.apply(.extend(reason: ""), to: p, by: .clerk, on: day("2025-10-09"), context: ctx)
      == .failure(Message(MessageKeys.proposalReasonRequired)))
  // On the due date: + 1 month = Sunday 11-09 → Monday 11-10.
  p = try ProposalMachine.apply(
    .extend(reason: "需公开招标"), to: p, by: .clerk, on: day("2025-10-09"), context: ctx
  ).get()
  #expect(p.dueOn == day("2025-11-10") && p.extended && p.state == .inProgress)
  #expect(
    ProposalMachine.apply(.extend(reason: "再延"), to: p, by: .clerk, on: day("2025-10-20"), context: ctx)
      == .failure(Message(MessageKeys.proposalAlreadyExtended)))
  // A reply after the original due date but within the extension is on time.
  p = try ProposalMachine.apply(
    .reply(text: "已完成", grade: .A, on: day("2025-11-10")), to: p, by: .clerk, on: day("2025-11-11"),
    context: ctx
  ).get()
  #expect(p.firstReplyOnTime == true)
}

@Test func returnOnlyWithinSevenWorkingDays() throws {
  let ctx = ProposalContext(calendar: nationalDay)
  var p = try ProposalMachine.apply(
    .assign(lead: 1, co: []), to: proposal(in: .filed), by: .clerk, on: day("2025-09-26"), context: ctx
  ).get()
  // 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13.
  #expect(ProposalMachine.returnDeadline(p, context: ctx) == day("2025-10-13"))
  #expect(
    ProposalMachine.apply(
      .requestReturn(reason: "非本部门职责"), to: p, by: .clerk, on: day("2025-10-14"), context: ctx)
      == .failure(Message(MessageKeys.proposalReturnWindowClosed, "2025-10-13")))
  #expect(
    ProposalMachine.apply(.requestReturn(reason: " "), to: p, by: .clerk, on: day("2025-10-13"), context: ctx)
      == .failure(Message(MessageKeys.proposalReasonRequired)))
  p = try ProposalMachine.apply(
    .requestReturn(reason: "非本部门职责"), to: p, by: .clerk, on: day("2025-10-13"), context: ctx
  ).get()
  #expect(p.state == .returnRequested)
  p = try ProposalMachine.apply(
    .reassign(lead: 2, co: [1]), to: p, by: .clerk, on: day("2025-10-14"), context: ctx
  ).get()
  #expect(p.state == .assigned && p.leadDepartmentID == 2 && p.coDepartmentIDs == [1])
  #expect(p.assignedOn == day("2025-10-14") && p.dueOn == day("2026-01-14"))
}

@Test func evaluationWithinFifteenWorkingDays() throws {
  let ctx = ProposalContext(calendar: nationalDay)
  var p = proposal(in: .inProgress)
  p.assignedOn = day("2025-09-01")
  p.dueOn = day("2025-12-01")
  p = try ProposalMachine.apply(
    .reply(text: "答复", grade: .C, on: day("2025-09-26")), to: p, by: .clerk, on: day("2025-09-27"),
    context: ctx
  ).get()
  #expect(ProposalMachine.evaluationDeadline(p, context: ctx) == day("2025-10-23"))
  #expect(
    ProposalMachine.apply(.evaluate(.satisfied), to: p, by: .clerk, on: day("2025-10-24"), context: ctx)
      == .failure(Message(MessageKeys.proposalEvaluationWindowClosed, "2025-10-23")))
  #expect(
    ProposalMachine.apply(.implement, to: p, by: .clerk, on: day("2025-10-23"), context: ctx)
      == .failure(Message(MessageKeys.proposalAwaitingEvaluation, "2025-10-23")))
  // No evaluation within the window: the reply is deemed accepted and may be implemented.
  #expect(
    (try? ProposalMachine.apply(.implement, to: p, by: .clerk, on: day("2025-10-24"), context: ctx).get())?
      .state == .implemented)
  let evaluated = try ProposalMachine.apply(
    .evaluate(.basicallySatisfied), to: p, by: .clerk, on: day("2025-10-23"), context: ctx
  ).get()
  #expect(evaluated.state == .evaluated && evaluated.verdict == .basicallySatisfied && !evaluated.supervised)
}

@Test func replyDateMustFallBetweenAssignmentAndToday() {
  let p = proposal(in: .inProgress)
  let ctx = ProposalContext()
  #expect(
    ProposalMachine.apply(
      .reply(text: "x", grade: .A, on: day("2025-03-02")), to: p, by: .clerk, on: day("2025-03-05"),
      context: ctx)
      == .failure(Message(MessageKeys.proposalBadReplyDate, "2025-03-02")))
  #expect(
    ProposalMachine.apply(
      .reply(text: "x", grade: .A, on: day("2025-03-06")), to: p, by: .clerk, on: day("2025-03-05"),
      context: ctx)
      == .failure(Message(MessageKeys.proposalBadReplyDate, "2025-03-06")))
  #expect(
    ProposalMachine.apply(
      .reply(text: "", grade: .A, on: day("2025-03-05")), to: p, by: .clerk, on: day("2025-03-05"),
      context: ctx)
      == .failure(Message(MessageKeys.proposalReplyTextRequired)))
  var late = p
  late.dueOn = day("2025-03-04")
  let replied = try? ProposalMachine.apply(
    .reply(text: "迟复", grade: .B, on: day("2025-03-05")), to: late, by: .clerk, on: day("2025-03-05"),
    context: ctx
  ).get()
  #expect(replied?.firstReplyOnTime == false)
}

@Test func dissatisfiedSendsBackOnceThenSupervision() throws {
  let ctx = ProposalContext()
  var p = proposal(in: .replied)
  p = try ProposalMachine.apply(
    .evaluate(.dissatisfied), to: p, by: .clerk, on: day("2025-03-10"), context: ctx
  ).get()
  #expect(p.state == .inProgress && p.round == 2 && p.verdict == .dissatisfied && !p.supervised)
  #expect(p.dueOn == day("2025-04-10"))
  p = try ProposalMachine.apply(
    .reply(text: "第二轮答复", grade: .B, on: day("2025-04-01")), to: p, by: .clerk, on: day("2025-04-01"),
    context: ctx
  ).get()
  #expect(p.firstReplyOnTime == true && p.replyText == "第二轮答复")
  p = try ProposalMachine.apply(
    .evaluate(.dissatisfied), to: p, by: .clerk, on: day("2025-04-02"), context: ctx
  ).get()
  // The second 不满意 does not send it back again: it stays under 督办.
  #expect(p.state == .evaluated && p.round == 2 && p.supervised)
  #expect(
    ProposalMachine.apply(.close, to: p, by: .clerk, on: day("2025-04-03"), context: ctx)
      == .failure(Message(MessageKeys.proposalActionNotAllowed, "close", "evaluated")))
  p = try ProposalMachine.apply(.implement, to: p, by: .clerk, on: day("2025-09-01"), context: ctx).get()
  p = try ProposalMachine.apply(.close, to: p, by: .clerk, on: day("2025-09-02"), context: ctx).get()
  #expect(p.state == .closed && p.closedOn == day("2025-09-02") && p.supervised)
}

@Test func overdueAndAtRisk() {
  var p = proposal(in: .inProgress)
  p.dueOn = day("2025-06-03")
  #expect(!p.isOverdue(on: day("2025-06-03")) && p.isOverdue(on: day("2025-06-04")))
  #expect(p.isAtRisk(on: day("2025-05-20")) && !p.isAtRisk(on: day("2025-05-19")))
  #expect(p.isAtRisk(on: day("2025-06-03")) && !p.isAtRisk(on: day("2025-06-04")))
  #expect(p.daysLeft(on: day("2025-06-05")) == -2)
  p.state = .replied
  #expect(!p.isOverdue(on: day("2025-07-01")) && p.daysLeft(on: day("2025-07-01")) == nil)
}

@Test func kpiArithmeticOnAHandBuiltSet() {
  func make(_ state: ProposalState, onTime: Bool? = nil, verdict: Verdict? = nil, implemented: Bool = false)
    -> Proposal
  {
    var p = proposal(in: state)
    p.firstReplyOnTime = onTime
    p.verdict = verdict
    p.implementedOn = implemented ? day("2025-05-01") : nil
    return p
  }
  let set: [Proposal] = [
    make(.draft),  // not received
    make(.submitted), make(.underReview),
    make(.notFiled), make(.convertedToSuggestion), make(.merged), make(.merged),
    make(.filed), make(.assigned), make(.inProgress),
    make(.inProgress, onTime: false, verdict: .dissatisfied),  // second round
    make(.replied, onTime: true), make(.replied, onTime: false),
    make(.evaluated, onTime: true, verdict: .satisfied),
    make(.evaluated, onTime: true, verdict: .dissatisfied),
    make(.implemented, onTime: true, verdict: .basicallySatisfied, implemented: true),
    make(.closed, onTime: false, verdict: .satisfied, implemented: true),
    make(.closed, onTime: true, verdict: .basicallySatisfied, implemented: false),
  ]
  let k = ProposalKPIs(set)
  #expect(k.received == 17 && k.merged == 2 && k.valid == 15)
  #expect(k.filed == 11)
  #expect(k.replied == 8 && k.repliedOnTime == 5)
  #expect(k.evaluated == 6 && k.satisfied == 4)
  #expect(k.implemented == 2)
  #expect(k.filingRate == Rate(11, 15) && k.filingRate.percentText == "73.3")
  #expect(k.onTimeReplyRate.percentText == "62.5")
  #expect(k.satisfactionRate.percentText == "66.7")
  #expect(k.implementationRate.percentText == "18.2")
  #expect(Rate(0, 0).value == nil && Rate(0, 0).percentText == nil && Rate(1, 1).percentText == "100.0")
}
