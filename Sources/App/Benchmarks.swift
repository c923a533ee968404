import Domain
import Foundation
import Store
import TUI

/// `gongzhi bench`: prints the figures the issues set budgets for. Nothing here
/// asserts; the numbers are for people (and the README's table).
public enum Benchmarks {
  @MainActor
  public static func run(scale: Int, iterations: Int, options: LaunchOptions, explicitDatabase: Bool) throws {
    let strings = Strings(options.language)
    let path: String
    var scratch: URL?
    if explicitDatabase {
      path = options.databasePath
    } else {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongzhi-bench-\(getpid())")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      scratch = dir
      path = dir.appendingPathComponent("bench.sqlite").path
      let started = Date()
      _ = try Launcher.createDemo(path: path, seed: 1, scale: scale, replace: true, strings: strings)
      report("demo hospital ×\(scale) built", Date().timeIntervalSince(started) * 1000, unit: "ms")
    }
    defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
    var opts = options
    opts.databasePath = path
    let store = try GongzhiStore(path: path)
    let totals = try store.organisation.memberTotals()
    print("database: \(path) (\(totals.all) members)")

    // Start-up as a user sees it: a whole process drawing its first frame.
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    var processTimes: [Double] = []
    for _ in 0..<10 {
      let started = Date()
      let p = Process()
      p.executableURL = URL(fileURLWithPath: exe)
      p.arguments = ["render", "org", "--size", "100x30", "--db", path]
      p.standardOutput = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      processTimes.append(Date().timeIntervalSince(started) * 1000)
    }
    report(
      "startup to first frame (process, org 100×30)", percentile(processTimes, 50), unit: "ms", budget: 150)

    // The same inside one process: open the store, build the screen, draw, diff.
    var firstFrame: [Double] = []
    for _ in 0..<10 {
      let started = Date()
      let session = try Launcher.openSession(opts)
      let context = AppContext(
        store: session.store, actor: session.actor, strings: strings, glyphs: .unicode, today: .today())
      let shell = AppShell(context: context, size: Size(width: 100, height: 30))
      let loop = EventLoop(backend: MemoryBackend(size: Size(width: 100, height: 30)))
      loop.draw(shell)
      firstFrame.append(Date().timeIntervalSince(started) * 1000)
    }
    report("open store + first frame (in process)", percentile(firstFrame, 50), unit: "ms")

    // Key press to next frame on the organisation screen.
    let session = try Launcher.openSession(opts)
    let context = AppContext(
      store: session.store, actor: session.actor, strings: strings, glyphs: .unicode, today: .today())
    let size = Size(width: 120, height: 40)
    let shell = AppShell(context: context, size: size)
    let loop = EventLoop(backend: MemoryBackend(size: size))
    loop.draw(shell)
    func timeKeys(_ label: String, _ keys: [Key]) {
      var samples: [Double] = []
      for key in keys {
        let started = DispatchTime.now().uptimeNanoseconds
        loop.step(shell, event: .key(key))
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
      }
      if ProcessInfo.processInfo.environment["GONGZHI_BENCH_DETAIL"] != nil {
        let slow = samples.enumerated().sorted { $0.element > $1.element }.prefix(5)
        print(
          "  slowest: "
            + slow.map { "#\($0.offset) \(keys[$0.offset]) \(String(format: "%.1f", $0.element))" }.joined(
              separator: ", "))
      }
      report("key → frame, \(label) p50", percentile(samples, 50), unit: "ms", budget: 10)
      report("key → frame, \(label) p99", percentile(samples, 99), unit: "ms", budget: 10)
    }
    // Open every general branch, then walk the whole tree down and up.
    var openAll: [Key] = []
    for _ in 0..<(8 * scale) { openAll += [.down, .right] }
    timeKeys("tree (expand, move)", openAll)
    let walk = Array(repeating: Key.down, count: iterations) + Array(repeating: Key.up, count: iterations)
    timeKeys("tree (move between branches)", walk)
    loop.step(shell, event: .key(.home))
    loop.step(shell, event: .key(.down))
    loop.step(shell, event: .key(.right))
    loop.step(shell, event: .key(.down))
    loop.step(shell, event: .key(.tab))
    timeKeys("roster (move)", Array(repeating: Key.down, count: 40) + Array(repeating: Key.up, count: 40))
    loop.step(shell, event: .key(.char("/")))
    timeKeys(
      "search keystroke", ["王", "李", "张"].map { Key.char($0) } + [.backspace, .backspace, .backspace])
    loop.step(shell, event: .key(.escape))

    try assessmentFigures(context: context, size: size, iterations: iterations, store: store)

    idleFigures(exe: exe, path: path)
  }

  /// Runs the real program in tmux for a few seconds untouched and reads its CPU time
  /// and the bytes it sent to the terminal.
  private static func idleFigures(exe: String, path: String) {
    let script = """
      set -e
      command -v tmux >/dev/null || { echo "skipped: no tmux"; exit 0; }
      S=gz-bench-$$; out=$(mktemp)
      tmux -L $S new-session -d -x 100 -y 30 "env TERM=xterm-256color LANG=C.UTF-8 '\(exe)' --db '\(path)'"
      sleep 1.5
      pid=$(pgrep -P "$(tmux -L $S list-panes -F '#{pane_pid}')" | head -1); [ -z "$pid" ] && pid=$(tmux -L $S list-panes -F '#{pane_pid}')
      tmux -L $S pipe-pane -o "cat >> $out"; sleep 0.3
      c0=$(awk '{print $14+$15}' /proc/$pid/stat); b0=$(stat -c %s $out)
      sleep 5
      c1=$(awk '{print $14+$15}' /proc/$pid/stat); b1=$(stat -c %s $out)
      tmux -L $S kill-server; rm -f $out
      echo "$((c1-c0)) $((b1-b0))"
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", script]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    do {
      try p.run()
      p.waitUntilExit()
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let parts = out.split(separator: " ").compactMap { Double($0) }
      if parts.count == 2 {
        report("idle 5 s: CPU ticks (1/100 s)", parts[0], unit: "", budget: 0)
        report("idle 5 s: bytes to the terminal", parts[1], unit: "B", budget: 0)
      } else {
        print("idle: \(out)")
      }
    } catch {
      print("idle: not measured (\(error))")
    }
  }

  static func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
    return sorted[min(max(0, rank), sorted.count - 1)]
  }

  static func report(_ label: String, _ value: Double, unit: String, budget: Double? = nil) {
    let shown = value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    var line =
      label.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + shown
      + (unit.isEmpty ? "" : " " + unit)
    if let budget {
      line = line.padding(toLength: 64, withPad: " ", startingAt: 0)
      line += "budget \(budget == 0 ? "0" : String(format: "%g", budget))\(unit.isEmpty ? "" : " " + unit)  "
      line += value <= budget ? "ok" : "OVER"
    }
    print(line)
  }
}
