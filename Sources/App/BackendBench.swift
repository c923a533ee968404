import Domain
import Foundation
import Store
import TUI

/// `gongzhi bench backends --db URL` (issue 14's benchmark): the same hospital on SQLite
/// and on the PostgreSQL database at URL (an empty database set up with `setup-server`;
/// run as its owner), measured by the same code and printed side by side in one table.
///
/// The demo at `--scale` (with 100,000 proposals from ×10, as `gongzhi bench`) is built
/// in a scratch file and copied onto the server; then the answer sheets are imported by
/// gongzhi's own importer into each backend, which is the import figure (against
/// `sqlite3 .import` and `psql \copy` of the same CSV into a plain table) and leaves both
/// with the same data. On that data, for each backend: start-up to the first frame of
/// every screen (a process each), the key scripts of `gongzhi bench` with the
/// statements and round trips each key sent, and the dashboard's first frame.
extension Benchmarks {
  static let backendColumns = ["SQLite", "PostgreSQL"]

  @MainActor
  static func backends(server: String, scale: Int, iterations: Int, answers: Int, strings: Strings) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongzhi-bench-pg-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bench.sqlite").path
    var started = Date()
    _ = try Launcher.createDemo(path: file, seed: 1, scale: scale, replace: true, strings: strings)
    report("demo hospital ×\(scale) built (SQLite)", Date().timeIntervalSince(started) * 1000, unit: "ms")
    if scale >= 10 {
      started = Date()
      try DemoProposals.populate(try GongzhiStore(path: file), count: 100_000, seed: 1)
      report("100,000 proposals added (SQLite)", Date().timeIntervalSince(started) * 1000, unit: "ms")
    }
    started = Date()
    let copied = try StoreCopy.copy(from: file, to: server)
    report(
      "copied onto the server (\(copied.rows) rows)", Date().timeIntervalSince(started) * 1000, unit: "ms")
    let csv = dir.appendingPathComponent("answers.csv").path
    started = Date()
    try DemoSatisfaction.writeResponsesCSV(path: csv, count: answers, seed: 1)
    report("\(answers) answer sheets written as CSV", Date().timeIntervalSince(started) * 1000, unit: "ms")

