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
    [strings("themes.header")]
      + themeLibrary.available().map {
        "  \($0.name)\t\($0.path.isEmpty ? strings("themes.builtin") : $0.path)"
      }
  }

  /// Opens the full-screen interface and runs it until the user quits. Returns the exit code.
  @MainActor
  public static func runInteractive(_ options: LaunchOptions) throws -> Int32 {
    let strings = Strings(options.language)
    TerminalLocale.setUp()
    DisplayWidth.current = DisplayWidth(ambiguousIsWide: options.ambiguousWide)
    let (theme, problem) = chooseTheme(options.theme, strings: strings)
    if let problem { TerminalOutput.standardError(problem + "\n") }
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
    // Also on screen: the line printed before the terminal was taken is hidden until exit.
    if let problem { shell.status = (problem, .warning) }
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
    let session = try openSession(options, readOnly: true)
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
  static let renderNames = ["org"]

  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    ensureLoaded()
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

extension ProposalsScreen {
  static let renderNames = ["proposals", "proposal", "supervision"]

  /// `render proposals [--filter state=…] [--filter overdue=1] [--filter department=…]
  /// [--filter category=…] [--filter session=7-2026|2026|all] [--filter proposer=…]
  /// [--filter search=…]`, `render supervision` (same filters) and `render proposal NUMBER`.
  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    ensureLoaded()
    func bad(_ key: String, _ value: String) -> CLIError { CLIError(strings("error.cli.filter", key, value)) }
    for (key, value) in options where key.hasPrefix("filter.") {
      let field = String(key.dropFirst(7))
      switch field {
      case "session":
        if value == "all" {
          query.sessionID = nil
        } else {
          guard let s = session(named: value) else { throw bad(field, value) }
          query.sessionID = s.id
        }
      case "state":
        var states: Set<ProposalState> = []
        for part in value.split(separator: ",").map(String.init) {
          guard
            let s = ProposalState(rawValue: part)
              ?? ProposalState.allCases.first(where: { stateLabel($0) == part })
          else { throw bad(field, part) }
          states.insert(s)
        }
        query.states = states
      case "overdue":
        query.overdueOnly = ["1", "true", "yes"].contains(value.lowercased())
      case "department":
        guard let d = departments.first(where: { $0.name == value }) else { throw bad(field, value) }
        query.departmentID = d.id
      case "category":
        guard let c = policy.categories.first(where: { $0 == value || categoryLabel($0) == value }) else {
          throw bad(field, value)
        }
        query.category = c
      case "proposer":
        query.proposer = value
      case "search":
        query.search = value
      default:
        throw bad(field, value)
      }
    }
    refreshHeader()
    refreshList()
    switch name {
    case "supervision":
      view = .supervision
      refreshSupervision()
    case "proposal":
      guard let number = subject ?? options["select"], let p = try repo.proposal(number: number) else {
        throw CLIError(strings("error.cli.proposal", subject ?? ""))
      }
      query.sessionID = p.sessionID
      refreshHeader()
      openDetail(id: p.id)
    default:
      view = .list
    }
  }

  /// A session by `届次-年` (7-2026) or year (the newest of that year).
  func session(named text: String) -> CongressSession? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    if parts.count == 2 { return sessions.first { $0.term == parts[0] && $0.year == parts[1] } }
    if parts.count == 1 { return sessions.first { $0.year == parts[0] } }
    return nil
  }
}
