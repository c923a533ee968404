import Foundation
import GRDB
import Testing

@testable import Store

/// The committed schema dump, taken from a database that the migrations as they
/// shipped created. A change to a frozen migration shows here as a failing diff.
private func committedSchema() throws -> String {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/schema-v\(Migrations.all.count).sql")
  return try String(contentsOf: url, encoding: .utf8)
}

private func schema(_ db: Database) throws -> String {
  try String.fetchAll(
    db,
    sql: """
      SELECT type || ' ' || name || char(10) || sql || ';' FROM sqlite_master
      WHERE sql IS NOT NULL ORDER BY type, name
      """
  ).map { $0 + "\n" }.joined()
}

/// The first line that differs, for a readable failure.
private func firstDifference(_ a: String, _ b: String) -> String {
  let x = a.components(separatedBy: "\n")
  let y = b.components(separatedBy: "\n")
  for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
    return "line \(i + 1): \(i < x.count ? x[i] : "<end>") | \(i < y.count ? y[i] : "<end>")"
  }
  return "none"
}

private func expectCommittedSchema(_ queue: DatabaseQueue) throws {
  let actual = try queue.read(schema)
  let expected = try committedSchema()
  #expect(actual == expected, "first difference at \(firstDifference(actual, expected))")
}

@Test func migrationNamesAreUniqueAndNumberedInOrder() {
  let names = Migrations.all.map(\.name)
  #expect(Set(names).count == names.count)
  for (i, name) in names.enumerated() {
    #expect(name.hasPrefix("v\(i + 1)-"), "\(name) is migration \(i + 1)")
  }
}

/// Each registered identifier is paired with the function named after it
/// (`v9-proposal-search-session-number-index` → `v9_proposalSearchSessionNumberIndex`).
@Test func migrationFunctionsCarryTheirRegisteredNames() throws {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "Sources/Store/Core/Migrations.swift")
  let source = try String(contentsOf: url, encoding: .utf8)
  for name in Migrations.all.map(\.name) {
    let words = name.split(separator: "-").map(String.init)
    let function =
      words[0] + "_" + words[1]
      + words.dropFirst(2).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    #expect(source.contains("(\"\(name)\", \(function)),"), "\(name) → \(function)")
  }
}

@Test func freshDatabaseHasTheCommittedSchema() throws {
  try withTempDir { dir in
    let store = try GongzhiStore(path: dir + "/g.sqlite")
    try store.close()
    try expectCommittedSchema(DatabaseQueue(path: dir + "/g.sqlite"))
  }
}

/// One migration at a time, each in its own transaction, as a file opened by every
/// release in turn would be: the same schema at the end.
@Test func migratingStepByStepGivesTheCommittedSchema() throws {
  let queue = try DatabaseQueue()
  let migrator = Migrations.migrator
  for (name, _) in Migrations.all {
    try migrator.migrate(queue, upTo: name)
    let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
    #expect(applied.contains(name))
  }
  try expectCommittedSchema(queue)
}

/// v12 rebuilds the search documents of proposals stored before it with their reply
/// texts and step notes, under the session-keyed rowid of v9.
@Test func v12IndexesRepliesAndNotesOfExistingProposals() throws {
  let queue = try DatabaseQueue()
  let migrator = Migrations.migrator
  try migrator.migrate(queue, upTo: "v11-proposal-proposer-days-left-indexes")
  try queue.write { db in
    try db.execute(
      sql: """
        INSERT INTO congress_session (id, term, year, opens, closes) VALUES (3, 7, 2026, '2026-01-01', '2026-01-02');
        INSERT INTO proposal (id, session_id, number, title, category, proposer, state)
          VALUES (5, 3, 'T-1', '食堂 Menu', 'welfare', '张三', 'replied');
        INSERT INTO proposal_reply (proposal_id, round, text, grade, replied_on, on_time)
          VALUES (5, 1, '已增加窗口', 'a', '2026-01-02', 1);
        INSERT INTO proposal_transition (proposal_id, at, on_day, actor, action, to_state, note)
          VALUES (5, 'x', '2026-01-02', 'a', 'reply', 'replied', '电话 联系');
        """)
  }
  try migrator.migrate(queue)
  let body = try queue.read { db in
    try String.fetchOne(db, sql: "SELECT body FROM proposal_search WHERE rowid = ?", arguments: [3 << 32 | 5])
  }
  #expect(body == "t - 1 \n食 堂 m e n u \n\n\n张 三 \n\n\n已 增 加 窗 口 \n电 话 联 系 \n")
}
