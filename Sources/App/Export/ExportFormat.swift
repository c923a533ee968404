import Foundation
import Store

/// The format of an export: what `--format` says, else XLSX or HTML for an `-o` name
/// ending in `.xlsx` or `.html`, else the command's usual format.
public enum ExportFormat {
  public static func resolve(_ format: String?, output: String?, fallback: String) -> String {
    if let format { return format.lowercased() }
    let name = output?.lowercased() ?? ""
    if name.hasSuffix(".xlsx") { return "xlsx" }
    if name.hasSuffix(".html") || name.hasSuffix(".htm") { return "html" }
    return fallback
  }
}

extension Launcher {
  /// Writes an export in `format` to `path` (stdout when nil). `text` makes the export
  /// in a text format; for XLSX it is asked for the CSV, whose columns and rows the
  /// workbook holds, typed by `schema`. A workbook is refused on a terminal (standard
  /// output or `-o /dev/tty`).
  public static func writeExport(
    format: String, to path: String?, schema: SheetSchema, text: (_ format: String) throws -> String
  ) throws {
    guard format == "xlsx" else {
      try Output.write(try text(format), to: path)
      return
    }
    if Output.isTerminal(path) { throw XLSXError.terminal }
    let sheet = try TypedSheet(csv: try text("csv"), schema: schema)
    try Output.write(bytes: try XLSXWriter.workbook(sheet), to: path)
  }
}
