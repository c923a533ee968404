import Domain
import Foundation

extension GongzhiStore {
  /// Branch assessments (党支部考评).
  public var assessments: any AssessmentRepository { GRDBAssessmentRepository(db: db) }
}

/// Parsed schemes by their TOML text, shared by all stores in the process.
final class SchemeCache: @unchecked Sendable {
  static let shared = SchemeCache()
  private let lock = NSLock()
  private var byText: [String: Scheme] = [:]

  func scheme(toml: String) throws -> Scheme {
    lock.lock()
    let hit = byText[toml]
    lock.unlock()
    if let hit { return hit }
    let s = try SchemeTOML.parse(text: toml, file: "assessment_scheme")
    lock.lock()
    byText[toml] = s
    lock.unlock()
    return s
  }
}

/// Conversions between assessment values and their stored/audited form.
enum AssessmentRecords {
  /// A stored number as the audit log writes it.
  static func text(_ v: Double) -> String? { AuditedTables.string(v.sqlValue) }

  /// `n=3;l=好;p=12.5`, nil for an empty input.
  static func encode(_ i: IndicatorInput) -> String? {
    var parts: [String] = []
    if let n = i.occurrences { parts.append("n=\(n)") }
    if let l = i.level { parts.append("l=\(l)") }
    if let p = i.points { parts.append("p=\(Points.format(p))") }
    return parts.isEmpty ? nil : parts.joined(separator: ";")
  }

  static func decode(_ text: String?) -> IndicatorInput {
    var i = IndicatorInput()
    guard let text else { return i }
    for part in text.split(separator: ";") {
      let kv = part.split(separator: "=", maxSplits: 1)
      guard kv.count == 2 else { continue }
      switch kv[0] {
      case "n": i.occurrences = Int(kv[1])
      case "l": i.level = String(kv[1])
      case "p": i.points = Double(kv[1])
      default: break
      }
    }
    return i
  }

  static func nonEmpty(_ s: String) -> String? {
    let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
    return t.isEmpty ? nil : t
  }

  static func entryFields(_ e: EntryInput, assessmentID: Int64) -> AuditFields {
    [
      "assessment_id": String(assessmentID), "indicator_id": e.indicatorID, "self_input": encode(e.selfInput),
      "committee_input": encode(e.committeeInput), "note": nonEmpty(e.note), "evidence": nonEmpty(e.evidence),
    ]
  }

  /// For a create: only the fields that hold a value, so NULL columns cost no audit rows.
  static func present(_ f: AuditFields) -> AuditFields { f.filter { $0.value != nil } }

  static func entry(_ row: SQLRow) -> EntryInput {
    EntryInput(
      indicatorID: row["indicator_id"], selfInput: decode(row["self_input"]),
      committeeInput: decode(row["committee_input"]), note: row["note"] ?? "", evidence: row["evidence"] ?? ""
    )
  }

  static func listItem(_ row: SQLRow) -> AssessmentListItem {
    AssessmentListItem(
      id: row["id"], unitID: row["unit_id"], period: Period(row["period"] ?? "") ?? Period(year: 1970),
      schemeRowID: row["scheme_id"], state: AssessmentState(rawValue: row["state"] ?? "") ?? .draft,
      total: row["total"], selfTotal: row["self_total"], grade: Grade(rawValue: row["grade"] ?? "") ?? .fail,
      vetoed: row["vetoed"], unscored: row["unscored"], version: row["version"])
  }

  static func scheme(_ db: SQLDatabase, rowID: Int64) throws -> Scheme {
    guard
      let toml = try String.fetchOne(
        db.cachedStatement(sql: "SELECT toml FROM assessment_scheme WHERE id = ?"), arguments: [rowID])
    else { throw StoreError.notFound(entity: "assessment_scheme", id: rowID) }
    return try SchemeCache.shared.scheme(toml: toml)
  }

  static func entries(_ db: SQLDatabase, assessmentID: Int64) throws -> [EntryInput] {
    try SQLRow.fetchAll(
      db.cachedStatement(sql: "SELECT * FROM assessment_entry WHERE assessment_id = ?"),
      arguments: [assessmentID]
    ).map(entry)
  }

  static func load(_ db: SQLDatabase, id: Int64) throws -> Assessment? {
    guard
      let row = try SQLRow.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM assessment WHERE id = ?"), arguments: [id])
    else { return nil }
    return try load(db, row: row)
  }

  /// The assessment of an `assessment` row already read (its scheme and entries read now).
  static func load(_ db: SQLDatabase, row: SQLRow) throws -> Assessment {
    let id: Int64 = row["id"]
    let schemeRowID: Int64 = row["scheme_id"]
    let scheme = try scheme(db, rowID: schemeRowID)
    let stored = try entries(db, assessmentID: id)
    var byID: [String: EntryInput] = [:]
    for e in stored { byID[e.indicatorID] = e }
    let all = scheme.allIndicators.map { byID[$0.id] ?? EntryInput(indicatorID: $0.id) }
    return Assessment(
      id: id, unitID: row["unit_id"], period: Period(row["period"] ?? "") ?? Period(year: 1970),
      schemeRowID: schemeRowID, scheme: scheme,
      state: AssessmentState(rawValue: row["state"] ?? "") ?? .draft,
      noticeStart: (row["notice_start"] as String?).flatMap { Day(iso: $0) }, entries: all,
      summary: Scoring.summarise(scheme, entries: all, basis: .final),
      selfSummary: Scoring.summarise(scheme, entries: all, basis: .selfAssessment), version: row["version"])
  }

