import App
import ArgumentParser
import Domain
import Foundation
import Store

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "demo", abstract: helpStrings("help.demo"))

  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.seed")) var seed: UInt64 = 1
  @Option(name: .long, help: help("help.opt.scale")) var scale: Int = 1
  @Flag(name: .long, help: help("help.opt.replace")) var replace = false

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      guard scale >= 1 else { throw ValidationError(strings("error.cli.scale")) }
      let summary = try Launcher.createDemo(
        path: global.databasePath, seed: seed, scale: scale, replace: replace, user: global.user,
        strings: strings)
      try Output.line(summary)
    }
  }
}

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: helpStrings("help.import"),
    subcommands: [
      ImportMembers.self, ImportScores.self, ImportProposals.self, ImportHolidays.self,
      ImportDisclosures.self,
      ImportResponses.self, ImportResults.self,
    ])
}

struct ImportMembers: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "members", abstract: helpStrings("help.import.members"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String
  @Flag(name: .long, help: help("help.opt.createUnits")) var createUnits = false

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let format = try table.format(of: file, strings)
      let session = try Launcher.openSession(global.launchOptions)
      let count = try MemberCSV.importFile(
        path: file, into: session.store, by: session.actor, createUnits: createUnits, format: format)
      try Output.line(strings("cli.imported.members", String(count), file))
      try Output.line(strings.message(format.summary))
    }
  }
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: helpStrings("help.export"),
    subcommands: [
      ExportMembers.self, ExportAssessments.self, ExportProposals.self, ExportDisclosures.self,
      ExportSatisfaction.self,
    ])
}

struct ExportMembers: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "members", abstract: helpStrings("help.export.members"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.membersFormat")) var format: String?
  @Option(name: .shortAndLong, help: help("help.opt.exportOutput")) var output: String?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      let format = ExportFormat.resolve(format, output: output, fallback: "csv")
      guard format == "csv" || format == "xlsx" else {
        throw CLIError(strings("error.cli.membersFormat", format))
      }
      try Launcher.writeExport(format: format, to: output, schema: .members) { _ in
        try MemberCSV.export(store: session.store)
      }
    }
  }
}

struct ImportProposals: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "proposals", abstract: helpStrings("help.import.proposals"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    try reportingErrors(global.strings) {
      let format = try table.format(of: file, global.strings)
      try Output.line(
        try ProposalCommands.importProposals(file: file, options: global.launchOptions, format: format))
      try Output.line(global.strings.message(format.summary))
    }
  }
}

struct ImportHolidays: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "holidays", abstract: helpStrings("help.import.holidays"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var table: TableFileOptions
  @Argument(help: help("help.arg.csvFile")) var file: String

  func run() throws {
    try reportingErrors(global.strings) {
      let format = try table.format(of: file, global.strings)
      try Output.line(
        try ProposalCommands.importHolidays(file: file, options: global.launchOptions, format: format))
      try Output.line(global.strings.message(format.summary))
    }
  }
}

struct ExportProposals: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "proposals", abstract: helpStrings("help.export.proposals"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.session")) var session: String?
  @Option(name: .long, help: help("help.opt.format")) var format: String?
  @Flag(name: .long, help: help("help.opt.steps")) var steps = false
  @Option(name: .shortAndLong, help: help("help.opt.exportOutput")) var output: String?

  func run() throws {
    try reportingErrors(global.strings) {
      let format = ExportFormat.resolve(format, output: output, fallback: "csv")
      try Launcher.writeExport(format: format, to: output, schema: steps ? .proposalSteps : .proposals) {
        try ProposalCommands.export(session: session, format: $0, steps: steps, options: global.launchOptions)
      }
    }
  }
}

struct ProposalsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "proposals", abstract: helpStrings("help.proposals"),
    subcommands: [ProposalsOverdue.self, ProposalsAct.self])
}

/// `gongzhi proposals act 7-2026-001 assign --lead 总务科`: one step of the workflow.
struct ProposalsAct: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "act", abstract: helpStrings("help.proposals.act"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.proposalNumber")) var number: String
  @Argument(help: help("help.arg.proposalAction")) var action: String
  @Option(name: .long, help: help("help.opt.note")) var note: String?
  @Option(name: .long, help: help("help.opt.reason")) var reason: String?
  @Option(name: .long, help: help("help.opt.lead")) var lead: String?
  @Option(name: .long, help: help("help.opt.co")) var co: [String] = []
  @Option(name: .long, help: help("help.opt.into")) var into: String?
  @Option(name: .long, help: help("help.opt.replyText")) var text: String?
  @Option(name: .long, help: help("help.opt.grade")) var grade: String?
  @Option(name: .long, help: help("help.opt.verdict")) var verdict: String?

  func run() throws {
    try reportingErrors(global.strings) {
      let arguments = ProposalActArguments(
        note: note, reason: reason, lead: lead, co: co, into: into, text: text, grade: grade, verdict: verdict
      )
      try Output.line(
        try ProposalCommands.act(
          number: number, action: action, arguments: arguments, options: global.launchOptions))
    }
  }
}

