import Domain
import Foundation
import GRDB
import Store
import Testing

/// The list's SQL (the FTS count, the session in the search document, the number-order
/// index) checked against the plain definition of each filter, computed in Swift over
/// every proposal of a bulk demo.
@Test func listAgreesWithFiltersComputedInSwift() throws {
  try withStorePath { storePath, dir in
    let today = d("2026-11-24")
    let store = try GongzhiStore(path: storePath)
    try DemoProposals.populate(store, count: 1_500, seed: 7, today: today)
    let repo = store.proposals
    let ids = try rawRows(storePath, "SELECT id FROM proposal").compactMap {
      $0.first.flatMap { $0 }.flatMap { Int64($0) }
    }
    let all = try ids.map { try #require(try repo.proposal(id: $0)) }
    let sessions = try repo.sessions()
    let department = try #require(try repo.departments(includeInactive: false).dropFirst(2).first)
    #expect(sessions.count >= 2)

    func haystack(_ p: Proposal) -> String {
      let parts = [
        p.number ?? "", p.title, p.reasons, p.measures, p.proposer, p.proposerUnit, p.coSigners.joined(),
      ]
      return String(parts.joined().lowercased().filter { $0.isLetter || $0.isNumber })
    }
    let texts = Dictionary(uniqueKeysWithValues: all.map { ($0.id, haystack($0)) })
    func matches(_ p: Proposal, _ q: ProposalQuery) -> Bool {
      if let s = q.sessionID, p.sessionID != s { return false }
      if !q.states.isEmpty && !q.states.contains(p.state) { return false }
      if let dep = q.departmentID, p.leadDepartmentID != dep { return false }
      if let c = q.category, p.category != c { return false }
      if let name = q.proposer, !p.proposer.contains(name) { return false }
      if q.overdueOnly
        && !(ProposalState.running.contains(p.state) && (p.dueOn.map { $0 < q.today } ?? false))
      {
        return false
      }
      for term in q.search.lowercased().split(whereSeparator: { $0.isWhitespace }) {
        let chars = String(term.filter { $0.isLetter || $0.isNumber })
        if !chars.isEmpty && !(texts[p.id] ?? "").contains(chars) { return false }
      }
      return true
    }
    // Number order: session, serial (drafts, without one, first), id. Title order:
    // pinyin (`NameOrder`, the roster's order), then id. Proposer order likewise. Days left: running deadlines by due date, then the
    // rest by id; descending reverses each part, the rest still last.
    func order(_ sort: ProposalSortKey, _ descending: Bool) -> (Proposal, Proposal) -> Bool {
      switch sort {
      case .title:
        return { a, b in a.title == b.title ? a.id < b.id : NameOrder.ascending(a.title, b.title) }
      case .proposer:
        return { a, b in a.proposer == b.proposer ? a.id < b.id : NameOrder.ascending(a.proposer, b.proposer)
        }
      case .daysLeft:
        return { a, b in
          let (x, y) = (a.daysLeft(on: today), b.daysLeft(on: today))
          if (x == nil) != (y == nil) { return x != nil }
          if x != y { return descending ? x! > y! : x! < y! }
          return descending ? a.id > b.id : a.id < b.id
        }
      default:
        return { a, b in
          if a.sessionID != b.sessionID { return a.sessionID < b.sessionID }
          if a.serial != b.serial { return (a.serial ?? Int.min) < (b.serial ?? Int.min) }
          return a.id < b.id
        }
      }
    }
    let category = try #require(all.first { $0.state != .draft }?.category)
    // Part of a name: its given name, shared by others.
    let proposer = try #require(all.dropFirst(100).first?.proposer.dropFirst().description)

    var checked = 0
    var nonEmpty = 0
    for session in [nil] + sessions.map(\.id) as [Int64?] {
      for filter in 0..<6 {
        for search in ["", "夜班", "车", "职工食堂", "补贴 夜", "2025"] {
          var q = ProposalQuery(sessionID: session, search: search, today: today)
          switch filter {
          case 1: q.overdueOnly = true
          case 2: q.states = [.inProgress, .replied]
          case 3: q.departmentID = department.id
          case 4: q.category = category
          case 5: q.proposer = proposer
          default: break
          }
          for (sort, descending) in [
            (ProposalSortKey.number, false), (.number, true), (.title, false), (.title, true),
            (.proposer, false), (.proposer, true), (.daysLeft, false), (.daysLeft, true),
          ] {
            q.sort = sort
            q.descending = descending
            var expected = all.filter { matches($0, q) }.sorted(by: order(sort, descending))
            if descending && sort != .daysLeft { expected.reverse() }
            let first = try repo.list(q, offset: 0, limit: 40)
            let later = try repo.list(q, offset: 25, limit: 30)
            #expect(first.total == expected.count, "total for \(q)")
            #expect(first.items.map(\.id) == expected.prefix(40).map(\.id), "first page for \(q)")
            #expect(
              later.items.map(\.id) == expected.dropFirst(25).prefix(30).map(\.id), "later page for \(q)")
            checked += 1
            if !expected.isEmpty { nonEmpty += 1 }
          }
        }
      }
    }
    #expect(checked == (sessions.count + 1) * 6 * 6 * 8)
    #expect(nonEmpty > checked / 2)
  }
}

