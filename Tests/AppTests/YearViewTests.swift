import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// The year view (issue #13, items 13 and 18): weights add to 100 %, the figures the
/// total is computed from are shown at the precision used, provisional years say so.
@MainActor
@Suite struct YearViewTests {
  func yearDriver(_ fixture: DemoFixture, period: String) throws -> (Driver, AssessScreen) {
    let size = Size(width: 100, height: 60)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(name: "year", subject: nil, options: ["period": period])
    let driver = Driver(shell, size: size)
    return (driver, try #require(shell.screens.compactMap { $0 as? AssessScreen }.first))
  }

  @Test func everyYearTotalReAddsFromTheFiguresShown() throws {
    let fixture = try DemoFixture()
    let (driver, screen) = try yearDriver(fixture, period: "2025Q4")
    let lines = driver.screen.split(separator: "\n").map(String.init)
    let w = YearWeights.standard
    var checked = 0
    for r in screen.yearResults {
      guard let mean = r.result.quarterMean, let review = r.result.reviewScore else { continue }
      // The row shows the review score as used (two decimals), and the total follows
      // from the row's own figures.
      let shown = Points.format(review)
      let row = try #require(
        lines.first { $0.contains(" \(Points.format(mean)) ") && $0.contains(" \(shown) ") },
        "no row shows \(Points.format(mean)) and \(shown)")
      #expect(row.contains(Points.format(r.result.total)))
      let again = Points.round(w.quarters * mean + w.review * (Double(shown)! / 100) * 500)
      #expect(again == r.result.total, "\(row)")
      checked += 1
    }
    #expect(checked > 10)
    // Some review score in the demo has a second decimal that rounding to a whole mark hid.
    #expect(
      screen.yearResults.contains { ($0.result.reviewScore ?? 0).rounded() != $0.result.reviewScore ?? 0 })
  }

  @Test func weightsThatDoNotAddTo100AreRefused() throws {
    #expect(YearWeights.standard.issues.isEmpty)
    let short = YearWeights(quarters: 0.6, review: 0.3).issues
    #expect(short.map(\.field) == ["review"] && short[0].message.args == ["90"])
    let raters = YearWeights(raters: [.committee: 0.5, .members: 0.3, .publicRaters: 0.3]).issues
    #expect(raters.map(\.field) == ["public"] && raters[0].message.args == ["110"])
    let fixture = try DemoFixture()
    #expect(throws: StoreError.self) {
      try fixture.store.assessments.yearResults(year: 2025, weights: YearWeights(quarters: 0.6, review: 0.3))
    }
    // The form says so and keeps the weights in use.
    let (driver, screen) = try yearDriver(fixture, period: "2025Q4")
    driver.press(.char("w"))
    driver.press(.backspace, .backspace)
    driver.type("60")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("季度均分与双述双评的权重合计应为 100%，现为 90%"), "\(driver.screen)")
    #expect(screen.weights == .standard)
  }

  @Test func aYearStillBeingScoredIsMarkedProvisional() throws {
    let fixture = try DemoFixture()
    let (driver, screen) = try yearDriver(fixture, period: "2026Q4")
    // The demo's current quarter is still being scored: every 2026 figure is provisional.
    #expect(!screen.yearResults.isEmpty && screen.yearResults.allSatisfy(\.result.provisional))
    #expect(driver.screen.contains("~ 暂定"), "\(driver.screen)")
    let done = try yearDriver(fixture, period: "2025Q4").1.yearResults
    #expect(done.contains { !$0.result.provisional })
  }

  @Test func aResultBeingScoredIsProvisionalAndSaysWhichScoreItShows() throws {
    let fixture = try DemoFixture()
    let repo = fixture.store.assessments
    let current = Period(year: 2026, quarter: 4)
    let units = try fixture.store.organisation.units(includeInactive: false)
    let item = try #require(
      try repo.assessments(period: current).first { item in
        item.state == .generalReview && units.first { $0.id == item.unitID }?.kind == .branch
      })
    let unit = try #require(units.first { $0.id == item.unitID })
    let parent = try #require(units.first { $0.id == unit.parentID })
    let a = try #require(try repo.assessment(id: item.id))
    let committee = a.entries.filter { !$0.committeeInput.isEmpty }.count
    let selfOnly = a.entries.filter { $0.committeeInput.isEmpty && !$0.selfInput.isEmpty }.count
    #expect(committee > 0 && selfOnly > 0, "the committee is part-way through")
    let size = Size(width: 140, height: 40)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(
      name: "assess", subject: nil,
      options: ["select": parent.name + "/" + unit.name, "period": current.text])
    let text = Driver(shell, size: size).screen
    let grade = Strings(.zhHans)("grade.\(a.summary.grade.rawValue)")
    #expect(
      text.contains("\(grade)~（暂定：审核 \(committee) 项 + 自评 \(selfOnly) 项）"), "\(text)")
    // The tree marks every unpublished grade as provisional, and no published one.
    let screen = try #require(shell.screens.compactMap { $0 as? AssessScreen }.first)
    for state in AssessmentState.allCases {
      var listed = item
      listed.state = state
      let badge = try #require(screen.badge(for: listed))
      #expect(badge.hasSuffix("~") == ![.publicNotice, .locked].contains(state), "\(state): \(badge)")
    }
  }
}
