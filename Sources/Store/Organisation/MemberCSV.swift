import Domain
import Foundation

/// A problem in an imported file, rendered by the App as `FILE:LINE:COLUMN: problem`
/// for CSV, or `FILE:SHEET!A12: problem` for a sheet of a workbook. `line` is the
/// 1-based physical line (or sheet row) where the record starts (for encoding and
/// quoting errors, the line of the bad byte or opening quote); `column` is the
/// 1-based field number, which in a sheet is the cell's column (1 = A).
public struct ImportError: Error, UserMessage, Equatable {
  public static let locatedKey = "error.import.located"
  public static let locatedCellKey = "error.import.locatedCell"
  public var file: String
  public var line: Int
  public var column: Int
  /// The sheet, when the file is a workbook.
  public var sheet: String?
  public var problem: Message

  /// The problem's arguments are values from the file: each is kept as a one-line
  /// excerpt, so a huge or multi-line cell gives a short, single-line error.
  public init(file: String, line: Int, column: Int, sheet: String? = nil, problem: Message) {
    self.file = file
    self.line = line
    self.column = column
    self.sheet = sheet
    self.problem = problem.echoingExcerpts
  }

  public var key: String { sheet == nil ? Self.locatedKey : Self.locatedCellKey }
  public var args: [String] {
    guard let sheet else { return [file, String(line), String(column)] }
    return [file, Echo.excerpt(sheet), Self.cellName(row: line, column: column)]
  }

  /// `A1`-style name of a cell: column 1 is A, 27 is AA.
  public static func cellName(row: Int, column: Int) -> String {
    var letters: [Character] = []
    var n = max(1, column)
    while n > 0 {
      let r = (n - 1) % 26
      letters.insert(Character(UnicodeScalar(UInt8(65 + r))), at: 0)
      n = (n - 1) / 26
    }
    return String(letters) + String(row)
  }

