import Domain
import Foundation
import Store
import TUI

extension Benchmarks {
  /// The assessment screen: opening a branch's form and moving between branches and
  /// indicators (key → frame), and ranking a period of every unit.
  @MainActor
  static func assessmentFigures(context: AppContext, size: Size, iterations: Int, store: GongzhiStore) throws
  {
    let shell = AppShell(context: context, size: size)
    let loop = EventLoop(backend: MemoryBackend(size: size))
    loop.step(shell, event: .key(shell.tabKey(for: "assess")))
    func time(_ label: String, _ keys: [Key], budget: Double = 10, countQueries: Bool = false) {
      timeKeys(label, keys, loop: loop, shell: shell, budget: budget, countQueries: countQueries)
    }
    time("assess (next branch, open form)", Array(repeating: Key.char("N"), count: iterations))
    time("assess (move between branches)", Array(repeating: Key.down, count: iterations), countQueries: true)
    loop.step(shell, event: .key(.char("N")))
    loop.step(shell, event: .key(.enter))
    time(
      "assess form (move indicator)",
      Array(repeating: Key.down, count: 40) + Array(repeating: Key.up, count: 40))
    loop.step(shell, event: .key(.escape))
    guard let period = try store.assessments.periods().first else { return }
    let units = try store.assessments.assessments(period: period).count
    var samples: [Double] = []
    for _ in 0..<20 {
      let started = DispatchTime.now().uptimeNanoseconds
      _ = try store.assessments.ranking(period: period, kind: .branch, generalBranchID: nil, category: nil)
      samples.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
    }
    report("ranking a period (\(units) units) p50", percentile(samples, 50), unit: "ms", budget: 20)
    // Opening the ranking ranks the period: the ranking's budget (20 ms) applies.
    time(
      "ranking view (period, filter)",
      Array(repeating: [Key.char("v"), .char("v")], count: 10).flatMap { $0 }, budget: 20)
  }
}
