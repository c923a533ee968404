import Foundation
import GRDB

/// A value read from or bound to a statement, the same on both backends: SQLite's
/// storage classes, which the PostgreSQL schema mirrors (bigint, double precision,
/// text, bytea; a boolean result reads as 1 or 0, as SQLite returns it).
enum SQLValue: Hashable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob(Data)

  var isNull: Bool { self == .null }

  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let v): self = .integer(v)
    case .double(let v): self = .real(v)
    case .string(let v): self = .text(v)
    case .blob(let v): self = .blob(v)
    }
  }

  var databaseValue: DatabaseValue {
    switch self {
    case .null: return .null
    case .integer(let v): return v.databaseValue
    case .real(let v): return v.databaseValue
    case .text(let v): return v.databaseValue
    case .blob(let v): return v.databaseValue
    }
  }
}

/// A Swift value stored in a column and read back from one. Reading is strict about
/// the storage class (text is not parsed as a number), apart from a whole REAL
/// reading as an integer, which PostgreSQL's `sum` of bigints (numeric) needs.
protocol SQLValueConvertible: Sendable {
  var sqlValue: SQLValue { get }
  static func fromSQL(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLValueConvertible {
  var sqlValue: SQLValue { self }
  static func fromSQL(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(self) }
  static func fromSQL(_ value: SQLValue) -> Int64? {
    switch value {
    case .integer(let v): return v
    case .real(let v): return Int64(exactly: v)
    default: return nil
    }
  }
}

extension Int: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(Int64(self)) }
  static func fromSQL(_ value: SQLValue) -> Int? { Int64.fromSQL(value).flatMap { Int(exactly: $0) } }
}

extension Int32: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(Int64(self)) }
  static func fromSQL(_ value: SQLValue) -> Int32? { Int64.fromSQL(value).flatMap { Int32(exactly: $0) } }
}

extension Double: SQLValueConvertible {
  var sqlValue: SQLValue { .real(self) }
  static func fromSQL(_ value: SQLValue) -> Double? {
    switch value {
    case .integer(let v): return Double(v)
    case .real(let v): return v
    default: return nil
    }
  }
}

extension Bool: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(self ? 1 : 0) }
  static func fromSQL(_ value: SQLValue) -> Bool? {
    switch value {
    case .integer(let v): return v != 0
    case .real(let v): return v != 0
    default: return nil
    }
  }
}

extension String: SQLValueConvertible {
  var sqlValue: SQLValue { .text(self) }
  static func fromSQL(_ value: SQLValue) -> String? {
    if case .text(let v) = value { return v }
    return nil
  }
}

extension Data: SQLValueConvertible {
  var sqlValue: SQLValue { .blob(self) }
  static func fromSQL(_ value: SQLValue) -> Data? {
    switch value {
    case .blob(let v): return v
    case .text(let v): return Data(v.utf8)
    default: return nil
    }
  }
}

/// The values bound to a statement's `?` placeholders, in order.
struct SQLArguments: ExpressibleByArrayLiteral, Sendable {
  var values: [SQLValue]

  init(_ values: [(any SQLValueConvertible)?]) { self.values = values.map { $0?.sqlValue ?? .null } }
  init(_ values: [any SQLValueConvertible]) { self.values = values.map(\.sqlValue) }
  init(values: [SQLValue]) { self.values = values }
  init(arrayLiteral elements: (any SQLValueConvertible)?...) { self.init(elements) }

  static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
    SQLArguments(values: lhs.values + rhs.values)
  }
  static func += (lhs: inout SQLArguments, rhs: SQLArguments) { lhs.values += rhs.values }

  var grdb: StatementArguments { StatementArguments(values.map(\.databaseValue)) }
}
