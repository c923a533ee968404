import Crypto
import Domain
import Foundation

public enum AuditAction: String, Sendable {
  case create, update, delete
}

/// Audited values are strings: `Day.iso`, enum raw values, Bool as "1"/"0",
/// integers in decimal, nil as SQL NULL. The same dictionary is written to the
/// table and to the log, so the two can be compared field by field.
typealias AuditFields = [String: String?]

/// Timestamps in the log: ISO 8601, UTC, milliseconds (`2026-01-31T08:15:00.123Z`).
enum AuditTime {
  static func format(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let days = floorDiv(ms, 86_400_000)
    let msOfDay = ms - days * 86_400_000
    let (y, m, d) = civil(fromDays: days)
    func pad(_ v: Int64, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    let h = msOfDay / 3_600_000
    let mi = msOfDay / 60_000 % 60
    let s = msOfDay / 1000 % 60
    let f = msOfDay % 1000
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
  }

  static func parse(_ text: String) -> Date? {
    let u = Array(text.utf8)
    guard u.count == 24, u[23] == UInt8(ascii: "Z") else { return nil }
    func num(_ a: Int, _ b: Int) -> Int64? {
      var v: Int64 = 0
      for i in a..<b {
        guard (48...57).contains(u[i]) else { return nil }
        v = v * 10 + Int64(u[i] - 48)
      }
      return v
    }
    guard let y = num(0, 4), let m = num(5, 7), let d = num(8, 10), let h = num(11, 13),
      let mi = num(14, 16), let s = num(17, 19), let f = num(20, 23)
    else { return nil }
    let days = daysFromCivil(y, m, d)
    let ms = ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + f
    return Date(timeIntervalSince1970: Double(ms) / 1000)
  }

  private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }

  // Howard Hinnant's civil-date algorithms.
  private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = floorDiv(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = floorDiv(y, 400)
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}

enum AuditHash {
  static let genesis = String(repeating: "0", count: 64)

