import Domain
import Foundation
import GRDB

/// `gongzhi store copy SOURCE TARGET`: a whole Gongzhi database copied between the
/// backends (an SQLite file moving onto the server, the server's data archived in a
/// file, or file to file), table by table and row by row with every id, time, actor
/// and hash as it is, so the audit chain verifies on the target.
///
/// The source is read in one snapshot (an SQLite read transaction; on PostgreSQL a
/// REPEATABLE READ READ ONLY transaction), the target written in one transaction, so
/// a failure leaves it as it was. The target must be empty (`emptiness`): a new or
/// empty SQLite file (created through `GongzhiStore`, so it has this build's schema)
/// or a PostgreSQL database just set up with `setup-server`, copied into by its
/// owner, who may switch its triggers off for the copy.
public enum StoreCopy {
  public struct TableCount: Equatable, Sendable {
    public let table: String
    public let source: Int
    public let target: Int
  }

  public struct Report: Equatable, Sendable {
    /// Every table, in copy order, with its rows on both sides after the copy.
    public let tables: [TableCount]
    /// On a PostgreSQL target whose owner is not among the copied users: the owner's
    /// login, recorded as admin after the copied rows (one user row, and two audit rows
    /// the server chains onto the copied log), as `setup-server` recorded it before.
    public let ownerRecorded: String?

    public var rows: Int { tables.reduce(0) { $0 + $1.target } }
  }

  /// Every table of the schema, parents before the tables that reference them: the
  /// PostgreSQL schema's list, which its tests hold equal to the tables of a new
  /// SQLite file (and `StoreCopyTests` to the copy's needs). Columns are read from the
  /// databases themselves.
  static var tables: [String] {
    PostgresSchema.writePermission.map { $0.table.replacingOccurrences(of: "\"", with: "") }
  }

  /// Copies `source` into `target` (each an SQLite path or a PostgreSQL URL/conninfo).
  /// Throws `StoreCopyError.countsDiffer` (nothing written) when a table's rows differ
  /// afterwards.
  public static func copy(from source: String, to target: String) throws -> Report {
    if PGConnection.isTarget(source) {
      let conn = try PGConnection(source)
      try checkVersion(try PostgresSetup.schemaVersion(conn), side: conn.databaseName(), notSetUp: true)
      return try PostgresTables.snapshot(conn) { reader in try write(reader, to: target) }
    }
    guard try GongzhiStore.checkExistingFile(path: source) else { throw StoreError.missing(source) }
    let queue = try SQLiteTables.open(source, readOnly: true)
    defer { try? queue.close() }
    try checkVersion(try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }, side: source)
    return try queue.read { db in try write(SQLiteTables(db: db), to: target) }
  }

  private static func write(_ reader: some CopyReader, to target: String) throws -> Report {
    if PGConnection.isTarget(target) { return try PostgresTables.fill(target, from: reader) }
    return try SQLiteTables.fill(target, from: reader)
  }

  static func checkVersion(_ version: Int?, side: String, notSetUp: Bool = false) throws {
    if version == nil, notSetUp { throw PostgresError.notSetUp(database: side) }
    guard version == GongzhiStore.schemaVersion else {
      throw StoreCopyError.schemaVersion(
        side: side, found: version ?? 0, expected: GongzhiStore.schemaVersion)
    }
  }

  /// What a new target already holds and does not count as data: the schema's own
  /// rows (`gongzhi_meta`), the default satisfaction instruments, and on PostgreSQL
  /// the owner's user row with the two audit rows that record it (setup-server's).
  /// Any other row in any table makes the target non-empty. `owner` is a quoted SQL
  /// literal. The conditions are plain SQL that both backends read alike.
  static func setupRows(_ table: String, owner: String?) -> String? {
    switch table {
    case "gongzhi_meta": return "1 = 1"
    case "satisfaction_instrument":
      let defaults = SatisfactionInstrument.defaults.map { "('\($0.population.rawValue)', \($0.version))" }
      return "(population, version) IN (VALUES \(defaults.joined(separator: ", ")))"
    case "user": return owner.map { "name = \($0)" }
    case "audit_log": return owner.map { "entity = 'user' AND entity_id = \($0) AND id <= 2" }
    default: return nil
    }
  }

  /// Refuses a target with data (see `setupRows`), naming the first such table.
  static func checkEmpty(_ writer: some CopyWriter, owner: String?) throws {
    for table in tables {
      let rows = try writer.count(table, except: setupRows(table, owner: owner))
      if rows > 0 { throw StoreCopyError.targetNotEmpty(table: table, rows: rows) }
    }
  }

  /// Replaces each table's rows in the target by the source's, in foreign-key order.
  /// Clearing first also drops what a trigger derived from an earlier table (the
  /// tallies), so every table ends as the source has it. The counts are taken after
  /// the last table, so a trigger that changed an earlier table would show.
  static func fill(_ writer: some CopyWriter, from reader: some CopyReader) throws -> [TableCount] {
    var sourceCounts: [Int] = []
    for table in tables {
      let columns = try reader.columns(table)
      guard Set(columns) == Set(try writer.columns(table)) else {
        throw StoreCopyError.columnsDiffer(table: table)
      }
      try writer.clear(table)
      try writer.insert(table, columns: columns, rows: try reader.rows(table, columns: columns))
      sourceCounts.append(try reader.count(table))
    }
    let counts = try zip(tables, sourceCounts).map {
      TableCount(table: $0, source: $1, target: try writer.count($0, except: nil))
    }
    if counts.contains(where: { $0.source != $0.target }) {
      throw StoreCopyError.countsDiffer(counts)
    }
    return counts
  }
}

