import Domain
import Foundation
import GRDB
import Store
import Testing

struct ProposalFixture {
  var store: GongzhiStore
  var session: CongressSession
  var logistics: Department
  var it: Department

  init(_ path: String) throws {
    store = try GongzhiStore(path: path)
    let repo = store.proposals
    session = try repo.addSession(
      CongressSession(term: 7, year: 2025, opens: Day(iso: "2025-02-20")!, closes: Day(iso: "2025-02-21")!),
      by: clerk)
    logistics = try repo.addDepartment(Department(name: "后勤保障部", head: "刘强", contact: "6105"), by: clerk)
    it = try repo.addDepartment(Department(name: "信息中心", head: "陈洁", contact: "6106"), by: clerk)
  }

  func draft(_ title: String = "关于改善职工食堂夜班供餐的建议", category: String = "后勤保障", proposer: String = "王伟")
    -> Proposal
  {
    Proposal(
      sessionID: session.id, title: title, reasons: "夜班职工无热饭", measures: "延长供餐时间", category: category,
      proposer: proposer, proposerUnit: "心血管内科", coSigners: ["李娜", "张敏"])
  }

  /// Creates and submits; returns the submitted proposal.
  func submitted(_ title: String = "关于改善职工食堂夜班供餐的建议", category: String = "后勤保障", proposer: String = "王伟")
    throws -> Proposal
  {
    let p = try store.proposals.createDraft(draft(title, category: category, proposer: proposer), by: clerk)
    return try store.proposals.apply(
      .submit, to: p.id, version: p.version, by: clerk, on: Day(iso: "2025-02-21")!, note: nil)
  }
}

func d(_ s: String) -> Day { Day(iso: s)! }

@Test func proposalLifecycleIsRecordedInTimelineAndAudit() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    var p = try f.submitted()
    #expect(p.number == "7-2025-001" && p.state == .submitted)
    let steps: [(ProposalAction, String)] = [
      (.startReview, "2025-02-24"), (.file, "2025-03-03"),
      (.assign(lead: f.logistics.id, co: [f.it.id]), "2025-03-05"),
      (.startHandling, "2025-03-06"),
      (.reply(text: "已延长供餐至22点", grade: .A, on: d("2025-04-01")), "2025-04-01"),
      (.evaluate(.dissatisfied), "2025-04-03"),
      (.reply(text: "增设夜宵窗口", grade: .A, on: d("2025-04-20")), "2025-04-21"),
      (.evaluate(.satisfied), "2025-04-22"), (.implement, "2025-05-10"), (.close, "2025-05-11"),
    ]
    for (action, day) in steps {
      p = try repo.apply(action, to: p.id, version: p.version, by: clerk, on: d(day), note: nil)
    }
    #expect(p.state == .closed && p.round == 2 && p.dueOn == d("2025-05-05"))
    let stored = try #require(try repo.proposal(number: "7-2025-001"))
    #expect(stored == p)
    #expect(stored.coSigners == ["李娜", "张敏"] && stored.coDepartmentIDs == [f.it.id])
    let timeline = try repo.timeline(proposalID: p.id)
    #expect(timeline.count == 12)
    #expect(timeline.first?.action == nil && timeline.first?.to == .draft)
    #expect(timeline[6].action == .reply && timeline[6].note == "已延长供餐至22点" && timeline[6].actor == "工会干事")
    #expect(timeline[7].from == .replied && timeline[7].to == .inProgress)
    #expect(try repo.replies(proposalID: p.id).map(\.round) == [1, 2])
    #expect(try repo.evaluations(proposalID: p.id).map(\.verdict) == [.dissatisfied, .satisfied])
    let audit = try f.store.audit.entries(entity: "proposal", since: nil, limit: nil)
    #expect(audit.contains { $0.field == "state" && $0.oldValue == "replied" && $0.newValue == "inProgress" })
    #expect(audit.filter { $0.field == "state" }.count == 12)
    #expect(
      try f.store.audit.verify()
        == .intact(rows: try f.store.audit.entries(entity: nil, since: nil, limit: nil).count))
  }
}

