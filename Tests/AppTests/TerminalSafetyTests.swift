#if canImport(Glibc)
  import Domain
  import Foundation
  import GRDB
  import Glibc
  @testable import Store
  import TUI
  import Testing

  @testable import App

  @_silgen_name("wcwidth") private func c_wcwidth(_ c: wchar_t) -> Int32

  // Issue 13 items 7 and 9: nothing taken from stored data writes a control
  // character to a terminal, and joined or combining text cannot make a line wider
  // than the screen.
  @MainActor
  @Suite struct TerminalSafetyTests {
    static let joined = "家👨\u{200D}👩\u{200D}👧x\u{200D}ye\u{301}🇨🇳❤\u{FE0F}👍\u{1F3FD}"

    func columns(_ line: String) -> Int {
      line.unicodeScalars.reduce(0) { $0 + max(0, Int(c_wcwidth(wchar_t($1.value)))) }
    }

    @Test func terminalOutputEscapesControlsButKeepsLineBreaks() {
      let csv = "\u{FEFF}编号,标题\r\n7-2026-001,\"食堂\u{1B}]2;pwned\u{07}\n夜班\u{9B}31m\"\t\r\n"
      let shown = TerminalOutput.forTerminal(csv)
      #expect(shown == "\u{FEFF}编号,标题\r\n7-2026-001,\"食堂^[]2;pwned^G\n夜班<9B>31m\"\t\r\n")
      #expect(TerminalOutput.forTerminal("a\rb") == "a^Mb")
    }

    @Test func screensWithJoinedEmojiFitTheirWidth() throws {
      #expect(setlocale(LC_ALL, "C.UTF-8") != nil)
      let fixture = try DemoFixture()
      try fixture.execute("UPDATE proposal SET title = CAST(? AS TEXT) || id", [Self.joined])
      try fixture.execute(
        "UPDATE member SET name = ? WHERE id IN (SELECT id FROM member LIMIT 40)", [Self.joined])
      try fixture.execute("UPDATE disclosure_item SET name = CAST(? AS TEXT) || id", [Self.joined])
      let size = Size(width: 120, height: 40)
      let driver = Driver(fixture.shell(), size: size)
      for tab in ["org", "proposals", "disclosures"] {
        driver.showTab(tab)
        for line in driver.screen.split(separator: "\n") {
          #expect(columns(String(line)) <= size.width, "\(tab): \(columns(String(line))) columns: \(line)")
        }
      }
    }
  }
#endif
