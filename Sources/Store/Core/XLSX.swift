import Domain
import Foundation
import ZIPFoundation

/// A problem with a workbook as a whole (not at a cell): `FILE: problem`.
public struct XLSXFileError: Error, UserMessage, Equatable {
  public var key: String
  public var args: [String]
  init(_ key: String, file: String, _ args: String...) {
    self.key = key
    self.args = [file] + args.map { Echo.excerpt($0) }
  }
}

/// A problem at a cell of the sheet being read (`row`, `column` 1-based).
struct XLSXProblem: Error {
  var row: Int
  var column: Int
  var message: Message
}

/// An XLSX workbook opened for reading (ZIPFoundation for the archive): its sheets
/// in workbook order, their parts, and the date system.
final class XLSXWorkbook {
  struct Sheet {
    var name: String
    var part: String
    let workbook: XLSXWorkbook
    func reader() throws -> XLSXSheetReader { try workbook.reader(for: self) }
  }

  let path: String
  private let archive: Archive
  private(set) var sheets: [Sheet] = []
  private var date1904 = false

  /// Largest part we inflate: a real sheet of a million rows is far smaller; a ZIP
  /// bomb is refused instead of filling memory.
  static let maxPartBytes = 1 << 30

  init(path: String) throws {
    self.path = path
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw StoreError.cannotOpen(path, "cannot read file")
    }
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw XLSXFileError("error.xlsx.damaged", file: path, "not a ZIP archive")
    }
    let workbook = try scanner("xl/workbook.xml")
    let rels = try scanner("xl/_rels/workbook.xml.rels")
    var targets: [String: String] = [:]
    while let tag = rels.nextTag() {
      guard !tag.isEnd, rels.is(tag, "Relationship"), let id = rels.attribute("Id", of: tag),
        let target = rels.attribute("Target", of: tag)
      else { continue }
      targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
    while let tag = workbook.nextTag() {
      guard !tag.isEnd else { continue }
      if workbook.is(tag, "workbookPr") {
        let value = workbook.attribute("date1904", of: tag)
        date1904 = value == "1" || value == "true"
      } else if workbook.is(tag, "sheet"), let name = workbook.attribute("name", of: tag),
        let id = workbook.attribute("id", of: tag), let part = targets[id]
      {
        sheets.append(Sheet(name: name, part: part, workbook: self))
      }
    }
  }

  /// The sheet named `name` (exactly, else ignoring case), or the first one when nil.
  func sheet(named name: String?) throws -> Sheet {
    guard let first = sheets.first else { throw XLSXFileError("error.xlsx.noSheets", file: path) }
    guard let name else { return first }
    if let s = sheets.first(where: { $0.name == name })
      ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() })
    {
      return s
    }
    throw XLSXFileError(
      "error.xlsx.unknownSheet", file: path, name,
      sheets.map { Echo.excerpt($0.name) }.joined(separator: ", "))
  }

  func reader(for sheet: Sheet) throws -> XLSXSheetReader {
    let shared = try sharedStrings()
    let styles = try dateStyles()
    return try XLSXSheetReader(
      scanner: try scanner(sheet.part), shared: shared, dateStyles: styles, date1904: date1904)
  }

  /// The bytes of one part; a missing required part or a damaged entry is refused.
  func data(_ part: String, required: Bool = true) throws -> Data? {
    guard let entry = archive[part] else {
      if required { throw XLSXFileError("error.xlsx.damaged", file: path, "missing \(part)") }
      return nil
    }
    guard entry.uncompressedSize <= Int64(Self.maxPartBytes) else {
      throw XLSXFileError("error.xlsx.damaged", file: path, "\(part) is too large")
    }
    var data = Data()
    do {
      _ = try archive.extract(entry, bufferSize: 1 << 18) { chunk in
        data.append(chunk)
        if data.count > Self.maxPartBytes {
          throw XLSXFileError("error.xlsx.damaged", file: self.path, "too large")
        }
      }
    } catch let e as XLSXFileError {
      throw e
    } catch {
      throw XLSXFileError("error.xlsx.damaged", file: path, "\(part): \(error)")
    }
    return data
  }

  private func scanner(_ part: String) throws -> XMLScanner { XMLScanner(try data(part)!) }

  /// Shared strings: each `<si>` is one string, its `<t>` runs joined (phonetic
  /// `<rPh>` runs are not what the user sees, so they are left out).
  private func sharedStrings() throws -> [String] {
    guard let data = try data("xl/sharedStrings.xml", required: false) else { return [] }
    let xml = XMLScanner(data)
    var strings: [String] = []
    var current = ""
    var inPhonetic = false
    while let tag = xml.nextTag() {
      if xml.is(tag, "rPh") {
        inPhonetic = !tag.isEnd && !tag.isSelfClosing
      } else if xml.is(tag, "si") {
        if tag.isEnd {
          strings.append(current)
        } else if tag.isSelfClosing {
          strings.append("")
        } else {
          current = ""
        }
      } else if xml.is(tag, "t"), !tag.isEnd, !tag.isSelfClosing {
        let text = xml.text(until: "t")
        if !inPhonetic { current += text }
      }
    }
    return strings.map(XLSXSheetReader.unescapeOOXML)
  }

  /// For each cell style (`s` index), how a number in it is shown: as a date, a time,
  /// both, or as a number. Built-in ids by ECMA-376 and the Chinese locale's extras.
  private func dateStyles() throws -> [XLSXSheetReader.NumberKind] {
    guard let data = try data("xl/styles.xml", required: false) else { return [] }
    let xml = XMLScanner(data)
    var custom: [Int: XLSXSheetReader.NumberKind] = [:]
    var kinds: [XLSXSheetReader.NumberKind] = []
    var inCellXfs = false
    while let tag = xml.nextTag() {
      if xml.is(tag, "numFmt"), !tag.isEnd, let id = xml.attribute("numFmtId", of: tag).flatMap({ Int($0) }),
        let code = xml.attribute("formatCode", of: tag)
      {
        custom[id] = Self.kind(ofFormat: code)
      } else if xml.is(tag, "cellXfs") {
        inCellXfs = !tag.isEnd && !tag.isSelfClosing
      } else if inCellXfs, xml.is(tag, "xf"), !tag.isEnd {
        let id = xml.attribute("numFmtId", of: tag).flatMap { Int($0) } ?? 0
        kinds.append(custom[id] ?? Self.builtinKind(id))
      }
    }
    return kinds
  }

  static func builtinKind(_ id: Int) -> XLSXSheetReader.NumberKind {
    switch id {
    case 14...17, 27...31, 36, 50...58: return .date
    case 22: return .dateTime
    case 18...21, 32...35, 45...47: return .time
    default: return .number
    }
  }

  /// A custom format's kind by its first section, outside quoted text, escapes and
  /// `[…]` (colours, locales; `[h]` is elapsed time): y or d → a date; h or s → a time.
  static func kind(ofFormat code: String) -> XLSXSheetReader.NumberKind {
    var hasDate = false
    var hasTime = false
    var inQuote = false
    var inBracket = false
    var escaped = false
    for ch in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      if inQuote {
        if ch == "\"" { inQuote = false }
        continue
      }
      if inBracket {
        if ch == "]" { inBracket = false } else if ch == "h" || ch == "s" { hasTime = true }
        continue
      }
      switch ch {
      case ";": return Self.combine(hasDate, hasTime)
      case "\"": inQuote = true
      case "\\", "_", "*": escaped = true
      case "[": inBracket = true
      case "y", "d", "e": hasDate = true
      case "h", "s": hasTime = true
      case "m": break  // month or minute: decided by its neighbours, y/d or h/s
      default: break
      }
    }
    return combine(hasDate, hasTime)
  }

  private static func combine(_ date: Bool, _ time: Bool) -> XLSXSheetReader.NumberKind {
    switch (date, time) {
    case (true, true): return .dateTime
    case (true, false): return .date
    case (false, true): return .time
    default: return .number
    }
  }
}

