import Domain
import Foundation
import GRDB
import Testing

@testable import Store

/// Every table's rows as a sorted list of value tuples, read as the copy reads them.
func storeContent(_ path: String) throws -> [String: [String]] {
  let queue = try SQLiteTables.open(path, readOnly: true)
  defer { try? queue.close() }
  return try queue.read { db in
    let tables = SQLiteTables(db: db)
    var out: [String: [String]] = [:]
    for table in StoreCopy.tables {
      let columns = try tables.columns(table).sorted()
      out[table] = try tables.rows(table, columns: columns).map { "\($0)" }.sorted()
    }
    return out
  }
}

/// The acting administrator of the test stores (the demo has no users: everyone is admin).
let copyAdmin = Actor(name: "主任", role: .admin)

/// The demo hospital, plus rows (through the audited repositories, so the chain stays
/// intact) in each table the demo leaves empty, so that every table has something to
/// carry; `sqliteToSQLiteCarriesEveryRowAndTheChain` checks that none is left empty.
func filledStore(_ path: String) throws -> GongzhiStore {
  let store = try GongzhiStore(path: path)
  try DemoHospital.populate(store, seed: 7, scale: 1)
  try store.users.add(name: "李华", role: .clerk, by: copyAdmin)
  try store.proposals.saveHolidays(
    [Holiday(day: Day(year: 2026, month: 10, day: 1), name: "国庆节")], by: copyAdmin)
  try store.satisfaction.setTarget(95, for: .staff, by: copyAdmin, reason: "党委会决定")
  // An objection needs an assessment in 公示: one under review is taken there.
  let (reviewID, reviewVersion) = try #require(
    try store.dbPool.read { db in
      try Row.fetchOne(db, sql: "SELECT id, version FROM assessment WHERE state = 'generalReview' LIMIT 1")
    }.map { (row: Row) -> (Int64, Int) in (row["id"], row["version"]) })
  var version = reviewVersion
  for _ in 0..<5 {
    let moved = try store.assessments.transition(
      .advance, assessmentID: reviewID, version: version, note: "", today: Day(year: 2026, month: 1, day: 5),
      by: copyAdmin)
    version = moved.version
    if moved.state == .publicNotice { break }
  }
  let noticeID = reviewID
  try store.assessments.addObjection(
    assessmentID: noticeID, raisedBy: "匿名", content: "记录不全", on: Day(year: 2026, month: 1, day: 5),
    by: copyAdmin)
  // Published results are not audited (an import's rows are, by its sha256).
  try store.dbPool.write { db in
    try db.execute(
      sql: "INSERT INTO satisfaction_result (population, period, department, item, n, rate, mean, import_id) "
        + "VALUES ('staff', '2026Q1', '内科', 'S01', 40, 92.5, 4.25, 1)")
  }
  // The committee's key and a seal (the copy must carry them: its seals verify there).
  let key = path + ".key"
  _ = try SealKeys.generate(to: key)
  _ = try store.seals.trust(publicKeyFile: key + ".pub", signedBy: nil, actor: copyAdmin)
  _ = try store.seals.seal(keyFile: key, actor: copyAdmin, appendTo: nil)
  return store
}

