import Foundation

/// Many rows into one table by one statement shape (`INSERT INTO t (…) VALUES (…)
/// suffix`): on SQLite one prepared statement per row, which is cheap in-process; on
/// PostgreSQL up to `rowsPerStatement` rows per statement, since each statement there
/// is a round trip to the server. Call `flush` after the last row. The rows of one
/// batch must not repeat an upsert's key (PostgreSQL refuses to update a row twice in
/// one statement).
final class SQLRowBatch {
  private let database: SQLDatabase
  private let head: String
  private let suffix: String
  private let columns: Int
  private let rowsPerStatement: Int
  private var pending: [SQLValue] = []
  private let single: SQLStatement?

  init(
    _ database: SQLDatabase, insert head: String, columns: Int, suffix: String, rowsPerStatement: Int = 500
  )
    throws
  {
    self.database = database
    self.head = head
    self.suffix = suffix
    self.columns = columns
    self.rowsPerStatement = rowsPerStatement
    let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
    single = database.isPostgres ? nil : try database.cachedStatement(sql: "\(head) VALUES \(row) \(suffix)")
  }

  func add(_ arguments: SQLArguments) throws {
    precondition(
      arguments.values.count == columns, "a row of \(arguments.values.count) values for \(columns) columns")
    if let single { return try single.execute(arguments: arguments) }
    pending += arguments.values
    if pending.count >= columns * rowsPerStatement { try flush() }
  }

  func flush() throws {
    guard !pending.isEmpty else { return }
    let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
    let rows = Array(repeating: row, count: pending.count / columns).joined(separator: ", ")
    try database.execute(sql: "\(head) VALUES \(rows) \(suffix)", arguments: SQLArguments(values: pending))
    pending.removeAll(keepingCapacity: true)
  }
}
