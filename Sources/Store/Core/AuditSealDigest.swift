import Crypto
import Foundation

/// The digest of one table's content: its row count and the SHA-256 of its rows'
/// canonical encodings, each length-prefixed, in primary-key order (text keys by their
/// UTF-8 bytes: BINARY on SQLite, COLLATE "C" on PostgreSQL), so one streaming pass
/// along the key's index gives the same digest on both backends and a copied database
/// keeps verifying its seals. A chained hash, not a sum of row hashes: a sum modulo
/// 2^256 does not depend on order, but a forger can match it with chosen rows
/// (Wagner's generalised birthday attack); a chained hash cannot be matched so.
struct TableDigest: Equatable, Sendable {
  var count: Int64 = 0
  var hash: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

  var hex: String { hash.map { String(format: "%02x", $0) }.joined() }

  /// `count:hex`, as a seal's payload lists it.
  var text: String { "\(count):\(hex)" }
}

/// Builds a `TableDigest` row by row.
struct TableHasher {
  private var sha = SHA256()
  private var count: Int64 = 0

  mutating func add(row bytes: [UInt8]) {
    sha.update(data: Array(String(bytes.count).utf8) + [UInt8(ascii: ":")])
    sha.update(data: bytes)
    count += 1
  }

  var digest: TableDigest { TableDigest(count: count, hash: Array(sha.finalize())) }
}

/// Which tables a seal digests, and how. A table in `AuditedTables` is digested over
/// its key and audited columns, exactly what the audit log records, so "no audit row
/// for it since the seal" implies "same digest as sealed". Every other table is
/// digested over all its columns, by name. Left out: the audit log (the seal's chain
/// head covers it), the seals themselves, and what triggers derive from other tables
/// (the tallies; the search index, a full-text table on SQLite).
enum SealedTables {
  static let derived: Set<String> = [
    "member_tally", "proposal_tally", "proposal_search", "audit_log", "audit_seal",
  ]

  /// In a fixed order (by name), so every seal lists them the same way.
  static var names: [String] {
    PostgresSchema.writePermission.map { $0.table.replacingOccurrences(of: "\"", with: "") }
      .filter { !derived.contains($0) }.sorted()
  }

  static func isAudited(_ table: String) -> Bool { AuditedTables.tables.contains { $0.entity == table } }

  /// The primary key of each table that has no `id` column, with whether each column
  /// is text (ordered by its bytes on both backends).
  static let keys: [String: [(column: String, isText: Bool)]] = [
    "gongzhi_meta": [("key", true)],
    "setting": [("key", true)],
    "user": [("name", true)],
    "holiday": [("day", true)],
    "satisfaction_instrument": [("population", true), ("version", false)],
    "satisfaction_target": [("population", true)],
    "satisfaction_result": [("population", true), ("period", true), ("department", true), ("item", true)],
    "satisfaction_rollup": [("population", true), ("month", false), ("department", true), ("item", true)],
    "satisfaction_rollup_hospital": [("population", true), ("month", false), ("item", true)],
  ]

