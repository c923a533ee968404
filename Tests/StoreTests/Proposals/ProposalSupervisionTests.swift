import Domain
import Foundation
import GRDB
import Store
import Testing

/// The 督办 list counted from the indexes (`supervisionOutline`) and read a page at a
/// time (`supervisionItems`) agrees with its plain definition computed in Swift over
/// every proposal of a bulk demo, for any page, session and department.
@Test func supervisionPagesAgreeWithTheListComputedInSwift() throws {
  try withTempDir { dir in
    let today = d("2026-11-24")
    let path = dir + "/s.sqlite"
    let store = try GongzhiStore(path: path)
    try DemoProposals.populate(store, count: 1_200, seed: 11, today: today)
    // The bulk demo has nobody under supervision and every assigned item has a lead
    // department: some of each, so every part of the list is there.
    try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: """
          UPDATE proposal SET supervised = 1 WHERE state IN ('evaluated', 'replied', 'closed') AND id % 7 = 0;
          UPDATE proposal SET lead_department_id = NULL WHERE state IN ('assigned', 'evaluated') AND id % 11 = 0;
          """)
    }
    let repo = store.proposals
    let atRiskLimit = today.adding(days: repo.policy.atRiskDays)
    let all = try repo.list(ProposalQuery(today: today), offset: 0, limit: 10_000).items
    #expect(all.count == 1_200)
    let heads = Dictionary(
      uniqueKeysWithValues: try repo.departments(includeInactive: true).map { ($0.id, $0.head) })

    /// Which reason lists an item, if any.
    func reason(_ p: ProposalListItem) -> SupervisionReason? {
      if ProposalState.running.contains(p.state), let due = p.dueOn, due <= atRiskLimit {
        return due < today ? .overdue : .atRisk
      }
      if p.supervised && p.state != .closed && !ProposalState.running.contains(p.state) { return .supervised }
      return nil
    }
    /// Departments by pinyin (none last); within one, by days left, the supervised last, then id.
    func expected(session: Int64?, department: Int64?) -> [Line] {
      let listed = all.filter {
        (session == nil || $0.sessionID == session)
          && (department == nil || $0.leadDepartmentID == department)
          && reason($0) != nil
      }
      return listed.sorted { a, b in
        if a.leadDepartmentID != b.leadDepartmentID {
          if (a.leadDepartmentID == nil) != (b.leadDepartmentID == nil) { return b.leadDepartmentID == nil }
          let (x, y) = (a.leadDepartment ?? "", b.leadDepartment ?? "")
          return x == y ? a.leadDepartmentID! < b.leadDepartmentID! : NameOrder.ascending(x, y)
        }
        let (x, y) = (a.daysLeft(on: today) ?? Int.max, b.daysLeft(on: today) ?? Int.max)
        return x == y ? a.id < b.id : x < y
      }.map {
        let r = reason($0)!
        return Line(item: $0, reason: r, daysLeft: r == .supervised ? nil : $0.daysLeft(on: today))
      }
    }

    let sessions = try repo.sessions().map(\.id)
    let department = try #require(try repo.departments(includeInactive: false).dropFirst(3).first)
    for (session, departmentID) in [(nil, nil), (sessions[0], nil), (sessions[1], nil), (nil, department.id)]
    {
      let want = expected(session: session, department: departmentID)
      let outline = try repo.supervisionOutline(sessionID: session, departmentID: departmentID, today: today)
      #expect(outline.count == want.count)
      #expect(outline.overdue == want.filter { $0.reason == .overdue }.count)
      #expect(outline.atRisk == want.filter { $0.reason == .atRisk }.count)
      #expect(outline.supervised == want.filter { $0.reason == .supervised }.count)
      #expect(outline.atRisk > 0 || session != nil)
      #expect(outline.departments.allSatisfy { $0.count > 0 })
      if departmentID == nil {
        #expect(outline.departments.last?.departmentID == nil, "the items without a department last")
        #expect(outline.supervised > 0)
      }
      // Each department's line numbers, its head and contact.
      for (i, line) in want.enumerated() {
        let index = try #require(outline.departmentIndex(ofLine: i))
        #expect(outline.departments[index].departmentID == line.item.leadDepartmentID)
        #expect(outline.departments[index].head == line.item.leadDepartmentID.flatMap { heads[$0] } ?? "")
        #expect(
          outline.isFirstLine(i)
            == (i == 0 || want[i - 1].item.leadDepartmentID != line.item.leadDepartmentID))
      }
      #expect(
        outline.departmentIndex(ofLine: want.count) == nil && outline.departmentIndex(ofLine: -1) == nil)
      // Pages from everywhere, across department and part boundaries and past the end.
      var offsets = [0, 1, want.count - 1, want.count, want.count + 5] + outline.starts
      for d in outline.departments.indices {
        offsets += [
          outline.starts[d] + outline.departments[d].running - 1,
          outline.starts[d] + outline.departments[d].running,
        ]
      }
      for offset in Set(offsets) where offset >= 0 {
        for limit in [0, 1, 3, 40] {
          let page = try repo.supervisionItems(outline, offset: offset, limit: limit).map(Line.init)
          let slice = Array(want[min(offset, want.count)..<min(want.count, offset + limit)])
          #expect(page == slice, "offset \(offset) limit \(limit)")
        }
      }
      #expect(try repo.supervisionItems(outline, offset: 0, limit: want.count + 1).map(Line.init) == want)
    }
    // The whole list, grouped, as the cron mail reads it.
    let groups = try repo.supervision(sessionID: nil, today: today)
    #expect(groups.flatMap(\.items).map(Line.init) == expected(session: nil, department: nil))
    #expect(groups.allSatisfy { g in g.items.allSatisfy { $0.item.leadDepartmentID == g.departmentID } })
  }
}

/// A line of the list as the test compares it.
private struct Line: Equatable {
  var item: ProposalListItem
  var reason: SupervisionReason
  var daysLeft: Int?
}

extension Line {
  init(_ entry: SupervisionItem) {
    self.init(item: entry.item, reason: entry.reason, daysLeft: entry.daysLeft)
  }
}

/// The indexes the 督办 queries name (`INDEXED BY`) serve them as intended: the running
/// part counted per department from ranges of `proposal_session_lead` alone, never the
/// table's rows, and the
/// supervised part read from the partial `proposal_supervised`.
@Test func supervisionIndexesServeTheirQueries() throws {
  try withTempDir { dir in
    let path = dir + "/s.sqlite"
    try GongzhiStore(path: path).close()
    func plan(_ sql: String) throws -> [String] {
      try DatabaseQueue(path: path).read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
      }
    }
    let running = try plan(
      """
      SELECT d.id, (SELECT COUNT(*) FROM proposal p INDEXED BY proposal_session_lead
        WHERE p.state IN ('assigned', 'returnRequested', 'inProgress') AND p.due_on <= '2026-12-01'
          AND p.session_id = 1 AND p.lead_department_id = d.id)
      FROM department d
      """)
    #expect(
      running.contains {
        $0.contains("COVERING INDEX proposal_session_lead (session_id=? AND lead_department_id=?")
      },
      "\(running)")
    let supervised = try plan(
      """
      SELECT p.id FROM proposal p INDEXED BY proposal_supervised
      WHERE p.supervised = 1 AND p.state <> 'closed' AND p.state NOT IN ('assigned', 'returnRequested', 'inProgress')
      """)
    #expect(supervised.contains { $0.contains("proposal_supervised") }, "\(supervised)")
  }
}
