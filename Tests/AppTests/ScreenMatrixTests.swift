import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// Every screen, view and modal form at the three sizes of the design notes, in
/// Simplified Chinese and English: one golden file per cell of the matrix under
/// Snapshots/matrix, recorded with GONGZHI_RECORD_SNAPSHOTS=1.
@MainActor
@Suite struct ScreenMatrixTests {
  static let sizes = [Size(width: 40, height: 12), Size(width: 80, height: 24), Size(width: 120, height: 40)]
  static let languages: [(Language, String)] = [(.zhHans, "zh"), (.en, "en")]

  /// A named script ending on the frame to compare.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let script: @MainActor @Sendable () -> ScreenScript
    var testDescription: String { name }
  }

  /// The first proposal with a number, for the detail view.
  static func firstNumber(_ store: GongzhiStore) throws -> String? {
    let query = ProposalQuery(today: DemoFixture.today)
    return try store.proposals.list(query, offset: 0, limit: 50).items.compactMap(\.number).sorted().first
  }

  nonisolated static let cases: [Case] = [
    // Screens and views, as `gongzhi render` opens them.
    Case(name: "org") { ScreenScript([.render("org")]) },
    Case(name: "assess") { ScreenScript([.render("assess")]) },
    Case(name: "ranking") { ScreenScript([.render("ranking")]) },
    Case(name: "year") { ScreenScript([.render("year")]) },
    Case(name: "points") { ScreenScript([.render("points")]) },
    Case(name: "proposals") { ScreenScript([.render("proposals")]) },
    Case(name: "proposal") { ScreenScript([.render("proposal", subject: firstNumber)]) },
    Case(name: "supervision") { ScreenScript([.render("supervision")]) },
    Case(name: "satisfaction") { ScreenScript([.render("satisfaction")]) },
    Case(name: "disclosures") { ScreenScript([.render("disclosures")]) },
    // Modal forms and the one confirmation, opened by keys.
    Case(name: "form-org-unit") { ScreenScript([.render("org"), .key(.char("A"))]) },
    Case(name: "form-proposal-new") { ScreenScript([.render("proposals"), .key(.char("n"))]) },
    Case(name: "form-proposal-filter") { ScreenScript([.render("proposals"), .key(.char("f"))]) },
    Case(name: "form-satisfaction-targets") { ScreenScript([.render("satisfaction"), .key(.char("t"))]) },
    Case(name: "form-disclosure-new") { ScreenScript([.render("disclosures"), .key(.char("n"))]) },
    Case(name: "form-disclosure-filter") { ScreenScript([.render("disclosures"), .key(.char("f"))]) },
    Case(name: "confirm-discard") {
      ScreenScript([.render("proposals"), .key(.char("n")), .type("新"), .key(.escape)])
    },
  ]

  /// The style-role layer of the matrix at 80×24 in Simplified Chinese: which cells are
  /// selected, muted, flagged or framed, under Snapshots/matrix/roles.
  @Test(arguments: cases)
  func roles(_ c: Case) throws {
    let fixture = try DemoFixture()
    let frame = try #require(
      try c.script().frame(fixture, language: .zhHans, size: Size(width: 80, height: 24)))
    expectSnapshot(ScreenScript.roles(frame), "matrix/roles/\(c.name)-zh-80x24")
  }

  @Test(arguments: cases)
  func matrix(_ c: Case) throws {
    let fixture = try DemoFixture()
    for (language, tag) in Self.languages {
      for size in Self.sizes {
        let text = try c.script().run(fixture, language: language, size: size)
        expectSnapshot(text, "matrix/\(c.name)-\(tag)-\(size.width)x\(size.height)")
      }
    }
  }

  /// The one modal stack: a screen's confirmation sits on the shell's stack, keeps the
  /// form under it, and its "keep editing" answer leaves the typed text as it was.
  @Test func confirmationKeepsTheFormUnderIt() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 100, height: 30)
    let shell = fixture.shell(size: size)
    let driver = Driver(shell, size: size)
    driver.showTab("proposals")
    driver.press(.char("n"))
    driver.type("新")
    driver.press(.escape)
    #expect(shell.modals.count == 1)
    #expect(shell.current.hasUnsavedInput)
    driver.press(.enter)  // "keep editing" is the selected button
    #expect(shell.modals.isEmpty)
    #expect(driver.screen.contains("新"))
    driver.press(.escape, .char("h"), .enter)  // "discard"
    #expect(shell.modals.isEmpty)
    #expect(!shell.current.hasUnsavedInput)
    #expect(!shell.current.capturesKeyboard)
  }

  /// Ctrl-C over a screen's confirmation asks about quitting on top of it; "cancel"
  /// returns to the confirmation, not past it.
  @Test func quitQuestionStacksOverAConfirmation() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 100, height: 30)
    let shell = fixture.shell(size: size)
    let driver = Driver(shell, size: size)
    driver.showTab("proposals")
    driver.press(.char("n"))
    driver.type("新")
    driver.press(.escape, .ctrl("c"))
    #expect(shell.modals.count == 2)
    #expect(shell.quitDialog != nil)
    #expect(driver.press(.char("n")) == .redraw)
    #expect(shell.modals.count == 1)
    #expect(shell.quitDialog == nil)
    #expect(driver.press(.ctrl("c"), .char("y")) == .quit)
  }

  /// Render is pure: drawing the same state twice reads nothing new and gives the same
  /// frame, and drawing does not move the list's page of rows.
  @Test func renderChangesNothing() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 100, height: 30)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(name: "proposals", subject: nil, options: [:])
    let driver = Driver(shell, size: size)
    let screen = try #require(shell.current as? ProposalsScreen)
    let before = (screen.windowOffset, screen.window.count, screen.selection, screen.tableRect)
    var buffer = ScreenBuffer(size: size)
    shell.render(into: &buffer, capabilities: TerminalCapabilities(unicode: true, colors: 0))
    #expect(buffer.text == driver.screen)
    #expect(screen.windowOffset == before.0 && screen.window.count == before.1)
    #expect(screen.selection == before.2 && screen.tableRect == before.3)
  }

  /// The proposals screen's first store read is an effect: `.layout` reads nothing
  /// itself, the shell runs the effect, and its answer comes back as a message.
  @Test func firstReadIsAnEffect() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    let screen = ProposalsScreen(context: shell.context)
    let effects = screen.update(.layout(Rect(x: 0, y: 1, width: 100, height: 28)))
    #expect(effects.count == 1)
    #expect(screen.sessions.isEmpty && screen.total == 0)
    guard case .run(let read)? = effects.first else {
      Issue.record("expected a store effect, got \(effects)")
      return
    }
    // The sessions' answer asks for the list as a read of its own.
    let next = screen.update(try read())
    #expect(!screen.sessions.isEmpty && screen.total == 0)
    guard case .run(let readList)? = next.first, next.count == 1 else {
      Issue.record("expected the list's read, got \(next)")
      return
    }
    #expect(screen.update(try readList()).isEmpty)
    #expect(screen.total > 0 && !screen.window.isEmpty)

    let satisfaction = SatisfactionScreen(context: shell.context)
    let asked = satisfaction.update(.layout(Rect(x: 0, y: 1, width: 100, height: 28)))
    #expect(satisfaction.figures == nil && satisfaction.headlines.isEmpty)
    guard case .run(let readFigures)? = asked.first, asked.count == 1 else {
      Issue.record("expected one store effect, got \(asked)")
      return
    }
    #expect(satisfaction.update(try readFigures()).isEmpty)
    #expect(satisfaction.figures != nil && !satisfaction.sectionRects.isEmpty)
  }

  /// A store read that fails reaches the screen as `.failed` and is shown there, on
  /// each screen, instead of a default or a trap.
  @Test func failedReadsAreShown() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 100, height: 30)
    try fixture.store.close()
    var failure = ""
    do { _ = try fixture.store.proposals.sessions() } catch { failure = Strings(.zhHans).describe(error) }
    #expect(!failure.isEmpty)
    for name in ["org", "assess", "proposals", "satisfaction", "disclosures"] {
      let shell = fixture.shell(size: size)
      let driver = Driver(shell, size: size)
      driver.showTab(name)
      #expect(driver.screen.contains(String(failure.prefix(8))), "\(name): \(driver.screen)")
    }
  }
}