  /// `ORDER BY` the table's primary key, text by its UTF-8 bytes on either backend.
  static func order(_ table: String, postgres: Bool) -> String {
    let key = keys[table] ?? [("id", false)]
    return key.map { column in
      column.isText ? "\(column.column) COLLATE \(postgres ? "\"C\"" : "BINARY")" : column.column
    }.joined(separator: ", ")
  }

  static func digest(_ db: SQLDatabase, table: String) throws -> TableDigest {
    var hasher = TableHasher()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(512)
    let order = order(table, postgres: db.isPostgres)
    if let audited = AuditedTables.tables.first(where: { $0.entity == table }) {
      let columns = [audited.key] + audited.columns
      let cursor = try SQLRow.fetchCursor(
        db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \"\(table)\" ORDER BY \(order)")
      while let row = try cursor.next() {
        bytes.removeAll(keepingCapacity: true)
        for (i, column) in columns.enumerated() {
          put(name: column, into: &bytes)
          put(text: AuditedTables.string(row.value(at: i)), into: &bytes)
        }
        hasher.add(row: bytes)
      }
      return hasher.digest
    }
    let cursor = try SQLRow.fetchCursor(db, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)")
    var columnOrder: [(name: String, index: Int)]?
    while let row = try cursor.next() {
      if columnOrder == nil {
        columnOrder = row.columnNames.enumerated().map { ($1, $0) }.sorted { $0.name < $1.name }
      }
      bytes.removeAll(keepingCapacity: true)
      for column in columnOrder ?? [] {
        put(name: column.name, into: &bytes)
        put(value: row.value(at: column.index), into: &bytes)
      }
      hasher.add(row: bytes)
    }
    return hasher.digest
  }

  private static func put(name: String, into bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "C"))
    putCounted(name.utf8, into: &bytes)
  }

  private static func put(text: String?, into bytes: inout [UInt8]) {
    guard let text else { return bytes.append(UInt8(ascii: "N")) }
    bytes.append(UInt8(ascii: "S"))
    putCounted(text.utf8, into: &bytes)
  }

  /// One value, the same whichever backend stored it: an integral number is written
  /// as an integer (SQLite and PostgreSQL may disagree on which of the two they hold),
  /// any other real by its bit pattern.
  private static func put(value: SQLValue, into bytes: inout [UInt8]) {
    switch value {
    case .null: bytes.append(UInt8(ascii: "N"))
    case .integer(let v): putInteger(v, into: &bytes)
    case .real(let v):
      if v == v.rounded(), abs(v) < 9e15 {
        putInteger(Int64(v), into: &bytes)
      } else {
        bytes.append(UInt8(ascii: "R"))
        bytes.append(contentsOf: String(v.bitPattern, radix: 16).utf8)
        bytes.append(UInt8(ascii: ";"))
      }
    case .text(let s): put(text: s, into: &bytes)
    case .blob(let d):
      bytes.append(UInt8(ascii: "B"))
      putCounted(d, into: &bytes)
    }
  }

  private static func putInteger(_ v: Int64, into bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "I"))
    bytes.append(contentsOf: String(v).utf8)
    bytes.append(UInt8(ascii: ";"))
  }

  private static func putCounted(_ content: some Collection<UInt8>, into bytes: inout [UInt8]) {
    bytes.append(contentsOf: String(content.count).utf8)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(contentsOf: content)
  }
}

/// What a seal signs, as one line of printable ASCII:
/// `gongzhi-seal/1 at=TIME key=KEYID head=ROW:HASH tables=NAME:COUNT:DIGEST,…`.
/// A seal in a SEALS file is this line, a tab and the base64 signature, so it can be
/// checked without the database.
struct SealPayload: Equatable, Sendable {
  var at: String
  var keyID: String
  var headID: Int64
  var headHash: String
  var tables: [(name: String, digest: TableDigest)]

  static let magic = "gongzhi-seal/1"

  var text: String {
    let list = tables.map { "\($0.name):\($0.digest.text)" }.joined(separator: ",")
    return "\(Self.magic) at=\(at) key=\(keyID) head=\(headID):\(headHash) tables=\(list)"
  }

  static func == (a: SealPayload, b: SealPayload) -> Bool { a.text == b.text }

  /// Nil for anything that is not exactly a payload this version writes.
  static func parse(_ text: String) -> SealPayload? {
    let parts = text.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 5, parts[0] == magic,
      parts[1].hasPrefix("at="), parts[2].hasPrefix("key="), parts[3].hasPrefix("head="),
      parts[4].hasPrefix("tables=")
    else { return nil }
    let at = String(parts[1].dropFirst(3))
    let key = String(parts[2].dropFirst(4))
    let head = parts[3].dropFirst(5).split(separator: ":", omittingEmptySubsequences: false)
    guard AuditTime.parse(at) != nil, key.count == 16, key.allSatisfy(\.isHexDigit), head.count == 2,
      let headID = Int64(head[0]), headID >= 0, head[1].count == 64, head[1].allSatisfy(\.isHexDigit)
    else { return nil }
    var tables: [(String, TableDigest)] = []
    for item in parts[4].dropFirst(7).split(separator: ",") {
      let f = item.split(separator: ":", omittingEmptySubsequences: false)
      guard f.count == 3, !f[0].isEmpty, f[0].allSatisfy({ $0.isLetter || $0 == "_" }),
        let count = Int64(f[1]), count >= 0, f[2].count == 64, f[2].allSatisfy(\.isHexDigit)
      else { return nil }
      var hash: [UInt8] = []
      var hexDigits = f[2][...]
      while !hexDigits.isEmpty {
        guard let byte = UInt8(hexDigits.prefix(2), radix: 16) else { return nil }
        hash.append(byte)
        hexDigits = hexDigits.dropFirst(2)
      }
      tables.append((String(f[0]), TableDigest(count: count, hash: hash)))
    }
    let payload = SealPayload(at: at, keyID: key, headID: headID, headHash: String(head[1]), tables: tables)
    return payload.text == text ? payload : nil
  }
}
