import Domain
import Foundation
import Store

/// What `gongzhi import proposals|holidays`, `export proposals` and `proposals overdue`
/// do, kept here (not in the executable) so tests call the same code paths.
public enum ProposalCommands {
  /// Imports the union's spreadsheet, all or nothing; the line to print.
  public static func importProposals(
    file: String, options: LaunchOptions, today: Day = .today(), format: TableFormat? = nil
  ) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let count = try ProposalImport.importFile(
      path: file, store: session.store, actor: session.actor, today: today, format: format)
    return strings("cli.imported.proposals", String(count), file)
  }

  public static func importHolidays(file: String, options: LaunchOptions, format: TableFormat? = nil) throws
    -> String
  {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let count = try HolidayImport.importFile(
      path: file, store: session.store, actor: session.actor, format: format)
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

  /// The session as CSV (with BOM), as the Markdown summary with its KPIs or as that
  /// summary on a page to print (HTML); with
  /// `steps`, its whole 办理经过 as CSV, one row per step.
  public static func export(
    session text: String?, format: String, steps: Bool = false, options: LaunchOptions, today: Day = .today()
  )
    throws -> String
  {
    let strings = Strings(options.language)
    let opened = try Launcher.openSession(options, readOnly: true)
    let session = try session(text, store: opened.store, strings: strings)
    // The steps are a table for a spreadsheet: CSV only.
    if steps && format.lowercased() != "csv" { throw CLIError(strings("error.cli.stepsFormat", format)) }
    switch format.lowercased() {
    case "csv":
      if steps { return try ProposalExport.stepsCSV(session: session.id, store: opened.store) }
      return try ProposalExport.csv(session: session.id, store: opened.store)
    case "md", "markdown":
      return try ProposalExport.markdown(
        session: session.id, store: opened.store, labels: { key in strings(key) }, today: today)
    case "html":
      return try HTMLReports.proposals(session: session, store: opened.store, strings: strings, today: today)
    default:
      throw CLIError(strings("error.cli.format", format))
    }
  }

  /// Tab-separated lines of the overdue and supervised proposals (department, number,
  /// due date, days overdue, title, why listed).
  public static func overdue(session text: String?, options: LaunchOptions, today: Day = .today()) throws
    -> String
  {
    let strings = Strings(options.language)
    let opened = try Launcher.openSession(options, readOnly: true)
    let sessionID = try text.map { try session($0, store: opened.store, strings: strings).id }
    return try ProposalExport.overdue(
      store: opened.store, sessionID: sessionID, labels: { key in strings(key) }, today: today)
  }
}

/// What `gongzhi proposals act` needs besides the number and the action: the data of
/// the actions that carry some (a reason, a department, a reply, a verdict).
public struct ProposalActArguments: Sendable {
  public var note: String?
  public var reason: String?
  public var lead: String?
  public var co: [String]
  public var into: String?
  public var text: String?
  public var grade: String?
  public var verdict: String?
  public init(
    note: String? = nil, reason: String? = nil, lead: String? = nil, co: [String] = [], into: String? = nil,
    text: String? = nil, grade: String? = nil, verdict: String? = nil
  ) {
    self.note = note
    self.reason = reason
    self.lead = lead
    self.co = co
    self.into = into
    self.text = text
    self.grade = grade
    self.verdict = verdict
  }
}

extension ProposalCommands {
  /// `gongzhi proposals act NUMBER ACTION`: one workflow step from a script or another
  /// terminal, with the same rules, timeline entry and audit rows as the screen. The
  /// version read here is passed to the store, so a change made by someone else in the
  /// meantime is refused (run again), never overwritten. Returns the line to print.
  public static func act(
    number: String, action name: String, arguments: ProposalActArguments, options: LaunchOptions,
    today: Day = .today()
  ) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let repo = session.store.proposals
    guard let proposal = try repo.proposal(number: number) else {
      throw CLIError(strings("error.cli.proposal", number))
    }
    let action = try proposalAction(name, arguments, repo: repo, strings: strings, today: today)
    let saved = try repo.apply(
      action, to: proposal.id, version: proposal.version, by: session.actor, on: today, note: arguments.note)
    return strings(
      "cli.proposal.moved", number, strings("proposal.state.\(proposal.state.rawValue)"),
      strings("proposal.state.\(saved.state.rawValue)"))
  }

  /// The action named on the command line (`assign`, `start-handling`, `startHandling`).
  static func proposalAction(
    _ name: String, _ a: ProposalActArguments, repo: any ProposalRepository, strings: Strings, today: Day
  ) throws -> ProposalAction {
    let folded = name.replacingOccurrences(of: "-", with: "").lowercased()
    guard let kind = ProposalActionKind.allCases.first(where: { $0.rawValue.lowercased() == folded }) else {
      let names = ProposalActionKind.allCases.map(\.rawValue).joined(separator: ", ")
      throw CLIError(strings("error.cli.proposalAction", name, names))
    }
    func required(_ value: String?, _ option: String) throws -> String {
      guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw CLIError(strings("error.cli.proposalOption", kind.rawValue, option))
      }
      return value
    }
    func departments() throws -> (Int64, [Int64]) {
      let all = try repo.departments(includeInactive: false)
      func id(_ name: String) throws -> Int64 {
        guard let d = all.first(where: { $0.name == name }) else {
          throw CLIError(strings("error.cli.department", name))
        }
        return d.id
      }
      return (try id(try required(a.lead, "--lead")), try a.co.map(id))
    }
    switch kind {
    case .submit: return .submit
    case .startReview: return .startReview
    case .file: return .file
    case .convertToSuggestion: return .convertToSuggestion(note: try required(a.reason ?? a.note, "--reason"))
    case .notFile: return .notFile(reason: try required(a.reason, "--reason"))
    case .merge: return .merge(into: try required(a.into, "--into"))
    case .assign:
      let (lead, co) = try departments()
      return .assign(lead: lead, co: co)
    case .requestReturn: return .requestReturn(reason: try required(a.reason, "--reason"))
    case .reassign:
      let (lead, co) = try departments()
      return .reassign(lead: lead, co: co)
    case .startHandling: return .startHandling
    case .extend: return .extend(reason: try required(a.reason, "--reason"))
    case .reply:
      let text = try required(a.text, "--text")
      guard let grade = ReplyGrade(rawValue: try required(a.grade, "--grade").uppercased()) else {
        throw CLIError(strings("error.cli.proposalValue", "--grade", a.grade ?? "", "A, B, C, D"))
      }
      return .reply(text: text, grade: grade, on: today)
    case .evaluate:
      let value = try required(a.verdict, "--verdict")
      guard let verdict = Verdict.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() })
      else {
        throw CLIError(
          strings(
            "error.cli.proposalValue", "--verdict", value,
            Verdict.allCases.map(\.rawValue).joined(separator: ", ")))
      }
      return .evaluate(verdict)
    case .implement: return .implement
    case .close: return .close
    }
  }
}
