import Domain
import Foundation
import Testing

@testable import Store

/// `gongzhi bench` counts the statements a key sends with `StatementCounter`.
@Suite struct StatementCounterTests {
  @Test func countsQueriesNotTransactionControl() {
    for sql in ["SELECT 1", "  select * from org_unit", "\nINSERT INTO x VALUES (1)", "UPDATE x SET a = 1"] {
      #expect(StatementCounter.counts(sql), "\(sql.debugDescription)")
    }
    for sql in [
      "BEGIN DEFERRED TRANSACTION", "COMMIT TRANSACTION", "ROLLBACK", "SAVEPOINT grdb",
      "RELEASE SAVEPOINT grdb",
      "PRAGMA query_only = 1", "-- TRIGGER member_tally_insert", "end",
    ] {
      #expect(!StatementCounter.counts(sql), "\(sql.debugDescription)")
    }
  }

  /// Reads on a store opened after `enable()` are counted. (Other tests may run
  /// statements at the same time, so the count is at least, not exactly, the reads.)
  @Test func countsTheReadsOfAStoreOpenedAfterEnabling() throws {
    StatementCounter.enable()
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      _ = try SmallOrg(store)
      let before = StatementCounter.total
      _ = try store.organisation.units(includeInactive: true)
      _ = try store.organisation.memberCounts()
      #expect(StatementCounter.total - before >= 2)
    }
  }

  /// On a server every exchange is a round trip: a read is BEGIN, its statements and
  /// COMMIT, of which only the statements count as queries.
  @Test func countsRoundTripsToAServer() throws {
    if !PGTest.runs { try Test.cancel(PGTest.skipReason) }
    StatementCounter.enable()
    try PGTest.withDatabase { db in
      _ = try PostgresSetup.run(try db.owner())
      let store = try GongzhiStore(path: db.target())
      _ = try store.settings.all()  // the statement's columns described once
      let (queries, trips) = (StatementCounter.total, StatementCounter.roundTrips)
      _ = try store.settings.all()
      #expect(StatementCounter.total - queries >= 1)
      // BEGIN, the SELECT, COMMIT (at least: other tests may talk to a server meanwhile).
      #expect(StatementCounter.roundTrips - trips >= 3)
    }
  }
}
