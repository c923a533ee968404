import Domain
import Foundation

/// The union's proposal spreadsheet, as CSV (UTF-8, optional BOM, Chinese headers;
/// English column names accepted too). Required columns: 编号 (`届次-年-序号`), 案由,
/// 理由, 建议办法, 类别, 提案人, 附议人 (names separated by 、 , ; or spaces);
/// optional: 提案人科室, 提交日期. Other columns (such as those of an export) are ignored.
/// Imported proposals are registered as submitted (已提交) in the session their number names.
public enum ProposalImport {
  enum Column: String, CaseIterable {
    case number, title, reasons, measures, category, proposer
    case proposerUnit = "proposer_unit"
    case coSigners = "co_signers"
    case submittedOn = "submitted_on"

    var chinese: String {
      switch self {
      case .number: return "编号"
      case .title: return "案由"
      case .reasons: return "理由"
      case .measures: return "建议办法"
      case .category: return "类别"
      case .proposer: return "提案人"
      case .proposerUnit: return "提案人科室"
      case .coSigners: return "附议人"
      case .submittedOn: return "提交日期"
      }
    }

    static let required: [Column] = [.number, .title, .reasons, .measures, .category, .proposer, .coSigners]
  }

  /// Parses `届次-年-序号`. A term beyond 999 or a serial beyond 999999 is refused: no
  /// congress reaches them, and the bound keeps "next serial" arithmetic from overflowing.
  static func parseNumber(_ text: String) -> (term: Int, year: Int, serial: Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, let t = Int(parts[0]), let y = Int(parts[1]), let s = Int(parts[2]),
      (1...999).contains(t), (1...999_999).contains(s), (1900...2200).contains(y)
    else { return nil }
    return (t, y, s)
  }

  /// Imports every proposal in the file, all or nothing, with audit rows and a
  /// timeline entry each. Returns the number imported. Throws `ImportError` at the
  /// first problem (nothing is written), `StoreError` for permissions or the database.
  @discardableResult
  public static func importFile(
    path: String, store: GongzhiStore, actor: Actor, policy: ProposalPolicy = .standard,
    today: Day = .today(),
    format: TableFormat? = nil
  ) throws -> Int {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    guard actor.role.can(.manageProposals) else { throw StoreError.permissionDenied(.manageProposals) }
    let reader = try TableReader(path: path, format: format)
    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      reader.error(line: line, column: column, problem: Message(key: key, args: args))
    }
    func nextRecord() throws -> CSVRecord? {
      try reader.next()
    }
    let (sessions, existing) = try store.db.read { db in
      (
        try SQLRow.fetchAll(db, sql: "SELECT * FROM congress_session").map(ProposalRecords.session),
        Set(try String.fetchAll(db, sql: "SELECT number FROM proposal WHERE number IS NOT NULL"))
      )
    }
    guard let header = try nextRecord() else { throw fail(1, 1, "error.import.empty") }
    var index: [Column: Int] = [:]
    for (i, raw) in header.fields.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces)
      guard
        let column = Column.allCases.first(where: { $0.chinese == name || $0.rawValue == name.lowercased() })
      else { continue }
      if index[column] != nil { throw fail(header.line, i + 1, "error.import.duplicateHeader", name) }
      index[column] = i
    }
    for column in Column.required where index[column] == nil {
      throw fail(header.line, header.fields.count + 1, "error.import.missingHeader", column.chinese)
    }
    var seen = existing
    var rows: [(Proposal, serial: Int, number: String, submitted: Day)] = []
    while let record = try nextRecord() {
      let line = record.line
      if record.fields.count != header.fields.count {
        throw fail(
          line, min(record.fields.count, header.fields.count) + 1, "error.import.fieldCount",
          String(header.fields.count), String(record.fields.count))
      }
      func value(_ c: Column) -> String {
        guard let i = index[c] else { return "" }
        return MemberCSV.unguard(record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines))
      }
      func col(_ c: Column) -> Int { (index[c] ?? 0) + 1 }
      let numberText = value(.number)
      guard let parsed = parseNumber(numberText) else {
        throw fail(line, col(.number), "error.import.badProposalNumber", numberText)
      }
      guard let session = sessions.first(where: { $0.term == parsed.term && $0.year == parsed.year }) else {
        throw fail(
          line, col(.number), "error.import.unknownSession", String(parsed.term), String(parsed.year))
      }
      let number = Proposal.formatNumber(term: parsed.term, year: parsed.year, serial: parsed.serial)
      if !seen.insert(number).inserted {
        throw fail(line, col(.number), "error.import.duplicateProposal", number)
      }
      var submitted = today
      let dateText = value(.submittedOn)
      if !dateText.isEmpty {
        guard let d = Day(iso: dateText) else {
          throw fail(line, col(.submittedOn), "error.import.badDate", dateText)
        }
        submitted = d
      }
      let coSigners = value(.coSigners).split(whereSeparator: { "、,，;；/ ".contains($0) || $0.isWhitespace })
        .map(String.init)
      var p = Proposal(
        sessionID: session.id, title: value(.title), reasons: value(.reasons), measures: value(.measures),
        category: value(.category), proposer: value(.proposer), proposerUnit: value(.proposerUnit),
        coSigners: coSigners)
      if let issue = ProposalRules.validateSubmission(p, policy: policy).first {
        let column: Column =
          switch issue.field {
          case "title": .title
          case "reasons": .reasons
          case "measures": .measures
          case "category": .category
          case "proposer": .proposer
          default: .coSigners
          }
        throw reader.error(line: line, column: col(column), problem: issue.message)
      }
      p.state = .submitted
      p.serial = parsed.serial
      p.number = number
      p.submittedOn = submitted
      rows.append((p, parsed.serial, number, submitted))
    }
    try store.db.write { db in
      for (p, _, _, submitted) in rows {
        _ = try ProposalRecords.insertProposal(db, p, actor: actor, action: .submit, day: submitted)
      }
    }
    return rows.count
  }
}