/// Rows of one sheet as records, one at a time: cells as the user sees them, each
/// field at its column (A = field 1; missing cells are empty), empty rows skipped,
/// row 1 the header (refused when empty or merged).
final class XLSXSheetReader {
  enum NumberKind { case number, date, time, dateTime }

  /// Excel's own limits; a cell reference beyond them is refused.
  static let maxRows = 1_048_576
  static let maxColumns = 16_384

  private let xml: XMLScanner
  private let shared: [String]
  private let kinds: [NumberKind]
  private let date1904: Bool
  private var headerWidth: Int?
  private var lastRow = 0
  private let mergedHeader: (column: Int, ref: String)?
  private var finished = false

  init(scanner: XMLScanner, shared: [String], dateStyles: [NumberKind], date1904: Bool) throws {
    xml = scanner
    self.shared = shared
    kinds = dateStyles
    self.date1904 = date1904
    mergedHeader = Self.firstMergeInRow1(scanner)
    scanner.position = 0
  }

  /// `<mergeCells>` follows `<sheetData>`: look there for a range touching row 1.
  private static func firstMergeInRow1(_ xml: XMLScanner) -> (column: Int, ref: String)? {
    guard let end = xml.lastIndex(of: Array("sheetData>".utf8)) else { return nil }
    xml.position = end
    while let tag = xml.nextTag() {
      guard xml.is(tag, "mergeCell"), let ref = xml.attribute("ref", of: tag) else { continue }
      let corners = ref.split(separator: ":")
      guard let first = corners.first.flatMap({ cellReference(Substring($0)) }) else { continue }
      let last = corners.last.flatMap { cellReference(Substring($0)) } ?? first
      if first.row <= 1 && last.row >= 1 { return (first.column, ref) }
    }
    return nil
  }

