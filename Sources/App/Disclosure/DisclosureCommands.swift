import Domain
import Foundation
import Store

/// What `gongzhi import disclosures` and `gongzhi export disclosures` do, kept in
/// the App so the executable only parses arguments.
public enum DisclosureCommands {
  /// Imports a register file (all or nothing); returns the line to print.
  public static func importFile(_ file: String, options: LaunchOptions, format: TableFormat? = nil) throws
    -> String
  {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let count = try DisclosureImport.importFile(
      path: file, store: session.store, actor: session.actor, format: format)
    return strings("cli.imported.disclosures", String(count), file)
  }

  /// The register as CSV (UTF-8 with BOM), or a Markdown or HTML (to print) report in the
  /// interface language.
  public static func export(format: String, options: LaunchOptions, today: Day = .today()) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options, readOnly: true)
    switch format.lowercased() {
    case "csv": return try DisclosureExport.csv(store: session.store, today: today)
    case "md", "markdown":
      let table = strings
      return try DisclosureExport.markdown(store: session.store, labels: { table($0) }, today: today)
    case "html": return try HTMLReports.disclosures(store: session.store, strings: strings, today: today)
    default: throw CLIError(strings("error.cli.disclosureFormat", format))
    }
  }
}
