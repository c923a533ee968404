import Domain
import Foundation
import GRDB

/// The Gongzhi database: one SQLite file shared by several terminal processes
/// (WAL, busy timeout), opened writable by office users and read-only by kiosks; or
/// a PostgreSQL database set up by `gongzhi setup-server`, where each person logs in
/// as themselves and the server enforces what their role may change.
public final class GongzhiStore: Sendable {
  /// The newest schema this build knows: the number of migrations.
  public static let schemaVersion: Int = Migrations.all.count
  public static let busyTimeout: TimeInterval = 5
  /// The page cache of each connection, in KiB (see `init`).
  static let cacheKiB = 16_384
  /// How much of the file a reading connection maps (see `init`); SQLite caps it at its
  /// compile-time limit, and a 32-bit or mmap-less build reads as before.
  static let readerMapBytes = 1 << 30

  public let path: String
  public let readOnly: Bool
  /// A read-only open that reads the file as an immutable snapshot (see `readLocation`):
  /// it does not see later changes, so a long-running reader reopens it for each refresh.
  public let isSnapshot: Bool
  public let users: any UserRepository
  public let organisation: any OrganisationRepository
  public let audit: any AuditRepository
  /// The committee's keys and seals (`gongzhi audit trust|seal|verify`).
  public var seals: AuditSealStore { AuditSealStore(db: db) }
  /// On PostgreSQL the login this connection authenticated as (`session_user`): the
  /// acting user, whatever the client claims. Nil on SQLite.
  public let login: String?
  /// The writable SQLite connection, opened on first use; for tests (`@testable`).
  var dbPool: any DatabaseWriter {
    get throws {
      guard case .sqlite(_, let writer) = db.backend else { throw StoreError.readOnlyFile(path) }
      return try writer.pool()
    }
  }
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
  public convenience init(path: String, readOnly: Bool = false) throws {
    try self.init(path: path, readOnly: readOnly, sidecarsCreatable: nil)
  }

  /// `sidecarsCreatable` overrides the check of whether this process could create the
  /// `-shm` file next to the database (tests run as root, who always can).
  package convenience init(path: String, readOnly: Bool, sidecarsCreatable: Bool?) throws {
    if PGConnection.isTarget(path) {
      try self.init(server: path, readOnly: readOnly)
    } else {
      try self.init(file: path, readOnly: readOnly, sidecarsCreatable: sidecarsCreatable)
    }
  }

  /// Connects to a PostgreSQL database. Its schema is made by `setup-server`, never
  /// by a client: a database without it, or of another schema version, is refused.
  /// A read-only open makes every transaction read-only, so it also runs on a hot
  /// standby.
  private init(server target: String, readOnly: Bool) throws {
    let conn = try PGConnection(target)
    let name = conn.displayName()
    guard let version = try PostgresSetup.schemaVersion(conn) else {
      throw PostgresError.notSetUp(database: conn.databaseName())
    }
    if version > Self.schemaVersion {
      throw StoreError.newerSchema(found: version, supported: Self.schemaVersion)
    }
    if version < Self.schemaVersion { throw StoreError.notMigrated(name) }
    if readOnly { try conn.execute("SET default_transaction_read_only = on") }
    self.path = name
    self.readOnly = readOnly
    self.isSnapshot = false
    self.login = try conn.sessionUser()
    let storeDB = StoreDB(backend: .postgres(PGSession(conn)), path: name)
    self.db = storeDB
    self.users = GRDBUserRepository(db: storeDB)
    self.organisation = GRDBOrganisationRepository(db: storeDB)
    self.audit = GRDBAuditRepository(db: storeDB)
  }

