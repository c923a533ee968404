import Domain
import Foundation
import Store

/// `gongzhi store copy` and `gongzhi backup`: whole-database operations, printed
/// through `Output` (a failed write is an error).
public enum StoreLauncher {
  /// Copies `source` into the empty `target` and prints each table's rows on both
  /// sides; when they differ (nothing is then written) the table is printed before
  /// the error is thrown.
  public static func copy(source: String, target: String, strings: Strings) throws {
    let report: StoreCopy.Report
    do {
      report = try StoreCopy.copy(from: source, to: target)
    } catch StoreCopyError.countsDiffer(let counts) {
      try Output.write(countTable(counts, strings: strings), to: nil)
      throw StoreCopyError.countsDiffer(counts)
    }
    try Output.write(countTable(report.tables, strings: strings), to: nil)
    try Output.line(strings("cli.copy.done", String(report.rows), String(report.tables.count)))
    if let owner = report.ownerRecorded { try Output.line(strings("cli.copy.ownerRecorded", owner)) }
    // Copied users are rows; only on a server do they need logins made.
    if ServerLauncher.isServer(target) { try Output.line(strings("cli.copy.users")) }
  }

  /// One line per table: name, source rows, target rows (numbers right-aligned).
  static func countTable(_ counts: [StoreCopy.TableCount], strings: Strings) -> String {
    let header = [strings("cli.copy.table"), strings("cli.copy.source"), strings("cli.copy.target")]
    let rows = counts.map { [$0.table, String($0.source), String($0.target)] }
    let widths = (0..<3).map { column in ([header] + rows).map { width($0[column]) }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      let name = cells[0] + String(repeating: " ", count: widths[0] - width(cells[0]))
      let numbers = (1..<3).map { String(repeating: " ", count: widths[$0] - width(cells[$0])) + cells[$0] }
      return ([name] + numbers).joined(separator: "  ") + "\n"
    }
    return ([header] + rows).map(line).joined()
  }

  private static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + ColumnWidth.of($1) }
  }

  /// Backs the SQLite database up to `file` and returns the line to print.
  public static func backup(database: String, file: String, force: Bool, strings: Strings) throws -> String {
    let report = try StoreBackup.run(database: database, to: file, replace: force)
    return strings("cli.backup.done", file, String(report.bytes), String(report.auditRows))
  }
}
