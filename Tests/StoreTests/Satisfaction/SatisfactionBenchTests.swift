import Domain
import Foundation
import Store
import Testing

/// Peak resident memory of this process (VmHWM), in MB.
func peakRSSMegabytes() -> Double {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return 0 }
  return kb / 1024
}

/// Seconds `sqlite3` takes to `.import` the CSV into a plain table, or nil without sqlite3.
func sqliteImportSeconds(csv: String, dir: String) -> Double? {
  let tool = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  guard let tool else { return nil }
  let p = Process()
  p.executableURL = URL(fileURLWithPath: tool)
  p.arguments = [dir + "/plain.sqlite", "-cmd", ".mode csv", ".import \(csv) responses"]
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  let start = Date()
  guard (try? p.run()) != nil else { return nil }
  p.waitUntilExit()
  return Date().timeIntervalSince(start)
}

/// Prints import figures beside `sqlite3 .import` of the same CSV; no timed assertions.
/// `GONGZHI_SAT_BENCH_ROWS=1000000 swift test --filter satisfactionImportBenchmark` for the budget run.
@Test func satisfactionImportBenchmark() throws {
  let rows = Int(ProcessInfo.processInfo.environment["GONGZHI_SAT_BENCH_ROWS"] ?? "") ?? 20_000
  try withStorePath { storePath, dir in
    let csv = dir + "/responses.csv"
    var start = Date()
    try DemoSatisfaction.writeResponsesCSV(
      path: csv, count: rows, seed: 1, today: Day(year: 2025, month: 6, day: 30))
    let generate = Date().timeIntervalSince(start)
    let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? NSNumber)?.intValue ?? 0
    let store = try GongzhiStore(path: storePath)
    var calls = 0
    start = Date()
    let record = try SatisfactionImport.responses(path: csv, store: store, actor: admin) { _, _ in calls += 1
    }
    let ours = Date().timeIntervalSince(start)
    #expect(record.rows == rows)
    let rss = peakRSSMegabytes()
    var times: [Double] = []
    var kpi: SatisfactionKPI? = nil
    for _ in 0..<3 {
      start = Date()
      kpi = try store.satisfaction.kpi(.staff, period: .month(2025, 6), seriesLength: 36)
      let t1 = Date()
      _ = try store.satisfaction.departmentRanking(.staff, period: .month(2025, 6))
      let t2 = Date()
      _ = try store.satisfaction.weakestItems(.inpatient, period: .month(2025, 6))
      let t3 = Date()
      times += [t1, t2, t3].map { $0.timeIntervalSince(start) * 1000 }
      _ = (t1, t2)
    }
    #expect((kpi?.current.n ?? 0) > 0)
    let plain = sqliteImportSeconds(csv: csv, dir: dir)
    #if DEBUG
      let mode = "debug"
    #else
      let mode = "release"
    #endif
    var line = String(
      format: "satisfaction import (%@): %d rows, %.1f MB CSV (generated in %.2f s); import %.2f s", mode,
      rows,
      Double(size) / 1e6, generate, ours)
    if let plain {
      line += String(format: "; sqlite3 .import %.2f s; ratio %.2f", plain, ours / plain)
    }
    line += String(format: "; peak RSS %.0f MB; %d progress calls", rss, calls)
    line +=
      "; dashboard queries cumulative ms (KPI 36 months, +ranking, +5 weakest with 12-month trend), 3 runs: "
    line += times.map { String(format: "%.1f", $0) }.joined(separator: " ")
    print(line)
  }
}
