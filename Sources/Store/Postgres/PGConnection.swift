import CLibpq
import Foundation

/// One synchronous connection to a PostgreSQL server through libpq, the server's own
/// C client: the target is a `postgresql://` URL or a `key=value` conninfo string,
/// and libpq itself reads the environment (`PGHOST`, `PGUSER`, `PGPASSWORD`…),
/// `~/.pgpass` and `sslmode`, so the program is configured like `psql`.
///
/// Statements run with `PQexecParams` (parameters as text, `$1`, `$2`…; the server
/// infers their types), so values never become SQL text. Results are copied out and
/// read by column name (`PGRow`). Not shareable between threads (like a libpq
/// connection): each thread or task opens its own.
public final class PGConnection {
  let handle: OpaquePointer
  private var inTransaction = false
  /// The row stream reading its result, while one is (see `PGRowStream`).
  weak var activeStream: PGRowStream?

  /// Connects, or throws `PostgresError.connect` with libpq's reason (which never
  /// holds the password).
  public init(_ target: String) throws {
    // expand_dbname = 1: `dbname` may itself be a URL or conninfo string; the other
    // keywords are fallbacks it can override.
    let keywords = ["dbname", "fallback_application_name", "client_encoding"]
    let values = [target, "gongzhi", "UTF8"]
    let conn = Self.withCStrings(keywords) { k in
      Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
    }
    guard let conn else { throw PostgresError.connect(detail: "out of memory") }
    guard PQstatus(conn) == CONNECTION_OK else {
      let detail = Self.oneLine(String(cString: PQerrorMessage(conn)))
      PQfinish(conn)
      throw PostgresError.connect(detail: detail)
    }
    handle = conn
    // Notices (e.g. "relation already exists, skipping") would go to stderr from
    // libpq's default processor, bypassing App.Output: drop them.
    PQsetNoticeReceiver(handle, { _, _ in }, nil)
  }

  deinit { PQfinish(handle) }

  /// Whether `target` names a PostgreSQL database rather than an SQLite file: a
  /// `postgresql://` or `postgres://` URL, or a string libpq parses as conninfo
  /// (only known keywords, e.g. `host=db1 dbname=gongzhi`; `a=b.db` is a file).
  public static func isTarget(_ target: String) -> Bool {
    let lower = target.lowercased()
    if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") { return true }
    guard target.contains("=") else { return false }
    var error: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(target, &error) else {
      if let error { PQfreemem(error) }
      return false
    }
    PQconninfoFree(options)
    return true
  }

