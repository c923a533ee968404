import Crypto
import Domain
import Foundation

/// One seal as `audit verify` reports it.
public struct SealState: Sendable, Equatable {
  public var id: Int64
  public var sealedAt: String
  public var actor: String
  public var keyID: String
  public var headID: Int64
  /// The signature verifies against a trusted key and the sealed chain head is still there.
  public var verified: Bool
}

/// Something a seal, a trusted key or a SEALS file says that today's database contradicts.
public struct SealFinding: Sendable, Equatable {
  /// The seal (database id) it contradicts; nil for a SEALS line or a key.
  public var sealID: Int64?
  public var table: String?
  public var row: String?
  public var detail: String
}

/// What `audit verify` found about seals and guards (the chain itself is `AuditRepository.verify`).
public struct SealReport: Sendable {
  public var seals: [SealState] = []
  public var contradictions: [SealFinding] = []
  /// What changed after the latest seal: legitimate changes or not, nothing here is
  /// covered by a seal yet.
  public var afterLatest: [String] = []
  /// The append-only triggers, grants and the like that are not in place.
  public var missingGuards: [String] = []
  public var guardsChecked = 0
  public var latest: SealState? { seals.last }
  public var isSound: Bool { contradictions.isEmpty && missingGuards.isEmpty }

  /// The seal whose sealed rows include audit row `row` (the earliest such), for
  /// saying which seal a broken audit row contradicts.
  public func seal(covering row: Int64) -> SealState? { seals.first { $0.headID >= row } }
}

/// The outcome of `audit seal`.
public struct SealSummary: Sendable, Equatable {
  public var id: Int64
  public var keyID: String
  public var headID: Int64
  public var tables: Int
  /// The self-contained line appended to a SEALS file.
  public var line: String
}

/// Keys and seals (`gongzhi audit trust|seal|verify`). A seal signs the chain head
/// (row id and hash), the time and a digest of every sealed table (`SealedTables`).
/// How `verify` checks a seal against a database that has legitimately changed since:
/// - the chain: the hash stored today at the sealed head row must be the sealed one
///   (and the chain check proves every row up to it links to that hash), so the
///   sealed log is a prefix of today's;
/// - an audited table: the log records every change to its audited columns, so if no
///   audit row for it follows the sealed head, its digest must still be the sealed
///   one; otherwise the table contradicts the seal;
/// - any other table (not yet recorded in the log): compared with the latest seal
///   only, and a difference is reported as changed after it, since it cannot be told
///   from a legitimate change.
public struct AuditSealStore: Sendable {
  let db: StoreDB

  /// Registers the committee's public key (audited). A key already trusted may be
  /// replaced only with `oldKey`, the private key it replaces, which signs the new one.
  public func trust(publicKeyFile: String, signedBy oldKeyFile: String?, actor: Actor) throws -> String {
    guard actor.role.can(.manageUsers) else { throw StoreError.permissionDenied(.manageUsers) }
    let key = try SealKeys.loadPublic(publicKeyFile)
    let oldKey = try oldKeyFile.map(SealKeys.loadPrivate)
    let id = SealKeys.keyID(key)
    try db.write { db in
      var endorsement: String?
      if let current = try Self.trustedKeys(db).last {
        guard current.keyID != id else { throw SealError.alreadyTrusted(id) }
        guard let oldKey else { throw SealError.replacementNeedsOldKey(current.keyID) }
        guard SealKeys.keyID(oldKey.publicKey) == current.keyID else {
          throw SealError.wrongOldKey(current.keyID)
        }
        endorsement = try oldKey.signature(for: SealKeys.endorsementMessage(key)).base64EncodedString()
      }
      try AuditedWrite.insert(
        db, into: "audit_key",
        fields: [
          "key_id": id, "public_key": key.rawRepresentation.base64EncodedString(), "endorsement": endorsement,
          "trusted_at": AuditTime.format(Date()),
        ], actor: actor, nilFields: .stored)
    }
    return id
  }