struct ProposalsOverdue: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "overdue", abstract: helpStrings("help.proposals.overdue"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.overdueSession")) var session: String?

  func run() throws {
    try reportingErrors(global.strings) {
      try Output.write(try ProposalCommands.overdue(session: session, options: global.launchOptions), to: nil)
    }
  }
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: helpStrings("help.audit"),
    subcommands: [
      AuditVerify.self, AuditLog.self, AuditKeygen.self, AuditTrust.self, AuditSeal.self,
    ])
}

struct AuditVerify: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify", abstract: helpStrings("help.audit.verify"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.sealsIn")) var seals: String?

  func run() throws {
    let strings = global.strings
    var broken = false
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      var chainBreak: Int64?
      switch try session.store.audit.verify() {
      case .intact(let rows):
        try Output.line(strings("cli.audit.intact", String(rows)))
      case .broken(let rowID, let entity, let entityID, let detail):
        if let rowID {
          try Output.line(strings("cli.audit.broken", String(rowID), entity, entityID, detail))
        } else {
          try Output.line(strings("cli.audit.brokenData", entity, entityID, detail))
        }
        chainBreak = rowID
        broken = true
      }
      // Seals and guards are checked even when the chain is broken: they say what
      // the damage contradicts.
      let report = try session.store.seals.verify(sealsFile: seals)
      for line in SealReportLines.lines(report, chainBreak: chainBreak, strings: strings) {
        try Output.line(line)
      }
      if !report.isSound { broken = true }
    }
    if broken { throw ExitCode(2) }
  }
}

struct AuditLog: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "log", abstract: helpStrings("help.audit.log"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.entity")) var entity: String?
  @Option(name: .long, help: help("help.opt.since")) var since: String?
  @Option(name: .long, help: help("help.opt.limit")) var limit: Int?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      var sinceDate: Date?
      if let since {
        guard let day = Day(iso: since) else { throw ValidationError(strings("error.cli.date", since)) }
        sinceDate = day.startDate
      }
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      let entries = try session.store.audit.entries(entity: entity, since: sinceDate, limit: limit)
      let subjects = try session.store.audit.subjects(of: entries)
      let lines = AuditFormatter.lines(entries, subjects: subjects)
      try Output.write(lines.map { $0 + "\n" }.joined(), to: nil)
    }
  }
}

struct UserCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: helpStrings("help.user"), subcommands: [UserAdd.self, UserList.self])
}

struct UserAdd: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "add", abstract: helpStrings("help.user.add"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.userName")) var name: String
  @Option(name: .long, help: help("help.opt.role")) var role: String
  @Flag(name: .customLong("password-stdin"), help: help("help.opt.passwordStdin")) var passwordStdin = false

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      guard let parsed = Role(rawValue: role.lowercased()) else {
        throw ValidationError(strings("error.cli.role", role))
      }
      if ServerLauncher.isServer(global.databasePath) {
        let line = try ServerLauncher.addUser(
          target: global.databasePath, name: name, role: parsed, claimedUser: global.user, strings: strings
        ) {
          try passwordStdin
            ? PasswordInput.fromStandardInput() : PasswordInput.prompt(for: name, strings: strings)
        }
        try Output.line(line)
        return
      }
      let session = try Launcher.openSession(global.launchOptions)
      if let admin = try session.store.users.add(name: name, role: parsed, by: session.actor) {
        try Output.line(strings("cli.user.added", admin, strings("role.admin")))
      }
      try Output.line(strings("cli.user.added", name, strings("role.\(parsed.rawValue)")))
    }
  }
}

struct UserList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: helpStrings("help.user.list"))
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      let users = try session.store.users.list()
      if users.isEmpty { try Output.line(strings("cli.user.none", session.actor.name)) }
      for user in users {
        try Output.line("\(user.name)\t\(user.role.rawValue)\t\(strings("role.\(user.role.rawValue)"))")
      }
    }
  }
}

struct ThemesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "themes", abstract: helpStrings("help.themes"))
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingErrors(global.strings) {
      for line in Launcher.themeListing(strings: global.strings) { try Output.line(line) }
    }
  }
}

struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "render", abstract: helpStrings("help.render"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.screen")) var screen: String
  @Argument(help: help("help.arg.subject")) var subject: String?
  @Option(name: .long, help: help("help.opt.size")) var size: String = "100x30"
  @Option(name: .long, help: help("help.opt.select")) var select: String?
  @Option(name: .long, help: help("help.opt.period")) var period: String?
  @Option(name: .long, help: help("help.opt.filter")) var filter: [String] = []
  @Option(name: .long, help: help("help.opt.population")) var population: String?
  @Flag(name: .long, help: help("help.opt.ascii")) var ascii = false

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
      guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
        throw ValidationError(strings("error.cli.size", size))
      }
      var options: [String: String] = [:]
      options["select"] = select
      options["period"] = period
      options["population"] = population
      // --filter key=value (repeatable), e.g. --filter state=overdue --filter department=信息中心
      for item in filter {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        options["filter." + kv[0]] = kv.count > 1 ? kv[1] : "1"
      }
      let text = try MainActor.assumeIsolated {
        try Launcher.render(
          screen: screen, subject: subject, renderOptions: options, width: parts[0], height: parts[1],
          options: global.launchOptions, ascii: ascii)
      }
      try Output.line(text)
    }
  }
}

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "bench", abstract: helpStrings("help.bench"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.benchPart")) var part: String?
  @Option(name: .long, help: help("help.opt.rotations")) var rotations: Int?
  @Option(name: .long, help: help("help.opt.scale")) var scale: Int = 10
  @Option(name: .long, help: help("help.opt.iterations")) var iterations: Int = 200
  @Option(name: .customLong("satisfaction-rows"), help: help("help.opt.satisfactionRows"))
  var satisfactionRows: Int?
  @Option(name: .long, parsing: .upToNextOption, help: help("help.opt.scales"))
  var scales: [Int] = Benchmarks.defaultStartupScales
  @Option(name: .customLong("demo-dir"), help: help("help.opt.demoDir")) var demoDir: String?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      try MainActor.assumeIsolated {
        try Benchmarks.run(
          part: part, scale: scale, iterations: iterations, rotations: rotations,
          satisfactionRows: satisfactionRows, options: global.launchOptions,
          explicitDatabase: global.db != nil, scales: scales.filter { $0 >= 1 }, demoDirectory: demoDir)
      }
    }
  }
}

struct SettingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "setting", abstract: helpStrings("help.setting"),
    subcommands: [SettingGet.self, SettingSet.self])
}

struct SettingGet: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: helpStrings("help.setting.get"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.settingKey")) var key: String?

  func run() throws {
    try reportingErrors(global.strings) {
      let session = try Launcher.openSession(global.launchOptions, readOnly: true)
      let values = try session.store.settings.all()
      for k in (key.map { [$0] } ?? SettingKey.all) { try Output.line("\(k)\t\(values[k] ?? "")") }
    }
  }
}

struct SettingSet: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set", abstract: helpStrings("help.setting.set"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.settingKey")) var key: String
  @Argument(help: help("help.arg.settingValue")) var value: String

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      guard SettingKey.all.contains(key) else {
        throw ValidationError(strings("error.cli.settingKey", key, SettingKey.all.joined(separator: ", ")))
      }
      let session = try Launcher.openSession(global.launchOptions)
      try session.store.settings.set(key, to: value.isEmpty ? nil : value, by: session.actor)
      try Output.line("\(key)\t\(value)")
    }
  }
}

struct KioskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "kiosk", abstract: helpStrings("help.kiosk"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.kioskConfig")) var config: String?
  @Option(name: .long, help: help("help.opt.pages")) var pages: String?
  @Option(name: .long, help: help("help.opt.interval")) var interval: Double?
  @Option(name: .long, help: help("help.opt.title")) var title: String?
  @Option(name: .customLong("exit-pin"), help: help("help.opt.exitPin")) var exitPIN: String?

  func run() throws {
    var options = global
    let code = try reportingErrorsValue(global.strings) {
      let file = try config.map { try KioskConfig.load($0, strings: global.strings) } ?? KioskConfig()
      options.db = options.db ?? file.database
      options.theme = options.theme ?? file.theme
      options.lang = options.lang ?? file.lang
      let kiosk = KioskOptions(
        pages: (pages ?? file.pages ?? Launcher.kioskPageNames.joined(separator: ","))
          .split(separator: ",").map(String.init),
        interval: interval ?? file.interval ?? 15, title: title ?? file.title,
        exitPIN: exitPIN ?? file.exitPIN)
      return try MainActor.assumeIsolated { try Launcher.runKiosk(options.launchOptions, kiosk: kiosk) }
    }
    if code != 0 { throw ExitCode(code) }
  }
}