    queriesOnEveryScript = true
    defer { queriesOnEveryScript = false }
    let exe = executablePath
    for (column, target) in zip(backendColumns, [file, server]) {
      SideBySide.current.begin(column)
      try importFigures(
        csv: csv, answers: answers, target: target, plainFile: dir.appendingPathComponent("plain.sqlite").path
      )
      // Ten processes a screen; fewer when `--iterations` asks for fewer keys (a test's run).
      try startupFigures(exe: exe, target: target, samples: min(10, max(1, iterations)))
      let options = LaunchOptions(
        databasePath: target, user: nil, theme: nil, language: strings.language, ambiguousWide: false)
      let session = try Launcher.openSession(options)
      let context = AppContext(
        store: session.store, actor: session.actor, strings: strings, glyphs: .unicode, today: .today())
      try keyScripts(
        context: context, scale: scale, iterations: iterations, path: target, addProposals: false,
        options: options, strings: strings)
      _ = dashboardFirstFrames(context: context)
    }
    printTable(SideBySide.current.finish())
    print(
      """
      A LAN round trip of \(shown(lanRoundTripMs)) ms adds \(shown(lanRoundTripMs)) ms per round trip a key \
      takes (the "round trips per key" lines: every statement, and BEGIN and COMMIT around each read); \
      "p99 + LAN" is each key's time plus that, over the Unix socket measured here.
      """)
  }

  /// Importing the answer sheets with gongzhi (a process, as a user runs it), against
  /// loading the same CSV into a plain table with the backend's own tool.
  private static func importFigures(csv: String, answers: Int, target: String, plainFile: String) throws {
    let ours = try timeProcess(executablePath, ["import", "responses", csv, "--db", target])
    report("import \(answers) answers (process)", ours, unit: "ms")
    let label = "the same CSV into a plain table (sqlite3 / psql)"
    if PGConnection.isTarget(target) {
      let plain = try psqlCopy(csv: csv, server: target)
      report(label, plain, unit: "ms")
      report("import ÷ psql \\copy", ours / plain, unit: "×", budget: 1.5)
    } else if let plain = sqlite3(plainFile, [".mode csv", ".import '\(csv)' responses"]) {
      report(label, plain, unit: "ms")
      report("import ÷ sqlite3 .import", ours / plain, unit: "×", budget: importRatioBudget)
    }
  }

  /// One line per figure, a column per backend, each judged against the line's budget.
  private static func printTable(_ lines: [SideBySide.Line]) {
    // Labels whole (the single-figure lines cut theirs at 56 characters).
    let width = lines.map(\.label.count).max().map { max(52, $0 + 1) } ?? 52
    let header =
      "".padding(toLength: width, withPad: " ", startingAt: 0)
      + backendColumns.map { leftPad($0, 13) }.joined()
    print(header)
    for line in lines {
      let cells = backendColumns.map { column in
        leftPad(line.values[column].map { shown($0) + (line.unit.isEmpty ? "" : " " + line.unit) } ?? "—", 13)
      }
      var text = line.label.padding(toLength: width, withPad: " ", startingAt: 0) + cells.joined()
      if let budget = line.budget {
        text += "  budget \(shown(budget: budget))\(line.unit.isEmpty ? "" : " " + line.unit)".padding(
          toLength: 17, withPad: " ", startingAt: 0)
        text += backendColumns.map { line.values[$0].map { $0 <= budget ? "ok" : "OVER" } ?? "-" }.joined(
          separator: " / ")
      }
      print(text)
    }
    fflush(nil)
  }

  private static func leftPad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  /// `psql \copy` of the CSV into a fresh plain table of text columns, dropped after.
  private static func psqlCopy(csv: String, server: String) throws -> Double {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: csv))
    let text = String(decoding: try handle.read(upToCount: 1 << 16) ?? Data(), as: UTF8.self)
    try handle.close()
    let header = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    let columns = header.split(separator: ",").enumerated().map { "c\($0.offset) text" }.joined(
      separator: ", ")
    let script = """
      SET client_min_messages = warning;
      DROP TABLE IF EXISTS bench_copy;
      CREATE TABLE bench_copy (\(columns));
      \\copy bench_copy FROM '\(csv)' WITH (FORMAT csv, HEADER true)
      DROP TABLE bench_copy;
      """
    let psql = ProcessInfo.processInfo.environment["GONGZHI_TEST_PG_BIN"].map { $0 + "/psql" } ?? "psql"
    let started = DispatchTime.now().uptimeNanoseconds
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    child.arguments = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", server]
    let input = Pipe()
    child.standardInput = input
    try child.run()
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    child.waitUntilExit()
    guard child.terminationStatus == 0 else {
      throw CLIError("psql \\copy: exit status \(child.terminationStatus)")
    }
    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
  }
}

/// The figures of `bench backends`, a column per backend: while a backend is measured,
/// `report` hands each figure here instead of printing it, and the table prints each
/// line once with every backend's figure side by side. A line only one backend has
/// (its import tool's) goes after the line that backend reported before it.
final class SideBySide: @unchecked Sendable {
  static let current = SideBySide()

  struct Line {
    let label: String
    let unit: String
    let budget: Double?
    var values: [String: Double]
  }

  private let lock = NSLock()
  private var column: String?
  private var lines: [Line] = []
  private var position = 0

  /// Collects the figures reported from now on under `column`.
  func begin(_ column: String) {
    lock.withLock {
      self.column = column
      position = 0
    }
  }

  /// Keeps `value` under the current column and returns the column's name; nil when
  /// nothing is being collected (the figure is printed as usual).
  func collect(_ label: String, _ value: Double, unit: String, budget: Double?) -> String? {
    lock.withLock {
      guard let column else { return nil }
      if let i = lines.firstIndex(where: { $0.label == label && $0.values[column] == nil }) {
        lines[i].values[column] = value
        position = i + 1
      } else {
        lines.insert(Line(label: label, unit: unit, budget: budget, values: [column: value]), at: position)
        position += 1
      }
      return column
    }
  }

  /// Stops collecting and hands over the lines.
  func finish() -> [Line] {
    lock.withLock {
      column = nil
      defer { lines = [] }
      return lines
    }
  }
}
