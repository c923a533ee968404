import Domain
import Foundation
import GRDB
import Store
import TUI
import Testing

@testable import App

@MainActor
@Suite struct KioskTests {
  static let start = Date(timeIntervalSince1970: 1_795_500_000)  // 2026-11-24 03:20 UTC
  static var utc: Calendar {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
  }

  func kiosk(
    _ fixture: DemoFixture, language: Language = .zhHans, pages: [KioskApp.Page] = KioskApp.Page.allCases,
    interval: TimeInterval = 15, size: Size = Size(width: 80, height: 24), pin: String? = nil
  ) -> (KioskApp, KioskSource) {
    let source = KioskSource(path: fixture.path, today: { DemoFixture.today })
    let app = KioskApp(
      pages: pages, interval: interval, strings: Strings(language), title: nil, exitPIN: pin, size: size,
      now: Self.start, calendar: Self.utc, read: { try source.read(at: $0) })
    return (app, source)
  }

  func screen(_ app: KioskApp, size: Size, ascii: Bool = false) -> String {
    var buffer = ScreenBuffer(size: size)
    app.render(into: &buffer, capabilities: TerminalCapabilities(unicode: !ascii, colors: 256))
    return buffer.text
  }

  @Test(arguments: [Language.zhHans, Language.en])
  func pageSnapshots(language: Language) throws {
    let fixture = try DemoFixture()
    for size in [Size(width: 80, height: 24), Size(width: 160, height: 48)] {
      for page in KioskApp.Page.allCases {
        let (app, _) = kiosk(fixture, language: language, pages: [page], size: size)
        let tag = language == .en ? "en" : "zh"
        expectSnapshot(screen(app, size: size), "kiosk-\(page.rawValue)-\(tag)-\(size.width)x\(size.height)")
      }
    }
  }

  /// The store read is an effect: an update that asks for it does not read, `handle`
  /// runs it once, and a failed read comes back as a message that keeps the last data.
  @Test func storeReadsAreEffectsAnsweredByMessages() throws {
    let fixture = try DemoFixture()
    let source = KioskSource(path: fixture.path, today: { DemoFixture.today })
    var reads = 0
    var failing = false
    struct Unavailable: Error {}
    let app = KioskApp(
      pages: [.standings, .proposals], interval: 15, strings: Strings(.zhHans), title: nil, exitPIN: nil,
      size: Size(width: 80, height: 24), now: Self.start, calendar: Self.utc,
      read: {
        reads += 1
        if failing { throw Unavailable() }
        return try source.read(at: $0)
      })
    #expect(reads == 1)
    // Back from the first page's first part shows the last page, which asks for a read:
    // the update alone does not read.
    #expect(app.update(.event(.key(.left))) == .redraw)
    #expect(reads == 1 && app.pageIndex == 1)
    // The next event's handling runs it; it fails, and the answer keeps the data, marked stale.
    failing = true
    #expect(app.handle(.tick(Self.start.addingTimeInterval(1))) == .redraw)
    #expect(reads == 2)
    #expect(app.data != nil && app.failingSince != nil)
  }

