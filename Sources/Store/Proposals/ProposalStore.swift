import Domain
import Foundation

extension GongzhiStore {
  /// Staff proposals with the standard policy (domain.md §4 defaults).
  public var proposals: any ProposalRepository { GRDBProposalRepository(db: db, policy: .standard) }

  /// Staff proposals under a configured policy (categories, co-signers, deadlines).
  public func proposals(policy: ProposalPolicy) -> any ProposalRepository {
    GRDBProposalRepository(db: db, policy: policy)
  }
}

/// Conversions between proposal values and their stored/audited form.
enum ProposalRecords {
  static func b(_ v: Bool) -> String { v ? "1" : "0" }

  static func fields(_ p: Proposal) -> AuditFields {
    [
      "session_id": String(p.sessionID), "serial": p.serial.map { String($0) }, "number": p.number,
      "title": p.title, "reasons": p.reasons, "measures": p.measures, "category": p.category,
      "proposer": p.proposer, "proposer_unit": p.proposerUnit, "submitted_on": p.submittedOn?.iso,
      "state": p.state.rawValue, "decision_note": p.decisionNote, "merged_into": p.mergedInto,
      "lead_department_id": p.leadDepartmentID.map { String($0) },
      "co_department_ids": p.coDepartmentIDs.map { String($0) }.joined(separator: ","),
      "assigned_on": p.assignedOn?.iso, "due_on": p.dueOn?.iso, "extension_reason": p.extensionReason,
      "round": String(p.round), "reply_text": p.replyText, "grade": p.grade?.rawValue,
      "replied_on": p.repliedOn?.iso, "first_reply_on_time": p.firstReplyOnTime.map(b),
      "verdict": p.verdict?.rawValue, "evaluated_on": p.evaluatedOn?.iso, "supervised": b(p.supervised),
      "implemented_on": p.implementedOn?.iso, "closed_on": p.closedOn?.iso,
    ]
  }

  static func day(_ row: SQLRow, _ column: String) -> Day? {
    (row[column] as String?).flatMap { Day(iso: $0) }
  }

  static func proposal(_ row: SQLRow, coSigners: [String]) -> Proposal {
    var p = Proposal(
      id: row["id"], sessionID: row["session_id"], title: row["title"] ?? "", reasons: row["reasons"] ?? "",
      measures: row["measures"] ?? "", category: row["category"] ?? "", proposer: row["proposer"] ?? "",
      proposerUnit: row["proposer_unit"] ?? "", coSigners: coSigners,
      state: ProposalState(rawValue: row["state"] ?? "") ?? .draft, version: row["version"] ?? 0)
    p.serial = row["serial"]
    p.number = row["number"]
    p.submittedOn = day(row, "submitted_on")
    p.decisionNote = row["decision_note"]
    p.mergedInto = row["merged_into"]
    p.leadDepartmentID = row["lead_department_id"]
    p.coDepartmentIDs = ((row["co_department_ids"] as String?) ?? "").split(separator: ",").compactMap {
      Int64($0)
    }
    p.assignedOn = day(row, "assigned_on")
    p.dueOn = day(row, "due_on")
    p.extensionReason = row["extension_reason"]
    p.round = row["round"] ?? 1
    p.replyText = row["reply_text"]
    p.grade = (row["grade"] as String?).flatMap { ReplyGrade(rawValue: $0) }
    p.repliedOn = day(row, "replied_on")
    p.firstReplyOnTime = row["first_reply_on_time"]
    p.verdict = (row["verdict"] as String?).flatMap { Verdict(rawValue: $0) }
    p.evaluatedOn = day(row, "evaluated_on")
    p.supervised = row["supervised"] ?? false
    p.implementedOn = day(row, "implemented_on")
    p.closedOn = day(row, "closed_on")
    return p
  }

  static let listColumns = """
    p.id, p.session_id, p.number, p.title, p.category, p.proposer, p.state, p.lead_department_id,
    d.name AS lead_name, p.submitted_on, p.due_on, p.supervised, p.version
    """

  static func listItem(_ row: SQLRow) -> ProposalListItem {
    ProposalListItem(
      id: row["id"], sessionID: row["session_id"], number: row["number"], title: row["title"],
      category: row["category"], proposer: row["proposer"],
      state: ProposalState(rawValue: row["state"]) ?? .draft, leadDepartmentID: row["lead_department_id"],
      leadDepartment: row["lead_name"], submittedOn: day(row, "submitted_on"), dueOn: day(row, "due_on"),
      supervised: row["supervised"], version: row["version"])
  }

  /// Where `listColumns` are in a statement's rows, found once for the statement, for
  /// the long lists (督办): a lookup by name lower-cases and compares every column name
  /// on each call, which cost more than the rest of the row.
  struct ListColumns {
    let id: Int, sessionID: Int, number: Int, title: Int, category: Int, proposer: Int, state: Int
    let leadDepartmentID: Int, leadName: Int, submittedOn: Int, dueOn: Int, supervised: Int, version: Int

    init(_ c: ColumnPositions) {
      (id, sessionID, number, title) = (c["id"], c["session_id"], c["number"], c["title"])
      (category, proposer, state) = (c["category"], c["proposer"], c["state"])
      (leadDepartmentID, leadName, submittedOn) = (c["lead_department_id"], c["lead_name"], c["submitted_on"])
      (dueOn, supervised, version) = (c["due_on"], c["supervised"], c["version"])
    }
  }

  /// `listItem(_:)` by column position.
  static func listItem(_ row: SQLRow, _ c: ListColumns) -> ProposalListItem {
    func day(_ index: Int) -> Day? { (row[index] as String?).flatMap { Day(iso: $0) } }
    return ProposalListItem(
      id: row[c.id], sessionID: row[c.sessionID], number: row[c.number], title: row[c.title],
      category: row[c.category], proposer: row[c.proposer],
      state: ProposalState(rawValue: row[c.state]) ?? .draft, leadDepartmentID: row[c.leadDepartmentID],
      leadDepartment: row[c.leadName], submittedOn: day(c.submittedOn), dueOn: day(c.dueOn),
      supervised: row[c.supervised], version: row[c.version])
  }

