import Domain
import Foundation
import Store
import Testing

/// Prints list timings on 100,000 proposals; runs only with GONGZHI_BENCH=1 (never asserts on time).
@Test(.enabled(if: ProcessInfo.processInfo.environment["GONGZHI_BENCH"] == "1"))
func benchProposalList() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    var t = Date()
    try DemoProposals.populate(store, count: 100_000, seed: 1, today: d("2026-11-24"))
    print("bench populate 100000: \(Int(Date().timeIntervalSince(t) * 1000)) ms")
    let repo = store.proposals
    let session = try repo.sessions()[0]
    let dept = try repo.departments(includeInactive: false)[3]
    let queries: [(String, ProposalQuery)] = [
      ("all", ProposalQuery(today: d("2026-11-24"))),
      ("session", ProposalQuery(sessionID: session.id, today: d("2026-11-24"))),
      ("session+state", ProposalQuery(sessionID: session.id, states: [.inProgress], today: d("2026-11-24"))),
      ("dept+overdue", ProposalQuery(departmentID: dept.id, overdueOnly: true, today: d("2026-11-24"))),
      ("category sort title", ProposalQuery(category: "信息化", sort: .title, today: d("2026-11-24"))),
      ("sort dept desc", ProposalQuery(sort: .leadDepartment, descending: true, today: d("2026-11-24"))),
      ("session sort due", ProposalQuery(sessionID: session.id, sort: .dueOn, today: d("2026-11-24"))),
      (
        "session sort proposer", ProposalQuery(sessionID: session.id, sort: .proposer, today: d("2026-11-24"))
      ),
      (
        "session sort days left desc",
        ProposalQuery(sessionID: session.id, sort: .daysLeft, descending: true, today: d("2026-11-24"))
      ),
      ("sort days left", ProposalQuery(sort: .daysLeft, today: d("2026-11-24"))),
      ("search 1 char", ProposalQuery(search: "车", today: d("2026-11-24"))),
      ("search 2 chars", ProposalQuery(search: "停车", today: d("2026-11-24"))),
      ("search 4 chars", ProposalQuery(search: "职工食堂", today: d("2026-11-24"))),
      ("search+session", ProposalQuery(sessionID: session.id, search: "夜班补贴", today: d("2026-11-24"))),
      ("search number", ProposalQuery(search: "7-2025-0123", today: d("2026-11-24"))),
    ]
    for (name, q) in queries {
      _ = try repo.list(q, offset: 0, limit: 40)
      t = Date()
      let page = try repo.list(q, offset: 200, limit: 40)
      print(
        "bench list \(name): \(String(format: "%.1f", Date().timeIntervalSince(t) * 1000)) ms, total \(page.total)"
      )
    }
    t = Date()
    _ = try repo.kpis(sessionID: session.id)
    _ = try repo.stateCounts(sessionID: session.id)
    print("bench kpis+counts: \(String(format: "%.1f", Date().timeIntervalSince(t) * 1000)) ms")
    t = Date()
    _ = try repo.supervision(sessionID: session.id, today: d("2026-11-24"))
    print("bench supervision: \(String(format: "%.1f", Date().timeIntervalSince(t) * 1000)) ms")
  }
}
