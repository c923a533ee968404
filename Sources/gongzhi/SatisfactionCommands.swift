import App
import ArgumentParser
import Foundation
import Store

/// Clears a progress bar left on a terminal's standard error (after success or failure).
private func clearProgressLine() {
  if isatty(2) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}

struct ImportResponses: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "responses", abstract: helpStrings("help.import.responses"),
    discussion: helpStrings("help.import.responses.discussion"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    try reportingErrors(global.strings) {
      defer { clearProgressLine() }
      let format = try table.format(of: file, global.strings)
      let line = try SatisfactionCommands.importResponses(
        file: file, options: global.launchOptions, format: format,
        progress: SatisfactionCommands.progressBar(label: (file as NSString).lastPathComponent))
      clearProgressLine()
      try Output.line(line)
      try Output.line(global.strings.message(format.summary))
    }
  }
}

struct ImportResults: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "results", abstract: helpStrings("help.import.results"),
    discussion: helpStrings("help.import.results.discussion"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    try reportingErrors(global.strings) {
      defer { clearProgressLine() }
      let format = try table.format(of: file, global.strings)
      let line = try SatisfactionCommands.importResults(
        file: file, options: global.launchOptions, format: format,
        progress: SatisfactionCommands.progressBar(label: (file as NSString).lastPathComponent))
      clearProgressLine()
      try Output.line(line)
      try Output.line(global.strings.message(format.summary))
    }
  }
}

struct ExportSatisfaction: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "satisfaction", abstract: helpStrings("help.export.satisfaction"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.fromMonth")) var from: String?
  @Option(name: .long, help: help("help.opt.toMonth")) var to: String?
  @Option(name: .long, help: help("help.opt.satisfactionFormat")) var format: String?
  @Option(name: .shortAndLong, help: help("help.opt.exportOutput")) var output: String?

  func run() throws {
    try reportingErrors(global.strings) {
      let format = ExportFormat.resolve(format, output: output, fallback: "csv")
      try Launcher.writeExport(format: format, to: output, schema: .satisfaction) {
        try SatisfactionCommands.export(from: from, to: to, format: $0, options: global.launchOptions)
      }
    }
  }
}

struct SatisfactionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "satisfaction", abstract: helpStrings("help.satisfaction"),
    subcommands: [SatisfactionItems.self, SatisfactionRebuild.self])
}

struct SatisfactionItems: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "items", abstract: helpStrings("help.satisfaction.items"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.population")) var population: String?

  func run() throws {
    try reportingErrors(global.strings) {
      try Output.line(try SatisfactionCommands.items(population: population, options: global.launchOptions))
    }
  }
}

struct SatisfactionRebuild: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rebuild", abstract: helpStrings("help.satisfaction.rebuild"))
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingErrors(global.strings) {
      try Output.line(try SatisfactionCommands.rebuild(options: global.launchOptions))
    }
  }
}