  static func session(_ row: SQLRow) -> CongressSession {
    CongressSession(
      id: row["id"], term: row["term"], year: row["year"],
      opens: day(row, "opens") ?? Day(year: 1970, month: 1, day: 1),
      closes: day(row, "closes") ?? Day(year: 1970, month: 1, day: 1), version: row["version"])
  }

  static func department(_ row: SQLRow) -> Department {
    Department(
      id: row["id"], name: row["name"], head: row["head"], contact: row["contact"], active: row["active"],
      version: row["version"])
  }

  static func coSigners(_ db: SQLDatabase, _ id: Int64) throws -> [String] {
    try String.fetchAll(
      db.cachedStatement(sql: "SELECT name FROM proposal_cosigner WHERE proposal_id = ? ORDER BY position"),
      arguments: [id])
  }

  static func fetch(_ db: SQLDatabase, id: Int64) throws -> (SQLRow, Proposal)? {
    guard
      let row = try SQLRow.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM proposal WHERE id = ?"), arguments: [id])
    else { return nil }
    return (row, proposal(row, coSigners: try coSigners(db, id)))
  }

  /// A search document's parts: the proposal's own fields, then every round's reply
  /// text and every 办理经过 note, so `/` also finds a proposal by what was answered
  /// or noted while it was handled.
  static func searchParts(_ p: Proposal, replies: [String] = [], notes: [String] = []) -> [String] {
    [
      p.number ?? "", p.title, p.reasons, p.measures, p.proposer, p.proposerUnit,
      p.coSigners.joined(separator: " "),
    ] + replies + notes
  }

  /// Writes the proposal's search document again, with its replies and step notes as stored.
  static func index(_ db: SQLDatabase, _ p: Proposal) throws {
    let replies = try String.fetchAll(
      db.cachedStatement(sql: "SELECT text FROM proposal_reply WHERE proposal_id = ? ORDER BY id"),
      arguments: [p.id])
    let notes = try String.fetchAll(
      db.cachedStatement(
        sql: "SELECT note FROM proposal_transition WHERE proposal_id = ? AND note IS NOT NULL ORDER BY id"),
      arguments: [p.id])
    try ProposalSchema.writeDocument(
      db, session: p.sessionID, proposal: p.id,
      body: ProposalSchema.searchBody(searchParts(p, replies: replies, notes: notes)))
  }

  static func normalised(_ p: Proposal) -> Proposal {
    var p = p
    let ws = CharacterSet.whitespacesAndNewlines
    p.title = p.title.trimmingCharacters(in: ws)
    p.reasons = p.reasons.trimmingCharacters(in: ws)
    p.measures = p.measures.trimmingCharacters(in: ws)
    p.category = p.category.trimmingCharacters(in: ws)
    p.proposer = p.proposer.trimmingCharacters(in: ws)
    p.proposerUnit = p.proposerUnit.trimmingCharacters(in: ws)
    p.coSigners = p.coSigners.map { $0.trimmingCharacters(in: ws) }
    return p
  }

  /// Replaces the co-signer rows of a proposal (audited deletes and creates).
  static func saveCoSigners(_ db: SQLDatabase, proposalID: Int64, names: [String], actor: Actor) throws {
    let old = try SQLRow.fetchAll(
      db, sql: "SELECT id, position, name FROM proposal_cosigner WHERE proposal_id = ? ORDER BY position",
      arguments: [proposalID])
    if old.map({ $0["name"] as String }) == names { return }
    for row in old {
      let id: Int64 = row["id"]
      try AuditedWrite.delete(
        db, from: "proposal_cosigner", id: id,
        old: [
          "proposal_id": String(proposalID), "position": String(row["position"] as Int), "name": row["name"],
        ],
        actor: actor, reason: nil)
    }
    for (i, name) in names.enumerated() {
      try AuditedWrite.insert(
        db, into: "proposal_cosigner",
        fields: ["proposal_id": String(proposalID), "position": String(i + 1), "name": name], actor: actor)
    }
  }

  static func insertProposal(
    _ db: SQLDatabase, _ proposal: Proposal, actor: Actor, action: ProposalActionKind?, day: Day
  )
    throws -> Proposal
  {
    var p = proposal
    p.id = try AuditedWrite.insert(db, into: "proposal", fields: fields(p), actor: actor)
    p.version = 1
    try saveCoSigners(db, proposalID: p.id, names: p.coSigners, actor: actor)
    try index(db, p)
    try recordTransition(
      db, proposalID: p.id, actor: actor, action: action, from: nil, to: p.state, day: day, note: nil)
    return p
  }

  static func recordTransition(
    _ db: SQLDatabase, proposalID: Int64, actor: Actor, action: ProposalActionKind?, from: ProposalState?,
    to: ProposalState, day: Day, note: String?
  ) throws {
    try AuditedWrite.insert(
      db, into: "proposal_transition",
      fields: [
        "proposal_id": String(proposalID), "at": AuditTime.format(Date()), "on_day": day.iso,
        "actor": actor.name,
        "action": action?.rawValue ?? "create", "from_state": from?.rawValue, "to_state": to.rawValue,
        "note": note,
      ], actor: actor)
  }

  static func calendar(_ db: SQLDatabase) throws -> WorkingCalendar {
    WorkingCalendar(try holidays(db))
  }

