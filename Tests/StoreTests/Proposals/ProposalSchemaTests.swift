import Testing

@testable import Store

/// Migration v7 indexes the days-left expression as written when it shipped; the list
/// orders by `runningDue`, which follows `ProposalState.running`. If that list changes,
/// this fails: the index no longer serves the sort and a new migration must rebuild it.
@Test func daysLeftIndexMatchesTheListsOrder() {
  #expect(ProposalSchema.runningDue("") == ProposalSchema.runningDueAtV7)
}