  /// The audited and denormalised columns a summary sets on an assessment row.
  static func totals(_ s: ScoreSummary, selfTotal: Double) -> [String: (any SQLValueConvertible)?] {
    [
      "total": s.total, "self_total": selfTotal, "bonus": s.bonus, "vetoed": s.vetoed ? 1 : 0,
      "grade": s.grade.rawValue,
      "dimension_scores": s.dimensions.map { Points.format($0.score) }.joined(separator: ","),
      "unscored": s.unscored,
    ]
  }

  /// Re-totals an assessment from its entries; bumps its version and audits changed totals.
  static func retotal(_ db: SQLDatabase, id: Int64, actor: Actor, reason: String?) throws {
    guard
      let row = try SQLRow.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM assessment WHERE id = ?"), arguments: [id])
    else { throw StoreError.notFound(entity: "assessment", id: id) }
    let scheme = try scheme(db, rowID: row["scheme_id"])
    let entries = try entries(db, assessmentID: id)
    let s = Scoring.summarise(scheme, entries: entries, basis: .final)
    let selfS = Scoring.summarise(scheme, entries: entries, basis: .selfAssessment)
    let old = AuditedWrite.storedFields(row, of: "assessment")
    try db.cachedStatement(
      sql: """
        UPDATE assessment SET total = ?, self_total = ?, bonus = ?, vetoed = ?, grade = ?, dimension_scores = ?,
          unscored = ?, version = version + 1 WHERE id = ?
        """
    ).execute(arguments: [
      s.total, selfS.total, s.bonus, s.vetoed, s.grade.rawValue,
      s.dimensions.map { Points.format($0.score) }.joined(separator: ","), s.unscored, id,
    ])
    var new = old
    new["total"] = text(s.total)
    new["vetoed"] = s.vetoed ? "1" : "0"
    new["grade"] = s.grade.rawValue
    try AuditedWrite.record(
      db, actor: actor, entity: "assessment", entityID: String(id), action: .update, old: old, new: new,
      reason: reason)
  }

  static func storeScheme(_ db: SQLDatabase, _ scheme: Scheme, actor: Actor) throws -> Int64 {
    let fields: AuditFields = [
      "scheme_key": scheme.id, "version": String(scheme.version), "name": scheme.name,
      "toml": SchemeTOML.write(scheme), "created_at": AuditTime.format(Date()),
    ]
    let id = try AuditedWrite.insert(
      db, into: "assessment_scheme", fields: fields, actor: actor, nilFields: .stored)
    return id
  }

  static func frozen(_ db: SQLDatabase, schemeRowID: Int64) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT 1 FROM assessment WHERE scheme_id = ? AND state = 'locked' LIMIT 1",
      arguments: [schemeRowID])
      ?? false
  }

  static func invalid(_ field: String, _ key: String, _ args: String...) -> StoreError {
    .invalid([FieldIssue(field: field, message: Message(key: key, args: args))])
  }

  static func history(
    _ db: SQLDatabase, id: Int64, from: AssessmentState?, to: AssessmentState, action: String,
    actor: Actor, note: String
  ) throws {
    try db.cachedStatement(
      sql:
        "INSERT INTO assessment_history (assessment_id, from_state, to_state, action, actor, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)"
    ).execute(arguments: [
      id, from?.rawValue, to.rawValue, action, actor.name, AuditTime.format(Date()), note,
    ])
  }

  static func objection(_ row: SQLRow) -> Objection {
    Objection(
      id: row["id"], assessmentID: row["assessment_id"], raisedBy: row["raised_by"],
      raisedOn: Day(iso: row["raised_on"] ?? "") ?? Day(year: 1970, month: 1, day: 1),
      content: row["content"],
      resolution: row["resolution"], resolvedOn: (row["resolved_on"] as String?).flatMap { Day(iso: $0) },
      resolvedBy: row["resolved_by"], version: row["version"])
  }
}

struct GRDBAssessmentRepository: AssessmentRepository {
  let db: StoreDB

  private func requireScoring(_ actor: Actor) throws {
    guard actor.role.can(.scoreAssessments) else { throw StoreError.permissionDenied(.scoreAssessments) }
  }

  // MARK: schemes

  private func stored(_ db: SQLDatabase, _ row: SQLRow) throws -> StoredScheme {
    let id: Int64 = row["id"]
    var s = try SchemeCache.shared.scheme(toml: row["toml"])
    s.version = row["version"]
    return StoredScheme(rowID: id, scheme: s, frozen: try AssessmentRecords.frozen(db, schemeRowID: id))
  }

  func schemes() throws -> [StoredScheme] {
    try db.read { db in
      try SQLRow.fetchAll(db, sql: "SELECT * FROM assessment_scheme ORDER BY id").map { try stored(db, $0) }
    }
  }

