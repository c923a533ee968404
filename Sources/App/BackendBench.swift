import Domain
import Foundation
import Store
import TUI

/// `gongzhi bench backends --server URL` (issue 14's benchmark): the same hospital on
/// SQLite and on the PostgreSQL database at URL, side by side in one run. The demo at
/// `--scale` is built in a scratch file and copied onto the server (an empty database
/// set up with `setup-server`; run as its owner); then for each backend the start-up to
/// the first frame, key → frame on every screen with the statements each key sent, the
/// dashboard's first frame on the answers, and importing the answers, against `psql
/// \copy` of the same CSV into a plain table on the server.
extension Benchmarks {
  @MainActor
  static func backends(server: String, scale: Int, answers: Int, strings: Strings) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongzhi-bench-pg-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bench.sqlite").path
    var started = Date()
    _ = try Launcher.createDemo(path: file, seed: 1, scale: scale, replace: true, strings: strings)
    report("demo hospital ×\(scale) built (SQLite)", Date().timeIntervalSince(started) * 1000, unit: "ms")
    started = Date()
    let copied = try StoreCopy.copy(from: file, to: server)
    report(
      "copied onto the server (\(copied.rows) rows)", Date().timeIntervalSince(started) * 1000, unit: "ms")

    let csv = dir.appendingPathComponent("answers.csv").path
    try DemoSatisfaction.writeResponsesCSV(path: csv, count: answers, seed: 1)
    let exe = executablePath
    for (name, target) in [("SQLite", file), ("PostgreSQL", server)] {
      print("— \(name)")
      for screen in ["org", "assess", "proposals", "satisfaction", "disclosures"] {
        let times = try (0..<5).map { _ in
          try timeProcess(exe, ["render", screen, "--size", "100x30", "--db", target])
        }
        report(
          "\(name): startup to first frame, \(screen) (process) p50", percentile(times, 50), unit: "ms",
          budget: 150)
      }
      let options = LaunchOptions(
        databasePath: target, user: nil, theme: nil, language: strings.language, ambiguousWide: false)
      let session = try Launcher.openSession(options)
      let context = AppContext(
        store: session.store, actor: session.actor, strings: strings, glyphs: .unicode, today: .today())
      for (screen, keys) in backendKeys {
        try keyFigures(screen: "\(name): \(screen)", tab: screen, context: context, keys: keys)
      }
      let importMs = try timeProcess(exe, ["import", "responses", csv, "--db", target])
      report("\(name): import \(answers) answers (process)", importMs, unit: "ms")
      if target == server {
        let copyMs = try psqlCopy(csv: csv, server: server)
        report("PostgreSQL: psql \\copy of the same CSV into a plain table", copyMs, unit: "ms")
        report("PostgreSQL: import ÷ psql \\copy", importMs / copyMs, unit: "×", budget: 1.5)
      }
      let first = (0..<5).map { _ -> Double in
        let begun = DispatchTime.now().uptimeNanoseconds
        let size = Size(width: 120, height: 40)
        let shell = AppShell(context: context, size: size)
        let loop = EventLoop(backend: MemoryBackend(size: size))
        loop.step(shell, event: .key(shell.tabKey(for: "satisfaction")))
        loop.draw(shell)
        return Double(DispatchTime.now().uptimeNanoseconds - begun) / 1_000_000
      }
      report(
        "\(name): dashboard first frame with the answers p50", percentile(first, 50), unit: "ms", budget: 30)
    }
    print(
      "A LAN round trip of 0.5 ms adds 0.5 ms per statement a key sends (the queries-per-key lines above).")
  }

  /// Keys per screen: moving in its list, down and back up.
  static let backendKeys: [(String, [Key])] = [
    ("org", Array(repeating: Key.down, count: 30) + Array(repeating: Key.up, count: 30)),
    ("assess", Array(repeating: Key.down, count: 30) + Array(repeating: Key.up, count: 30)),
    ("proposals", Array(repeating: Key.down, count: 60) + Array(repeating: Key.up, count: 60)),
    ("satisfaction", satisfactionKeys),
    ("disclosures", disclosureKeys),
  ]

  @MainActor
  private static func keyFigures(screen label: String, tab: String, context: AppContext, keys: [Key]) throws {
    let size = Size(width: 120, height: 40)
    let shell = AppShell(context: context, size: size)
    let loop = EventLoop(backend: MemoryBackend(size: size))
    loop.draw(shell)
    loop.step(shell, event: .key(shell.tabKey(for: tab)))
    timeKeys(label, keys, loop: loop, shell: shell, budget: 10, countQueries: true)
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