  private init(file path: String, readOnly: Bool, sidecarsCreatable: Bool?) throws {
    self.path = path
    self.readOnly = readOnly
    self.login = nil
    let exists = try Self.checkExistingFile(path: path)
    let location =
      readOnly && exists
      ? Self.readLocation(
        path: path, sidecarsCreatable: sidecarsCreatable ?? Self.canCreateSidecars(of: path))
      : path
    self.isSnapshot = location != path
    var current = false
    if exists {
      current = try Self.checkSchemaVersion(path: path, location: location, readOnly: readOnly)
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
      // Readers map the file instead of copying pages in with a system call each. A
      // commit by another connection (another terminal, the kiosk's writer) empties
      // every reader's page cache, so a kiosk rotation or the 督办 list after a change
      // read thousands of pages again through pread (a third of a rotation's time).
      // Only readers: the writer's imports would count the mapped file in their memory.
      if db.configuration.readonly {
        try db.execute(sql: "PRAGMA mmap_size = \(Self.readerMapBytes)")
      }
      db.add(collation: Self.pinyin)
      StatementCounter.install(on: db)
    }
    let storeDB: StoreDB
    do {
      if readOnly {
        let pool = try DatabasePool(path: location, configuration: config)
        let version = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version < Self.schemaVersion { throw StoreError.notMigrated(path) }
        storeDB = StoreDB(
          backend: .sqlite(reader: pool, writer: LazyWriter { throw StoreError.readOnlyFile(path) }),
          path: path)
      } else if current, let reader = Self.cleanReader(path: path, configuration: config) {
        // Nothing to migrate or repair: read through read-only connections and open the
        // writer only for the first write. The writer is a single connection on the
        // file, already in WAL mode: a DatabasePool's writer marks a cleanly closed WAL
        // file on every open (GRDB creates and drops a table), which rewrote the file's
        // header for commands that changed nothing, a refused import or an unchanged
        // setting say.
        storeDB = StoreDB(
          backend: .sqlite(
            reader: reader, writer: LazyWriter { try DatabaseQueue(path: path, configuration: config) }),
          path: path)
      } else {
        let pool = try DatabasePool(path: location, configuration: config)
        try Migrations.migrator.migrate(pool)
        try pool.write { db in
          try Migrations.recordVersion(db)
          try ProposalSchema.rekeyStraySearchDocuments(SQLDatabase(.sqlite(db)))
        }
        storeDB = StoreDB(backend: .sqlite(reader: pool, writer: LazyWriter(opened: pool)), path: path)
      }
    } catch {
      throw StoreError.map(error, path: path)
    }
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

  /// The read-only connections close first, so the writer's close is the last one and
  /// checkpoints the WAL back into the file, as a single pool's close did.
  deinit {
    if case .sqlite(let reader, _) = db.backend { try? reader.close() }
  }

  /// Closes the connections; the store must not be used afterwards.
  public func close() throws {
    do { try db.close() } catch { throw StoreError.map(error, path: path) }
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

  /// Read-only connections to an up-to-date file, when they can be opened and the file
  /// holds no proposal search documents an old version wrote under the old keys (those
  /// are repaired by the writable open); nil otherwise.
  static func cleanReader(path: String, configuration: Configuration) -> DatabasePool? {
    var config = configuration
    config.readonly = true
    guard let pool = try? DatabasePool(path: path, configuration: config) else { return nil }
    let stray = try? pool.read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM proposal_search WHERE rowid < 4294967296 LIMIT 1") ?? false
    }
    if stray == false { return pool }
    try? pool.close()
    return nil
  }

  /// Reads the schema version through a read-only connection; refuses newer schemas
  /// and SQLite files that belong to some other program. True when the file is fully
  /// migrated and records this version.
  @discardableResult
  static func checkSchemaVersion(path: String, location: String, readOnly: Bool) throws -> Bool {
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(busyTimeout)
    let (version, tables, metaVersion): (Int, [String], Int?)
    do {
      let queue = try DatabaseQueue(path: location, configuration: config)
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
    return ours && version == schemaVersion && metaVersion == schemaVersion
  }

  /// Where a read-only connection opens the file. SQLite reads a WAL database through
  /// its `-shm` index, which a reader must find or create
  /// (https://sqlite.org/wal.html#readonly). When the file was cleanly closed (no
  /// `-shm`) and this OS account cannot write its directory — a kiosk or viewer account
  /// reading the office's database — the only way in is an `immutable=1` URI: a
  /// snapshot taken without locks, which is safe while no writer is connected (the
  /// missing `-shm` says so) and is reopened by long-running readers for each refresh.
  static func readLocation(path: String, sidecarsCreatable: Bool) -> String {
    guard !sidecarsCreatable, isWALFile(path), !FileManager.default.fileExists(atPath: path + "-shm") else {
      return path
    }
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let absolute =
      path.hasPrefix("/")
      ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
      + "?immutable=1"
  }

  /// Whether this process may create files next to the database.
  static func canCreateSidecars(of path: String) -> Bool {
    let directory = (path as NSString).deletingLastPathComponent
    return access(directory.isEmpty ? "." : directory, W_OK) == 0
  }

  /// Bytes 18 and 19 of the SQLite header are 2 in WAL mode.
  static func isWALFile(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 20)) ?? Data()
    return head.count == 20 && head[18] == 2 && head[19] == 2
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

/// The writable connection, opened by the first write (see `GongzhiStore.init`).
final class LazyWriter: @unchecked Sendable {
  private let lock = NSLock()
  private var opened: (any DatabaseWriter)?
  private let open: () throws -> any DatabaseWriter

  init(open: @escaping () throws -> any DatabaseWriter) { self.open = open }
  init(opened pool: DatabasePool) {
    opened = pool
    open = { pool }
  }

  func pool() throws -> any DatabaseWriter {
    lock.lock()
    defer { lock.unlock() }
    if let opened { return opened }
    let pool = try open()
    opened = pool
    return pool
  }

  func close() throws {
    lock.lock()
    defer { lock.unlock() }
    try opened?.close()
  }
}

/// The connections plus error mapping; shared by all repositories. On SQLite,
/// `reader` and the writer are the same pool after a migration, separate (read-only
/// readers) otherwise; on PostgreSQL one connection (`PGSession`).
struct StoreDB: Sendable {
  enum Backend: Sendable {
    case sqlite(reader: DatabasePool, writer: LazyWriter)
    case postgres(PGSession)
  }
  let backend: Backend
  let path: String

  /// A read: one transaction, so its statements see one state of the data.
  func read<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
    do {
      switch backend {
      case .sqlite(let reader, _): return try reader.read { try body(SQLDatabase(.sqlite($0))) }
      case .postgres(let session): return try session.read { try body(SQLDatabase(.postgres($0))) }
      }
    } catch {
      throw StoreError.map(error, path: path)
    }
  }

  /// One write transaction. On SQLite an IMMEDIATE one: it takes the write lock at
  /// once, so a concurrent writer in another process waits (busy timeout) instead of
  /// failing mid-way.
  func write<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
    do {
      switch backend {
      case .sqlite(_, let writer):
        return try writer.pool().writeWithoutTransaction { db in
          var result: T? = nil
          try db.inTransaction(.immediate) {
            result = try body(SQLDatabase(.sqlite(db)))
            return .commit
          }
          return result!
        }
      case .postgres(let session): return try session.write { try body(SQLDatabase(.postgres($0))) }
      }
    } catch {
      throw StoreError.map(error, path: path)
    }
  }

