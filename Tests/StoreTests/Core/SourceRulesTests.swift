import Foundation
import Testing

/// Every file of the Store target's sources, by path relative to `Sources/Store`.
private func storeSources() throws -> [(path: String, text: String)] {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Store")
  let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
  return try files.filter { $0.hasSuffix(".swift") }.sorted().map {
    ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
  }
}

/// Rows are decoded by column name (`row["unit_id"]`), never by position, so a
/// reordered SELECT or a `SELECT *` over a migrated table cannot shift a value into
/// the wrong field. Flags `row[0]`, `$0[1]`, `row?[2]`, `row[i + 1]` and the like.
@Test func storeDecodesRowsByColumnName() throws {
  let positional = try Regex(#"(\brow|\$0|\br)\??\[(\d|i\b)"#)
  var found: [String] = []
  for (path, text) in try storeSources() {
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where line.contains(positional) {
      found.append("\(path):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
    }
  }
  #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
}

/// The audit chain has one writer: only `AuditedWrite` inserts into `audit_log`. On
/// PostgreSQL the one other writer is the server-side function that creates a login
/// (`gongzhi_add_login`, defined by setup-server): it runs as the owner, so that an
/// admin needs no CREATEROLE, and records the new user in the same transaction; the
/// chain's hash and actor are set by the server's trigger for every insert alike.
@Test func onlyAuditedWriteAppendsToTheAuditLog() throws {
  let writers = try storeSources().filter { $0.text.contains("INSERT INTO audit_log") }.map(\.path)
  #expect(writers == ["Core/AuditedWrite.swift", "Postgres/PostgresSetup.swift"])
}
