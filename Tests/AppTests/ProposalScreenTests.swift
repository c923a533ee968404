import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

@MainActor
@Suite struct ProposalScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  /// A proposal of the newest session with replies and an evaluation, for the detail.
  static func answered(_ fixture: DemoFixture) throws -> Proposal {
    let repo = fixture.store.proposals
    let session = try #require(try repo.sessions().first)
    let page = try repo.list(
      ProposalQuery(
        sessionID: session.id, states: [.evaluated, .implemented, .closed], today: DemoFixture.today),
      offset: 0, limit: 50)
    for item in page.items where !(try repo.replies(proposalID: item.id)).isEmpty {
      return try #require(try repo.proposal(id: item.id))
    }
    throw CLIError("no answered proposal in the demo")
  }

  /// The proposals screen wherever the shell puts its tab.
  static func proposals(_ shell: AppShell) throws -> ProposalsScreen {
    try #require(shell.screens.lazy.compactMap { $0 as? ProposalsScreen }.first)
  }

  /// A driver on the proposals tab.
  static func driver(
    _ fixture: DemoFixture, language: Language = .zhHans, role: Role = .admin,
    size: Size = Size(width: 100, height: 30)
  ) -> Driver {
    let driver = Driver(fixture.shell(language: language, role: role, size: size), size: size)
    driver.showTab("proposals")
    return driver
  }

  @Test(arguments: [Language.zhHans, Language.en])
  func snapshots(language: Language) throws {
    let fixture = try DemoFixture()
    let tag = language == .en ? "en" : "zh"
    let number = try #require(try Self.answered(fixture).number)
    for size in Self.sizes {
      let name = "\(tag)-\(size.width)x\(size.height)"
      let list = fixture.shell(language: language, size: size)
      try list.prepareRender(name: "proposals", subject: nil, options: [:])
      expectSnapshot(Driver(list, size: size).screen, "proposals-list-\(name)")
      let detail = fixture.shell(language: language, size: size)
      try detail.prepareRender(name: "proposal", subject: number, options: [:])
      expectSnapshot(Driver(detail, size: size).screen, "proposals-detail-\(name)")
      let supervision = fixture.shell(language: language, size: size)
      try supervision.prepareRender(name: "supervision", subject: nil, options: [:])
      expectSnapshot(Driver(supervision, size: size).screen, "proposals-supervision-\(name)")
    }
  }

  @Test func cramped40x12NeverCrashes() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 40, height: 12)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(name: "proposals", subject: nil, options: [:])
    let driver = Driver(shell, size: size)
    expectSnapshot(driver.screen, "proposals-list-zh-40x12")
    driver.press(.pageDown, .enter, .down, .escape, .char("v"), .enter, .char("n"))
    driver.type("测试")
    driver.press(.tab, .tab, .tab, .enter)
    driver.type("王")
    driver.press(.escape, .escape, .escape)
    for s in [Size(width: 30, height: 8), Size(width: 41, height: 13), Size(width: 200, height: 60)] {
      driver.resize(s)
    }
    #expect(driver.screen.contains("提案"))
  }

  @Test func registerFileAssignReplyAndDissatisfiedGoesBackInProgress() throws {
    let fixture = try DemoFixture()
    let driver = Self.driver(fixture)
    driver.press(.char("n"))
    #expect(driver.screen.contains("登记新提案"))
    driver.type("关于增设夜班职工休息室的建议")
    driver.press(.tab, .right, .right, .tab, .enter)  // category 后勤保障; proposer picker
    driver.type("王")
    driver.press(.enter)
    driver.press(.tab, .tab, .enter)  // co-signers picker
    driver.type("李")
    driver.press(.enter)
    driver.type("张")
    driver.press(.enter)
    #expect(driver.screen.contains("已选："))
    driver.press(.escape, .tab)
    driver.type("夜班医护人员值班室床位不足，条件简陋，职工休息得不到保障，长期影响身体健康和医疗安全。")
    driver.press(.tab)
    driver.type("建议后勤保障部牵头改造值班室。")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("已登记并提交提案"), "\(driver.screen)")
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(search: "增设夜班职工休息室", today: DemoFixture.today), offset: 0, limit: 5).items
        .first)
    var p = try #require(try repo.proposal(id: item.id))
    #expect(p.state == .submitted)
    #expect(p.coSigners.count == 2)
    #expect(p.category == "后勤保障")
    #expect(!p.proposer.isEmpty)
    // The detail is open: review, file, assign, start handling, reply, evaluate 不满意.
    driver.press(.char("w"), .enter, .char("l"), .enter)
    driver.press(.char("a"))
    #expect(driver.screen.contains("答复期限：2027-02-24"), "the assignment form shows the computed due date")
    driver.press(.ctrl("s"), .char("h"), .enter, .char("r"))
    driver.type("已列入明年改造计划。")
    driver.press(.tab, .right, .ctrl("s"))
    driver.press(.char("e"), .left, .ctrl("s"))
    p = try #require(try repo.proposal(id: item.id))
    #expect(p.state == .inProgress)
    #expect(p.round == 2)
    #expect(p.grade == .B)
    #expect(driver.screen.contains("提案 \(p.number!) · 办理中"))
    #expect(driver.screen.contains("第二轮办理"))
    #expect(driver.screen.contains("不满意"))
    let actions = try repo.timeline(proposalID: p.id).compactMap(\.action)
    #expect(actions == [.submit, .startReview, .file, .assign, .startHandling, .reply, .evaluate])
    // The history names the department it was assigned to.
    let lead = try #require(try repo.departments(includeInactive: true).first { $0.id == p.leadDepartmentID })
    let size = Size(width: 120, height: 40)
    let detail = fixture.shell(size: size)
    try detail.prepareRender(name: "proposal", subject: p.number, options: [:])
    #expect(Driver(detail, size: size).screen.contains("交办 立案 → 已交办 \(lead.name)"))
  }

  @Test func aDraftShortOfCoSignersIsEditedThenSubmitted() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let draft = try #require(
      try repo.list(ProposalQuery(states: [.draft], today: DemoFixture.today), offset: 0, limit: 50).items
        .compactMap { try repo.proposal(id: $0.id) }.first { $0.coSigners.count < 2 })
    let shell = fixture.shell()
    try shell.prepareRender(name: "proposals", subject: nil, options: ["filter.state": "draft"])
    let driver = Driver(shell)
    let screen = try Self.proposals(shell)
    while screen.selectedItem?.id != draft.id && screen.selection.selected < screen.total - 1 {
      driver.press(.down)
    }
    driver.press(.enter)
    #expect(driver.screen.contains("E 修改草稿"), "the draft's detail offers editing")
    driver.press(.char("t"), .ctrl("s"))
    #expect(driver.screen.contains("附议人不得少于2人"), "submitting as it is is refused")
    driver.press(.escape)
    driver.press(.char("E"))
    #expect(driver.screen.contains("修改草稿 · \(draft.title)"))
    #expect(driver.screen.contains("附议人不得少于2人"), "what stops the submission is shown at once")
    // The co-signer field has the focus: pick one more (a name not on the roll is taken as typed).
    driver.press(.enter)
    driver.type("甄附议")
    driver.press(.enter, .escape, .ctrl("s"))
    #expect(driver.screen.contains("草稿已保存"), "\(driver.screen)")
    var p = try #require(try repo.proposal(id: draft.id))
    #expect(p.state == .draft)
    #expect(p.coSigners == draft.coSigners + ["甄附议"])
    #expect(p.version == draft.version + 1)
    let audited = try fixture.store.audit.entries(entity: "proposal_cosigner", since: nil, limit: 1000)
    // The server's audit trigger records the login, not the actor the client names.
    let actor = fixture.store.login ?? "tester"
    #expect(audited.contains { $0.field == "name" && $0.newValue == "甄附议" && $0.actor == actor })
    driver.press(.char("t"), .ctrl("s"))
    p = try #require(try repo.proposal(id: draft.id))
    #expect(p.state == .submitted && p.number != nil, "\(driver.screen)")
  }

  @Test func registrationCanBeKeptAsADraft() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let driver = Self.driver(fixture)
    driver.press(.char("n"))
    #expect(driver.screen.contains("Ctrl-D 存为草稿"))
    driver.type("关于增设职工书屋的建议")
    driver.press(.ctrl("d"))
    #expect(driver.screen.contains("提案人不能为空"), "a draft still needs its proposer")
    driver.type("王芳")  // the problem's field has the focus
    driver.press(.ctrl("d"))
    #expect(driver.screen.contains("已存为草稿"), "\(driver.screen)")
    let item = try #require(
      try repo.list(ProposalQuery(search: "增设职工书屋", today: DemoFixture.today), offset: 0, limit: 5).items
        .first)
    let p = try #require(try repo.proposal(id: item.id))
    #expect(p.state == .draft && p.number == nil && p.proposer == "王芳" && p.coSigners.isEmpty)
    #expect(driver.screen.contains("提案 · 草稿 "), "the new draft's detail is open, its state named once")
    #expect(!driver.screen.contains("草稿 · 草稿"))
  }

  /// Picking the proposer again replaces the unit (提案人科室) with the new proposer's.
  @Test func repickingTheProposerUpdatesTheUnit() throws {
    let fixture = try DemoFixture()
    let org = fixture.store.organisation
    let candidates = try org.searchMembers("王", limit: 50).filter { member in
      try !member.department.isEmpty && org.searchMembers(member.name, limit: 5).count == 1
    }
    let first = try #require(candidates.first)
    let second = try #require(candidates.first { $0.department != first.department })
    let driver = Self.driver(fixture)
    let screen = try Self.proposals(driver.shell)
    func form() -> Form? {
      if case .newForm(let form) = screen.mode { return form }
      return nil
    }
    driver.press(.char("n"), .tab, .tab)
    for member in [first, second] {
      driver.press(.enter)
      driver.type(member.name)
      driver.press(.enter)
      #expect(form()?.value("proposer") == member.name)
      #expect(form()?.value("proposerUnit") == member.department)
    }
    // A name typed in, not on the roll: the previous proposer's unit is cleared.
    driver.press(.enter)
    driver.type("甄某某")
    driver.press(.enter)
    #expect(form()?.value("proposer") == "甄某某")
    #expect(form()?.value("proposerUnit") == "")
  }

  /// The built-in categories read in the user's language (they are stored in Chinese).
  @Test func categoriesAreShownInEnglish() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(category: "其他", today: DemoFixture.today), offset: 0, limit: 1).items.first)
    let shell = fixture.shell(language: .en)
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let detail = Driver(shell).screen
    #expect(detail.contains("· Other"), "\(detail)")
    #expect(!detail.contains("其他"))
    let list = fixture.shell(language: .en)
    try list.prepareRender(name: "proposals", subject: nil, options: ["filter.category": "Staff welfare"])
    let screen = Driver(list).screen
    #expect(screen.contains("· Staff welfare"), "\(screen)")
    #expect(try Self.proposals(list).query.category == "职工福利")
    let driver = Self.driver(fixture, language: .en)
    driver.press(.char("n"), .tab)
    #expect(driver.screen.contains("Medical services"))
  }

  @Test func onlyDraftsCanBeEdited() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(states: [.submitted], today: DemoFixture.today), offset: 0, limit: 1).items
        .first)
    let shell = fixture.shell()
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell)
    #expect(!driver.screen.contains("修改草稿"))
    driver.press(.char("E"))
    #expect(driver.screen.contains("只有草稿可以修改（当前状态：已提交）"), "\(driver.screen)")
    #expect(!driver.screen.contains("修改草稿 ·"))
  }

  @Test func notFilingWithoutAReasonIsRefusedInlineAndSavesNothing() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(states: [.underReview], today: DemoFixture.today), offset: 0, limit: 1)
        .items.first)
    let shell = fixture.shell()
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell)
    let before = try repo.timeline(proposalID: item.id).count
    driver.press(.char("d"))
    #expect(driver.screen.contains("不立案理由"))
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("必须填写书面理由"))
    #expect(try repo.proposal(id: item.id)?.state == .underReview)
    #expect(try repo.timeline(proposalID: item.id).count == before)
    // Esc on the form with input asks first; with a reason it is saved.
    driver.type("与第7届提案重复")
    driver.press(.escape)
    #expect(driver.screen.contains("放弃修改？"))
    driver.press(.escape, .ctrl("s"))
    #expect(try repo.proposal(id: item.id)?.state == .notFiled)
    #expect(try repo.proposal(id: item.id)?.decisionNote == "与第7届提案重复")
  }

  /// A refused reply date is shown under the date field, which takes the focus (it was
  /// shown under 答复内容).
  @Test func actionRefusalsAreShownUnderTheirOwnField() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(states: [.inProgress], today: DemoFixture.today), offset: 0, limit: 1).items
        .first)
    let size = Size(width: 100, height: 30)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell, size: size)
    _ = try Self.proposals(shell)
    driver.press(.char("r"))
    driver.type("已完成整改。")
    driver.press(.tab, .tab)
    for _ in 0..<10 { driver.press(.backspace) }
    driver.type("2099-01-01")
    driver.press(.ctrl("s"))
    let lines = driver.screen.split(separator: "\n").map(String.init)
    let dateRow = try #require(lines.firstIndex { $0.contains("答复日期") && $0.contains("2099-01-01") })
    #expect(lines[dateRow + 1].contains("答复日期2099-01-01须在交办日期与今天之间"), "\(driver.screen)")
    #expect(!lines[..<dateRow].contains { $0.contains("须在交办日期与今天之间") })
    guard case .form(let form, _, _)? = driver.shell.modals.last?.screen, form.focusedID != nil else {
      Issue.record("the reply form closed")
      return
    }
    #expect(form.focusedID == "date")
    #expect(try repo.proposal(id: item.id)?.state == .inProgress)
  }

  /// 交办: a co-department equal to the lead is flagged under the field that names it;
  /// 退回 without a reason keeps its form open with the message.
  @Test func assignmentProblemsStayInTheirFormUnderTheirField() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let reviewed = try #require(
      try repo.list(ProposalQuery(states: [.underReview], today: DemoFixture.today), offset: 0, limit: 1)
        .items
        .first)
    let clerk = Actor(name: "tester", role: .admin)
    let filed = try #require(try repo.proposal(id: reviewed.id))
    let item = try repo.apply(
      .file, to: filed.id, version: filed.version, by: clerk, on: DemoFixture.today, note: nil)
    let size = Size(width: 100, height: 30)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell, size: size)
    _ = try Self.proposals(shell)
    func issues() -> [String: String] {
      guard case .form(let form, _, _)? = shell.modals.last?.screen else { return [:] }
      return Dictionary(uniqueKeysWithValues: form.fields.compactMap { f in f.issue.map { (f.id, $0) } })
    }
    driver.press(.char("a"), .tab, .tab, .right)  // 协办2 = the first department, the lead
    driver.press(.ctrl("s"))
    #expect(issues().keys.sorted() == ["co2"], "\(issues())")
    // Also a repeated co-department: the second one is at fault.
    driver.press(.left, .backTab, .right, .right, .tab, .right, .right, .ctrl("s"))
    #expect(issues().keys.sorted() == ["co2"], "\(issues())")
    driver.press(.backTab, .left, .ctrl("s"))  // 协办1 = the lead
    #expect(issues().keys.sorted() == ["co1"], "\(issues())")
    driver.press(.right, .tab, .left, .left, .ctrl("s"))
    #expect(try repo.proposal(id: item.id)?.state == .assigned, "\(driver.screen)")

    // 申请退回 with an empty reason: the form stays, with the message under 退回理由.
    let before = try repo.timeline(proposalID: item.id).count
    driver.press(.char("b"))
    #expect(driver.screen.contains("退回理由"), "\(driver.screen)")
    driver.press(.ctrl("s"))
    guard case .form? = shell.modals.last?.screen else {
      Issue.record("the return form closed: \(driver.screen)")
      return
    }
    #expect(driver.screen.contains("必须填写书面理由"), "\(driver.screen)")
    #expect(try repo.timeline(proposalID: item.id).count == before)
  }

  @Test func extensionIsOfferedOnlyBeforeTheDueDate() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(overdueOnly: true, today: DemoFixture.today), offset: 0, limit: 1).items
        .first)
    let shell = fixture.shell(language: .en)
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell)
    #expect(!driver.screen.contains("x Extend"))
    driver.press(.char("x"))
    #expect(driver.screen.contains("must be granted by the due date"), "\(driver.screen)")
  }

  @Test(arguments: [Role.officer, Role.viewer])
  func readOnlyRolesAreRefused(role: Role) throws {
    let fixture = try DemoFixture()
    let number = try #require(try Self.answered(fixture).number)
    let driver = Self.driver(fixture, role: role)
    let total = try fixture.store.proposals.list(ProposalQuery(today: DemoFixture.today), offset: 0, limit: 1)
      .total
    driver.press(.char("n"))
    #expect(driver.screen.contains("只能查看提案，不能登记或办理"))
    #expect(!driver.screen.contains("登记新提案"))
    let shell = fixture.shell(role: role)
    try shell.prepareRender(name: "proposal", subject: number, options: [:])
    let detail = Driver(shell)
    #expect(detail.screen.contains("只能查看提案"), "the detail says why no action is offered")
    detail.press(.char("c"))
    #expect(detail.screen.contains("只能查看提案，不能登记或办理"))
    #expect(
      try fixture.store.proposals.list(ProposalQuery(today: DemoFixture.today), offset: 0, limit: 1).total
        == total)
  }

  @Test func filterAndSearchNarrowTheList() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let session = try #require(try repo.sessions().first)
    let driver = Self.driver(fixture)
    let all = try repo.list(
      ProposalQuery(sessionID: session.id, today: DemoFixture.today), offset: 0, limit: 1
    ).total
    #expect(driver.screen.contains("提案 \(all) 件"))
    // f: state 办理中 (the 10th state), overdue only.
    driver.press(.char("f"), .tab)
    for _ in 0..<10 { driver.press(.right) }
    driver.press(.tab, .tab, .tab, .right, .ctrl("s"))
    let filtered = try repo.list(
      ProposalQuery(
        sessionID: session.id, states: [.inProgress], overdueOnly: true, today: DemoFixture.today),
      offset: 0, limit: 1
    ).total
    #expect(filtered < all)
    #expect(driver.screen.contains("提案 \(filtered) 件 · 办理中 · 仅逾期"), "\(driver.screen)")
    // The proposer: part of a name is enough (the given name of one proposer here).
    let someone = try #require(
      try repo.list(
        ProposalQuery(sessionID: session.id, states: [.closed], today: DemoFixture.today), offset: 0, limit: 1
      )
      .items.first?.proposer)
    let part = String(someone.dropFirst())
    let byProposer = try repo.list(
      ProposalQuery(sessionID: session.id, proposer: part, today: DemoFixture.today), offset: 0, limit: 50)
    #expect(byProposer.total >= 1 && byProposer.items.allSatisfy { $0.proposer.contains(part) })
    driver.press(.char("F"), .char("f"))
    for _ in 0..<5 { driver.press(.tab) }
    driver.type(part)
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("提案 \(byProposer.total) 件 · 提案人 \(part)"), "\(driver.screen)")
    for item in byProposer.items.prefix(5) { #expect(driver.screen.contains(item.title)) }
    driver.press(.char("F"), .char("/"))
    driver.type("停车")
    let found = try repo.list(
      ProposalQuery(sessionID: session.id, search: "停车", today: DemoFixture.today), offset: 0, limit: 50)
    #expect(found.total > 0 && found.total < all)
    #expect(driver.screen.contains("提案 \(found.total) 件 · 搜索“停车”"))
    for item in found.items.prefix(5) { #expect(driver.screen.contains(item.title)) }
    driver.press(.enter)
    #expect(driver.screen.contains(found.items[0].title), "Enter keeps the search")
    driver.press(.escape)
    #expect(driver.screen.contains("提案 \(all) 件"), "Esc clears the search")
  }

  @Test func sortCyclesAndReverses() throws {
    let fixture = try DemoFixture()
    let driver = Self.driver(fixture, language: .en)
    #expect(driver.screen.contains("Number ▲"))
    driver.press(.char("s"))
    #expect(driver.screen.contains("Title ▲"))
    driver.press(.char("S"))
    #expect(driver.screen.contains("Title ▼"))
  }

  /// Every column sorts, the proposer and the days left too, in the store (the list
  /// stays paged); at 100 columns the proposer column is not shown and `s` skips it.
  @Test func sortReachesEveryColumnShown() throws {
    let fixture = try DemoFixture()
    let wide = Self.driver(fixture, language: .en, size: Size(width: 120, height: 30))
    let screen = try Self.proposals(wide.shell)
    var seen: [ProposalSortKey] = [screen.query.sort]
    for _ in 0..<7 {
      wide.press(.char("s"))
      seen.append(screen.query.sort)
    }
    #expect(seen == [.number, .title, .proposer, .leadDepartment, .state, .dueOn, .daysLeft, .number])
    // Days left: the overdue rows first, most overdue at the top.
    for _ in 0..<6 { wide.press(.char("s")) }
    #expect(wide.screen.contains("Days left ▲"))
    let rows = wide.screen.split(separator: "\n").filter { $0.contains("7-20") }
    #expect(rows.first?.contains("overdue") == true, "\(wide.screen)")
    let overdue = try fixture.store.proposals.list(
      ProposalQuery(sessionID: screen.query.sessionID, sort: .dueOn, today: DemoFixture.today), offset: 0,
      limit: 200
    ).items.filter { $0.isOverdue(on: DemoFixture.today) }.min { ($0.dueOn!, $0.id) < ($1.dueOn!, $1.id) }
    #expect(screen.selectedItem?.id == overdue?.id)
    #expect(screen.window.count <= ProposalsScreen.pageSize)
    wide.press(.char("s"), .char("s"), .char("s"))
    #expect(screen.query.sort == .proposer && wide.screen.contains("Propo… ▲"))
    let narrow = Self.driver(fixture, language: .en, size: Size(width: 100, height: 30))
    let narrowScreen = try Self.proposals(narrow.shell)
    narrow.press(.char("s"), .char("s"))
    #expect(narrowScreen.query.sort == .leadDepartment)
  }

  @Test func overdueIsMarkedWithoutColour() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    try shell.prepareRender(name: "proposals", subject: nil, options: ["filter.overdue": "1"])
    let screen = Driver(shell).screen
    #expect(screen.contains("⚠ 逾期"))
    #expect(screen.contains("仅逾期"))
    // 督办 groups the same items by department.
    let supervision = fixture.shell()
    try supervision.prepareRender(name: "supervision", subject: nil, options: [:])
    #expect(Driver(supervision).screen.contains("督办清单"))
  }

  @Test func listIsPagedNeverLoadingEveryRow() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    try shell.prepareRender(name: "proposals", subject: nil, options: ["filter.session": "all"])
    let driver = Driver(shell)
    let screen = try Self.proposals(shell)
    #expect(screen.total > ProposalsScreen.pageSize)
    #expect(screen.window.count <= ProposalsScreen.pageSize)
    driver.press(.end)
    let last = try fixture.store.proposals.list(
      ProposalQuery(sort: .number, descending: true, today: DemoFixture.today), offset: 0, limit: 1
    ).items[0]
    #expect(driver.screen.contains(last.title))
    #expect(screen.window.count <= ProposalsScreen.pageSize)
    #expect(screen.windowOffset > 0)
  }

  @Test func renderRefusesUnknownFiltersAndNumbers() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    #expect(throws: CLIError.self) {
      try shell.prepareRender(name: "proposals", subject: nil, options: ["filter.state": "nope"])
    }
    #expect(throws: CLIError.self) {
      try shell.prepareRender(name: "proposal", subject: "9-1999-001", options: [:])
    }
    try shell.prepareRender(
      name: "proposals", subject: nil, options: ["filter.state": "办理中", "filter.department": "医务部"])
  }

  @Test func noStringKeyLeaks() throws {
    let fixture = try DemoFixture()
    let number = try #require(try Self.answered(fixture).number)
    for language in Language.allCases {
      let driver = Self.driver(fixture, language: language)
      var screens = [driver.screen]
      driver.press(.char("?"))
      screens.append(driver.screen)
      driver.press(.escape, .char("v"))
      screens.append(driver.screen)
      driver.press(.char("v"), .char("f"))
      screens.append(driver.screen)
      driver.press(.escape, .char("n"))
      screens.append(driver.screen)
      driver.press(.escape)
      let shell = fixture.shell(language: language)
      try shell.prepareRender(name: "proposal", subject: number, options: [:])
      screens.append(Driver(shell).screen)
      for screen in screens {
        let leaked = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" })
          .filter {
            $0.range(of: #"^[a-z]+\.[a-zA-Z]+(\.[a-zA-Z0-9]+)*$"#, options: .regularExpression) != nil
          }
        #expect(leaked.isEmpty, "untranslated keys \(leaked) in:\n\(screen)")
      }
    }
  }

  @Test func concurrentChangeIsRefusedAndReloaded() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(states: [.submitted], today: DemoFixture.today), offset: 0, limit: 1).items
        .first)
    let shell = fixture.shell()
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell)
    driver.press(.char("w"))
    // Another terminal starts the review first.
    let p = try #require(try repo.proposal(id: item.id))
    _ = try repo.apply(
      .startReview, to: p.id, version: p.version, by: Actor(name: "other", role: .clerk),
      on: DemoFixture.today, note: nil)
    driver.press(.enter)
    #expect(driver.screen.contains("刚被他人修改"))
    #expect(driver.screen.contains("审查中"))
    #expect(try repo.timeline(proposalID: p.id).filter { $0.action == .startReview }.count == 1)
  }

  // MARK: Command line paths

  /// The command line as "tester"; on the server the login acts (`--user` is refused there).
  func options(_ fixture: DemoFixture, _ language: Language = .zhHans) -> LaunchOptions {
    LaunchOptions(
      databasePath: fixture.path, user: fixture.store.login == nil ? "tester" : nil, theme: nil,
      language: language, ambiguousWide: false)
  }

  func write(_ text: String, in fixture: DemoFixture, name: String) throws -> String {
    let path = fixture.directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Also on the server, where the holidays' import (a table keyed by its day) once
  /// asked for `lastval()` in a fresh session and failed.
  @Test func importGoodBadAndDuplicateFilesThroughTheCommandPath() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let year = try #require(try repo.sessions().first).year
    let header = "编号,案由,理由,建议办法,类别,提案人,附议人\n"
    let good = try write(
      header + "7-\(year)-201,关于增设母婴室的建议,哺乳期职工无处哺乳,在门诊楼增设母婴室,职工福利,王五,赵六、钱七\n"
        + "7-\(year)-202,关于优化排班系统的建议,手工排班耗时,上线排班系统,信息化,孙八,周九、吴十\n", in: fixture, name: "good.csv")
    let message = try ProposalCommands.importProposals(
      file: good, options: options(fixture), today: DemoFixture.today)
    #expect(message.contains("导入提案 2 件"))
    #expect(try repo.proposal(number: "7-\(year)-201")?.state == .submitted)
    let count = try repo.list(ProposalQuery(today: DemoFixture.today), offset: 0, limit: 1).total
    // Bad: the second row's category is unknown; nothing is written.
    let bad = try write(
      header + "7-\(year)-203,关于甲的建议,理由,办法,职工福利,王五,赵六、钱七\n"
        + "7-\(year)-204,关于乙的建议,理由,办法,不存在的类别,王五,赵六、钱七\n", in: fixture, name: "bad.csv")
    do {
      _ = try ProposalCommands.importProposals(file: bad, options: options(fixture), today: DemoFixture.today)
      Issue.record("a bad file was accepted")
    } catch {
      let text = Strings(.zhHans).describe(error)
      #expect(text.hasPrefix("\(bad):3:5: "), "\(text)")
      #expect(text.contains("不存在的类别"))
    }
    // Duplicate number: refused, nothing written.
    let duplicate = try write(
      header + "7-\(year)-201,关于丙的建议,理由,办法,其他,王五,赵六、钱七\n", in: fixture, name: "dup.csv")
    #expect(throws: ImportError.self) {
      _ = try ProposalCommands.importProposals(
        file: duplicate, options: options(fixture), today: DemoFixture.today)
    }
    #expect(try repo.list(ProposalQuery(today: DemoFixture.today), offset: 0, limit: 1).total == count)
    #expect(try repo.proposal(number: "7-\(year)-203") == nil)
    // Holidays.
    let holidays = try write("日期,类型,名称\n2027-01-01,休,元旦\n", in: fixture, name: "h.csv")
    #expect(try ProposalCommands.importHolidays(file: holidays, options: options(fixture)).contains("1"))
    #expect(try repo.holidays().contains { $0.day == Day(year: 2027, month: 1, day: 1) })
  }

  @Test func exportMarkdownHasTheKPIsAndOverdueIsTabSeparated() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let session = try #require(try repo.sessions().first)
    let kpis = try repo.kpis(sessionID: session.id)
    let md = try ProposalCommands.export(
      session: "\(session.term)-\(session.year)", format: "md", options: options(fixture),
      today: DemoFixture.today)
    #expect(md.contains("| 立案率 | \(kpis.filingRate.percentText!)% (\(kpis.filed)/\(kpis.valid)) |"))
    #expect(md.contains("| 满意率 | \(kpis.satisfactionRate.percentText!)%"))
    let en = try ProposalCommands.export(
      session: nil, format: "md", options: options(fixture, .en), today: DemoFixture.today)
    #expect(en.contains("| Filing rate |"))
    let csv = try ProposalCommands.export(
      session: String(session.year), format: "csv", options: options(fixture))
    #expect(csv.hasPrefix("\u{FEFF}编号,"))
    #expect(throws: CLIError.self) {
      _ = try ProposalCommands.export(session: nil, format: "pdf", options: options(fixture))
    }
    #expect(throws: CLIError.self) {
      _ = try ProposalCommands.export(session: "9-1990", format: "md", options: options(fixture))
    }
    // --steps: the 办理经过 as CSV, never as Markdown.
    let steps = try ProposalCommands.export(
      session: nil, format: "csv", steps: true, options: options(fixture))
    #expect(steps.hasPrefix("\u{FEFF}编号,案由,日期,操作,原状态,新状态,操作人,说明,记录时间\r\n"))
    let refused = #expect(throws: CLIError.self) {
      _ = try ProposalCommands.export(session: nil, format: "md", steps: true, options: options(fixture))
    }
    #expect(refused?.description == Strings(.zhHans)("error.cli.stepsFormat", "md"))
    let overdue = try ProposalCommands.overdue(
      session: nil, options: options(fixture), today: DemoFixture.today)
    let lines = overdue.split(separator: "\n")
    #expect(!lines.isEmpty)
    #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 6 })
    #expect(lines.allSatisfy { $0.hasSuffix("\t逾期") || $0.hasSuffix("\t督办中") })
  }

  /// Reproduced with `proposals act`: a second 不满意 puts an item under 督办; the 督办
  /// view and `proposals overdue` list it, marked as supervised, though it is not overdue.
  @Test func supervisedItemsAreOnTheSupervisionViewAndTheOverdueListing() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let session = try #require(try repo.sessions().first)
    let item = try #require(
      try repo.list(
        ProposalQuery(sessionID: session.id, states: [.inProgress], today: DemoFixture.today), offset: 0,
        limit: 1
      ).items.first)
    let number = try #require(item.number)
    for (action, arguments) in [
      ("reply", ProposalActArguments(text: "已研究", grade: "B")),
      ("evaluate", ProposalActArguments(verdict: "dissatisfied")),
      ("reply", ProposalActArguments(text: "再次研究", grade: "C")),
      ("evaluate", ProposalActArguments(verdict: "dissatisfied")),
    ] {
      _ = try ProposalCommands.act(
        number: number, action: action, arguments: arguments, options: options(fixture),
        today: DemoFixture.today)
    }
    #expect(try repo.proposal(id: item.id)?.supervised == true)
    let shell = fixture.shell(size: Size(width: 120, height: 40))
    try shell.prepareRender(name: "supervision", subject: nil, options: [:])
    let screen = Driver(shell, size: Size(width: 120, height: 40)).screen
    let line = try #require(screen.split(separator: "\n").first { $0.contains(number) }, "\(screen)")
    #expect(line.contains("⚠ 督办中"))
    #expect(screen.contains("督办中 1 件"))
    let overdue = try ProposalCommands.overdue(
      session: nil, options: options(fixture), today: DemoFixture.today)
    let fields = try #require(overdue.split(separator: "\n").first { $0.contains(number) })
      .split(separator: "\t", omittingEmptySubsequences: false)
    #expect(fields.count == 6 && fields[1] == number && fields[3] == "" && fields[5] == "督办中")
  }

  @Test func actMovesAProposalOneStepAndRefusesWhatIsMissingOrUnknown() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let year = try #require(try repo.sessions().first).year
    let number = "7-\(year)-301"
    let file = try write(
      "编号,案由,理由,建议办法,类别,提案人,附议人\n\(number),关于增设母婴室的建议,哺乳期职工无处哺乳,在门诊楼增设母婴室,职工福利,王五,赵六、钱七\n",
      in: fixture, name: "act.csv")
    _ = try ProposalCommands.importProposals(file: file, options: options(fixture), today: DemoFixture.today)
    func act(_ action: String, _ arguments: ProposalActArguments = ProposalActArguments()) throws -> String {
      try ProposalCommands.act(
        number: number, action: action, arguments: arguments, options: options(fixture),
        today: DemoFixture.today)
    }
    let moved = try act("start-review", ProposalActArguments(note: "材料齐全"))
    #expect(moved.contains(number) && moved.contains("审查中"), "\(moved)")
    let id = try #require(try repo.proposal(number: number)).id
    #expect(try repo.proposal(number: number)?.state == .underReview)
    let review = try #require(try repo.timeline(proposalID: id).last)
    #expect(review.action == .startReview && review.to == .underReview && review.note == "材料齐全")
    #expect(review.actor == (fixture.store.login ?? "tester"))
    // A step the state does not allow, a missing option and an unknown action: refused, nothing moves.
    #expect(throws: (any Error).self) { _ = try act("close") }
    _ = try act("file")
    do {
      _ = try act("assign")
      Issue.record("assign without --lead was accepted")
    } catch {
      #expect(Strings(.zhHans).describe(error).contains("--lead"))
    }
    #expect(throws: CLIError.self) { _ = try act("assign", ProposalActArguments(lead: "没有这个科室")) }
    #expect(throws: CLIError.self) { _ = try act("fly") }
    #expect(throws: CLIError.self) {
      _ = try ProposalCommands.act(
        number: "9-1990-001", action: "file", arguments: ProposalActArguments(), options: options(fixture))
    }
    #expect(try repo.proposal(number: number)?.state == .filed)
    let lead = try #require(try repo.departments(includeInactive: false).first)
    _ = try act("assign", ProposalActArguments(lead: lead.name))
    let assigned = try #require(try repo.proposal(number: number))
    #expect(assigned.state == .assigned && assigned.leadDepartmentID == lead.id)
    #expect(try repo.timeline(proposalID: id).map(\.to) == [.submitted, .underReview, .filed, .assigned])
  }

  /// `proposals act X merge --into Y` with Y not filed is refused, saying so; and the
  /// refusals name states and actions in the user's words, never by their code names.
  @Test func actMergeRefusesATargetNotFiledInWords() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    func first(_ state: ProposalState) throws -> String {
      try #require(
        try repo.list(ProposalQuery(states: [state], today: DemoFixture.today), offset: 0, limit: 1).items
          .first?.number)
    }
    let (pending, notFiled, filed) = (try first(.underReview), try first(.notFiled), try first(.closed))
    func merge(into target: String, _ language: Language = .zhHans) -> String {
      do {
        return try ProposalCommands.act(
          number: pending, action: "merge", arguments: ProposalActArguments(into: target),
          options: options(fixture, language), today: DemoFixture.today)
      } catch {
        return "refused: " + Strings(language).describe(error)
      }
    }
    #expect(merge(into: notFiled) == "refused: 只能并入已立案的提案，提案\(notFiled)处于“不立案”状态")
    #expect(
      merge(into: notFiled, .en)
        == "refused: Only a filed proposal can take others in; \(notFiled) is Not filed")
    #expect(try repo.proposal(number: pending)?.state == .underReview)
    #expect(!merge(into: filed).hasPrefix("refused"))
    #expect(merge(into: filed) == "refused: 提案处于“并案”状态，不能执行“并案”")
    #expect(merge(into: filed, .en) == "refused: Action Merge is not allowed in state Merged")
  }
}
