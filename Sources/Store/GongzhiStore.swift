import Domain
import Foundation
import GRDB

/// The Gongzhi database: one SQLite file shared by several terminal processes
/// (WAL, busy timeout), opened writable by office users and read-only by kiosks.
public final class GongzhiStore: Sendable {
  /// The newest schema this build knows: the number of migrations.
  public static let schemaVersion: Int = Migrations.all.count
  public static let busyTimeout: TimeInterval = 5
  /// The page cache of each connection, in KiB (see `init`).
  static let cacheKiB = 16_384

  public let path: String
  public let readOnly: Bool
  public let users: any UserRepository
  public let organisation: any OrganisationRepository
  public let audit: any AuditRepository
  /// For repositories inside the Store target only.
  package let dbPool: DatabasePool
  let db: StoreDB

  /// `$XDG_DATA_HOME/gongzhi/gongzhi.sqlite`, else `~/.local/share/gongzhi/gongzhi.sqlite`.
  public static func defaultPath() -> String {
    let env = ProcessInfo.processInfo.environment
    let base: String
    if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      base = xdg
    } else {
      let home = env["HOME"] ?? NSHomeDirectory()
      base = (home as NSString).appendingPathComponent(".local/share")
    }
    return (base as NSString).appendingPathComponent("gongzhi/gongzhi.sqlite")
  }

  /// Opens (and for a writable open creates and migrates) the database at `path`.
  /// A file that is not an SQLite database, or written by a newer Gongzhi, is refused
  /// and left untouched.
  public init(path: String, readOnly: Bool = false) throws {
    self.path = path
    self.readOnly = readOnly
    let exists = try Self.checkExistingFile(path: path)
    if exists {
      try Self.checkSchemaVersion(path: path, readOnly: readOnly)
    } else if readOnly {
      throw StoreError.missing(path)
    } else {
      try Self.createFile(path: path)
    }

    var config = Configuration()
    config.busyMode = .timeout(Self.busyTimeout)
    config.foreignKeysEnabled = true
    config.readonly = readOnly
    config.label = "gongzhi"
    // A larger page cache per connection than SQLite's 2 MB: a session of 30,000
    // proposals or a year of satisfaction rollups then stays in memory between
    // frames instead of being read from the file again for every query.
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
      db.add(collation: Self.pinyin)
    }
    do {
      let pool = try DatabasePool(path: path, configuration: config)
      if !readOnly {
        try Migrations.migrator.migrate(pool)
        try pool.write { db in
          try Migrations.recordVersion(db)
          try ProposalSchema.rekeyStraySearchDocuments(db)
        }
      } else {
        let version = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version < Self.schemaVersion { throw StoreError.notMigrated(path) }
      }
      self.dbPool = pool
    } catch {
      throw StoreError.map(error, path: path)
    }
    let storeDB = StoreDB(pool: dbPool, path: path)
    self.db = storeDB
    self.users = GRDBUserRepository(db: storeDB)
    self.organisation = GRDBOrganisationRepository(db: storeDB)
    self.audit = GRDBAuditRepository(db: storeDB)
  }

  /// `COLLATE pinyin`, on every connection: Domain's `NameOrder`, so a list sorted in
  /// SQL (proposal titles, departments, member search) is in the order the roster uses.
  static let pinyin = DatabaseCollation("pinyin") { a, b in
    switch NameOrder.compare(a, b) {
    case .orderedAscending: return .orderedAscending
    case .orderedSame: return .orderedSame
    case .orderedDescending: return .orderedDescending
    }
  }

  /// Closes the connections; the store must not be used afterwards.
  public func close() throws {
    do { try dbPool.close() } catch { throw StoreError.map(error, path: path) }
  }

  static let sqliteHeader: [UInt8] = Array("SQLite format 3\0".utf8)

  /// True when a non-empty file exists and carries the SQLite header; false when
  /// there is no file or it is empty (a new database). Reads only.
  static func checkExistingFile(path: String) throws -> Bool {
    var st = stat()
    guard stat(path, &st) == 0 else {
      if errno == ENOENT { return false }
      throw StoreError.cannotOpen(path, String(cString: strerror(errno)))
    }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw StoreError.cannotOpen(path, "is a directory") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.cannotOpen(path, "not readable")
    }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 16)) ?? Data()
    if head.isEmpty { return false }
    guard Array(head) == sqliteHeader else { throw StoreError.notADatabase(path) }
    return true
  }

  /// Reads the schema version through a read-only connection; refuses newer schemas
  /// and SQLite files that belong to some other program.
  static func checkSchemaVersion(path: String, readOnly: Bool) throws {
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(busyTimeout)
    let (version, tables, metaVersion): (Int, [String], Int?)
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      (version, tables, metaVersion) = try queue.read { db in
        let v = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let t = try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        var m: Int? = nil
        if t.contains("gongzhi_meta") {
          m = try String.fetchOne(
            db, sql: "SELECT value FROM gongzhi_meta WHERE key = 'schema_version'"
          ).flatMap { Int($0) }
        }
        return (v, t, m)
      }
      try queue.close()
    } catch {
      throw StoreError.map(error, path: path)
    }
    let found = max(version, metaVersion ?? 0)
    if found > schemaVersion { throw StoreError.newerSchema(found: found, supported: schemaVersion) }
    let ours = tables.contains("gongzhi_meta") || tables.contains("grdb_migrations")
    if !ours && !tables.isEmpty { throw StoreError.notADatabase(path) }
    if readOnly && (found < schemaVersion || !ours) { throw StoreError.notMigrated(path) }
  }

  /// Creates the parent directory and an empty file with mode 0660 before SQLite writes.
  static func createFile(path: String) throws {
    let dir = (path as NSString).deletingLastPathComponent
    if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
      do {
        try FileManager.default.createDirectory(
          atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o770])
      } catch {
        throw StoreError.cannotOpen(path, "cannot create directory \(dir)")
      }
    }
    let fd = open(path, O_CREAT | O_WRONLY, 0o660)
    if fd < 0 {
      let code = errno
      if code == EACCES || code == EROFS { throw StoreError.readOnlyFile(path) }
      throw StoreError.cannotOpen(path, String(cString: strerror(code)))
    }
    _ = fchmod(fd, 0o660)
    _ = Foundation.close(fd)
  }
}

/// The pool plus error mapping; shared by all repositories.
struct StoreDB: Sendable {
  let pool: DatabasePool
  let path: String

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.read(body)
    } catch {
      throw StoreError.map(error, path: path)
    }
  }

  /// One IMMEDIATE transaction: takes the write lock at once, so a concurrent
  /// writer in another process waits (busy timeout) instead of failing mid-way.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.writeWithoutTransaction { db in
        var result: T? = nil
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        return result!
      }
    } catch {
      throw StoreError.map(error, path: path)
    }
  }
}

extension Day {
  /// Today in the local time zone.
  public static func today() -> Day {
    let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
  }
}
