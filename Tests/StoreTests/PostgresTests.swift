import Domain
import Foundation
import GRDB
import Testing

@testable import Store

extension PGTest {
  static let skipReason: Comment = Comment(rawValue: skipText)
}

/// Expects the server to refuse `sql` for lack of a privilege (SQLSTATE 42501).
func expectRefused(_ conn: PGConnection, _ sql: String, sourceLocation: SourceLocation = #_sourceLocation) {
  do {
    try conn.execute(sql)
    Issue.record("the server allowed: \(sql)", sourceLocation: sourceLocation)
  } catch let error as PostgresError {
    #expect(error.isPermissionDenied, "\(sql): \(error)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("\(sql): \(error)", sourceLocation: sourceLocation)
  }
}

/// A unit, a scheme and one assessment per state in `states`, written as the owner.
func seedAssessments(_ conn: PGConnection, states: [String]) throws {
  try conn.execute("INSERT INTO org_unit (kind, name) VALUES ('branch', '心内科党支部')")
  try conn.execute(
    "INSERT INTO assessment_scheme (scheme_key, version, name, toml, created_at) VALUES ('default', 1, '考评', '', '')"
  )
  for (i, state) in states.enumerated() {
    try conn.execute(
      "INSERT INTO assessment (unit_id, period, scheme_id, state, total) VALUES (1, $1, 1, $2, 90)",
      ["2025-\(i)", state])
  }
}

@Suite(.enabled(if: PGTest.runs, PGTest.skipReason), .serialized)
struct PostgresServerTests {
  @Test func setupCreatesTheSQLiteSchemaAndRefusesASecondRun() throws {
    try PGTest.withDatabase { db in
      let conn = try db.owner()
      #expect(try PostgresSetup.run(conn) == .created(database: db.name, version: Migrations.all.count))
      #expect(try PostgresSetup.run(conn) == .alreadySetUp(database: db.name, version: Migrations.all.count))
      #expect(
        try conn.scalar("SELECT value FROM gongzhi_meta WHERE key = 'schema_version'")
          == String(Migrations.all.count))
      // The owner is recorded as the first admin, and the audit log says who did it.
      #expect(try conn.scalar("SELECT role FROM \"user\" WHERE name = session_user") == "admin")
      #expect(
        try conn.scalar("SELECT count(*) FROM satisfaction_instrument")
          == String(SatisfactionInstrument.defaults.count))

