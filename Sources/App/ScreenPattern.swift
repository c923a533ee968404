import Foundation
import TUI

// One pattern for every screen, in the spirit of bubbletea and Elm:
//
//   update(msg) -> [Effect]          the only place a screen's state changes
//   layout(area)                     hit areas and page sizes (sent as `.layout`)
//   render(into:in:glyphs:)          pure: reads the state, reads no store, changes nothing
//
// The shell owns the event loop, the one modal stack and the effect runner: it turns
// events into messages, runs the effects a screen returns (store reads and writes,
// posting a line, opening a confirmation, quitting) and feeds their results back as
// messages, so an error reaches the screen as `.failed` instead of vanishing.

/// A message a screen of its own defines (the answer of a confirmation, a store
/// result); the screen casts it back in `update`.
protocol ScreenOwnMsg {}

/// What happened, as a screen hears it.
enum ScreenMsg {
  case key(Key)
  case mouse(MouseEvent)
  /// The area the screen draws in for the coming frame. A screen stores its hit areas
  /// and page sizes here and reads the rows that area shows, so render never has to.
  case layout(Rect)
  /// A timer deadline passed (the shell's clock, a fake one in tests).
  case tick(Date)
  /// A message only this screen knows.
  case own(any ScreenOwnMsg)
  /// An effect the screen asked for threw.
  case failed(any Error)
}

/// What a screen asks the shell to do; nothing else leaves a screen.
enum Effect {
  /// Shows a line in the status bar until the next key.
  case post(String, StyleRole)
  /// Opens the `?` overlay with the screen's keys.
  case showHelp
  /// Ends the program.
  case quit
  /// Puts a confirmation on the shell's modal stack; "yes" (its first button) sends
  /// `onYes` to the screen, any other answer `onNo` when there is one.
  case confirm(Dialog, onYes: ScreenMsg, onNo: ScreenMsg? = nil)
  /// A store read or write: the shell runs it and sends its message back, or
  /// `.failed(error)` when it throws.
  case run(() throws -> ScreenMsg)
}

/// A modal on the shell's one stack, drawn over the screen (or the whole window) and
/// given every key until it closes.
struct ShellModal {
  enum Answer {
    /// Send this message to the screen that opened the modal.
    case send(ScreenMsg)
    /// The shell's own quit confirmation.
    case quit
    case nothing
  }

  var dialog: Dialog
  var onYes: Answer
  var onNo: Answer
  /// Drawn over the screen's body (a screen's confirmation) or the whole window (quit).
  var coversWindow: Bool
}

/// Records what a screen written against `ScreenHost` asks of its host, as effects:
/// the bridge that lets such a screen answer `update` while it is converted.
@MainActor
final class EffectRecorder: ScreenHost {
  let context: AppContext
  private(set) var effects: [Effect] = []

  init(context: AppContext) { self.context = context }

  func post(_ message: String, role: StyleRole) { effects.append(.post(message, role)) }
  func showHelp() { effects.append(.showHelp) }
  func confirm(_ dialog: Dialog, onYes: ScreenMsg, onNo: ScreenMsg?) {
    effects.append(.confirm(dialog, onYes: onYes, onNo: onNo))
  }

  /// The effects `body` asked for while handling one event.
  static func effects(
    of event: Event, context: AppContext, _ body: (Event, ScreenHost) -> Bool
  ) -> [Effect] {
    let recorder = EffectRecorder(context: context)
    _ = body(event, recorder)
    return recorder.effects
  }
}

extension ScreenMsg {
  /// The terminal event this message carries, for the screens that still take events.
  var event: Event? {
    switch self {
    case .key(let key): return .key(key)
    case .mouse(let mouse): return .mouse(mouse)
    case .tick(let date): return .tick(date)
    default: return nil
    }
  }
}

extension Dialog {
  /// The question an Esc on a form with typed-in input asks; "discard" is the first
  /// button, so it answers a confirmation's "yes".
  static func discardEdits(_ strings: Strings) -> Dialog {
    Dialog(
      title: strings("form.discard.title"), message: strings("form.discard.message"),
      buttons: [strings("form.discard"), strings("form.keepEditing")], selected: 1)
  }
}

/// The inside of a bordered box drawn in `rect` (what `Box.render` returns), for a
/// layout computed before anything is drawn.
func boxInner(_ rect: Rect) -> Rect {
  guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
  return rect.inset(by: 1)
}
