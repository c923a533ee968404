import Domain
import Foundation
import GRDB

/// A problem in an imported file, rendered by the App as `FILE:LINE:COLUMN: problem`.
/// `line` is the 1-based physical line where the record starts (for encoding and
/// quoting errors, the line of the bad byte or opening quote); `column` is the
/// 1-based field number.
public struct ImportError: Error, UserMessage, Equatable {
  public static let locatedKey = "error.import.located"
  public var file: String
  public var line: Int
  public var column: Int
  public var problem: Message

  public init(file: String, line: Int, column: Int, problem: Message) {
    self.file = file
    self.line = line
    self.column = column
    self.problem = problem
  }

  public var key: String { Self.locatedKey }
  public var args: [String] { [file, String(line), String(column)] }

  /// For a CSVReader error.
  init(file: String, _ error: CSVError) {
    let key: String
    switch error.problem {
    case .notUTF8: key = "error.import.notUTF8"
    case .unterminatedQuote: key = "error.import.unterminatedQuote"
    case .badQuote: key = "error.import.badQuote"
    case .nulByte: key = "error.import.nulByte"
    }
    self.init(file: file, line: error.line, column: error.column, problem: Message(key))
  }
}

/// Member lists as CSV for spreadsheets (UTF-8 with BOM, CRLF, Chinese headers).
public enum MemberCSV {
  enum Column: String, CaseIterable {
    case unit, name, gender
    case birthDate = "birth_date"
    case joinDate = "join_date"
    case standing, employment, department, category, phone

    var chinese: String {
      switch self {
      case .unit: return "支部"
      case .name: return "姓名"
      case .gender: return "性别"
      case .birthDate: return "出生日期"
      case .joinDate: return "入党日期"
      case .standing: return "党员类别"
      case .employment: return "在职状态"
      case .department: return "科室"
      case .category: return "党员分类"
      case .phone: return "联系电话"
      }
    }

    static let required: [Column] = [.unit, .name, .gender]
  }

  static let genderNames: [Gender: String] = [.male: "男", .female: "女"]
  static let standingNames: [Standing: String] = [.full: "正式", .probationary: "预备"]
  static let employmentNames: [Employment: String] = [.serving: "在职", .retired: "离退休"]
  static let categoryNames: [MemberCategory: String] = [
    .core: "骨干", .ordinary: "普通", .mobile: "流动", .special: "特殊",
  ]

  /// Parses a Chinese or English (raw value) name; extra Chinese spellings accepted.
  static func parse<E: RawRepresentable & CaseIterable & Hashable>(
    _ text: String, _ names: [E: String], extra: [String: E] = [:]
  ) -> E? where E.RawValue == String {
    if let e = E.allCases.first(where: { names[$0] == text || $0.rawValue == text.lowercased() }) {
      return e
    }
    return extra[text]
  }

  /// Unit name paths below the committee, e.g. `内科党总支/心血管内科党支部`.
  static func paths(_ units: [OrgUnit]) -> [Int64: String] {
    let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
    var result: [Int64: String] = [:]
    for unit in units {
      var names: [String] = []
      var current: OrgUnit? = unit
      var steps = 0
      while let u = current, steps < 100 {
        if u.kind != .committee || u.id == unit.id { names.append(u.name) }
        current = u.parentID.flatMap { byID[$0] }
        steps += 1
      }
      result[unit.id] = names.reversed().joined(separator: "/")
    }
    return result
  }

  /// All active members, unit by unit in tree order, by name within a unit.
  public static func export(store: GongzhiStore) throws -> String {
    let (units, members) = try store.db.read { db in
      (
        try Row.fetchAll(db, sql: "SELECT * FROM org_unit ORDER BY sort_order, id").map(OrgRecords.unit),
        try Row.fetchAll(db, sql: "SELECT * FROM member WHERE active = 1 ORDER BY name, id").map(
          OrgRecords.member)
      )
    }
    let paths = paths(units)
    var children: [Int64?: [OrgUnit]] = [:]
    for u in units { children[u.parentID, default: []].append(u) }
    var ordered: [Int64] = []
    func walk(_ parent: Int64?) {
      for u in children[parent] ?? [] {
        ordered.append(u.id)
        walk(u.id)
      }
    }
    walk(nil)
    var byUnit: [Int64: [Member]] = [:]
    for m in members { byUnit[m.unitID, default: []].append(m) }

    var out = "\u{FEFF}"
    out += Column.allCases.map { cell($0.chinese) }.joined(separator: ",") + "\r\n"
    for unitID in ordered {
      for m in byUnit[unitID] ?? [] {
        let row = [
          paths[unitID] ?? "", m.name, genderNames[m.gender] ?? "", m.birthDate?.iso ?? "",
          m.joinDate?.iso ?? "", standingNames[m.standing] ?? "", employmentNames[m.employment] ?? "",
          m.department, categoryNames[m.category] ?? "", m.phone,
        ]
        out += row.map(cell).joined(separator: ",") + "\r\n"
      }
    }
    return out
  }

  static let formulaStarts: Set<Character> = ["=", "+", "-", "@"]

  /// RFC 4180 quoting, with formula-looking text prefixed by `'`.
  static func cell(_ value: String) -> String {
    var v = value
    if let f = v.first, formulaStarts.contains(f) { v = "'" + v }
    if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return v
  }

