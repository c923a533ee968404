import Domain
import Foundation

/// Columns the proposal list can be sorted by.
public enum ProposalSortKey: String, CaseIterable, Sendable {
  /// Session, then serial (drafts, which have no number, last).
  case number
  case title
  case leadDepartment
  case state
  /// Proposals without a due date last, whichever the direction.
  case dueOn
  case submittedOn
  case category
  case proposer
  /// Days left on a running deadline (overdue first); the proposals whose deadline is
  /// not running (no due date, or replied) last, whichever the direction.
  case daysLeft
}

/// A list query: every set filter must hold (they combine with AND).
public struct ProposalQuery: Hashable, Sendable {
  public var sessionID: Int64?
  /// Empty: any state.
  public var states: Set<ProposalState>
  /// The lead (主办) department.
  public var departmentID: Int64?
  public var category: String?
  /// Only running proposals past their due date on `today`.
  public var overdueOnly: Bool
  /// Part of the lead proposer's name (a substring; 王 finds 王伟 and 王芳).
  public var proposer: String?
  /// Substrings of number, 案由, 理由, 建议办法, proposer and co-signers;
  /// whitespace-separated terms must all occur. Case-insensitive.
  public var search: String
  public var sort: ProposalSortKey
  public var descending: Bool
  /// The day overdue is judged against.
  public var today: Day

  public init(
    sessionID: Int64? = nil, states: Set<ProposalState> = [], departmentID: Int64? = nil,
    category: String? = nil, overdueOnly: Bool = false, proposer: String? = nil, search: String = "",
    sort: ProposalSortKey = .number, descending: Bool = false, today: Day = .today()
  ) {
    self.sessionID = sessionID
    self.states = states
    self.departmentID = departmentID
    self.category = category
    self.overdueOnly = overdueOnly
    self.proposer = proposer
    self.search = search
    self.sort = sort
    self.descending = descending
    self.today = today
  }
}

/// One row of the proposal list (what the list shows, not the whole proposal).
public struct ProposalListItem: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var sessionID: Int64
  public var number: String?
  public var title: String
  public var category: String
  public var proposer: String
  public var state: ProposalState
  public var leadDepartmentID: Int64?
  public var leadDepartment: String?
  public var submittedOn: Day?
  public var dueOn: Day?
  public var supervised: Bool
  public var version: Int

  /// Calendar days to the due date (negative: overdue) while a deadline is running.
  public func daysLeft(on today: Day) -> Int? {
    guard ProposalState.running.contains(state), let dueOn else { return nil }
    return today.days(to: dueOn)
  }

  public func isOverdue(on today: Day) -> Bool { (daysLeft(on: today) ?? 0) < 0 }
}

/// One page of a list query and the number of rows matching it in all.
public struct ProposalPage: Hashable, Sendable {
  public var items: [ProposalListItem]
  public var total: Int
  public var offset: Int
}

/// One entry of a proposal's timeline. `action` nil is the creation of the draft.
public struct ProposalTransition: Hashable, Sendable {
  public var id: Int64
  public var at: Date
  public var day: Day
  public var actor: String
  public var action: ProposalActionKind?
  public var from: ProposalState?
  public var to: ProposalState
  public var note: String?
}

public struct ProposalReplyRecord: Hashable, Sendable {
  public var id: Int64
  public var round: Int
  public var text: String
  public var grade: ReplyGrade
  public var repliedOn: Day
  public var departmentID: Int64?
  public var onTime: Bool
}

public struct ProposalEvaluationRecord: Hashable, Sendable {
  public var id: Int64
  public var round: Int
  public var verdict: Verdict
  public var evaluatedOn: Day
}

/// Why a proposal is on the 督办 list.
public enum SupervisionReason: String, CaseIterable, Sendable {
  /// Past its due date without a reply.
  case overdue
  /// Due within `ProposalPolicy.atRiskDays`.
  case atRisk
  /// 督办: dissatisfied after the second round and not yet closed (办结).
  case supervised
}

/// A line of the 督办 list: an overdue, at-risk or supervised proposal.
public struct SupervisionItem: Hashable, Sendable {
  public var item: ProposalListItem
  public var reason: SupervisionReason
  /// Negative when overdue; nil for a supervised item, whose reply deadline no longer runs.
  public var daysLeft: Int?

  public var overdue: Bool { reason == .overdue }
}

/// The 督办 list of one department: overdue first, then at risk by due date, then
/// the items under supervision.
public struct SupervisionGroup: Hashable, Sendable {
  public var departmentID: Int64?
  public var department: String
  public var head: String
  public var contact: String
  public var items: [SupervisionItem]
}

/// One department's part of the 督办 list, counted but not read: who answers for it
/// and how many of its items are listed for each reason.
public struct SupervisionDepartment: Hashable, Sendable {
  public var departmentID: Int64?
  public var department: String
  public var head: String
  public var contact: String
  public var overdue: Int
  public var atRisk: Int
  public var supervised: Int

  /// The items whose deadline still runs (overdue, then at risk): listed first.
  public var running: Int { overdue + atRisk }
  public var count: Int { running + supervised }
}

/// The 督办 list's shape: its departments in list order (by name, none last) with their
/// counts. Enough to draw the title and to know which department any line of the list
/// falls in, so a screen reads only the lines it shows
/// (`ProposalRepository.supervisionItems`) however many proposals are listed.
public struct SupervisionOutline: Hashable, Sendable {
  public var sessionID: Int64?
  public var today: Day
  public var departments: [SupervisionDepartment]
  /// The line of each department's first item.
  public let starts: [Int]
  public let count: Int