/// The search document (keyed by session) follows a proposal into another session,
/// whether the draft is edited in the program or its row is changed behind its back.
@Test func searchFollowsAProposalIntoAnotherSession() throws {
  try withTempDir { dir in
    let f = try ProposalFixture(dir + "/s.sqlite")
    let repo = f.store.proposals
    let other = try repo.addSession(
      CongressSession(term: 8, year: 2026, opens: d("2026-02-20"), closes: d("2026-02-21")), by: clerk)
    var p = try repo.createDraft(f.draft("关于增设院内充电桩的建议"), by: clerk)
    func found(in session: Int64) throws -> Int {
      try repo.list(ProposalQuery(sessionID: session, search: "充电桩"), offset: 0, limit: 10).total
    }
    #expect(try found(in: f.session.id) == 1 && found(in: other.id) == 0)
    p.sessionID = other.id
    p = try repo.updateDraft(p, by: clerk, reason: nil)
    #expect(try found(in: f.session.id) == 0 && found(in: other.id) == 1)
    try DatabaseQueue(path: dir + "/s.sqlite").write { db in
      try db.execute(sql: "UPDATE proposal SET session_id = ? WHERE id = ?", arguments: [f.session.id, p.id])
    }
    #expect(try found(in: f.session.id) == 1 && found(in: other.id) == 0)
    // A session number typed as a search term is looked for in the text only.
    #expect(try repo.list(ProposalQuery(search: String(other.id)), offset: 0, limit: 10).total == 0)
  }
}

/// A database written before the search documents were keyed by session is moved over
/// on opening, and its proposals are found by session as before.
@Test(.sqliteOnly("rewrites the file into schema 8 (FTS5 tables, migrations)"))
func olderSearchIndexIsMigrated() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    do {
      let f = try ProposalFixture(path)
      _ = try f.submitted("关于优化夜班交接流程的建议")
      _ = try f.store.proposals.createDraft(f.draft("关于增设院内充电桩的建议"), by: clerk)
      try f.store.close()
    }
    // Back to the schema of version 8: one text column, no trigger, no number index.
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(
        sql: """
          DROP TRIGGER proposal_search_session;
          CREATE VIRTUAL TABLE proposal_search_old USING fts5(body, tokenize = 'unicode61');
          INSERT INTO proposal_search_old (rowid, body) SELECT rowid & 4294967295, body FROM proposal_search;
          DROP TABLE proposal_search;
          ALTER TABLE proposal_search_old RENAME TO proposal_search;
          DROP INDEX proposal_session_number;
          DELETE FROM grdb_migrations WHERE identifier = 'v9-proposal-search-session-number-index';
          PRAGMA user_version = 8;
          UPDATE gongzhi_meta SET value = '8' WHERE key = 'schema_version';
          """)
    }
    try queue.close()
    let store = try GongzhiStore(path: path)
    let session = try #require(try store.proposals.sessions().first)
    let repo = store.proposals
    #expect(
      try repo.list(ProposalQuery(sessionID: session.id, search: "夜班"), offset: 0, limit: 10).total == 2)
    #expect(
      try repo.list(ProposalQuery(sessionID: session.id, search: "交接流程"), offset: 0, limit: 10).total == 1)
    #expect(
      try repo.list(ProposalQuery(sessionID: session.id + 1, search: "院内"), offset: 0, limit: 10).total == 0)
    // Every document is keyed by its proposal's session and id.
    let (documents, proposals) = try DatabaseQueue(path: path).read { db in
      (
        try Row.fetchAll(db, sql: "SELECT rowid >> 32, rowid & 4294967295 FROM proposal_search ORDER BY 2")
          .map { [$0[0], $0[1]] as [Int64] },
        try Row.fetchAll(db, sql: "SELECT session_id, id FROM proposal ORDER BY id").map {
          [$0[0], $0[1]] as [Int64]
        }
      )
    }
    #expect(documents == proposals && proposals.count == 2)
  }
}

