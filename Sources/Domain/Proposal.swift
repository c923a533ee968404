/// Staff proposals (职代会职工提案), domain.md §4. Pure values; no I/O. User-facing
/// words live in the App's string tables, keyed by the raw values below.

/// A session of the workers' congress (职工代表大会): the 届次 (term number) and the
/// year of the meeting, e.g. 第七届 2025. Proposal numbers are `届次-年-序号`.
public struct CongressSession: Hashable, Sendable, Identifiable {
  public var id: Int64
  /// 届次, e.g. 7 for 第七届.
  public var term: Int
  public var year: Int
  /// The meeting's first and last day.
  public var opens: Day
  public var closes: Day
  public var version: Int

  public init(id: Int64 = 0, term: Int, year: Int, opens: Day, closes: Day, version: Int = 0) {
    self.id = id
    self.term = term
    self.year = year
    self.opens = opens
    self.closes = closes
    self.version = version
  }
}

/// A department that handles proposals (主办 / 协办).
public struct Department: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var name: String
  /// 负责人.
  public var head: String
  /// 联系方式 (phone or extension).
  public var contact: String
  public var active: Bool
  public var version: Int

  public init(
    id: Int64 = 0, name: String, head: String = "", contact: String = "", active: Bool = true,
    version: Int = 0
  ) {
    self.id = id
    self.name = name
    self.head = head
    self.contact = contact
    self.active = active
    self.version = version
  }
}

/// The lifecycle of a proposal (domain.md §4).
public enum ProposalState: String, CaseIterable, Codable, Sendable {
  case draft  // 草稿
  case submitted  // 已提交
  case underReview  // 审查中
  case filed  // 立案
  case convertedToSuggestion  // 转意见建议 (final)
  case notFiled  // 不立案 (final)
  case merged  // 并案 (final)
  case assigned  // 已交办 (also after 重新交办)
  case returnRequested  // 申请退回
  case inProgress  // 办理中
  case replied  // 已答复
  case evaluated  // 已评价
  case implemented  // 已落实
  case closed  // 办结 (final)

  /// States whose reply deadline is running: they can be overdue or at risk.
  public static let running: [ProposalState] = [.assigned, .returnRequested, .inProgress]

  /// States reached only after 立案 (filing): the numerator of 立案率.
  public static let filedOrLater: [ProposalState] = [
    .filed, .assigned, .returnRequested, .inProgress, .replied, .evaluated, .implemented, .closed,
  ]

  /// No action leads out of these.
  public var isFinal: Bool {
    self == .convertedToSuggestion || self == .notFiled || self == .merged || self == .closed
  }
}

/// The reply's result grade (答复结果).
public enum ReplyGrade: String, CaseIterable, Codable, Sendable {
  /// A: solved or basically solved.
  case A
  /// B: being solved or scheduled.
  case B
  /// C: not possible now, for stated constraints.
  case C
  /// D: kept for reference.
  case D
}

/// The proposer's evaluation of a reply.
public enum Verdict: String, CaseIterable, Codable, Sendable {
  case satisfied  // 满意
  case basicallySatisfied  // 基本满意
  case dissatisfied  // 不满意
}

/// The configurable rules; `standard` holds the defaults of domain.md §4.
public struct ProposalPolicy: Hashable, Sendable {
  /// Categories offered and accepted (data values, shown as they are).
  public var categories: [String]
  public var minimumCoSigners: Int
  /// Reply due this many months after assignment (rolled forward to a working day).
  public var replyMonths: Int
  /// The one extension adds this many months to the due date.
  public var extensionMonths: Int
  /// A wrongly assigned item may be sent back within this many working days of assignment.
  public var returnWindowWorkingDays: Int
  /// The proposer evaluates within this many working days of the reply.
  public var evaluationWindowWorkingDays: Int
  /// A second round (after 不满意) is due this many months after the evaluation.
  public var secondRoundMonths: Int
  /// Due within this many calendar days (and not overdue): at risk.
  public var atRiskDays: Int
  public var maxTitleLength: Int
  public var maxTextLength: Int

