import CXlsxwriter
import Domain
import Foundation

/// A worksheet written as an XLSX workbook with libxlsxwriter: a bold header row that
/// stays frozen on screen and repeats on every printed page, an autofilter, column
/// widths that fit Chinese text, figures as number cells and days as date cells
/// (`yyyy-mm-dd`), printed on A4 one page wide (landscape when the columns are wide).
public enum XLSXWriter {
  /// Columns wider than this (in `0`-widths) in total print landscape: about what an
  /// A4 page holds upright at the default margins.
  static let portraitWidth = 95.0

  /// The workbook's bytes. libxlsxwriter writes to a file path only, so the workbook
  /// is built in a private temporary folder (its working files too) and read back;
  /// the caller hands the bytes to `Output`, which writes exports atomically.
  public static func workbook(_ sheet: TypedSheet) throws -> [UInt8] {
    var template = Array((NSTemporaryDirectory() + "/gongzhi-xlsx-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw XLSXError.write(String(cString: strerror(errno)))
    }
    let folder = String(cString: made)
    let path = folder + "/export.xlsx"
    defer {
      unlink(path)
      rmdir(folder)
    }
    try write(sheet, path: path, workFolder: folder)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw XLSXError.write(String(cString: strerror(errno == 0 ? EIO : errno)))
    }
    return [UInt8](data)
  }

  static func write(_ sheet: TypedSheet, path: String, workFolder: String) throws {
    // libxlsxwriter may keep the folder's name until it closes: a copy that lives as
    // long as this function (freed after the close below, defers run last-in first-out).
    guard let folder = strdup(workFolder) else { throw XLSXError.write(String(cString: strerror(ENOMEM))) }
    defer { free(folder) }
    var options = lxw_workbook_options(constant_memory: 0, tmpdir: folder, use_zip64: 0)
    guard let workbook = workbook_new_opt(path, &options) else {
      throw XLSXError.write(String(cString: strerror(errno == 0 ? ENOMEM : errno)))
    }
    var closed = false
    defer { if !closed { workbook_close(workbook) } }
    guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
      throw XLSXError.write(sheet.name)
    }
    let bold = workbook_add_format(workbook)
    format_set_bold(bold)
    let dayFormat = workbook_add_format(workbook)
    format_set_num_format(dayFormat, "yyyy-mm-dd")
    let instantFormat = workbook_add_format(workbook)
    format_set_num_format(instantFormat, "yyyy-mm-dd hh:mm:ss.000\"Z\"")

    try check(row: 0) {
      for (column, title) in sheet.header.enumerated() {
        let error = worksheet_write_string(worksheet, 0, lxw_col_t(column), title, bold)
        if error != LXW_NO_ERROR { return (column, error) }
      }
      return nil
    }
    for (index, row) in sheet.rows.enumerated() {
      let line = lxw_row_t(index + 1)
      try check(row: index + 1) {
        for (column, value) in row.enumerated() {
          let col = lxw_col_t(column)
          let error: lxw_error
          switch value {
          case .empty: continue
          case .text(let s): error = worksheet_write_string(worksheet, line, col, s, nil)
          case .number(let v): error = worksheet_write_number(worksheet, line, col, v, nil)
          case .date(let d):
            var when = lxw_datetime(
              year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
            error = worksheet_write_datetime(worksheet, line, col, &when, dayFormat)
          case .timestamp(let d, let h, let m, let s):
            var when = lxw_datetime(
              year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: Int32(h), min: Int32(m),
              sec: s)
            error = worksheet_write_datetime(worksheet, line, col, &when, instantFormat)
          }
          if error != LXW_NO_ERROR { return (column, error) }
        }
        return nil
      }
    }

    let widths = sheet.columnWidths()
    for (column, width) in widths.enumerated() {
      worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil)
    }
    if !sheet.header.isEmpty {
      worksheet_freeze_panes(worksheet, 1, 0)
      worksheet_autofilter(worksheet, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.header.count - 1))
      worksheet_repeat_rows(worksheet, 0, 0)
    }
    worksheet_set_paper(worksheet, gz_paper_a4())
    if widths.reduce(0, +) > portraitWidth { worksheet_set_landscape(worksheet) }
    worksheet_fit_to_pages(worksheet, 1, 0)
    worksheet_set_footer(worksheet, "&C&P / &N")

    closed = true
    errno = 0  // so a reason read below is this call's, not an earlier one's
    let error = workbook_close(workbook)
    if error != LXW_NO_ERROR {
      // libxlsxwriter says which step failed; errno, when set, says why.
      let reason = errno != 0 ? String(cString: strerror(errno)) : String(cString: lxw_strerror(error))
      throw XLSXError.write(reason)
    }
  }

  /// Runs one row's writes; a cell libxlsxwriter refuses (text over Excel's 32 767
  /// characters) is reported by its place, as the import errors are.
  private static func check(row: Int, _ body: () -> (Int, lxw_error)?) throws {
    guard let (column, error) = body() else { return }
    if error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED {
      throw XLSXError.cellTooLong(row: row + 1, column: column + 1)
    }
    throw XLSXError.write(String(cString: lxw_strerror(error)))
  }
}

/// Why an XLSX export was not written.
public enum XLSXError: Error, UserMessage, Equatable {
  /// The workbook could not be built or written (the system's reason).
  case write(String)
  /// A text longer than a spreadsheet cell holds, at this row and column (1-based).
  case cellTooLong(row: Int, column: Int)
  /// `--format xlsx` without `-o`, on a terminal: a workbook is not for the screen.
  case terminal

  public var key: String {
    switch self {
    case .write: return "error.xlsx.write"
    case .cellTooLong: return "error.xlsx.cellTooLong"
    case .terminal: return "error.xlsx.terminal"
    }
  }

  public var args: [String] {
    switch self {
    case .write(let reason): return [reason]
    case .cellTooLong(let row, let column): return [String(row), String(column)]
    case .terminal: return []
    }
  }
}
