import Domain
import Foundation
import Store
import Testing

@testable import App

/// XLSX exports (issue 17 item 3): the CSV typed by its schema, and the workbook
/// libxlsxwriter makes of it. Tests/e2e/xlsx.sh checks every export's workbook cell
/// by cell against its CSV.
@Suite struct XLSXExportTests {
  @Test func figuresDaysAndTextAreTypedByColumn() throws {
    let csv =
      "\u{FEFF}单位,出生日期,联系电话,总分,记录时间\r\n"
      + "'=SUM(A1),2026-02-29,013800138000,91.5,2026-11-24T08:09:10.123Z\r\n"
      + "x,1990-01-31,,n<5,2026-11-24T25:00:00.000Z\r\n"
    let schema = SheetSchema(
      name: "t", kinds: ["出生日期": .date, "总分": .number, "记录时间": .timestamp])
    let sheet = try TypedSheet(csv: csv, schema: schema)
    #expect(sheet.header == ["单位", "出生日期", "联系电话", "总分", "记录时间"])
    #expect(sheet.kinds == [.text, .date, .text, .number, .timestamp])
    // 2026-02-29 is no day: it stays text, never a guessed date.
    #expect(
      sheet.rows[0] == [
        .text("=SUM(A1)"), .text("2026-02-29"), .text("013800138000"), .number(91.5),
        .timestamp(Day(year: 2026, month: 11, day: 24), hour: 8, minute: 9, second: 10.123),
      ])
    #expect(
      sheet.rows[1] == [
        .text("x"), .date(Day(year: 1990, month: 1, day: 31)), .empty, .text("n<5"),
        .text("2026-11-24T25:00:00.000Z"),
      ])
  }

  @Test func onlyPlainDecimalsBecomeNumbers() {
    for (text, value) in [("12", 12.0), ("-3", -3), ("0.5", 0.5), ("100.0", 100)] {
      #expect(TypedSheet.number(text) == value, "\(text)")
    }
    for text in ["", "-", "1e5", "nan", "inf", "+1", "1.", ".5", "1,000", "１２", "1234567890123456", "0x10"] {
      #expect(TypedSheet.number(text) == nil, "\(text)")
    }
  }

  @Test func columnWidthsCountChineseAsTwo() throws {
    let sheet = try TypedSheet(
      csv: "姓名,备注\r\n王,\"心血管内科党支部\nx\"\r\n", schema: SheetSchema(name: "t", kinds: [:]))
    let widths = sheet.columnWidths()
    // 姓名 = 4 columns + 2 for the filter arrow = 6 (the minimum), + 1 margin.
    #expect(widths[0] == 7)
    // The widest line of a multi-line cell: 8 Chinese characters = 16, + 1.
    #expect(widths[1] == 17)
    let long = try TypedSheet(
      csv: "x\r\n" + String(repeating: "长", count: 200) + "\r\n", schema: SheetSchema(name: "t", kinds: [:]))
    #expect(long.columnWidths() == [61])
  }

  @Test func theDemoMembersBecomeAWorkbook() throws {
    let fixture = try DemoFixture()
    let csv = try MemberCSV.export(store: fixture.store)
    let sheet = try TypedSheet(csv: csv, schema: .members)
    #expect(sheet.rows.count == csv.components(separatedBy: "\r\n").count - 2)
    let births = sheet.rows.map { $0[3] }
    #expect(
      births.allSatisfy { value in
        if case .date = value { return true }
        return value == .empty
      })
    #expect(births.contains { $0 != .empty })
    let bytes = try XLSXWriter.workbook(sheet)
    #expect(bytes.starts(with: Array("PK\u{3}\u{4}".utf8)))
    let path = fixture.directory.appendingPathComponent("members.xlsx").path
    try Output.write(bytes: bytes, to: path)
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else { return }
    let xml = try Self.unzip(path, "xl/worksheets/sheet1.xml")
    #expect(xml.contains(#"state="frozen""#))
    #expect(xml.contains(#"<pageSetup paperSize="9""#))
    let workbook = try Self.unzip(path, "xl/workbook.xml")
    #expect(workbook.contains("_xlnm.Print_Titles"))
  }

  @Test func aTextTooLongForACellIsReportedByItsPlace() throws {
    let csv = "a,b\r\nx," + String(repeating: "y", count: 40_000) + "\r\n"
    let sheet = try TypedSheet(csv: csv, schema: SheetSchema(name: "t", kinds: [:]))
    #expect(throws: XLSXError.cellTooLong(row: 2, column: 2)) { try XLSXWriter.workbook(sheet) }
    #expect(Strings(.en).message(XLSXError.cellTooLong(row: 2, column: 2)).contains("Row 2, column 2"))
  }

  @Test func formatFollowsTheFlagThenTheFileName() {
    #expect(ExportFormat.resolve(nil, output: "a.xlsx", fallback: "md") == "xlsx")
    #expect(ExportFormat.resolve(nil, output: "A.XLSX", fallback: "csv") == "xlsx")
    #expect(ExportFormat.resolve("CSV", output: "a.xlsx", fallback: "md") == "csv")
    #expect(ExportFormat.resolve(nil, output: "a.csv", fallback: "md") == "md")
    #expect(ExportFormat.resolve(nil, output: nil, fallback: "csv") == "csv")
    #expect(ExportFormat.resolve(nil, output: "notice.HTML", fallback: "md") == "html")
  }

  static func unzip(_ path: String, _ member: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", path, member]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