  public init(
    categories: [String] = ["医疗业务", "人事薪酬", "后勤保障", "职工福利", "信息化", "其他"],
    minimumCoSigners: Int = 2, replyMonths: Int = 3, extensionMonths: Int = 1,
    returnWindowWorkingDays: Int = 7, evaluationWindowWorkingDays: Int = 15, secondRoundMonths: Int = 1,
    atRiskDays: Int = 14, maxTitleLength: Int = 60, maxTextLength: Int = 4000
  ) {
    self.categories = categories
    self.minimumCoSigners = minimumCoSigners
    self.replyMonths = replyMonths
    self.extensionMonths = extensionMonths
    self.returnWindowWorkingDays = returnWindowWorkingDays
    self.evaluationWindowWorkingDays = evaluationWindowWorkingDays
    self.secondRoundMonths = secondRoundMonths
    self.atRiskDays = atRiskDays
    self.maxTitleLength = maxTitleLength
    self.maxTextLength = maxTextLength
  }

  public static let standard = ProposalPolicy()

  /// The codes of the built-in categories (the defaults above), naming their words in
  /// the string tables (`proposal.category.<code>`). The stored value stays the Chinese
  /// name; a category configured otherwise has no code and is shown as it is.
  public static let builtInCategoryCodes: [String: String] = [
    "医疗业务": "medical", "人事薪酬": "personnel", "后勤保障": "logistics", "职工福利": "welfare",
    "信息化": "it", "其他": "other",
  ]
}

/// One proposal with its current handling summary. The full history (every
/// transition, every reply and evaluation) is kept by the Store.
public struct Proposal: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var sessionID: Int64
  /// 序号 within the session, assigned on submission.
  public var serial: Int?
  /// `届次-年-序号`, e.g. `7-2025-012`, assigned on submission.
  public var number: String?
  /// 案由.
  public var title: String
  /// 理由.
  public var reasons: String
  /// 建议办法.
  public var measures: String
  public var category: String
  /// 提案人 (lead proposer).
  public var proposer: String
  /// The lead proposer's department or delegation (free text).
  public var proposerUnit: String
  /// 附议人, in order.
  public var coSigners: [String]
  public var submittedOn: Day?
  public var state: ProposalState
  /// The written reason of 不立案, or the note of 转意见建议.
  public var decisionNote: String?
  /// 并案: the number of the proposal this one was merged into.
  public var mergedInto: String?
  /// 主办 department.
  public var leadDepartmentID: Int64?
  /// 协办 departments.
  public var coDepartmentIDs: [Int64]
  /// The latest (re)assignment day.
  public var assignedOn: Day?
  /// The reply deadline in force (after an extension or for the second round).
  public var dueOn: Day?
  /// Set when the one extension (延期) was granted.
  public var extensionReason: String?
  /// 1, or 2 after a 不满意 evaluation sent it back (重新办理).
  public var round: Int
  /// The latest reply.
  public var replyText: String?
  public var grade: ReplyGrade?
  public var repliedOn: Day?
  /// Whether the first reply came on or before the due date then in force.
  public var firstReplyOnTime: Bool?
  /// The latest evaluation.
  public var verdict: Verdict?
  public var evaluatedOn: Day?
  /// 督办: dissatisfied after the second round; followed up quarterly.
  public var supervised: Bool
  public var implementedOn: Day?
  public var closedOn: Day?
  public var version: Int

  public init(
    id: Int64 = 0, sessionID: Int64, title: String, reasons: String = "", measures: String = "",
    category: String, proposer: String, proposerUnit: String = "", coSigners: [String] = [],
    state: ProposalState = .draft, version: Int = 0
  ) {
    self.id = id
    self.sessionID = sessionID
    self.title = title
    self.reasons = reasons
    self.measures = measures
    self.category = category
    self.proposer = proposer
    self.proposerUnit = proposerUnit
    self.coSigners = coSigners
    self.state = state
    self.coDepartmentIDs = []
    self.round = 1
    self.supervised = false
    self.version = version
  }

  public var extended: Bool { extensionReason != nil }

  /// `届次-年-序号` with the serial zero-padded to three digits.
  public static func formatNumber(term: Int, year: Int, serial: Int) -> String {
    let s = String(serial)
    return "\(term)-\(year)-" + String(repeating: "0", count: max(0, 3 - s.count)) + s
  }

  /// Past the due date with no reply yet.
  public func isOverdue(on today: Day) -> Bool {
    guard ProposalState.running.contains(state), let due = dueOn else { return false }
    return due < today
  }

  /// Not overdue, and due within `policy.atRiskDays` calendar days.
  public func isAtRisk(on today: Day, policy: ProposalPolicy = .standard) -> Bool {
    guard ProposalState.running.contains(state), let due = dueOn else { return false }
    return due >= today && today.days(to: due) <= policy.atRiskDays
  }

  /// Calendar days until the due date (negative when overdue); nil when no deadline is running.
  public func daysLeft(on today: Day) -> Int? {
    guard ProposalState.running.contains(state), let due = dueOn else { return nil }
    return today.days(to: due)
  }
}