/// Documents written under the bare proposal id by a build from before v9 that was still
/// running when the file was migrated are moved to their keys at the next open: a new
/// draft becomes findable in its session, and an edit replaces the stale document.
@Test(.sqliteOnly("FTS5 rowids written by an older build of the file"))
func strayDocumentsOfAnOlderBuildAreRekeyedOnOpening() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    let (session, edited, created): (Int64, Int64, Int64)
    do {
      let f = try ProposalFixture(path)
      session = f.session.id
      edited = try f.store.proposals.createDraft(f.draft("关于增设院内充电桩的建议"), by: clerk).id
      created = try f.store.proposals.createDraft(f.draft("关于开通夜间班车的建议"), by: clerk).id
      try f.store.close()
    }
    // What the older build leaves: its edit wrote the new text under the bare id (the
    // keyed document still says 充电桩); its new draft has only a bare-id document.
    try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: """
          INSERT INTO proposal_search (rowid, body) VALUES (?, '关 于 增 设 院 内 自 行 车 棚 的 建 议');
          DELETE FROM proposal_search WHERE rowid = (? << 32) | ?;
          INSERT INTO proposal_search (rowid, body) VALUES (?, '关 于 开 通 夜 间 班 车 的 建 议');
          """, arguments: [edited, session, created, created])
    }
    let store = try GongzhiStore(path: path)
    let repo = store.proposals
    func total(_ search: String, session: Int64?) throws -> Int {
      try repo.list(ProposalQuery(sessionID: session, search: search), offset: 0, limit: 10).total
    }
    #expect(try total("自行车棚", session: session) == 1)
    #expect(try total("充电桩", session: session) == 0)
    #expect(try total("夜间班车", session: session) == 1)
    #expect(try total("关于", session: nil) == 2)
    let stray = try DatabaseQueue(path: path).read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM proposal_search WHERE rowid < 4294967296")
    }
    #expect(stray == 0)
  }
}

/// The kiosk's "recently answered" list: every answered proposal of the session, the
/// latest step first, checked against the dates of the whole proposals.
@Test func recentlyAnsweredIsNewestStepFirst() throws {
  try withStorePath { storePath, dir in
    let today = d("2026-11-24")
    let store = try GongzhiStore(path: storePath)
    try DemoProposals.populate(store, count: 600, seed: 11, today: today)
    let repo = store.proposals
    let session = try #require(try repo.sessions().max { $0.year < $1.year })
    let items = try repo.recentlyAnswered(sessionID: session.id, limit: 10_000)
    let answered: Set<ProposalState> = [.replied, .evaluated, .implemented, .closed]
    let all = try rawRows(storePath, "SELECT id FROM proposal").compactMap {
      $0.first.flatMap { $0 }.flatMap { Int64($0) }
    }
    .compactMap { try repo.proposal(id: $0) }
    let expected = all.filter { $0.sessionID == session.id && answered.contains($0.state) }
    #expect(!expected.isEmpty)
    #expect(Set(items.map(\.id)) == Set(expected.map(\.id)))
    let byID = Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0) })
    let dates = items.map { item -> Day? in
      let p = byID[item.id]!
      return p.closedOn ?? p.implementedOn ?? p.evaluatedOn ?? p.repliedOn
    }
    #expect(
      zip(dates, dates.dropFirst()).allSatisfy { a, b in
        (a ?? .init(year: 1, month: 1, day: 1)) >= (b ?? .init(year: 1, month: 1, day: 1))
      })
    #expect(try repo.recentlyAnswered(sessionID: session.id, limit: 3).map(\.id) == items.prefix(3).map(\.id))
  }
}
