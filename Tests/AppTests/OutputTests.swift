import Domain
import Foundation
import Store
import Testing

@testable import App

/// Issue 13 item 4: a write that fails is an error naming the target and the system's
/// reason (the command line turns it into one line on stderr and exit 1).
@Suite struct OutputTests {
  @Test func aFullDeviceIsAnError() throws {
    #expect(throws: OutputError(path: "/dev/full", code: ENOSPC)) {
      try Output.write("党员名册\n", to: "/dev/full")
    }
    var st = stat()
    #expect(stat("/dev/full", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "a device is never replaced")
  }

  @Test func theMessageNamesTheTargetAndReason() {
    let strings = Strings(.en)
    #expect(
      strings.describe(OutputError(path: nil, code: ENOSPC))
        == "cannot write to standard output: No space left on device")
    #expect(
      strings.describe(OutputError(path: "/x/m.csv", code: EACCES))
        == "cannot write to /x/m.csv: Permission denied")
  }

  @Test func aFileIsReplacedWholeAndAFailureLeavesNoTemporary() throws {
    let directory = try TestDirectory.make("output")
    let path = directory.appendingPathComponent("m.csv").path
    try Output.write("old\n", to: path)
    try Output.write("新内容\n", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "新内容\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["m.csv"])
    let missing = directory.appendingPathComponent("no/such/m.csv").path
    #expect(throws: OutputError(path: missing, code: ENOENT)) { try Output.write("x", to: missing) }
  }
}

/// Issue 13 item 29: `export assessments` without `--period` takes the newest period
/// that has results, like the proposal and satisfaction exports take the newest.
@Suite struct AssessmentExportPeriodTests {
  @Test func defaultsToTheNewestPeriodWithResults() throws {
    let fixture = try DemoFixture()
    let periods = try fixture.store.assessments.periods()
    let expected = try #require(
      periods.first { p in
        try fixture.store.assessments.assessments(period: p).contains { $0.state != .draft || $0.total > 0 }
      })
    let chosen = try AssessmentCommands.exportPeriod(nil, store: fixture.store, strings: Strings(.en))
    #expect(chosen == expected)
    #expect(try AssessmentExport.csv(period: chosen, store: fixture.store).contains(chosen.text))
    #expect(
      try AssessmentCommands.exportPeriod("2025Q2", store: fixture.store, strings: Strings(.en)).text
        == "2025Q2")
  }

  @Test func anEmptyDatabaseSaysThereIsNothingToExport() throws {
    let directory = try TestDirectory.make("empty")
    let store = try GongzhiStore(path: directory.appendingPathComponent("e.sqlite").path)
    #expect(throws: CLIError.self) {
      _ = try AssessmentCommands.exportPeriod(nil, store: store, strings: Strings(.en))
    }
  }
}
