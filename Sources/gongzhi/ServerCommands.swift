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
