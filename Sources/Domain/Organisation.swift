/// The party organisation: 党委 → 党总支 → 党支部 → 党小组, with members.
/// Pure values; no I/O. User-facing words live in the App's string tables,
/// keyed by the raw values below.

/// A calendar day without time zone, stored as ISO `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD` and `YYYY.MM.DD`, as spreadsheets write them);
  /// nil for anything that is not a real calendar date.
  public init?(iso text: String) {
    // The stored form (`YYYY-MM-DD`, ten ASCII bytes) is read straight from the bytes:
    // lists decode two dates a row, and splitting a String costs far more than the rest.
    // Any other shape takes the general parser below, so both agree by construction.
    if let day = Day.parseTenBytes(text) {
      guard let day else { return nil }
      self = day
      return
    }
    self.init(general: text)
  }

  /// The general parser: three numbers between `-`, `/` or `.`.
  init?(general text: String) {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1900...2200).contains(y), (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// `DDDD?DD?DD` with ASCII digits and `-`, `/` or `.` separators: `.some` with the day
  /// (nil when it is not a real calendar date); nil when the text has another shape.
  private static func parseTenBytes(_ text: String) -> Day?? {
    var text = text
    return text.withUTF8 { bytes -> Day?? in
      guard bytes.count == 10 else { return nil }
      func isSeparator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".")
      }
      guard isSeparator(bytes[4]), isSeparator(bytes[7]) else { return nil }
      func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
          let digit = bytes[i] &- UInt8(ascii: "0")
          guard digit < 10 else { return nil }
          value = value * 10 + Int(digit)
        }
        return value
      }
      guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
      guard (1900...2200).contains(y), (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else {
        return .some(nil)
      }
      return .some(Day(year: y, month: m, day: d))
    }
  }

  public var iso: String {
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public var description: String { iso }

  public static func < (a: Day, b: Day) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

public enum UnitKind: String, CaseIterable, Codable, Sendable {
  case committee  // 党委
  case generalBranch  // 党总支
  case branch  // 党支部
  case group  // 党小组

  /// The kinds a unit of this kind may hold directly (a branch may sit under the committee).
  public var allowedChildren: [UnitKind] {
    switch self {
    case .committee: return [.generalBranch, .branch]
    case .generalBranch: return [.branch]
    case .branch: return [.group]
    case .group: return []
    }
  }
}

/// 临床 / 医技 / 行政后勤 / 离退休.
public enum DepartmentCategory: String, CaseIterable, Codable, Sendable {
  case clinical, medicalTechnical, administration, retired
}

public struct OrgUnit: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var parentID: Int64?
  public var kind: UnitKind
  public var name: String
  public var secretary: String
  public var category: DepartmentCategory?
  public var active: Bool
  public var sortOrder: Int
  /// Row version, bumped on every save, for detecting concurrent edits.
  public var version: Int

  public init(
    id: Int64 = 0, parentID: Int64?, kind: UnitKind, name: String, secretary: String = "",
    category: DepartmentCategory? = nil, active: Bool = true, sortOrder: Int = 0, version: Int = 0
  ) {
    self.id = id
    self.parentID = parentID
    self.kind = kind
    self.name = name
    self.secretary = secretary
    self.category = category
    self.active = active
    self.sortOrder = sortOrder
    self.version = version
  }
}

public enum Gender: String, CaseIterable, Codable, Sendable { case male, female }
/// 正式党员 / 预备党员.
public enum Standing: String, CaseIterable, Codable, Sendable { case full, probationary }
/// 在职 / 离退休.
public enum Employment: String, CaseIterable, Codable, Sendable { case serving, retired }
/// Points-scheme category: 骨干 / 普通 / 流动 / 特殊.
public enum MemberCategory: String, CaseIterable, Codable, Sendable {
  case core, ordinary, mobile, special
}

public struct Member: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var unitID: Int64
  public var name: String
  public var gender: Gender
  public var birthDate: Day?
  public var joinDate: Day?
  public var standing: Standing
  public var employment: Employment
  public var department: String
  public var category: MemberCategory
  public var phone: String
  public var active: Bool
  public var version: Int

  public init(
    id: Int64 = 0, unitID: Int64, name: String, gender: Gender = .male, birthDate: Day? = nil,
    joinDate: Day? = nil, standing: Standing = .full, employment: Employment = .serving,
    department: String = "", category: MemberCategory = .ordinary, phone: String = "",
    active: Bool = true, version: Int = 0
  ) {
    self.id = id
    self.unitID = unitID
    self.name = name
    self.gender = gender
    self.birthDate = birthDate
    self.joinDate = joinDate
    self.standing = standing
    self.employment = employment
    self.department = department
    self.category = category
    self.phone = phone
    self.active = active
    self.version = version
  }
}

/// Who may do what. The App refuses an action whose permission the acting role lacks.
public enum Role: String, CaseIterable, Codable, Sendable {
  case admin, officer, clerk, viewer
}

public enum Permission: String, CaseIterable, Sendable {
  case editOrganisation
  case manageUsers
  case scoreAssessments
  case manageProposals
  case importData
  case manageDisclosures
  /// Settings such as the hospital's name (`gongzhi setting set`).
  case manageSettings
  /// The satisfaction targets (满意度目标).
  case setSatisfactionTargets
  /// Starting a demo database afresh (`gongzhi demo --replace`).
  case replaceDemo
  /// Storing the discipline committee's seal (`gongzhi audit seal`): the seal's worth
  /// rests on the committee's key, but only a sealing role may add one, so no reader can
  /// fill the seal table with junk that `audit verify` would then report.
  case sealAuditLog
}

extension Role {
  public func can(_ permission: Permission) -> Bool {
    switch (self, permission) {
    case (.admin, _): return true
    case (.officer, .editOrganisation), (.officer, .scoreAssessments), (.officer, .importData),
      (.officer, .setSatisfactionTargets):
      return true
    case (.clerk, .manageProposals), (.clerk, .importData): return true
    case (.officer, .manageDisclosures), (.clerk, .manageDisclosures): return true
    default: return false
    }
  }
}