  @Test func rotatesOnAFakeClockAndPausesWhenTouched() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 160, height: 48)
    let (app, _) = kiosk(fixture, pages: [.proposals, .satisfaction, .standings], interval: 10, size: size)
    let backend = MemoryBackend(size: size, now: Self.start)
    let loop = EventLoop(backend: backend)
    loop.draw(app)
    #expect(app.page == .proposals)
    // The loop sleeps until the app's deadline; the fake clock jumps there.
    func advance(to date: Date) {
      while let deadline = app.nextDeadline, deadline <= date {
        backend.now = deadline
        loop.step(app, event: .tick(deadline))
      }
    }
    advance(to: Self.start.addingTimeInterval(9.9))
    #expect(app.page == .proposals)
    advance(to: Self.start.addingTimeInterval(10))
    #expect(app.page == .satisfaction)
    // A tap on the right half moves on and holds still.
    loop.step(app, event: .mouse(MouseEvent(x: 150, y: 20, kind: .click)))
    #expect(app.page == .standings)
    #expect(app.isPaused)
    let touched = Self.start.addingTimeInterval(10)
    advance(to: touched.addingTimeInterval(59))
    #expect(app.page == .standings, "no rotation while paused")
    var steps = 0
    while app.page == .standings, let deadline = app.nextDeadline, steps < 100 {
      backend.now = deadline
      loop.step(app, event: .tick(deadline))
      steps += 1
    }
    #expect(app.page == .proposals, "rotation resumes after a minute untouched")
    #expect(app.now >= touched.addingTimeInterval(70), "a full slot after the pause ends")
    // A tap on the page indicator jumps to that page.
    let header = screen(app, size: size).split(separator: "\n").first.map(String.init) ?? ""
    let dots = try #require(header.range(of: "● ○ ○"))
    let x = header[..<dots.lowerBound].displayWidth + 2
    loop.step(app, event: .mouse(MouseEvent(x: x, y: 0, kind: .click)))
    #expect(app.page == .satisfaction)
    #expect(screen(app, size: size).contains("已暂停轮播"))
  }

  @Test func longListsPageThroughWithinTheSlot() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 80, height: 24)
    let (app, _) = kiosk(fixture, pages: [.standings, .proposals], interval: 30, size: size)
    #expect(app.subPageCount >= 2)
    let first = screen(app, size: size)
    #expect(first.contains("第 1/\(app.subPageCount) 页"))
    _ = app.handle(.tick(Self.start.addingTimeInterval(30 / Double(app.subPageCount))))
    #expect(app.page == .standings)
    #expect(app.subPage == 1)
    #expect(screen(app, size: size) != first)
  }

  /// Parts of a long page stay up at least 5 s, however short the interval (the
  /// README's promise); a page in one part keeps the interval.
  @Test func partsLastAtLeastFiveSecondsAtAShortInterval() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 80, height: 24)
    let (app, _) = kiosk(fixture, pages: [.standings, .satisfaction], interval: 3, size: size)
    #expect(app.subPageCount >= 2)
    _ = app.handle(.tick(Self.start.addingTimeInterval(4.9)))
    #expect(app.page == .standings && app.subPage == 0, "part 1 is still up after 4.9 s")
    _ = app.handle(.tick(Self.start.addingTimeInterval(5)))
    #expect(app.page == .standings && app.subPage == 1)
    let parts = app.subPageCount
    _ = app.handle(.tick(Self.start.addingTimeInterval(5 * Double(parts))))
    #expect(app.page == .satisfaction && app.subPageCount == 1)
    _ = app.handle(.tick(Self.start.addingTimeInterval(5 * Double(parts) + 3)))
    #expect(app.page == .standings, "a one-part page stays up for the 3 s interval")
  }

  /// Back from a page's first part shows the previous page's last part.
  @Test func goingBackLandsOnThePreviousPagesLastPart() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 80, height: 24)
    let (app, _) = kiosk(fixture, pages: [.standings, .satisfaction], interval: 30, size: size)
    let parts = app.subPageCount
    #expect(parts >= 2)
    while app.page == .standings { _ = app.handle(.key(.right)) }
    #expect(app.page == .satisfaction)
    _ = app.handle(.key(.left))
    #expect(app.page == .standings && app.subPage == parts - 1)
    #expect(screen(app, size: size).contains("第 \(parts)/\(parts) 页"))
    _ = app.handle(.key(.left))
    #expect(app.page == .standings && app.subPage == parts - 2)
  }

  /// However narrow the screen, every state's count is on the proposals page.
  @Test func proposalStateCountsAreAllShownOnASmallScreen() throws {
    let fixture = try DemoFixture()
    for size in [Size(width: 40, height: 12), Size(width: 80, height: 24), Size(width: 160, height: 48)] {
      let (app, _) = kiosk(fixture, pages: [.proposals], size: size)
      let board = try #require(app.data?.proposals)
      let text = screen(app, size: size)
      for (state, count) in board.counts where state != .draft {
        let label = Strings(.zhHans)("proposal.state.\(state.rawValue)") + " \(count)"
        #expect(text.contains(label), "\(size): \(label) missing\n\(text)")
      }
    }
  }

  @Test func quitKeysDoNothingAndOnlyThePINLeaves() throws {
    let fixture = try DemoFixture()
    let (app, _) = kiosk(fixture, pin: "2468")
    for key in [Key.char("q"), .escape, .ctrl("c"), .char("a"), .char("/"), .enter, .char("e")] {
      #expect(app.handle(.key(key)) != .quit, "\(key) must not leave the kiosk")
    }
    _ = app.handle(.key(.ctrl("x")))
    for c in "1111" { _ = app.handle(.key(.char(c))) }
    #expect(app.handle(.key(.enter)) != .quit)
    #expect(screen(app, size: Size(width: 80, height: 24)).contains("密码错误"))
    _ = app.handle(.key(.ctrl("x")))
    for c in "2468" { _ = app.handle(.key(.char(c))) }
    #expect(app.handle(.key(.enter)) == .quit)
    #expect(app.handle(.terminate) == .quit)
    let (noPIN, _) = kiosk(fixture)
    _ = noPIN.handle(.key(.ctrl("x")))
    #expect(noPIN.pinPrompt == nil, "without --exit-pin, Ctrl-X does nothing")
  }

  /// A prompt left half typed, or a wrong-PIN line, clears by itself so the footer's
  /// data-age marker comes back.
  @Test func aForgottenPINPromptClearsByItself() throws {
    let fixture = try DemoFixture()
    let (app, _) = kiosk(fixture, pin: "2468")
    _ = app.handle(.key(.ctrl("x")))
    _ = app.handle(.key(.char("1")))
    #expect(app.pinPrompt != nil)
    _ = app.handle(.tick(Self.start.addingTimeInterval(KioskApp.pinPromptLifetime - 1)))
    #expect(app.pinPrompt != nil, "still typing")
    _ = app.handle(.tick(Self.start.addingTimeInterval(KioskApp.pinPromptLifetime + 1)))
    #expect(app.pinPrompt == nil)
    #expect(screen(app, size: Size(width: 80, height: 24)).contains("数据更新于"))
    _ = app.handle(.key(.ctrl("x")))
    _ = app.handle(.key(.enter))
    #expect(app.pinPrompt == "密码错误" || app.pinPrompt?.contains("密码错误") == true)
    let later = Self.start.addingTimeInterval(KioskApp.pinPromptLifetime + 2 + KioskApp.pinWrongLifetime)
    #expect(app.nextDeadline.map { $0 <= later } == true)
    _ = app.handle(.tick(later))
    #expect(app.pinPrompt == nil)
  }

  @Test func theKioskConnectionCannotWrite() throws {
    let fixture = try DemoFixture()
    let (_, source) = kiosk(fixture)
    _ = try source.read(at: Self.start)
    let store = try #require(source.openedStore)
    #expect(store.readOnly)
    #expect(throws: (any Error).self) {
      try store.settings.set(SettingKey.hospitalName, to: "x", by: Actor(name: "kiosk", role: .admin))
    }
    #expect(throws: (any Error).self) {
      _ = try store.organisation.addMember(
        Member(unitID: 2, name: "某"), by: Actor(name: "kiosk", role: .admin))
    }
    #expect(try fixture.store.settings.value(SettingKey.hospitalName) == "共治示范医院")
  }

  @Test func onlyPublishedResultsAreShown() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.assessments
    let latest = try #require(try repo.periods().first)
    let items = try repo.assessments(period: latest)
    #expect(
      items.contains { !KioskData.published.contains($0.state) },
      "the demo's latest quarter is still being scored")
    // Before anything of the latest quarter is published, the kiosk shows an earlier one.
    let (before, _) = kiosk(fixture)
    #expect(before.data?.standings?.period != latest)
    // Publish one branch that is in 党委审核; only it appears for the latest quarter.
    let admin = Actor(name: "tester", role: .admin)
    let candidate = try #require(items.first { $0.state == .generalReview })
    for _ in 0..<2 {  // 总支初审 → 党委审核 → 公示中
      let current = try #require(try repo.assessment(id: candidate.id))
      _ = try repo.transition(
        .advance, assessmentID: current.id, version: current.version, note: "", today: DemoFixture.today,
        by: admin)
    }
    let (after, _) = kiosk(fixture)
    let standings = try #require(after.data?.standings)
    #expect(standings.period == latest)
    #expect(standings.rows.count == 1)
    #expect(standings.rows.allSatisfy { KioskData.published.contains($0.state) })
    // Its place, movement and marks are the 公示's, as the ranking screen shows them:
    // movement among the units published in both quarters, here it alone, so 0 (not
    // its place among last quarter's published units minus 1).
    let shownRow = try #require(standings.rows.first)
    let previous = try #require(before.data?.standings)
    #expect(previous.period == (try repo.periods())[1])
    #expect(previous.rows.contains { $0.name == shownRow.name && $0.rank != 1 })
    let screenRow = try #require(
      try repo.ranking(period: latest, kind: shownRow.kind, generalBranchID: nil, category: nil).rows.first {
        $0.unitName == shownRow.name
      })
    #expect(
      shownRow.rank == screenRow.rank && shownRow.movement == screenRow.movement
        && shownRow.overExcellentCap == screenRow.overExcellentCap && shownRow.vetoed == screenRow.vetoed)
    #expect(shownRow.movement == 0)
    let units = try fixture.store.organisation.units(includeInactive: false)
    let hidden = items.filter { $0.id != candidate.id }.compactMap { item in
      units.first { $0.id == item.unitID }?.name
    }
    let text = screen(after, size: Size(width: 160, height: 48))
    for name in hidden { #expect(!text.contains(name), "\(name) is not published yet") }
  }

  /// The standings (two rankings of every unit) are read again only after a write to
  /// what they show, found in the audit log; a change that bypassed the log shows once
  /// the cached part is ten minutes old.
  @Test func standingsAreReadAgainOnlyAfterAWriteTheyDependOn() throws {
    let fixture = try DemoFixture()
    let source = KioskSource(path: fixture.path, today: { DemoFixture.today })
    let first = try #require(try source.read(at: Self.start).standings?.rows.first)
    // Renamed without the audit log (raw SQL), then an audited write elsewhere.
    try fixture.execute("UPDATE org_unit SET name = name || '·甲' WHERE name = ?", [first.name])
    let admin = Actor(name: "tester", role: .admin)
    try fixture.store.settings.set(SettingKey.hospitalName, to: "共治第二医院", by: admin)
    let second = try source.read(at: Self.start.addingTimeInterval(15))
    #expect(second.hospitalName == "共治第二医院", "what changed is read again")
    #expect(second.standings?.rows.first?.name == first.name, "the standings were kept")
    let aged = try source.read(at: Self.start.addingTimeInterval(15 + 600))
    #expect(aged.standings?.rows.first?.name == first.name + "·甲")
    // An audited write to a unit: read again at once.
    var unit = try #require(
      try fixture.store.organisation.units(includeInactive: false).first { $0.name == first.name + "·甲" })
    unit.name = first.name + "·乙"
    try fixture.store.organisation.updateUnit(unit, by: admin, reason: nil)
    let renamed = try source.read(at: Self.start.addingTimeInterval(15 + 615))
    #expect(renamed.standings?.rows.first?.name == first.name + "·乙")
  }

  /// The proposals board, the satisfaction headlines and the notices are kept like the
  /// standings: a write elsewhere (a setting) reads none of them again; an audited write
  /// to a table one shows (a department's name, shown by the board and the notices)
  /// reads it again at once.
  @Test(.sqliteOnly("changes rows behind the audit log with raw SQL"))
  func everyPartIsReadAgainOnlyAfterAWriteItDependsOn() throws {
    let fixture = try DemoFixture()
    let source = KioskSource(path: fixture.path, today: { DemoFixture.today })
    let first = try source.read(at: Self.start)
    let recent = try #require(first.proposals?.recent.first)
    let notice = try #require(first.notices.first { !$0.department.isEmpty })
    let kpi = try #require(first.satisfaction.first)
    // Changed without the audit log (raw SQL): no part sees it after an unrelated write.
    try DatabaseQueue(path: fixture.path).write { db in
      try db.execute(sql: "UPDATE proposal SET title = title || '·甲' WHERE id = ?", arguments: [recent.id])
      try db.execute(
        sql: "UPDATE disclosure_item SET name = name || '·甲' WHERE id = ?", arguments: [notice.itemID])
      try db.execute(sql: "DELETE FROM satisfaction_rollup_hospital")
    }
    let admin = Actor(name: "tester", role: .admin)
    try fixture.store.settings.set(SettingKey.hospitalName, to: "共治第二医院", by: admin)
    let second = try source.read(at: Self.start.addingTimeInterval(15))
    #expect(second.hospitalName == "共治第二医院")
    #expect(second.proposals?.recent.first?.title == recent.title, "the board was kept")
    #expect(
      second.notices.first { $0.itemID == notice.itemID }?.title == notice.title, "the notices were kept")
    #expect(second.satisfaction.first?.population == kpi.population, "the headlines were kept")
    // An audited write to a department: the board and the notices are read again.
    let repo = fixture.store.proposals
    var department = try #require(
      try repo.departments(includeInactive: true).first { $0.name == notice.department })
    department.name += "·乙"
    try repo.updateDepartment(department, by: admin, reason: nil)
    let third = try source.read(at: Self.start.addingTimeInterval(30))
    #expect(third.proposals?.recent.first { $0.id == recent.id }?.title == recent.title + "·甲")
    let renamed = try #require(third.notices.first { $0.itemID == notice.itemID })
    #expect(renamed.title == notice.title + "·甲" && renamed.department == notice.department + "·乙")
    // The headlines were not: ten minutes on, they are read again all the same.
    #expect(third.satisfaction.first?.population == kpi.population)
    let aged = try source.read(at: Self.start.addingTimeInterval(30 + 600))
    #expect(aged.satisfaction.count < first.satisfaction.count, "the rollups' deletion shows once aged")
  }

  @Test(.sqliteOnly("moves the database file away and back"))
  func keepsTheLastGoodDataWhenTheDatabaseGoesAway() throws {
    let fixture = try DemoFixture()
    let (app, _) = kiosk(fixture, pages: [.satisfaction])
    let size = Size(width: 80, height: 24)
    #expect(screen(app, size: size).contains("数据更新于"))
    let moved = fixture.path + ".away"
    try FileManager.default.moveItem(atPath: fixture.path, toPath: moved)
    _ = app.handle(.tick(Self.start.addingTimeInterval(15)))
    let stale = screen(app, size: size)
    #expect(stale.contains("数据截至"))
    #expect(stale.contains("职工"), "the last good figures stay up")
    try FileManager.default.moveItem(atPath: moved, toPath: fixture.path)
    _ = app.handle(.tick(Self.start.addingTimeInterval(15 + KioskApp.retryAfter)))
    #expect(screen(app, size: size).contains("数据更新于"))
  }

  /// A file the kiosk may not upgrade (read-only) says what it needs instead of only
  /// "retrying", and the figures appear once a writable open has upgraded it.
  @Test(
    .sqliteOnly(
      "sets the file's PRAGMA user_version; the server's schema is set up, never migrated by a client"))
  func aFileThatNeedsUpgradingSaysSoUntilItIsUpgraded() throws {
    let fixture = try DemoFixture()
    try fixture.store.close()
    try DatabaseQueue(path: fixture.path).write { db in try db.execute(sql: "PRAGMA user_version = 8") }
    let (app, _) = kiosk(fixture, pages: [.satisfaction])
    let size = Size(width: 120, height: 24)
    let waiting = screen(app, size: size)
    #expect(waiting.contains("数据库需要升级"))
    #expect(!waiting.contains("数据库暂不可用"))
    try GongzhiStore(path: fixture.path).close()
    _ = app.handle(.tick(Self.start.addingTimeInterval(KioskApp.retryAfter)))
    let shown = screen(app, size: size)
    #expect(shown.contains("数据更新于") && !shown.contains("数据库需要升级"))
  }

  @Test func smallAndOddSizesNeverCrash() throws {
    let fixture = try DemoFixture()
    let (app, _) = kiosk(fixture)
    for w in [0, 1, 5, 19, 20, 40, 80, 300] {
      for h in [0, 1, 7, 8, 12, 24, 80] {
        _ = app.handle(.resize(Size(width: w, height: h)))
        for page in 0..<4 {
          _ = page
          _ = screen(app, size: Size(width: w, height: h))
          _ = app.handle(.key(.right))
        }
      }
    }
  }
}