@Suite struct StoreCopyTests {
  /// The copy's table list is the schema's: a table added to the migrations and not
  /// to the list fails here, as does one listed before a table it references.
  @Test func theTablesAreTheSchemasInForeignKeyOrder() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      let (tables, references) = try store.dbPool.read { db -> ([String], [String: [String]]) in
        let names = try String.fetchAll(
          db,
          sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            + "AND name <> 'grdb_migrations' AND name NOT LIKE 'proposal_search_%'")
        var refs: [String: [String]] = [:]
        for name in names {
          refs[name] = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(quotedName(name)))").map {
            $0["table"]
          }
        }
        return (names, refs)
      }
      #expect(Set(StoreCopy.tables) == Set(tables))
      #expect(StoreCopy.tables.count == Set(StoreCopy.tables).count)
      for (i, table) in StoreCopy.tables.enumerated() {
        for parent in references[table] ?? [] where parent != table {
          let position = try #require(StoreCopy.tables.firstIndex(of: parent))
          #expect(position < i, "\(table) is copied before \(parent), which it references")
        }
      }
    }
  }

  @Test func sqliteToSQLiteCarriesEveryRowAndTheChain() throws {
    try withTempDir { dir in
      let source = try filledStore(dir + "/a.sqlite")
      let before = try source.audit.verify()
      guard case .intact(let auditRows) = before, auditRows > 0 else {
        Issue.record("source chain: \(before)")
        return
      }
      try source.close()
      let report = try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/b.sqlite")
      #expect(report.tables.map(\.table) == StoreCopy.tables)
      #expect(report.tables.allSatisfy { $0.source == $0.target })
      let content = try storeContent(dir + "/a.sqlite")
      let empty = content.filter { $0.value.isEmpty }.keys.sorted()
      #expect(empty == [], "tables the test leaves empty: \(empty)")
      #expect(try storeContent(dir + "/b.sqlite") == content)
      let copy = try GongzhiStore(path: dir + "/b.sqlite")
      #expect(try copy.audit.verify() == before)
      // The copy is a working store: it takes new audited writes after the copied ids.
      _ = try copy.users.add(name: "新用户", role: .viewer, by: copyAdmin)
      #expect(try copy.audit.verify() == .intact(rows: auditRows + 2))
    }
  }

  @Test func aNonEmptyTargetIsRefusedAndLeftAsItWas() throws {
    try withTempDir { dir in
      try filledStore(dir + "/a.sqlite").close()
      let target = try GongzhiStore(path: dir + "/b.sqlite")
      try target.dbPool.write { db in
        try db.execute(sql: "INSERT INTO holiday (day, kind) VALUES ('2026-01-01', 'holiday')")
      }
      try target.close()
      let before = try storeContent(dir + "/b.sqlite")
      #expect(throws: StoreCopyError.targetNotEmpty(table: "holiday", rows: 1)) {
        try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/b.sqlite")
      }
      #expect(try storeContent(dir + "/b.sqlite") == before)
      // Copying a database onto itself is the same refusal.
      #expect(throws: StoreCopyError.self) {
        try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/a.sqlite")
      }
      // A new empty file is a fine target, and a second copy into it is refused.
      try GongzhiStore(path: dir + "/c.sqlite").close()
      _ = try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/c.sqlite")
      #expect(throws: StoreCopyError.self) {
        try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/c.sqlite")
      }
    }
  }

  /// The counts are compared after the last table: a trigger in the target that adds
  /// a row to a table copied earlier makes them differ, and nothing is kept.
  @Test func countsThatDifferAfterTheCopyUndoIt() throws {
    try withTempDir { dir in
      let source = try GongzhiStore(path: dir + "/a.sqlite")
      try source.users.add(name: "李华", role: .clerk, by: copyAdmin)
      try source.proposals.saveHolidays([Holiday(day: Day(year: 2026, month: 10, day: 1))], by: copyAdmin)
      try source.close()
      let target = try GongzhiStore(path: dir + "/b.sqlite")
      try target.dbPool.write { db in
        try db.execute(
          sql: "CREATE TRIGGER stray AFTER INSERT ON holiday BEGIN "
            + "INSERT INTO setting (key, value) VALUES ('stray', '1'); END")
      }
      try target.close()
      do {
        _ = try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/b.sqlite")
        Issue.record("the copy was kept")
      } catch StoreCopyError.countsDiffer(let counts) {
        let differing = counts.filter { $0.source != $0.target }
        #expect(differing == [StoreCopy.TableCount(table: "setting", source: 0, target: 1)])
      }
      let after = try storeContent(dir + "/b.sqlite")
      #expect(
        after.filter { !$0.value.isEmpty && $0.key != "gongzhi_meta" && $0.key != "satisfaction_instrument" }
          == [:])
    }
  }

  @Test func aFailedCopyLeavesNoNewFile() throws {
    try withTempDir { dir in
      #expect(throws: StoreError.missing(dir + "/none.sqlite")) {
        try StoreCopy.copy(from: dir + "/none.sqlite", to: dir + "/b.sqlite")
      }
      #expect(!FileManager.default.fileExists(atPath: dir + "/b.sqlite"))
      // A source whose rows break the target's rules (a member of a unit that does not
      // exist, possible in a file written with foreign keys off) is refused by the
      // target's checks, and the new file is removed.
      try filledStore(dir + "/a.sqlite").close()
      var config = Configuration()
      config.foreignKeysEnabled = false
      let raw = try DatabaseQueue(path: dir + "/a.sqlite", configuration: config)
      try raw.write { db in
        try db.execute(
          sql: "INSERT INTO member (unit_id, name, gender, standing, employment, category) "
            + "VALUES (999999, '无名', 'male', 'full', 'staff', 'doctor')")
      }
      try raw.close()
      #expect(throws: (any Error).self) { try StoreCopy.copy(from: dir + "/a.sqlite", to: dir + "/b.sqlite") }
      #expect(!FileManager.default.fileExists(atPath: dir + "/b.sqlite"))
    }
  }

  @Test func selfReferencingRowsGoInParentsFirst() {
    let rows: [[DatabaseValue]] = [
      [3.databaseValue, 2.databaseValue], [1.databaseValue, .null], [2.databaseValue, 1.databaseValue],
      [4.databaseValue, 5.databaseValue], [5.databaseValue, 4.databaseValue],
    ]
    let ordered = PostgresTables.parentsFirst(rows, key: 0, parent: 1).map { $0[0] }
    #expect(
      ordered == [1, 2, 3, 4, 5].map(\.databaseValue) || ordered == [1, 2, 3, 5, 4].map(\.databaseValue))
    #expect(Array(ordered.prefix(3)) == [1, 2, 3].map(\.databaseValue))
  }

  @Test func postgresValuesReadBackAsTheyWereWritten() throws {
    let values: [DatabaseValue] = [
      .null, Int64.max.databaseValue, Int64.min.databaseValue, 0.1.databaseValue, (-2.5e300).databaseValue,
      "食堂'\"\\".databaseValue, Data([0, 1, 0xAB, 0xFF]).databaseValue, Data().databaseValue,
    ]
    let types = [
      "text", "bigint", "bigint", "double precision", "double precision", "text", "bytea", "bytea",
    ]
    for (value, type) in zip(values, types) {
      let text = PostgresTables.text(value)?.pgText
      #expect(try PostgresTables.value(text, type: type, column: "c") == value)
    }
    #expect(throws: PostgresError.self) { try PostgresTables.value("12x", type: "bigint", column: "c") }
    #expect(throws: PostgresError.self) { try PostgresTables.value("\\x0", type: "bytea", column: "c") }
  }
}