  /// Hex SHA-256 over a length-prefixed serialisation: each field is `N` for NULL or
  /// `S<byte count>:<bytes>`, in a fixed order, ending with the previous row's hash.
  static func compute(
    id: Int64, at: String, actor: String, entity: String, entityID: String, action: String,
    field: String, oldValue: String?, newValue: String?, reason: String?, prevHash: String
  ) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    func put(_ s: String?) {
      guard let s else {
        bytes.append(UInt8(ascii: "N"))
        return
      }
      let u = s.utf8
      bytes.append(UInt8(ascii: "S"))
      bytes.append(contentsOf: String(u.count).utf8)
      bytes.append(UInt8(ascii: ":"))
      bytes.append(contentsOf: u)
    }
    put(String(id))
    put(at)
    put(actor)
    put(entity)
    put(entityID)
    put(action)
    put(field)
    put(oldValue)
    put(newValue)
    put(reason)
    put(prevHash)
    let digest = SHA256.hash(data: bytes)
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in digest {
      out.append(hex[Int(b >> 4)])
      out.append(hex[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// The audited tables: table name (= audit entity), key column, audited columns.
enum AuditedTables {
  static let tables: [(entity: String, key: String, columns: [String])] =
    [
      ("user", "name", ["role", "created_at"]),
      (
        "org_unit", "id",
        ["parent_id", "kind", "name", "secretary", "category", "active", "sort_order"]
      ),
      (
        "member", "id",
        [
          "unit_id", "name", "gender", "birth_date", "join_date", "standing", "employment", "department",
          "category", "phone", "active",
        ]
      ),
      ("satisfaction_target", "population", ["rate"]),
      ("audit_key", "id", ["key_id", "public_key", "endorsement", "trusted_at"]),
    ] + ProposalSchema.auditedTables + AssessmentSchema.audited + SettingsSchema.audited
    + DisclosureSchema.auditedTables

  /// A stored value as the log writes it.
  static func string(_ value: SQLValue) -> String? {
    switch value {
    case .null: return nil
    case .integer(let v): return String(v)
    case .real(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    case .text(let s): return s
    case .blob(let d): return String(decoding: d, as: UTF8.self)
    }
  }
}

struct GRDBAuditRepository: AuditRepository {
  let db: StoreDB

  /// Entries oldest-first, filtered by entity and time; with `limit`, the latest
  /// `limit` matching entries (still oldest-first).
  func entries(entity: String?, since: Date?, limit: Int?) throws -> [AuditEntry] {
    try db.read { db in
      var conditions: [String] = []
      var args: [(any SQLValueConvertible)?] = []
      if let entity {
        conditions.append("entity = ?")
        args.append(entity)
      }
      if let since {
        conditions.append("at >= ?")
        args.append(AuditTime.format(since))
      }
      var sql =
        "SELECT id, at, actor, entity, entity_id, action, field, old_value, new_value, reason, hash FROM audit_log"
      if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
      sql += " ORDER BY id DESC"
      if let limit {
        sql += " LIMIT ?"
        args.append(limit)
      }
      let rows = try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(args))
      return rows.reversed().map { row in
        AuditEntry(
          id: row["id"], at: AuditTime.parse(row["at"]) ?? Date(timeIntervalSince1970: 0),
          actor: row["actor"], entity: row["entity"], entityID: row["entity_id"], action: row["action"],
          field: row["field"], oldValue: row["old_value"], newValue: row["new_value"],
          reason: row["reason"], hash: row["hash"])
      }
    }
  }

  func verify() throws -> AuditVerification {
    try db.read { db in try Self.verify(db) }
  }

  func subjects(of entries: [AuditEntry]) throws -> [Int64: String] {
    let named: Set<String> = ["assessment", "assessment_entry", "assessment_objection"]
    let wanted = entries.filter { named.contains($0.entity) }
    guard !wanted.isEmpty else { return [:] }
    return try db.read { db in
      func ids(_ entity: String) -> [Int64] {
        wanted.filter { $0.entity == entity }.compactMap { Int64($0.entityID) }
      }
      /// The rows of `table` with the given ids only (one JSON array argument, so any
      /// number of ids), by id.
      func rows(_ table: String, _ columns: String, _ wantedIDs: [Int64]) throws -> [Int64: SQLRow] {
        var out: [Int64: SQLRow] = [:]
        guard !wantedIDs.isEmpty else { return out }
        let list = "[" + Set(wantedIDs).map(String.init).joined(separator: ",") + "]"
        for row in try SQLRow.fetchAll(
          db, sql: "SELECT id, \(columns) FROM \(table) WHERE id IN (\(db.idsFromJSONArray))",
          arguments: [list])
        {
          out[row["id"]] = row
        }
        return out
      }
      let entryRows = try rows("assessment_entry", "assessment_id, indicator_id", ids("assessment_entry"))
      let objectionRows = try rows("assessment_objection", "assessment_id", ids("assessment_objection"))
      let assessmentIDs =
        ids("assessment") + entryRows.values.map { $0["assessment_id"] }
        + objectionRows.values.map { $0["assessment_id"] }
      let units = try SQLRow.fetchAll(db, sql: "SELECT * FROM org_unit").map(OrgRecords.unit)
      let paths = MemberCSV.paths(units)
      var assessments: [Int64: (subject: String, schemeID: Int64)] = [:]
      for (id, row) in try rows("assessment", "unit_id, period, scheme_id", assessmentIDs) {
        let unitID: Int64 = row["unit_id"]
        let period: String = row["period"]
        assessments[id] = ((paths[unitID] ?? String(unitID)) + " · " + period, row["scheme_id"])
      }
      var schemes: [Int64: Scheme] = [:]
      func indicatorName(_ id: String, schemeID: Int64) -> String {
        if schemes[schemeID] == nil { schemes[schemeID] = try? AssessmentRecords.scheme(db, rowID: schemeID) }
        return schemes[schemeID]?.indicator(id: id)?.name ?? id
      }
      var out: [Int64: String] = [:]
      for e in wanted {
        guard let id = Int64(e.entityID) else { continue }
        switch e.entity {
        case "assessment":
          out[e.id] = assessments[id]?.subject
        case "assessment_entry":
          guard let row = entryRows[id], let a = assessments[row["assessment_id"]] else { continue }
          out[e.id] = a.subject + " · " + indicatorName(row["indicator_id"], schemeID: a.schemeID)
        default:
          guard let row = objectionRows[id], let a = assessments[row["assessment_id"]] else { continue }
          out[e.id] = a.subject
        }
      }
      return out
    }
  }

  private struct Replayed {
    var fields: [String: String?] = [:]
    var lastRow: [String: Int64] = [:]
    var lastAny: Int64 = 0
    var exists = false
  }

  static func show(_ v: String?) -> String { v.map { "'\($0)'" } ?? "NULL" }

  static func verify(_ db: SQLDatabase) throws -> AuditVerification {
    var state: [String: [String: Replayed]] = [:]
    var expectedID: Int64 = 1
    var prev = AuditHash.genesis
    var count = 0
    let cursor = try SQLRow.fetchCursor(
      db,
      sql: """
        SELECT id, at, actor, entity, entity_id, action, field, old_value, new_value, reason,
          prev_hash, hash FROM audit_log ORDER BY id
        """)
    while let row = try cursor.next() {
      let id: Int64 = row["id"]
      let entity: String = row["entity"]
      let entityID: String = row["entity_id"]
      let action: String = row["action"]
      let field: String = row["field"]
      let oldValue: String? = row["old_value"]
      let newValue: String? = row["new_value"]
      let rowPrev: String = row["prev_hash"]
      let rowHash: String = row["hash"]
      if id != expectedID {
        return .broken(
          auditRowID: id, entity: entity, entityID: entityID,
          detail: "audit rows \(expectedID)..\(id - 1) are missing before row \(id)")
      }
      if rowPrev != prev {
        return .broken(
          auditRowID: id, entity: entity, entityID: entityID,
          detail: "audit row \(id): prev_hash does not match the hash of row \(id - 1)")
      }
      let computed = AuditHash.compute(
        id: id, at: row["at"], actor: row["actor"], entity: entity, entityID: entityID, action: action,
        field: field, oldValue: oldValue, newValue: newValue, reason: row["reason"], prevHash: rowPrev)
      if computed != rowHash {
        return .broken(
          auditRowID: id, entity: entity, entityID: entityID,
          detail: "audit row \(id): content does not match its hash (row was altered)")
      }
      var r = state[entity, default: [:]][entityID, default: Replayed()]
      switch action {
      case "create":
        if !r.exists { r = Replayed() }
        r.exists = true
        r.fields[field] = newValue
      case "update":
        let replayed = r.fields[field] ?? nil
        if !r.exists || replayed != oldValue {
          return .broken(
            auditRowID: id, entity: entity, entityID: entityID,
            detail:
              "\(entity) \(entityID) field \(field): audit row \(id) changes it from \(show(oldValue)), but the log before says \(show(replayed))"
          )
        }
        r.fields[field] = newValue
      default:
        r.exists = false
        r.fields[field] = nil
      }
      r.lastRow[field] = id
      r.lastAny = id
      state[entity, default: [:]][entityID] = r
      prev = rowHash
      expectedID += 1
      count += 1
    }

    for table in AuditedTables.tables {
      var seen = Set<String>()
      let order = table.key == "id" ? "id" : table.key
      let rows = try SQLRow.fetchCursor(
        db,
        sql:
          "SELECT \(table.key), \(table.columns.joined(separator: ", ")) FROM \"\(table.entity)\" ORDER BY \(order)"
      )
      while let row = try rows.next() {
        let key = AuditedTables.string(row.value(table.key)) ?? ""
        seen.insert(key)
        guard let r = state[table.entity]?[key], r.exists else {
          return .broken(
            auditRowID: nil, entity: table.entity, entityID: key,
            detail: "\(table.entity) \(key) has no create entries in the audit log")
        }
        for column in table.columns {
          let actual = AuditedTables.string(row.value(column))
          let logged = r.fields[column] ?? nil
          if actual != logged {
            return .broken(
              auditRowID: r.lastRow[column], entity: table.entity, entityID: key,
              detail:
                "\(table.entity) \(key) field \(column): table has \(show(actual)), audit log says \(show(logged))"
            )
          }
        }
      }
      for (key, r) in (state[table.entity] ?? [:]).sorted(by: { $0.value.lastAny < $1.value.lastAny })
      where r.exists && !seen.contains(key) {
        return .broken(
          auditRowID: r.lastAny, entity: table.entity, entityID: key,
          detail: "\(table.entity) \(key) is in the audit log but missing from the table")
      }
    }
    return .intact(rows: count)
  }
}
