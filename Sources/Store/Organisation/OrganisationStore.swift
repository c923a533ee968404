import Domain
import Foundation

/// Conversions between organisation values and their stored/audited form.
enum OrgRecords {
  static func fields(_ u: OrgUnit) -> AuditFields {
    [
      "parent_id": u.parentID.map { String($0) }, "kind": u.kind.rawValue, "name": u.name,
      "secretary": u.secretary, "category": u.category?.rawValue, "active": u.active ? "1" : "0",
      "sort_order": String(u.sortOrder),
    ]
  }

  static func fields(_ m: Member) -> AuditFields {
    [
      "unit_id": String(m.unitID), "name": m.name, "gender": m.gender.rawValue,
      "birth_date": m.birthDate?.iso, "join_date": m.joinDate?.iso, "standing": m.standing.rawValue,
      "employment": m.employment.rawValue, "department": m.department, "category": m.category.rawValue,
      "phone": m.phone, "active": m.active ? "1" : "0",
    ]
  }

  /// Every unit (the active ones unless `includeInactive`), in sort order: the tree's
  /// first frame and each ranking read them all. Columns are found by name once for the
  /// statement, not per row: a lookup by name lower-cases and compares column names on
  /// every call (26,000 instructions a row, 135 million for the 5,210 units of ×100).
  static func units(_ db: SQLDatabase, includeInactive: Bool) throws -> [OrgUnit] {
    let filter = includeInactive ? "" : "WHERE active = 1"
    let statement = try db.cachedStatement(
      sql: """
        SELECT id, parent_id, kind, name, secretary, category, active, sort_order, version
        FROM org_unit \(filter) ORDER BY sort_order, id
        """)
    let c = try ColumnPositions(statement)
    let (id, parent, kind, name, secretary) = (c["id"], c["parent_id"], c["kind"], c["name"], c["secretary"])
    let (category, active, sortOrder, version) = (c["category"], c["active"], c["sort_order"], c["version"])
    return try SQLRow.fetchAll(statement).map { row in
      OrgUnit(
        id: row[id], parentID: row[parent],
        kind: UnitKind(rawValue: row[kind] ?? "") ?? .branch, name: row[name] ?? "",
        secretary: row[secretary] ?? "",
        category: (row[category] as String?).flatMap { DepartmentCategory(rawValue: $0) },
        active: row[active] ?? true, sortOrder: row[sortOrder] ?? 0, version: row[version] ?? 0)
    }
  }

  static func unit(_ row: SQLRow) -> OrgUnit {
    OrgUnit(
      id: row["id"], parentID: row["parent_id"],
      kind: UnitKind(rawValue: row["kind"] ?? "") ?? .branch, name: row["name"] ?? "",
      secretary: row["secretary"] ?? "",
      category: (row["category"] as String?).flatMap { DepartmentCategory(rawValue: $0) },
      active: row["active"] ?? true, sortOrder: row["sort_order"] ?? 0, version: row["version"] ?? 0)
  }

  static func member(_ row: SQLRow) -> Member {
    Member(
      id: row["id"], unitID: row["unit_id"], name: row["name"] ?? "",
      gender: Gender(rawValue: row["gender"] ?? "") ?? .male,
      birthDate: (row["birth_date"] as String?).flatMap { Day(iso: $0) },
      joinDate: (row["join_date"] as String?).flatMap { Day(iso: $0) },
      standing: Standing(rawValue: row["standing"] ?? "") ?? .full,
      employment: Employment(rawValue: row["employment"] ?? "") ?? .serving,
      department: row["department"] ?? "",
      category: MemberCategory(rawValue: row["category"] ?? "") ?? .ordinary,
      phone: row["phone"] ?? "", active: row["active"] ?? true, version: row["version"] ?? 0)
  }

  static func normalised(_ u: OrgUnit) -> OrgUnit {
    var u = u
    u.name = u.name.trimmingCharacters(in: .whitespacesAndNewlines)
    u.secretary = u.secretary.trimmingCharacters(in: .whitespacesAndNewlines)
    return u
  }

  static func normalised(_ m: Member) -> Member {
    var m = m
    m.name = m.name.trimmingCharacters(in: .whitespacesAndNewlines)
    m.phone = m.phone.trimmingCharacters(in: .whitespacesAndNewlines)
    m.department = m.department.trimmingCharacters(in: .whitespacesAndNewlines)
    return m
  }

  static func fetchUnit(_ db: SQLDatabase, id: Int64) throws -> OrgUnit? {
    try SQLRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM org_unit WHERE id = ?"), arguments: [id])
      .map(unit)
  }