      // Same tables and columns as a new SQLite file (the FTS index is a plain table here).
      try withTempDir { dir in
        let store = try GongzhiStore(path: dir + "/g.sqlite")
        let sqlite = try store.dbPool.read { db -> [String: [String]] in
          var out: [String: [String]] = [:]
          for table in try String.fetchAll(
            db,
            sql:
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'proposal_search%' AND name <> 'grdb_migrations'"
          ) {
            out[table] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
              .sorted()
          }
          return out
        }
        var pg: [String: [String]] = [:]
        for row in try conn.execute(
          "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'proposal_search'"
        ).rows {
          pg[try row.string("table_name"), default: []].append(try row.string("column_name"))
        }
        #expect(pg.mapValues { $0.sorted() } == sqlite)
        let sqliteIndexes = Set(
          try store.dbPool.read { db in
            try String.fetchAll(
              db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
          })
        let pgIndexes = Set(
          try conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%\\_pkey' "
              + "AND indexname NOT LIKE '%\\_key' AND indexname NOT LIKE 'proposal_search%'"
          ).rows.map { try $0.string("indexname") })
        #expect(pgIndexes == sqliteIndexes)
      }
    }
  }

  @Test func setupIsRefusedToANonOwnerAndOnATableOfSomeoneElse() throws {
    try PGTest.withDatabase { db in
      try db.owner().execute("CREATE TABLE payroll (id int)")
      #expect(throws: PostgresError.notEmpty(database: db.name, tables: 1)) {
        try PostgresSetup.run(try db.owner())
      }
      try db.owner().execute("DROP TABLE payroll")
      #expect(
        try PostgresSetup.run(try db.owner()) == .created(database: db.name, version: Migrations.all.count))
    }
    try PGTest.withDatabase { db in
      // A login that is not the owner (its own database set up, so it may log in anywhere).
      let other = db.loginName("stranger")
      let owner = try db.owner()
      try owner.execute("CREATE ROLE \(other) LOGIN PASSWORD 'stranger-pw'")
      let stranger = try PGConnection(db.target(user: other, password: "stranger-pw"))
      #expect(throws: PostgresError.notOwner(user: other, database: db.name, owner: try owner.sessionUser()))
      {
        try PostgresSetup.run(stranger)
      }
    }
  }

  @Test func aClerkCannotChangeScoresMembersOrTheAuditLog() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      try seedAssessments(owner, states: ["draft"])
      try owner.execute(
        "INSERT INTO member (unit_id, name, gender, standing, employment, category) VALUES (1, '张三', 'male', 'full', 'staff', 'doctor')"
      )
      let (clerkName, clerkTarget) = try db.login(.clerk)
      let clerk = try PGConnection(clerkTarget)
      #expect(try clerk.sessionUser() == clerkName)
      expectRefused(clerk, "UPDATE assessment SET total = 100")
      expectRefused(clerk, "UPDATE assessment_entry SET committee_input = '10'")
      expectRefused(
        clerk, "INSERT INTO assessment (unit_id, period, scheme_id, state) VALUES (1, '2030', 1, 'draft')")
      expectRefused(clerk, "UPDATE member SET phone = '110'")
      expectRefused(clerk, "DELETE FROM member")
      expectRefused(clerk, "DELETE FROM audit_log")
      expectRefused(clerk, "UPDATE audit_log SET actor = 'admin'")
      expectRefused(clerk, "TRUNCATE audit_log")
      expectRefused(clerk, "UPDATE proposal_tally SET n = 0")
      expectRefused(clerk, "INSERT INTO \"user\" (name, role, created_at) VALUES ('x', 'admin', '')")
      expectRefused(clerk, "SELECT gongzhi_add_login('x', 'admin', 'SCRAM-SHA-256$x')")
      // What a clerk may do: proposals (the tally follows by trigger).
      try clerk.execute(
        "INSERT INTO congress_session (term, year, opens, closes) VALUES (7, 2025, '2025-01-01', '2025-12-31')"
      )
      try clerk.execute(
        "INSERT INTO proposal (session_id, title, category, proposer, state) VALUES (1, '食堂延时', 'welfare', '李四', 'draft')"
      )
      #expect(try owner.scalar("SELECT n FROM proposal_tally WHERE state = 'draft'") == "1")
      // The score is unchanged.
      #expect(try owner.scalar("SELECT total FROM assessment") == "90")
    }
  }

  @Test func auditRowsRecordTheLoginAndChainLikeTheSQLiteLog() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      let (clerkName, clerkTarget) = try db.login(.clerk)
      let clerk = try PGConnection(clerkTarget)
      try clerk.execute(
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, field, old_value, new_value, reason, prev_hash, hash) "
          + "VALUES (999, '2000-01-01T00:00:00.000Z', 'admin', 'proposal', '1', 'update', 'title', 'a', 'b', NULL, 'x', 'y')"
      )
      let rows = try owner.execute("SELECT * FROM audit_log ORDER BY id").rows
      let last = try #require(rows.last)
      #expect(try last.string("actor") == clerkName)
      #expect(try last.int64("id") == Int64(rows.count))
      #expect(try last.string("at") != "2000-01-01T00:00:00.000Z")
      // Every row's hash is the one the program computes (AuditHash), chained from genesis.
      var prev = AuditHash.genesis
      for row in rows {
        #expect(try row.string("prev_hash") == prev)
        let hash = AuditHash.compute(
          id: try row.int64("id"), at: try row.string("at"), actor: try row.string("actor"),
          entity: try row.string("entity"), entityID: try row.string("entity_id"),
          action: try row.string("action"),
          field: try row.string("field"), oldValue: try row.optionalString("old_value"),
          newValue: try row.optionalString("new_value"), reason: try row.optionalString("reason"),
          prevHash: prev)
        #expect(try row.string("hash") == hash)
        prev = hash
      }
      // Not even an admin may rewrite the log; only the owner could.
      let (_, adminTarget) = try db.login(.admin)
      let admin = try PGConnection(adminTarget)
      expectRefused(admin, "DELETE FROM audit_log")
      expectRefused(admin, "UPDATE audit_log SET actor = 'someone'")
      expectRefused(admin, "TRUNCATE audit_log")
    }
  }

  @Test func concurrentWritersKeepOneChain() throws {
    try PGTest.withDatabase { db in
      _ = try PostgresSetup.run(try db.owner())
      let targets = [try db.login(.clerk).target, try db.login(.officer).target, db.target()]
      let failures = Locked<[String]>([])
      DispatchQueue.concurrentPerform(iterations: 6) { i in
        do {
          let conn = try PGConnection(targets[i % targets.count])
          for n in 0..<20 {
            try conn.transaction {
              for field in ["a", "b"] {
                try conn.execute(
                  "INSERT INTO audit_log (entity, entity_id, action, field, new_value) VALUES ('proposal', $1, 'create', $2, $3)",
                  [String(i), field, String(n)])
              }
            }
          }
        } catch {
          failures.mutate { $0.append("\(error)") }
        }
      }
      #expect(failures.value.isEmpty, "\(failures.value)")
      let rows = try db.owner().execute("SELECT * FROM audit_log ORDER BY id").rows
      #expect(rows.count == 2 + 6 * 20 * 2 + 2 * 2)  // the owner's and two logins' user rows too
      var prev = AuditHash.genesis
      for (i, row) in rows.enumerated() {
        #expect(try row.int64("id") == Int64(i + 1))
        #expect(try row.string("prev_hash") == prev)
        prev = try row.string("hash")
      }
    }
  }

  @Test func searchFindsTwoCharacterChineseSubstringsThroughTheIndex() throws {
    try PGTest.withDatabase { db in
      _ = try PostgresSetup.run(try db.owner())
      let clerk = try PGConnection(try db.login(.clerk).target)
      try clerk.execute(
        "INSERT INTO congress_session (term, year, opens, closes) VALUES (7, 2025, '2025-01-01', '2025-12-31')"
      )
      let documents = [
        ProposalSchema.searchBody(["关于延长食堂供餐时间的提案", "夜班职工"]),
        ProposalSchema.searchBody(["停车场", "食品安全"]),
        ProposalSchema.searchBody(["食", "堂"]),  // 食 and 堂 in different fields: no 食堂
      ]
      for (i, body) in documents.enumerated() {
        try clerk.execute(
          "INSERT INTO proposal (session_id, title, category, proposer, state) VALUES (1, $1, 'welfare', '李四', 'draft')",
          ["p\(i)"])
        try clerk.execute(
          "INSERT INTO proposal_search (proposal_id, session_id, body) VALUES ($1, 1, $2)", [i + 1, body])
      }
      let viewer = try PGConnection(try db.login(.viewer).target)
      func search(_ term: String) throws -> String {
        try viewer.scalar(
          "SELECT coalesce(string_agg(proposal_id::text, ',' ORDER BY proposal_id), '') FROM proposal_search "
            + "WHERE gongzhi_search_grams(body) @> gongzhi_search_query_grams($1) "
            + "AND strpos(replace(body, ' ', ''), $1) > 0", [term]) ?? ""
      }
      #expect(try search("食堂") == "1")
      #expect(try search("食") == "1,2,3")
      #expect(try search("供餐时间") == "1")
      #expect(try search("夜班") == "1")
      #expect(try search("班职工") == "1")
      #expect(try search("食品") == "2")
      #expect(try search("堂供") == "1")
      #expect(try search("餐食") == "")
      // The planner can answer a two-character term from the index (on three rows it
      // would rather scan, so scans are priced out here).
      try viewer.execute("SET enable_seqscan = off")
      let plan = try viewer.execute(
        "EXPLAIN SELECT proposal_id FROM proposal_search WHERE gongzhi_search_grams(body) @> gongzhi_search_query_grams('食堂')"
      ).rows.map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
      #expect(plan.contains("Index Scan on proposal_search_grams"), "\(plan)")
    }
  }

  @Test func userAddMakesALoginInTheGroupAndRecordsIt() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      #expect(throws: PostgresError.notSetUp(database: db.name)) {
        try PostgresUsers.add(owner, name: db.loginName("early"), role: .clerk, password: "x")
      }
      _ = try PostgresSetup.run(owner)
      let (adminName, adminTarget) = try db.login(.admin)
      // An admin adds a clerk through the owner's function (no CREATEROLE of its own).
      let clerkName = db.loginName("clerk2")
      try PostgresUsers.add(try PGConnection(adminTarget), name: clerkName, role: .clerk, password: "s3cret")
      #expect(try owner.scalar("SELECT pg_has_role($1, 'gongzhi_clerk', 'MEMBER')", [clerkName]) == "t")
      #expect(try owner.scalar("SELECT pg_has_role($1, 'gongzhi_admin', 'MEMBER')", [clerkName]) == "f")
      #expect(try owner.scalar("SELECT role FROM \"user\" WHERE name = $1", [clerkName]) == "clerk")
      #expect(
        try owner.scalar("SELECT string_agg(actor, ',') FROM audit_log WHERE entity_id = $1", [clerkName])
          == "\(adminName),\(adminName)")
      // The password was stored as a SCRAM verifier and works; a wrong one does not.
      _ = try PGConnection(db.target(user: clerkName, password: "s3cret"))
      #expect(throws: PostgresError.self) { try PGConnection(db.target(user: clerkName, password: "wrong")) }
      // A duplicate is reported as such; a clerk may not add users; empty passwords are refused.
      #expect(throws: StoreError.duplicateUser(clerkName)) {
        try PostgresUsers.add(owner, name: clerkName, role: .viewer, password: "x")
      }
      let clerk = try PGConnection(db.target(user: clerkName, password: "s3cret"))
      do {
        try PostgresUsers.add(clerk, name: db.loginName("nope"), role: .admin, password: "x")
        Issue.record("a clerk added a user")
      } catch let error as PostgresError {
        #expect(error.isPermissionDenied)
      }
      #expect(throws: StoreError.self) {
        try PostgresUsers.add(owner, name: db.loginName("e"), role: .viewer, password: "")
      }
      #expect(throws: StoreError.self) {
        try PostgresUsers.add(owner, name: "bad\u{1B}[2J", role: .viewer, password: "x")
      }
    }
  }

  @Test func aViewerChangesNothing() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      let viewer = try PGConnection(try db.login(.viewer).target)
      for (table, _) in PostgresSchema.writePermission {
        expectRefused(viewer, "INSERT INTO \(table) DEFAULT VALUES")
        let column = try #require(
          try owner.scalar(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 LIMIT 1",
            [table.replacingOccurrences(of: "\"", with: "")]))
        expectRefused(viewer, "UPDATE \(table) SET \(column) = \(column)")
        expectRefused(viewer, "DELETE FROM \(table)")
      }
      // But it reads everything the program shows.
      #expect(try viewer.scalar("SELECT count(*) FROM member") == "0")
    }
  }

  @Test func theKioskReadsOnlyWhatItShows() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      try seedAssessments(owner, states: ["draft", "committeeReview", "publicNotice", "locked"])
      try owner.execute(
        "INSERT INTO disclosure_item (level, name, schedule, starts_on, on_kiosk, last_published_on) VALUES "
          + "('staff', '公示', 'monthly', '2025-01-01', 1, '2025-02-01'), ('staff', '内部', 'monthly', '2025-01-01', 0, '2025-02-01')"
      )
      let kiosk = try PGConnection(try db.kioskLogin())
      for table in PostgresSchema.kioskTables { try kiosk.execute("SELECT * FROM \(table) LIMIT 1") }
      #expect(
        try kiosk.scalar("SELECT string_agg(state, ',' ORDER BY id) FROM assessment") == "publicNotice,locked"
      )
      #expect(try kiosk.scalar("SELECT string_agg(name, ',') FROM disclosure_item") == "公示")
      for table in [
        "member", "\"user\"", "audit_log", "satisfaction_response", "assessment_entry", "proposal_cosigner",
      ] {
        expectRefused(kiosk, "SELECT * FROM \(table) LIMIT 1")
      }
      expectRefused(kiosk, "UPDATE setting SET value = value")
      // Staff still see every row.
      let viewer = try PGConnection(try db.login(.viewer).target)
      #expect(try viewer.scalar("SELECT count(*) FROM assessment") == "4")
    }
  }

  @Test func psqlAsAClerkIsRefusedByTheServer() throws {
    try PGTest.withDatabase { db in
      let owner = try db.owner()
      _ = try PostgresSetup.run(owner)
      try seedAssessments(owner, states: ["draft"])
      let password = "clerk-pw"
      let (clerkName, _) = try db.login(.clerk, password: password)
      func psql(_ sql: String) throws -> (status: Int32, output: String) {
        let bin = PGTest.environment["GONGZHI_TEST_PG_BIN"].map { $0 + "/psql" } ?? "/usr/bin/psql"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bin)
        process.arguments = [
          "-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", db.target(user: clerkName), "-c", sql,
        ]
        var environment = PGTest.environment
        environment["PGPASSWORD"] = password
        environment["PGPASSFILE"] = "/dev/null"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
      }
      #expect(try psql("SELECT session_user").output == "\(clerkName)\n")
      for sql in [
        "UPDATE assessment SET total = 100", "DELETE FROM audit_log", "UPDATE audit_log SET actor = 'admin'",
        "TRUNCATE audit_log",
      ] {
        let (status, output) = try psql(sql)
        #expect(status != 0, "\(sql)")
        #expect(output.contains("permission denied"), "\(sql): \(output)")
      }
      #expect(try owner.scalar("SELECT total FROM assessment") == "90")
    }
  }

  @Test func connectionErrorsAndTypedReads() throws {
    try PGTest.withDatabase { db in
      let conn = try db.owner()
      let row = try #require(
        try conn.execute(
          "SELECT 1::bigint AS n, 'x' AS s, NULL::text AS z, 2.5::float8 AS d, true AS b, 'NaN'::float8 AS nan"
        )
        .rows.first)
      #expect(try row.int64("n") == 1)
      #expect(try row.optionalString("z") == nil)
      #expect(try row.double("d") == 2.5)
      #expect(try row.double("nan").isNaN)
      #expect(try row.bool("b"))
      #expect(throws: PostgresError.missingColumn("nope")) { try row.string("nope") }
      #expect(throws: PostgresError.badValue(column: "s", value: "x")) { try row.int64("s") }
      // Parameters are values, never SQL.
      #expect(try conn.scalar("SELECT $1::text", ["'); DROP TABLE x; --"]) == "'); DROP TABLE x; --")
      #expect(try conn.scalar("SELECT $1::bigint", [Int64.max]) == String(Int64.max))
      do {
        try conn.execute("SELECT * FROM no_such_table")
        Issue.record("no error")
      } catch PostgresError.server(let state, let message) {
        #expect(state == "42P01")
        #expect(!message.contains("\n"))
      }
      // A failed transaction rolls back.
      try conn.execute("CREATE TABLE t (v int)")
      #expect(throws: PostgresError.self) {
        try conn.transaction {
          try conn.execute("INSERT INTO t VALUES (1)")
          try conn.execute("INSERT INTO t VALUES ('x')")
        }
      }
      #expect(try conn.scalar("SELECT count(*) FROM t") == "0")
      // A wrong password is a connection error with libpq's reason, not a crash.
      #expect(throws: PostgresError.self) {
        try PGConnection(db.target(user: "gongzhi_owner", password: "wrong"))
      }
    }
  }

  /// A cursor streams its rows (single-row mode); another statement on the connection
  /// meanwhile reads the rest into memory first, a cursor dropped half-way leaves the
  /// connection usable, and an error in the middle of the rows is thrown, not lost.
  @Test func cursorsStreamAndStillInterleave() throws {
    try PGTest.withDatabase { db in
      let database = SQLDatabase(.postgres(try db.owner()))
      let sql = "SELECT n, 'row ' || n AS label FROM generate_series(1, 5000) AS n ORDER BY n"
      let cursor = try SQLRow.fetchCursor(database, sql: sql)
      var seen: [Int64] = []
      while let row = try cursor.next() {
        let n: Int64 = row["n"]
        seen.append(n)
        if n == 10 {
          // Another statement while the cursor is open, as SQLite allows.
          let total = try SQLRow.fetchOne(
            database, sql: "SELECT count(*) AS c FROM generate_series(1, ?) ", arguments: [7])
          #expect(total?["c"] == Int64(7))
        }
      }
      #expect(seen == Array(1...5000))
      // Dropped after one row: the next statement still runs.
      do {
        let early = try SQLRow.fetchCursor(database, sql: sql)
        #expect(try early.next()?["label"] == "row 1")
      }
      #expect(try SQLRow.fetchOne(database, sql: "SELECT 2 AS two")?["two"] == Int64(2))
      // An error after some rows (division by zero at the 3,000th) reaches the caller.
      let failing = try SQLRow.fetchCursor(
        database, sql: "SELECT 1 / (3000 - n) AS x FROM generate_series(1, 5000) AS n")
      var read = 0
      #expect(throws: PostgresError.self) {
        while try failing.next() != nil { read += 1 }
      }
      #expect(read > 0 && read < 3000)
      #expect(try SQLRow.fetchOne(database, sql: "SELECT 3 AS three")?["three"] == Int64(3))
    }
  }
}