@Test func refusalsRolesAndStaleVersions() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    let p = try f.submitted()
    for role in [Role.officer, .viewer] {
      let actor = Actor(name: "x", role: role)
      #expect(throws: StoreError.permissionDenied(.manageProposals)) {
        try repo.apply(.startReview, to: p.id, version: p.version, by: actor, on: d("2025-02-22"), note: nil)
      }
      #expect(throws: StoreError.permissionDenied(.manageProposals)) {
        try repo.createDraft(f.draft(), by: actor)
      }
    }
    #expect(
      throws: StoreError.invalid([
        FieldIssue(
          field: "action", message: Message(MessageKeys.proposalActionNotAllowed, "file", "submitted"))
      ])
    ) {
      try repo.apply(.file, to: p.id, version: p.version, by: clerk, on: d("2025-02-22"), note: nil)
    }
    let reviewed = try repo.apply(
      .startReview, to: p.id, version: p.version, by: clerk, on: d("2025-02-22"), note: "提案委员会")
    #expect(throws: StoreError.staleVersion(entity: "proposal", id: p.id)) {
      try repo.apply(.file, to: p.id, version: p.version, by: clerk, on: d("2025-02-23"), note: nil)
    }
    #expect(
      throws: StoreError.invalid([
        FieldIssue(field: "mergedInto", message: Message("error.proposal.unknownMergeTarget", "7-2025-099"))
      ])
    ) {
      try repo.apply(
        .merge(into: "7-2025-099"), to: p.id, version: reviewed.version, by: clerk, on: d("2025-02-23"),
        note: nil)
    }
    let filed = try repo.apply(
      .file, to: p.id, version: reviewed.version, by: clerk, on: d("2025-02-23"), note: nil)
    #expect(
      throws: StoreError.invalid([
        FieldIssue(field: "department", message: Message("error.proposal.unknownDepartment", "999"))
      ])
    ) {
      try repo.apply(
        .assign(lead: 999, co: []), to: p.id, version: filed.version, by: clerk, on: d("2025-02-23"),
        note: nil)
    }
    // Only drafts may be edited.
    var edited = filed
    edited.title = "改"
    #expect(
      throws: StoreError.invalid([
        FieldIssue(field: "state", message: Message("error.proposal.notDraft", "filed"))
      ])
    ) {
      try repo.updateDraft(edited, by: clerk, reason: nil)
    }
    // The timeline holds only the successful transitions.
    #expect(try repo.timeline(proposalID: p.id).map(\.to) == [.draft, .submitted, .underReview, .filed])
    #expect(try repo.timeline(proposalID: p.id)[2].note == "提案委员会")
  }
}

@Test func draftEditingReplacesCoSignersAndReindexes() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    var p = try repo.createDraft(f.draft(), by: clerk)
    p.coSigners = ["赵六", "孙七", "周八"]
    p.title = "关于增设职工夜宵窗口的建议"
    p = try repo.updateDraft(p, by: clerk, reason: "补充附议人")
    #expect(p.version == 2)
    #expect(try repo.proposal(id: p.id)?.coSigners == ["赵六", "孙七", "周八"])
    #expect(try repo.list(ProposalQuery(search: "夜宵"), offset: 0, limit: 10).total == 1)
    #expect(try repo.list(ProposalQuery(search: "周八"), offset: 0, limit: 10).total == 1)
    #expect(try repo.list(ProposalQuery(search: "供餐时间"), offset: 0, limit: 10).total == 1)
    #expect(try repo.list(ProposalQuery(search: "食堂"), offset: 0, limit: 10).total == 0)
    // Only the co-signers change: the version returned is the one stored, so the
    // next save (or the submission) with it is accepted.
    p.coSigners.append("吴九")
    p = try repo.updateDraft(p, by: clerk, reason: nil)
    #expect(try repo.proposal(id: p.id)?.version == p.version)
    p = try repo.apply(.submit, to: p.id, version: p.version, by: clerk, on: d("2025-02-21"), note: nil)
    #expect(p.state == .submitted)
    #expect(throws: StoreError.staleVersion(entity: "proposal", id: p.id)) {
      var old = p
      old.version = 1
      try repo.updateDraft(old, by: clerk, reason: nil)
    }
    var bad = try repo.createDraft(f.draft(), by: clerk)
    bad.category = "外星事务"
    #expect(
      throws: StoreError.invalid([
        FieldIssue(field: "category", message: Message(MessageKeys.proposalBadCategory, "外星事务"))
      ])
    ) {
      try repo.updateDraft(bad, by: clerk, reason: nil)
    }
    guard case .intact = try f.store.audit.verify() else {
      Issue.record("audit not intact")
      return
    }
  }
}

