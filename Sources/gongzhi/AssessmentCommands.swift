import App
import ArgumentParser
import Domain
import Foundation
import Store

/// `gongzhi export assessments --period 2026Q3 --format csv|md|html [--output FILE]`.
struct ExportAssessments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assessments", abstract: helpStrings("help.export.assessments"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.exportPeriod")) var period: String?
  @Option(name: .long, help: help("help.opt.format")) var format: String?
  @Option(name: .shortAndLong, help: help("help.opt.exportOutput")) var output: String?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      let p = try AssessmentCommands.exportPeriod(period, store: session.store, strings: strings)
      let format = ExportFormat.resolve(format, output: output, fallback: "md")
      try Launcher.writeExport(format: format, to: output, schema: .assessments) { format in
        switch format {
        case "csv": return try AssessmentExport.csv(period: p, store: session.store)
        case "md", "markdown":
          return try AssessmentExport.markdown(period: p, store: session.store) { strings($0) }
        case "html": return try HTMLReports.assessments(period: p, store: session.store, strings: strings)
        default: throw ValidationError(strings("error.cli.format", format))
        }
      }
    }
  }
}

/// `gongzhi import scores FILE`: scores entered on paper, all or nothing.
struct ImportScores: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scores", abstract: helpStrings("help.import.scores"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let format = try table.format(of: file, strings)
      let session = try Launcher.openSession(global.launchOptions)
      let count = try AssessmentImport.importScores(
        path: file, store: session.store, actor: session.actor, format: format)
      try Output.line(strings("cli.imported.scores", String(count), file))
      try Output.line(strings.message(format.summary))
    }
  }
}

struct SchemeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scheme", abstract: helpStrings("help.scheme"),
    subcommands: [SchemeImport.self, SchemeExport.self])
}

struct SchemeImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: helpStrings("help.scheme.import"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.schemeFile")) var file: String

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let scheme = try SchemeTOML.load(path: file)
      let session = try Launcher.openSession(global.launchOptions)
      let stored = try session.store.assessments.saveScheme(scheme, by: session.actor)
      try Output.line(strings("cli.scheme.imported", stored.scheme.id, String(stored.scheme.version)))
    }
  }
}

struct SchemeExport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: helpStrings("help.scheme.export"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.schemeName")) var name: String
  @Option(name: .shortAndLong, help: help("help.opt.output")) var output: String?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      let all = try session.store.assessments.schemes()
      guard let stored = all.last(where: { $0.scheme.id == name || $0.scheme.name == name }) else {
        let names = Set(all.map(\.scheme.id)).sorted().joined(separator: ", ")
        throw CLIError(strings("error.cli.noScheme", name, names))
      }
      try Launcher.writeOutput(SchemeTOML.write(stored.scheme), to: output)
    }
  }
}

/// Workflow steps from the command line, so another process (a script, the kiosk test)
/// can publish or fix a quarter's results.
struct AssessmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assessment", abstract: helpStrings("help.assessment"),
    subcommands: [AssessmentReview.self, AssessmentPublish.self, AssessmentLock.self])
}

/// Options shared by the workflow commands.
struct WorkflowOptions: ParsableArguments {
  @Option(name: .long, help: help("help.opt.period")) var period: String
  @Option(name: .long, help: help("help.opt.unit")) var unit: String?
  @Option(name: .long, help: help("help.opt.note")) var note: String = ""

  /// Advances every assessment of the period (or the one unit) that is in `from`.
  func advance(from: AssessmentState, global: GlobalOptions) throws {
    try advance(
      from: [from], global: global,
      summary: { moved, refused in
        global.strings(
          "cli.assessment.summary", moved, global.strings("state.\((from.next ?? from).rawValue)"), refused)
      })
  }

  /// Moves every assessment of the period (or the one unit) that is in one of `states`
  /// one step forward, each from its own state.
  func advance(
    from states: Set<AssessmentState>, global: GlobalOptions, summary: (String, String) -> String
  ) throws {
    let strings = global.strings
    guard let p = Period(period) else { throw ValidationError(strings.noPeriod(period, available: [])) }
    let session = try Launcher.openSession(global.launchOptions)
    let repo = session.store.assessments
    let units = try session.store.organisation.units(includeInactive: true)
    var names: [Int64: String] = [:]
    for u in units { names[u.id] = u.name }
    var wanted: Int64?
    if let unit {
      let last = unit.split(separator: "/").last.map(String.init) ?? unit
      guard let match = units.first(where: { $0.name == last }) else {
        throw CLIError(strings("error.cli.select", unit))
      }
      wanted = match.id
    }
    let today = Day.today()
    var moved = 0
    var refused = 0
    for item in try repo.assessments(period: p) where states.contains(item.state) {
      if let wanted, item.unitID != wanted { continue }
      let name = names[item.unitID] ?? String(item.unitID)
      let from = item.state
      let to = from.next ?? from
      do {
        try repo.transition(
          .advance, assessmentID: item.id, version: item.version, note: note, today: today, by: session.actor)
        moved += 1
        try Output.line(
          strings(
            "cli.assessment.moved", name, strings("state.\(from.rawValue)"), strings("state.\(to.rawValue)")))
      } catch let error as StoreError {
        if case .permissionDenied = error { throw error }
        refused += 1
        try Output.line(strings("cli.assessment.refused", name, strings.describe(error)))
      }
    }
    try Output.line(summary(String(moved), String(refused)))
    if refused > 0 { throw ExitCode(2) }
  }
}

/// `gongzhi assessment review --period 2026Q4 [--unit PATH]`: one step of the review
/// before the 公示 (草稿 → 自评已交 → 总支初审 → 党委审核), each assessment from its own state,
/// for an officer who records the steps taken on paper or in a batch.
struct AssessmentReview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review", abstract: helpStrings("help.assessment.review"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var workflow: WorkflowOptions

  func run() throws {
    try reportingErrors(global.strings) {
      try workflow.advance(
        from: [.draft, .selfSubmitted, .generalReview], global: global,
        summary: { moved, refused in global.strings("cli.assessment.summaryStep", moved, refused) })
    }
  }
}

/// `gongzhi assessment publish --period 2026Q4 [--unit PATH]`: 党委审核 → 公示中.
struct AssessmentPublish: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish", abstract: helpStrings("help.assessment.publish"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var workflow: WorkflowOptions

  func run() throws {
    try reportingErrors(global.strings) { try workflow.advance(from: .committeeReview, global: global) }
  }
}

/// `gongzhi assessment lock --period 2026Q4 [--unit PATH] [--note TEXT]`: 公示中 → 已定等.
struct AssessmentLock: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lock", abstract: helpStrings("help.assessment.lock"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var workflow: WorkflowOptions

  func run() throws {
    try reportingErrors(global.strings) { try workflow.advance(from: .publicNotice, global: global) }
  }
}