  /// Issues for `unit` beyond OrgRules: duplicate sibling name, parent cycle.
  static func unitIssues(_ db: SQLDatabase, _ unit: OrgUnit) throws -> [FieldIssue] {
    var parent: OrgUnit? = nil
    if let pid = unit.parentID {
      guard let p = try fetchUnit(db, id: pid) else { throw StoreError.notFound(entity: "org_unit", id: pid) }
      parent = p
    }
    let otherCommittee =
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM org_unit WHERE kind = 'committee' AND id <> ? LIMIT 1", arguments: [unit.id])
      ?? false
    var issues = OrgRules.validate(unit, parent: parent, otherCommitteeExists: otherCommittee)
    let duplicate =
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM org_unit WHERE parent_id IS ? AND name = ? AND id <> ? LIMIT 1",
        arguments: [unit.parentID, unit.name, unit.id]) ?? false
    if duplicate {
      issues.append(FieldIssue(field: "name", message: Message("error.unit.duplicateName", unit.name)))
    }
    var ancestor = parent
    var steps = 0
    while let a = ancestor, unit.id != 0, steps < 1000 {
      if a.id == unit.id {
        issues.append(FieldIssue(field: "parentID", message: Message("error.unit.cycle")))
        break
      }
      ancestor = try a.parentID.flatMap { try fetchUnit(db, id: $0) }
      steps += 1
    }
    return issues
  }

  /// Issues for `member` beyond OrgRules: its unit must be a branch or group.
  static func memberIssues(_ db: SQLDatabase, _ member: Member, today: Day) throws -> [FieldIssue] {
    guard let unit = try fetchUnit(db, id: member.unitID) else {
      throw StoreError.notFound(entity: "org_unit", id: member.unitID)
    }
    var issues = OrgRules.validate(member, today: today)
    if unit.kind != .branch && unit.kind != .group {
      issues.append(FieldIssue(field: "unitID", message: Message("error.member.unitNotBranch", unit.name)))
    }
    return issues
  }

  /// Inserts a validated member with its audit rows.
  static func insertMember(_ db: SQLDatabase, _ member: Member, actor: Actor) throws -> Member {
    var m = member
    let fields = fields(m)
    m.id = try AuditedWrite.insert(db, into: "member", fields: fields, actor: actor, nilFields: .stored)
    m.version = 1
    return m
  }

  /// The sort position after a parent's last child, so a new unit appears at the end.
  static func nextSortOrder(_ db: SQLDatabase, parentID: Int64?) throws -> Int {
    (try Int.fetchOne(
      db, sql: "SELECT MAX(sort_order) FROM org_unit WHERE parent_id IS ?", arguments: [parentID])
      ?? -1) + 1
  }

  static func insertUnit(_ db: SQLDatabase, _ unit: OrgUnit, actor: Actor) throws -> OrgUnit {
    var u = unit
    let fields = fields(u)
    u.id = try AuditedWrite.insert(db, into: "org_unit", fields: fields, actor: actor, nilFields: .stored)
    u.version = 1
    return u
  }
}

struct GRDBOrganisationRepository: OrganisationRepository {
  let db: StoreDB

  func units(includeInactive: Bool) throws -> [OrgUnit] {
    try db.read { db in
      try OrgRecords.units(db, includeInactive: includeInactive)
    }
  }

  func memberCounts() throws -> [Int64: Int] {
    try db.read { db in
      var result: [Int64: Int] = [:]
      // The triggers' running tally (`member_tally`, migration v13), one row per unit, not every member.
      let statement = try db.makeStatement(sql: "SELECT unit_id, n FROM member_tally WHERE n > 0")
      let c = try ColumnPositions(statement)
      for row in try SQLRow.fetchAll(statement) {
        result[row[c["unit_id"]]] = row[c["n"]]
      }
      return result
    }
  }

  func members(inUnit unitID: Int64, includeInactive: Bool) throws -> [Member] {
    try db.read { db in
      let filter = includeInactive ? "" : "AND active = 1"
      return try SQLRow.fetchAll(
        db, sql: "SELECT * FROM member WHERE unit_id = ? \(filter) ORDER BY name COLLATE pinyin, id",
        arguments: [unitID]
      ).map(OrgRecords.member)
    }
  }

  func member(id: Int64) throws -> Member? {
    try db.read { db in
      try SQLRow.fetchOne(db, sql: "SELECT * FROM member WHERE id = ?", arguments: [id]).map(OrgRecords.member)
    }
  }