/// Why a copy was refused or failed (keys in `StoreCopyKeys.all`).
public enum StoreCopyError: Error, UserMessage, Equatable {
  case targetNotEmpty(table: String, rows: Int)
  /// The PostgreSQL target is copied into by its owner only (it switches triggers off).
  case notOwner(user: String, database: String, owner: String)
  case schemaVersion(side: String, found: Int, expected: Int)
  case columnsDiffer(table: String)
  /// Some table's rows differ after the copy; the target's transaction was rolled back.
  case countsDiffer([StoreCopy.TableCount])

  public var key: String {
    switch self {
    case .targetNotEmpty: return "error.copy.targetNotEmpty"
    case .notOwner: return "error.copy.notOwner"
    case .schemaVersion: return "error.copy.schemaVersion"
    case .columnsDiffer: return "error.copy.columnsDiffer"
    case .countsDiffer: return "error.copy.countsDiffer"
    }
  }

  public var args: [String] {
    switch self {
    case .targetNotEmpty(let table, let rows): return [table, String(rows)]
    case .notOwner(let user, let database, let owner): return [user, database, owner]
    case .schemaVersion(let side, let found, let expected): return [side, String(found), String(expected)]
    case .columnsDiffer(let table): return [table]
    case .countsDiffer(let counts):
      let first = counts.first { $0.source != $0.target }
      return [first?.table ?? "", String(first?.source ?? 0), String(first?.target ?? 0)]
    }
  }
}

public enum StoreCopyKeys {
  public static let all = [
    "error.copy.targetNotEmpty", "error.copy.notOwner", "error.copy.schemaVersion",
    "error.copy.columnsDiffer", "error.copy.countsDiffer",
  ]
}

/// One side's tables, read as the copy sees them: columns by name, values as SQLite's
/// storage classes (`DatabaseValue`), whatever the backend.
protocol CopyReader {
  func columns(_ table: String) throws -> [String]
  func rows(_ table: String, columns: [String]) throws -> [[DatabaseValue]]
  func count(_ table: String) throws -> Int
}

protocol CopyWriter: CopyReader {
  /// Rows of `table`, not counting those matching `except` (SQL).
  func count(_ table: String, except: String?) throws -> Int
  func clear(_ table: String) throws
  func insert(_ table: String, columns: [String], rows: [[DatabaseValue]]) throws
}

extension CopyWriter {
  func count(_ table: String) throws -> Int { try count(table, except: nil) }
}

