import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// A screen test as a script of messages: keys, clock ticks from a fake clock, store
/// changes made behind the screen's back, resizes, then the frame as text. It drives
/// the real shell on a real temporary store (a copy of the demo hospital), exactly as
/// the event loop does.
@MainActor
struct ScreenScript {
  enum Step {
    /// Opens a screen (or one of its views) as `gongzhi render NAME SUBJECT` does; the
    /// subject is read from the store when the step runs.
    case render(String, subject: (GongzhiStore) throws -> String? = { _ in nil })
    case key(Key)
    /// Each character typed as a key.
    case type(String)
    /// Advances the fake clock and delivers the tick the loop would.
    case tick(TimeInterval)
    /// A change to the store made by someone else; the screen sees it only through
    /// the messages that follow (a reload key).
    case store((GongzhiStore) throws -> Void)
    case resize(Size)
  }

  /// The clock the script's ticks advance; it starts at noon of the fixture's day.
  final class FakeClock {
    private(set) var now: Date
    init(_ start: Date) { now = start }
    func advance(_ seconds: TimeInterval) -> Date {
      now += seconds
      return now
    }
  }

  let steps: [Step]

  init(_ steps: [Step]) { self.steps = steps }

  /// Runs the script on a new shell at `size` in `language` and returns the screen.
  func run(_ fixture: DemoFixture, language: Language, size: Size, role: Role = .admin) throws -> String {
    try frame(fixture, language: language, size: size, role: role)?.text ?? ""
  }

  /// Runs the script and returns the last frame, text and style roles.
  func frame(_ fixture: DemoFixture, language: Language, size: Size, role: Role = .admin) throws
    -> ScreenBuffer?
  {
    let shell = fixture.shell(language: language, role: role, size: size)
    let driver = Driver(shell, size: size)
    let clock = FakeClock(
      Calendar(identifier: .gregorian).date(
        from: DateComponents(
          timeZone: TimeZone(identifier: "UTC"), year: DemoFixture.today.year, month: DemoFixture.today.month,
          day: DemoFixture.today.day, hour: 12))!)
    for step in steps {
      switch step {
      case .render(let name, let subject):
        try shell.prepareRender(name: name, subject: try subject(fixture.store), options: [:])
        driver.loop.draw(shell)
      case .key(let key): driver.press(key)
      case .type(let text): driver.type(text)
      case .tick(let seconds): driver.loop.step(shell, event: .tick(clock.advance(seconds)))
      case .store(let change): try change(fixture.store)
      case .resize(let size): driver.resize(size)
      }
    }
    return driver.backend.screen
  }

  /// The style roles of `frame`, one letter per cell (a wide grapheme's two cells alike)
  /// under a legend of the letters used, so a snapshot shows what is highlighted,
  /// dimmed or flagged as well as what is written.
  static func roles(_ frame: ScreenBuffer) -> String {
    let letters = Array(".TtASsmdwoBhuiDkEGPFcCb")
    func letter(_ role: StyleRole) -> Character {
      StyleRole.all.firstIndex(of: role).map { letters[$0] } ?? "?"
    }
    var used: Set<StyleRole> = []
    var rows: [String] = []
    for y in 0..<frame.height {
      var row = ""
      for x in 0..<frame.width {
        let role = frame[x, y].role
        used.insert(role)
        row.append(letter(role))
      }
      rows.append(row)
    }
    let legend = StyleRole.all.filter(used.contains).map { "\(letter($0))=\($0)" }.joined(separator: " ")
    return ([legend] + rows).joined(separator: "\n") + "\n"
  }
}
