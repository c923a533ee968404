import Foundation
import GRDB

/// One connection inside a read or a write transaction (`StoreDB.read`/`write`),
/// on either backend. Statements are written once, in the SQL both backends accept,
/// with `?` placeholders; on PostgreSQL they are translated (`PostgresSQL`). Where
/// the dialects differ a feature asks `isPostgres`.
final class SQLDatabase {
  enum Backend {
    case sqlite(GRDB.Database)
    case postgres(PGConnection)
  }
  let backend: Backend

  init(_ backend: Backend) { self.backend = backend }

  var isPostgres: Bool {
    if case .postgres = backend { return true }
    return false
  }

  /// The SQLite connection, for the SQLite-only paths (the demo's bulk inserts, the
  /// answer import's prepared statement); on PostgreSQL a programming error.
  var sqlite: GRDB.Database {
    guard case .sqlite(let db) = backend else { preconditionFailure("SQLite-only path on PostgreSQL") }
    return db
  }

  /// A subquery of the ids in one JSON array parameter (`[1,2,3]`), so a statement
  /// takes any number of ids.
  var idsFromJSONArray: String {
    isPostgres
      ? "SELECT CAST(value AS bigint) FROM jsonb_array_elements_text(CAST(? AS jsonb))"
      : "SELECT value FROM json_each(?)"
  }

  func execute(sql: String, arguments: SQLArguments = []) throws {
    switch backend {
    case .sqlite(let db): try db.execute(sql: sql, arguments: arguments.grdb)
    case .postgres(let conn): _ = try conn.query(PostgresSQL.translate(sql), arguments.values)
    }
  }

  /// A statement to run several times; on SQLite compiled once per connection.
  func cachedStatement(sql: String) throws -> SQLStatement {
    switch backend {
    case .sqlite(let db):
      return SQLStatement(database: self, sql: sql, sqlite: try db.cachedStatement(sql: sql))
    case .postgres: return SQLStatement(database: self, sql: PostgresSQL.translate(sql), sqlite: nil)
    }
  }

  func makeStatement(sql: String) throws -> SQLStatement { try cachedStatement(sql: sql) }

  /// The id of the row the last INSERT created (PostgreSQL: `lastval()`, the last
  /// identity value this session drew).
  var lastInsertedRowID: Int64 {
    get throws {
      switch backend {
      case .sqlite(let db): return db.lastInsertedRowID
      case .postgres(let conn):
        let result = try conn.query("SELECT lastval()", [])
        guard let id = result.rows.first?.first.flatMap(Int64.fromSQL) else {
          throw PostgresError.unexpected("no inserted row id")
        }
        return id
      }
    }
  }

  func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
    try cachedStatement(sql: sql).rows(arguments: arguments)
  }
}

/// A statement of one connection (see `SQLDatabase.cachedStatement`).
final class SQLStatement {
  let database: SQLDatabase
  let sql: String
  let sqlite: GRDB.Statement?

  init(database: SQLDatabase, sql: String, sqlite: GRDB.Statement?) {
    self.database = database
    self.sql = sql
    self.sqlite = sqlite
  }

  var columnNames: [String] {
    get throws {
      if let sqlite { return sqlite.columnNames }
      guard case .postgres(let conn) = database.backend else { return [] }
      return try conn.describe(sql)
    }
  }

  func execute(arguments: SQLArguments = []) throws {
    if let sqlite { return try sqlite.execute(arguments: arguments.grdb) }
    guard case .postgres(let conn) = database.backend else { return }
    _ = try conn.query(sql, arguments.values)
  }

  func rows(arguments: SQLArguments = []) throws -> [SQLRow] {
    if let sqlite {
      return try GRDB.Row.fetchAll(sqlite, arguments: arguments.grdb).map { SQLRow(storage: .sqlite($0)) }
    }
    guard case .postgres(let conn) = database.backend else { return [] }
    let result = try conn.query(sql, arguments.values)
    return result.rows.map { SQLRow(storage: .postgres(values: $0, columns: result.columns)) }
  }

  /// The rows one at a time: on SQLite stepping the statement (a row is valid until
  /// the next), so a long table is never held whole.
  func forEach(arguments: SQLArguments = [], _ body: (SQLRow) throws -> Void) throws {
    if let sqlite {
      let cursor = try GRDB.Row.fetchCursor(sqlite, arguments: arguments.grdb)
      while let row = try cursor.next() { try body(SQLRow(storage: .sqlite(row))) }
      return
    }
    guard case .postgres(let conn) = database.backend else { return }
    try conn.forEachRow(sql, arguments.values) { values, columns in
      try body(SQLRow(storage: .postgres(values: values, columns: columns)))
    }
  }
}

/// The rows of a statement one at a time: on SQLite the statement is stepped (a row
/// is valid until the next), on PostgreSQL the result streams in libpq's single-row
/// mode (`PGRowStream`), so a long table is never held whole on either.
final class SQLCursor {
  private enum Source {
    case sqlite(GRDB.RowCursor)
    case postgres(PGRowStream)
  }
  private let source: Source

  fileprivate init(_ statement: SQLStatement, arguments: SQLArguments) throws {
    if let sqlite = statement.sqlite {
      source = .sqlite(try GRDB.Row.fetchCursor(sqlite, arguments: arguments.grdb))
    } else if case .postgres(let conn) = statement.database.backend {
      source = .postgres(try PGRowStream(conn, sql: statement.sql, values: arguments.values))
    } else {
      throw PostgresError.unexpected("a statement without its connection")
    }
  }

  func next() throws -> SQLRow? {
    switch source {
    case .sqlite(let cursor): return try cursor.next().map { SQLRow(storage: .sqlite($0)) }
    case .postgres(let stream):
      return try stream.next().map { SQLRow(storage: .postgres(values: $0, columns: stream.columns)) }
    }
  }
}

extension SQLRow {
  static func fetchAll(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
    try db.rows(sql: sql, arguments: arguments)
  }
  static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [SQLRow] {
    try statement.rows(arguments: arguments)
  }
  static func fetchCursor(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> SQLCursor {
    try SQLCursor(db.cachedStatement(sql: sql), arguments: arguments)
  }
  static func fetchCursor(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLCursor {
    try SQLCursor(statement, arguments: arguments)
  }
  static func fetchOne(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
    try db.rows(sql: sql, arguments: arguments).first
  }
  static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRow? {
    try statement.rows(arguments: arguments).first
  }
}

extension SQLValueConvertible {
  /// The first column of the first row; nil when there is no row or it is NULL.
  static func fetchOne(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Self? {
    try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
  }
  static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
    try statement.rows(arguments: arguments).first.flatMap { fromSQL($0.value(at: 0)) }
  }
  /// The first column of every row (NULLs left out).
  static func fetchAll(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [Self] {
    try db.rows(sql: sql, arguments: arguments).compactMap { fromSQL($0.value(at: 0)) }
  }
  static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
    try statement.rows(arguments: arguments).compactMap { fromSQL($0.value(at: 0)) }
  }
}
