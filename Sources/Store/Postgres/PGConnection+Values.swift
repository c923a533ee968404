import CLibpq
import Foundation

/// Typed statements for the repositories (`SQLDatabase`): parameters and results as
/// `SQLValue`s. Integers and reals are sent with their types (bigint, double
/// precision), so `? IS NULL` and arithmetic on a parameter type-check; text is
/// sent untyped and takes the type its context gives it. Result columns are read by
/// their type: integers, reals (numeric too), booleans as 1/0, bytea, the rest text.
extension PGConnection {
  struct ValueResult {
    let columns: PGColumns
    let rows: [[SQLValue]]
  }

  func query(_ sql: String, _ values: [SQLValue]) throws -> ValueResult {
    try settleStream()
    StatementCounter.record(sql)
    let parameters = Self.parameters(values)
    let result = Self.withParameters(parameters) { types, texts, lengths, formats in
      PQexecParams(handle, sql, Int32(parameters.count), types, texts, lengths, formats, 0)
    }
    guard let result else {
      throw PostgresError.connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    defer { PQclear(result) }
    try check(result)
    let (columns, types) = Self.columns(of: result)
    let rows = (0..<PQntuples(result)).map { r in Self.row(result, r, types) }
    return ValueResult(columns: columns, rows: rows)
  }

  /// Runs `sql` and hands its rows to `body` one at a time (libpq's single-row mode),
  /// so a long result is never held whole.
  func forEachRow(
    _ sql: String, _ values: [SQLValue], _ body: ([SQLValue], PGColumns) throws -> Void
  ) throws {
    try settleStream()
    StatementCounter.record(sql)
    let parameters = Self.parameters(values)
    let sent = Self.withParameters(parameters) { types, texts, lengths, formats in
      PQsendQueryParams(handle, sql, Int32(parameters.count), types, texts, lengths, formats, 0)
    }
    guard sent == 1 else {
      throw PostgresError.connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    PQsetSingleRowMode(handle)
    var failure: Error? = nil
    var columns: PGColumns? = nil
    var types: [Oid] = []
    while let result = PQgetResult(handle) {
      defer { PQclear(result) }
      if failure != nil { continue }  // drain what is left after an error
      if PQresultStatus(result) == PGRES_SINGLE_TUPLE {
        if columns == nil { (columns, types) = Self.columns(of: result) }
        do { try body(Self.row(result, 0, types), columns!) } catch { failure = error }
      } else {
        do { try check(result) } catch { failure = error }
      }
    }
    if let failure { throw failure }
  }

  /// The result column names of `sql`, without running it (asked once per statement
  /// text: the answer does not change while the schema does not).
  func describe(_ sql: String) throws -> [String] {
    if let names = Self.described.withLock({ $0[sql] }) { return names }
    let names = try describeOnServer(sql)
    Self.described.withLock { $0[sql] = names }
    return names
  }

  private static let described = Locked<[String: [String]]>([:])

  private func describeOnServer(_ sql: String) throws -> [String] {
    try settleStream()
    // Not a statement the screen asked for ("--" does not count), but two exchanges.
    StatementCounter.record("-- describe", roundTrips: 2)
    guard let prepared = PQprepare(handle, "", sql, 0, nil) else {
      throw PostgresError.connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    defer { PQclear(prepared) }
    try check(prepared)
    guard let described = PQdescribePrepared(handle, "") else {
      throw PostgresError.connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
    }
    defer { PQclear(described) }
    try check(described)
    return Self.columns(of: described).0.names
  }

  private static let int8: Oid = 20
  private static let float8: Oid = 701
  private static let bytea: Oid = 17

  fileprivate static func parameters(_ values: [SQLValue]) -> [(type: Oid, text: String?)] {
    values.map { value in
      switch value {
      case .null: return (0, nil)
      case .integer(let v): return (int8, String(v))
      case .real(let v): return (float8, v.pgText)
      case .text(let v): return (0, v)
      case .blob(let v): return (bytea, "\\x" + v.map { String(format: "%02x", $0) }.joined())
      }
    }
  }

  fileprivate static func withParameters<R>(
    _ parameters: [(type: Oid, text: String?)],
    _ body: (
      UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?
    ) -> R
  ) -> R {
    let types = parameters.map(\.type)
    let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.text.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return types.withUnsafeBufferPointer { t in
      pointers.withUnsafeBufferPointer { p in body(t.baseAddress, p.baseAddress, nil, nil) }
    }
  }

  fileprivate static func columns(of result: OpaquePointer) -> (PGColumns, [Oid]) {
    let count = PQnfields(result)
    let names = (0..<count).map { String(cString: PQfname(result, $0)) }
    return (PGColumns(names), (0..<count).map { PQftype(result, $0) })
  }

  fileprivate static func row(_ result: OpaquePointer, _ r: Int32, _ types: [Oid]) -> [SQLValue] {
    types.indices.map { c in
      let column = Int32(c)
      if PQgetisnull(result, r, column) == 1 { return .null }
      let text = String(cString: PQgetvalue(result, r, column))
      switch types[c] {
      case 20, 21, 23, 26: return Int64(text).map(SQLValue.integer) ?? .text(text)
      // `sum` of bigints is numeric: a whole one reads as an integer, as SQLite's sum
      // of integers is one.
      case 1700 where Int64(text) != nil: return .integer(Int64(text)!)
      case 700, 701, 1700:
        switch text {
        case "NaN": return .real(.nan)
        case "Infinity": return .real(.infinity)
        case "-Infinity": return .real(-.infinity)
        default: return Double(text).map(SQLValue.real) ?? .text(text)
        }
      case 16: return .integer(text == "t" ? 1 : 0)
      case 17: return .blob(decodeBytea(text))
      default: return .text(text)
      }
    }
  }

  /// bytea's hex output (`\x0a1b…`).
  fileprivate static func decodeBytea(_ text: String) -> Data {
    var bytes = Data()
    let digits = Array(text.utf8.dropFirst(2))
    bytes.reserveCapacity(digits.count / 2)
    var i = 0
    while i + 1 < digits.count {
      func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
      bytes.append(nibble(digits[i]) << 4 | nibble(digits[i + 1]))
      i += 2
    }
    return bytes
  }
}

/// A `COPY … FROM STDIN` on a connection, started by the first `put`. Until `end`,
/// the connection runs nothing else; one dropped unfinished (an import that failed
/// half-way) is ended as failed, so the transaction's rollback can run.
final class PGCopyIn {
  private let connection: PGConnection
  private let sql: String
  private var started = false

  init(_ connection: PGConnection, _ sql: String) {
    self.connection = connection
    self.sql = sql
  }

  deinit {
    if started { _ = try? finish(failure: "import abandoned") }
  }

  func put(_ bytes: [UInt8]) throws {
    if !started {
      try connection.settleStream()
      StatementCounter.record(sql)
      guard let result = PQexec(connection.handle, sql) else { throw connection.lostError() }
      defer { PQclear(result) }
      guard PQresultStatus(result) == PGRES_COPY_IN else {
        try connection.check(result)
        throw PostgresError.unexpected("COPY did not start")
      }
      started = true
    }
    let sent = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        PQputCopyData(connection.handle, $0, Int32(buffer.count))
      }
    }
    guard sent == 1 else { throw connection.lostError() }
  }

  /// Ends the COPY; the server's verdict on the rows is its result.
  func end() throws {
    guard started else { return }
    try finish(failure: nil)
  }

  private func finish(failure: String?) throws {
    started = false
    guard PQputCopyEnd(connection.handle, failure) == 1 else { throw connection.lostError() }
    var refusal: Error? = nil
    while let result = PQgetResult(connection.handle) {
      defer { PQclear(result) }
      do { try connection.check(result) } catch { refusal = refusal ?? error }
    }
    if let refusal { throw refusal }
  }
}

extension PGConnection {
  func lostError() -> PostgresError {
    .connectionLost(detail: Self.oneLine(String(cString: PQerrorMessage(handle))))
  }
}

/// The rows of one statement read one at a time in libpq's single-row mode (for
/// `SQLCursor`), so a long result such as the audit log is never held whole. While it
/// is open the connection is busy: any other statement on the connection first reads
/// the rest of it into memory (`PGConnection.settleStream`), so cursors can still be
/// interleaved with other statements as on SQLite, at the cost of holding that rest.
final class PGRowStream {
  private let connection: PGConnection
  private var buffered: [[SQLValue]] = []
  private var position = 0
  private var streaming = true
  private(set) var columns = PGColumns([])
  private var types: [Oid] = []

