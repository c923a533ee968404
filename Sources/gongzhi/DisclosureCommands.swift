import App
import ArgumentParser
import Foundation

struct ImportDisclosures: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disclosures", abstract: helpStrings("help.import.disclosures"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    try reportingErrors(global.strings) {
      try Output.line(try DisclosureCommands.importFile(file, options: global.launchOptions))
    }
  }
}

struct ExportDisclosures: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disclosures", abstract: helpStrings("help.export.disclosures"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.disclosureFormat")) var format: String = "csv"
  @Option(name: .shortAndLong, help: help("help.opt.output")) var output: String?

  func run() throws {
    try reportingErrors(global.strings) {
      let text = try DisclosureCommands.export(format: format, options: global.launchOptions)
      try Launcher.writeOutput(text, to: output)
    }
  }
}