/// Field validation for proposals (drafts and submissions).
public enum ProposalRules {
  /// Issues that stop a draft from being saved: title, category, proposer, lengths.
  public static func validateDraft(_ p: Proposal, policy: ProposalPolicy = .standard) -> [FieldIssue] {
    var issues: [FieldIssue] = []
    let title = OrgRules.trimmed(p.title)
    if title.isEmpty {
      issues.append(FieldIssue(field: "title", message: Message(MessageKeys.proposalTitleRequired)))
    } else if title.count > policy.maxTitleLength {
      issues.append(
        FieldIssue(
          field: "title", message: Message(MessageKeys.proposalTitleTooLong, String(policy.maxTitleLength))))
    }
    for (field, text) in [("reasons", p.reasons), ("measures", p.measures)]
    where text.count > policy.maxTextLength {
      issues.append(
        FieldIssue(
          field: field, message: Message(MessageKeys.proposalTextTooLong, String(policy.maxTextLength))))
    }
    let singleLine =
      [
        ("title", p.title), ("proposer", p.proposer), ("proposerUnit", p.proposerUnit),
        ("category", p.category),
      ]
      + p.coSigners.map { ("coSigners", $0) }
    let multiLine = [("reasons", p.reasons), ("measures", p.measures)]
    issues += singleLine.compactMap { TextRule.issue(field: $0.0, text: $0.1, allowNewlines: false) }
    issues += multiLine.compactMap { TextRule.issue(field: $0.0, text: $0.1, allowNewlines: true) }
    if !policy.categories.contains(p.category) {
      issues.append(
        FieldIssue(field: "category", message: Message(MessageKeys.proposalBadCategory, p.category)))
    }
    if OrgRules.trimmed(p.proposer).isEmpty {
      issues.append(FieldIssue(field: "proposer", message: Message(MessageKeys.proposalProposerRequired)))
    }
    var seen = Set<String>()
    for name in p.coSigners {
      let n = String(OrgRules.trimmed(name))
      if n.isEmpty || n == String(OrgRules.trimmed(p.proposer)) || !seen.insert(n).inserted {
        issues.append(FieldIssue(field: "coSigners", message: Message(MessageKeys.proposalBadCoSigner, n)))
        break
      }
    }
    return issues
  }

  /// Issues that stop a submission: the draft issues, plus reasons, measures and
  /// at least `policy.minimumCoSigners` co-signers.
  public static func validateSubmission(_ p: Proposal, policy: ProposalPolicy = .standard) -> [FieldIssue] {
    var issues = validateDraft(p, policy: policy)
    if OrgRules.trimmed(p.reasons).isEmpty {
      issues.append(FieldIssue(field: "reasons", message: Message(MessageKeys.proposalReasonsRequired)))
    }
    if OrgRules.trimmed(p.measures).isEmpty {
      issues.append(FieldIssue(field: "measures", message: Message(MessageKeys.proposalMeasuresRequired)))
    }
    if p.coSigners.count < policy.minimumCoSigners {
      issues.append(
        FieldIssue(
          field: "coSigners",
          message: Message(MessageKeys.proposalTooFewCoSigners, String(policy.minimumCoSigners))))
    }
    return issues
  }
}