/// The holiday table from a CSV file: column 日期 (date) required; 类型 (休 / 班,
/// holiday / workday; default 休) and 名称 optional. All or nothing.
public enum HolidayImport {
  @discardableResult
  public static func importFile(
    path: String, store: GongzhiStore, actor: Actor, format: TableFormat? = nil
  ) throws -> Int {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    guard actor.role.can(.manageProposals) else { throw StoreError.permissionDenied(.manageProposals) }
    let reader = try TableReader(path: path, format: format)
    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      reader.error(line: line, column: column, problem: Message(key: key, args: args))
    }
    func nextRecord() throws -> CSVRecord? {
      try reader.next()
    }
    guard let header = try nextRecord() else { throw fail(1, 1, "error.import.empty") }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard let dateIndex = names.firstIndex(where: { $0 == "日期" || $0 == "date" }) else {
      throw fail(header.line, header.fields.count + 1, "error.import.missingHeader", "日期")
    }
    let kindIndex = names.firstIndex(where: { $0 == "类型" || $0 == "kind" })
    let nameIndex = names.firstIndex(where: { $0 == "名称" || $0 == "name" })
    var entries: [Holiday] = []
    var seen = Set<Day>()
    while let record = try nextRecord() {
      if record.fields.count != header.fields.count {
        throw fail(
          record.line, min(record.fields.count, header.fields.count) + 1, "error.import.fieldCount",
          String(header.fields.count), String(record.fields.count))
      }
      let text = record.fields[dateIndex].trimmingCharacters(in: .whitespaces)
      guard let d = Day(iso: text) else {
        throw fail(record.line, dateIndex + 1, "error.import.badDate", text)
      }
      if !seen.insert(d).inserted {
        throw fail(record.line, dateIndex + 1, "error.import.duplicateHoliday", d.iso)
      }
      var kind = Holiday.Kind.holiday
      if let k = kindIndex {
        switch record.fields[k].trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "休", "假", "holiday": kind = .holiday
        case "班", "workday": kind = .workday
        case let other: throw fail(record.line, k + 1, "error.import.badValue", other, "类型")
        }
      }
      let name = nameIndex.map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
      entries.append(Holiday(day: d, kind: kind, name: name))
    }
    try store.db.write { db in try GRDBProposalRepository.saveHolidays(db, entries, actor: actor) }
    return entries.count
  }
}

