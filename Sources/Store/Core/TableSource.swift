import Domain
import Foundation

/// How the user asked an import file to be read: `--encoding` and `--sheet`.
public struct TableOptions: Sendable, Equatable {
  /// Forces a CSV file's encoding; nil detects it.
  public var encoding: TableEncoding?
  /// The XLSX sheet to read; nil reads the first in the workbook's order.
  public var sheet: String?
  public init(encoding: TableEncoding? = nil, sheet: String? = nil) {
    self.encoding = encoding
    self.sheet = sheet
  }
}

/// What an import file turned out to be, decided once before it is read (so the
/// command can say which it used): CSV in an encoding, or one sheet of a workbook.
public enum TableFormat: Sendable, Equatable {
  case csv(TableEncoding)
  case xlsx(sheet: String)
  /// A CSV file valid in neither encoding: read as the closer one so that the reader
  /// refuses it at the first bad byte, with its line and column.
  case undecodable(closest: TableEncoding)

  /// `.xlsx` by its name or its ZIP signature; otherwise CSV, in the forced encoding
  /// or as detected (`EncodingDetector`). Throws `ImportError` for an unknown sheet
  /// or a damaged workbook, `StoreError.cannotOpen` for an unreadable file.
  public static func detect(path: String, options: TableOptions = .init()) throws -> TableFormat {
    if isWorkbook(path) {
      return .xlsx(sheet: try XLSXWorkbook(path: path).sheet(named: options.sheet).name)
    }
    if let forced = options.encoding { return .csv(forced) }
    switch try EncodingDetector.detect(path: path) {
    case .valid(let encoding): return .csv(encoding)
    case .damagedUTF8: return .csv(.utf8)
    case .neither(let closest): return .undecodable(closest: closest)
    }
  }

  static func isWorkbook(_ path: String) -> Bool {
    if path.lowercased().hasSuffix(".xlsx") { return true }
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let magic = (try? handle.read(upToCount: 4)) ?? nil
    return magic.map(Array.init) == [0x50, 0x4B, 0x03, 0x04]
  }

  /// The string-table key and argument naming how the file was read, for the summary.
  public var summary: Message {
    switch self {
    case .csv(let e), .undecodable(let e): return Message(key: "cli.import.readAsCSV", args: [e.displayName])
    case .xlsx(let sheet): return Message(key: "cli.import.readAsSheet", args: [Echo.excerpt(sheet)])
    }
  }
}

/// The one table source every importer reads: records (fields and the row where they
/// start) from CSV in UTF-8 or GB18030, or from a sheet of an XLSX workbook, with
/// problems located as `FILE:LINE:COLUMN` or `FILE:SHEET!A12`.
public final class TableReader {
  public let path: String
  public let format: TableFormat
  private let csv: CSVReader?
  private let sheet: XLSXSheetReader?

  /// `format` nil detects it with default options. `observer` sees the file's bytes
  /// as they are read (for hashing and progress).
  public init(
    path: String, format: TableFormat? = nil, chunkSize: Int = 1 << 16, observer: ((Data) -> Void)? = nil
  ) throws {
    self.path = path
    let format = try format ?? TableFormat.detect(path: path)
    self.format = format
    switch format {
    case .csv(let encoding), .undecodable(let encoding):
      csv = try CSVReader(path: path, encoding: encoding, chunkSize: chunkSize, observer: observer)
      sheet = nil
    case .xlsx(let name):
      if let observer { try Self.feed(path: path, to: observer) }
      do {
        sheet = try XLSXWorkbook(path: path).sheet(named: name).reader()
      } catch let problem as XLSXProblem {
        throw Self.located(path, format, problem.row, problem.column, problem.message)
      }
      csv = nil
    }
  }

  /// The next record; throws `ImportError` for a malformed file.
  public func next() throws -> CSVRecord? {
    if let csv {
      do { return try csv.next() } catch let e as CSVError {
        throw ImportError(file: path, e, encoding: encodingKey)
      }
    }
    do { return try sheet?.next() } catch let problem as XLSXProblem { throw error(problem) }
  }

  /// A problem at `line` (a CSV line or a sheet row) and `column` (1-based field).
  public func error(line: Int, column: Int, problem: Message) -> ImportError {
    Self.located(path, format, line, column, problem)
  }

  private static func located(
    _ path: String, _ format: TableFormat, _ line: Int, _ column: Int, _ problem: Message
  ) -> ImportError {
    var e = ImportError(file: path, line: line, column: column, problem: problem)
    if case .xlsx(let name) = format { e.sheet = name }
    return e
  }

  private func error(_ problem: XLSXProblem) -> ImportError {
    error(line: problem.row, column: problem.column, problem: problem.message)
  }

  /// Which message a bad byte gets: the encoding the user forced or we detected.
  private var encodingKey: String {
    switch format {
    case .csv(.utf8): return "error.import.notUTF8"
    case .csv(.gb18030): return "error.import.notGB18030"
    default: return "error.import.notText"
    }
  }

  private static func feed(path: String, to observer: (Data) -> Void) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.cannotOpen(path, "cannot read file")
    }
    defer { try? handle.close() }
    while let data = try handle.read(upToCount: 1 << 18), !data.isEmpty { observer(data) }
  }
}
