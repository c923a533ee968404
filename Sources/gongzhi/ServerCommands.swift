import App
import ArgumentParser
import Foundation

/// `gongzhi setup-server URL`: the schema and group roles in an empty PostgreSQL
/// database, run by its owner (see the README's server setup).
struct SetupServerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "setup-server", abstract: helpStrings("help.setupServer"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.serverURL")) var target: String

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      try Output.line(try ServerLauncher.setup(target: target, strings: strings))
    }
  }
}

/// `gongzhi store copy SOURCE TARGET`: a whole database into an empty one, between
/// SQLite files and PostgreSQL databases (see the README's "Moving to the server").
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: helpStrings("help.store"), subcommands: [StoreCopyCommand.self])
}

struct StoreCopyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "copy", abstract: helpStrings("help.store.copy"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.copySource")) var source: String
  @Argument(help: help("help.arg.copyTarget")) var target: String

  func run() throws {
    try reportingErrors(global.strings) {
      try StoreLauncher.copy(source: source, target: target, strings: global.strings)
    }
  }
}

/// `gongzhi backup FILE`: SQLite's online backup of `--db`, checked before it is kept.
struct BackupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "backup", abstract: helpStrings("help.backup"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.backupFile")) var file: String
  @Flag(name: .long, help: help("help.opt.backupForce")) var force = false

  func run() throws {
    try reportingErrors(global.strings) {
      try Output.line(
        try StoreLauncher.backup(
          database: global.databasePath, file: file, force: force, strings: global.strings))
    }
  }
}