  static func holidays(_ db: SQLDatabase) throws -> [Holiday] {
    try SQLRow.fetchAll(db, sql: "SELECT day, kind, name FROM holiday ORDER BY day").compactMap { row in
      guard let d = day(row, "day") else { return nil }
      return Holiday(day: d, kind: Holiday.Kind(rawValue: row["kind"]) ?? .holiday, name: row["name"])
    }
  }

  static func fetchSession(_ db: SQLDatabase, id: Int64) throws -> CongressSession? {
    try SQLRow.fetchOne(db, sql: "SELECT * FROM congress_session WHERE id = ?", arguments: [id]).map(session)
  }

  static func invalid(_ field: String, _ key: String, _ args: String...) -> StoreError {
    .invalid([FieldIssue(field: field, message: Message(key: key, args: args))])
  }

  static func sessionIssues(_ db: SQLDatabase, _ s: CongressSession) throws -> [FieldIssue] {
    var issues: [FieldIssue] = []
    if s.term < 1 || s.term > 999 {
      issues.append(FieldIssue(field: "term", message: Message("error.session.badTerm", String(s.term))))
    }
    if s.year < 1900 || s.year > 2200 {
      issues.append(FieldIssue(field: "year", message: Message("error.session.badYear", String(s.year))))
    }
    if s.closes < s.opens {
      issues.append(
        FieldIssue(field: "closes", message: Message("error.session.badDates", s.opens.iso, s.closes.iso)))
    }
    let duplicate =
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM congress_session WHERE term = ? AND year = ? AND id <> ?",
        arguments: [s.term, s.year, s.id]) ?? false
    if duplicate {
      issues.append(
        FieldIssue(field: "term", message: Message("error.session.duplicate", String(s.term), String(s.year)))
      )
    }
    return issues
  }

  static func departmentIssues(_ db: SQLDatabase, _ d: Department) throws -> [FieldIssue] {
    var issues: [FieldIssue] = []
    if d.name.isEmpty {
      issues.append(FieldIssue(field: "name", message: Message("error.department.nameRequired")))
    } else if d.name.count > 40 {
      issues.append(FieldIssue(field: "name", message: Message("error.department.nameTooLong", "40")))
    }
    issues += [("name", d.name), ("head", d.head), ("contact", d.contact)].compactMap {
      TextRule.issue(field: $0.0, text: $0.1, allowNewlines: false)
    }
    let duplicate =
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM department WHERE name = ? AND id <> ?", arguments: [d.name, d.id]) ?? false
    if duplicate {
      issues.append(FieldIssue(field: "name", message: Message("error.department.duplicateName", d.name)))
    }
    return issues
  }

  static func departmentFields(_ d: Department) -> AuditFields {
    ["name": d.name, "head": d.head, "contact": d.contact, "active": b(d.active)]
  }

  static func sessionFields(_ s: CongressSession) -> AuditFields {
    ["term": String(s.term), "year": String(s.year), "opens": s.opens.iso, "closes": s.closes.iso]
  }

  static let stateOrder: String =
    "CASE p.state "
    + ProposalState.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }.joined(
      separator: " ") + " END"

  /// States as an SQL list of literals, for `state IN (…)` (raw values are plain words).
  static func sqlList(_ states: some Sequence<ProposalState>) -> String {
    states.map { "'\($0.rawValue)'" }.joined(separator: ", ")
  }
  static let runningList = sqlList(ProposalState.running)
}

struct GRDBProposalRepository: ProposalRepository {
  let db: StoreDB
  let policy: ProposalPolicy

  func requireManage(_ actor: Actor) throws {
    guard actor.role.can(.manageProposals) else { throw StoreError.permissionDenied(.manageProposals) }
  }

  // MARK: sessions and departments

  func sessions() throws -> [CongressSession] {
    try db.read { db in
      try SQLRow.fetchAll(db, sql: "SELECT * FROM congress_session ORDER BY year DESC, term DESC, id DESC")
        .map(ProposalRecords.session)
    }
  }

  @discardableResult func addSession(_ session: CongressSession, by actor: Actor) throws -> CongressSession {
    try requireManage(actor)
    var s = session
    s.id = 0
    return try db.write { db in
      let issues = try ProposalRecords.sessionIssues(db, s)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      s.id = try AuditedWrite.insert(
        db, into: "congress_session", fields: ProposalRecords.sessionFields(s), actor: actor)
      s.version = 1
      return s
    }
  }

  func departments(includeInactive: Bool) throws -> [Department] {
    let filter = includeInactive ? "" : "WHERE active = 1"
    return try db.read { db in
      try SQLRow.fetchAll(db, sql: "SELECT * FROM department \(filter) ORDER BY name COLLATE pinyin, id")
        .map(ProposalRecords.department)
    }
  }

  static func normalised(_ d: Department) -> Department {
    var d = d
    d.name = d.name.trimmingCharacters(in: .whitespacesAndNewlines)
    d.head = d.head.trimmingCharacters(in: .whitespacesAndNewlines)
    d.contact = d.contact.trimmingCharacters(in: .whitespacesAndNewlines)
    return d
  }

  @discardableResult func addDepartment(_ department: Department, by actor: Actor) throws -> Department {
    try requireManage(actor)
    var d = Self.normalised(department)
    d.id = 0
    return try db.write { db in
      let issues = try ProposalRecords.departmentIssues(db, d)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      d.id = try AuditedWrite.insert(
        db, into: "department", fields: ProposalRecords.departmentFields(d), actor: actor)
      d.version = 1
      return d
    }
  }

  @discardableResult func updateDepartment(_ department: Department, by actor: Actor, reason: String?) throws
    -> Department
  {
    try requireManage(actor)
    let d = Self.normalised(department)
    return try db.write { db in
      guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM department WHERE id = ?", arguments: [d.id])
      else {
        throw StoreError.notFound(entity: "department", id: d.id)
      }
      let version: Int = row["version"]
      if version != d.version { throw StoreError.staleVersion(entity: "department", id: d.id) }
      let issues = try ProposalRecords.departmentIssues(db, d)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      let old = AuditedWrite.storedFields(row, of: "department")
      let new = ProposalRecords.departmentFields(d)
      var saved = d
      if old != new {
        try AuditedWrite.update(
          db, table: "department", id: d.id, old: old, new: new, actor: actor, reason: reason)
        saved.version = version + 1
      }
      return saved
    }
  }

