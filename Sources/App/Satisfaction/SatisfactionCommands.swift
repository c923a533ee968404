import Domain
import Foundation
import Store

/// What `gongzhi import responses|results`, `export satisfaction` and `satisfaction
/// rebuild` do, kept in the App so tests call the same code paths as the executable.
public enum SatisfactionCommands {
  /// Imports raw answer sheets (all or nothing); returns the summary line to print.
  public static func importResponses(
    file: String, options: LaunchOptions, format: TableFormat? = nil,
    progress: SatisfactionImport.Progress? = nil
  ) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let started = Date()
    let record = try SatisfactionImport.responses(
      path: file, store: session.store, actor: session.actor, format: format, progress: progress)
    return strings(
      "cli.satisfaction.importedResponses", String(record.rows), file, String(record.id),
      String(format: "%.1f", Date().timeIntervalSince(started)))
  }

  /// Imports the national platform's aggregated results (all or nothing); returns the summary line.
  public static func importResults(
    file: String, options: LaunchOptions, format: TableFormat? = nil,
    progress: SatisfactionImport.Progress? = nil
  ) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let started = Date()
    let record = try SatisfactionImport.results(
      path: file, store: session.store, actor: session.actor, format: format, progress: progress)
    return strings(
      "cli.satisfaction.importedResults", String(record.rows), file, String(record.id),
      String(format: "%.1f", Date().timeIntervalSince(started)))
  }

  /// The current questionnaires' item codes and names (`gongzhi satisfaction items`):
  /// what the header of an answer-sheet CSV may name, with each item's answer scale.
  public static func items(population: String?, options: LaunchOptions) throws -> String {
    let strings = Strings(options.language)
    var wanted = SatisfactionPopulation.allCases
    if let population {
      guard let p = SatisfactionPopulation(text: population) else {
        throw CLIError(strings("error.cli.filter", "population", population))
      }
      wanted = [p]
    }
    let session = try Launcher.openSession(options, readOnly: true)
    let repo = session.store.satisfaction
    var out: [String] = []
    for p in wanted {
      let inst = try repo.instrument(p, version: nil) ?? SatisfactionInstrument.defaultInstrument(p)
      let items = inst.items
      if !out.isEmpty { out.append("") }
      out.append(
        strings(
          "cli.satisfaction.items.heading", strings("satisfaction.population.\(p.rawValue)"), p.rawValue,
          inst.title, String(inst.version), String(items.count)))
      out.append(
        "  "
          + strings(
            "cli.satisfaction.items.header",
            (["date", "population", "department"] + items.map(\.code))
              .joined(separator: ",")))
      let codeWidth = items.map(\.code.displayWidth).max() ?? 0
      let titles = items.map { options.language == .en ? $0.titleEn : $0.title }
      let titleWidth = titles.map(\.displayWidth).max() ?? 0
      for dimension in inst.dimensions {
        out.append("  " + (options.language == .en ? dimension.titleEn : dimension.title))
        for item in dimension.items {
          let title = options.language == .en ? item.titleEn : item.title
          let scale = strings(
            "cli.satisfaction.items.scale", String(item.scale.points),
            item.scale.optionWords.joined(separator: "/"))
          out.append(
            "    " + item.code + String(repeating: " ", count: codeWidth - item.code.displayWidth + 2) + title
              + String(repeating: " ", count: titleWidth - title.displayWidth + 2) + scale)
        }
      }
    }
    out.append("")
    out.append(strings("cli.satisfaction.items.answers"))
    return out.joined(separator: "\n")
  }

  /// A month written `2025-03`.
  static func month(_ text: String, strings: Strings) throws -> SatisfactionMonth {
    guard let p = SatisfactionPeriod(code: text), p.kind == .month else {
      throw CLIError(strings("error.cli.month", text))
    }
    return p.firstMonth
  }

  /// The report for `from`…`to` (default: the latest quarter with data, up to the
  /// latest month) as CSV (UTF-8 with BOM), Markdown or HTML (to print) in the interface
  /// language.
  public static func export(from: String?, to: String?, format: String, options: LaunchOptions) throws
    -> String
  {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options, readOnly: true)
    let repo = session.store.satisfaction
    let latest = try repo.monthRange()?.upperBound ?? SatisfactionMonth(Day.today())
    let last = try to.map { try month($0, strings: strings) } ?? latest
    let first =
      try from.map { try month($0, strings: strings) }
      ?? SatisfactionPeriod(kind: .quarter, containing: last).firstMonth
    guard first <= last else {
      throw CLIError(strings("error.cli.monthRange", first.description, last.description))
    }
    // A range without any answers is an error, not an empty report.
    if try SatisfactionExport.populationsWithData(from: first, to: last, store: session.store).isEmpty {
      guard let range = try repo.monthRange() else {
        throw CLIError(strings("error.cli.satisfaction.noData", first.description, last.description))
      }
      throw CLIError(
        strings(
          "error.cli.satisfaction.noDataInRange", first.description, last.description,
          range.lowerBound.description, range.upperBound.description))
    }
    switch format.lowercased() {
    case "csv": return try SatisfactionExport.csv(from: first, to: last, store: session.store)
    case "md", "markdown":
      let table = strings
      return try SatisfactionExport.markdown(
        from: first, to: last, store: session.store, labels: { table.format($0, $1) })
    case "html":
      return try HTMLReports.satisfaction(from: first, to: last, store: session.store, strings: strings)
    default: throw CLIError(strings("error.cli.format", format))
    }
  }

  /// Every figure by month, as report lines, for comparing before and after a rebuild;
  /// `k` 1 gives the exact figures of every group, small ones included.
  static func figuresByMonth(_ store: GongzhiStore, k: Int = GroupScore.defaultK) throws -> [String] {
    guard let range = try store.satisfaction.monthRange() else { return [] }
    var lines: [String] = []
    var m = range.lowerBound
    while m <= range.upperBound {
      let csv = try SatisfactionExport.csv(from: m, to: m, store: store, k: k)
      lines += csv.split(separator: "\r\n").dropFirst().map(String.init)
      m = m.adding(months: 1)
    }
    return lines
  }

  /// Rebuilds the rollups from the raw sheets and says whether any figure changed
  /// (and which, up to `limit` lines). Figures are compared exactly, small groups
  /// included; the lines printed show small groups as reports do (`n<5`).
  public static func rebuild(options: LaunchOptions, limit: Int = 20) throws -> String {
    let strings = Strings(options.language)
    let session = try Launcher.openSession(options)
    let exactBefore = try figuresByMonth(session.store, k: 1)
    let before = try figuresByMonth(session.store)
    try session.store.satisfaction.rebuildRollups(by: session.actor)
    let exactAfter = try figuresByMonth(session.store, k: 1)
    let after = try figuresByMonth(session.store)
    let sheets = try session.store.satisfaction.responseCount()
    let changed = max(
      Set(exactBefore).subtracting(exactAfter).count, Set(exactAfter).subtracting(exactBefore).count)
    guard changed > 0 else {
      return strings("cli.satisfaction.rebuildUnchanged", String(sheets))
    }
    let gone = Set(before).subtracting(after)
    let new = Set(after).subtracting(before)
    var out = [strings("cli.satisfaction.rebuildChanged", String(sheets), String(changed))]
    out += before.filter(gone.contains).prefix(limit).map {
      strings("cli.satisfaction.rebuildLine", "- " + $0)
    }
    out += after.filter(new.contains).prefix(limit).map { strings("cli.satisfaction.rebuildLine", "+ " + $0) }
    return out.joined(separator: "\n")
  }

  /// A progress bar on standard error, redrawn when the percentage changes; nil when
  /// standard error is not a terminal (scripts and logs get only the summary line).
  public static func progressBar(label: String) -> SatisfactionImport.Progress? {
    guard isatty(2) == 1 else { return nil }
    let state = ProgressState()
    return { read, total in
      guard total > 0 else { return }
      let percent = Int(Double(read) * 100 / Double(total))
      guard percent != state.percent else { return }
      state.percent = percent
      let width = 30
      let filled = width * percent / 100
      var line = "\r" + label + " [" + String(repeating: "#", count: filled)
      line += String(repeating: " ", count: width - filled) + "] \(percent)%"
      line += String(format: "  %.1f/%.1f MB", Double(read) / 1e6, Double(total) / 1e6)
      if percent >= 100 { line += "\r\u{1B}[K" }
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  private final class ProgressState {
    var percent = -1
  }
}
