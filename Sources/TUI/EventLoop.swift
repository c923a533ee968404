import Foundation

/// What an application asks of the loop after handling an event.
public enum LoopAction: Sendable, Equatable {
  /// Nothing visible changed: do not draw.
  case none
  case redraw
  case quit
}

/// A full-screen program driven by the event loop: state changes only in `handle`,
/// and `render` draws the whole state into a fresh buffer.
@MainActor
public protocol Application: AnyObject {
  func handle(_ event: Event) -> LoopAction
  func render(into buffer: inout ScreenBuffer, capabilities: TerminalCapabilities)
  /// When the application next wants a `.tick` (a clock, a rotation), if ever.
  var nextDeadline: Date? { get }
}

/// The one event loop: blocks until an event or the application's next deadline,
/// lets the application update, and draws only when something changed.
@MainActor
public final class EventLoop {
  public let backend: Backend
  public private(set) var framesDrawn = 0

  public init(backend: Backend) {
    self.backend = backend
  }

  public func run(_ app: Application) {
    draw(app)
    while true {
      let deadline = app.nextDeadline
      let event = backend.nextEvent(until: deadline) ?? .tick(backend.now)
      let action = app.handle(event)
      switch action {
      case .quit: return
      case .redraw: draw(app)
      case .none:
        if case .resize = event { draw(app) }
      }
    }
  }

  /// Handles one event and draws if needed; for tests and benchmarks that step the loop.
  @discardableResult
  public func step(_ app: Application, event: Event) -> LoopAction {
    let action = app.handle(event)
    if action == .redraw { draw(app) }
    return action
  }

  public func draw(_ app: Application) {
    var buffer = ScreenBuffer(size: backend.size)
    app.render(into: &buffer, capabilities: backend.capabilities)
    backend.present(buffer)
    framesDrawn += 1
  }
}