  /// `target` (URL or conninfo) as a conninfo string with some settings replaced,
  /// e.g. another `dbname` or `user` on the same server; nil when libpq cannot parse it.
  public static func conninfo(_ target: String, overriding: [String: String]) -> String? {
    var error: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(target, &error) else {
      if let error { PQfreemem(error) }
      return nil
    }
    defer { PQconninfoFree(options) }
    var settings: [(String, String)] = []
    var option = options
    while let keyword = option.pointee.keyword {
      let key = String(cString: keyword)
      if overriding[key] == nil, let value = option.pointee.val {
        settings.append((key, String(cString: value)))
      }
      option += 1
    }
    settings += overriding.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    return settings.map { key, value in
      let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "'", with: "\\'")
      return "\(key)='\(escaped)'"
    }.joined(separator: " ")
  }

  /// Runs one statement with text parameters and returns its rows (none for a
  /// command). Throws `PostgresError.server` with the SQLSTATE on failure.
  @discardableResult
  public func execute(_ sql: String, _ parameters: [(any PGParameter)?] = []) throws -> PGResult {
    try settleStream()
    StatementCounter.record(sql)
    let texts = parameters.map { $0?.pgText }
    let result = Self.withOptionalCStrings(texts) { values in
      PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
    }
    return try consume(result)
  }

  /// Runs several `;`-separated statements without parameters (a schema script), in
  /// one implicit transaction unless the script manages its own.
  public func executeScript(_ sql: String) throws {
    try settleStream()
    StatementCounter.record(sql)
    try consume(PQexec(handle, sql))
  }

  /// The rows of `sql` decoded as `T`.
  public func fetch<T: PGRowDecodable>(
    _ type: T.Type, _ sql: String, _ parameters: [(any PGParameter)?] = []
  ) throws -> [T] {
    try execute(sql, parameters).rows.map(T.init(row:))
  }

  /// The first column of the first row, as text (nil when there is no row or it is NULL).
  public func scalar(_ sql: String, _ parameters: [(any PGParameter)?] = []) throws -> String? {
    let result = try execute(sql, parameters)
    guard let row = result.rows.first, !result.columns.isEmpty else { return nil }
    return row.values[0]
  }

  /// Runs `body` in a transaction: committed when it returns, rolled back when it
  /// throws. Not nestable (a nested call is a programming error, reported as such).
  @discardableResult
  public func transaction<T>(begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
    guard !inTransaction else { throw PostgresError.unexpected("nested transaction") }
    try execute(begin)
    inTransaction = true
    defer { inTransaction = false }
    do {
      let value = try body()
      try execute("COMMIT")
      return value
    } catch {
      _ = try? execute("ROLLBACK")
      throw error
    }
  }

  /// The login this connection authenticated as: the acting user on PostgreSQL.
  public func sessionUser() throws -> String {
    guard let name = try scalar("SELECT session_user") else {
      throw PostgresError.unexpected("no session_user")
    }
    return name
  }

  /// The database as it may be shown: `postgresql://USER@HOST:PORT/DB`, never with
  /// the password (a URL target may carry one).
  public func displayName() -> String {
    let user = String(cString: PQuser(handle))
    let host = PQhost(handle).map { String(cString: $0) } ?? ""
    let port = PQport(handle).map { String(cString: $0) } ?? ""
    return "postgresql://\(user)@\(host)\(port.isEmpty ? "" : ":" + port)/\(databaseName())"
  }

  /// The name of the connected database.
  public func databaseName() -> String { String(cString: PQdb(handle)) }

  /// `password` hashed for `CREATE ROLE … PASSWORD` with SCRAM-SHA-256, computed here
  /// so the cleartext never reaches the server (nor its statement log).
  public func encryptPassword(_ password: String, user: String) throws -> String {
    guard let hashed = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else {
      throw PostgresError.unexpected(Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    defer { PQfreemem(hashed) }
    return String(cString: hashed)
  }

  /// `name` as a quoted SQL identifier (for role names, which cannot be parameters).
  public func quoteIdentifier(_ name: String) throws -> String {
    try escaped(name, PQescapeIdentifier)
  }

  /// `text` as a quoted SQL string literal (for utility statements such as `CREATE
  /// ROLE … PASSWORD`, which take no parameters).
  public func quoteLiteral(_ text: String) throws -> String {
    try escaped(text, PQescapeLiteral)
  }

  private func escaped(
    _ text: String, _ escape: (OpaquePointer?, UnsafePointer<CChar>?, Int) -> UnsafeMutablePointer<CChar>?
  ) throws -> String {
    let quoted = text.withCString { escape(handle, $0, strlen($0)) }
    guard let quoted else {
      throw PostgresError.unexpected(Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    defer { PQfreemem(quoted) }
    return String(cString: quoted)
  }

  @discardableResult
  private func consume(_ result: OpaquePointer?) throws -> PGResult {
    guard let result else {
      throw PostgresError.connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    defer { PQclear(result) }
    try check(result)
    if PQresultStatus(result) == PGRES_TUPLES_OK { return PGResult(copying: result) }
    return PGResult(columns: [], rows: [])
  }

  /// Throws the server's error when `result` is one.
  func check(_ result: OpaquePointer) throws {
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE: return
    default:
      let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
      let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
      guard let state else {
        // No SQLSTATE: the connection broke rather than the statement failing.
        throw PostgresError.connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
      }
      throw PostgresError.server(sqlState: state, message: Self.oneLine(message ?? ""))
    }
  }

  /// libpq's messages end with a newline and may span lines; a message is one line.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }

  private static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
  ) -> R {
    withOptionalCStrings(strings) { body($0) }
  }

  /// A NULL-terminated C array of the strings (nil entries are NULL pointers).
  private static func withOptionalCStrings<R>(
    _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
  ) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

/// A value sent as a statement parameter, in PostgreSQL's text format.
public protocol PGParameter {
  var pgText: String { get }
}

extension String: PGParameter { public var pgText: String { self } }
extension Int: PGParameter { public var pgText: String { String(self) } }
extension Int64: PGParameter { public var pgText: String { String(self) } }
extension Double: PGParameter {
  /// Shortest text that reads back as the same double (PostgreSQL accepts "NaN" and
  /// "Infinity" too, which Swift spells "nan" and "inf").
  public var pgText: String {
    if isNaN { return "NaN" }
    if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
    return "\(self)"
  }
}
extension Bool: PGParameter { public var pgText: String { self ? "true" : "false" } }

/// The rows of a query, copied out of libpq's result (which is then freed).
public struct PGResult: Sendable {
  /// Column names in result order.
  public let columns: [String]
  public let rows: [PGRow]

  init(columns: [String], rows: [PGRow]) {
    self.columns = columns
    self.rows = rows
  }

  fileprivate init(copying result: OpaquePointer) {
    let columnCount = PQnfields(result)
    let names = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
    var index: [String: Int] = [:]
    for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
    let layout = PGRow.Layout(index: index)
    rows = (0..<PQntuples(result)).map { r in
      PGRow(
        layout: layout,
        values: (0..<columnCount).map { c in
          PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c))
        })
    }
    columns = names
  }
}

/// One result row, read by column name. Typed getters throw
/// `PostgresError.missingColumn` / `.badValue` rather than trap.
public struct PGRow: Sendable {
  final class Layout: Sendable {
    let index: [String: Int]
    init(index: [String: Int]) { self.index = index }
  }
  let layout: Layout
  /// Values in column order, as PostgreSQL's text format; nil is SQL NULL.
  public let values: [String?]

  /// The column's text, nil for NULL.
  public func optionalString(_ column: String) throws -> String? {
    guard let i = layout.index[column] else { throw PostgresError.missingColumn(column) }
    return values[i]
  }

  public func string(_ column: String) throws -> String {
    guard let text = try optionalString(column) else {
      throw PostgresError.badValue(column: column, value: "NULL")
    }
    return text
  }

  public func optionalInt64(_ column: String) throws -> Int64? {
    guard let text = try optionalString(column) else { return nil }
    guard let value = Int64(text) else { throw PostgresError.badValue(column: column, value: text) }
    return value
  }

  public func int64(_ column: String) throws -> Int64 {
    guard let value = try optionalInt64(column) else {
      throw PostgresError.badValue(column: column, value: "NULL")
    }
    return value
  }

  public func int(_ column: String) throws -> Int { Int(try int64(column)) }

  public func double(_ column: String) throws -> Double {
    let text = try string(column)
    switch text {
    case "NaN": return .nan
    case "Infinity": return .infinity
    case "-Infinity": return -.infinity
    default:
      guard let value = Double(text) else { throw PostgresError.badValue(column: column, value: text) }
      return value
    }
  }

  /// A `boolean` column (text `t`/`f`).
  public func bool(_ column: String) throws -> Bool {
    switch try string(column) {
    case "t": return true
    case "f": return false
    case let other: throw PostgresError.badValue(column: column, value: other)
    }
  }
}

/// A row type read from a query by column name.
public protocol PGRowDecodable {
  init(row: PGRow) throws
}
