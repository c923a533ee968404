import Foundation
import Store

/// `gongzhi bench startup`: the first frame of a whole process at several scales of
/// the demo hospital side by side, the figure issue 16 asks not to grow with the data.
/// Where valgrind is installed each line also has callgrind's instruction count, which
/// does not move with the machine's load as the milliseconds do.
extension Benchmarks {
  /// The scales compared unless `--scales` names others.
  public static let defaultStartupScales = [1, 10, 100]

  /// What the start-up budget says: under 60 ms at the largest scale, and within 1.2× of
  /// the smallest.
  static let startupBudget = 60.0
  static let startupGrowthBudget = 1.2

  @MainActor
  static func startup(scales: [Int], demoDirectory: String?, exe: String, strings: Strings) throws {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("gongzhi-startup-\(getpid())").path
    try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: scratch) }
    let directory = demoDirectory ?? scratch
    var times: [(scale: Int, value: Double)] = []
    var counts: [(scale: Int, value: Double)] = []
    let profiler = Callgrind(exe: exe, scratch: scratch)
    for scale in scales {
      let path = directory + "/demo-x\(scale).sqlite"
      if fm.fileExists(atPath: path) {
        // Made by an earlier run (perhaps an older build): brought to this schema.
        try GongzhiStore(path: path).close()
      } else {
        let started = Date()
        _ = try Launcher.createDemo(path: path, seed: 1, scale: scale, replace: false, strings: strings)
        report("demo hospital ×\(scale) built", Date().timeIntervalSince(started) * 1000, unit: "ms")
      }
      let arguments = ["render", "org", "--size", "100x30", "--db", path]
      _ = try timeProcess(exe, arguments)  // the file's pages into the cache
      var samples: [Double] = []
      for _ in 0..<15 { samples.append(try timeProcess(exe, arguments)) }
      times.append((scale, percentile(samples, 50)))
      if let count = profiler?.instructions(arguments) { counts.append((scale, count)) }
    }
    reportScales("startup to first frame, render org (process) p50", times, unit: "ms", budget: startupBudget)
    if let first = times.first, let last = times.last, first.value > 0, times.count > 1 {
      report(
        "  ×\(last.scale) / ×\(first.scale)", last.value / first.value, unit: "×", budget: startupGrowthBudget
      )
    }
    if counts.isEmpty {
      print("  instructions: not counted (needs valgrind and objcopy)")
    } else {
      reportScales(
        "  instructions (callgrind), millions", counts.map { ($0.scale, $0.value / 1e6) }, unit: "M")
      if let first = counts.first, let last = counts.last, counts.count > 1 {
        report(
          "  ×\(last.scale) / ×\(first.scale)", last.value / first.value, unit: "×",
          budget: startupGrowthBudget)
      }
    }
  }

  /// One line with a figure per scale (`×1 38.20 ms  ×10 …`); a budget applies to the last.
  static func reportScales(
    _ label: String, _ values: [(scale: Int, value: Double)], unit: String, budget: Double? = nil
  ) {
    let cells = values.map { "×\($0.scale) " + String(format: $0.value >= 100 ? "%.0f" : "%.2f", $0.value) }
    var line =
      label.padding(toLength: 56, withPad: " ", startingAt: 0) + " " + cells.joined(separator: "  ") + " "
      + unit
    if let budget, let last = values.last {
      line +=
        "   budget \(String(format: "%g", budget)) \(unit) at ×\(last.scale)  "
        + (last.value <= budget ? "ok" : "OVER")
    }
    print(line)
    fflush(nil)
  }
}

/// Counts the instructions a command runs under valgrind's callgrind. Valgrind 3.19
/// cannot read the DWARF 5 debug information Swift 6 writes, so a copy of the program
/// without it (`objcopy --strip-debug`) is what runs; its code is the same.
struct Callgrind {
  let valgrind: String
  let program: String

  /// nil when valgrind or objcopy is missing, or the copy cannot be made.
  init?(exe: String, scratch: String) {
    guard let valgrind = Self.which("valgrind"), let objcopy = Self.which("objcopy") else { return nil }
    let copy = scratch + "/gongzhi-nodebug"
    guard Self.run(objcopy, ["--strip-debug", exe, copy]) != nil else { return nil }
    self.valgrind = valgrind
    self.program = copy
  }

  /// The instructions `program arguments` ran (callgrind's "Collected"), nil if it failed.
  func instructions(_ arguments: [String]) -> Double? {
    guard
      let output = Self.run(
        valgrind, ["--tool=callgrind", "--callgrind-out-file=/dev/null", program] + arguments, stderr: true)
    else { return nil }
    // "==123== Collected : 79458243"
    guard let line = output.split(separator: "\n").first(where: { $0.contains("Collected :") }),
      let count = line.split(separator: " ").last.flatMap({ Double($0) })
    else { return nil }
    return count
  }

  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Runs a tool and returns what it printed (its standard error when `stderr`), nil if it failed.
  static func run(_ tool: String, _ arguments: [String], stderr: Bool = false) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = arguments
    let pipe = Pipe()
    if stderr {
      p.standardError = pipe
      p.standardOutput = FileHandle.nullDevice
    } else {
      p.standardOutput = pipe
      p.standardError = FileHandle.nullDevice
    }
    guard (try? p.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}