/// An identifier quoted for SQL; both backends take the standard double quotes.
func quotedName(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// The SQLite side. `proposal_search` is an FTS5 table keyed by rowid (session in the
/// high 32 bits, proposal in the low: `ProposalSchema.searchKey`); the copy sees it as
/// the PostgreSQL table's three columns.
struct SQLiteTables: CopyWriter {
  let db: Database
  static let searchColumns = ["proposal_id", "session_id", "body"]

  static func open(_ path: String, readOnly: Bool) throws -> DatabaseQueue {
    var config = Configuration()
    config.readonly = readOnly
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(GongzhiStore.busyTimeout)
    config.prepareDatabase { db in db.add(collation: GongzhiStore.pinyin) }
    return try DatabaseQueue(path: path, configuration: config)
  }

  /// Fills the SQLite file at `path`: created (with this build's schema) when it does
  /// not exist, and removed again if the copy fails; an existing file must be an
  /// empty Gongzhi database at this version, checked before anything is written.
  static func fill(_ path: String, from reader: some CopyReader) throws -> StoreCopy.Report {
    let existed = try GongzhiStore.checkExistingFile(path: path)
    if existed {
      try GongzhiStore(path: path, readOnly: true).close()
      let check = try open(path, readOnly: true)
      try check.read { db in try StoreCopy.checkEmpty(SQLiteTables(db: db), owner: nil) }
      try check.close()
    }
    do {
      try GongzhiStore(path: path).close()
      let queue = try open(path, readOnly: false)
      defer { try? queue.close() }
      var counts: [StoreCopy.TableCount] = []
      try queue.inTransaction(.immediate) { db in
        // A unit may hang under one with a higher id: references are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        let tables = SQLiteTables(db: db)
        try StoreCopy.checkEmpty(tables, owner: nil)
        counts = try StoreCopy.fill(tables, from: reader)
        return .commit
      }
      return StoreCopy.Report(tables: counts, ownerRecorded: nil)
    } catch {
      if !existed {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      }
      throw error
    }
  }

  func columns(_ table: String) throws -> [String] {
    if table == "proposal_search" { return Self.searchColumns }
    return try Row.fetchAll(db, sql: "PRAGMA table_info(\(quotedName(table)))").map { $0["name"] }
  }

  func rows(_ table: String, columns: [String]) throws -> [[DatabaseValue]] {
    let select =
      table == "proposal_search"
      ? "SELECT rowid & 4294967295 AS proposal_id, rowid >> 32 AS session_id, body FROM proposal_search"
      : "SELECT \(columns.map(quotedName).joined(separator: ", ")) FROM \(quotedName(table))"
    let names = table == "proposal_search" ? Self.searchColumns : columns
    let positions = columns.map { names.firstIndex(of: $0)! }
    return try Row.fetchAll(db, sql: select).map { row in
      let values = Array(row.databaseValues)
      return positions.map { values[$0] }
    }
  }

  func count(_ table: String, except: String?) throws -> Int {
    let condition = except.map { " WHERE NOT (\($0))" } ?? ""
    return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quotedName(table))\(condition)") ?? 0
  }

  func clear(_ table: String) throws {
    // Only what a new file holds (and the tallies' trigger rows): the audit log, whose
    // delete trigger refuses any row, is empty here.
    guard try count(table) > 0 else { return }
    try db.execute(sql: "DELETE FROM \(quotedName(table))")
  }

  func insert(_ table: String, columns: [String], rows: [[DatabaseValue]]) throws {
    guard !rows.isEmpty else { return }
    let statement: Statement
    var order = Array(columns.indices)
    if table == "proposal_search" {
      statement = try db.makeStatement(
        sql: "INSERT INTO proposal_search (rowid, body) VALUES ((? << 32) | ?, ?)")
      order = ["session_id", "proposal_id", "body"].map { columns.firstIndex(of: $0)! }
    } else {
      statement = try db.makeStatement(
        sql: "INSERT INTO \(quotedName(table)) (\(columns.map(quotedName).joined(separator: ", "))) "
          + "VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
    }
    for row in rows {
      try statement.execute(arguments: StatementArguments(order.map { row[$0] }))
    }
  }
}
