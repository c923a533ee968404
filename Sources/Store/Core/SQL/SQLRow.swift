import Foundation
import GRDB

/// One result row, read by column name (or by a position found by name once per
/// statement, `ColumnPositions`). On SQLite it wraps GRDB's row without copying; on
/// PostgreSQL it holds the values converted from libpq's result.
struct SQLRow {
  enum Storage {
    case sqlite(GRDB.Row)
    case postgres(values: [SQLValue], columns: PGColumns)
  }
  let storage: Storage

  /// The value of `column`; `.null` when the row has no such column.
  func value(_ column: String) -> SQLValue {
    switch storage {
    case .sqlite(let row):
      guard let value = row[column] as DatabaseValue? else { return .null }
      return SQLValue(value)
    case .postgres(let values, let columns):
      guard let index = columns.index[column] else { return .null }
      return values[index]
    }
  }

  /// The result's column names, in result order.
  var columnNames: [String] {
    switch storage {
    case .sqlite(let row): return Array(row.columnNames)
    case .postgres(_, let columns): return columns.names
    }
  }

  func value(at index: Int) -> SQLValue {
    switch storage {
    case .sqlite(let row): return SQLValue(row[index] as DatabaseValue)
    case .postgres(let values, _): return values[index]
    }
  }

  /// The column's value; nil for NULL (and for a value of another type, which the
  /// schema rules out).
  subscript<T: SQLValueConvertible>(_ column: String) -> T? { T.fromSQL(value(column)) }

  /// The column's value, which must not be NULL: a NULL in a NOT NULL column is a
  /// programming error, as in GRDB.
  subscript<T: SQLValueConvertible>(_ column: String) -> T {
    let v = value(column)
    guard let decoded = T.fromSQL(v) else {
      preconditionFailure("column \(column): cannot read \(v) as \(T.self)")
    }
    return decoded
  }

  subscript<T: SQLValueConvertible>(_ index: Int) -> T? { T.fromSQL(value(at: index)) }

  subscript<T: SQLValueConvertible>(_ index: Int) -> T {
    let v = value(at: index)
    guard let decoded = T.fromSQL(v) else {
      preconditionFailure("column \(index): cannot read \(v) as \(T.self)")
    }
    return decoded
  }
}

/// The column names of a PostgreSQL result, shared by its rows.
final class PGColumns: Sendable {
  let names: [String]
  let index: [String: Int]
  init(_ names: [String]) {
    self.names = names
    var index: [String: Int] = [:]
    for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
    self.index = index
  }
}
