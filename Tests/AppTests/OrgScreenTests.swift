import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

@MainActor
@Suite struct OrgScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)]

  @Test(arguments: [Language.zhHans, Language.en])
  func snapshots(language: Language) throws {
    let fixture = try DemoFixture()
    for size in Self.sizes {
      let shell = fixture.shell(language: language, size: size)
      try shell.prepareRender(name: "org", subject: nil, options: ["select": "内科党总支/心血管内科党支部"])
      let driver = Driver(shell, size: size)
      let tag = language == .en ? "en" : "zh"
      expectSnapshot(driver.screen, "org-branch-\(tag)-\(size.width)x\(size.height)")
      let root = Driver(fixture.shell(language: language, size: size), size: size)
      expectSnapshot(root.screen, "org-root-\(tag)-\(size.width)x\(size.height)")
    }
  }

  @Test func noStringKeyLeaksOntoAnyScreen() throws {
    let fixture = try DemoFixture()
    for language in Language.allCases {
      let driver = Driver(fixture.shell(language: language))
      var screens = [driver.screen]
      driver.press(.char("?"))
      screens.append(driver.screen)
      driver.press(.escape, .down, .right, .down, .tab, .char("e"))
      screens.append(driver.screen)
      driver.press(.escape, .char("/"))
      driver.type("王")
      screens.append(driver.screen)
      for screen in screens {
        let leaked = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" })
          .filter { $0.range(of: #"^[a-z]+\.[a-zA-Z]+(\.[a-zA-Z]+)*$"#, options: .regularExpression) != nil }
        #expect(leaked.isEmpty, "untranslated keys \(leaked) in:\n\(screen)")
      }
    }
  }

  @Test func browsingTheTreeShowsTheBranchRoster() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell())
    #expect(driver.screen.contains("医院党委"))
    #expect(driver.screen.contains("内科党总支"))
    #expect(!driver.screen.contains("心血管内科党支部"), "general branches start collapsed")
    driver.press(.down, .right, .down)
    #expect(driver.screen.contains("医院党委 › 内科党总支 › 心血管内科党支部"))
    #expect(driver.screen.contains("党员 42 人"))
    driver.press(.left)
    #expect(driver.screen.contains("医院党委 › 内科党总支 "), "left on a leaf goes up to its parent")
    driver.press(.left)
    #expect(driver.screen.contains("├─▸ 内科党总支"), "left on an open unit collapses it")
  }

  @Test func searchFindsAMemberAndOpensTheirBranch() throws {
    let fixture = try DemoFixture()
    let someone = try #require(
      fixture.store.organisation.searchMembers("", limit: 1000).first { $0.name.count == 3 })
    let driver = Driver(fixture.shell())
    driver.press(.char("/"))
    driver.type(String(someone.name.prefix(2)))
    #expect(driver.screen.contains(someone.name))
    // Narrow to exactly this member and open it.
    driver.type(String(someone.name.suffix(1)))
    driver.press(.enter)
    let unit = try #require(
      fixture.store.organisation.units(includeInactive: false).first { $0.id == someone.unitID })
    #expect(driver.screen.contains(unit.name))
    #expect(driver.screen.contains(someone.name))
    driver.press(.char("e"))
    #expect(driver.screen.contains("编辑党员 \(someone.name)"), "the searched member is selected in the roster")
  }

  @Test func addingAMemberByKeysSavesItAndItSurvivesReopening() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell())
    driver.press(.down, .right, .down, .tab, .char("a"))
    #expect(driver.screen.contains("新增党员"))
    driver.type("测试员")
    driver.press(.tab, .right, .tab)
    driver.type("1990-05-06")
    driver.press(.tab)
    driver.type("2015-07-01")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("已添加 测试员"))
    let found = try fixture.store.organisation.searchMembers("测试员", limit: 5)
    #expect(found.count == 1)
    #expect(found.first?.gender == .female)
    #expect(found.first?.birthDate == Day(year: 1990, month: 5, day: 6))
    // A new process sees it.
    let reopened = try GongzhiStore(path: fixture.path)
    #expect(try reopened.organisation.searchMembers("测试员", limit: 5).count == 1)
  }

  @Test func invalidInputIsShownInlineAndNothingIsSaved() throws {
    let fixture = try DemoFixture()
    let before = try fixture.store.organisation.memberTotals().all
    let driver = Driver(fixture.shell(language: .en))
    driver.press(.down, .right, .down, .tab, .char("a"))
    driver.press(.tab, .tab)
    driver.type("1990-13-45")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("Name is required"))
    #expect(driver.screen.contains("\"1990-13-45\" is not a date"))
    #expect(try fixture.store.organisation.memberTotals().all == before)
    // Esc on a dirty form asks before throwing the input away.
    driver.press(.escape)
    #expect(driver.screen.contains("Discard changes?"))
    driver.press(.escape)
    #expect(driver.screen.contains("New member in"), "cancelling the question keeps the form")
  }

  @Test func viewerIsRefusedEveryEdit() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en, role: .viewer))
    driver.press(.down, .right, .down, .tab)
    for key in ["a", "A", "m", "d", "u"] {
      driver.press(.char(Character(key)))
      #expect(driver.screen.contains("Your role (viewer) cannot change units or members"), "key \(key)")
    }
    // Enter opens the member read-only.
    driver.press(.enter)
    #expect(driver.screen.contains("Read only"))
    driver.press(.char("x"), .escape)
    #expect(!driver.screen.contains("Discard changes?"))
  }

  @Test func deactivateAsksFirstAndUndoRestores() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en))
    driver.press(.down, .right, .down, .tab)
    let before = try fixture.store.organisation.memberTotals().all
    driver.press(.char("d"))
    #expect(driver.screen.contains("Deactivate member"))
    driver.press(.left, .enter)
    #expect(try fixture.store.organisation.memberTotals().all == before - 1)
    driver.press(.char("u"))
    #expect(driver.screen.contains("Undid the last change"))
    #expect(try fixture.store.organisation.memberTotals().all == before)
    #expect(
      try fixture.store.audit.verify()
        == .intact(rows: try fixture.store.audit.entries(entity: nil, since: nil, limit: nil).count))
  }

  @Test func moveMemberToAnotherBranch() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en))
    driver.press(.down, .right, .down, .tab)
    driver.press(.char("m"))
    #expect(driver.screen.contains("Move "))
    driver.type("消化内科")
    driver.press(.enter)
    #expect(driver.screen.contains("to 消化内科党支部"))
  }

  @Test func concurrentEditIsRefusedAndReloaded() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en))
    driver.press(.down, .right, .down, .tab, .char("e"))
    // Another terminal saves the same member first.
    let other = try GongzhiStore(path: fixture.path)
    let unit = try #require(other.organisation.units(includeInactive: false).first { $0.name == "心血管内科党支部" })
    let groups = try other.organisation.units(includeInactive: false).filter { $0.parentID == unit.id }.map(
      \.id)
    let roster = try ([unit.id] + groups).flatMap {
      try other.organisation.members(inUnit: $0, includeInactive: false)
    }
    .sorted { NameOrder.ascending($0.name, $1.name) }
    var first = try #require(roster.first)
    first.phone = "13900000000"
    _ = try other.organisation.updateMember(first, by: Actor(name: "other", role: .admin), reason: nil)
    driver.press(.end)
    driver.type("9")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("Someone else changed this record"))
    let saved = try #require(try fixture.store.organisation.member(id: first.id))
    #expect(saved.phone == "13900000000", "the other terminal's save is kept, not overwritten")
  }

  @Test func tooSmallWindowsAndResizeStormsNeverCrash() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en), size: Size(width: 39, height: 12))
    // The sentence does not fit 39 columns; the short form keeps the sizes readable.
    #expect(driver.screen.contains("Need 40×12 (now 39×12)"))
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<200 {
      let size = Size(width: Int(generator.next() % 140), height: Int(generator.next() % 50))
      driver.resize(size)
      driver.press(.down, .tab, .char("/"), .char("王"), .escape)
    }
    for w in 0...6 {
      for h in 0...4 { driver.resize(Size(width: w, height: h)) }
    }
    driver.resize(Size(width: 80, height: 24))
    #expect(driver.screen.contains("[ Org ]"))
  }

  @Test func quitAsksOnlyWhenInputWouldBeLost() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en))
    #expect(driver.press(.char("q")) == .quit)
    let busy = Driver(fixture.shell(language: .en))
    busy.press(.down, .right, .down, .tab, .char("a"))
    busy.type("李")
    #expect(busy.press(.ctrl("c")) == .redraw)
    #expect(busy.screen.contains("Quit?"))
    #expect(busy.press(.char("y")) == .quit)
  }

  @Test func helpListsTheScreensKeys() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en))
    driver.press(.char("?"))
    #expect(driver.screen.contains("Search members by name"))
    #expect(driver.screen.contains("Undo the last change"))
    driver.press(.escape)
    #expect(!driver.screen.contains("Search members by name"))
  }

  @Test func rosterIsInPinyinOrder() throws {
    #expect(NameOrder.ascending("阿明", "丁冰怡"))
    #expect(NameOrder.ascending("李蓉丹", "王春"))
    #expect(!NameOrder.ascending("赵六", "张三"))
  }

  @Test func missingOrBrokenThemeFallsBackWithOneLine() throws {
    let strings = Strings(.en)
    let (theme, problem) = Launcher.chooseTheme("no-such-theme", strings: strings)
    #expect(theme == Theme.builtinDefault)
    #expect(problem?.contains("no-such-theme") == true)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gz-theme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let broken = dir.appendingPathComponent("broken.toml")
    try "name = \"broken\"\n[roles.normal\n".write(to: broken, atomically: true, encoding: .utf8)
    let (fallback, message) = Launcher.chooseTheme(broken.path, strings: strings)
    #expect(fallback == Theme.builtinDefault)
    #expect(message?.contains("broken.toml") == true)
    #expect(message?.contains("default theme") == true)
  }

  @Test func demoNeverOverwritesARealDatabase() throws {
    let fixture = try DemoFixture()
    #expect(throws: CLIError.self) {
      _ = try Launcher.createDemo(
        path: fixture.path, seed: 2, scale: 1, replace: false, strings: Strings(.en))
    }
    #expect(try fixture.store.organisation.memberTotals().all == 877)
  }

  @Test func mouseSelectsTreeRows() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en))
    let lines = driver.screen.split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(lines.firstIndex { $0.contains("外科党总支") })
    driver.click(x: 5, y: row)
    #expect(driver.screen.contains("医院党委 › 外科党总支"))
  }
}