  /// For a CSVReader error; `encoding` is the key for a byte the encoding refuses.
  init(file: String, _ error: CSVError, encoding: String = "error.import.notUTF8") {
    let key: String
    switch error.problem {
    case .notUTF8: key = encoding
    case .unterminatedQuote: key = "error.import.unterminatedQuote"
    case .badQuote: key = "error.import.badQuote"
    case .nulByte: key = "error.import.nulByte"
    case .controlCharacter: key = "error.import.controlCharacter"
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
        try SQLRow.fetchAll(db, sql: "SELECT * FROM org_unit ORDER BY sort_order, id").map(OrgRecords.unit),
        try SQLRow.fetchAll(db, sql: "SELECT * FROM member WHERE active = 1 ORDER BY name, id").map(
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

  /// A number cell, written as the number itself (`12`, `-3`, `7.5`) so a spreadsheet
  /// can sum and sort it. The formula guard is for text: a plain number cannot be a
  /// formula, and a `'` would turn it into text.
  static func cell(number value: Double) -> String { Points.format(value) }

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
  /// With `createUnits`, a unit path naming units the database lacks creates them
  /// (see `UnitPlan`), so an export loads into a new, empty database.
  public static func importFile(
    path: String, into store: GongzhiStore, by actor: Actor, createUnits: Bool = false,
    format: TableFormat? = nil
  ) throws -> Int {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    guard actor.role.can(.editOrganisation) else { throw StoreError.permissionDenied(.editOrganisation) }
    let reader = try TableReader(path: path, format: format)
    let today = Day.today()

    let (units, existing) = try store.db.read { db in
      (
        try SQLRow.fetchAll(db, sql: "SELECT * FROM org_unit").map(OrgRecords.unit),
        try SQLRow.fetchAll(db, sql: "SELECT unit_id, name, birth_date FROM member WHERE active = 1").map {
          row -> String in
          "\(UnitRef.existing(row["unit_id"]))|\(row["name"] as String)|\((row["birth_date"] as String?) ?? "")"
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
    var plan = UnitPlan(existing: unitByPath, committee: committee)

    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      reader.error(line: line, column: column, problem: Message(key: key, args: args))
    }
    func nextRecord() throws -> CSVRecord? {
      try reader.next()
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

    var members: [(member: Member, unit: UnitRef)] = []
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
      let unit: UnitRef
      let unitKind: UnitKind
      if let found = unitByPath[unitText] {
        (unit, unitKind) = (.existing(found.id), found.kind)
      } else if createUnits {
        do {
          (unit, unitKind) = try plan.resolve(unitText)
        } catch let refused as UnitPlan.Refusal {
          throw reader.error(line: line, column: col(.unit), problem: refused.problem)
        }
      } else {
        throw fail(line, col(.unit), "error.import.unknownUnit", unitText)
      }
      if unitKind != .branch && unitKind != .group {
        throw fail(line, col(.unit), "error.member.unitNotBranch", unitText)
      }
      let member = Member(
        unitID: 0, name: value(.name),
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
        throw reader.error(line: line, column: column.map(col) ?? 1, problem: issue.message)
      }
      let key = "\(unit)|\(member.name)|\(member.birthDate?.iso ?? "")"
      if !seen.insert(key).inserted {
        throw fail(line, col(.name), "error.import.duplicateMember", member.name)
      }
      members.append((member, unit))
    }

    try store.db.write { db in
      let created = try plan.insert(db, actor: actor)
      for (member, unit) in members {
        var m = member
        switch unit {
        case .existing(let id): m.unitID = id
        case .planned(let unitPath): m.unitID = created[unitPath]!
        }
        _ = try OrgRecords.insertMember(db, m, actor: actor)
      }
    }
    return members.count
  }
}

/// A member's unit during an import: one already stored, or one the import creates.
enum UnitRef: Hashable, CustomStringConvertible {
  case existing(Int64)
  case planned(String)

  var description: String {
    switch self {
    case .existing(let id): return "id:\(id)"
    case .planned(let path): return "new:\(path)"
    }
  }
}

/// The units an import creates from member rows' unit paths such as
/// `内科党总支/心血管内科党支部/第一党小组`. Each name's kind comes from its suffix (党委,
/// 党总支, 党支部, 党小组), which is how every unit is named in practice; a name without
/// one is refused rather than guessed. A path that does not start with a committee
/// hangs below the stored committee, or a new one named 党委 when there is none.
struct UnitPlan {
  private var known: [String: (ref: UnitRef, kind: UnitKind)]
  private var committee: (ref: UnitRef, kind: UnitKind)?
  private var committeeName: String
  /// New units in creation order (parents first): path, parent, kind, name.
  private(set) var planned: [(path: String, parent: UnitRef?, kind: UnitKind, name: String)] = []

  static let defaultCommitteeName = "党委"

  struct Refusal: Error {
    var problem: Message
  }

  init(existing: [String: OrgUnit], committee: OrgUnit?) {
    known = existing.mapValues { (UnitRef.existing($0.id), $0.kind) }
    self.committee = committee.map { (UnitRef.existing($0.id), $0.kind) }
    committeeName = committee?.name ?? Self.defaultCommitteeName
  }

  static func kind(of name: String) -> UnitKind? {
    if name.hasSuffix("党委") { return .committee }
    if name.hasSuffix("总支") { return .generalBranch }
    if name.hasSuffix("支部") { return .branch }
    if name.hasSuffix("小组") { return .group }
    return nil
  }

  /// The unit a path names, planning whatever of it is missing; throws the problem.
  mutating func resolve(_ unitPath: String) throws -> (UnitRef, UnitKind) {
    let names = unitPath.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard !names.contains(where: \.isEmpty) else {
      throw Refusal(problem: Message("error.import.unknownUnit", unitPath))
    }
    var parent: (ref: UnitRef, kind: UnitKind)? = nil
    var parentName = ""
    for i in names.indices {
      let prefix = names[...i].joined(separator: "/")
      if let hit = known[prefix] {
        parent = hit
        parentName = names[i]
        continue
      }
      // The same rule as a unit added on screen: no tab or line break in a name.
      if TextRule.controlCharacter(in: names[i], allowNewlines: false) != nil {
        throw Refusal(problem: Message(MessageKeys.unitNameInvalid))
      }
      guard let kind = Self.kind(of: names[i]) else {
        throw Refusal(problem: Message("error.import.unitKindUnknown", names[i]))
      }
      if i == 0 && kind != .committee {
        parent = committeeRef()
        parentName = committeeName
      }
      if let p = parent, !p.kind.allowedChildren.contains(kind) {
        throw Refusal(problem: Message("error.import.unitPlacement", names[i], parentName))
      }
      if parent == nil, committee != nil {
        throw Refusal(problem: Message(MessageKeys.unitSecondCommittee))
      }
      let ref = UnitRef.planned(prefix)
      planned.append((prefix, parent?.ref, kind, names[i]))
      known[prefix] = (ref, kind)
      if kind == .committee { (committee, committeeName) = ((ref, kind), names[i]) }
      parent = (ref, kind)
      parentName = names[i]
    }
    return parent!
  }

  private mutating func committeeRef() -> (ref: UnitRef, kind: UnitKind) {
    if let committee { return committee }
    let ref = UnitRef.planned(Self.defaultCommitteeName)
    planned.append((Self.defaultCommitteeName, nil, .committee, Self.defaultCommitteeName))
    known[Self.defaultCommitteeName] = (ref, .committee)
    committee = (ref, .committee)
    return (ref, .committee)
  }

  /// Creates the planned units, each after its siblings, with audit rows; returns
  /// their ids by path.
  func insert(_ db: SQLDatabase, actor: Actor) throws -> [String: Int64] {
    var ids: [String: Int64] = [:]
    for unit in planned {
      var parentID: Int64? = nil
      switch unit.parent {
      case .existing(let id): parentID = id
      case .planned(let parentPath): parentID = ids[parentPath]
      case nil: break
      }
      let order = try OrgRecords.nextSortOrder(db, parentID: parentID)
      let created = try OrgRecords.insertUnit(
        db, OrgUnit(parentID: parentID, kind: unit.kind, name: unit.name, sortOrder: order), actor: actor)
      ids[unit.path] = created.id
    }
    return ids
  }
}