  /// `LIKE` with `%`, `_` and `\` in the query escaped.
  func searchMembers(_ query: String, limit: Int) throws -> [Member] {
    var escaped = ""
    for c in query {
      if c == "\\" || c == "%" || c == "_" { escaped.append("\\") }
      escaped.append(c)
    }
    return try db.read { db in
      try SQLRow.fetchAll(
        db,
        sql: """
          SELECT * FROM member WHERE active = 1 AND name LIKE '%' || ? || '%' ESCAPE '\\'
          ORDER BY name COLLATE pinyin, id LIMIT ?
          """, arguments: [escaped, max(0, limit)]
      ).map(OrgRecords.member)
    }
  }

  func memberTotals() throws -> (all: Int, serving: Int, retired: Int) {
    try db.read { db in
      let row = try SQLRow.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) AS everyone, COALESCE(SUM(CASE WHEN employment = 'serving' THEN 1 ELSE 0 END), 0) AS serving,
            COALESCE(SUM(CASE WHEN employment = 'retired' THEN 1 ELSE 0 END), 0) AS retired
          FROM member WHERE active = 1
          """)
      return (row?["everyone"] ?? 0, row?["serving"] ?? 0, row?["retired"] ?? 0)
    }
  }

  @discardableResult func addUnit(_ unit: OrgUnit, by actor: Actor) throws -> OrgUnit {
    guard actor.role.can(.editOrganisation) else { throw StoreError.permissionDenied(.editOrganisation) }
    var u = OrgRecords.normalised(unit)
    u.id = 0
    return try db.write { db in
      let issues = try OrgRecords.unitIssues(db, u)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      if u.sortOrder == 0 { u.sortOrder = try OrgRecords.nextSortOrder(db, parentID: u.parentID) }
      return try OrgRecords.insertUnit(db, u, actor: actor)
    }
  }

  @discardableResult func updateUnit(_ unit: OrgUnit, by actor: Actor, reason: String?) throws -> OrgUnit {
    guard actor.role.can(.editOrganisation) else { throw StoreError.permissionDenied(.editOrganisation) }
    let u = OrgRecords.normalised(unit)
    return try db.write { db in
      guard
        let oldRow = try SQLRow.fetchOne(db, sql: "SELECT * FROM org_unit WHERE id = ?", arguments: [u.id])
      else { throw StoreError.notFound(entity: "org_unit", id: u.id) }
      let old = OrgRecords.unit(oldRow)
      if old.version != u.version { throw StoreError.staleVersion(entity: "org_unit", id: u.id) }
      let issues = try OrgRecords.unitIssues(db, u)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      let oldFields = AuditedWrite.storedFields(oldRow, of: "org_unit")
      let newFields = OrgRecords.fields(u)
      var saved = u
      if oldFields != newFields {
        try AuditedWrite.update(
          db, table: "org_unit", id: u.id, old: oldFields, new: newFields, actor: actor, reason: reason)
        saved.version = old.version + 1
      }
      return saved
    }
  }

  @discardableResult func addMember(_ member: Member, by actor: Actor) throws -> Member {
    guard actor.role.can(.editOrganisation) else { throw StoreError.permissionDenied(.editOrganisation) }
    var m = OrgRecords.normalised(member)
    m.id = 0
    let today = Day.today()
    return try db.write { db in
      let issues = try OrgRecords.memberIssues(db, m, today: today)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      return try OrgRecords.insertMember(db, m, actor: actor)
    }
  }

  @discardableResult func updateMember(_ member: Member, by actor: Actor, reason: String?) throws -> Member {
    guard actor.role.can(.editOrganisation) else { throw StoreError.permissionDenied(.editOrganisation) }
    let m = OrgRecords.normalised(member)
    let today = Day.today()
    return try db.write { db in
      guard let oldRow = try SQLRow.fetchOne(db, sql: "SELECT * FROM member WHERE id = ?", arguments: [m.id])
      else { throw StoreError.notFound(entity: "member", id: m.id) }
      let old = OrgRecords.member(oldRow)
      if old.version != m.version { throw StoreError.staleVersion(entity: "member", id: m.id) }
      let issues = try OrgRecords.memberIssues(db, m, today: today)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      let oldFields = AuditedWrite.storedFields(oldRow, of: "member")
      let newFields = OrgRecords.fields(m)
      var saved = m
      if oldFields != newFields {
        try AuditedWrite.update(
          db, table: "member", id: m.id, old: oldFields, new: newFields, actor: actor, reason: reason)
        saved.version = old.version + 1
      }
      return saved
    }
  }
}
