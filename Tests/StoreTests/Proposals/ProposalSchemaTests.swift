import GRDB
import Testing

@testable import Store

/// Migration v11 indexes the days-left expression as written when it shipped; the list
/// orders by `runningDue`, which follows `ProposalState.running`. If that list changes,
/// this fails: the index no longer serves the sort and a new migration must rebuild it.
@Test func daysLeftIndexMatchesTheListsOrder() throws {
  let queue = try DatabaseQueue()
  try Migrations.migrator.migrate(queue)
  let index = try queue.read { db in
    try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'proposal_session_days_left'")
  }
  let due = ProposalSchema.runningDue("")
  #expect(index?.contains("(session_id, \(due) IS NULL, \(due))") == true, "\(index ?? "no index")")
}