  func scheme(rowID: Int64) throws -> StoredScheme? {
    try db.read { db in
      try SQLRow.fetchOne(db, sql: "SELECT * FROM assessment_scheme WHERE id = ?", arguments: [rowID]).map {
        try stored(db, $0)
      }
    }
  }

  func currentScheme() throws -> StoredScheme? {
    try db.read { db in
      try SQLRow.fetchOne(db, sql: "SELECT * FROM assessment_scheme ORDER BY id DESC LIMIT 1").map {
        try stored(db, $0)
      }
    }
  }

  @discardableResult func saveScheme(_ scheme: Scheme, by actor: Actor) throws -> StoredScheme {
    try requireScoring(actor)
    let issues = scheme.validate()
    if !issues.isEmpty {
      throw StoreError.invalid(
        issues.map { FieldIssue(field: "\($0.path).\($0.field)", message: $0.message) })
    }
    return try db.write { db in
      var s = scheme
      guard
        let latest = try SQLRow.fetchOne(
          db, sql: "SELECT * FROM assessment_scheme WHERE scheme_key = ? ORDER BY version DESC LIMIT 1",
          arguments: [scheme.id])
      else {
        s.version = 1
        let id = try AssessmentRecords.storeScheme(db, s, actor: actor)
        return StoredScheme(rowID: id, scheme: s, frozen: false)
      }
      let latestID: Int64 = latest["id"]
      let latestVersion: Int = latest["version"]
      s.version = latestVersion
      let toml = SchemeTOML.write(s)
      if toml == latest["toml"] { return try stored(db, latest) }
      if try AssessmentRecords.frozen(db, schemeRowID: latestID) {
        s.version = latestVersion + 1
        let id = try AssessmentRecords.storeScheme(db, s, actor: actor)
        return StoredScheme(rowID: id, scheme: s, frozen: false)
      }
      let old = AuditedWrite.storedFields(latest, of: "assessment_scheme")
      var new = old
      new["name"] = s.name
      new["toml"] = toml
      try db.execute(
        sql: "UPDATE assessment_scheme SET name = ?, toml = ? WHERE id = ?",
        arguments: [s.name, toml, latestID])
      try AuditedWrite.record(
        db, actor: actor, entity: "assessment_scheme", entityID: String(latestID), action: .update,
        old: old,
        new: new, reason: nil)
      for id in try Int64.fetchAll(
        db, sql: "SELECT id FROM assessment WHERE scheme_id = ?", arguments: [latestID])
      {
        try AssessmentRecords.retotal(db, id: id, actor: actor, reason: nil)
      }
      return StoredScheme(rowID: latestID, scheme: s, frozen: false)
    }
  }

  // MARK: assessments