@Test func auditVerifyDetectsTamperingWithAProposal() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    let id: Int64
    do {
      let f = try ProposalFixture(path)
      var p = try f.submitted()
      p = try f.store.proposals.apply(
        .startReview, to: p.id, version: p.version, by: clerk, on: d("2025-02-22"), note: nil)
      id = p.id
      guard case .intact = try f.store.audit.verify() else {
        Issue.record("not intact before tampering")
        return
      }
      try f.store.close()
    }
    try tamper(path, "UPDATE proposal SET state = 'closed' WHERE id = \(id)")
    let store = try GongzhiStore(path: path)
    guard case .broken(_, let entity, let entityID, let detail) = try store.audit.verify() else {
      Issue.record("tampering not detected")
      return
    }
    #expect(entity == "proposal" && entityID == String(id))
    #expect(detail == "proposal \(id) field state: table has 'closed', audit log says 'underReview'")
    try store.close()
    try tamper(path, "UPDATE proposal SET state = 'underReview' WHERE id = \(id)")
    try tamper(
      path, "UPDATE proposal_transition SET note = '伪造' WHERE id = (SELECT MAX(id) FROM proposal_transition)")
    let again = try GongzhiStore(path: path)
    guard case .broken(_, let entity2, _, _) = try again.audit.verify() else {
      Issue.record("timeline tampering not detected")
      return
    }
    #expect(entity2 == "proposal_transition")
  }
}