  // MARK: holidays

  func holidays() throws -> [Holiday] { try db.read { db in try ProposalRecords.holidays(db) } }

  func calendar() throws -> WorkingCalendar { try db.read { db in try ProposalRecords.calendar(db) } }

  func saveHolidays(_ entries: [Holiday], by actor: Actor) throws {
    try requireManage(actor)
    try db.write { db in try Self.saveHolidays(db, entries, actor: actor) }
  }

  static func saveHolidays(_ db: SQLDatabase, _ entries: [Holiday], actor: Actor) throws {
    for h in entries {
      let new: AuditFields = ["kind": h.kind.rawValue, "name": h.name]
      if let row = try SQLRow.fetchOne(
        db, sql: "SELECT kind, name FROM holiday WHERE day = ?", arguments: [h.day.iso])
      {
        let old: AuditFields = ["kind": row["kind"], "name": row["name"]]
        if old == new { continue }
        try db.execute(
          sql: "UPDATE holiday SET kind = ?, name = ? WHERE day = ?",
          arguments: [h.kind.rawValue, h.name, h.day.iso])
        try AuditedWrite.record(
          db, actor: actor, entity: "holiday", entityID: h.day.iso, action: .update, old: old, new: new,
          reason: nil)
      } else {
        try AuditedWrite.insert(
          db, into: "holiday", fields: ["day": h.day.iso, "kind": h.kind.rawValue, "name": h.name],
          actor: actor,
          key: h.day.iso)
      }
    }
  }

  // MARK: proposals

  func proposal(id: Int64) throws -> Proposal? {
    try db.read { db in try ProposalRecords.fetch(db, id: id)?.1 }
  }

  func proposal(number: String) throws -> Proposal? {
    try db.read { db in
      guard
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM proposal WHERE number = ?", arguments: [number])
      else { return nil }
      return try ProposalRecords.fetch(db, id: id)?.1
    }
  }

  @discardableResult func createDraft(_ proposal: Proposal, by actor: Actor) throws -> Proposal {
    try requireManage(actor)
    var p = ProposalRecords.normalised(proposal)
    p.id = 0
    p.state = .draft
    let issues = ProposalRules.validateDraft(p, policy: policy)
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    let today = Day.today()
    return try db.write { db in
      guard try ProposalRecords.fetchSession(db, id: p.sessionID) != nil else {
        throw StoreError.notFound(entity: "congress_session", id: p.sessionID)
      }
      return try ProposalRecords.insertProposal(db, p, actor: actor, action: nil, day: today)
    }
  }

  @discardableResult func updateDraft(_ proposal: Proposal, by actor: Actor, reason: String?) throws
    -> Proposal
  {
    try requireManage(actor)
    let p = ProposalRecords.normalised(proposal)
    let issues = ProposalRules.validateDraft(p, policy: policy)
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    return try db.write { db in
      guard let (row, old) = try ProposalRecords.fetch(db, id: p.id) else {
        throw StoreError.notFound(entity: "proposal", id: p.id)
      }
      if old.version != p.version { throw StoreError.staleVersion(entity: "proposal", id: p.id) }
      if old.state != .draft {
        throw ProposalRecords.invalid("state", "error.proposal.notDraft", old.state.rawValue)
      }
      guard try ProposalRecords.fetchSession(db, id: p.sessionID) != nil else {
        throw StoreError.notFound(entity: "congress_session", id: p.sessionID)
      }
      // Only the draft's own fields change; the handling fields stay as stored.
      var saved = old
      saved.sessionID = p.sessionID
      saved.title = p.title
      saved.reasons = p.reasons
      saved.measures = p.measures
      saved.category = p.category
      saved.proposer = p.proposer
      saved.proposerUnit = p.proposerUnit
      saved.coSigners = p.coSigners
      let oldFields = AuditedWrite.storedFields(row, of: "proposal")
      let newFields = ProposalRecords.fields(saved)
      let changed = oldFields != newFields || old.coSigners != saved.coSigners
      if changed {
        try AuditedWrite.update(
          db, table: "proposal", id: p.id, old: oldFields, new: newFields, actor: actor, reason: reason)
        try ProposalRecords.saveCoSigners(db, proposalID: p.id, names: saved.coSigners, actor: actor)
        try ProposalRecords.index(db, saved)
        saved.version = old.version + 1
      }
      return saved
    }
  }

  @discardableResult func apply(
    _ action: ProposalAction, to proposalID: Int64, version: Int, by actor: Actor, on day: Day, note: String?
  ) throws -> Proposal {
    try requireManage(actor)
    let policy = self.policy
    return try db.write { db in
      try Self.apply(
        db, action, to: proposalID, version: version, by: actor, on: day, note: note, policy: policy)
    }
  }

