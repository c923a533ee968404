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
  /// Puts a form or a pick list on the shell's modal stack, over the screen's body.
  case present(ScreenModal)
  /// Closes the form or pick list on top of the stack (a save went through).
  case dismiss
  /// Changes the form on top of the stack (its problems, a refused save's reason).
  case editForm((inout Form) -> Void)
}

/// A form or a pick list a screen opens on the shell's one modal stack. The shell gives
/// it every key and click until it closes, draws it over the screen's body, asks before
/// an Esc throws typed input away, and sends the screen what was chosen.
enum ScreenModal {
  /// Ctrl-S sends `submit(form)`; the form stays open until the screen's `.dismiss`.
  /// With `cancel`, Esc closes the form at once and sends it (a screen whose forms
  /// hold one short answer each); without, Esc on typed input asks first.
  case form(Form, submit: (Form) -> ScreenMsg, cancel: ScreenMsg? = nil)
  /// Enter on a row sends `chosen(index into the items)` and closes the list.
  case pick(PickList, title: String, placeholder: String, empty: String, chosen: (Int) -> ScreenMsg)

  /// True when closing it now would lose typed input.
  var hasUnsavedInput: Bool {
    if case .form(let form, _, _) = self { return form.isDirty && !form.readOnly }
    return false
  }

  func render(into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs, strings: Strings) {
    switch self {
    case .form(var form, _, _):
      form.layout(in: area)
      form.render(into: &buffer, in: area, glyphs: glyphs, strings: strings)
    case .pick(let list, let title, let placeholder, let empty, _):
      list.render(
        into: &buffer, in: area, glyphs: glyphs, title: title, placeholder: placeholder, empty: empty)
    }
  }
}

/// A modal on the shell's one stack, drawn over the screen (or the whole window) and
/// given every key until it closes: a confirmation, or a screen's form or pick list.
struct ShellModal {
  enum Answer {
    /// Send this message to the screen that opened the modal.
    case send(ScreenMsg)
    /// The shell's own quit confirmation.
    case quit
    /// "Discard" on the question an Esc on a form with typed input asks: the form closes.
    case discardScreenModal
    case nothing
  }

  var dialog: Dialog
  var onYes: Answer
  var onNo: Answer
  /// Drawn over the screen's body (a screen's confirmation) or the whole window (quit).
  var coversWindow: Bool
  /// A screen's form or pick list instead of a confirmation (`dialog` is then unused).
  var screen: ScreenModal?

  init(dialog: Dialog, onYes: Answer, onNo: Answer, coversWindow: Bool) {
    (self.dialog, self.onYes, self.onNo, self.coversWindow) = (dialog, onYes, onNo, coversWindow)
  }

  init(_ screen: ScreenModal) {
    self.init(
      dialog: Dialog(title: "", message: "", buttons: []), onYes: .nothing, onNo: .nothing,
      coversWindow: false)
    self.screen = screen
  }
}

/// The answer to an `Effect.store`: `apply` is the asking screen's handling of the
/// result, run by that screen's `update`, so state still changes only there.
struct StoreAnswer: ScreenOwnMsg {
  let apply: () -> [Effect]
}

extension Effect {
  /// A store read or write (`work`, run by the shell) and what the screen does with its
  /// result (`then`, run in the screen's `update` when the answer comes back).
  static func store<T>(_ work: @escaping () throws -> T, then: @escaping (Result<T, any Error>) -> [Effect])
    -> Effect
  {
    .run {
      let result = Result { try work() }
      return .own(StoreAnswer { then(result) })
    }
  }
}

extension AppScreen {
  /// Runs store effects at once, their answers fed back as the shell would, for the
  /// paths that need the data before any frame (`gongzhi render`); returns the rest.
  @discardableResult
  func runNow(_ effects: [Effect]) -> [Effect] {
    var queue = effects[...]
    var left: [Effect] = []
    while let effect = queue.popFirst() {
      guard case .run(let task) = effect else {
        left.append(effect)
        continue
      }
      let reply: ScreenMsg
      do { reply = try task() } catch { reply = .failed(error) }
      queue.append(contentsOf: update(reply))
    }
    return left
  }
}

/// The effects one message asks for, gathered by a screen's handlers as they run and
/// returned by `update`: a plain value, so nothing but `update`'s result leaves a screen.
extension [Effect] {
  mutating func post(_ message: String, role: StyleRole) { append(.post(message, role)) }
  mutating func showHelp() { append(.showHelp) }
  mutating func confirm(_ dialog: Dialog, onYes: ScreenMsg, onNo: ScreenMsg?) {
    append(.confirm(dialog, onYes: onYes, onNo: onNo))
  }
}

/// The first frame's store read, the same in every screen: `init` reads nothing, the
/// first `.layout` asks for the read as an effect (its answer lays the screen out), and
/// a path that needs the data before any frame (`gongzhi render`, a key sent before
/// the first frame) reads at once instead (`ensureLoaded`, which calls `done`).
struct FirstRead {
  /// True once the read has been asked for or done.
  private(set) var started = false

  /// The answer to a `.layout(area)`: the first asks for the read (whose answer lays
  /// the screen out in the area it keeps), every later one lays out at once.
  mutating func layout(_ area: Rect, read: () -> Effect, layOut: (Rect) -> Void) -> [Effect] {
    guard started else {
      started = true
      return [read()]
    }
    layOut(area)
    return []
  }

  /// Records a read done another way (a reload), so the first `.layout` does not read again.
  mutating func done() { started = true }
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