  /// Undoes the export's formula guard.
  static func unguard(_ value: String) -> String {
    if value.hasPrefix("'"), let second = value.dropFirst().first, formulaStarts.contains(second) {
      return String(value.dropFirst())
    }
    return value
  }

  /// Imports every member in the file, all or nothing, in one transaction with its
  /// audit rows. Returns the number imported. Throws `ImportError` at the first
  /// problem (nothing is written), `StoreError` for permissions or database errors.
  public static func importFile(path: String, into store: GongzhiStore, by actor: Actor) throws -> Int {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    guard actor.role.can(.editOrganisation) else { throw StoreError.permissionDenied(.editOrganisation) }
    let reader = try CSVReader(path: path)
    let today = Day.today()

    let (units, existing) = try store.db.read { db in
      (
        try Row.fetchAll(db, sql: "SELECT * FROM org_unit").map(OrgRecords.unit),
        try Row.fetchAll(db, sql: "SELECT unit_id, name, birth_date FROM member WHERE active = 1").map {
          row -> String in
          "\(row[0] as Int64)|\(row[1] as String)|\((row[2] as String?) ?? "")"
        }
      )
    }
    var unitByPath: [String: OrgUnit] = [:]
    let paths = paths(units)
    let committee = units.first { $0.kind == .committee }
    var nameCount: [String: Int] = [:]
    for u in units { nameCount[u.name, default: 0] += 1 }
    for u in units {
      guard let p = paths[u.id] else { continue }
      unitByPath[p] = u
      if let committee, u.kind != .committee { unitByPath[committee.name + "/" + p] = u }
    }
    for u in units where nameCount[u.name] == 1 && unitByPath[u.name] == nil { unitByPath[u.name] = u }
    var seen = Set(existing)

    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      ImportError(file: path, line: line, column: column, problem: Message(key: key, args: args))
    }
    func nextRecord() throws -> CSVRecord? {
      do { return try reader.next() } catch let e as CSVError { throw ImportError(file: path, e) }
    }

    guard let header = try nextRecord() else { throw fail(1, 1, "error.import.empty") }
    var index: [Column: Int] = [:]
    for (i, raw) in header.fields.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces)
      guard
        let column = Column.allCases.first(where: { $0.chinese == name || $0.rawValue == name.lowercased() })
      else { continue }
      if index[column] != nil { throw fail(header.line, i + 1, "error.import.duplicateHeader", name) }
      index[column] = i
    }
    for column in Column.required where index[column] == nil {
      throw fail(header.line, header.fields.count + 1, "error.import.missingHeader", column.chinese)
    }

    var members: [Member] = []
    while let record = try nextRecord() {
      let line = record.line
      if record.fields.count != header.fields.count {
        let column = min(record.fields.count, header.fields.count) + 1
        throw fail(
          line, column, "error.import.fieldCount", String(header.fields.count), String(record.fields.count))
      }
      func value(_ c: Column) -> String {
        guard let i = index[c] else { return "" }
        return unguard(record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines))
      }
      func col(_ c: Column) -> Int { (index[c] ?? 0) + 1 }
      func date(_ c: Column) throws -> Day? {
        let text = value(c)
        if text.isEmpty { return nil }
        guard let day = Day(iso: text) else { throw fail(line, col(c), "error.import.badDate", text) }
        return day
      }
      func choice<E: RawRepresentable & CaseIterable & Hashable>(
        _ c: Column, _ names: [E: String], default fallback: E?, extra: [String: E] = [:]
      ) throws -> E where E.RawValue == String {
        let text = value(c)
        if text.isEmpty, let fallback { return fallback }
        guard let e = parse(text, names, extra: extra) else {
          throw fail(line, col(c), "error.import.badValue", text, c.chinese)
        }
        return e
      }

      let unitText = value(.unit)
      guard let unit = unitByPath[unitText] else {
        throw fail(line, col(.unit), "error.import.unknownUnit", unitText)
      }
      if unit.kind != .branch && unit.kind != .group {
        throw fail(line, col(.unit), "error.member.unitNotBranch", unitText)
      }
      let member = Member(
        unitID: unit.id, name: value(.name),
        gender: try choice(.gender, genderNames, default: nil),
        birthDate: try date(.birthDate), joinDate: try date(.joinDate),
        standing: try choice(
          .standing, standingNames, default: .full, extra: ["正式党员": .full, "预备党员": .probationary]),
        employment: try choice(
          .employment, employmentNames, default: .serving,
          extra: ["在岗": .serving, "离休": .retired, "退休": .retired]),
        department: value(.department),
        category: try choice(.category, categoryNames, default: .ordinary),
        phone: value(.phone))
      if let issue = OrgRules.validate(member, today: today).first {
        let column: Column? =
          switch issue.field {
          case "name": .name
          case "phone": .phone
          case "birthDate": .birthDate
          case "joinDate": .joinDate
          default: nil
          }
        throw ImportError(
          file: path, line: line, column: column.map(col) ?? 1, problem: issue.message)
      }
      let key = "\(unit.id)|\(member.name)|\(member.birthDate?.iso ?? "")"
      if !seen.insert(key).inserted {
        throw fail(line, col(.name), "error.import.duplicateMember", member.name)
      }
      members.append(member)
    }

    try store.db.write { db in
      for m in members { _ = try OrgRecords.insertMember(db, m, actor: actor) }
    }
    return members.count
  }
}
