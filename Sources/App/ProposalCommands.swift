import Domain
import Foundation
import Store

/// What `gongzhi import proposals|holidays`, `export proposals` and `proposals overdue`
/// do, kept here (not in the executable) so tests call the same code paths.
public enum ProposalCommands {
  /// Imports the union's spreadsheet, all or nothing; the line to print.
  public static func importProposals(file: String, options: LaunchOptions, today: Day = .today()) throws
    -> String
  {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let count = try ProposalImport.importFile(
      path: file, store: session.store, actor: session.actor, today: today)
    return strings("cli.imported.proposals", String(count), file)
  }

  public static func importHolidays(file: String, options: LaunchOptions) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let count = try HolidayImport.importFile(path: file, store: session.store, actor: session.actor)
    return strings("cli.imported.holidays", String(count), file)
  }

  /// A session by `届次-年` (7-2026) or year; the newest when `text` is nil.
  public static func session(_ text: String?, store: GongzhiStore, strings: Strings) throws -> CongressSession
  {
    let sessions = try store.proposals.sessions()
    guard let text else {
      guard let newest = sessions.first else { throw CLIError(strings("error.cli.noSessions")) }
      return newest
    }
    let parts = text.split(separator: "-").compactMap { Int($0) }
    let found =
      parts.count == 2
      ? sessions.first { $0.term == parts[0] && $0.year == parts[1] }
      : parts.count == 1 ? sessions.first { $0.year == parts[0] } : nil
    guard let found else { throw CLIError(strings("error.cli.session", text)) }
    return found
  }

  /// The session as CSV (with BOM) or as the Markdown summary with its KPIs.
  public static func export(
    session text: String?, format: String, options: LaunchOptions, today: Day = .today()
  )
    throws -> String
  {
    let strings = Strings(options.language)
    let opened = try Launcher.openSession(options, readOnly: true)
    let session = try session(text, store: opened.store, strings: strings)
    switch format.lowercased() {
    case "csv":
      return try ProposalExport.csv(session: session.id, store: opened.store)
    case "md", "markdown":
      return try ProposalExport.markdown(
        session: session.id, store: opened.store, labels: { key in strings(key) }, today: today)
    default:
      throw CLIError(strings("error.cli.format", format))
    }
  }

  /// Tab-separated overdue lines (department, number, due date, days overdue, title).
  public static func overdue(session text: String?, options: LaunchOptions, today: Day = .today()) throws
    -> String
  {
    let strings = Strings(options.language)
    let opened = try Launcher.openSession(options, readOnly: true)
    let sessionID = try text.map { try session($0, store: opened.store, strings: strings).id }
    return try ProposalExport.overdue(store: opened.store, sessionID: sessionID, today: today)
  }
}
