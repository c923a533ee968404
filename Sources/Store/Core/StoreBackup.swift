import Domain
import Foundation
import GRDB

/// `gongzhi backup FILE`: a copy of an SQLite database made with SQLite's online
/// backup (a read snapshot, so the offices keep writing meanwhile), then opened and
/// checked (`PRAGMA integrity_check` and the audit chain) before it takes FILE's name.
/// It is written under a temporary name next to FILE and renamed when checked, so
/// FILE is never half a database; an existing FILE is replaced only when asked.
/// A PostgreSQL database is backed up with `pg_dump` (README), not here.
public enum StoreBackup {
  public struct Report: Equatable, Sendable {
    /// The audit log's rows, every one verified.
    public let auditRows: Int
    /// The copy's size in bytes.
    public let bytes: Int64
  }

  public static func run(database: String, to file: String, replace: Bool) throws -> Report {
    if PGConnection.isTarget(database) { throw StoreBackupError.postgres }
    guard try GongzhiStore.checkExistingFile(path: database) else { throw StoreError.missing(database) }
    if sameFile(database, file) { throw StoreBackupError.sameFile(file) }
    if FileManager.default.fileExists(atPath: file) && !replace { throw StoreBackupError.exists(file) }
    let directory = (file as NSString).deletingLastPathComponent
    let temporary =
      (directory.isEmpty ? "." : directory) + "/." + (file as NSString).lastPathComponent
      + ".partial-\(getpid())"
    func removeTemporary() {
      for suffix in ["", "-wal", "-shm", "-journal"] {
        try? FileManager.default.removeItem(atPath: temporary + suffix)
      }
    }
    removeTemporary()
    do {
      let source = try SQLiteTables.open(database, readOnly: true)
      defer { try? source.close() }
      try StoreCopy.checkVersion(
        try source.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }, side: database)
      let copy = try DatabaseQueue(path: temporary)
      try source.backup(to: copy)
      // One file, as a backup should be: no WAL next to it.
      try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
      let auditRows = try check(copy, file: file)
      try copy.close()
      guard rename(temporary, file) == 0 else {
        throw StoreBackupError.failed(file, String(cString: strerror(errno)))
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
      return Report(auditRows: auditRows, bytes: size ?? 0)
    } catch let error as StoreBackupError {
      removeTemporary()
      throw error
    } catch let error as DatabaseError {
      removeTemporary()
      throw StoreBackupError.failed(file, error.message ?? "\(error.resultCode)")
    } catch {
      removeTemporary()
      throw error
    }
  }

  private static func sameFile(_ a: String, _ b: String) -> Bool {
    var sa = stat()
    var sb = stat()
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
  }

  /// The copy's integrity and audit chain; the chain's row count when both hold.
  static func check(_ copy: DatabaseQueue, file: String) throws -> Int {
    try copy.read { db in
      let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
      guard integrity == ["ok"] else {
        throw StoreBackupError.failed(file, integrity.prefix(3).joined(separator: "; "))
      }
      switch try GRDBAuditRepository.verify(SQLDatabase(.sqlite(db))) {
      case .intact(let rows): return rows
      case .broken(let rowID, let entity, let entityID, let detail):
        throw StoreBackupError.auditBroken(
          file, rowID.map(String.init) ?? "-", "\(entity) \(entityID): \(detail)")
      }
    }
  }
}

public enum StoreBackupError: Error, UserMessage, Equatable {
  /// FILE exists and `--force` was not given.
  case exists(String)
  /// FILE is the database itself.
  case sameFile(String)
  /// The database is on PostgreSQL: pg_dump, as the README shows.
  case postgres
  /// The backup or its check failed (the reason); FILE was not written.
  case failed(String, String)
  /// The copy's audit chain does not verify (so neither does the database's).
  case auditBroken(String, String, String)

  public var key: String {
    switch self {
    case .exists: return "error.backup.exists"
    case .sameFile: return "error.backup.sameFile"
    case .postgres: return "error.backup.postgres"
    case .failed: return "error.backup.failed"
    case .auditBroken: return "error.backup.auditBroken"
    }
  }

  public var args: [String] {
    switch self {
    case .exists(let file), .sameFile(let file): return [file]
    case .postgres: return []
    case .failed(let file, let reason): return [file, reason]
    case .auditBroken(let file, let row, let detail): return [file, row, detail]
    }
  }
}

public enum StoreBackupKeys {
  public static let all = [
    "error.backup.exists", "error.backup.sameFile", "error.backup.postgres", "error.backup.failed",
    "error.backup.auditBroken",
  ]
}
