import Domain
import Foundation
import Store

/// One cell of an exported worksheet, typed for a spreadsheet.
public enum SheetValue: Equatable, Sendable {
  case empty
  case text(String)
  case number(Double)
  case date(Day)
  /// A UTC instant from the audit clock, to the millisecond.
  case timestamp(Day, hour: Int, minute: Int, second: Double)
}

/// An export as a worksheet: the CSV's header and rows, each cell typed by the
/// export's `SheetSchema`. Built from the CSV text itself, so the XLSX has exactly the
/// CSV's columns, header and rows, and one exporter serves both formats.
public struct TypedSheet: Equatable, Sendable {
  public var name: String
  public var header: [String]
  public var kinds: [SheetColumnKind]
  public var rows: [[SheetValue]]

  public init(csv: String, schema: SheetSchema) throws {
    let reader = CSVReader(text: csv)
    let header = try reader.next()?.fields ?? []
    let kinds = header.map(schema.kind(of:))
    var rows: [[SheetValue]] = []
    while let record = try reader.next() {
      rows.append(
        record.fields.enumerated().map { i, field in
          Self.value(field, kind: i < kinds.count ? kinds[i] : .text)
        })
    }
    self.name = schema.name
    self.header = header
    self.kinds = kinds
    self.rows = rows
  }

  /// The field as its kind asks, or as text when it does not read as one (a hidden
  /// group's `n<5` in a figure column): never a guess that changes the data.
  static func value(_ field: String, kind: SheetColumnKind) -> SheetValue {
    if field.isEmpty { return .empty }
    switch kind {
    case .text: break
    case .number: if let v = number(field) { return .number(v) }
    case .date: if isISODay(field), let day = Day(iso: field) { return .date(day) }
    case .timestamp: if let t = timestamp(field) { return t }
    }
    return .text(SheetSchema.unguarded(field))
  }

  /// A plain decimal (`12`, `-3`, `91.5`) of at most 15 significant digits, which a
  /// spreadsheet's double holds exactly as written; anything else stays text.
  static func number(_ text: String) -> Double? {
    let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
      body.count - parts.count + 1 <= 15, let v = Double(text), v.isFinite
    else { return nil }
    return v
  }

  static func isISODay(_ text: String) -> Bool {
    let u = Array(text.utf8)
    return u.count == 10 && u[4] == UInt8(ascii: "-") && u[7] == UInt8(ascii: "-")
  }

  /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, as the audit clock writes it.
  static func timestamp(_ text: String) -> SheetValue? {
    let u = Array(text.utf8)
    guard u.count == 24, u[10] == UInt8(ascii: "T"), u[23] == UInt8(ascii: "Z"),
      let day = Day(iso: String(text.prefix(10))), isISODay(String(text.prefix(10)))
    else { return nil }
    func digits(_ a: Int, _ b: Int) -> Int? {
      var v = 0
      for i in a..<b {
        guard (48...57).contains(u[i]) else { return nil }
        v = v * 10 + Int(u[i] - 48)
      }
      return v
    }
    guard u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "."),
      let h = digits(11, 13), let m = digits(14, 16), let s = digits(17, 19), let ms = digits(20, 23),
      h < 24, m < 60, s < 60
    else { return nil }
    return .timestamp(day, hour: h, minute: m, second: Double(s) + Double(ms) / 1000)
  }

  /// A column's width in spreadsheet character units: the widest cell as a terminal
  /// shows it (a Chinese character is two columns, as it is about two `0`s wide in a
  /// spreadsheet's font), plus room for the filter button, within sensible bounds.
  public func columnWidths() -> [Double] {
    header.indices.map { column in
      var widest = Self.displayWidth(header[column]) + 2  // the autofilter's arrow
      for row in rows where column < row.count {
        widest = max(widest, Self.displayWidth(of: row[column]))
      }
      return Double(min(max(widest, 6), 60)) + 1
    }
  }

  static func displayWidth(of value: SheetValue) -> Int {
    switch value {
    case .empty: return 0
    case .text(let s): return displayWidth(s)
    case .number(let v): return Points.format(v).count
    case .date: return 10
    case .timestamp: return 24
    }
  }

  static func displayWidth(_ text: String) -> Int {
    // The longest line: a multi-line cell is as wide as its widest line.
    text.split(whereSeparator: \.isNewline).map { line in
      line.unicodeScalars.reduce(0) { $0 + ColumnWidth.of($1) }
    }.max() ?? 0
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