/// Labels the App supplies for the Markdown report (Store holds no string tables).
/// Keys used: `ProposalExport.labelKeys`, plus `proposal.state.<raw>`.
public typealias ProposalLabels = @Sendable (String) -> String

public enum ProposalExport {
  /// Spreadsheet names for states: the CSV vocabulary of the union's sheet.
  static let stateNames: [ProposalState: String] = [
    .draft: "草稿", .submitted: "已提交", .underReview: "审查中", .filed: "立案", .convertedToSuggestion: "转意见建议",
    .notFiled: "不立案", .merged: "并案", .assigned: "已交办", .returnRequested: "申请退回", .inProgress: "办理中",
    .replied: "已答复", .evaluated: "已评价", .implemented: "已落实", .closed: "办结",
  ]
  static let verdictNames: [Verdict: String] = [
    .satisfied: "满意", .basicallySatisfied: "基本满意", .dissatisfied: "不满意",
  ]

  public static let labelKeys: [String] =
    [
      "proposal.report.title", "proposal.report.kpis", "proposal.report.byState", "proposal.report.overdue",
      "proposal.report.none", "proposal.kpi.filingRate", "proposal.kpi.onTimeReplyRate",
      "proposal.kpi.satisfactionRate", "proposal.kpi.implementationRate", "proposal.column.number",
      "proposal.column.title", "proposal.column.leadDepartment", "proposal.column.state",
      "proposal.column.dueOn",
      "proposal.column.daysLeft", "proposal.column.proposer", "proposal.report.daysOverdue",
    ] + SupervisionReason.allCases.map { "proposal.supervision.reason.\($0.rawValue)" }

  /// The current values (the latest reply and evaluation, the deadline now in force),
  /// then what the KPIs are computed from: the first reply against the deadline then
  /// in force (按期答复率 = 首次答复按期 是 ÷ rows with a 首次答复日期), and each round's
  /// reply and evaluation.
  static let csvHeader = [
    "编号", "案由", "理由", "建议办法", "类别", "提案人", "提案人科室", "附议人", "提交日期", "状态", "主办部门", "协办部门",
    "交办日期", "答复期限", "延期理由", "答复日期", "答复等级", "评价", "督办", "落实日期", "办结日期",
    "首次答复期限", "首次答复日期", "首次答复按期",
    "第一轮答复等级", "第一轮答复内容", "第一轮评价",
    "第二轮答复期限", "第二轮答复日期", "第二轮答复按期", "第二轮答复等级", "第二轮答复内容", "第二轮评价",
  ]

  static let stepsHeader = ["编号", "案由", "日期", "操作", "原状态", "新状态", "操作人", "说明", "记录时间"]

  /// Spreadsheet names for the steps of 办理经过 (`create` is the draft's registration).
  static let actionNames: [String: String] = [
    "create": "创建草稿", "submit": "提交", "startReview": "开始审查", "file": "立案", "convertToSuggestion": "转意见建议",
    "notFile": "不立案", "merge": "并案", "assign": "交办", "requestReturn": "申请退回", "reassign": "重新交办",
    "startHandling": "开始办理", "extend": "延期", "reply": "答复", "evaluate": "评价", "implement": "落实",
    "close": "办结",
  ]

  /// One round's reply as stored, with the deadline it was judged against.
  struct RoundReply {
    var text: String
    var grade: String
    var repliedOn: String
    var onTime: Bool
    var dueOn: String?
  }

