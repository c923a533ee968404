@preconcurrency internal import CNcursesw
import Foundation

/// Why the real terminal could not be used; the caller prints it and exits.
public enum TerminalError: Error, Sendable {
  /// `TERM` names no terminal ncurses can drive (unset, unknown, `dumb`).
  case unusableTerminal(String)
  case notATerminal
}

/// The real terminal, through ncursesw. Every curses call happens on the main actor
/// (the compiler checks it: this file is the only one that imports curses, and every
/// type in it that calls curses is `@MainActor`); nothing else touches curses.
@MainActor
public final class NcursesBackend: Backend {
  public private(set) var size: Size
  public let capabilities: TerminalCapabilities
  public var now: Date { Date() }
  private var theme: Theme
  private var styleCache: [StyleRole: (attr: attr_t, pair: Int16)] = [:]
  private var previous: ScreenBuffer?
  private var screen: OpaquePointer?
  private var ended = false

  /// Sets up the terminal. `locale` is the result of `TerminalLocale.setUp()`.
  public init(theme: Theme, environment: [String: String], forceASCII: Bool = false) throws {
    guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
    let term = environment["TERM"] ?? ""
    guard !term.isEmpty, term != "dumb" else { throw TerminalError.unusableTerminal(term) }
    guard let scr = newterm(nil, stdout, stdin) else { throw TerminalError.unusableTerminal(term) }
    screen = scr
    set_term(scr)
    gz_install_signal_handlers()
    gz_install_fatal_handlers()
    raw()
    noecho()
    nonl()
    keypad(gz_stdscr(), true)
    set_escdelay(25)
    // Home/End/PgUp/PgDn as the common terminals send them, whatever the terminfo
    // entry says (inside tmux or screen with TERM=xterm-256color they differ).
    let extraKeys: [(String, Int32)] = [
      ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
      ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
      ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB),
    ]
    for (sequence, code) in extraKeys { _ = define_key(sequence, code) }
    // Releases are asked for and ignored here: ncurses swallows an event outside the
    // mask by reading the next input without our timeout, so a tap's release arriving
    // on its own left the loop blocked (a kiosk frozen until the next touch).
    _ = mousemask(
      gz_button1_pressed() | gz_button1_released() | gz_button4_pressed() | gz_button5_pressed(), nil)
    mouseinterval(0)
    var colors = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = Int(gz_colors())
    }
    let asciiTerminal = ["linux", "vt100", "vt102", "vt220", "ansi"].contains(where: { term.hasPrefix($0) })
    let unicode = TerminalLocale.isUTF8 && !asciiTerminal && !forceASCII
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    capabilities = TerminalCapabilities(unicode: unicode, colors: noColor ? 0 : colors)
    self.theme = theme
    var y: Int32 = 0
    var x: Int32 = 0
    gz_getmaxyx(gz_stdscr(), &y, &x)
    size = Size(width: Int(x), height: Int(y))
    // A C callback cannot be actor-isolated; exit runs it on the thread that calls
    // exit, which for this program is the main thread.
    atexit { endwin() }
  }

  isolated deinit { shutdown() }

  /// Puts the terminal back as it was. Safe to call more than once.
  public func shutdown() {
    guard !ended else { return }
    ended = true
    curs_set(1)
    endwin()
    fflush(stdout)
  }

  public func setTheme(_ theme: Theme) {
    self.theme = theme
    styleCache = [:]
    previous = nil
  }

  public func present(_ buffer: ScreenBuffer) {
    if buffer.width != size.width || buffer.height != size.height { previous = nil }
    let runs = buffer.diff(from: previous)
    var wide: [wchar_t] = Array(repeating: 0, count: 8)
    for run in runs {
      var x = run.x
      for cell in run.cells {
        defer { x += 1 }
        if cell.isContinuation { continue }
        let style = resolvedStyle(cell.role)
        var n = 0
        for scalar in cell.text.unicodeScalars {
          // setcchar takes one spacing character followed by non-spacing ones only.
          if n > 0 && DisplayWidth.current.of(scalar) != 0 { break }
          if n >= 5 { break }
          wide[n] = wchar_t(bitPattern: scalar.value)
          n += 1
        }
        if n == 0 {
          wide[0] = 32
          n = 1
        }
        wide[n] = 0
        _ = gz_put_cell(Int32(run.y), Int32(x), &wide, style.attr, style.pair)
      }
    }
    if let cursor = buffer.cursor, cursor.x < size.width, cursor.y < size.height {
      move(Int32(cursor.y), Int32(cursor.x))
      curs_set(1)
    } else {
      curs_set(0)
    }
    if !runs.isEmpty || buffer.cursor != previous?.cursor {
      refresh()
    }
    previous = buffer
  }

  public func nextEvent(until deadline: Date?) -> Event? {
    while true {
      if gz_take_signal() != 0 { return .terminate }
      var timeoutMs: Int32 = -1
      if let deadline {
        let ms = deadline.timeIntervalSinceNow * 1000
        if ms <= 0 { return nil }
        timeoutMs = Int32(min(ms.rounded(.up), 60_000))
      }
      wtimeout(gz_stdscr(), timeoutMs)
      var ch: wint_t = 0
      let rc = gz_read_key(&ch)
      if gz_take_signal() != 0 { return .terminate }
      if rc == ERR {
        if let deadline, deadline.timeIntervalSinceNow <= 0 { return nil }
        continue
      }
      if rc == gz_key_code_yes() {
        if let event = functionKey(Int32(ch)) { return event }
        continue
      }
      if let event = character(UInt32(ch)) { return event }
    }
  }

  private func functionKey(_ code: Int32) -> Event? {
    switch code {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_HOME: return .key(.home)
    case KEY_END: return .key(.end)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_DC: return .key(.delete)
    case KEY_IC: return .key(.insert)
    case KEY_ENTER: return .key(.enter)
    case KEY_BTAB: return .key(.backTab)
    case gz_key_resize():
      var y: Int32 = 0
      var x: Int32 = 0
      gz_getmaxyx(gz_stdscr(), &y, &x)
      size = Size(width: Int(x), height: Int(y))
      previous = nil
      return .resize(size)
    case gz_key_mouse():
      var x: Int32 = 0
      var y: Int32 = 0
      var state: mmask_t = 0
      guard gz_get_mouse(&x, &y, &state) == OK else { return nil }
      let kind: MouseEvent.Kind
      if state & gz_button4_pressed() != 0 {
        kind = .wheelUp
      } else if state & gz_button5_pressed() != 0 {
        kind = .wheelDown
      } else if state & gz_button1_pressed() != 0 {
        kind = .click
      } else {
        return nil
      }
      return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: kind))
    default:
      let f0 = gz_key_f(0)
      if code > f0 && code <= f0 + 24 { return .key(.function(Int(code - f0))) }
      return nil
    }
  }

  private func character(_ value: UInt32) -> Event? {
    switch value {
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 27: return .key(.escape)
    case 8, 127: return .key(.backspace)
    case 1...26: return .key(.ctrl(Character(Unicode.Scalar(value + 96)!)))
    case 0, 28...31: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .key(.char(Character(scalar)))
    }
  }

  private func resolvedStyle(_ role: StyleRole) -> (attr: attr_t, pair: Int16) {
    if let cached = styleCache[role] { return cached }
    let style = theme.style(for: role)
    var attr: attr_t = gz_a_normal()
    var pair: Int16 = 0
    let depth = theme.isMonochrome ? 0 : capabilities.colors
    let attributes: Set<TextAttribute>
    if let colors = style.colors(forDepth: depth) {
      attributes = style.attributes
      let fg = colorNumber(colors.foreground, depth: depth)
      let bg = colorNumber(colors.background, depth: depth)
      if fg != -1 || bg != -1 {
        let p = alloc_pair(fg, bg)
        if p > 0 && p <= Int32(Int16.max) { pair = Int16(p) }
      }
    } else {
      attributes = style.monoAttributes
    }
    for a in attributes {
      switch a {
      case .bold: attr |= gz_a_bold()
      case .dim: attr |= gz_a_dim()
      case .reverse: attr |= gz_a_reverse()
      case .underline: attr |= gz_a_underline()
      case .italic: attr |= gz_a_italic()
      case .blink: attr |= gz_a_blink()
      }
    }
    styleCache[role] = (attr, pair)
    return (attr, pair)
  }

  private func colorNumber(_ color: ThemeColor, depth: Int) -> Int32 {
    switch color {
    case .terminalDefault: return -1
    case .indexed(let n): return Int32(min(max(0, n), max(0, Int(gz_colors()) - 1)))
    case .rgb(let r, let g, let b):
      if depth >= 16_777_216 { return Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
      return Int32(ColorMath.nearest256(r, g, b))
    }
  }
}