@Test func listFiltersSortsPagesAndSearches() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    let titles = [
      ("关于增加职工停车位的建议", "后勤保障", "王伟"), ("关于统一院内系统账号的建议", "信息化", "刘洋"),
      ("关于提高夜班补贴标准的建议", "人事薪酬", "王伟"), ("关于建设职工健身活动室的建议", "职工福利", "赵磊"),
      ("关于提升院内网络速度的建议", "信息化", "王伟"),
    ]
    var ids: [Int64] = []
    for (t, c, who) in titles { ids.append(try f.submitted(t, category: c, proposer: who).id) }
    // Take the two 信息化 ones to assignment with the IT department; one becomes overdue.
    for id in [ids[1], ids[4]] {
      var p = try #require(try repo.proposal(id: id))
      for (a, day) in [
        (ProposalAction.startReview, "2025-02-24"), (.file, "2025-02-25"),
        (.assign(lead: f.it.id, co: []), id == ids[1] ? "2025-02-26" : "2025-06-02"),
      ] {
        p = try repo.apply(a, to: p.id, version: p.version, by: clerk, on: d(day), note: nil)
      }
    }
    let today = d("2025-06-10")
    func q(_ build: (inout ProposalQuery) -> Void) -> ProposalQuery {
      var query = ProposalQuery(sessionID: f.session.id, today: today)
      build(&query)
      return query
    }
    #expect(try repo.list(q { _ in }, offset: 0, limit: 100).total == 5)
    #expect(
      try repo.list(q { $0.category = "信息化" }, offset: 0, limit: 100).items.map(\.id) == [ids[1], ids[4]])
    #expect(
      try repo.list(
        q {
          $0.departmentID = f.it.id
          $0.overdueOnly = true
        }, offset: 0, limit: 100
      ).items.map(\.id) == [ids[1]])
    #expect(
      try repo.list(
        q {
          $0.proposer = "王伟"
          $0.states = [.submitted]
        }, offset: 0, limit: 100
      ).items.map(\.id) == [ids[0], ids[2]])
    #expect(
      try repo.list(
        q {
          $0.proposer = "王伟"
          $0.category = "信息化"
        }, offset: 0, limit: 100
      ).total == 1)
    // Paging: total stays, items follow the sort.
    let page = try repo.list(
      q {
        $0.sort = .number
        $0.descending = true
      }, offset: 1, limit: 2)
    #expect(page.total == 5 && page.items.map(\.number) == ["7-2025-004", "7-2025-003"])
    #expect(
      try repo.list(
        q {
          $0.sort = .leadDepartment
          $0.descending = true
        }, offset: 0, limit: 1
      ).items.first?.leadDepartment == "信息中心")
    #expect(try repo.list(q { $0.sort = .state }, offset: 0, limit: 5).items.last?.state == .assigned)
    #expect(try repo.list(q { $0.sort = .dueOn }, offset: 0, limit: 1).items.first?.id == ids[1])
    // Search: Chinese substrings of the title and text, numbers, several terms.
    #expect(try repo.list(q { $0.search = "院内" }, offset: 0, limit: 10).items.map(\.id) == [ids[1], ids[4]])
    #expect(try repo.list(q { $0.search = "院内 网络" }, offset: 0, limit: 10).items.map(\.id) == [ids[4]])
    #expect(try repo.list(q { $0.search = "7-2025-003" }, offset: 0, limit: 10).items.map(\.id) == [ids[2]])
    #expect(try repo.list(q { $0.search = "热饭" }, offset: 0, limit: 10).total == 5)
    #expect(
      try repo.list(
        q {
          $0.search = "补贴"
          $0.category = "信息化"
        }, offset: 0, limit: 10
      ).total == 0)
    #expect(try repo.list(q { $0.search = "\"*" }, offset: 0, limit: 10).total == 5)
    let overdue = try #require(try repo.list(q { $0.overdueOnly = true }, offset: 0, limit: 1).items.first)
    #expect(overdue.daysLeft(on: today) == -15 && overdue.isOverdue(on: today))
    // Counts, supervision.
    #expect(try repo.stateCounts(sessionID: f.session.id) == [.submitted: 3, .assigned: 2])
    let groups = try repo.supervision(sessionID: nil, today: today)
    #expect(groups.count == 1 && groups[0].department == "信息中心" && groups[0].items.count == 1)
    let risky = try repo.supervision(sessionID: nil, today: d("2025-05-20"))
    #expect(risky.first?.items.map(\.overdue) == [false])
    #expect(
      try ProposalExport.overdue(store: f.store, labels: { $0 }, today: today)
        == "信息中心\t7-2025-002\t2025-05-26\t15\t关于统一院内系统账号的建议\tproposal.supervision.reason.overdue\n")
  }
}

/// The proposer filter takes part of a name, as the search does; LIKE's wildcards
/// typed in stand for themselves.
@Test func proposerFilterMatchesPartOfTheName() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    for (title, name) in [("关于甲的建议", "王伟"), ("关于乙的建议", "王伟明"), ("关于丙的建议", "李芳"), ("关于丁的建议", "100%_王")] {
      _ = try repo.createDraft(f.draft(title, proposer: name), by: clerk)
    }
    func proposers(_ text: String) throws -> [String] {
      try repo.list(ProposalQuery(proposer: text, sort: .proposer), offset: 0, limit: 10).items.map(
        \.proposer)
    }
    #expect(try proposers("王伟") == ["王伟", "王伟明"])
    #expect(try proposers("伟") == ["王伟", "王伟明"])
    #expect(try proposers("王") == ["100%_王", "王伟", "王伟明"])
    #expect(try proposers("李芳") == ["李芳"])
    #expect(try proposers("%") == ["100%_王"])
    #expect(try proposers("_") == ["100%_王"])
    #expect(try proposers("张") == [])
  }
}