  /// The transition inside the caller's write transaction (also used by the demo).
  static func apply(
    _ db: SQLDatabase, _ action: ProposalAction, to proposalID: Int64, version: Int?, by actor: Actor,
    on day: Day,
    note: String?, policy: ProposalPolicy, calendar: WorkingCalendar? = nil
  ) throws -> Proposal {
    // A reason, reply or note may run over lines; a merge target is one number.
    let carried = [("action", action.text, action.kind != .merge), ("note", note, true)]
    let refused = carried.compactMap { field, text, multiLine in
      text.flatMap { TextRule.issue(field: field, text: $0, allowNewlines: multiLine) }
    }
    if !refused.isEmpty { throw StoreError.invalid(refused) }
    guard let (row, old) = try ProposalRecords.fetch(db, id: proposalID) else {
      throw StoreError.notFound(entity: "proposal", id: proposalID)
    }
    if let version, old.version != version {
      throw StoreError.staleVersion(entity: "proposal", id: proposalID)
    }
    var context = ProposalContext(policy: policy, calendar: try calendar ?? ProposalRecords.calendar(db))
    if action.kind == .submit {
      context.session = try ProposalRecords.fetchSession(db, id: old.sessionID)
      context.nextSerial =
        try Int.fetchOne(
          db, sql: "SELECT COALESCE(MAX(serial), 0) + 1 FROM proposal WHERE session_id = ?",
          arguments: [old.sessionID]) ?? 1
    }
    switch action {
    case .assign(let lead, let co), .reassign(let lead, let co):
      for id in [lead] + co where id > 0 {
        let active =
          try Bool.fetchOne(db, sql: "SELECT active FROM department WHERE id = ?", arguments: [id]) ?? false
        if !active {
          throw ProposalRecords.invalid("department", "error.proposal.unknownDepartment", String(id))
        }
      }
    case .merge(let target):
      // 并案 hands the matter to a proposal that is handled: one filed (立案) or later,
      // never one not filed, converted, merged itself or still waiting for review.
      let t = target.trimmingCharacters(in: .whitespacesAndNewlines)
      if !t.isEmpty && t != old.number {
        let state = try String.fetchOne(
          db, sql: "SELECT state FROM proposal WHERE number = ?", arguments: [t]
        ).flatMap(ProposalState.init(rawValue:))
        guard let state else {
          throw ProposalRecords.invalid("mergedInto", "error.proposal.unknownMergeTarget", t)
        }
        if !ProposalState.filedOrLater.contains(state) {
          throw ProposalRecords.invalid("mergedInto", "error.proposal.mergeTargetNotFiled", t, state.rawValue)
        }
      }
    default:
      break
    }
    let new: Proposal
    switch ProposalMachine.apply(action, to: old, by: actor.role, on: day, context: context) {
    case .success(let p): new = p
    case .failure(let message): throw StoreError.invalid([FieldIssue(field: "action", message: message)])
    }
    let trimmedNote = note?.trimmingCharacters(in: .whitespacesAndNewlines)
    var timelineNote = (trimmedNote?.isEmpty ?? true) ? action.text : trimmedNote
    switch action {
    case .assign(let lead, let co), .reassign(let lead, let co):
      // Whom it went to, as it was then: "lead + co、co", before the note.
      func name(_ id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT name FROM department WHERE id = ?", arguments: [id])
          ?? String(id)
      }
      let assigned = try name(lead) + (co.isEmpty ? "" : " + " + co.map(name).joined(separator: "、"))
      timelineNote = timelineNote.map { "\(assigned); \($0)" } ?? assigned
    default:
      break
    }
    let oldFields = AuditedWrite.storedFields(row, of: "proposal")
    let newFields = ProposalRecords.fields(new)
    try AuditedWrite.update(
      db, table: "proposal", id: new.id, old: oldFields, new: newFields, actor: actor,
      reason: timelineNote.map { "\(action.kind.rawValue): \($0)" } ?? action.kind.rawValue)
    try ProposalRecords.recordTransition(
      db, proposalID: new.id, actor: actor, action: action.kind, from: old.state, to: new.state, day: day,
      note: timelineNote)
    switch action {
    case .reply(let text, let grade, let date):
      try AuditedWrite.insert(
        db, into: "proposal_reply",
        fields: [
          "proposal_id": String(new.id), "round": String(new.round), "text": text, "grade": grade.rawValue,
          "replied_on": date.iso, "department_id": new.leadDepartmentID.map { String($0) },
          "on_time": ProposalRecords.b(new.dueOn.map { date <= $0 } ?? true),
        ], actor: actor)
    case .evaluate(let verdict):
      try AuditedWrite.insert(
        db, into: "proposal_evaluation",
        fields: [
          "proposal_id": String(new.id), "round": String(old.round), "verdict": verdict.rawValue,
          "evaluated_on": day.iso,
        ], actor: actor)
    default:
      break
    }
    // After the step and any reply are stored: the document carries their texts.
    try ProposalRecords.index(db, new)
    var saved = new
    saved.version = old.version + 1
    return saved
  }

  func availableActions(for proposal: Proposal, role: Role, on day: Day) throws -> [ProposalActionKind] {
    let calendar = try self.calendar()
    return ProposalMachine.availableActions(
      for: proposal, role: role, on: day, context: ProposalContext(policy: policy, calendar: calendar))
  }