  public init(sessionID: Int64?, today: Day, departments: [SupervisionDepartment]) {
    self.sessionID = sessionID
    self.today = today
    self.departments = departments
    var starts: [Int] = []
    var line = 0
    for d in departments {
      starts.append(line)
      line += d.count
    }
    self.starts = starts
    self.count = line
  }

  public var overdue: Int { departments.reduce(0) { $0 + $1.overdue } }
  public var atRisk: Int { departments.reduce(0) { $0 + $1.atRisk } }
  public var supervised: Int { departments.reduce(0) { $0 + $1.supervised } }

  /// The position in `departments` of the department line `line` belongs to; nil off the list.
  public func departmentIndex(ofLine line: Int) -> Int? {
    guard line >= 0, line < count else { return nil }
    // The last department starting at or before the line (binary search: a department
    // may list no line only when its count is 0, which the store never returns).
    var (low, high) = (0, starts.count - 1)
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= line { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// Whether `line` is the first of its department's lines.
  public func isFirstLine(_ line: Int) -> Bool {
    departmentIndex(ofLine: line).map { starts[$0] == line } ?? false
  }
}

/// Staff proposals (职工提案): sessions, departments, holidays, proposals and their
/// history. Every change checks the actor's role (`Permission.manageProposals`, or
/// `importData` for imports), validates (`StoreError.invalid`), checks the row
/// `version` (`StoreError.staleVersion`) and writes its audit rows in the same
/// transaction.
public protocol ProposalRepository: Sendable {
  var policy: ProposalPolicy { get }

  /// Newest first (by year, then term).
  func sessions() throws -> [CongressSession]
  @discardableResult func addSession(_ session: CongressSession, by actor: Actor) throws -> CongressSession

  /// By name.
  func departments(includeInactive: Bool) throws -> [Department]
  @discardableResult func addDepartment(_ department: Department, by actor: Actor) throws -> Department
  @discardableResult func updateDepartment(_ department: Department, by actor: Actor, reason: String?) throws
    -> Department

  /// The holiday table by day, and the working-day calendar built from it.
  func holidays() throws -> [Holiday]
  func calendar() throws -> WorkingCalendar
  /// Adds or replaces the entries for their days, audited, in one transaction.
  func saveHolidays(_ entries: [Holiday], by actor: Actor) throws

  func proposal(id: Int64) throws -> Proposal?
  func proposal(number: String) throws -> Proposal?
  /// Saves a new draft (state must be `.draft`); co-signers in order.
  @discardableResult func createDraft(_ proposal: Proposal, by actor: Actor) throws -> Proposal
  /// Saves the text fields and co-signers of a draft (only drafts may be edited).
  @discardableResult func updateDraft(_ proposal: Proposal, by actor: Actor, reason: String?) throws
    -> Proposal
  /// Applies one action (`ProposalMachine.apply`) on `day`: the new state, a timeline
  /// entry with `note` (or the action's own text), reply/evaluation records and audit
  /// rows, in one transaction. Refusals throw `StoreError.invalid` with the reason's
  /// message under field `action`; `version` must be the one read.
  @discardableResult func apply(
    _ action: ProposalAction, to proposalID: Int64, version: Int, by actor: Actor, on day: Day, note: String?
  ) throws -> Proposal
  /// The actions the UI should offer.
  func availableActions(for proposal: Proposal, role: Role, on day: Day) throws -> [ProposalActionKind]

  /// Oldest first.
  func timeline(proposalID: Int64) throws -> [ProposalTransition]
  func replies(proposalID: Int64) throws -> [ProposalReplyRecord]
  func evaluations(proposalID: Int64) throws -> [ProposalEvaluationRecord]

  /// One page of the list: at most `limit` rows from `offset`, and the total.
  func list(_ query: ProposalQuery, offset: Int, limit: Int) throws -> ProposalPage
  /// Proposals per state (states with none are absent); all sessions when nil.
  func stateCounts(sessionID: Int64?) throws -> [ProposalState: Int]
  /// The four KPIs of a session (see `ProposalKPIs` for the definitions).
  func kpis(sessionID: Int64) throws -> ProposalKPIs
  /// A session's answered proposals (已答复 and later), the latest news first: by the
  /// date of their last step (办结, 落实, 评价 or 答复).
  func recentlyAnswered(sessionID: Int64, limit: Int) throws -> [ProposalListItem]
  /// 督办: overdue and at-risk proposals (due within `policy.atRiskDays`) and those
  /// under supervision (`Proposal.supervised`, until 办结), grouped by lead department
  /// (by name), overdue first within a group.
  func supervision(sessionID: Int64?, today: Day) throws -> [SupervisionGroup]
  /// The same list counted per department from the indexes, without reading an item;
  /// one department's part when `departmentID` is given.
  func supervisionOutline(sessionID: Int64?, departmentID: Int64?, today: Day) throws -> SupervisionOutline
  /// Lines `offset ..< offset + limit` of the list `outline` counted (fewer past its end),
  /// in its order; only those proposals are read.
  func supervisionItems(_ outline: SupervisionOutline, offset: Int, limit: Int) throws -> [SupervisionItem]
}