@Suite(.enabled(if: PGTest.runs, PGTest.skipReason), .serialized)
struct StoreCopyPostgresTests {
  @Test func sqliteToPostgresAndBackIsTheSameDatabase() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      let ownerName = try owner.sessionUser()
      try withTempDir { dir in
        let source = try filledStore(dir + "/a.sqlite")
        // The owner is one of the hospital's users, so nothing is added on the server.
        _ = try source.users.add(name: ownerName, role: .admin, by: copyAdmin)
        let verified = try source.audit.verify()
        try source.close()

        let up = try StoreCopy.copy(from: dir + "/a.sqlite", to: db.target())
        #expect(up.ownerRecorded == nil)
        #expect(up.tables.allSatisfy { $0.source == $0.target })
        #expect(up.tables.contains { $0.table == "audit_log" && $0.target > 2 })
        // The server's chain goes on from the copied rows.
        let last = try #require(try owner.scalar("SELECT max(id) FROM audit_log"))
        try owner.execute(
          "INSERT INTO audit_log (entity, entity_id, action, field, new_value) VALUES ('setting', 'k', 'create', 'value', 'v')"
        )
        let chained = try #require(
          try owner.execute("SELECT id, prev_hash FROM audit_log ORDER BY id DESC LIMIT 2").rows.first)
        #expect(try chained.int64("id") == Int64(last)! + 1)
        #expect(
          try chained.string("prev_hash") == owner.scalar("SELECT hash FROM audit_log WHERE id = $1", [last]))
        try owner.execute("DELETE FROM audit_log WHERE id > $1", [last])
        // New rows get ids after the copied ones.
        let maxUnit = try #require(try owner.scalar("SELECT max(id) FROM org_unit"))
        let newUnit = try #require(
          try owner.scalar("INSERT INTO org_unit (kind, name) VALUES ('branch', '新支部') RETURNING id"))
        #expect(Int64(newUnit)! == Int64(maxUnit)! + 1)
        try owner.execute("DELETE FROM org_unit WHERE id = $1", [newUnit])
        // The tallies were carried as they are.
        #expect(
          try owner.scalar("SELECT sum(n) FROM member_tally")
            == owner.scalar("SELECT count(*) FROM member WHERE active = 1"))

        let down = try StoreCopy.copy(from: db.target(), to: dir + "/c.sqlite")
        #expect(down.tables == up.tables)
        #expect(try storeContent(dir + "/c.sqlite") == storeContent(dir + "/a.sqlite"))
        let back = try GongzhiStore(path: dir + "/c.sqlite", readOnly: true)
        #expect(try back.audit.verify() == verified)
      }
    }
  }

  @Test func theOwnerIsRecordedAndCopiedUsersGetLogins() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      try withTempDir { dir in
        let source = try filledStore(dir + "/a.sqlite")
        let clerk = db.loginName("clerk")
        _ = try source.users.add(name: clerk, role: .clerk, by: copyAdmin)
        try source.close()
        let report = try StoreCopy.copy(from: dir + "/a.sqlite", to: db.target())
        #expect(report.ownerRecorded == (try owner.sessionUser()))
        #expect(try owner.scalar("SELECT role FROM \"user\" WHERE name = session_user") == "admin")
        // The copied clerk gets a login: its row stays, its role as given.
        try PostgresUsers.add(owner, name: clerk, role: .officer, password: "pw-1")
        #expect(try owner.scalar("SELECT count(*) FROM \"user\" WHERE name = $1", [clerk]) == "1")
        #expect(try owner.scalar("SELECT role FROM \"user\" WHERE name = $1", [clerk]) == "officer")
        #expect(try owner.scalar("SELECT pg_has_role($1, 'gongzhi_officer', 'MEMBER')", [clerk]) == "t")
        // Back in a file, the whole chain (copied, the owner's rows, the role change) verifies.
        _ = try StoreCopy.copy(from: db.target(), to: dir + "/c.sqlite")
        let copy = try GongzhiStore(path: dir + "/c.sqlite", readOnly: true)
        guard case .intact = try copy.audit.verify() else {
          Issue.record("chain: \(try copy.audit.verify())")
          return
        }
      }
    }
  }

  @Test func refusals() throws {
    try withTempDir { dir in
      try filledStore(dir + "/a.sqlite").close()
      try PGTest.withDatabase { db in
        // Not set up.
        #expect(throws: PostgresError.notSetUp(database: db.name)) {
          try StoreCopy.copy(from: dir + "/a.sqlite", to: db.target())
        }
        let owner = try db.owner()
        _ = try PostgresSetup.run(owner)
        // Not the owner (an admin login may not switch the triggers off).
        let (adminName, adminTarget) = try db.login(.admin)
        #expect(
          throws: StoreCopyError.notOwner(user: adminName, database: db.name, owner: try owner.sessionUser())
        ) {
          try StoreCopy.copy(from: dir + "/a.sqlite", to: adminTarget)
        }
        // Not empty: the admin login's user row counts (only setup-server's own rows do not).
        #expect(throws: StoreCopyError.targetNotEmpty(table: "user", rows: 1)) {
          try StoreCopy.copy(from: dir + "/a.sqlite", to: db.target())
        }
        #expect(try owner.scalar("SELECT count(*) FROM audit_log") == "4")
        #expect(try owner.scalar("SELECT count(*) FROM member") == "0")
      }
    }
  }
}