  /// Every round's reply and evaluation of the session's proposals, by proposal and round.
  static func roundsByProposal(_ db: SQLDatabase, sessionID: Int64) throws
    -> (replies: [Int64: [Int: RoundReply]], verdicts: [Int64: [Int: Verdict]])
  {
    // The deadline in force at each reply: the last `due_on` the audit log recorded
    // before the reply set `replied_on` (a reassignment, an extension or a second
    // round each move it).
    var dueAtReply: [Int64: [String]] = [:]
    var due: [Int64: String?] = [:]
    for row in try SQLRow.fetchAll(
      db,
      sql: """
        SELECT CAST(a.entity_id AS INTEGER) AS pid, a.field, a.new_value FROM audit_log a
        WHERE a.entity = 'proposal' AND a.field IN ('due_on', 'replied_on')
          AND a.entity_id IN (SELECT CAST(id AS TEXT) FROM proposal WHERE session_id = ?)
        ORDER BY a.id
        """, arguments: [sessionID])
    {
      let pid: Int64 = row["pid"]
      let value: String? = row["new_value"]
      if row["field"] == "due_on" {
        due[pid] = value
      } else if value != nil {
        dueAtReply[pid, default: []].append((due[pid] ?? nil) ?? "")
      }
    }
    var replies: [Int64: [Int: RoundReply]] = [:]
    var seen: [Int64: Int] = [:]
    for row in try SQLRow.fetchAll(
      db,
      sql: """
        SELECT r.* FROM proposal_reply r JOIN proposal p ON p.id = r.proposal_id
        WHERE p.session_id = ? ORDER BY r.proposal_id, r.id
        """, arguments: [sessionID])
    {
      let pid: Int64 = row["proposal_id"]
      let k = seen[pid, default: 0]
      seen[pid] = k + 1
      let audited = dueAtReply[pid].flatMap { $0.indices.contains(k) ? $0[k] : nil }
      replies[pid, default: [:]][row["round"]] = RoundReply(
        text: row["text"], grade: row["grade"], repliedOn: row["replied_on"], onTime: row["on_time"],
        dueOn: audited.flatMap { $0.isEmpty ? nil : $0 })
    }
    var verdicts: [Int64: [Int: Verdict]] = [:]
    for row in try SQLRow.fetchAll(
      db,
      sql: """
        SELECT e.proposal_id, e.round, e.verdict FROM proposal_evaluation e JOIN proposal p ON p.id = e.proposal_id
        WHERE p.session_id = ? ORDER BY e.id
        """, arguments: [sessionID])
    {
      if let v = Verdict(rawValue: row["verdict"]) {
        verdicts[row["proposal_id"], default: [:]][row["round"]] = v
      }
    }
    return (replies, verdicts)
  }

  static func sessionProposals(_ db: SQLDatabase, sessionID: Int64) throws -> [Proposal] {
    var cosigners: [Int64: [String]] = [:]
    for row in try SQLRow.fetchAll(
      db,
      sql: """
        SELECT c.proposal_id, c.name FROM proposal_cosigner c JOIN proposal p ON p.id = c.proposal_id
        WHERE p.session_id = ? ORDER BY c.proposal_id, c.position
        """, arguments: [sessionID])
    {
      cosigners[row["proposal_id"], default: []].append(row["name"])
    }
    return try SQLRow.fetchAll(
      db, sql: "SELECT * FROM proposal WHERE session_id = ? ORDER BY serial IS NULL, serial, id",
      arguments: [sessionID]
    ).map { ProposalRecords.proposal($0, coSigners: cosigners[$0["id"] as Int64] ?? []) }
  }

