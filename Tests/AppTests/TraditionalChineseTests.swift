import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// zh-Hant (issue 17 item 5): the interface in Traditional characters, the hospital's
/// data as stored (the demo hospital stays Simplified).
@MainActor
@Suite struct TraditionalChineseTests {
  static let size = Size(width: 80, height: 24)

  @Test func orgScreenInTraditionalCharacters() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(language: .zhHant, size: Self.size)
    try shell.prepareRender(name: "org", subject: nil, options: ["select": "内科党总支/心血管内科党支部"])
    let screen = Driver(shell, size: Self.size).screen
    expectSnapshot(screen, "org-branch-zhHant-80x24")
    // The interface's words are Traditional; the data (units, names) is as stored.
    #expect(screen.contains("組織"), "\(screen)")
    #expect(screen.contains("心血管内科党支部"), "\(screen)")
    #expect(!screen.contains("组织"), "\(screen)")
  }

  @Test func proposalsScreenInTraditionalCharacters() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(language: .zhHant, size: Self.size)
    try shell.prepareRender(name: "proposals", subject: nil, options: [:])
    expectSnapshot(Driver(shell, size: Self.size).screen, "proposals-list-zhHant-80x24")
  }

  /// The lobby kiosk (`lang = "zh-Hant"` in its TOML) shows its own words in
  /// Traditional characters, the hospital's names as stored.
  @Test func kioskStandingsInTraditionalCharacters() throws {
    let fixture = try DemoFixture()
    let kiosk = KioskTests()
    let (app, _) = kiosk.kiosk(fixture, language: .zhHant, pages: [.standings], size: Self.size)
    expectSnapshot(kiosk.screen(app, size: Self.size), "kiosk-standings-zhHant-80x24")
  }

  /// Help on screen (the `?` overlay) follows the language too.
  @Test func helpOverlayInTraditionalCharacters() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .zhHant, size: Self.size), size: Self.size)
    driver.press(.char("?"))
    let help = driver.screen
    let simplifiedOnly = ["帮助", "组织", "党员", "选择", "编辑"].filter { help.contains($0) }
    #expect(simplifiedOnly.isEmpty, "Simplified words \(simplifiedOnly) in:\n\(help)")
  }
}
