import Foundation

public enum Key: Hashable, Sendable {
  case char(Character)
  case ctrl(Character)
  case up, down, left, right
  case home, end, pageUp, pageDown
  case enter, escape, tab, backTab, backspace, delete, insert
  case function(Int)
}

public struct MouseEvent: Hashable, Sendable {
  /// Only what the backend produces: a press of the first button (a tap on a kiosk)
  /// and the wheel. Releases are asked for but dropped (see `NcursesBackend.init`).
  public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
  public var x: Int
  public var y: Int
  public var kind: Kind
  public init(x: Int, y: Int, kind: Kind) {
    self.x = x
    self.y = y
    self.kind = kind
  }
}

/// Everything that can happen to a screen arrives as one of these.
public enum Event: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  /// A timer deadline the application asked for has passed.
  case tick(Date)
  /// The process was asked to stop (SIGTERM, SIGHUP, SIGINT outside raw mode).
  case terminate
}

/// What the terminal can show; widgets choose glyphs and colours by it.
public struct TerminalCapabilities: Hashable, Sendable {
  /// Box-drawing, block and braille characters are shown correctly.
  public var unicode: Bool
  /// 0 (monochrome), 8, 16, 256 or 16,777,216 (truecolor).
  public var colors: Int

  public init(unicode: Bool, colors: Int) {
    self.unicode = unicode
    self.colors = colors
  }

  public static let full = TerminalCapabilities(unicode: true, colors: 256)
}

/// A terminal the event loop can draw to and read from. Main-actor isolated: curses
/// is not thread-safe, so the compiler keeps every terminal call on the main thread.
@MainActor
public protocol Backend: AnyObject {
  var size: Size { get }
  /// The time as the backend sees it: the wall clock, or a test's fake clock.
  var now: Date { get }
  var capabilities: TerminalCapabilities { get }
  /// Shows `buffer`, sending only what differs from the last frame.
  func present(_ buffer: ScreenBuffer)
  /// Waits for the next event, at most until `deadline` (nil: wait indefinitely).
  /// Returns nil when the deadline passed with no event.
  func nextEvent(until deadline: Date?) -> Event?
}

/// A backend in memory for tests: events are queued by the test, frames are kept.
@MainActor
public final class MemoryBackend: Backend {
  public private(set) var size: Size
  public var capabilities: TerminalCapabilities
  public private(set) var frames: [ScreenBuffer] = []
  /// Cells sent to the "terminal" over all frames, as the real backend would.
  public private(set) var cellsWritten = 0
  public var events: [Event] = []
  /// False keeps only the last frame (long benchmarks would otherwise hold them all).
  public var keepsFrames = true
  /// The time the loop sees passing; tests move it forward.
  public var now: Date

  public init(
    size: Size, capabilities: TerminalCapabilities = .full, now: Date = Date(timeIntervalSince1970: 0)
  ) {
    self.size = size
    self.capabilities = capabilities
    self.now = now
  }

  public var screen: ScreenBuffer? { frames.last }

  public func resize(to newSize: Size) {
    size = newSize
    events.append(.resize(newSize))
  }

  public func present(_ buffer: ScreenBuffer) {
    for run in buffer.diff(from: frames.last) { cellsWritten += run.cells.count }
    if !keepsFrames { frames.removeAll(keepingCapacity: true) }
    frames.append(buffer)
  }

  /// Returns the next queued event; with none queued, jumps the clock to the deadline
  /// and reports a timeout, or returns `.terminate` when there is nothing left to wait for.
  public func nextEvent(until deadline: Date?) -> Event? {
    if !events.isEmpty { return events.removeFirst() }
    if let deadline {
      now = max(now, deadline)
      return nil
    }
    return .terminate
  }
}