  static func departmentNames(_ db: SQLDatabase) throws -> [Int64: String] {
    Dictionary(
      uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: "SELECT id, name FROM department").map {
        ($0["id"] as Int64, $0["name"] as String)
      })
  }

  /// All proposals of a session as CSV: UTF-8 with BOM, CRLF, formula-looking cells neutralised.
  public static func csv(session sessionID: Int64, store: GongzhiStore) throws -> String {
    let (proposals, departments, rounds) = try store.db.read { db in
      (
        try sessionProposals(db, sessionID: sessionID), try departmentNames(db),
        try roundsByProposal(db, sessionID: sessionID)
      )
    }
    func yes(_ b: Bool?) -> String { b.map { $0 ? "是" : "否" } ?? "" }
    var out = "\u{FEFF}" + csvHeader.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    for p in proposals {
      let replies = rounds.replies[p.id] ?? [:]
      let verdicts = rounds.verdicts[p.id] ?? [:]
      // Without an audited deadline (bulk-loaded data), the latest round's is the one now in force.
      func due(_ round: Int) -> String {
        guard let r = replies[round] else { return "" }
        return r.dueOn ?? (round == p.round ? p.dueOn?.iso ?? "" : "")
      }
      var row: [String] = [
        p.number ?? "", p.title, p.reasons, p.measures, p.category, p.proposer, p.proposerUnit,
        p.coSigners.joined(separator: "、"), p.submittedOn?.iso ?? "", stateNames[p.state] ?? p.state.rawValue,
        p.leadDepartmentID.flatMap { departments[$0] } ?? "",
        p.coDepartmentIDs.compactMap { departments[$0] }.joined(separator: "、"), p.assignedOn?.iso ?? "",
        p.dueOn?.iso ?? "", p.extensionReason ?? "", p.repliedOn?.iso ?? "", p.grade?.rawValue ?? "",
        p.verdict.flatMap { verdictNames[$0] } ?? "", p.supervised ? "是" : "", p.implementedOn?.iso ?? "",
        p.closedOn?.iso ?? "",
      ]
      let first = replies[1]
      row += [due(1), first?.repliedOn ?? "", yes(p.firstReplyOnTime)]
      row += [first?.grade ?? "", first?.text ?? "", verdicts[1].flatMap { verdictNames[$0] } ?? ""]
      let second = replies[2]
      row += [
        due(2), second?.repliedOn ?? "", yes(second?.onTime), second?.grade ?? "", second?.text ?? "",
        verdicts[2].flatMap { verdictNames[$0] } ?? "",
      ]
      out += row.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// The session's 办理经过 as CSV, one row per step of every proposal, in order:
  /// the day, the action, the states before and after, who and the note.
  public static func stepsCSV(session sessionID: Int64, store: GongzhiStore) throws -> String {
    let rows = try store.db.read { db in
      try SQLRow.fetchAll(
        db,
        sql: """
          SELECT p.number, p.title, t.on_day, t.action, t.from_state, t.to_state, t.actor, t.note, t.at
          FROM proposal_transition t JOIN proposal p ON p.id = t.proposal_id
          WHERE p.session_id = ? ORDER BY p.serial IS NULL, p.serial, p.id, t.id
          """, arguments: [sessionID])
    }
    func state(_ raw: String?) -> String {
      raw.map { ProposalState(rawValue: $0).flatMap { stateNames[$0] } ?? $0 } ?? ""
    }
    var out = "\u{FEFF}" + stepsHeader.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    for row in rows {
      let action: String = row["action"]
      let cells: [String] = [
        row["number"] ?? "", row["title"], row["on_day"], actionNames[action] ?? action,
        state(row["from_state"]),
        state(row["to_state"]), row["actor"], row["note"] ?? "", row["at"],
      ]
      out += cells.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// A table cell's text: a backslash and a pipe escaped (so data can neither end the
  /// cell nor escape what follows), line breaks as spaces.
  static func md(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\r\n", with: " ")
      .replacingOccurrences(of: "\n", with: " ")
  }

  static func rateText(_ r: Rate) -> String {
    (r.percentText.map { $0 + "%" } ?? "—") + " (\(r.numerator)/\(r.denominator))"
  }

  /// The session's summary: KPIs, counts and lists by state, and the overdue list on `today`.
  public static func markdown(
    session sessionID: Int64, store: GongzhiStore, labels: ProposalLabels, today: Day = .today()
  ) throws -> String {
    let repo = store.proposals
    guard let session = try repo.sessions().first(where: { $0.id == sessionID }) else {
      throw StoreError.notFound(entity: "congress_session", id: sessionID)
    }
    let kpis = try repo.kpis(sessionID: sessionID)
    let (proposals, departments) = try store.db.read { db in
      (
        try sessionProposals(db, sessionID: sessionID),
        Dictionary(
          uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: "SELECT id, name FROM department").map {
            ($0["id"] as Int64, $0["name"] as String)
          })
      )
    }
    var out = "# \(labels("proposal.report.title")) \(session.term)-\(session.year)\n\n"
    out += "## \(labels("proposal.report.kpis"))\n\n"
    out += "| | |\n|---|---|\n"
    out += "| \(labels("proposal.kpi.filingRate")) | \(rateText(kpis.filingRate)) |\n"
    out += "| \(labels("proposal.kpi.onTimeReplyRate")) | \(rateText(kpis.onTimeReplyRate)) |\n"
    out += "| \(labels("proposal.kpi.satisfactionRate")) | \(rateText(kpis.satisfactionRate)) |\n"
    out += "| \(labels("proposal.kpi.implementationRate")) | \(rateText(kpis.implementationRate)) |\n\n"
    out += "## \(labels("proposal.report.byState"))\n"
    let header =
      "| \(labels("proposal.column.number")) | \(labels("proposal.column.title")) | \(labels("proposal.column.proposer")) | \(labels("proposal.column.leadDepartment")) | \(labels("proposal.column.dueOn")) |\n|---|---|---|---|---|\n"
    for state in ProposalState.allCases {
      let items = proposals.filter { $0.state == state }
      if items.isEmpty { continue }
      out += "\n### \(labels("proposal.state.\(state.rawValue)")) (\(items.count))\n\n" + header
      for p in items {
        out +=
          "| \(p.number ?? "") | \(md(p.title)) | \(md(p.proposer)) | \(md(p.leadDepartmentID.flatMap { departments[$0] } ?? "")) | \(p.dueOn?.iso ?? "") |\n"
      }
    }
    out += "\n## \(labels("proposal.report.overdue"))\n\n"
    let overdue = proposals.filter { $0.isOverdue(on: today) }.sorted {
      ($0.dueOn!, $0.id) < ($1.dueOn!, $1.id)
    }
    if overdue.isEmpty {
      out += labels("proposal.report.none") + "\n"
    } else {
      out +=
        "| \(labels("proposal.column.number")) | \(labels("proposal.column.title")) | \(labels("proposal.column.leadDepartment")) | \(labels("proposal.column.dueOn")) | \(labels("proposal.report.daysOverdue")) |\n|---|---|---|---|---|\n"
      for p in overdue {
        out +=
          "| \(p.number ?? "") | \(md(p.title)) | \(md(p.leadDepartmentID.flatMap { departments[$0] } ?? "")) | \(p.dueOn!.iso) | \(-(p.daysLeft(on: today) ?? 0)) |\n"
      }
    }
    return out
  }

  /// `gongzhi proposals overdue`: one tab-separated line per overdue proposal and per
  /// proposal under supervision (督办) not yet closed (department, number, due date,
  /// days overdue — empty for a supervised one, title, why it is listed), grouped by
  /// department; empty when there are none. All sessions unless one is given.
  public static func overdue(
    store: GongzhiStore, sessionID: Int64? = nil, labels: ProposalLabels, today: Day = .today()
  ) throws -> String {
    var out = ""
    for group in try store.proposals.supervision(sessionID: sessionID, today: today) {
      for entry in group.items where entry.reason != .atRisk {
        out +=
          [
            group.department, entry.item.number ?? "", entry.item.dueOn?.iso ?? "",
            entry.daysLeft.map { String(-$0) } ?? "", entry.item.title,
            labels("proposal.supervision.reason.\(entry.reason.rawValue)"),
          ].joined(separator: "\t") + "\n"
      }
    }
    return out
  }
}
