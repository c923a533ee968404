import Domain
import Foundation
import Store
import TUI

extension Launcher {
  /// Where themes are looked for, from the environment and the executable's place.
  static var themeLibrary: ThemeLibrary {
    ThemeLibrary(
      searchPaths: ThemeLibrary.defaultSearchPaths(
        executablePath: CommandLine.arguments.first.map(resolveExecutable) ?? "",
        environment: ProcessInfo.processInfo.environment))
  }

  private static func resolveExecutable(_ arg0: String) -> String {
    if arg0.contains("/") { return arg0 }
    return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arg0
  }

  /// The theme to use, and a line to print when the requested one could not be used.
  static func chooseTheme(_ requested: String?, strings: Strings) -> (Theme, String?) {
    let env = ProcessInfo.processInfo.environment
    if requested == nil, !(env["NO_COLOR"] ?? "").isEmpty { return (Theme.mono, nil) }
    guard let requested else { return (themeLibrary.load("default").theme, nil) }
    let (theme, problem) = themeLibrary.load(requested)
    return (theme, problem.map { strings.format($0.key, $0.args) })
  }

  /// `gongzhi themes`: one line per theme with where it comes from.
  public static func themeListing(strings: Strings) -> [String] {
    [strings("themes.header")] + themeLibrary.available().map { "  \($0.name)\t\($0.path)" }
  }

  /// Opens the full-screen interface and runs it until the user quits. Returns the exit code.
  @MainActor
  public static func runInteractive(_ options: LaunchOptions) throws -> Int32 {
    let strings = Strings(options.language)
    TerminalLocale.setUp()
    DisplayWidth.current = DisplayWidth(ambiguousIsWide: options.ambiguousWide)
    let (theme, problem) = chooseTheme(options.theme, strings: strings)
    if let problem { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
    // Open the store before touching the terminal: a refused database prints one
    // line and leaves the terminal as it was.
    let session = try openSession(options)
    let backend: NcursesBackend
    do {
      backend = try NcursesBackend(theme: theme, environment: ProcessInfo.processInfo.environment)
    } catch TerminalError.unusableTerminal(let term) {
      throw CLIError(strings("error.terminal.unusable", term.isEmpty ? "?" : term))
    } catch {
      throw CLIError(strings("error.terminal.notATerminal"))
    }
    defer { backend.shutdown() }
    let context = AppContext(
      store: session.store, actor: session.actor, strings: strings,
      glyphs: Glyphs.forCapabilities(backend.capabilities), today: .today())
    let shell = AppShell(context: context, size: backend.size)
    let loop = EventLoop(backend: backend)
    loop.run(shell)
    Log.logger.info("quit after \(loop.framesDrawn) frames")
    return 0
  }

  /// A screen drawn headlessly as plain text, for scripts, docs and tests.
  @MainActor
  public static func render(
    screen: String, subject: String?, renderOptions: [String: String], width: Int, height: Int,
    options: LaunchOptions, ascii: Bool = false
  ) throws -> String {
    let strings = Strings(options.language)
    DisplayWidth.current = DisplayWidth(ambiguousIsWide: options.ambiguousWide)
    let session = try openSession(options)
    let glyphs: Glyphs = ascii ? .ascii : .unicode
    let context = AppContext(
      store: session.store, actor: session.actor, strings: strings, glyphs: glyphs, today: .today())
    let size = Size(width: width, height: height)
    let shell = AppShell(context: context, size: size)
    try shell.prepareRender(name: screen, subject: subject, options: renderOptions)
    var buffer = ScreenBuffer(size: size)
    shell.render(into: &buffer, capabilities: TerminalCapabilities(unicode: !ascii, colors: 0))
    return buffer.text
  }
}

extension OrgScreen {
  var renderNames: [String] { ["org"] }

  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    if let path = options["select"] ?? subject, !select(path: path) {
      throw CLIError(strings("error.cli.select", path))
    }
  }

  /// Selects a unit by its path of names, e.g. `内科党总支/心血管内科党支部`.
  func select(path: String) -> Bool {
    guard let id = orgTree.find(path: path) else { return false }
    tree.select(id: id)
    loadRoster()
    return true
  }
}