/// The locale decides whether ncursesw speaks UTF-8; only `C.UTF-8` may be installed,
/// so fall back to it when the user's locale is not a UTF-8 one.
@MainActor
public enum TerminalLocale {
  public private(set) static var isUTF8 = false

  /// Call once, before any terminal set-up. Returns whether the user's own locale was UTF-8.
  @discardableResult
  public static func setUp() -> Bool {
    setlocale(LC_ALL, "")
    let userUTF8 = currentIsUTF8()
    if !userUTF8 {
      setlocale(LC_ALL, "C.UTF-8")
    }
    isUTF8 = userUTF8
    return userUTF8
  }

  static func currentIsUTF8() -> Bool {
    guard let cs = gz_codeset() else { return false }
    let name = String(cString: cs).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }
}

enum ColorMath {
  /// The xterm 256-colour index closest to an RGB value.
  static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    let levels: [Int] = [0, 95, 135, 175, 215, 255]
    func idx(_ v: UInt8) -> Int {
      var best = 0
      for (i, l) in levels.enumerated() where abs(l - Int(v)) < abs(levels[best] - Int(v)) { best = i }
      return best
    }
    let cube = 16 + 36 * idx(r) + 6 * idx(g) + idx(b)
    let gray = (Int(r) + Int(g) + Int(b)) / 3
    let grayIndex = min(23, max(0, (gray - 8) / 10))
    let grayValue = 8 + 10 * grayIndex
    let cr = levels[idx(r)]
    let cg = levels[idx(g)]
    let cb = levels[idx(b)]
    let cubeDist =
      (cr - Int(r)) * (cr - Int(r)) + (cg - Int(g)) * (cg - Int(g)) + (cb - Int(b)) * (cb - Int(b))
    let grayDist = 3 * (grayValue - gray) * (grayValue - gray)
    return grayDist < cubeDist ? 232 + grayIndex : cube
  }
}