/// 并案 hands a proposal to one that is filed (立案) or later; a target not filed,
/// converted, merged itself or still under review is refused and nothing changes.
@Test func mergeOnlyIntoAFiledProposal() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    let day = d("2025-02-24")
    func reviewed(_ title: String) throws -> Proposal {
      let p = try f.submitted(title)
      return try repo.apply(.startReview, to: p.id, version: p.version, by: clerk, on: day, note: nil)
    }
    let a = try reviewed("关于甲的建议")
    let rejected = try repo.apply(
      .notFile(reason: "个人诉求"), to: a.id, version: a.version, by: clerk, on: day, note: nil)
    let pending = try reviewed("关于乙的建议")
    let c = try reviewed("关于丙的建议")
    let filed = try repo.apply(.file, to: c.id, version: c.version, by: clerk, on: day, note: nil)
    let p = try reviewed("关于丁的建议")
    for (target, state) in [(rejected, "notFiled"), (pending, "underReview")] {
      let number = try #require(target.number)
      #expect(
        throws: StoreError.invalid([
          FieldIssue(
            field: "mergedInto", message: Message("error.proposal.mergeTargetNotFiled", number, state))
        ])
      ) {
        try repo.apply(.merge(into: number), to: p.id, version: p.version, by: clerk, on: day, note: nil)
      }
    }
    #expect(try repo.proposal(id: p.id)?.state == .underReview)
    let merged = try repo.apply(
      .merge(into: filed.number!), to: p.id, version: p.version, by: clerk, on: day, note: nil)
    #expect(merged.state == .merged && merged.mergedInto == filed.number)
    // Nor into one merged itself.
    let q = try reviewed("关于戊的建议")
    #expect(
      throws: StoreError.invalid([
        FieldIssue(
          field: "mergedInto",
          message: Message("error.proposal.mergeTargetNotFiled", merged.number!, "merged"))
      ])
    ) {
      try repo.apply(
        .merge(into: merged.number!), to: q.id, version: q.version, by: clerk, on: day, note: nil)
    }
  }
}

/// The timeline says whom an assignment and a reassignment went to: the lead
/// department, then the co-departments, before the note.
@Test func assignmentsNameTheirDepartmentsInTheTimeline() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    var p = try f.submitted()
    p = try repo.apply(.startReview, to: p.id, version: p.version, by: clerk, on: d("2025-02-24"), note: nil)
    p = try repo.apply(.file, to: p.id, version: p.version, by: clerk, on: d("2025-03-03"), note: nil)
    p = try repo.apply(
      .assign(lead: f.it.id, co: [f.logistics.id]), to: p.id, version: p.version, by: clerk,
      on: d("2025-03-05"), note: "请月底前答复")
    p = try repo.apply(
      .requestReturn(reason: "不属于本部门职责"), to: p.id, version: p.version, by: clerk, on: d("2025-03-06"),
      note: nil)
    p = try repo.apply(
      .reassign(lead: f.logistics.id, co: []), to: p.id, version: p.version, by: clerk, on: d("2025-03-07"),
      note: nil)
    let notes = try repo.timeline(proposalID: p.id).filter { $0.action == .assign || $0.action == .reassign }
      .map(\.note)
    #expect(notes == ["信息中心 + 后勤保障部; 请月底前答复", "后勤保障部"])
    guard case .intact = try f.store.audit.verify() else {
      Issue.record("audit not intact")
      return
    }
  }
}

