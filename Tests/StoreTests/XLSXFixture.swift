import Foundation
import Store
import ZIPFoundation

/// A cell as a spreadsheet program writes it.
enum XCell {
  case shared(String)
  case inline(String)
  case number(String)
  /// A number in a cell styled with `numFmtId` (14: a built-in date; 164: `yyyy/m/d`).
  case styled(String, style: Int)
  case bool(Bool)
  /// A formula whose cached result is a string.
  case formulaString(String)
  /// XML written as is in place of the cell (for hostile input).
  case raw(String)
}

/// Writes a real .xlsx (the OOXML parts zipped with ZIPFoundation), as Excel lays it
/// out: workbook, relationships, shared strings, styles with a date format, sheets.
struct XLSXFixture {
  struct Sheet {
    var name: String
    /// Rows by row number; each row's cells by column (1 = A). Absent cells are not written.
    var rows: [(row: Int, cells: [(column: Int, cell: XCell)])]
    var merges: [String] = []
  }

  var sheets: [Sheet]
  var date1904 = false

  /// Style indexes in `cellXfs`: 0 general, 1 date (id 14), 2 custom `yyyy/m/d` (164), 3 `0.00`.
  static let dateStyle = 1
  static let customDateStyle = 2
  static let decimalStyle = 3

  func write(to path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    var shared: [String] = []
    var sheetXML: [String] = []
    for sheet in sheets {
      var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
      xml += "<sheetData>"
      for (row, cells) in sheet.rows {
        xml += #"<row r="\#(row)">"#
        for (column, cell) in cells {
          let ref = ImportError.cellName(row: row, column: column)
          switch cell {
          case .shared(let s):
            shared.append(s)
            xml += #"<c r="\#(ref)" t="s"><v>\#(shared.count - 1)</v></c>"#
          case .inline(let s): xml += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(Self.escape(s))</t></is></c>"#
          case .number(let n): xml += #"<c r="\#(ref)"><v>\#(n)</v></c>"#
          case .styled(let n, let style): xml += #"<c r="\#(ref)" s="\#(style)"><v>\#(n)</v></c>"#
          case .bool(let b): xml += #"<c r="\#(ref)" t="b"><v>\#(b ? 1 : 0)</v></c>"#
          case .raw(let text): xml += text
          case .formulaString(let s):
            xml += #"<c r="\#(ref)" t="str"><f>CONCAT("a","b")</f><v>\#(Self.escape(s))</v></c>"#
          }
        }
        xml += "</row>"
      }
      xml += "</sheetData>"
      if !sheet.merges.isEmpty {
        xml += #"<mergeCells count="\#(sheet.merges.count)">"#
        xml += sheet.merges.map { #"<mergeCell ref="\#($0)"/>"# }.joined()
        xml += "</mergeCells>"
      }
      xml += "</worksheet>"
      sheetXML.append(xml)
    }
    let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    let rns = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
    var workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook \#(ns) \#(rns)>"#
    workbook += date1904 ? #"<workbookPr date1904="1"/>"# : "<workbookPr/>"
    workbook += "<sheets>"
    for (i, sheet) in sheets.enumerated() {
      workbook += #"<sheet name="\#(Self.escape(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
    }
    workbook += "</sheets></workbook>"
    var rels = #"<?xml version="1.0" encoding="UTF-8"?>"#
    rels += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    for i in sheets.indices {
      rels +=
        #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
    }
    rels += "</Relationships>"
    var sst = #"<?xml version="1.0" encoding="UTF-8"?><sst \#(ns) count="\#(shared.count)">"#
    // Every other string as rich text runs, as Excel writes partly formatted text.
    for (i, s) in shared.enumerated() {
      if i % 2 == 1, s.count > 1 {
        let first = String(s.prefix(1))
        let rest = String(s.dropFirst())
        sst +=
          "<si><r><rPr><b/></rPr><t>\(Self.escape(first))</t></r><r><t xml:space=\"preserve\">\(Self.escape(rest))</t></r><rPh sb=\"0\" eb=\"1\"><t>ピン</t></rPh></si>"
      } else {
        sst += "<si><t>\(Self.escape(s))</t></si>"
      }
    }
    sst += "</sst>"
    let styles = """
      <?xml version="1.0" encoding="UTF-8"?><styleSheet \(ns)><numFmts count="1">\
      <numFmt numFmtId="164" formatCode="yyyy/m/d;@"/></numFmts>\
      <cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>\
      <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>\
      <xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2"/></cellXfs></styleSheet>
      """
    var parts: [(String, String)] = [
      ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels), ("xl/sharedStrings.xml", sst),
      ("xl/styles.xml", styles),
    ]
    for (i, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", xml)) }
    for (path, text) in parts {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// The same table as a CSV text, typed as a spreadsheet would hold it: whole numbers
  /// and decimals as numbers, ISO dates as date serials (built-in and custom date
  /// formats in turn), other text as shared or inline strings row by row; empty cells
  /// left out.
  static func sheet(fromCSV text: String, name: String = "Sheet1") throws -> Sheet {
    let reader = CSVReader(text: text)
    var rows: [(row: Int, cells: [(column: Int, cell: XCell)])] = []
    var r = 0
    while let record = try reader.next() {
      r += 1
      var cells: [(column: Int, cell: XCell)] = []
      for (i, value) in record.fields.enumerated() where !value.isEmpty {
        cells.append((i + 1, typed(value, row: r)))
      }
      rows.append((r, cells))
    }
    return Sheet(name: name, rows: rows)
  }

  static func typed(_ value: String, row: Int) -> XCell {
    if value.range(of: #"^-?(0|[1-9][0-9]{0,14})(\.[0-9]*[1-9])?$"#, options: .regularExpression) != nil {
      return .number(value)
    }
    if let serial = excelSerial(value) {
      return .styled(String(serial), style: row % 2 == 0 ? dateStyle : customDateStyle)
    }
    return row % 2 == 0 ? .shared(value) : .inline(value)
  }

  /// Days from 1899-12-30 for an ISO date (after 1900-03-01).
  static func excelSerial(_ iso: String) -> Int? {
    guard iso.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else {
      return nil
    }
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd"
    guard let date = f.date(from: iso), let base = f.date(from: "1899-12-30") else { return nil }
    return Int((date.timeIntervalSince(base) / 86_400).rounded())
  }
}