  func next() throws -> CSVRecord? {
    while !finished {
      guard let next = try nextRow() else {
        finished = true
        if headerWidth == nil {
          throw XLSXProblem(row: 1, column: 1, message: Message("error.xlsx.noHeader"))
        }
        return nil
      }
      let (row, cells) = next
      guard let width = headerWidth else {
        if let merged = mergedHeader {
          throw XLSXProblem(
            row: 1, column: merged.column, message: Message("error.xlsx.mergedHeader", merged.ref))
        }
        let used = (cells.lastIndex { !$0.isEmpty } ?? -1) + 1
        guard row == 1, used > 0 else {
          throw XLSXProblem(row: 1, column: 1, message: Message("error.xlsx.noHeader"))
        }
        headerWidth = used
        return CSVRecord(fields: Array(cells[0..<used]), line: row)
      }
      let used = (cells.lastIndex { !$0.isEmpty } ?? -1) + 1
      if used == 0 { continue }  // an empty row, as CSV skips empty lines
      var fields = Array(cells[0..<max(used, min(width, cells.count))])
      if fields.count < width { fields.append(contentsOf: repeatElement("", count: width - fields.count)) }
      return CSVRecord(fields: fields, line: row)
    }
    return nil
  }

  /// The next `<row>`: its number and its cells' values by column.
  private func nextRow() throws -> (Int, [String])? {
    while let tag = xml.nextTag() {
      if tag.isEnd && xml.is(tag, "sheetData") { return nil }
      guard !tag.isEnd, xml.is(tag, "row") else { continue }
      let row = try rowNumber(tag)
      lastRow = row
      var cells: [String] = []
      if tag.isSelfClosing { return (row, cells) }
      var column = 0
      while let c = xml.nextTag() {
        if c.isEnd && xml.is(c, "row") { break }
        guard !c.isEnd, xml.is(c, "c") else { continue }
        if let ref = xml.attributeRange("r", of: c) {
          guard let at = Self.cellColumn(xml.bytes(ref)) else {
            throw XLSXProblem(
              row: row, column: column + 1, message: Message("error.xlsx.badCell", xml.decode(ref)))
          }
          column = at
        } else {
          column += 1
          guard column <= Self.maxColumns else {
            throw XLSXProblem(
              row: row, column: Self.maxColumns,
              message: Message("error.xlsx.tooLarge", String(Self.maxColumns)))
          }
        }
        let value = try cellValue(c, row: row, column: column)
        if value.isEmpty { continue }
        if cells.count < column { cells.append(contentsOf: repeatElement("", count: column - cells.count)) }
        cells[column - 1] = value
      }
      return (row, cells)
    }
    return nil
  }