/// After a second 不满意 the item stays under 督办 until 办结: the 督办 list and the
/// overdue listing carry it, saying why, though no deadline runs any more.
@Test func supervisedProposalsStayOnTheSupervisionListUntilClosed() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    var p = try f.submitted()
    let steps: [(ProposalAction, String)] = [
      (.startReview, "2025-02-24"), (.file, "2025-03-03"), (.assign(lead: f.it.id, co: []), "2025-03-05"),
      (.startHandling, "2025-03-06"), (.reply(text: "已研究", grade: .B, on: d("2025-04-01")), "2025-04-01"),
      (.evaluate(.dissatisfied), "2025-04-03"),
      (.reply(text: "再次研究", grade: .C, on: d("2025-04-20")), "2025-04-21"),
      (.evaluate(.dissatisfied), "2025-04-22"),
    ]
    for (action, day) in steps {
      p = try repo.apply(action, to: p.id, version: p.version, by: clerk, on: d(day), note: nil)
    }
    #expect(p.state == .evaluated && p.supervised)
    let today = d("2025-09-01")
    func listed() throws -> [SupervisionItem] {
      try repo.supervision(sessionID: f.session.id, today: today).flatMap(\.items).filter {
        $0.item.id == p.id
      }
    }
    var entries = try listed()
    #expect(entries.count == 1)
    #expect(entries.first?.reason == .supervised && entries.first?.daysLeft == nil)
    #expect(
      try ProposalExport.overdue(store: f.store, labels: { $0 }, today: today)
        == "信息中心\t7-2025-001\t\(p.dueOn!.iso)\t\t关于改善职工食堂夜班供餐的建议\tproposal.supervision.reason.supervised\n")
    p = try repo.apply(.implement, to: p.id, version: p.version, by: clerk, on: d("2025-08-01"), note: nil)
    entries = try listed()
    #expect(entries.map(\.reason) == [.supervised], "still supervised once implemented")
    p = try repo.apply(.close, to: p.id, version: p.version, by: clerk, on: d("2025-08-02"), note: nil)
    #expect(try listed().isEmpty, "closed: off the list")
    #expect(try ProposalExport.overdue(store: f.store, labels: { $0 }, today: today).isEmpty)
  }
}

@Test func kpisInSQLMatchTheDomain() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    try DemoProposals.populate(f.store, seed: 3, scale: 1, today: d("2026-01-15"))
    let repo = f.store.proposals
    for s in try repo.sessions() {
      var all: [Proposal] = []
      var offset = 0
      while true {
        let page = try repo.list(ProposalQuery(sessionID: s.id), offset: offset, limit: 40)
        for item in page.items { all.append(try #require(try repo.proposal(id: item.id))) }
        offset += 40
        if offset >= page.total { break }
      }
      #expect(try repo.kpis(sessionID: s.id) == ProposalKPIs(all))
      // The header's counts come from the same trigger-kept tally.
      #expect(
        try repo.stateCounts(sessionID: s.id) == Dictionary(grouping: all, by: \.state).mapValues(\.count))
    }
    // The tally the triggers kept through every insert and transition equals one
    // counted afresh from the rows.
    let counted = """
      SELECT session_id, state, COALESCE(first_reply_on_time, -1), COALESCE(verdict, ''),
        CASE WHEN implemented_on IS NOT NULL THEN 1 ELSE 0 END, COUNT(*) FROM proposal GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      """
    let kept = "SELECT * FROM proposal_tally WHERE n > 0 ORDER BY 1, 2, 3, 4, 5"
    let fresh = try rawRows(storePath, counted)
    #expect(!fresh.isEmpty)
    #expect(fresh == (try rawRows(storePath, kept)))
  }
}

@Test func demoProposalsCoverEveryStateAndVerify() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    try DemoHospital.populate(store, seed: 42, scale: 1, today: d("2026-01-15"))
    let repo = store.proposals
    let sessions = try repo.sessions()
    #expect(sessions.map(\.year) == [2025, 2024, 2023])
    let counts = try repo.stateCounts(sessionID: nil)
    #expect(counts.values.reduce(0, +) == 150)
    for state in ProposalState.allCases where state != .draft {
      #expect((counts[state] ?? 0) > 0, "no demo proposal in \(state)")
    }
    // Drafts only in the newest session, a few, some still short of a co-signer.
    for s in sessions.dropFirst() { #expect(try repo.stateCounts(sessionID: s.id)[.draft] == nil) }
    let drafts = try repo.list(
      ProposalQuery(sessionID: sessions[0].id, states: [.draft], today: d("2026-01-15")), offset: 0, limit: 50
    ).items.compactMap { try repo.proposal(id: $0.id) }
    #expect((1...10).contains(drafts.count), "\(drafts.count) drafts")
    #expect(drafts.contains { $0.coSigners.count < 2 })
    let implemented = try repo.list(ProposalQuery(today: d("2026-01-15")), offset: 0, limit: 200).items
      .compactMap { try? repo.proposal(id: $0.id) }.filter { $0.implementedOn != nil }
    #expect(implemented.count >= 40)
    #expect(
      try repo.list(ProposalQuery(overdueOnly: true, today: d("2026-01-15")), offset: 0, limit: 1).total > 0)
    guard case .intact = try store.audit.verify() else {
      Issue.record("demo audit not intact")
      return
    }
  }
}

