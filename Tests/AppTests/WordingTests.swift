import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// Small wording fixes (issue #13, item 28): plurals, role names, read-only headers and
/// the screens `render --help` names.
@MainActor
@Suite struct WordingTests {
  @Test func onePointIsSingular() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(language: .en)
    try shell.prepareRender(name: "assess", subject: nil, options: [:])
    let screen = try #require(shell.screens.compactMap { $0 as? AssessScreen }.first)
    #expect(screen.toNextText(next: .excellent, gap: 1) == ", 1 point short of Excellent")
    #expect(screen.toNextText(next: .excellent, gap: 2) == ", 2 points short of Excellent")
    #expect(screen.toNextText(next: .good, gap: 0.5) == ", 0.5 points short of Good")
  }

  @Test func aViewerIsNotToldItIsEditing() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 120, height: 40)
    let path = "内科党总支/心血管内科党支部"
    for (role, editing) in [(Role.viewer, false), (Role.officer, true)] {
      let shell = fixture.shell(role: role, size: size)
      try shell.prepareRender(name: "assess", subject: nil, options: ["select": path, "period": "2026Q3"])
      let text = Driver(shell, size: size).screen
      #expect(text.contains("正在填写") == editing, "\(role)")
      #expect(text.contains("只读") == !editing, "\(role)")
    }
  }

  @Test func theOfficerRoleHasOneName() {
    // The role is 党务干部 (domain.md §1) wherever the interface names it.
    let officer = Strings(.zhHans)("role.officer")
    #expect(officer == "党务干部")
    for (key, text) in StringTables.zhHans where text.contains("专职干部") {
      Issue.record("\(key) says 专职干部, the role is \(officer): \(text)")
    }
  }

  @Test func renderHelpNamesEveryScreen() throws {
    let fixture = try DemoFixture()
    let names = fixture.shell().renderNames
    #expect(names.count == 10)
    for language in [Language.zhHans, .en] {
      let help = Strings(language)("help.arg.screen")
      for name in names { #expect(help.contains(name), "\(language): \(name) missing from \(help)") }
    }
  }
}