/// What needs no server: telling a PostgreSQL target from a file, and refusing one
/// where the repositories do not run on PostgreSQL yet.
@Suite struct PostgresTargetTests {
  @Test func targetsAreToldFromFiles() {
    for server in [
      "postgresql://u@/gongzhi?host=/tmp", "postgres://db1/gongzhi", "POSTGRESQL://x",
      "host=db1 dbname=gongzhi",
      "dbname=gongzhi", "service=gongzhi",
    ] {
      #expect(PGConnection.isTarget(server), "\(server)")
    }
    for file in ["gongzhi.sqlite", "/tmp/a=b.db", "a=b.db", "x.sqlite?mode=ro", "", "postgresql:relative.db"]
    {
      #expect(!PGConnection.isTarget(file), "\(file)")
    }
  }

  @Test func conninfoOverridesSettings() throws {
    let info = try #require(
      PGConnection.conninfo("postgresql://u@/gongzhi?host=/tmp/x", overriding: ["dbname": "t'1"]))
    #expect(info.contains("host='/tmp/x'"))
    #expect(info.contains("user='u'"))
    #expect(info.contains("dbname='t\\'1'"))
    #expect(!info.contains("dbname='gongzhi'"))
    #expect(PGConnection.conninfo("nonsense=1", overriding: [:]) == nil)
  }

  @Test func aStoreOnAServerThatIsNotThereMakesNoFile() throws {
    #expect(throws: PostgresError.self) {
      try GongzhiStore(path: "postgresql://x@/gongzhi?host=/nonexistent")
    }
    #expect(throws: PostgresError.self) {
      try GongzhiStore(path: "host=/nonexistent dbname=g", readOnly: true)
    }
    #expect(!FileManager.default.fileExists(atPath: "postgresql:"))
    #expect(!FileManager.default.fileExists(atPath: "host=/nonexistent dbname=g"))
  }

}