/// `/` finds a proposal by every round's reply text and by the notes of its 办理经过,
/// not only by its own fields; a database from before is re-indexed on open.
@Test func searchLooksInReplyTextsAndStepNotes() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    let f = try ProposalFixture(path)
    let repo = f.store.proposals
    var p = try f.submitted()
    let steps: [(ProposalAction, String, String?)] = [
      (.startReview, "2025-02-24", nil), (.file, "2025-03-03", nil),
      (.assign(lead: f.logistics.id, co: []), "2025-03-05", "请核实营养配餐标准"),
      (.startHandling, "2025-03-06", nil),
      (.reply(text: "已延长供餐至22点", grade: .B, on: d("2025-04-01")), "2025-04-01", nil),
      (.evaluate(.dissatisfied), "2025-04-03", nil),
      (.reply(text: "增设夜宵窗口", grade: .A, on: d("2025-04-20")), "2025-04-21", nil),
    ]
    for (action, day, note) in steps {
      p = try repo.apply(action, to: p.id, version: p.version, by: clerk, on: d(day), note: note)
    }
    func found(_ text: String) throws -> [Int64] {
      try repo.list(ProposalQuery(search: text), offset: 0, limit: 10).items.map(\.id)
    }
    #expect(try found("延长供餐至22点") == [p.id], "the first round's reply")
    #expect(try found("夜宵窗口") == [p.id], "the second round's reply")
    #expect(try found("营养配餐") == [p.id], "a 办理经过 note")
    #expect(try found("罚款") == [])
    // The server's schema is set up, never migrated by a client: the rest is the file's.
    guard !PGConnection.isTarget(path) else { return }
    // An older database, whose documents held only the proposal's own fields.
    try tamper(
      path,
      """
      UPDATE proposal_search SET body = '7 - 2 0 2 5 - 0 0 1';
      DELETE FROM grdb_migrations WHERE identifier = 'v12-proposal-search-replies-notes';
      PRAGMA user_version = \(GongzhiStore.schemaVersion - 1);
      UPDATE gongzhi_meta SET value = '\(GongzhiStore.schemaVersion - 1)' WHERE key = 'schema_version';
      """)
    let reopened = try GongzhiStore(path: path)
    #expect(try reopened.proposals.list(ProposalQuery(search: "夜宵窗口"), offset: 0, limit: 10).total == 1)
  }
}

/// The kiosk's recently answered list reads the `proposal_recent_answers` index (v14)
/// in order instead of sorting every answered proposal of the session.
@Test(.sqliteOnly("SQLite's EXPLAIN QUERY PLAN"))
func recentlyAnsweredReadsItsIndexInOrder() throws {
  try withStorePath { storePath, dir in
    let path = storePath
    try GongzhiStore(path: path).close()
    let plan = try DatabaseQueue(path: path).read { db in
      try Row.fetchAll(
        db,
        sql: """
          EXPLAIN QUERY PLAN SELECT p.id FROM proposal p LEFT JOIN department d ON d.id = p.lead_department_id
          WHERE p.session_id = 1 AND p.state IN ('replied', 'evaluated', 'implemented', 'closed')
          ORDER BY COALESCE(p.closed_on, p.implemented_on, p.evaluated_on, p.replied_on) DESC, p.serial DESC
          LIMIT 30
          """
      ).map { $0["detail"] as String }
    }
    #expect(plan.contains { $0.contains("proposal_recent_answers") }, "\(plan)")
    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
  }
}
