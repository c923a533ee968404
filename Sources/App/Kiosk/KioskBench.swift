import Domain
import Foundation
import Store
import TUI

extension Benchmarks {
  /// `gongzhi bench kiosk`: many rotations with data changed by another connection
  /// in between. Memory must not grow; the figures per rotation are printed.
  @MainActor
  static func kiosk(path: String, rotations: Int, exe: String) throws {
    let writer = try GongzhiStore(path: path)
    let admin = Actor(name: "bench", role: .admin)
    let source = KioskSource(path: path)
    let size = Size(width: 160, height: 48)
    var clock = Date(timeIntervalSince1970: 1_795_500_000)
    let app = KioskApp(
      pages: KioskApp.Page.allCases, interval: 15, strings: Strings(.zhHans), title: nil, exitPIN: nil,
      size: size,
      now: clock, read: { try source.read(at: $0) })
    let backend = MemoryBackend(size: size, now: clock)
    backend.keepsFrames = false
    let loop = EventLoop(backend: backend)
    loop.draw(app)
    func rotate(_ n: Int) {
      for i in 0..<n {
        // Another terminal changes something every rotation.
        try? writer.settings.set(SettingKey.hospitalName, to: "共治示范医院\(i % 7)", by: admin)
        let page = app.pageIndex
        var guardSteps = 0
        while app.pageIndex == page, let deadline = app.nextDeadline, guardSteps < 1000 {
          clock = deadline
          backend.now = deadline
          loop.step(app, event: .tick(deadline))
          guardSteps += 1
        }
      }
    }
    rotate(200)  // warm caches before the first reading
    let rssStart = residentMB()
    let cellsBefore = backend.cellsWritten
    let started = Date()
    let cpuStarted = processCPUSeconds()
    rotate(rotations)
    let elapsed = Date().timeIntervalSince(started)
    let cpu = processCPUSeconds() - cpuStarted
    let rssEnd = residentMB()
    print("kiosk: \(rotations) rotations with a data change before each")
    report("kiosk: resident memory at start", rssStart, unit: "MB")
    report("kiosk: resident memory at end", rssEnd, unit: "MB", budget: rssStart * 1.1 + 2)
    report(
      "kiosk: one rotation (read data + draw)", elapsed * 1000 / Double(rotations), unit: "ms",
      budget: kioskRotationBudget)
    // The processor time alone: on a shared machine the wall clock also counts waiting for a core.
    report("kiosk: one rotation, CPU time of this process", cpu * 1000 / Double(rotations), unit: "ms")
    report(
      "kiosk: cells redrawn per rotation (160×48)",
      Double(backend.cellsWritten - cellsBefore) / Double(rotations),
      unit: "")
    // The real terminal: interval 2 s for 10 s.
    if let (ticks, bytes) = measureInTerminal(
      exe: exe, arguments: ["kiosk", "--db", path, "--interval", "2"], seconds: 10)
    {
      report("kiosk in tmux 100×30: bytes per rotation", bytes / 5, unit: "B")
      report("kiosk in tmux 100×30: CPU ticks per rotation", ticks / 5, unit: "")
    }
    // One page that fits the screen, so no part changes inside the window; the bytes
    // have no budget, since the header clock changes once a minute.
    if let (ticks, bytes) = measureInTerminal(
      exe: exe, arguments: ["kiosk", "--db", path, "--pages", "satisfaction", "--interval", "60"], seconds: 8)
    {
      report("kiosk idle between rotations (8 s): CPU ticks", ticks, unit: "", budget: 0)
      report("kiosk idle between rotations (8 s): bytes", bytes, unit: "B")
    }
  }

  /// CPU time this process has used (all threads), in seconds.
  static func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
