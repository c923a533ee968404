import Domain
import Foundation
import Store
import TUI

/// One tab of the application. The shell builds it when its tab is first shown, so
/// `init` may read what the screen needs; until then only the static names are used.
@MainActor
protocol AppScreen: AnyObject {
  init(context: AppContext)
  /// Keys and what they do, for the `?` overlay.
  var helpEntries: [(keys: String, description: String)] { get }
  /// The few most useful keys, for the status bar.
  var hints: [(key: String, label: String)] { get }
  /// True while a text field or form has the keyboard, so the shell leaves
  /// letters like `q` and `?` to it.
  var capturesKeyboard: Bool { get }
  /// True when leaving now would lose typed input.
  var hasUnsavedInput: Bool { get }
  /// The only place the screen's state changes: a key, a click, the area of the coming
  /// frame, a clock tick or the result of an effect; returns what the shell should do.
  func update(_ msg: ScreenMsg) -> [Effect]
  /// Draws the state laid out by the last `.layout` message. Reads no store and changes
  /// nothing.
  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs)

  /// The names `gongzhi render NAME` knows this screen (or one of its views) by; the
  /// first also names its tab (`tab.NAME`, `tab.short.NAME` in the string tables).
  static var renderNames: [String] { get }
  /// Puts the screen in the state `gongzhi render NAME [SUBJECT] [--option value…]`
  /// asks for (a selected unit, a period, a filter); throws `CLIError` for a value
  /// that matches nothing.
  func prepareRender(name: String, subject: String?, options: [String: String]) throws
}

extension AppScreen {
  var renderNames: [String] { Self.renderNames }
}

/// A tab of the shell: its names, known without building the screen, and the screen
/// once the tab has been shown (or asked for by `gongzhi render`).
@MainActor
final class ScreenTab {
  let type: any AppScreen.Type
  private(set) var built: AppScreen?

  init(_ type: any AppScreen.Type) { self.type = type }

  var renderNames: [String] { type.renderNames }
  var name: String { type.renderNames.first ?? "" }

  /// The screen, built on first use.
  func screen(_ context: AppContext) -> AppScreen {
    if let built { return built }
    let screen = type.init(context: context)
    built = screen
    return screen
  }
}

/// The frame around the screens: title and tabs on top, status bar below, help, the
/// modal stack (confirmations, the quit question) and the "window too small" notice.
/// It turns events into messages for the shown screen and runs the effects it returns.
@MainActor
public final class AppShell: Application {
  public static let minimumSize = Size(width: 40, height: 12)

  let context: AppContext
  let tabs: [ScreenTab]
  var active = 0
  var help: HelpOverlay?
  /// The one modal stack: the last entry has the keyboard.
  var modals: [ShellModal] = []
  var status: (text: String, role: StyleRole)?
  var size: Size
  var glyphs: Glyphs
  /// The area each built tab was last told it has (`.layout`), so a frame whose area
  /// did not change is not laid out twice.
  private var laidOut: [Int: Rect] = [:]
  private var quitRequested = false

  init(context: AppContext, screens: [any AppScreen.Type], size: Size) {
    self.context = context
    self.tabs = screens.map(ScreenTab.init)
    self.size = size
    self.glyphs = context.glyphs
  }

  /// The shell with every screen of the application, in tab order. No screen is built
  /// yet: each is built when its tab is first drawn.
  public convenience init(context: AppContext, size: Size) {
    self.init(context: context, screens: Self.allScreens, size: size)
  }

  static let allScreens: [any AppScreen.Type] = [
    OrgScreen.self, AssessScreen.self, ProposalsScreen.self, SatisfactionScreen.self, DisclosureScreen.self,
  ]

  /// Every screen, each built now if its tab has not been shown yet (for tests and tools
  /// that look inside screens; the shell itself builds only the tabs it shows).
  var screens: [AppScreen] { tabs.map { $0.screen(context) } }

  /// The screens built so far, in tab order (nil for a tab never shown).
  var builtScreens: [AppScreen?] { tabs.map(\.built) }

  /// The index of the tab whose screen renders `name`.
  func tabIndex(for name: String) -> Int? {
    tabs.firstIndex { $0.renderNames.contains(name) }
  }

  /// The key that opens the tab whose screen renders `name` (`1` for the first tab).
  func tabKey(for name: String) -> Key {
    .char(Character(String((tabIndex(for: name) ?? 0) + 1)))
  }

  /// Every name `gongzhi render` accepts.
  var renderNames: [String] { tabs.flatMap(\.renderNames) }