  private func rowNumber(_ tag: XMLScanner.Tag) throws -> Int {
    guard let text = xml.attribute("r", of: tag) else { return lastRow + 1 }
    guard let n = Int(text), n >= 1, n <= Self.maxRows else {
      throw XLSXProblem(row: lastRow + 1, column: 1, message: Message("error.xlsx.badCell", "r=\(text)"))
    }
    return n
  }

  /// One `<c>`: its shown text. The scanner is left after its end tag.
  private func cellValue(_ c: XMLScanner.Tag, row: Int, column: Int) throws -> String {
    let type = xml.attributeRange("t", of: c).map { CellType(xml.bytes($0)) } ?? .number
    let style = xml.intAttribute("s", of: c) ?? 0
    if c.isSelfClosing { return "" }
    var raw: String?
    var inline = ""
    while let tag = xml.nextTag() {
      if tag.isEnd && xml.is(tag, "c") { break }
      guard !tag.isEnd, !tag.isSelfClosing else { continue }
      if xml.is(tag, "v") {
        raw = xml.text(until: "v")
      } else if xml.is(tag, "t") {
        inline += xml.text(until: "t")
      } else if xml.is(tag, "rPh") {
        skip(until: "rPh")
      } else if xml.is(tag, "f") {
        _ = xml.text(until: "f")
      }
    }
    let text: String
    switch type {
    case .shared:
      guard let raw, let index = Int(raw), shared.indices.contains(index) else {
        throw XLSXProblem(row: row, column: column, message: Message("error.xlsx.badCell", raw ?? ""))
      }
      text = shared[index]
    case .inline: text = Self.unescapeOOXML(inline)
    case .string: text = raw.map(Self.unescapeOOXML) ?? ""
    case .bool: text = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw ?? ""
    case .date: text = raw.map { $0.hasSuffix("T00:00:00") ? String($0.dropLast(9)) : $0 } ?? ""
    case .number:
      guard let raw else { return "" }
      text = shown(number: raw, kind: kinds.indices.contains(style) ? kinds[style] : .number)
    }
    // A number, date or boolean is made here from digits; only text can hold a control.
    if type != .number && type != .bool, TextRule.controlCharacter(in: text, allowNewlines: true) != nil {
      throw XLSXProblem(row: row, column: column, message: Message("error.import.controlCharacter"))
    }
    return text
  }

  /// A cell's `t` attribute.
  enum CellType {
    case shared, inline, string, bool, date, number
    init(_ t: UnsafeBufferPointer<UInt8>) {
      switch (t.count, t.first) {
      case (1, UInt8(ascii: "s")): self = .shared
      case (1, UInt8(ascii: "b")): self = .bool
      case (1, UInt8(ascii: "d")): self = .date
      case (1, UInt8(ascii: "e")), (3, UInt8(ascii: "s")): self = .string  // e (error), str
      case (9, UInt8(ascii: "i")): self = .inline  // inlineStr
      default: self = .number
      }
    }
  }

  /// The column of a cell reference such as `B12` (letters, then the row's digits).
  static func cellColumn(_ ref: UnsafeBufferPointer<UInt8>) -> Int? {
    var column = 0
    var i = 0
    if i < ref.count && ref[i] == 0x24 { i += 1 }
    while i < ref.count, case let b = ref[i] | 0x20, b >= 0x61 && b <= 0x7A {
      column = column * 26 + Int(b - 0x60)
      if column > maxColumns { return nil }
      i += 1
    }
    if i < ref.count && ref[i] == 0x24 { i += 1 }
    guard column >= 1 else { return nil }
    while i < ref.count {
      guard ref[i] >= 0x30 && ref[i] <= 0x39 else { return nil }
      i += 1
    }
    return column
  }

