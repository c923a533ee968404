import Foundation
import GRDB

/// The PostgreSQL side of `StoreCopy`. Values travel as PostgreSQL's text format and
/// are typed by the column's declared type (bigint, double precision, text, bytea:
/// the types `PostgresSchema` maps SQLite's storage classes to).
final class PostgresTables: CopyWriter {
  let conn: PGConnection
  private var types: [String: [String: String]] = [:]

  init(_ conn: PGConnection) throws {
    self.conn = conn
    try conn.execute("SET bytea_output = 'hex'")
  }

  /// Runs `body` on one consistent snapshot of the database (read-only).
  static func snapshot<T>(_ conn: PGConnection, _ body: (PostgresTables) throws -> T) throws -> T {
    let tables = try PostgresTables(conn)
    return try conn.transaction {
      try conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
      return try body(tables)
    }
  }

  /// Fills a database set up with `setup-server`, as its owner, in one transaction:
  /// the tables' own triggers are off meanwhile (`DISABLE TRIGGER USER`, allowed to
  /// the tables' owner; foreign keys stay checked), so audit rows keep their ids,
  /// times, actors and hashes instead of being chained anew, and the tallies are
  /// copied as they are. Identity sequences then continue after the copied ids.
  static func fill(_ target: String, from reader: some CopyReader) throws -> StoreCopy.Report {
    let conn = try PGConnection(target)
    let database = conn.databaseName()
    try StoreCopy.checkVersion(try PostgresSetup.schemaVersion(conn), side: database, notSetUp: true)
    let user = try conn.sessionUser()
    let owner =
      try conn.scalar(
        "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = current_database()"
      ) ?? ""
    guard owner == user else { throw StoreCopyError.notOwner(user: user, database: database, owner: owner) }
    let tables = try PostgresTables(conn)
    return try conn.transaction {
      // Copies into one database queue behind each other, and ahead of the chain's
      // writers (the chain trigger takes the same lock).
      try conn.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.auditLockKey))")
      try StoreCopy.checkEmpty(tables, owner: try conn.quoteLiteral(owner))
      for table in StoreCopy.tables {
        try conn.execute("ALTER TABLE \(quotedName(table)) DISABLE TRIGGER USER")
      }
      let counts = try StoreCopy.fill(tables, from: reader)
      for table in StoreCopy.tables {
        try conn.execute("ALTER TABLE \(quotedName(table)) ENABLE TRIGGER USER")
        for column in try tables.identityColumns(table) {
          try conn.execute(
            "SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(\(quotedName(column))), 0) + 1, false) "
              + "FROM \(quotedName(table))", ["public." + quotedName(table), column])
        }
      }
      var recorded: String?
      if try conn.scalar("SELECT count(*) FROM \"user\" WHERE name = session_user") == "0" {
        try conn.execute("SELECT gongzhi_record_user(session_user, 'admin')")
        recorded = owner
      }
      return StoreCopy.Report(tables: counts, ownerRecorded: recorded)
    }
  }

  /// Column name → declared type, in table order.
  private func columnTypes(_ table: String) throws -> [(name: String, type: String)] {
    try conn.execute(
      "SELECT column_name, data_type FROM information_schema.columns "
        + "WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position", [table]
    ).rows.map { (try $0.string("column_name"), try $0.string("data_type")) }
  }

  private func type(_ table: String, _ column: String) throws -> String {
    if types[table] == nil {
      types[table] = Dictionary(uniqueKeysWithValues: try columnTypes(table).map { ($0.name, $0.type) })
    }
    guard let type = types[table]?[column] else { throw PostgresError.missingColumn(column) }
    return type
  }

  private func identityColumns(_ table: String) throws -> [String] {
    try conn.execute(
      "SELECT column_name FROM information_schema.columns "
        + "WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'YES'", [table]
    ).rows.map { try $0.string("column_name") }
  }

  func columns(_ table: String) throws -> [String] { try columnTypes(table).map(\.name) }

  func rows(_ table: String, columns: [String]) throws -> [[DatabaseValue]] {
    let types = try columns.map { try type(table, $0) }
    let result = try conn.execute(
      "SELECT \(columns.map(quotedName).joined(separator: ", ")) FROM \(quotedName(table))")
    return try result.rows.map { row in
      try zip(row.values, zip(columns, types)).map { text, column in
        try Self.value(text, type: column.1, column: column.0)
      }
    }
  }

  func count(_ table: String, except: String?) throws -> Int {
    let condition = except.map { " WHERE NOT (\($0))" } ?? ""
    return Int(try conn.scalar("SELECT count(*) FROM \(quotedName(table))\(condition)") ?? "0") ?? 0
  }

  func clear(_ table: String) throws { try conn.execute("DELETE FROM \(quotedName(table))") }

  /// Rows go in batches of one multi-row INSERT each (a statement per row would be a
  /// round trip per row), parents before children within a self-referencing table.
  func insert(_ table: String, columns: [String], rows: [[DatabaseValue]]) throws {
    guard !rows.isEmpty else { return }
    let ordered =
      try selfReference(table).map { reference in
        Self.parentsFirst(
          rows, key: columns.firstIndex(of: reference.key)!, parent: columns.firstIndex(of: reference.parent)!
        )
      } ?? rows
    let casts = try columns.map { try type(table, $0) }
    let head = "INSERT INTO \(quotedName(table)) (\(columns.map(quotedName).joined(separator: ", "))) VALUES "
    let perBatch = max(1, 20_000 / columns.count)
    var start = 0
    while start < ordered.count {
      let batch = ordered[start..<min(start + perBatch, ordered.count)]
      var tuples: [String] = []
      var parameters: [(any PGParameter)?] = []
      for row in batch {
        let base = parameters.count
        tuples.append(
          "(" + casts.indices.map { "$\(base + $0 + 1)::\(casts[$0])" }.joined(separator: ", ") + ")")
        parameters += row.map(Self.text)
      }
      try conn.execute(head + tuples.joined(separator: ", "), parameters)
      start += perBatch
    }
  }

  /// The column of `table` that references the table's own key (org_unit.parent_id).
  private func selfReference(_ table: String) throws -> (key: String, parent: String)? {
    guard
      let row = try conn.execute(
        """
        SELECT a.attname AS parent, r.attname AS key FROM pg_catalog.pg_constraint c
          JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_catalog.pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid = c.confrelid AND c.conrelid = $1::regclass
        """, ["public." + quotedName(table)]
      ).rows.first
    else { return nil }
    return (try row.string("key"), try row.string("parent"))
  }

  /// Rows ordered so that a row's parent comes before it (breadth first from the rows
  /// without a parent among them); rows in a cycle come last, for the server to refuse.
  static func parentsFirst(_ rows: [[DatabaseValue]], key: Int, parent: Int) -> [[DatabaseValue]] {
    let keys = Set(rows.map { $0[key] })
    var children: [DatabaseValue: [Int]] = [:]
    var queue: [Int] = []
    for (i, row) in rows.enumerated() {
      if row[parent].isNull || !keys.contains(row[parent]) {
        queue.append(i)
      } else {
        children[row[parent], default: []].append(i)
      }
    }
    var next = 0
    while next < queue.count {
      queue += children.removeValue(forKey: rows[queue[next]][key]) ?? []
      next += 1
    }
    let placed = Set(queue)
    return queue.map { rows[$0] } + rows.indices.filter { !placed.contains($0) }.map { rows[$0] }
  }

  /// A PostgreSQL text value as the storage class SQLite keeps for the column's type.
  static func value(_ text: String?, type: String, column: String) throws -> DatabaseValue {
    guard let text else { return .null }
    switch type {
    case "bigint", "integer", "smallint":
      guard let value = Int64(text) else { throw PostgresError.badValue(column: column, value: text) }
      return value.databaseValue
    case "double precision", "real":
      switch text {
      case "NaN": return Double.nan.databaseValue
      case "Infinity": return Double.infinity.databaseValue
      case "-Infinity": return (-Double.infinity).databaseValue
      default:
        guard let value = Double(text) else { throw PostgresError.badValue(column: column, value: text) }
        return value.databaseValue
      }
    case "bytea":
      guard let bytes = hexBytes(text) else { throw PostgresError.badValue(column: column, value: "bytea") }
      return Data(bytes).databaseValue
    default:
      return text.databaseValue
    }
  }

  /// A value in PostgreSQL's text format (bytea as `\x` hex), nil for NULL.
  static func text(_ value: DatabaseValue) -> (any PGParameter)? {
    switch value.storage {
    case .null: return nil
    case .int64(let v): return v
    case .double(let v): return v
    case .string(let v): return v
    case .blob(let v):
      let digits = Array("0123456789abcdef".utf8)
      var hex: [UInt8] = Array("\\x".utf8)
      hex.reserveCapacity(2 + v.count * 2)
      for byte in v { hex += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
      return String(decoding: hex, as: UTF8.self)
    }
  }

  private static func hexBytes(_ text: String) -> [UInt8]? {
    guard text.hasPrefix("\\x") else { return nil }
    let digits = Array(text.utf8.dropFirst(2))
    guard digits.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case 48...57: return c - 48
      case 97...102: return c - 87
      case 65...70: return c - 55
      default: return nil
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var i = 0
    while i < digits.count {
      guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
      bytes.append(high << 4 | low)
      i += 2
    }
    return bytes
  }
}
