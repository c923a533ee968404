import Domain
import Foundation
import Testing

@testable import Store

/// The two places a store can live. Every repository must give the same results on both.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite
  case postgres
  var testDescription: String { rawValue }
}

/// What a scenario read back, line by line, so the two backends' runs can be compared.
final class Transcript {
  private(set) var lines: [String] = []
  func note(_ label: String, _ value: Any) { lines.append("\(label): \(value)") }
}

/// Runs `scenario` on a fresh store on `backend`: a temporary SQLite file, or a fresh
/// PostgreSQL database set up as `setup-server` does, reached as its owner (an admin)
/// or, with `role`, as a login in that role's group (the server then checks each write).
/// The PostgreSQL run also runs the scenario on SQLite and expects the same transcript:
/// SQLite is the reference. Without a server the PostgreSQL case is cancelled (skipped),
/// unless `GONGZHI_REQUIRE_PG=1`, where it fails (as `PGTest` does).
func onBackend(
  _ backend: Backend, as role: Role? = nil, sourceLocation: SourceLocation = #_sourceLocation,
  _ scenario: (_ path: String, _ log: Transcript) throws -> Void
) throws {
  let reference = Transcript()
  try withTempDir { dir in try scenario(dir + "/g.sqlite", reference) }
  guard backend == .postgres else { return }
  if !PGTest.runs { try Test.cancel(PGTest.skipReason) }
  let server = Transcript()
  try PGTest.withDatabase { db in
    _ = try PostgresSetup.run(try db.owner())
    try scenario(try role.map { try db.login($0).target } ?? db.target(), server)
  }
  #expect(server.lines.count == reference.lines.count, sourceLocation: sourceLocation)
  for (pg, lite) in zip(server.lines, reference.lines) where pg != lite {
    Issue.record("PostgreSQL \(pg)\n    SQLite \(lite)", sourceLocation: sourceLocation)
  }
}

/// The audit rows the scenario wrote: on PostgreSQL without the owner's user rows of
/// `setup-server` and of adding the test's login, and checked to be the login's (the
/// trigger records `session_user`, not the `Actor` passed).
func scenarioAudit(_ store: GongzhiStore, entity: String? = nil) throws -> [AuditEntry] {
  let entries = try store.audit.entries(entity: entity, since: nil, limit: nil)
  guard let login = store.login else { return entries }
  let scenario = entries.filter { !($0.entity == "user" && $0.actor != login) }
  #expect(scenario.allSatisfy { $0.actor == login }, "every row is the login's")
  return scenario.filter { !($0.entity == "user" && $0.entityID == login) }
}

/// The audit log without who, when and row ids (those differ by backend and by run).
func auditLines(_ store: GongzhiStore, entity: String? = nil) throws -> [String] {
  try scenarioAudit(store, entity: entity).map {
    let time = $0.field == "at" || $0.field.hasSuffix("_at")
    let new = time ? "<time>" : $0.newValue ?? "∅"
    // A rollup rebuild is logged under the moment it ran.
    let id = $0.entityID.contains(/^\d{4}-\d\d-\d\dT/) ? "<time>" : $0.entityID
    return
      "\($0.entity) \(id) \($0.action) \($0.field) \($0.oldValue ?? "∅") → \(new) \($0.reason ?? "")"
  }
}

/// The audit chain of a store that has just been written: intact, every row counted.
func expectIntactAudit(_ store: GongzhiStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let rows = try store.audit.entries(entity: nil, since: nil, limit: nil).count
  #expect(try store.audit.verify() == .intact(rows: rows), sourceLocation: sourceLocation)
}

