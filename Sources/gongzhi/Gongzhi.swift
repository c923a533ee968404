import App
import ArgumentParser
import Domain
import Foundation
import Store

/// Help text follows the interface language (`--lang`, `GONGZHI_LANG`), decided
/// before the arguments are parsed.
let helpStrings = Strings(
  Language.resolve(flag: CommandLine.arguments.langFlag, environment: ProcessInfo.processInfo.environment))

func help(_ key: String) -> ArgumentHelp { ArgumentHelp(helpStrings(key)) }

extension Array where Element == String {
  var langFlag: String? {
    if let i = firstIndex(of: "--lang"), i + 1 < count { return self[i + 1] }
    return first(where: { $0.hasPrefix("--lang=") }).map { String($0.dropFirst(7)) }
  }
}

/// The release version: `gongzhi --version`, the Debian package's version (`.ci/package-deb`).
let gongzhiVersion = "0.1.0"

@main
struct Gongzhi: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gongzhi",
    abstract: helpStrings("help.gongzhi"),
    version: gongzhiVersion,
    subcommands: [
      Demo.self, ImportCommand.self, ExportCommand.self, SchemeCommand.self, AssessmentCommand.self,
      ProposalsCommand.self, SatisfactionCommand.self, AuditCommand.self, UserCommand.self,
      SetupServerCommand.self, StoreCommand.self, BackupCommand.self, ThemesCommand.self,
      RenderCommand.self, BenchCommand.self, SettingCommand.self, KioskCommand.self,
    ]
  )

  @OptionGroup var global: GlobalOptions
  @Flag(name: .long, help: help("help.opt.demo")) var demo = false

  func run() throws {
    var options = global
    let code = try reportingErrorsValue(global.strings) {
      if demo && options.db == nil {
        options.db = try Launcher.ensureDemoDatabase(strings: global.strings)
      }
      return try MainActor.assumeIsolated { try Launcher.runInteractive(options.launchOptions) }
    }
    if code != 0 { throw ExitCode(code) }
  }
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(name: .long, help: help("help.opt.db")) var db: String?
  @Option(name: .long, help: help("help.opt.user")) var user: String?
  @Option(name: .long, help: help("help.opt.theme")) var theme: String?
  @Option(name: .long, help: help("help.opt.lang")) var lang: String?
  @Flag(name: .customLong("ambiguous-wide"), help: help("help.opt.ambiguousWide")) var ambiguousWide = false

  var language: Language { Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment) }
  var strings: Strings { Strings(language) }
  /// `--db`, else `GONGZHI_DB`, else the default file.
  var databasePath: String {
    if let db { return db }
    if let env = ProcessInfo.processInfo.environment["GONGZHI_DB"], !env.isEmpty { return env }
    return GongzhiStore.defaultPath()
  }

  var launchOptions: LaunchOptions {
    LaunchOptions(
      databasePath: databasePath, user: user, theme: theme, language: language, ambiguousWide: ambiguousWide)
  }
}

/// Runs a command body, turning any error into one clear line on stderr and exit 1.
func reportingErrors(_ strings: Strings, _ body: () throws -> Void) throws {
  do {
    try body()
    // A `print` left anywhere (the benchmarks) fails here rather than silently at exit.
    try Output.flushPrinted()
  } catch let exit as ExitCode {
    throw exit
  } catch {
    TerminalOutput.standardError("gongzhi: " + strings.describe(error) + "\n")
    throw ExitCode(1)
  }
}

func reportingErrorsValue<T>(_ strings: Strings, _ body: () throws -> T) throws -> T {
  var result: T?
  try reportingErrors(strings) { result = try body() }
  return result!
}
