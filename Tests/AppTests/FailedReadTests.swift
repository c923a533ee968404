import Domain
import Foundation
import TUI
import Testing

@testable import App
@testable import Store

/// A read that fails is reported, never replaced by a default the user would take for
/// the hospital's data (issue 16): each test breaks one table of a real demo database
/// and checks that the action shows the store's error instead of opening its form
/// with defaults (default targets, a due date without holidays, empty marks, an empty
/// department list).
@MainActor
@Suite struct FailedReadTests {
  /// Renames `table` away, so every later read of it fails with "no such table"
  /// (a rename, unlike a drop, leaves the tables that refer to it consistent).
  func breakTable(_ table: String, in fixture: DemoFixture) throws {
    try fixture.execute("ALTER TABLE \(table) RENAME TO \(table)_unreadable")
  }

  /// The message the screen should show: the store's own error for the same read.
  func expectedProblem(_ read: () throws -> Void) -> String? {
    do {
      try read()
      return nil
    } catch {
      return Strings(.zhHans).describe(error)
    }
  }

  func expectShown(_ problem: String?, on driver: Driver, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let problem else {
      Issue.record("the read did not fail", sourceLocation: sourceLocation)
      return
    }
    // The status line wraps a long message (a database path) at spaces and may cut it:
    // its start is what must show, white space aside.
    func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
    let start = String(squeezed(problem).prefix(40))
    #expect(
      squeezed(driver.screen).contains(start), "\(start) in\n\(driver.screen)", sourceLocation: sourceLocation
    )
  }

  @Test func targetsThatCannotBeReadAreNotOfferedAsDefaults() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(size: Size(width: 100, height: 30))
    try shell.prepareRender(name: "satisfaction", subject: nil, options: [:])
    let driver = Driver(shell, size: Size(width: 100, height: 30))
    try breakTable("satisfaction_target", in: fixture)
    let problem = expectedProblem { _ = try fixture.store.satisfaction.targets() }
    driver.press(.char("t"))
    expectShown(problem, on: driver)
    #expect(!driver.screen.contains("满意率目标（%）"), "the targets form opened with defaults")
  }

  /// The action's available-actions check reads the calendar too, so today this also
  /// held before the fix; it keeps the form from ever stating a due date computed
  /// without the holidays, whichever read comes first.
  @Test func aDueDateIsNotComputedWithoutTheHolidays() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.proposals
    let item = try #require(
      try repo.list(ProposalQuery(states: [.inProgress], today: DemoFixture.today), offset: 0, limit: 1).items
        .first)
    let shell = fixture.shell(size: Size(width: 100, height: 30))
    try shell.prepareRender(name: "proposal", subject: item.number, options: [:])
    let driver = Driver(shell, size: Size(width: 100, height: 30))
    try breakTable("holiday", in: fixture)
    let problem = expectedProblem { _ = try repo.calendar() }
    driver.press(.char("x"))  // 延期: its form states the extended due date
    expectShown(problem, on: driver)
    #expect(shell.modals.isEmpty, "the extension form opened: \(driver.screen)")
  }

  @Test func reviewMarksThatCannotBeReadAreNotShownEmpty() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(size: Size(width: 120, height: 40))
    try shell.prepareRender(
      name: "assess", subject: nil,
      options: ["select": AssessmentScreenTests.branch, "period": AssessmentScreenTests.current.text])
    let driver = Driver(shell, size: Size(width: 120, height: 40))
    driver.press(.escape, .char("y"))
    try breakTable("review_mark", in: fixture)
    let problem = expectedProblem { _ = try fixture.store.assessments.reviewMarks(unitID: 1, year: 2026) }
    driver.press(.char("m"))
    expectShown(problem, on: driver)
    #expect(!driver.screen.contains("双述双评评分"), "the marks form opened empty")
  }

  @Test func departmentsThatCannotBeReadAreNotAnEmptyFilter() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    try shell.prepareRender(name: "disclosures", subject: nil, options: [:])
    let driver = Driver(shell, size: Size(width: 100, height: 30))
    _ = try #require(shell.screens.lazy.compactMap { $0 as? DisclosureScreen }.first)
    try breakTable("disclosure_item", in: fixture)
    let problem = expectedProblem {
      _ = try fixture.store.disclosures.entries(DisclosureQuery(today: DemoFixture.today))
    }
    for key in [Character("d"), "f"] {
      driver.press(.char(key))
      expectShown(problem, on: driver)
      #expect(shell.modals.isEmpty, "`\(key)` opened a filter: \(driver.screen)")
    }
  }

  @Test func aProposalThatCannotBeReadIsNotReportedMissing() throws {
    let fixture = try DemoFixture()
    let number = try #require(try ProposalScreenTests.answered(fixture).number)
    let shell = fixture.shell()
    try breakTable("proposal", in: fixture)
    do {
      try shell.prepareRender(name: "proposal", subject: number, options: [:])
      Issue.record("render proposal succeeded without its table")
    } catch {
      let message = Strings(.zhHans).describe(error)
      // Each backend's own words for a missing table.
      #expect(message.contains(TestBackend.isPostgres ? "does not exist" : "no such table"), "\(message)")
    }
  }
}