  /// Switches to the screen that renders `name` and prepares it.
  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    guard let index = tabIndex(for: name) else {
      throw CLIError(context.strings("error.cli.screen", name, renderNames.joined(separator: ", ")))
    }
    active = index
    try current.prepareRender(name: name, subject: subject, options: options)
    laidOut[index] = nil
  }

  public var nextDeadline: Date? { nil }

  /// The shown tab's screen, built on first use.
  var current: AppScreen { tabs[active].screen(context) }

  /// The shown tab's title, from the string tables.
  private var currentTitle: String { context.strings("tab.\(tabs[active].name)") }

  /// The quit confirmation, while it is open.
  var quitDialog: Dialog? { modals.last(where: { $0.coversWindow })?.dialog }

  public func handle(_ event: Event) -> LoopAction {
    let action: LoopAction
    switch event {
    case .terminate:
      return .quit
    case .tick(let date):
      // No screen asks for a deadline yet (`nextDeadline` is nil); a tick that comes
      // anyway (or from a test's fake clock) is the screen's to use.
      send(.tick(date))
      return .none
    case .resize(let newSize):
      size = newSize
      return .redraw
    case .mouse(let mouse):
      action = handleMouse(mouse)
    case .key(let key):
      action = handleKey(key)
    }
    if quitRequested { return .quit }
    if action == .redraw { layOutCurrent() }
    return quitRequested ? .quit : action
  }

  // MARK: Messages and effects

  /// Sends a message to the shown screen and runs what it asks for.
  func send(_ msg: ScreenMsg) {
    run(current.update(msg))
  }

  /// Runs effects in order; a store effect's result (or error) goes back to the screen
  /// as a message, and whatever that asks for runs next.
  private func run(_ effects: [Effect]) {
    var queue = effects[...]
    while let effect = queue.popFirst() {
      switch effect {
      case .post(let text, let role): status = (text, role)
      case .showHelp: showHelp()
      case .quit: quitRequested = true
      case .confirm(let dialog, let onYes, let onNo):
        modals.append(
          ShellModal(
            dialog: dialog, onYes: .send(onYes), onNo: onNo.map { .send($0) } ?? .nothing, coversWindow: false
          ))
      case .run(let task):
        let reply: ScreenMsg
        do { reply = try task() } catch { reply = .failed(error) }
        queue.append(contentsOf: current.update(reply))
      case .present(let modal): modals.append(ShellModal(modal))
      case .dismiss:
        if let i = modals.lastIndex(where: { $0.screen != nil }) { modals.remove(at: i) }
      case .editForm(let change):
        if let i = modals.lastIndex(where: { $0.screen != nil }),
          case .form(var form, let submit, let cancel)? = modals[i].screen
        {
          change(&form)
          modals[i].screen = .form(form, submit: submit, cancel: cancel)
        }
      }
    }
  }

  /// Tells the shown screen the area of the coming frame when it changed, or after a
  /// message that may have moved what it shows (a page of rows to read).
  private func layOutCurrent(force: Bool = true) {
    guard !tooSmall else { return }
    let body = frame(bounds: Rect(x: 0, y: 0, width: size.width, height: size.height)).body
    if !force, laidOut[active] == body { return }
    laidOut[active] = body
    send(.layout(body))
  }

  private var tooSmall: Bool {
    size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
  }

  private func handleKey(_ key: Key) -> LoopAction {
    if tooSmall {
      if key == .char("q") || key == .ctrl("c") { return .quit }
      return .none
    }
    if key == .ctrl("c"), !modals.contains(where: \.coversWindow) { return requestQuit() }
    if let top = modals.popLast() {
      if let screen = top.screen {
        modals.append(top)
        keyForScreenModal(screen, key: key)
      } else {
        answer(top, key: key)
      }
      return .redraw
    }
    if var overlay = help {
      if key == .escape || key == .char("?") || key == .char("q") || key == .enter {
        help = nil
      } else if overlay.handle(key, in: Rect(x: 0, y: 0, width: size.width, height: size.height)) {
        help = overlay
      }
      return .redraw
    }
    status = nil
    if !current.capturesKeyboard {
      switch key {
      case .char("q"): return requestQuit()
      case .char("?"):
        showHelp()
        return .redraw
      case .char(let c) where c.isNumber:
        if let n = c.wholeNumberValue, n >= 1, n <= tabs.count {
          active = n - 1
          return .redraw
        }
      case .function(let n) where n >= 1 && n <= tabs.count && tabs.count > 1:
        active = n - 1
        return .redraw
      default: break
      }
    }
    send(.key(key))
    return .redraw
  }

  /// A key for the modal on top of the stack (already popped): it stays open until
  /// answered, and its answer is sent where it says.
  private func answer(_ modal: ShellModal, key: Key) {
    var modal = modal
    let chosen: ShellModal.Answer?
    switch modal.dialog.handle(key) {
    case .chosen(0): chosen = modal.onYes
    case .chosen, .cancelled: chosen = modal.onNo
    case .handled: chosen = nil
    case .ignored:
      // The quit question also takes y and n, as its buttons say.
      if modal.coversWindow, key == .char("y") {
        chosen = modal.onYes
      } else if modal.coversWindow, key == .char("n") {
        chosen = modal.onNo
      } else {
        chosen = nil
      }
    }
    guard let chosen else {
      modals.append(modal)
      return
    }
    switch chosen {
    case .send(let msg): send(msg)
    case .quit: quitRequested = true
    case .discardScreenModal:
      if let i = modals.lastIndex(where: { $0.screen != nil }) { modals.remove(at: i) }
    case .nothing: break
    }
  }

  /// A key for the screen's form or pick list on top of the stack (still on it).
  private func keyForScreenModal(_ modal: ScreenModal, key: Key) {
    switch modal {
    case .form(var form, let submit, let cancel):
      form.layout(in: bodyRect)
      let outcome = form.handle(key)
      replaceTop(.form(form, submit: submit, cancel: cancel))
      switch outcome {
      case .submit: send(submit(form))
      case .cancel where cancel != nil:
        modals.removeLast()
        if let cancel { send(cancel) }
      case .cancel:
        guard form.isDirty && !form.readOnly else {
          modals.removeLast()
          return
        }
        // The form stays open under the question; "discard" closes both.
        modals.append(
          ShellModal(
            dialog: .discardEdits(context.strings), onYes: .discardScreenModal, onNo: .nothing,
            coversWindow: false))
      case .handled, .ignored: break
      }
    case .pick(var list, let title, let placeholder, let empty, let chosen):
      switch list.handle(key) {
      case .handled:
        replaceTop(.pick(list, title: title, placeholder: placeholder, empty: empty, chosen: chosen))
      case .cancel: modals.removeLast()
      case .chosen(let i):
        modals.removeLast()
        send(chosen(i))
      }
    }
  }

  private func replaceTop(_ modal: ScreenModal) {
    guard let i = modals.indices.last else { return }
    modals[i].screen = modal
  }

  /// The screen's body in the current window.
  private var bodyRect: Rect { frame(bounds: Rect(x: 0, y: 0, width: size.width, height: size.height)).body }

  func showHelp() {
    help = HelpOverlay(title: context.strings("help.title", currentTitle), entries: helpEntries)
  }

  private func requestQuit() -> LoopAction {
    let unsaved = modals.contains { $0.screen.map(\.hasUnsavedInput) ?? true }
    guard current.hasUnsavedInput || unsaved else { return .quit }
    let s = context.strings
    modals.append(
      ShellModal(
        dialog: Dialog(
          title: s("quit.title"), message: s("quit.unsaved"),
          buttons: [s("quit.discard"), s("button.cancel")],
          selected: 1),
        onYes: .quit, onNo: .nothing, coversWindow: true))
    return .redraw
  }

  private func handleMouse(_ mouse: MouseEvent) -> LoopAction {
    if tooSmall { return .none }
    if let top = modals.last {
      // A click on a form moves its focus; nothing else reaches under a modal.
      guard mouse.kind == .click, case .form(var form, let submit, let cancel)? = top.screen else {
        return .none
      }
      form.click(at: Point(x: mouse.x, y: mouse.y), in: bodyRect)
      replaceTop(.form(form, submit: submit, cancel: cancel))
      return .redraw
    }
    if help != nil {
      help = nil
      return .redraw
    }
    if mouse.y == 0 {
      let bar = titleBar
      if let i = bar.tabs.hitTest(x: mouse.x, in: bar.rect) {
        active = i
        return .redraw
      }
      return .none
    }
    status = nil
    send(.mouse(mouse))
    return .redraw
  }

  /// The screen's keys and the shell's own. While the screen has the keyboard (a form),
  /// digits, F-keys and `q` go to it, so only the keys that still work there are listed.
  private var helpEntries: [(keys: String, description: String)] {
    let s = context.strings
    var entries = current.helpEntries
    entries.append((keys: "?", description: s("key.help")))
    if current.capturesKeyboard {
      entries.append((keys: "Ctrl-C", description: s("key.quit")))
      return entries
    }
    if tabs.count > 1 {
      entries.append((keys: "1-\(tabs.count) F1-F\(tabs.count)", description: s("key.screens")))
    }
    entries.append((keys: "q  Ctrl-C", description: s("key.quit")))
    return entries
  }

  private var appTitle: String { " " + context.strings("app.title") + " " }

  /// The tabs and their row: beside the user's name when the (short) titles fit there;
  /// the screens matter more than the name, so it gives way when they do not.
  private var titleBar: (tabs: Tabs, rect: Rect, showsUser: Bool) {
    let titles = self.tabs.map { context.strings("tab.\($0.name)") }
    let short = self.tabs.map { context.strings("tab.short.\($0.name)") }
    let tabs = Tabs(titles: titles, shortTitles: short, active: active)
    let x = appTitle.displayWidth + 1
    let beside = max(0, size.width - x - userLabel.displayWidth - 1)
    let fits = Tabs.fullWidth(tabs.shownTitles(width: beside)) <= beside
    return (tabs, Rect(x: x, y: 0, width: fits ? beside : max(0, size.width - x), height: 1), fits)
  }

  private var userLabel: String { "\(context.actor.name) · \(context.roleName) " }

  public func render(into buffer: inout ScreenBuffer, capabilities: TerminalCapabilities) {
    size = buffer.size
    glyphs = Glyphs.forCapabilities(capabilities)
    context.glyphs = glyphs
    if tooSmall {
      renderTooSmall(into: &buffer)
      return
    }
    let bounds = buffer.bounds
    // The first frame of a tab (and `gongzhi render`) has had no message yet.
    layOutCurrent(force: false)
    let (top, body, bottom, bar) = frame(bounds: bounds)
    buffer.fill(top, role: .title)
    buffer.put(appTitle, x: 0, y: 0, role: .title)
    let titleBar = self.titleBar
    titleBar.tabs.render(into: &buffer, in: titleBar.rect, glyphs: glyphs)
    if titleBar.showsUser {
      buffer.put(userLabel, x: size.width - userLabel.displayWidth, y: 0, role: .title)
    }
    current.render(into: &buffer, in: body, glyphs: glyphs)
    bar.render(into: &buffer, in: bottom, glyphs: glyphs)
    if let help {
      help.render(into: &buffer, in: bounds, glyphs: glyphs)
    }
    for modal in modals {
      if let screen = modal.screen {
        screen.render(into: &buffer, in: body, glyphs: glyphs, strings: context.strings)
      } else {
        modal.dialog.render(into: &buffer, in: modal.coversWindow ? bounds : body, glyphs: glyphs)
      }
    }
  }

  /// The title row, the screen's body and the status bar's rows of a frame.
  private func frame(bounds: Rect) -> (top: Rect, body: Rect, bottom: Rect, bar: StatusBar) {
    let (top, rest) = bounds.splitTop(1)
    let bar = statusBar
    let (body, bottom) = rest.splitBottom(bar.rows(width: bounds.width))
    return (top, body, bottom, bar)
  }

  /// The posted message (wrapping onto up to three rows) or the current screen's hints.
  private var statusBar: StatusBar {
    if let status {
      return StatusBar(text: status.text, hints: [], role: status.role == .normal ? .status : status.role)
    }
    // Quit and help are the hints a newcomer needs most: the others give way first.
    // Under a modal the screen's keys do not work, so they are not offered.
    let screenHints = modals.isEmpty ? current.hints : []
    return StatusBar(
      text: "", hints: screenHints + [(key: "?", label: context.strings("hint.help"))], pinned: ["q", "?"])
  }

  private func renderTooSmall(into buffer: inout ScreenBuffer) {
    guard buffer.width > 0, buffer.height > 0 else { return }
    let sizes = [Self.minimumSize.width, Self.minimumSize.height, size.width, size.height].map(String.init)
    // The sentence when it fits, else the short form, which keeps the sizes readable.
    let full = context.strings.format("screen.tooSmall", sizes)
    let message =
      full.displayWidth <= buffer.width ? full : context.strings.format("screen.tooSmall.short", sizes)
    let fitted = DisplayWidth.current.clip(message, to: buffer.width)
    let x = max(0, (buffer.width - fitted.displayWidth) / 2)
    buffer.put(fitted, x: x, y: buffer.height / 2, role: .warning)
  }
}
