import App
import ArgumentParser
import Foundation
import Store

struct ImportDisclosures: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disclosures", abstract: helpStrings("help.import.disclosures"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    try reportingErrors(global.strings) {
      let format = try table.format(of: file, global.strings)
      try Output.line(try DisclosureCommands.importFile(file, options: global.launchOptions, format: format))
      try Output.line(global.strings.message(format.summary))
    }
  }
}

struct ExportDisclosures: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disclosures", abstract: helpStrings("help.export.disclosures"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.disclosureFormat")) var format: String?
  @Option(name: .shortAndLong, help: help("help.opt.exportOutput")) var output: String?

  func run() throws {
    try reportingErrors(global.strings) {
      let format = ExportFormat.resolve(format, output: output, fallback: "csv")
      try Launcher.writeExport(format: format, to: output, schema: .disclosures) {
        try DisclosureCommands.export(format: $0, options: global.launchOptions)
      }
    }
  }
}