  /// Signs the current state with the private key in `keyFile`, which must be the
  /// trusted one; stores the seal and, with `appendTo`, appends its line to that file.
  public func seal(keyFile: String, actor: Actor, appendTo sealsFile: String?, now: Date = Date()) throws
    -> SealSummary
  {
    guard actor.role.can(.sealAuditLog) else { throw StoreError.permissionDenied(.sealAuditLog) }
    let key = try SealKeys.loadPrivate(keyFile)
    let keyID = SealKeys.keyID(key.publicKey)
    let payload = try db.read { db -> SealPayload in
      guard let trusted = try Self.trustedKeys(db).last else { throw SealError.noTrustedKey }
      guard trusted.keyID == keyID else { throw SealError.notTrusted(keyID) }
      if case .broken(let row, let entity, let entityID, let detail) = try GRDBAuditRepository.verify(db) {
        throw SealError.logBroken("\(row.map { "row \($0), " } ?? "")\(entity) \(entityID): \(detail)")
      }
      let head = try SQLRow.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
      var tables: [(String, TableDigest)] = []
      for table in SealedTables.names { tables.append((table, try SealedTables.digest(db, table: table))) }
      return SealPayload(
        at: AuditTime.format(now), keyID: keyID, headID: head?["id"] ?? 0,
        headHash: head?["hash"] ?? AuditHash.genesis,
        tables: tables)
    }
    let text = payload.text
    let signature = try key.signature(for: Data(text.utf8)).base64EncodedString()
    let id = try db.write { db -> Int64 in
      try db.execute(
        sql:
          "INSERT INTO audit_seal (sealed_at, actor, key_id, head_id, payload, signature) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [payload.at, actor.name, keyID, payload.headID, text, signature])
      return try db.lastInsertedRowID
    }
    let line = text + "\t" + signature + "\n"
    if let sealsFile { try Self.append(line, to: sealsFile) }
    return SealSummary(id: id, keyID: keyID, headID: payload.headID, tables: payload.tables.count, line: line)
  }

  private static func append(_ line: String, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    guard fd >= 0 else { throw SealError.cannotWrite(path, String(cString: strerror(errno))) }
    defer { close(fd) }
    let bytes = Array(line.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(fd) == 0 else {
      throw SealError.cannotWrite(path, String(cString: strerror(errno)))
    }
  }

  struct TrustedKey {
    var keyID: String
    var key: Curve25519.Signing.PublicKey?
    var endorsement: String?
  }

  static func trustedKeys(_ db: SQLDatabase) throws -> [TrustedKey] {
    try SQLRow.fetchAll(db, sql: "SELECT key_id, public_key, endorsement FROM audit_key ORDER BY id").map {
      TrustedKey(
        keyID: $0["key_id"], key: SealKeys.publicKey(base64: $0["public_key"]), endorsement: $0["endorsement"]
      )
    }
  }

  /// Checks the trusted keys, every seal in the database and (with `sealsFile`) every
  /// seal in that file, and the guards. Streams every table once.
  public func verify(sealsFile: String?) throws -> SealReport {
    let fileText: String?
    if let sealsFile {
      guard let data = FileManager.default.contents(atPath: sealsFile) else {
        throw SealError.cannotRead(sealsFile)
      }
      fileText = String(decoding: data, as: UTF8.self)
    } else {
      fileText = nil
    }
    return try db.read { db in
      var report = SealReport()
      let trusted = try Self.checkedKeys(db, into: &report)
      let sealRows = try SQLRow.fetchAll(
        db,
        sql: "SELECT id, sealed_at, actor, key_id, head_id, payload, signature FROM audit_seal ORDER BY id")
      var valid: [(state: SealState, payload: SealPayload)] = []
      for row in sealRows {
        let id: Int64 = row["id"]
        var state = SealState(
          id: id, sealedAt: row["sealed_at"], actor: row["actor"], keyID: row["key_id"],
          headID: row["head_id"],
          verified: false)
        let text: String = row["payload"]
        switch Self.check(payload: text, signature: row["signature"], trusted: trusted) {
        case .failure(let problem):
          report.contradictions.append(
            SealFinding(sealID: id, table: "audit_seal", row: String(id), detail: problem))
        case .success(let payload):
          if payload.headID != state.headID || payload.keyID != state.keyID || payload.at != state.sealedAt {
            report.contradictions.append(
              SealFinding(
                sealID: id, table: "audit_seal", row: String(id),
                detail: "seal #\(id)'s columns differ from what its signature covers"))
          } else if let problem = try Self.checkHead(db, payload) {
            report.contradictions.append(
              SealFinding(sealID: id, table: "audit_log", row: String(payload.headID), detail: problem))
          } else {
            state.verified = true
            valid.append((state, payload))
          }
        }
        report.seals.append(state)
      }
      try Self.checkTables(db, valid, into: &report)
      if let latest = valid.last { try Self.describeChanges(db, after: latest, into: &report) }
      if let fileText {
        Self.checkFile(
          fileText, stored: Set(sealRows.map { $0["payload"] as String }), trusted: trusted, into: &report)
      }
      try AuditGuards.check(db, into: &report)
      return report
    }
  }

  /// The trusted keys by id; a key trusted without a valid signature by the key it
  /// replaced is reported, and not trusted.
  private static func checkedKeys(_ db: SQLDatabase, into report: inout SealReport) throws -> [String:
    Curve25519
    .Signing.PublicKey]
  {
    var out: [String: Curve25519.Signing.PublicKey] = [:]
    var previous: TrustedKey?
    for k in try trustedKeys(db) {
      guard let key = k.key, SealKeys.keyID(key) == k.keyID else {
        report.contradictions.append(
          SealFinding(
            sealID: nil, table: "audit_key", row: k.keyID, detail: "key \(k.keyID) is not a valid public key")
        )
        continue
      }
      if let previous {
        let endorsed =
          previous.key.flatMap { old in
            k.endorsement.flatMap { Data(base64Encoded: $0) }.map {
              old.isValidSignature($0, for: SealKeys.endorsementMessage(key))
            }
          } ?? false
        if !endorsed {
          report.contradictions.append(
            SealFinding(
              sealID: nil, table: "audit_key", row: k.keyID,
              detail: "key \(k.keyID) replaced key \(previous.keyID) without that key's signature"))
          continue
        }
      }
      out[k.keyID] = key
      previous = k
    }
    return out
  }

  enum SealCheck {
    case success(SealPayload)
    case failure(String)
  }

  private static func check(
    payload text: String, signature: String, trusted: [String: Curve25519.Signing.PublicKey]
  ) -> SealCheck {
    guard let payload = SealPayload.parse(text) else { return .failure("not a seal this version can read") }
    guard let key = trusted[payload.keyID] else {
      return .failure("signed by key \(payload.keyID), which is not a trusted key")
    }
    guard let sig = Data(base64Encoded: signature), key.isValidSignature(sig, for: Data(text.utf8)) else {
      return .failure(
        "the signature by key \(payload.keyID) does not verify (the seal was altered or forged)")
    }
    return .success(payload)
  }

  /// Nil when today's chain still has the sealed hash at the sealed head row.
  private static func checkHead(_ db: SQLDatabase, _ payload: SealPayload) throws -> String? {
    guard payload.headID > 0 else { return nil }
    guard
      let hash: String = try SQLRow.fetchOne(
        db, sql: "SELECT hash FROM audit_log WHERE id = ?", arguments: [payload.headID])?["hash"]
    else { return "audit row \(payload.headID), the sealed chain head, is missing" }
    guard hash == payload.headHash else {
      return
        "audit row \(payload.headID) has hash \(hash.prefix(12))…, the seal says \(payload.headHash.prefix(12))…: the log up to that row was rewritten"
    }
    return nil
  }

  private static func checkTables(
    _ db: SQLDatabase, _ seals: [(state: SealState, payload: SealPayload)], into report: inout SealReport
  ) throws {
    guard let latest = seals.last else { return }
    var lastAudit: [String: Int64] = [:]
    let cursor = try SQLRow.fetchCursor(
      db, sql: "SELECT entity, MAX(id) AS last FROM audit_log GROUP BY entity")
    while let row = try cursor.next() { lastAudit[row["entity"]] = row["last"] }
    var today: [String: TableDigest] = [:]
    let tables = Set(seals.flatMap { $0.payload.tables.map(\.name) })
    for table in SealedTables.names where tables.contains(table) {
      today[table] = try SealedTables.digest(db, table: table)
    }
    for (state, payload) in seals {
      for (table, sealed) in payload.tables {
        guard let now = today[table], now != sealed else { continue }
        let changes = "\(sealed.count) rows sealed, \(now.count) now"
        if SealedTables.isAudited(table), lastAudit[table] ?? 0 <= payload.headID {
          report.contradictions.append(
            SealFinding(
              sealID: state.id, table: table, row: nil,
              detail:
                "table \(table) differs from its content sealed by seal #\(state.id) (\(changes)), and the audit log records no change to it since"
            ))
        } else if state.id == latest.state.id {
          let how =
            SealedTables.isAudited(table)
            ? "recorded in the audit log after row \(payload.headID)" : "not recorded in the audit log"
          report.afterLatest.append("table \(table) (\(changes); \(how))")
        }
      }
    }
  }

  /// The audit rows after the latest seal, by entity and row (the first 20).
  private static func describeChanges(
    _ db: SQLDatabase, after latest: (state: SealState, payload: SealPayload), into report: inout SealReport
  ) throws {
    let head = latest.payload.headID
    let total: Int64 =
      try SQLRow.fetchOne(db, sql: "SELECT COUNT(*) AS n FROM audit_log WHERE id > ?", arguments: [head])?[
        "n"] ?? 0
    guard total > 0 else { return }
    let rows = try SQLRow.fetchAll(
      db,
      sql: """
        SELECT entity, entity_id, COUNT(*) AS n, MIN(id) AS first FROM audit_log WHERE id > ?
        GROUP BY entity, entity_id ORDER BY MIN(id) LIMIT 20
        """, arguments: [head])
    let list = rows.map { "\($0["entity"] as String) \($0["entity_id"] as String) (\($0["n"] as Int64))" }
    report.afterLatest.insert(
      "\(total) audit rows after row \(head): " + list.joined(separator: ", ")
        + (rows.count == 20 ? ", …" : ""),
      at: 0)
  }

  /// Every line of a SEALS file must verify and be in the database.
  private static func checkFile(
    _ text: String, stored: Set<String>, trusted: [String: Curve25519.Signing.PublicKey],
    into report: inout SealReport
  ) {
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.isEmpty {
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        report.contradictions.append(
          SealFinding(sealID: nil, table: nil, row: nil, detail: "SEALS line \(n + 1) is not a seal"))
        continue
      }
      let payload = String(parts[0])
      switch check(payload: payload, signature: String(parts[1]), trusted: trusted) {
      case .failure(let problem):
        report.contradictions.append(
          SealFinding(sealID: nil, table: nil, row: nil, detail: "SEALS line \(n + 1): \(problem)"))
      case .success(let seal):
        if !stored.contains(payload) {
          report.contradictions.append(
            SealFinding(
              sealID: nil, table: "audit_seal", row: nil,
              detail:
                "SEALS line \(n + 1), the seal of \(seal.at) (audit row \(seal.headID)), is missing from the database"
            ))
        }
      }
    }
  }
}

/// The guards the log relies on: on SQLite the append-only triggers; on PostgreSQL the
/// chain and append-only triggers, and that no group role may change or empty the
/// append-only tables.
enum AuditGuards {
  static let appendOnly = ["audit_log", "audit_key", "audit_seal"]
  static let sqliteTriggers: [(name: String, table: String)] = appendOnly.flatMap {
    [("\($0)_no_update", $0), ("\($0)_no_delete", $0)]
  }
  static let postgresTriggers: [(name: String, table: String)] = [
    ("audit_log_chain", "audit_log"), ("audit_key_append_only", "audit_key"),
    ("audit_seal_append_only", "audit_seal"),
  ]

