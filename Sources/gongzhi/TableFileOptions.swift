import App
import ArgumentParser
import Store

/// `--encoding` and `--sheet`, shared by every `import` command: how the file is read.
struct TableFileOptions: ParsableArguments {
  @Option(name: .long, help: help("help.opt.encoding")) var encoding: String?
  @Option(name: .long, help: help("help.opt.sheet")) var sheet: String?

  /// What `file` is (XLSX or CSV, and in which encoding), decided once so that the
  /// command can say how it read the file.
  func format(of file: String, _ strings: Strings) throws -> TableFormat {
    var options = TableOptions(sheet: sheet)
    if let encoding {
      guard let chosen = TableEncoding(name: encoding) else {
        throw ValidationError(strings("error.cli.encoding", encoding))
      }
      options.encoding = chosen
    }
    return try TableFormat.detect(path: file, options: options)
  }
}