  func timeline(proposalID: Int64) throws -> [ProposalTransition] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT * FROM proposal_transition WHERE proposal_id = ? ORDER BY id",
        arguments: [proposalID]
      ).map { row in
        ProposalTransition(
          id: row["id"], at: AuditTime.parse(row["at"]) ?? Date(timeIntervalSince1970: 0),
          day: ProposalRecords.day(row, "on_day") ?? Day(year: 1970, month: 1, day: 1), actor: row["actor"],
          action: ProposalActionKind(rawValue: row["action"]),
          from: (row["from_state"] as String?).flatMap { ProposalState(rawValue: $0) },
          to: ProposalState(rawValue: row["to_state"]) ?? .draft, note: row["note"])
      }
    }
  }

  func replies(proposalID: Int64) throws -> [ProposalReplyRecord] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT * FROM proposal_reply WHERE proposal_id = ? ORDER BY id", arguments: [proposalID]
      ).map { row in
        ProposalReplyRecord(
          id: row["id"], round: row["round"], text: row["text"],
          grade: ReplyGrade(rawValue: row["grade"]) ?? .D,
          repliedOn: ProposalRecords.day(row, "replied_on") ?? Day(year: 1970, month: 1, day: 1),
          departmentID: row["department_id"], onTime: row["on_time"])
      }
    }
  }

  func evaluations(proposalID: Int64) throws -> [ProposalEvaluationRecord] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT * FROM proposal_evaluation WHERE proposal_id = ? ORDER BY id",
        arguments: [proposalID]
      ).map { row in
        ProposalEvaluationRecord(
          id: row["id"], round: row["round"], verdict: Verdict(rawValue: row["verdict"]) ?? .dissatisfied,
          evaluatedOn: ProposalRecords.day(row, "evaluated_on") ?? Day(year: 1970, month: 1, day: 1))
      }
    }
  }

  // MARK: lists and aggregates

  /// The WHERE clause (over `proposal p`) and its arguments for a query.
  static func filter(_ q: ProposalQuery, postgres: Bool) -> (String, [any SQLValueConvertible]) {
    var conditions: [String] = []
    var args: [any SQLValueConvertible] = []
    if let s = q.sessionID {
      conditions.append("p.session_id = ?")
      args.append(s)
    }
    if !q.states.isEmpty {
      let states = q.states.map(\.rawValue).sorted()
      conditions.append("p.state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
      args.append(contentsOf: states)
    }
    if let d = q.departmentID {
      conditions.append("p.lead_department_id = ?")
      args.append(d)
    }
    if let c = q.category {
      conditions.append("p.category = ?")
      args.append(c)
    }
    if let name = q.proposer {
      // Part of the name, as `/` search finds it; LIKE's wildcards typed in are literal.
      let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
      conditions.append("p.proposer LIKE ? ESCAPE '\\'")
      args.append("%\(escaped)%")
    }
    if q.overdueOnly {
      conditions.append("p.state IN (\(ProposalRecords.runningList)) AND p.due_on < ?")
      args.append(q.today.iso)
    }
    if let (condition, searchArgs) = ProposalSchema.searchCondition(
      q.search, sessionID: q.sessionID, postgres: postgres)
    {
      conditions.append(
        "p.id IN (SELECT \(ProposalSchema.searchProposalID(postgres: postgres)) FROM proposal_search WHERE \(condition))"
      )
      args.append(contentsOf: searchArgs)
    }
    return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), args)
  }

  /// The condition on the search documents alone, when nothing but the session and the
  /// search narrows the list: every proposal has exactly one document, keyed by its
  /// session, so the matches can be counted there without touching a row.
  static func searchOnly(_ q: ProposalQuery, postgres: Bool) -> (String, [any SQLValueConvertible])? {
    guard q.states.isEmpty, q.departmentID == nil, q.category == nil, q.proposer == nil, !q.overdueOnly
    else { return nil }
    return ProposalSchema.searchCondition(q.search, sessionID: q.sessionID, postgres: postgres)
  }

  /// In number order within a session (the list's default) the page's ids come from
  /// `proposal_session_number`, which holds every column a filter reads, so a filter
  /// never reads a row to find its page. The planner, left alone, walks the unique
  /// serial index and reads each row to test the filter (25 ms for the overdue page
  /// on a cold cache, 1 ms this way). A search keeps the planner's choice: its ids come
  /// from the FTS index.
  static func indexHint(_ q: ProposalQuery, postgres: Bool) -> String {
    !postgres && q.sessionID != nil && q.sort == .number && ProposalSchema.searchTerms(q.search).isEmpty
      ? "INDEXED BY proposal_session_number" : ""
  }

  /// The ORDER BY of a query. NULLs sort as SQLite sorts them (first ascending, last
  /// descending); PostgreSQL sorts them the other way unless told.
  static func order(_ q: ProposalQuery, postgres: Bool) -> String {
    let dir =
      (q.descending ? "DESC" : "ASC") + (postgres ? (q.descending ? " NULLS LAST" : " NULLS FIRST") : "")
    switch q.sort {
    case .number: return "p.session_id \(dir), p.serial \(dir), p.id \(dir)"
    case .title: return "p.title COLLATE pinyin \(dir), p.id \(dir)"
    case .leadDepartment: return "d.name COLLATE pinyin \(dir), p.id \(dir)"
    case .state: return "\(ProposalRecords.stateOrder) \(dir), p.id \(dir)"
    case .dueOn: return "p.due_on IS NULL, p.due_on \(dir), p.id \(dir)"
    case .submittedOn: return "p.submitted_on IS NULL, p.submitted_on \(dir), p.id \(dir)"
    case .category: return "p.category \(dir), p.id \(dir)"
    case .proposer: return "p.proposer COLLATE pinyin \(dir), p.id \(dir)"
    case .daysLeft:
      let due = ProposalSchema.runningDue("p.")
      return "\(due) IS NULL, \(due) \(dir), p.id \(dir)"
    }
  }

  func list(_ query: ProposalQuery, offset: Int, limit: Int) throws -> ProposalPage {
    let offset = max(0, offset)
    return try db.read { db in
      let (filter, args) = Self.filter(query, postgres: db.isPostgres)
      let total: Int
      if let (condition, searchArgs) = Self.searchOnly(query, postgres: db.isPostgres) {
        total =
          try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM proposal_search WHERE \(condition)"),
            arguments: SQLArguments(searchArgs)) ?? 0
      } else {
        total =
          try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM proposal p \(filter)"),
            arguments: SQLArguments(args))
          ?? 0
      }
      // Two steps: the page's ids are chosen (and sorted) from the indexes alone, then
      // only those rows are read. Sorting whole rows of a large session would read
      // every row with its long texts.
      let rows = try SQLRow.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT \(ProposalRecords.listColumns) FROM proposal p
            LEFT JOIN department d ON d.id = p.lead_department_id
            WHERE p.id IN (
              SELECT p.id FROM proposal p \(Self.indexHint(query, postgres: db.isPostgres))
              LEFT JOIN department d ON d.id = p.lead_department_id
              \(filter) ORDER BY \(Self.order(query, postgres: db.isPostgres)) LIMIT ? OFFSET ?)
            ORDER BY \(Self.order(query, postgres: db.isPostgres))
            """), arguments: SQLArguments(args + [max(0, limit), offset]))
      return ProposalPage(items: rows.map(ProposalRecords.listItem), total: total, offset: offset)
    }
  }

  func stateCounts(sessionID: Int64?) throws -> [ProposalState: Int] {
    try db.read { db in
      let sql = """
        SELECT state, SUM(n) AS n FROM proposal_tally \(sessionID == nil ? "" : "WHERE session_id = ?")
        GROUP BY state HAVING SUM(n) > 0
        """
      var result: [ProposalState: Int] = [:]
      for row in try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(sessionID.map { [$0] } ?? [])) {
        if let s = ProposalState(rawValue: row["state"]) { result[s] = row["n"] }
      }
      return result
    }
  }

  func recentlyAnswered(sessionID: Int64, limit: Int) throws -> [ProposalListItem] {
    // Word for word the condition of the `proposal_recent_answers` index (migration v14).
    let answered = ProposalRecords.sqlList([ProposalState.replied, .evaluated, .implemented, .closed])
    return try db.read { db in
      try SQLRow.fetchAll(
        db,
        sql: """
          SELECT \(ProposalRecords.listColumns) FROM proposal p
          LEFT JOIN department d ON d.id = p.lead_department_id
          WHERE p.session_id = ? AND p.state IN (\(answered))
          ORDER BY COALESCE(p.closed_on, p.implemented_on, p.evaluated_on, p.replied_on) DESC, p.serial DESC
          LIMIT ?
          """, arguments: [sessionID, max(0, limit)]
      ).map(ProposalRecords.listItem)
    }
  }

  /// The KPIs from the tally (see `Migrations.v8_proposalTally`): each count is a sum of `n`
  /// over the tally rows the condition holds for.
  func kpis(sessionID: Int64) throws -> ProposalKPIs {
    let filed = ProposalRecords.sqlList(ProposalState.filedOrLater)
    return try db.read { db in
      let row = try SQLRow.fetchOne(
        db,
        sql: """
          SELECT COALESCE(SUM(CASE WHEN state <> 'draft' THEN n ELSE 0 END), 0) AS received,
            COALESCE(SUM(CASE WHEN state = 'merged' THEN n ELSE 0 END), 0) AS merged,
            COALESCE(SUM(CASE WHEN state IN (\(filed)) THEN n ELSE 0 END), 0) AS filed,
            COALESCE(SUM(CASE WHEN on_time <> -1 AND state <> 'draft' THEN n ELSE 0 END), 0) AS replied,
            COALESCE(SUM(CASE WHEN on_time = 1 AND state <> 'draft' THEN n ELSE 0 END), 0) AS replied_on_time,
            COALESCE(SUM(CASE WHEN verdict <> '' AND state <> 'draft' THEN n ELSE 0 END), 0) AS evaluated,
            COALESCE(SUM(CASE WHEN verdict IN ('satisfied', 'basicallySatisfied') AND state <> 'draft' THEN n ELSE 0 END), 0) AS satisfied,
            COALESCE(SUM(CASE WHEN implemented = 1 AND state <> 'draft' THEN n ELSE 0 END), 0) AS implemented
          FROM proposal_tally WHERE session_id = ?
          """, arguments: [sessionID])
      return ProposalKPIs(
        received: row?["received"] ?? 0, merged: row?["merged"] ?? 0, filed: row?["filed"] ?? 0,
        replied: row?["replied"] ?? 0, repliedOnTime: row?["replied_on_time"] ?? 0,
        evaluated: row?["evaluated"] ?? 0, satisfied: row?["satisfied"] ?? 0,
        implemented: row?["implemented"] ?? 0)
    }
  }

  func supervision(sessionID: Int64?, today: Day) throws -> [SupervisionGroup] {
    let outline = try supervisionOutline(sessionID: sessionID, departmentID: nil, today: today)
    var items = try supervisionItems(outline, offset: 0, limit: outline.count)[...]
    return outline.departments.map { d in
      defer { items = items.dropFirst(d.count) }
      return SupervisionGroup(
        departmentID: d.departmentID, department: d.department, head: d.head, contact: d.contact,
        items: Array(items.prefix(d.count)))
    }
  }

  /// The conditions of the two parts of the 督办 list over `proposal p`: running items
  /// due by the at-risk limit, and the few items under supervision, each narrowed to the
  /// session and department when given; and on SQLite the index each part is read from.
  /// Left alone, SQLite reads the running part through `proposal_session_state` and
  /// then each row for its department (4,968 rows of the bench's newest session), and
  /// the supervised part by scanning the session; `proposal_session_lead` (or
  /// `proposal_lead` across sessions) holds every column the running part reads, and
  /// `proposal_supervised` is a partial index of the supervised few.
  private struct SupervisionScope {
    var running: String
    var supervised: String
    var args: [any SQLValueConvertible]
    var runningIndex = ""
    var supervisedIndex = ""

    init(sessionID: Int64?, departmentID: Int64?, postgres: Bool) {
      if !postgres {
        runningIndex = sessionID == nil ? "INDEXED BY proposal_lead" : "INDEXED BY proposal_session_lead"
        supervisedIndex = "INDEXED BY proposal_supervised"
      }
      var narrow = ""
      var args: [any SQLValueConvertible] = []
      if let sessionID {
        narrow += " AND p.session_id = ?"
        args.append(sessionID)
      }
      if let departmentID {
        narrow += " AND p.lead_department_id = ?"
        args.append(departmentID)
      }
      running = "p.state IN (\(ProposalRecords.runningList)) AND p.due_on <= ?" + narrow
      supervised =
        "p.supervised = 1 AND p.state <> 'closed' AND p.state NOT IN (\(ProposalRecords.runningList))"
        + narrow
      self.args = args
    }
  }

  func supervisionOutline(sessionID: Int64?, departmentID: Int64?, today: Day) throws -> SupervisionOutline {
    let limit = today.adding(days: policy.atRiskDays).iso
    return try db.read { db in
      let scope = SupervisionScope(sessionID: sessionID, departmentID: nil, postgres: db.isPostgres)
      // Counted per department, each count three ranges of an index holding every
      // column it tests, and no proposal row read. (One GROUP BY over the session's
      // running part scans the session's whole range of `proposal_session_lead`,
      // whose department column comes before the state: 34,000 entries for 4,968 items.)
      func counts(_ lead: String) -> String {
        """
        (SELECT COUNT(*) FROM proposal p \(scope.runningIndex)
          WHERE \(scope.running) AND p.due_on < ? AND \(lead)) AS overdue,
        (SELECT COUNT(*) FROM proposal p \(scope.runningIndex)
          WHERE \(scope.running) AND p.due_on >= ? AND \(lead)) AS at_risk,
        (SELECT COUNT(*) FROM proposal p \(scope.supervisedIndex) WHERE \(scope.supervised) AND \(lead)) AS supervised
        """
      }
      let countArgs: [any SQLValueConvertible] =
        [limit] + scope.args + [today.iso] + [limit] + scope.args + [today.iso] + scope.args
      var sql =
        "SELECT d.id, d.name, d.head, d.contact, \(counts("p.lead_department_id = d.id")) FROM department d"
      var args = countArgs
      if let departmentID {
        sql += " WHERE d.id = ?"
        args.append(departmentID)
      } else {
        sql += " UNION ALL SELECT NULL, NULL, NULL, NULL, \(counts("p.lead_department_id IS NULL"))"
        args += countArgs
      }
      var departments: [SupervisionDepartment] = []
      for row in try SQLRow.fetchAll(db.cachedStatement(sql: sql), arguments: SQLArguments(args))
      where (row["overdue"] as Int) + (row["at_risk"] as Int) + (row["supervised"] as Int) > 0 {
        departments.append(
          SupervisionDepartment(
            departmentID: row["id"], department: row["name"] ?? "", head: row["head"] ?? "",
            contact: row["contact"] ?? "", overdue: row["overdue"], atRisk: row["at_risk"],
            supervised: row["supervised"]))
      }
      // Departments by name as every Chinese list (none last).
      departments.sort { a, b in
        if (a.departmentID == nil) != (b.departmentID == nil) { return b.departmentID == nil }
        switch NameOrder.compare(a.department, b.department) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return (a.departmentID ?? 0) < (b.departmentID ?? 0)
        }
      }
      return SupervisionOutline(sessionID: sessionID, today: today, departments: departments)
    }
  }

  func supervisionItems(_ outline: SupervisionOutline, offset: Int, limit: Int) throws -> [SupervisionItem] {
    let end = min(outline.count, max(0, offset) + max(0, limit))
    var line = max(0, offset)
    guard line < end else { return [] }
    let dueLimit = outline.today.adding(days: policy.atRiskDays).iso
    return try db.read { db in
      var items: [SupervisionItem] = []
      items.reserveCapacity(end - line)
      // Department by department, each part read a page at a time: the ids chosen (and
      // sorted) from an index, then only those rows read.
      while line < end, let index = outline.departmentIndex(ofLine: line) {
        let department = outline.departments[index]
        let scope = SupervisionScope(
          sessionID: outline.sessionID, departmentID: department.departmentID, postgres: db.isPostgres)
        let noDepartment = department.departmentID == nil ? " AND p.lead_department_id IS NULL" : ""
        let local = line - outline.starts[index]
        let localEnd = min(department.count, end - outline.starts[index])
        if local < department.running {
          items += try Self.supervisionPage(
            db, index: scope.runningIndex, where: scope.running + noDepartment, order: "p.due_on, p.id",
            args: [dueLimit] + scope.args,
            offset: local, limit: min(department.running, localEnd) - local, today: outline.today)
        }
        if localEnd > department.running {
          let from = max(local, department.running) - department.running
          items += try Self.supervisionPage(
            db, index: scope.supervisedIndex, where: scope.supervised + noDepartment, order: "p.id",
            args: scope.args,
            offset: from, limit: localEnd - department.running - from, today: outline.today)
        }
        line = outline.starts[index] + localEnd
      }
      return items
    }
  }

  /// One page of one part of the 督办 list, its rows decoded by column position.
  private static func supervisionPage(
    _ db: SQLDatabase, index: String, where condition: String, order: String, args: [any SQLValueConvertible],
    offset: Int, limit: Int, today: Day
  ) throws -> [SupervisionItem] {
    let statement = try db.cachedStatement(
      sql: """
        SELECT \(ProposalRecords.listColumns) FROM proposal p
        LEFT JOIN department d ON d.id = p.lead_department_id
        WHERE p.id IN (SELECT p.id FROM proposal p \(index) WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?)
        ORDER BY \(order)
        """)
    let c = ProposalRecords.ListColumns(try ColumnPositions(statement))
    let rows = try SQLRow.fetchCursor(statement, arguments: SQLArguments(args + [limit, offset]))
    var items: [SupervisionItem] = []
    while let row = try rows.next() {
      let item = ProposalRecords.listItem(row, c)
      if let left = item.daysLeft(on: today) {
        items.append(SupervisionItem(item: item, reason: left < 0 ? .overdue : .atRisk, daysLeft: left))
      } else {
        items.append(SupervisionItem(item: item, reason: .supervised, daysLeft: nil))
      }
    }
    return items
  }
}