  func close() throws {
    switch backend {
    case .sqlite(let reader, let writer):
      try reader.close()
      try writer.close()
    case .postgres(let session): session.close()
    }
  }
}

/// The PostgreSQL connection of a store. libpq connections are not shared between
/// threads, so every use holds the lock.
final class PGSession: @unchecked Sendable {
  private let lock = NSLock()
  private let connection: PGConnection

  private var closed = false

  init(_ connection: PGConnection) { self.connection = connection }

  /// After `close` every use fails, as a closed SQLite pool's does (the connection
  /// itself ends when the store is released).
  func close() {
    lock.lock()
    defer { lock.unlock() }
    closed = true
  }

  private func checkOpen() throws {
    if closed { throw PostgresError.connectionLost(detail: "the store was closed") }
  }

  /// A read-only transaction with one snapshot for all its statements (allowed on a
  /// hot standby, so the kiosk and reports run on a replica).
  func read<T>(_ body: (PGConnection) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    try checkOpen()
    return try connection.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
      try body(connection)
    }
  }

  /// A write transaction that first takes the audit chain's advisory lock (every
  /// audited write takes it anyway, at its first audit row), so writers queue at BEGIN
  /// as SQLite's IMMEDIATE transactions do. Under READ COMMITTED a write then reads the
  /// last committed version of a row: without the lock two clients could both pass the
  /// stale-version check and the second overwrite the first (Tests/e2e/clients.sh).
  func write<T>(_ body: (PGConnection) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    try checkOpen()
    return try connection.transaction {
      try connection.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.auditLockKey))")
      return try body(connection)
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