@Suite(.serialized) struct BothBackendsTests {
  @Test(arguments: Backend.allCases) func organisation(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      let store = try GongzhiStore(path: path)
      let org = try SmallOrg(store)
      let repo = store.organisation
      var wang = try repo.addMember(
        Member(unitID: org.branch.id, name: "王伟", gender: .male, phone: "13800000001"), by: admin)
      let wangfang = try repo.addMember(Member(unitID: org.branch.id, name: "王芳", gender: .female), by: admin)
      _ = try repo.addMember(Member(unitID: org.bone.id, name: "李娜", employment: .retired), by: admin)
      _ = try repo.addMember(Member(unitID: org.bone.id, name: "张敏"), by: admin)
      // Update, move, deactivate.
      wang.phone = "13800000002"
      wang = try repo.updateMember(wang, by: admin, reason: "换号")
      #expect(wang.version == 2)
      wang.unitID = org.bone.id
      wang = try repo.updateMember(wang, by: admin, reason: "调动")
      var retired = wangfang
      retired.active = false
      retired = try repo.updateMember(retired, by: admin, reason: "退出")
      var branch = org.branch
      branch.name = "心血管内科党支部"
      branch = try repo.updateUnit(branch, by: admin, reason: "更名")
      // A second store on the same database saves first: ours is stale.
      let other = try GongzhiStore(path: path)
      var theirs = try #require(try other.organisation.member(id: wang.id))
      theirs.phone = "13800000003"
      _ = try other.organisation.updateMember(theirs, by: admin, reason: nil)
      var stale = wang
      stale.phone = "13800000004"
      #expect(throws: StoreError.staleVersion(entity: "member", id: wang.id)) {
        try repo.updateMember(stale, by: admin, reason: nil)
      }
      var staleUnit = org.branch
      staleUnit.name = "又一个名字"
      #expect(throws: StoreError.staleVersion(entity: "org_unit", id: org.branch.id)) {
        try repo.updateUnit(staleUnit, by: admin, reason: nil)
      }
      let names = { (m: [Member]) in m.map { "\($0.id) \($0.name) \($0.unitID) v\($0.version) \($0.active)" }
      }
      #expect(try repo.searchMembers("王", limit: 10).map(\.name) == ["王伟"])
      #expect(try repo.searchMembers("张敏", limit: 10).map(\.name) == ["张敏"])
      #expect(try repo.searchMembers("娜", limit: 10).map(\.name) == ["李娜"])
      #expect(try repo.searchMembers("赵", limit: 10).isEmpty)
      let totals = try repo.memberTotals()
      #expect(totals.all == 3 && totals.retired == 1 && totals.serving == 2)
      log.note("units", try repo.units(includeInactive: true).map { "\($0.id) \($0.name) v\($0.version)" })
      log.note("counts", try repo.memberCounts().sorted { $0.key < $1.key })
      log.note("bone", names(try repo.members(inUnit: org.bone.id, includeInactive: false)))
      log.note("branch all", names(try repo.members(inUnit: org.branch.id, includeInactive: true)))
      log.note("search 王", names(try repo.searchMembers("王", limit: 10)))
      log.note("totals", "\(totals)")
      log.note(
        "member", try repo.member(id: wang.id).map { "\($0.name) \($0.phone) v\($0.version)" } ?? "nil")
      // A read-only open (the kiosk's, a standby's) reads the same.
      let reader = try GongzhiStore(path: path, readOnly: true)
      #expect(try reader.organisation.units(includeInactive: true) == repo.units(includeInactive: true))
      #expect(try reader.organisation.searchMembers("王", limit: 10) == repo.searchMembers("王", limit: 10))
      // A write through it is refused, in the file's or the server's words.
      do {
        try reader.organisation.addMember(Member(unitID: org.bone.id, name: "赵六"), by: admin)
        Issue.record("a read-only open wrote")
      } catch StoreError.readOnlyFile {
        #expect(!PGConnection.isTarget(path))
      } catch StoreError.readOnlyServer {
        #expect(PGConnection.isTarget(path))
      }
      log.note("audit", try auditLines(store))
      try expectIntactAudit(store)
    }
  }

  /// Chinese names sort by pinyin on both (one collation for every list a person scans):
  /// polyphonic surnames, Latin names, digits and mixed scripts included. (Not yet
  /// letters outside NameOrder's table: SQLite puts "Łukasz" after "Smith" by code point,
  /// the server's ICU collation next to "L".)
  @Test(arguments: Backend.allCases) func pinyinOrder(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      let store = try GongzhiStore(path: path)
      let org = try SmallOrg(store)
      let names = [
        "曾国强", "单丽", "重阳", "张三", "章程", "阿依古丽", "Smith", "alice", "王伟2", "王伟10", "欧阳娜", "区志明",
        "吕布", "律师", "乐乐", "岳飞", "仇英", "李娜", "李 娜",
      ]
      for name in names {
        _ = try store.organisation.addMember(Member(unitID: org.bone.id, name: name), by: admin)
      }
      let listed = try store.organisation.members(inUnit: org.bone.id, includeInactive: false).map(\.name)
      #expect(listed == NameOrder.sorted(names) { $0 })
      log.note("members", listed)
      log.note("search 王伟", try store.organisation.searchMembers("王伟", limit: 10).map(\.name))
      log.note("search 李", try store.organisation.searchMembers("李", limit: 10).map(\.name))
    }
  }

  /// Four proposals in different states and departments; returns the fixture.
  static func proposals(_ path: String) throws -> ProposalFixture {
    let f = try ProposalFixture(path)
    let repo = f.store.proposals
    var canteen = try f.submitted()
    for (action, day) in [
      (ProposalAction.startReview, "2025-02-24"), (.file, "2025-03-03"),
      (.assign(lead: f.logistics.id, co: [f.it.id]), "2025-03-05"), (.startHandling, "2025-03-06"),
      (.reply(text: "已延长供餐至22点", grade: .A, on: d("2025-04-01")), "2025-04-01"),
    ] {
      canteen = try repo.apply(
        action, to: canteen.id, version: canteen.version, by: clerk, on: d(day), note: nil)
    }
    var parking = try f.submitted("关于增加职工停车位的建议", category: "后勤保障", proposer: "赵强")
    for (action, day) in [
      (ProposalAction.startReview, "2025-02-24"), (.file, "2025-03-03"),
      (.assign(lead: f.it.id, co: []), "2025-03-05"),
    ] {
      parking = try repo.apply(
        action, to: parking.id, version: parking.version, by: clerk, on: d(day), note: nil)
    }
    _ = try f.submitted("关于完善信息系统的建议", category: "信息化", proposer: "陈刚")
    var draft = try repo.createDraft(f.draft("关于食堂卫生的建议", category: "后勤保障", proposer: "王芳"), by: clerk)
    draft.coSigners = ["周杰"]
    draft = try repo.updateDraft(draft, by: clerk, reason: "补充附议人")
    // Someone else's save first (a second store on the same database): ours is stale.
    let other = try GongzhiStore(path: path)
    var theirs = try #require(try other.proposals.proposal(id: draft.id))
    theirs.reasons = "食堂卫生检查记录不全"
    _ = try other.proposals.updateDraft(theirs, by: clerk, reason: nil)
    #expect(throws: StoreError.staleVersion(entity: "proposal", id: draft.id)) {
      try repo.updateDraft(draft, by: clerk, reason: nil)
    }
    var logistics = f.logistics
    logistics.contact = "6199"
    _ = try repo.updateDepartment(logistics, by: clerk, reason: "换号")
    try repo.saveHolidays(
      [
        Holiday(day: d("2025-05-01"), kind: .holiday, name: "劳动节"),
        Holiday(day: d("2025-04-27"), kind: .workday, name: "劳动节调休"),
      ], by: clerk)
    return f
  }

  /// On the server as a clerk's login: the server's grants must allow what the role may do.
  @Test(arguments: Backend.allCases) func proposals(_ backend: Backend) throws {
    try onBackend(backend, as: .clerk) { path, log in
      let f = try Self.proposals(path)
      let repo = f.store.proposals
      let session = f.session.id
      let today = d("2025-06-30")
      let row = { (p: ProposalListItem) in
        "\(p.number ?? "-") \(p.title) \(p.state) \(p.leadDepartment ?? "-") \(p.dueOn?.description ?? "-")"
      }
      for sort in ProposalSortKey.allCases {
        for descending in [false, true] {
          let page = try repo.list(
            ProposalQuery(sessionID: session, sort: sort, descending: descending, today: today), offset: 0,
            limit: 50)
          #expect(page.total == 4)
          log.note("sort \(sort) \(descending)", page.items.map(row))
        }
      }
      let searched = try repo.list(ProposalQuery(search: "食堂", today: today), offset: 0, limit: 50)
      #expect(searched.items.map(\.title).sorted() == ["关于改善职工食堂夜班供餐的建议", "关于食堂卫生的建议"].sorted())
      log.note("search 食堂", searched.items.map(row))
      log.note(
        "search 停车",
        try repo.list(ProposalQuery(search: "停车", today: today), offset: 0, limit: 50).items.map(row))
      log.note(
        "search 李娜",
        try repo.list(ProposalQuery(search: "李娜", today: today), offset: 0, limit: 50).items.map(row))
      log.note(
        "search none", try repo.list(ProposalQuery(search: "餐食", today: today), offset: 0, limit: 50).total)
      // A number typed without its dashes: found past the punctuation in the document
      // (on the server by the regular expression, not the spaced term).
      if let number = searched.items.first?.number {
        let digits = String(number.filter(\.isNumber))
        let byDigits = try repo.list(ProposalQuery(search: digits, today: today), offset: 0, limit: 50)
        #expect(byDigits.items.contains { $0.number == number }, "\(digits)")
        log.note("search \(digits)", byDigits.items.map(row))
      }
      let filtered = try repo.list(
        ProposalQuery(
          sessionID: session, states: [.submitted, .assigned], category: "后勤保障", proposer: "赵", today: today),
        offset: 0, limit: 50)
      #expect(filtered.items.map(\.title) == ["关于增加职工停车位的建议"])
      log.note(
        "filters",
        try repo.list(
          ProposalQuery(
            sessionID: session, states: [.submitted, .assigned], category: "后勤保障", proposer: "赵", today: today
          ),
          offset: 0, limit: 50
        ).items.map(row))
      log.note(
        "department",
        try repo.list(ProposalQuery(departmentID: f.logistics.id, today: today), offset: 0, limit: 50).items
          .map(row))
      let overdue = try repo.list(ProposalQuery(overdueOnly: true, today: today), offset: 0, limit: 50)
      log.note("overdue", overdue.items.map(row))
      log.note("page 2", try repo.list(ProposalQuery(today: today), offset: 2, limit: 1).items.map(row))
      let counts = try repo.stateCounts(sessionID: nil)
      #expect(counts.values.reduce(0, +) == 4)
      log.note("states", counts.sorted { $0.key.rawValue < $1.key.rawValue })
      log.note("kpis", try repo.kpis(sessionID: session))
      log.note("answered", try repo.recentlyAnswered(sessionID: session, limit: 5).map(row))
      log.note(
        "supervision",
        try repo.supervision(sessionID: session, today: today).map { group in
          "\(group.department): "
            + group.items.map { "\($0.item.title) \($0.reason) \($0.daysLeft ?? 0)" }.joined(
              separator: "; ")
        })
      let outline = try repo.supervisionOutline(sessionID: session, departmentID: nil, today: today)
      log.note(
        "supervision outline",
        outline.departments.map { "\($0.department) \($0.overdue) \($0.atRisk) \($0.supervised)" })
      log.note(
        "supervision page",
        try repo.supervisionItems(outline, offset: 1, limit: 1).map { "\($0.item.title) \($0.reason)" })
      let canteen = try #require(try repo.proposal(number: "7-2025-001"))
      log.note(
        "replies", try repo.replies(proposalID: canteen.id).map { "\($0.round) \($0.text) \($0.grade)" })
      log.note(
        "timeline",
        try repo.timeline(proposalID: canteen.id).map {
          "\($0.day) \($0.from.map { "\($0)" } ?? "-") → \($0.to)"
        })
      log.note("actions", try repo.availableActions(for: canteen, role: .clerk, on: today))
      log.note(
        "departments",
        try repo.departments(includeInactive: true).map { "\($0.name) \($0.contact) v\($0.version)" })
      log.note("holidays", try repo.holidays().map { "\($0.day) \($0.kind) \($0.name)" })
      log.note("sessions", try repo.sessions().map { "\($0.term) \($0.year)" })
      log.note(
        "drafts",
        try repo.list(ProposalQuery(states: [.draft], today: today), offset: 0, limit: 9).items.map(row))
      log.note("audit", try auditLines(f.store))
      try expectIntactAudit(f.store)
    }
  }

  /// On the server as an officer's login (党务干部 score and run the workflow).
  @Test(arguments: Backend.allCases) func assessment(_ backend: Backend) throws {
    try onBackend(backend, as: .officer) { path, log in
      let store = try GongzhiStore(path: path)
      let org = try SmallOrg(store)
      let repo = store.assessments
      let q3 = Period("2025Q3")!
      var a = try repo.createAssessment(unitID: org.branch.id, period: q3, schemeRowID: nil, by: officer)
      a = try scoreFully(store, a)
      var meetings = EntryInput(
        indicatorID: "life.meetings", selfInput: IndicatorInput(occurrences: 3), evidence: "x")
      meetings.note = "缺3次党小组会"
      a = try repo.saveEntry(meetings, assessmentID: a.id, version: a.version, reason: nil, by: officer)
      #expect(a.summary.total == 498.5)
      var b = try repo.createAssessment(unitID: org.bone.id, period: q3, schemeRowID: nil, by: officer)
      b = try scoreFully(store, b)
      // An edit of the scheme in use (not yet frozen by a locked assessment) retotals its assessments.
      var edited = try #require(try repo.currentScheme())
      edited.scheme.name = "五化考评（修订）"
      edited.scheme.excellentCap = 0.2
      let resaved = try repo.saveScheme(edited.scheme, by: officer)
      #expect(resaved.rowID == edited.rowID)
      a = try #require(try repo.assessment(id: a.id))
      b = try #require(try repo.assessment(id: b.id))
      // Workflow to 公示 and 定等 for the first; the second stays submitted.
      for _ in 0..<4 {
        a = try repo.transition(
          .advance, assessmentID: a.id, version: a.version, note: "", today: day, by: officer)
      }
      #expect(a.state == .publicNotice)
      let o = try repo.addObjection(assessmentID: a.id, raisedBy: "匿名", content: "记录不全", on: day, by: officer)
      let later = Day(year: 2025, month: 10, day: 16)
      _ = try repo.resolveObjection(id: o.id, version: o.version, resolution: "经核实齐全", on: later, by: officer)
      a = try repo.transition(
        .advance, assessmentID: a.id, version: a.version, note: "", today: later, by: officer)
      #expect(a.state == .locked)
      b = try repo.transition(
        .advance, assessmentID: b.id, version: b.version, note: "", today: day, by: officer)
      #expect(throws: StoreError.staleVersion(entity: "assessment", id: b.id)) {
        try repo.transition(
          .advance, assessmentID: b.id, version: b.version - 1, note: "", today: day, by: officer)
      }
      for aspect in ReviewAspect.allCases {
        try repo.setReviewMark(
          unitID: org.branch.id, year: 2025, rater: .committee, aspect: aspect, mark: 90, by: officer)
      }
      // 党员积分: events, and the year's points per member (most points first).
      let wang = try store.organisation.addMember(Member(unitID: org.branch.id, name: "王伟"), by: officer)
      let li = try store.organisation.addMember(Member(unitID: org.branch.id, name: "李娜"), by: officer)
      for month in 1...3 {
        try repo.addPointsEvent(
          memberID: wang.id,
          event: PointsEvent(itemID: "theme-day", day: Day(year: 2025, month: month, day: 5)),
          note: "", by: officer)
      }
      try repo.addPointsEvent(
        memberID: li.id,
        event: PointsEvent(itemID: "absent", day: Day(year: 2025, month: 3, day: 1), count: 2),
        note: "无故缺席", by: officer)
      let points = try repo.memberPoints(unitID: org.branch.id, year: 2025, rules: .standard)
      #expect(points.map(\.name) == ["王伟", "李娜"])
      log.note("points", points)
      log.note("events", try repo.pointsEvents(memberID: wang.id, year: 2025))
      log.note("periods", try repo.periods())
      log.note(
        "list",
        try repo.assessments(period: q3).map {
          "\($0.unitID) \($0.state) \($0.total) \($0.grade) \($0.unscored)"
        })
      log.note(
        "a",
        "\(a.state) \(a.summary.total) \(a.selfSummary.total) \(a.noticeStart?.description ?? "-") v\(a.version)"
      )
      log.note(
        "history",
        try repo.history(assessmentID: a.id).map { "\($0.from.map { "\($0)" } ?? "-") → \($0.to) \($0.note)" }
      )
      log.note(
        "objections",
        try repo.objections(assessmentID: a.id).map { "\($0.content) \($0.resolution ?? "-") \($0.isOpen)" })
      let ranking = try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: nil)
      #expect(ranking.rows.count == 2)
      log.note(
        "ranking",
        ranking.rows.map { "\($0.unitName) \($0.rank.map(String.init) ?? "-") \($0.total) \($0.grade)" })
      log.note(
        "ranking clinical",
        try repo.ranking(period: q3, kind: .branch, generalBranchID: nil, category: .clinical).rows.map(
          \.unitName))
      log.note("marks", try repo.reviewMarks(unitID: org.branch.id, year: 2025).count)
      log.note(
        "year", try repo.yearResults(year: 2025, weights: .standard).map { "\($0.unitID) \($0.result)" })
      log.note("schemes", try repo.schemes().map { "\($0.rowID) \($0.scheme.id) \($0.frozen)" })
      log.note("audit", try auditLines(store, entity: "assessment").count)
      try expectIntactAudit(store)
    }
  }

  @Test(arguments: Backend.allCases) func satisfaction(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      let store = try GongzhiStore(path: path)
      try withTempDir { dir in
        let file = dir + "/staff.csv"
        try write(smallCSV, to: file)
        let record = try SatisfactionImport.responses(path: file, store: store, actor: admin) { _, _ in }
        #expect(record.rows == 9)
      }
      let sat = store.satisfaction
      try sat.setTarget(88, for: .staff, by: admin, reason: "年度目标")
      #expect(try sat.targets().values[.staff] == 88)
      #expect(try sat.responseCount() == 9)
      #expect(try sat.departments(.staff) == ["骨科", "心内科"])
      let jan = SatisfactionPeriod.month(2025, 1)
      let k = try sat.kpi(.staff, period: jan, seriesLength: 3, department: nil, k: 5)
      log.note("kpi", k)
      log.note("kpi 心内科", try sat.kpi(.staff, period: jan, seriesLength: 3, department: "心内科", k: 1))
      log.note("targets", try sat.targets())
      log.note("latest", try sat.latestMonth(.staff) as Any)
      log.note("range", try sat.monthRange() as Any)
      for kind in SatisfactionScoreKind.allCases {
        log.note("ranking \(kind)", try sat.departmentRanking(.staff, period: jan, k: 1, by: kind))
        log.note(
          "weakest \(kind)",
          try sat.weakestItems(.staff, period: jan, count: 3, trendLength: 2, department: nil, k: 1, by: kind)
        )
      }
      log.note(
        "heat", try sat.itemHeat(.staff, periods: [jan, .month(2025, 2)], department: nil, k: 1))
      let q1 = SatisfactionPeriod(kind: .quarter, year: 2025, number: 1)
      log.note("kpi Q1", try sat.kpi(.staff, period: q1, seriesLength: 4, department: nil, k: 1))
      log.note("ranking Q1", try sat.departmentRanking(.staff, period: q1, k: 1, by: .mean))
      log.note("imports", try sat.imports().map { "\($0.file) \($0.rows)" })
      try sat.rebuildRollups(by: admin)
      log.note("kpi after rebuild", try sat.kpi(.staff, period: jan, seriesLength: 3, department: nil, k: 5))
      log.note("audit", try auditLines(store))
      try expectIntactAudit(store)
    }
  }

  @Test(arguments: Backend.allCases) func disclosure(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      let f = try DisclosureFixture(path)
      let repo = f.store.disclosures
      var fee = try repo.addItem(f.item("党费收缴使用", kiosk: true), by: admin)
      let internalItem = try repo.addItem(f.item("干部任免", level: .staff, department: f.finance), by: admin)
      _ = try repo.addItem(f.item("药品价格", level: .society, schedule: .monthly, kiosk: true), by: admin)
      fee = try repo.recordPublication(
        DisclosurePublication(
          itemID: fee.id, publishedOn: d("2026-02-10"), text: "2025年度党费", channelIDs: fee.channelIDs),
        itemVersion: fee.version, by: officer, today: d("2026-03-01")
      ).item
      fee = try repo.recordPublication(
        DisclosurePublication(
          itemID: fee.id, publishedOn: d("2026-01-10"), text: "更早的一次", channelIDs: fee.channelIDs),
        itemVersion: fee.version, by: officer, today: d("2026-03-01")
      ).item
      _ = try repo.recordPublication(
        DisclosurePublication(
          itemID: internalItem.id, publishedOn: d("2026-02-11"), text: "任免",
          channelIDs: internalItem.channelIDs),
        itemVersion: internalItem.version, by: officer, today: d("2026-03-01"))
      var renamed = fee
      renamed.content = "党费收缴、使用和管理情况"
      renamed = try repo.updateItem(renamed, by: admin, reason: "完善")
      #expect(throws: StoreError.staleVersion(entity: "disclosure_item", id: fee.id)) {
        try repo.updateItem(fee, by: admin, reason: nil)
      }
      let entries = try repo.entries(DisclosureQuery(today: d("2026-11-24")))
      #expect(entries.count == 3)
      log.note("entries", entries)
      log.note("overdue", try repo.entries(DisclosureQuery(overdueOnly: true, today: d("2026-11-24"))).count)
      log.note("publications", try repo.publications(itemID: fee.id).map { "\($0.publishedOn) \($0.text)" })
      let notices = try repo.kioskNotices(limit: 10)
      #expect(notices.count == 1)
      log.note("kiosk", notices)
      var board = try #require(try repo.channels(includeInactive: true).first)
      board.active = false
      _ = try repo.updateChannel(board, by: admin, reason: "撤除")
      log.note("channels", try repo.channels(includeInactive: true).map { "\($0.name) \($0.active)" })
      log.note("active channels", try repo.channels(includeInactive: false).count)
      log.note(
        "finance",
        try repo.entries(DisclosureQuery(departmentID: f.finance.id, today: d("2026-11-24"))).map(\.item.name)
      )
      log.note(
        "society", try repo.entries(DisclosureQuery(level: .society, today: d("2026-11-24"))).map(\.item.name)
      )
      log.note("audit", try auditLines(f.store, entity: "disclosure_item"))
      try expectIntactAudit(f.store)
    }
  }

  @Test(arguments: Backend.allCases) func settingsAndUsers(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      let store = try GongzhiStore(path: path)
      let login = store.login ?? "root"
      let me = try store.users.resolveActor(name: login)
      #expect(me.role == .admin)
      try store.users.add(name: "李四", role: .clerk, by: me)
      try store.users.add(name: "王五", role: .officer, by: me)
      #expect(throws: StoreError.duplicateUser("李四")) {
        try store.users.add(name: "李四", role: .viewer, by: me)
      }
      #expect(try store.users.resolveActor(name: "李四").role == .clerk)
      #expect(throws: StoreError.unknownUser("nobody")) { _ = try store.users.resolveActor(name: "nobody") }
      // The installer's own name differs per backend; the others must not.
      log.note("users", try store.users.list().filter { $0.name != login }.map { "\($0.name) \($0.role)" })
      let settings = store.settings
      try settings.set(SettingKey.hospitalName, to: "市第一人民医院", by: me)
      try settings.set(SettingKey.disclosureFirstGrace, to: "3", by: me)
      #expect(throws: StoreError.self) { try settings.set(SettingKey.disclosureFirstGrace, to: "-1", by: me) }
      try settings.set(SettingKey.hospitalName, to: "市第一人民医院（本部）", by: me)
      try settings.set(SettingKey.disclosureFirstGrace, to: nil, by: me)
      #expect(try settings.value(SettingKey.hospitalName) == "市第一人民医院（本部）")
      #expect(try settings.value(SettingKey.disclosureFirstGrace) == nil)
      log.note("settings", try settings.all().sorted { $0.key < $1.key })
      log.note("audit", try auditLines(store, entity: "setting"))
      try expectIntactAudit(store)
    }
  }

  /// After every repository has written, the log verifies, and its subjects are named.
  @Test(arguments: Backend.allCases) func auditAfterEverything(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      let f = try Self.proposals(path)
      let store = f.store
      let org = try SmallOrg(store)
      var a = try store.assessments.createAssessment(
        unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
      a = try scoreFully(store, a)
      _ = try store.organisation.addMember(Member(unitID: org.branch.id, name: "王伟"), by: admin)
      let entries = try scenarioAudit(store)
      try expectIntactAudit(store)
      let subjects = try store.audit.subjects(of: entries)
      #expect(!subjects.isEmpty)
      log.note("subjects", subjects.sorted { $0.key < $1.key }.map(\.value))
      log.note("entities", Set(entries.map(\.entity)).sorted())
      log.note(
        "limit 3",
        try store.audit.entries(entity: "member", since: nil, limit: 3).map { "\($0.entityID) \($0.field)" })
      log.note("all", try auditLines(store))
    }
  }
}
