import Foundation

/// The one audited-write path. Every feature changes an audited table through these
/// functions, inside its own write transaction: the row change and the audit rows
/// that record it commit or roll back together, and only `record` appends to the
/// hash chain (`AuditHash`), so the log's format has a single writer.
enum AuditedWrite {
  /// What an insert does with a field whose value is nil.
  enum NilFields {
    /// Stored as NULL and logged as NULL (the log shows every column).
    case stored
    /// Left to the column's default and not logged (the log replays it as NULL).
    case leftToDefault
  }

  /// Inserts a row from audited fields and logs its creation; returns the new rowid.
  /// `key` names the row in the log when it is not the rowid (e.g. a holiday's day);
  /// such a row has no id to return (0): on PostgreSQL its insert draws no sequence
  /// value, so asking for the last one would fail in a fresh session, or name another
  /// table's row in an older one.
  @discardableResult
  static func insert(
    _ db: SQLDatabase, into table: String, fields: AuditFields, actor: Actor, key: String? = nil,
    reason: String? = nil, nilFields: NilFields = .leftToDefault
  ) throws -> Int64 {
    let written = nilFields == .stored ? fields : fields.filter { $0.value != nil }
    let columns = written.keys.sorted()
    let sql =
      "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    try db.cachedStatement(sql: sql).execute(arguments: arguments(columns, written))
    let id = key == nil ? try db.lastInsertedRowID : 0
    try record(
      db, actor: actor, entity: table, entityID: key ?? String(id), action: .create, old: [:], new: written,
      reason: reason)
    return id
  }

  /// Writes `new` over the row `id` of a versioned table, bumps its version and logs
  /// every field that differs from `old` (the row as stored before).
  static func update(
    _ db: SQLDatabase, table: String, id: Int64, old: AuditFields, new: AuditFields, actor: Actor,
    reason: String?
  ) throws {
    let columns = new.keys.sorted()
    let sql =
      "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), version = version + 1 WHERE id = ?"
    var values = arguments(columns, new)
    values += [id]
    try db.cachedStatement(sql: sql).execute(arguments: values)
    try record(
      db, actor: actor, entity: table, entityID: String(id), action: .update, old: old, new: new,
      reason: reason)
  }

  /// Deletes the row `id` and logs every field it had (`old`).
  static func delete(
    _ db: SQLDatabase, from table: String, id: Int64, old: AuditFields, actor: Actor, reason: String?
  ) throws {
    try db.cachedStatement(sql: "DELETE FROM \(table) WHERE id = ?").execute(arguments: [id])
    try record(
      db, actor: actor, entity: table, entityID: String(id), action: .delete, old: old, new: [:],
      reason: reason)
  }

  /// The audited columns of a stored row exactly as stored (not as decoded), so an
  /// update's old values show what the table really held.
  static func storedFields(_ row: SQLRow, of entity: String) -> AuditFields {
    var fields: AuditFields = [:]
    for column in AuditedTables.tables.first(where: { $0.entity == entity })?.columns ?? [] {
      fields[column] = .some(AuditedTables.string(row[column] ?? SQLValue.null))
    }
    return fields
  }

  /// Logs a change whose SQL the feature wrote itself, in the same transaction: an
  /// upsert keyed by something other than an id, recomputed totals, a demo's
  /// prepared bulk statement, or a whole import recorded as one entry. A create logs
  /// every field of `new` (so the log alone rebuilds the row), an update every field
  /// whose value changed, a delete every field of `old`.
  static func record(
    _ db: SQLDatabase, actor: Actor, entity: String, entityID: String, action: AuditAction,
    old: AuditFields, new: AuditFields, reason: String?
  ) throws {
    var changes: [(field: String, old: String?, new: String?)] = []
    switch action {
    case .create:
      for key in new.keys.sorted() { changes.append((key, nil, new[key] ?? nil)) }
    case .update:
      for key in Set(old.keys).union(new.keys).sorted() {
        let o = old[key] ?? nil
        let n = new[key] ?? nil
        if o != n { changes.append((key, o, n)) }
      }
    case .delete:
      for key in old.keys.sorted() { changes.append((key, old[key] ?? nil, nil)) }
    }
    if changes.isEmpty { return }
    let last = try SQLRow.fetchOne(
      db.cachedStatement(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
    var id: Int64 = last.map { $0["id"] as Int64 } ?? 0
    var prev: String = last.map { $0["hash"] as String } ?? AuditHash.genesis
    let at = AuditTime.format(Date())
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO audit_log (id, at, actor, entity, entity_id, action, field, old_value, new_value,
          reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for change in changes {
      id += 1
      let hash = AuditHash.compute(
        id: id, at: at, actor: actor.name, entity: entity, entityID: entityID, action: action.rawValue,
        field: change.field, oldValue: change.old, newValue: change.new, reason: reason, prevHash: prev)
      try insert.execute(arguments: [
        id, at, actor.name, entity, entityID, action.rawValue, change.field, change.old, change.new,
        reason, prev, hash,
      ])
      prev = hash
    }
  }

  private static func arguments(_ columns: [String], _ fields: AuditFields) -> SQLArguments {
    SQLArguments(values: columns.map { (fields[$0] ?? nil).map(SQLValue.text) ?? .null })
  }
}
