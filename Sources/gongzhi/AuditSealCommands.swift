import App
import ArgumentParser
import Foundation
import Store

struct AuditKeygen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keygen", abstract: helpStrings("help.audit.keygen"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.keyOut")) var out: String

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let id = try SealKeys.generate(to: out)
      try Output.line(strings("cli.audit.keygen.done", out, out + ".pub", id))
    }
  }
}

struct AuditTrust: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trust", abstract: helpStrings("help.audit.trust"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: help("help.arg.publicKey")) var publicKey: String
  @Option(name: .customLong("signed-by"), help: help("help.opt.signedBy")) var signedBy: String?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions)
      let id = try session.store.seals.trust(
        publicKeyFile: publicKey, signedBy: signedBy, actor: session.actor)
      try Output.line(strings("cli.audit.trust.done", id))
    }
  }
}

struct AuditSeal: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seal", abstract: helpStrings("help.audit.seal"))
  @OptionGroup var global: GlobalOptions
  @Option(name: .long, help: help("help.opt.sealKey")) var key: String
  @Option(name: .long, help: help("help.opt.sealsOut")) var out: String?

  func run() throws {
    let strings = global.strings
    try reportingErrors(strings) {
      let session = try Launcher.openSession(global.launchOptions)
      let seal = try session.store.seals.seal(keyFile: key, actor: session.actor, appendTo: out)
      try Output.line(
        strings("cli.audit.seal.done", String(seal.id), seal.keyID, String(seal.headID), String(seal.tables)))
      if let out { try Output.line(strings("cli.audit.seal.appended", out)) }
    }
  }
}

/// `audit verify`'s report on seals and guards, after the chain's own line.
enum SealReportLines {
  static func lines(_ report: SealReport, chainBreak: Int64?, strings: Strings) -> [String] {
    var out: [String] = []
    if let row = chainBreak, !report.seals.isEmpty {
      if let seal = report.seal(covering: row) {
        out.append(strings("cli.audit.seal.breakSealed", String(seal.id), String(seal.headID)))
      } else {
        out.append(strings("cli.audit.seal.breakAfter", String(report.latest?.headID ?? 0)))
      }
    }
    for finding in report.contradictions {
      let seal = finding.sealID.map { "#\($0)" } ?? "-"
      let place = [finding.table, finding.row].compactMap { $0 }.joined(separator: " ")
      out.append(strings("cli.audit.seal.contradicts", seal, place.isEmpty ? "-" : place, finding.detail))
    }
    if let latest = report.latest {
      let verified = report.seals.filter(\.verified).count
      out.append(
        strings(
          "cli.audit.seal.summary", String(verified), String(report.seals.count), String(latest.id),
          latest.sealedAt,
          latest.actor, String(latest.headID)))
      if report.afterLatest.isEmpty {
        out.append(strings("cli.audit.seal.nothingAfter", String(latest.id)))
      }
      for change in report.afterLatest {
        out.append(strings("cli.audit.seal.afterLatest", String(latest.id), change))
      }
    } else {
      out.append(strings("cli.audit.seal.none"))
    }
    for missing in report.missingGuards { out.append(strings("cli.audit.guard.missing", missing)) }
    if report.missingGuards.isEmpty {
      out.append(strings("cli.audit.guard.ok", String(report.guardsChecked)))
    }
    return out
  }
}
