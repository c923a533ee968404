import Domain
import Foundation
import Store
import ZIPFoundation

/// `gongzhi bench imports`: the same answer sheets imported from UTF-8 CSV, from
/// GB18030 CSV and from an XLSX workbook, each against the UTF-8 CSV in the same run.
extension Benchmarks {
  public static func imports(rows: Int, xlsxRows: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongzhi-importbench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let actor = Actor(name: "bench", role: .admin)
    var stores = 0
    /// Milliseconds to import `file` into a new database.
    func importTime(_ file: String) throws -> Double {
      stores += 1
      let store = try GongzhiStore(path: dir.appendingPathComponent("b\(stores).sqlite").path)
      let started = DispatchTime.now().uptimeNanoseconds
      try SatisfactionImport.responses(path: file, store: store, actor: actor)
      return Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
    }

    // GB18030 against UTF-8: the same sheets, the best of two runs each, interleaved
    // so that a busy moment of the machine does not fall on one side only.
    let utf8 = dir.appendingPathComponent("responses-utf8.csv").path
    let gb = dir.appendingPathComponent("responses-gb18030.csv").path
    try DemoSatisfaction.writeResponsesCSV(path: utf8, count: rows, seed: 1)
    try convert(utf8, to: gb, with: IconvStream.utf8ToGB18030())
    var utf8Times: [Double] = []
    var gbTimes: [Double] = []
    for _ in 0..<2 {
      utf8Times.append(try importTime(utf8))
      gbTimes.append(try importTime(gb))
    }
    let u = utf8Times.min()!
    let g = gbTimes.min()!
    report("import \(rows) responses, UTF-8 CSV", u, unit: "ms")
    report("import the same, GB18030 CSV", g, unit: "ms")
    report("import ratio GB18030 / UTF-8", g / u, unit: "×", budget: 1.2)

    // XLSX against CSV: a workbook as Excel saves it (shared strings, numbers as
    // numbers, dates as date-formatted serials).
    let csv = dir.appendingPathComponent("responses-\(xlsxRows).csv").path
    let xlsx = dir.appendingPathComponent("responses-\(xlsxRows).xlsx").path
    try DemoSatisfaction.writeResponsesCSV(path: csv, count: xlsxRows, seed: 2)
    try BenchWorkbook.write(csv: csv, to: xlsx)
    var csvTimes: [Double] = []
    var xlsxTimes: [Double] = []
    for _ in 0..<2 {
      csvTimes.append(try importTime(csv))
      xlsxTimes.append(try importTime(xlsx))
    }
    let c = csvTimes.min()!
    let x = xlsxTimes.min()!
    report("import \(xlsxRows) responses, CSV", c, unit: "ms")
    report("import the same, XLSX", x, unit: "ms")
    report("import ratio XLSX / CSV", x / c, unit: "×", budget: 3)
  }

  private static func convert(_ source: String, to target: String, with stream: IconvStream) throws {
    guard let input = FileHandle(forReadingAtPath: source),
      FileManager.default.createFile(atPath: target, contents: nil),
      let output = FileHandle(forWritingAtPath: target)
    else { throw StoreError.cannotOpen(target, "cannot write file") }
    defer {
      try? input.close()
      try? output.close()
    }
    while let data = try input.read(upToCount: 1 << 20), !data.isEmpty {
      try output.write(contentsOf: stream.convert(data, final: false))
    }
    try output.write(contentsOf: stream.convert([], final: true))
  }
}

/// A plain workbook for the benchmark, written as Excel lays one out. (The exports'
/// XLSX writer is a separate piece; this one only has to be a fair input.)
enum BenchWorkbook {
  static func write(csv: String, to path: String) throws {
    let reader = try CSVReader(path: csv)
    var shared: [String] = []
    var sharedIndex: [String: Int] = [:]
    var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
    sheet += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    var row = 0
    while let record = try reader.next() {
      row += 1
      sheet += #"<row r="\#(row)">"#
      for (i, value) in record.fields.enumerated() where !value.isEmpty {
        let ref = ImportError.cellName(row: row, column: i + 1)
        if let day = Day(iso: value), row > 1 {
          sheet += #"<c r="\#(ref)" s="1"><v>\#(day.excelSerial)</v></c>"#
        } else if row > 1, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.utf8.count < 10 {
          sheet += #"<c r="\#(ref)"><v>\#(value)</v></c>"#
        } else {
          let index = sharedIndex[value] ?? shared.count
          if index == shared.count {
            shared.append(value)
            sharedIndex[value] = index
          }
          sheet += #"<c r="\#(ref)" t="s"><v>\#(index)</v></c>"#
        }
      }
      sheet += "</row>"
    }
    sheet += "</sheetData></worksheet>"
    let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    var sst = #"<?xml version="1.0" encoding="UTF-8"?><sst \#(ns)>"#
    for s in shared {
      sst +=
        "<si><t>"
        + s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        + "</t></si>"
    }
    sst += "</sst>"
    let parts: [(String, String)] = [
      (
        "xl/workbook.xml",
        #"<?xml version="1.0" encoding="UTF-8"?><workbook \#(ns) xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
      ),
      (
        "xl/_rels/workbook.xml.rels",
        #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
      ),
      (
        "xl/styles.xml",
        #"<?xml version="1.0" encoding="UTF-8"?><styleSheet \#(ns)><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
      ),
      ("xl/sharedStrings.xml", sst),
      ("xl/worksheets/sheet1.xml", sheet),
    ]
    try? FileManager.default.removeItem(atPath: path)
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    for (name, text) in parts {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
  }
}

extension Day {
  /// Excel's serial day number (1900 system, from 1899-12-30).
  var excelSerial: Int {
    Day(year: 1899, month: 12, day: 30).days(to: self)
  }
}