  private func skip(until name: StaticString) {
    while let tag = xml.nextTag(), !(tag.isEnd && xml.is(tag, name)) {}
  }

  /// A number as the user sees it: integers without `.0`, others to 15 significant
  /// digits (what Excel keeps); dates and times in ISO form.
  func shown(number raw: String, kind: NumberKind) -> String {
    // The common case, a whole number as Excel writes it, is already what the user sees.
    if kind == .number, raw.utf8.count < 16, !raw.isEmpty,
      raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), raw.utf8.first != 0x30 || raw.utf8.count == 1
    {
      return raw
    }
    guard let value = Double(raw.trimmingCharacters(in: .whitespaces)), value.isFinite else { return raw }
    if kind != .number, let dated = Self.dateText(serial: value, kind: kind, date1904: date1904) {
      return dated
    }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.15g", value)
  }

  /// An Excel serial day number as `YYYY-MM-DD`, `HH:MM[:SS]` or both. The 1900
  /// system counts from 1899-12-30, except before its fictitious 1900-02-29.
  static func dateText(serial: Double, kind: NumberKind, date1904: Bool) -> String? {
    guard serial >= 0, serial < 2_958_466 else { return nil }
    var days = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(days)) * 86_400).rounded())
    if seconds >= 86_400 {
      days += 1
      seconds -= 86_400
    }
    // Days from 1970-01-01 to the epoch's day 0.
    let epoch = date1904 ? -24_107 : (days < 60 ? -25_568 : -25_569)
    let (y, m, d) = civil(days + epoch)
    let date = String(format: "%04d-%02d-%02d", y, m, d)
    let (h, mi, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
    let time = s == 0 ? String(format: "%02d:%02d", h, mi) : String(format: "%02d:%02d:%02d", h, mi, s)
    switch kind {
    case .date: return seconds == 0 ? date : date + " " + time
    case .dateTime: return seconds == 0 ? date : date + " " + time
    case .time: return days == 0 ? time : date + " " + time
    case .number: return nil
    }
  }

  /// Proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
  static func civil(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// `B12` → (row 12, column 2); nil when malformed or beyond Excel's limits.
  static func cellReference(_ ref: Substring) -> (row: Int, column: Int)? {
    var column = 0
    var row = 0
    let u = ref.utf8
    var i = u.startIndex
    if i < u.endIndex && u[i] == 0x24 { i = u.index(after: i) }  // $A$1
    while i < u.endIndex, let b = Optional(u[i]), (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) {
      column = column * 26 + Int((b & 0xDF) - 0x40)
      if column > maxColumns { return nil }
      i = u.index(after: i)
    }
    if i < u.endIndex && u[i] == 0x24 { i = u.index(after: i) }  // $A$1
    var digits = 0
    while i < u.endIndex, (0x30...0x39).contains(u[i]) {
      row = row * 10 + Int(u[i] - 0x30)
      digits += 1
      if row > maxRows { return nil }
      i = u.index(after: i)
    }
    guard column >= 1, i == u.endIndex else { return nil }
    return (digits == 0 ? 0 : row, column)
  }

  /// OOXML writes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as
  /// `_x005F_x`): decode them, so a control character hidden that way is still refused.
  static func unescapeOOXML(_ s: String) -> String {
    guard s.contains("_x") else { return s }
    var out = ""
    var rest = Substring(s)
    while let r = rest.range(of: "_x") {
      out += rest[..<r.lowerBound]
      let after = rest[r.upperBound...]
      let hex = after.prefix(5)
      if hex.count == 5, hex.last == "_", let v = UInt32(hex.dropLast(), radix: 16),
        let scalar = Unicode.Scalar(v)
      {
        out.unicodeScalars.append(scalar)
        rest = after.dropFirst(5)
      } else {
        out += "_x"
        rest = after
      }
    }
    return out + rest
  }
}