  init(_ connection: PGConnection, sql: String, values: [SQLValue]) throws {
    self.connection = connection
    try connection.settleStream()
    StatementCounter.record(sql)
    let parameters = PGConnection.parameters(values)
    let sent = PGConnection.withParameters(parameters) { types, texts, lengths, formats in
      PQsendQueryParams(connection.handle, sql, Int32(parameters.count), types, texts, lengths, formats, 0)
    }
    guard sent == 1 else { throw connection.lostError() }
    PQsetSingleRowMode(connection.handle)
    connection.activeStream = self
  }

  deinit {
    // Dropped before its end (a verification that stopped at the first break): the
    // rest must still be read off the connection before it can run anything else.
    if streaming { drain() }
  }

  /// The next row, or nil after the last.
  func next() throws -> [SQLValue]? {
    if position < buffered.count {
      defer {
        position += 1
        if position == buffered.count { (buffered, position) = ([], 0) }
      }
      return buffered[position]
    }
    return try streamed()
  }

  /// Reads every row left into memory, so the connection can run another statement.
  func settle() throws {
    while let row = try streamed() { buffered.append(row) }
  }

  private func streamed() throws -> [SQLValue]? {
    while streaming {
      guard let result = PQgetResult(connection.handle) else {
        finish()
        return nil
      }
      defer { PQclear(result) }
      if PQresultStatus(result) == PGRES_SINGLE_TUPLE {
        if types.isEmpty { (columns, types) = PGConnection.columns(of: result) }
        return PGConnection.row(result, 0, types)
      }
      do {
        try connection.check(result)
      } catch {
        drain()
        throw error
      }
    }
    return nil
  }

  private func drain() {
    while let result = PQgetResult(connection.handle) { PQclear(result) }
    finish()
  }

  private func finish() {
    streaming = false
    if connection.activeStream === self { connection.activeStream = nil }
  }
}

extension PGConnection {
  /// Reads the rest of an open row stream into memory before the connection runs
  /// another statement (see `PGRowStream`).
  func settleStream() throws {
    guard let stream = activeStream else { return }
    try stream.settle()
  }
}