  static func check(_ db: SQLDatabase, into report: inout SealReport) throws {
    if !db.isPostgres {
      for t in sqliteTriggers {
        report.guardsChecked += 1
        let found = try SQLRow.fetchOne(
          db, sql: "SELECT 1 AS x FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
          arguments: [t.name, t.table])
        if found == nil { report.missingGuards.append("trigger \(t.name) on \(t.table)") }
      }
      return
    }
    for t in postgresTriggers {
      report.guardsChecked += 1
      let found = try SQLRow.fetchOne(
        db,
        sql: """
          SELECT 1 AS x FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE t.tgname = ? AND c.relname = ? AND t.tgenabled <> 'D'
          """, arguments: [t.name, t.table])
      if found == nil { report.missingGuards.append("trigger \(t.name) on \(t.table) (missing or disabled)") }
    }
    let roles = try SQLRow.fetchAll(
      db, sql: "SELECT rolname FROM pg_roles WHERE rolname LIKE 'gongzhi\\_%' ORDER BY rolname"
    ).map { $0["rolname"] as String }.filter { PostgresSchema.allGroupRoles.contains($0) }
    for role in roles {
      for table in appendOnly {
        for privilege in ["UPDATE", "DELETE", "TRUNCATE"] {
          report.guardsChecked += 1
          let granted: Bool =
            try SQLRow.fetchOne(
              db, sql: "SELECT has_table_privilege(CAST(? AS name), CAST(? AS text), CAST(? AS text)) AS g",
              arguments: [role, table, privilege])?["g"] ?? false
          if granted { report.missingGuards.append("\(role) may \(privilege) \(table)") }
        }
      }
    }
  }
}
