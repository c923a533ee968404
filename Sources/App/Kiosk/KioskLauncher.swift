import Domain
import Foundation
import TUI

/// What `gongzhi kiosk` was asked for.
public struct KioskOptions: Sendable {
  public var pages: [String]
  public var interval: Double
  public var title: String?
  public var exitPIN: String?

  public init(pages: [String], interval: Double, title: String?, exitPIN: String?) {
    self.pages = pages
    self.interval = interval
    self.title = title
    self.exitPIN = exitPIN
  }
}

extension Launcher {
  public static var kioskPageNames: [String] { KioskApp.Page.allCases.map(\.rawValue) }

  static func kioskPages(_ names: [String], strings: Strings) throws -> [KioskApp.Page] {
    try names.map { name in
      guard let page = KioskApp.Page(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
        throw CLIError(strings("error.kiosk.page", name, kioskPageNames.joined(separator: ",")))
      }
      return page
    }
  }

  /// Runs the kiosk until SIGTERM or the exit PIN. The database is opened read-only
  /// and re-read every page; a missing or locked file only marks the data as old.
  @MainActor
  public static func runKiosk(_ options: LaunchOptions, kiosk: KioskOptions) throws -> Int32 {
    let strings = Strings(options.language)
    let pages = try kioskPages(kiosk.pages, strings: strings)
    guard kiosk.interval >= 1 else { throw CLIError(strings("error.kiosk.interval")) }
    TerminalLocale.setUp()
    DisplayWidth.current = DisplayWidth(ambiguousIsWide: options.ambiguousWide)
    let (theme, problem) = chooseTheme(options.theme ?? "party-red", strings: strings)
    if let problem { TerminalOutput.standardError(problem + "\n") }
    let backend: NcursesBackend
    do {
      backend = try NcursesBackend(theme: theme, environment: ProcessInfo.processInfo.environment)
    } catch TerminalError.unusableTerminal(let term) {
      throw CLIError(strings("error.terminal.unusable", term.isEmpty ? "?" : term))
    } catch {
      throw CLIError(strings("error.terminal.notATerminal"))
    }
    defer { backend.shutdown() }
    let source = KioskSource(path: options.databasePath)
    let app = KioskApp(
      pages: pages, interval: kiosk.interval, strings: strings, title: kiosk.title, exitPIN: kiosk.exitPIN,
      size: backend.size, now: Date(), read: { try source.read(at: $0) })
    Log.logger.info(
      "kiosk on \(options.databasePath), pages \(pages.map(\.rawValue)), every \(kiosk.interval) s")
    EventLoop(backend: backend).run(app)
    return 0
  }
}