  func periods() throws -> [Period] {
    try db.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT period FROM assessment").compactMap { Period($0) }.sorted(
        by: >)
    }
  }

  func assessments(period: Period) throws -> [AssessmentListItem] {
    try db.read { db in
      try SQLRow.fetchAll(
        db.cachedStatement(sql: "SELECT * FROM assessment WHERE period = ? ORDER BY unit_id, scheme_id"),
        arguments: [period.text]
      ).map(AssessmentRecords.listItem)
    }
  }

  func assessment(id: Int64) throws -> Assessment? {
    try db.read { db in try AssessmentRecords.load(db, id: id) }
  }

  func assessment(unitID: Int64, period: Period) throws -> Assessment? {
    // The row itself rather than its id and then the row: moving between branches
    // sends three statements, not four (issue 14's budget for moving in a list).
    try db.read { db in
      guard
        let row = try SQLRow.fetchOne(
          db.cachedStatement(
            sql: "SELECT * FROM assessment WHERE unit_id = ? AND period = ? ORDER BY scheme_id DESC LIMIT 1"),
          arguments: [unitID, period.text])
      else { return nil }
      return try AssessmentRecords.load(db, row: row)
    }
  }

  @discardableResult func createAssessment(
    unitID: Int64, period: Period, schemeRowID: Int64?, by actor: Actor
  )
    throws -> Assessment
  {
    try requireScoring(actor)
    return try db.write { db in
      guard let unit = try OrgRecords.fetchUnit(db, id: unitID) else {
        throw StoreError.notFound(entity: "org_unit", id: unitID)
      }
      if unit.kind != .branch && unit.kind != .generalBranch {
        throw AssessmentRecords.invalid("unitID", "error.assessment.unitKind", unit.name)
      }
      var schemeID = schemeRowID
      if schemeID == nil {
        schemeID = try Int64.fetchOne(db, sql: "SELECT id FROM assessment_scheme ORDER BY id DESC LIMIT 1")
      }
      let sid = try schemeID ?? AssessmentRecords.storeScheme(db, .wuhua, actor: actor)
      let scheme = try AssessmentRecords.scheme(db, rowID: sid)
      if scheme.periodType != period.type {
        throw AssessmentRecords.invalid(
          "period", "error.assessment.periodType", period.text, scheme.periodType.rawValue)
      }
      if try Bool.fetchOne(
        db, sql: "SELECT 1 FROM assessment WHERE unit_id = ? AND period = ? AND scheme_id = ?",
        arguments: [unitID, period.text, sid]) == true
      {
        throw AssessmentRecords.invalid("period", "error.assessment.exists", unit.name, period.text)
      }
      let id = try Self.insertAssessment(
        db, unitID: unitID, period: period, schemeRowID: sid, scheme: scheme, actor: actor)
      return try AssessmentRecords.load(db, id: id)!
    }
  }

  /// Inserts a 草稿 assessment with zero totals and its audit and history rows.
  static func insertAssessment(
    _ db: SQLDatabase, unitID: Int64, period: Period, schemeRowID: Int64, scheme: Scheme, actor: Actor,
    state: AssessmentState = .draft
  ) throws -> Int64 {
    let s = Scoring.summarise(scheme, entries: [])
    try db.cachedStatement(
      sql: """
        INSERT INTO assessment (unit_id, period, scheme_id, state, total, self_total, bonus, vetoed, grade,
          dimension_scores, unscored, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
        """
    ).execute(arguments: [
      unitID, period.text, schemeRowID, state.rawValue, s.total, s.total, s.bonus, s.vetoed, s.grade.rawValue,
      s.dimensions.map { Points.format($0.score) }.joined(separator: ","), s.unscored,
    ])
    let id = try db.lastInsertedRowID
    let fields: AuditFields = [
      "unit_id": String(unitID), "period": period.text, "scheme_id": String(schemeRowID),
      "state": state.rawValue,
      "total": AssessmentRecords.text(s.total), "vetoed": s.vetoed ? "1" : "0", "grade": s.grade.rawValue,
    ]
    try AuditedWrite.record(
      db, actor: actor, entity: "assessment", entityID: String(id), action: .create, old: [:],
      new: fields,
      reason: nil)
    try AssessmentRecords.history(db, id: id, from: nil, to: state, action: "create", actor: actor, note: "")
    return id
  }

  @discardableResult func saveEntry(
    _ entry: EntryInput, assessmentID: Int64, version: Int, reason: String?, by actor: Actor
  ) throws -> Assessment {
    try saveEntries([entry], assessmentID: assessmentID, version: version, reason: reason, by: actor)
  }

  @discardableResult func saveEntries(
    _ entries: [EntryInput], assessmentID: Int64, version: Int, reason: String?, by actor: Actor
  ) throws -> Assessment {
    try requireScoring(actor)
    let trimmed = entries.map { entry in
      var e = entry
      e.note = e.note.trimmingCharacters(in: .whitespacesAndNewlines)
      e.evidence = e.evidence.trimmingCharacters(in: .whitespacesAndNewlines)
      return e
    }
    let why = reason.flatMap(AssessmentRecords.nonEmpty)
    return try db.write { db in
      guard
        let row = try SQLRow.fetchOne(
          db, sql: "SELECT * FROM assessment WHERE id = ?", arguments: [assessmentID])
      else { throw StoreError.notFound(entity: "assessment", id: assessmentID) }
      let item = AssessmentRecords.listItem(row)
      if item.version != version { throw StoreError.staleVersion(entity: "assessment", id: assessmentID) }
      var changed = false
      for e in trimmed where try Self.writeEntry(db, e, assessment: item, reason: why, actor: actor) {
        changed = true
      }
      if changed { try AssessmentRecords.retotal(db, id: assessmentID, actor: actor, reason: why) }
      return try AssessmentRecords.load(db, id: assessmentID)!
    }
  }

  /// Validates and upserts one entry with its audit rows (no re-totalling); false when
  /// the entry was already stored exactly so.
  @discardableResult static func writeEntry(
    _ db: SQLDatabase, _ e: EntryInput, assessment item: AssessmentListItem, reason: String?, actor: Actor
  ) throws -> Bool {
    let scheme = try AssessmentRecords.scheme(db, rowID: item.schemeRowID)
    guard let indicator = scheme.indicator(id: e.indicatorID) else {
      throw AssessmentRecords.invalid("indicatorID", "error.assessment.unknownIndicator", e.indicatorID)
    }
    let oldRow = try SQLRow.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM assessment_entry WHERE assessment_id = ? AND indicator_id = ?"),
      arguments: [item.id, e.indicatorID])
    let issues = Scoring.issues(indicator, e, stored: oldRow.map(AssessmentRecords.entry))
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    if Workflow.changeNeedsReason(item.state) && reason == nil {
      throw AssessmentRecords.invalid("reason", "error.assessment.reasonRequired", item.state.rawValue)
    }
    let oldSelf = AssessmentRecords.decode(oldRow?["self_input"])
    if oldSelf != e.selfInput && !Workflow.selfEditable(item.state) {
      throw AssessmentRecords.invalid("self", "error.assessment.selfClosed", item.state.rawValue)
    }
    let new = AssessmentRecords.entryFields(e, assessmentID: item.id)
    if let oldRow {
      let entryID: Int64 = oldRow["id"]
      let old = AuditedWrite.storedFields(oldRow, of: "assessment_entry")
      if old == new { return false }
      try db.cachedStatement(
        sql: """
          UPDATE assessment_entry SET self_input = ?, committee_input = ?, note = ?, evidence = ?,
            version = version + 1 WHERE id = ?
          """
      ).execute(arguments: [
        new["self_input"] ?? nil, new["committee_input"] ?? nil, new["note"] ?? nil, new["evidence"] ?? nil,
        entryID,
      ])
      try AuditedWrite.record(
        db, actor: actor, entity: "assessment_entry", entityID: String(entryID), action: .update,
        old: old,
        new: new, reason: reason)
    } else {
      let fields = AssessmentRecords.present(new)
      try AuditedWrite.insert(
        db, into: "assessment_entry", fields: fields, actor: actor, reason: reason, nilFields: .stored)
    }
    return true
  }

  @discardableResult func transition(
    _ action: WorkflowAction, assessmentID: Int64, version: Int, note: String, today: Day, by actor: Actor
  ) throws -> Assessment {
    try requireScoring(actor)
    let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
    if let issue = TextRule.issue(field: "note", text: note, allowNewlines: true) {
      throw StoreError.invalid([issue])
    }
    return try db.write { db in
      guard let a = try AssessmentRecords.load(db, id: assessmentID) else {
        throw StoreError.notFound(entity: "assessment", id: assessmentID)
      }
      if a.version != version { throw StoreError.staleVersion(entity: "assessment", id: assessmentID) }
      let open =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM assessment_objection WHERE assessment_id = ? AND resolution IS NULL",
          arguments: [assessmentID]) ?? 0
      var issues = Workflow.issues(
        action, from: a.state, role: actor.role, note: note, openObjections: open, noticeEnds: a.noticeEnds,
        today: today)
      if issues.first?.field == "role" { throw StoreError.permissionDenied(.scoreAssessments) }
      guard let to = Workflow.target(of: action, from: a.state) else { throw StoreError.invalid(issues) }
      if action == .advance && a.state == .draft {
        issues += Scoring.submissionIssues(a.scheme, entries: a.entries, basis: .selfAssessment)
      } else if action == .advance && to == .publicNotice {
        issues += Scoring.submissionIssues(a.scheme, entries: a.entries, basis: .final)
      }
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      guard
        let row = try SQLRow.fetchOne(
          db, sql: "SELECT * FROM assessment WHERE id = ?", arguments: [assessmentID])
      else { throw StoreError.notFound(entity: "assessment", id: assessmentID) }
      let old = AuditedWrite.storedFields(row, of: "assessment")
      var new = old
      new["state"] = to.rawValue
      if to == .publicNotice { new["notice_start"] = today.iso }
      if to == .draft { new["notice_start"] = .some(nil) }
      try db.execute(
        sql: "UPDATE assessment SET state = ?, notice_start = ?, version = version + 1 WHERE id = ?",
        arguments: [to.rawValue, new["notice_start"] ?? nil, assessmentID])
      try AuditedWrite.record(
        db, actor: actor, entity: "assessment", entityID: String(assessmentID), action: .update, old: old,
        new: new, reason: note.isEmpty ? nil : note)
      try AssessmentRecords.history(
        db, id: assessmentID, from: a.state, to: to, action: action.rawValue, actor: actor, note: note)
      return try AssessmentRecords.load(db, id: assessmentID)!
    }
  }

  func history(assessmentID: Int64) throws -> [WorkflowStep] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT * FROM assessment_history WHERE assessment_id = ? ORDER BY id",
        arguments: [assessmentID]
      ).map { row in
        WorkflowStep(
          from: (row["from_state"] as String?).flatMap { AssessmentState(rawValue: $0) },
          to: AssessmentState(rawValue: row["to_state"] ?? "") ?? .draft, action: row["action"],
          actor: row["actor"],
          at: AuditTime.parse(row["at"]) ?? Date(timeIntervalSince1970: 0), note: row["note"])
      }
    }
  }

  // MARK: objections

  @discardableResult func addObjection(
    assessmentID: Int64, raisedBy: String, content: String, on day: Day, by actor: Actor
  ) throws -> Objection {
    try requireScoring(actor)
    guard let text = AssessmentRecords.nonEmpty(content) else {
      throw AssessmentRecords.invalid("content", "error.objection.contentRequired")
    }
    return try db.write { db in
      guard
        let state = try String.fetchOne(
          db, sql: "SELECT state FROM assessment WHERE id = ?", arguments: [assessmentID])
      else { throw StoreError.notFound(entity: "assessment", id: assessmentID) }
      if state != AssessmentState.publicNotice.rawValue {
        throw AssessmentRecords.invalid("state", "error.objection.notInNotice", state)
      }
      let fields: AuditFields = [
        "assessment_id": String(assessmentID), "raised_by": AssessmentRecords.nonEmpty(raisedBy) ?? "-",
        "raised_on": day.iso, "content": text,
      ]
      let id = try AuditedWrite.insert(
        db, into: "assessment_objection", fields: fields, actor: actor, nilFields: .stored)
      return AssessmentRecords.objection(
        try SQLRow.fetchOne(db, sql: "SELECT * FROM assessment_objection WHERE id = ?", arguments: [id])!)
    }
  }

  @discardableResult func resolveObjection(
    id: Int64, version: Int, resolution: String, on day: Day, by actor: Actor
  )
    throws -> Objection
  {
    try requireScoring(actor)
    guard let text = AssessmentRecords.nonEmpty(resolution) else {
      throw AssessmentRecords.invalid("resolution", "error.objection.resolutionRequired")
    }
    return try db.write { db in
      guard
        let row = try SQLRow.fetchOne(
          db, sql: "SELECT * FROM assessment_objection WHERE id = ?", arguments: [id])
      else { throw StoreError.notFound(entity: "assessment_objection", id: id) }
      if (row["version"] as Int) != version {
        throw StoreError.staleVersion(entity: "assessment_objection", id: id)
      }
      let old = AuditedWrite.storedFields(row, of: "assessment_objection")
      var new = old
      new["resolution"] = text
      new["resolved_on"] = day.iso
      new["resolved_by"] = actor.name
      try db.execute(
        sql:
          "UPDATE assessment_objection SET resolution = ?, resolved_on = ?, resolved_by = ?, version = version + 1 WHERE id = ?",
        arguments: [text, day.iso, actor.name, id])
      try AuditedWrite.record(
        db, actor: actor, entity: "assessment_objection", entityID: String(id), action: .update, old: old,
        new: new,
        reason: nil)
      return AssessmentRecords.objection(
        try SQLRow.fetchOne(db, sql: "SELECT * FROM assessment_objection WHERE id = ?", arguments: [id])!)
    }
  }

  func objections(assessmentID: Int64) throws -> [Objection] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT * FROM assessment_objection WHERE assessment_id = ? ORDER BY id",
        arguments: [assessmentID]
      ).map(AssessmentRecords.objection)
    }
  }

  // MARK: rankings

  struct PeriodRow {
    var assessmentID: Int64?
    var unit: OrgUnit
    var state: AssessmentState?
    var total: Double
    var grade: Grade
    var vetoed: Bool
    var dims: [Double]
    var bonus: Double
    var schemeRowID: Int64
  }

  /// The period's results per unit of `kind` (总支 in mean-of-branches mode computed).
  static func periodResults(_ db: SQLDatabase, period: Period, kind: UnitKind, units: [Int64: OrgUnit]) throws
    -> (rows: [PeriodRow], scheme: Scheme?)
  {
    let statement = try db.cachedStatement(
      sql: """
        SELECT id, unit_id, scheme_id, state, total, grade, vetoed, dimension_scores, bonus FROM assessment
        WHERE period = ? ORDER BY unit_id, scheme_id
        """)
    // Columns by position, found once: by name, GRDB lower-cases and compares every
    // column name on each lookup, which cost more than the query (the kiosk ranks twice
    // a rotation, each time this period and the one before).
    let c = try ColumnPositions(statement)
    let (id, unitColumn, schemeColumn, state) = (c["id"], c["unit_id"], c["scheme_id"], c["state"])
    let (total, grade, vetoed, dimensions, bonus) = (
      c["total"], c["grade"], c["vetoed"], c["dimension_scores"], c["bonus"]
    )
    let rows = try SQLRow.fetchCursor(statement, arguments: [period.text])
    var latest: [Int64: PeriodRow] = [:]
    var schemes: [Int64: Scheme] = [:]
    var firstScheme: Scheme? = nil
    while let row = try rows.next() {
      let unitID: Int64 = row[unitColumn]
      guard let unit = units[unitID] else { continue }
      let sid: Int64 = row[schemeColumn]
      if schemes[sid] == nil { schemes[sid] = try AssessmentRecords.scheme(db, rowID: sid) }
      if firstScheme == nil { firstScheme = schemes[sid] }
      let dims = (row[dimensions] as String).split(separator: ",").map { Double($0) ?? 0 }
      latest[unitID] = PeriodRow(
        assessmentID: row[id], unit: unit, state: AssessmentState(rawValue: row[state]),
        total: row[total],
        grade: Grade(rawValue: row[grade]) ?? .fail, vetoed: row[vetoed], dims: dims, bonus: row[bonus],
        schemeRowID: sid)
    }
    var result: [PeriodRow] = []
    for r in latest.values where r.unit.kind == kind {
      result.append(r)
    }
    if kind == .generalBranch, let scheme = firstScheme, scheme.generalBranchMode == .meanOfBranches {
      var children: [Int64: [PeriodRow]] = [:]
      for r in latest.values where r.unit.kind == .branch {
        if let p = r.unit.parentID { children[p, default: []].append(r) }
      }
      result = []
      for unit in units.values where unit.kind == .generalBranch {
        guard let kids = children[unit.id], !kids.isEmpty else { continue }
        let n = Double(kids.count)
        let dimCount = kids.map(\.dims.count).max() ?? 0
        let dims = (0..<dimCount).map { i in
          Points.round(kids.reduce(0) { $0 + ($1.dims.count > i ? $1.dims[i] : 0) } / n)
        }
        let bonus = Points.round(kids.reduce(0) { $0 + $1.bonus } / n)
        // Added from the rounded means shown beside it, so the row re-adds exactly.
        let total = Points.round(dims.reduce(0, +) + bonus)
        result.append(
          // As far along as its least advanced branch: published only once they all are.
          PeriodRow(
            assessmentID: latest[unit.id]?.assessmentID, unit: unit,
            state: kids.count == kids.compactMap(\.state).count ? kids.compactMap(\.state).min() : nil,
            total: total,
            grade: Scoring.grade(total: total, scheme: scheme), vetoed: false, dims: dims, bonus: bonus,
            schemeRowID: kids[0].schemeRowID))
      }
    }
    return (result, firstScheme)
  }

  func ranking(period: Period, kind: UnitKind, generalBranchID: Int64?, category: DepartmentCategory?) throws
    -> RankingReport
  {
    try db.read { db in
      var units: [Int64: OrgUnit] = [:]
      for u in try OrgRecords.units(db, includeInactive: true) { units[u.id] = u }
      let (rows, scheme) = try Self.periodResults(db, period: period, kind: kind, units: units)
      let (prevRows, _) = try Self.periodResults(db, period: period.previous, kind: kind, units: units)
      func general(of unit: OrgUnit) -> Int64? {
        if unit.kind == .generalBranch { return unit.id }
        var u: OrgUnit? = unit
        var steps = 0
        while let x = u, steps < 10 {
          if x.kind == .generalBranch { return x.id }
          u = x.parentID.flatMap { units[$0] }
          steps += 1
        }
        return nil
      }
      func rankingRow(_ p: PeriodRow) -> RankingRow {
        RankingRow(
          unitID: p.unit.id, unitName: p.unit.name, kind: p.unit.kind, generalBranchID: general(of: p.unit),
          category: p.unit.category, assessmentID: p.assessmentID, state: p.state, total: p.total,
          grade: p.grade, vetoed: p.vetoed, rank: nil, movement: nil, dimensionScores: p.dims, bonus: p.bonus,
          overExcellentCap: false)
      }
      // Places, movement and 优秀-cap marks are the 公示's, hospital-wide; units still
      // being scored follow, by total, without a place.
      let all = rows.map(rankingRow)
      let ranked = AssessmentExport.published(
        all, previousPeriod: prevRows.map(rankingRow), cap: scheme?.excellentCap)
      var byUnit: [Int64: RankingRow] = [:]
      for r in all { byUnit[r.unitID] = r }
      let pending = Ranking.rank(
        all.filter { !AssessmentExport.isPublished($0) }.map {
          RankedUnit(unitID: $0.unitID, total: $0.total, grade: $0.grade, vetoed: $0.vetoed)
        }
      ).compactMap { byUnit[$0.unitID] }
      let overCap = ranked.filter(\.overExcellentCap).map(\.unitID)
      var out: [RankingRow] = []
      for r in ranked + pending {
        if let generalBranchID, r.generalBranchID != generalBranchID { continue }
        if let category, r.category != category { continue }
        out.append(r)
      }
      let dist = Ranking.distribution(
        out.map { RankedUnit(unitID: $0.unitID, total: $0.total, grade: $0.grade, vetoed: $0.vetoed) })
      return RankingReport(
        period: period, rows: out, distribution: dist, overExcellentCap: overCap, scheme: scheme)
    }
  }

  // MARK: year-end

  func setReviewMark(
    unitID: Int64, year: Int, rater: ReviewRater, aspect: ReviewAspect, mark: Double, by actor: Actor
  )
    throws
  {
    try requireScoring(actor)
    let issues = YearEnd.markIssues(mark)
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    try db.write { db in
      guard try OrgRecords.fetchUnit(db, id: unitID) != nil else {
        throw StoreError.notFound(entity: "org_unit", id: unitID)
      }
      let m = Points.round(mark)
      if let row = try SQLRow.fetchOne(
        db, sql: "SELECT * FROM review_mark WHERE unit_id = ? AND year = ? AND rater = ? AND aspect = ?",
        arguments: [unitID, year, rater.rawValue, aspect.rawValue])
      {
        let id: Int64 = row["id"]
        let old = AuditedWrite.storedFields(row, of: "review_mark")
        var new = old
        new["mark"] = AssessmentRecords.text(m)
        if old == new { return }
        try db.execute(
          sql: "UPDATE review_mark SET mark = ?, version = version + 1 WHERE id = ?", arguments: [m, id])
        try AuditedWrite.record(
          db, actor: actor, entity: "review_mark", entityID: String(id), action: .update, old: old,
          new: new,
          reason: nil)
      } else {
        try db.execute(
          sql: "INSERT INTO review_mark (unit_id, year, rater, aspect, mark) VALUES (?, ?, ?, ?, ?)",
          arguments: [unitID, year, rater.rawValue, aspect.rawValue, m])
        let id = try db.lastInsertedRowID
        let fields: AuditFields = [
          "unit_id": String(unitID), "year": String(year), "rater": rater.rawValue, "aspect": aspect.rawValue,
          "mark": AssessmentRecords.text(m),
        ]
        try AuditedWrite.record(
          db, actor: actor, entity: "review_mark", entityID: String(id), action: .create, old: [:],
          new: fields,
          reason: nil)
      }
    }
  }

  func reviewMarks(unitID: Int64, year: Int) throws -> [ReviewMark] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT rater, aspect, mark FROM review_mark WHERE unit_id = ? AND year = ? ORDER BY id",
        arguments: [unitID, year]
      ).compactMap { row in
        guard let r = ReviewRater(rawValue: row["rater"]), let a = ReviewAspect(rawValue: row["aspect"])
        else {
          return nil
        }
        return ReviewMark(rater: r, aspect: a, mark: row["mark"])
      }
    }
  }

  func yearResults(year: Int, weights: YearWeights) throws -> [UnitYearResult] {
    // Weights that do not add to 100 % are refused, never rescaled.
    let issues = weights.issues
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    return try db.read { db in
      let quarters = Period(year: year).quarters
      let rows = try SQLRow.fetchAll(
        db,
        sql: """
          SELECT unit_id, period, total, vetoed, scheme_id, state FROM assessment
          WHERE period IN (?, ?, ?, ?) ORDER BY unit_id, period, scheme_id
          """, arguments: SQLArguments(quarters.map(\.text)))
      var byUnit: [Int64: [String: (Double, Bool, Int64, Bool)]] = [:]
      for row in rows {
        let fixed = AssessmentState(rawValue: row["state"]) == .locked
        byUnit[row["unit_id"], default: [:]][row["period"]] = (
          row["total"], row["vetoed"], row["scheme_id"], fixed
        )
      }
      var marks: [Int64: [ReviewMark]] = [:]
      for row in try SQLRow.fetchAll(
        db, sql: "SELECT unit_id, rater, aspect, mark FROM review_mark WHERE year = ?", arguments: [year])
      {
        guard let r = ReviewRater(rawValue: row["rater"]), let a = ReviewAspect(rawValue: row["aspect"])
        else {
          continue
        }
        marks[row["unit_id"], default: []].append(ReviewMark(rater: r, aspect: a, mark: row["mark"]))
      }
      var out: [UnitYearResult] = []
      for (unitID, qs) in byUnit.sorted(by: { $0.key < $1.key }) {
        let present = quarters.compactMap { q in qs[q.text].map { (q, $0) } }
        guard let last = present.last else { continue }
        let scheme = try AssessmentRecords.scheme(db, rowID: last.1.2)
        let review = YearEnd.reviewScore(marks[unitID] ?? [], weights: weights)
        let result = YearEnd.combine(
          quarters: present.map { (total: $0.1.0, vetoed: $0.1.1) }, review: review, scheme: scheme,
          weights: weights, quartersFixed: present.map(\.1.3))
        out.append(
          UnitYearResult(unitID: unitID, year: year, quarters: present.map { ($0.0, $0.1.0) }, result: result)
        )
      }
      return out
    }
  }

  // MARK: member points

  @discardableResult func addPointsEvent(memberID: Int64, event: PointsEvent, note: String, by actor: Actor)
    throws
    -> Int64
  {
    try requireScoring(actor)
    let issues = MemberPoints.eventIssues(event)
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    return try db.write { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM member WHERE id = ?", arguments: [memberID]) == true
      else {
        throw StoreError.notFound(entity: "member", id: memberID)
      }
      let fields = AssessmentRecords.present([
        "member_id": String(memberID), "year": String(event.day.year), "day": event.day.iso,
        "item_id": event.itemID,
        "count": String(event.count), "note": AssessmentRecords.nonEmpty(note),
      ])
      return try AuditedWrite.insert(
        db, into: "points_event", fields: fields, actor: actor, nilFields: .stored)
    }
  }

  func pointsEvents(memberID: Int64, year: Int) throws -> [PointsEvent] {
    try db.read { db in
      try SQLRow.fetchAll(
        db,
        sql: "SELECT item_id, day, count FROM points_event WHERE member_id = ? AND year = ? ORDER BY day, id",
        arguments: [memberID, year]
      ).map {
        PointsEvent(
          itemID: $0["item_id"], day: Day(iso: $0["day"]) ?? Day(year: year, month: 1, day: 1),
          count: $0["count"])
      }
    }
  }

  func memberPoints(unitID: Int64, year: Int, rules: PointsRules) throws -> [MemberPointsRow] {
    try db.read { db in
      let members = try SQLRow.fetchAll(
        db,
        sql: """
          SELECT id, name, unit_id FROM member WHERE active = 1 AND (unit_id = ?
            OR unit_id IN (SELECT id FROM org_unit WHERE parent_id = ?)) ORDER BY name COLLATE pinyin, id
          """, arguments: [unitID, unitID])
      var events: [Int64: [PointsEvent]] = [:]
      for row in try SQLRow.fetchAll(
        db,
        sql: """
          SELECT e.member_id, e.item_id, e.day, e.count FROM points_event e JOIN member m ON m.id = e.member_id
          WHERE e.year = ? AND (m.unit_id = ? OR m.unit_id IN (SELECT id FROM org_unit WHERE parent_id = ?))
          """, arguments: [year, unitID, unitID])
      {
        events[row["member_id"], default: []].append(
          PointsEvent(
            itemID: row["item_id"], day: Day(iso: row["day"]) ?? Day(year: year, month: 1, day: 1),
            count: row["count"]))
      }
      let out = members.map { row -> MemberPointsRow in
        let id: Int64 = row["id"]
        let ev = events[id] ?? []
        return MemberPointsRow(
          memberID: id, name: row["name"], unitID: row["unit_id"],
          points: MemberPoints.total(ev, rules: rules),
          events: ev.count)
      }
      return out.sorted { ($0.points.total, $1.name) > ($1.points.total, $0.name) }
    }
  }
}
