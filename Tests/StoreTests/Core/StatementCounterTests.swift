import Domain
import Foundation
import Store
import Testing

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
}
