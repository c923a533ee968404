import Domain
import Foundation

extension GongzhiStore {
  /// The disclosure register (院务公开).
  public var disclosures: any DisclosureRepository { GRDBDisclosureRepository(db: db) }
}

/// String-table keys the register's Store code produces (listed in `StoreMessageKeys.all`).
enum DisclosureStoreKeys {
  static let all: [String] =
    [
      "error.disclosure.duplicate", "error.disclosure.unknownDepartment", "error.disclosure.unknownChannel",
      "error.channel.nameRequired", "error.channel.nameTooLong", "error.channel.duplicateName",
      "error.import.badLevel", "error.import.badSchedule", "error.import.unknownChannel",
      "error.import.unknownDepartment", "error.import.duplicateDisclosure", "error.setting.badWorkingDays",
    ] + DisclosureExport.labelKeys
}

/// Conversions between register values and their stored/audited form.
enum DisclosureRecords {
  static func b(_ v: Bool) -> String { v ? "1" : "0" }

  static func ids(_ list: [Int64]) -> String { list.map { String($0) }.joined(separator: ",") }

  static func ids(_ text: String?) -> [Int64] {
    (text ?? "").split(separator: ",").compactMap { Int64($0) }
  }

  static func channelFields(_ c: DisclosureChannel) -> AuditFields {
    ["name": c.name, "online": b(c.online), "active": b(c.active), "sort_order": String(c.sortOrder)]
  }

  static func itemFields(_ i: DisclosureItem) -> AuditFields {
    [
      "level": i.level.rawValue, "name": i.name, "content": i.content, "channel_ids": ids(i.channelIDs),
      "department_id": i.departmentID.map { String($0) }, "schedule": i.schedule.code,
      "on_kiosk": b(i.onKiosk), "starts_on": i.startsOn.iso, "event_on": i.eventOn?.iso,
      "active": b(i.active),
      "last_published_on": i.lastPublishedOn?.iso, "last_text": i.lastText,
    ]
  }

  static func day(_ row: SQLRow, _ column: String) -> Day? { (row[column] as String?).flatMap { Day(iso: $0) } }

  static func channel(_ row: SQLRow) -> DisclosureChannel {
    DisclosureChannel(
      id: row["id"], name: row["name"], online: row["online"], active: row["active"],
      sortOrder: row["sort_order"], version: row["version"])
  }

  static func item(_ row: SQLRow) -> DisclosureItem {
    DisclosureItem(
      id: row["id"], level: DisclosureLevel(rawValue: row["level"] ?? "") ?? .society,
      name: row["name"] ?? "",
      content: row["content"] ?? "", channelIDs: ids(row["channel_ids"] as String?),
      departmentID: row["department_id"],
      schedule: DisclosureSchedule(code: row["schedule"] ?? "") ?? .yearly, onKiosk: row["on_kiosk"] ?? false,
      startsOn: day(row, "starts_on") ?? Day(year: 1970, month: 1, day: 1), eventOn: day(row, "event_on"),
      active: row["active"] ?? true, lastPublishedOn: day(row, "last_published_on"),
      lastText: row["last_text"], version: row["version"] ?? 0)
  }

  static func publication(_ row: SQLRow) -> DisclosurePublication {
    DisclosurePublication(
      id: row["id"], itemID: row["item_id"],
      publishedOn: day(row, "published_on") ?? Day(year: 1970, month: 1, day: 1), text: row["text"] ?? "",
      channelIDs: ids(row["channel_ids"] as String?), recordedBy: row["recorded_by"] ?? "")
  }

  static func fetchItem(_ db: SQLDatabase, id: Int64) throws -> (SQLRow, DisclosureItem)? {
    guard
      let row = try SQLRow.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM disclosure_item WHERE id = ?"), arguments: [id])
    else { return nil }
    return (row, item(row))
  }

  static func normalised(_ i: DisclosureItem) -> DisclosureItem {
    var i = i
    i.name = DisclosureRules.trim(i.name)
    i.content = DisclosureRules.trim(i.content)
    var seen = Set<Int64>()
    i.channelIDs = i.channelIDs.filter { seen.insert($0).inserted }
    return i
  }

  static func invalid(_ field: String, _ key: String, _ args: String...) -> StoreError {
    .invalid([FieldIssue(field: field, message: Message(key: key, args: args))])
  }

  /// Issues that need the tables: the department and channels exist, the name is unique in its level.
  static func tableIssues(_ db: SQLDatabase, _ i: DisclosureItem) throws -> [FieldIssue] {
    var issues: [FieldIssue] = []
    if let d = i.departmentID,
      try Bool.fetchOne(db, sql: "SELECT 1 FROM department WHERE id = ?", arguments: [d]) != true
    {
      issues.append(
        FieldIssue(field: "department", message: Message("error.disclosure.unknownDepartment", String(d))))
    }
    let known = Set(try Int64.fetchAll(db, sql: "SELECT id FROM disclosure_channel"))
    if let bad = i.channelIDs.first(where: { !known.contains($0) }) {
      issues.append(
        FieldIssue(field: "channels", message: Message("error.disclosure.unknownChannel", String(bad))))
    }
    let duplicate =
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM disclosure_item WHERE level = ? AND name = ? AND id <> ?",
        arguments: [i.level.rawValue, i.name, i.id]) ?? false
    if duplicate {
      issues.append(FieldIssue(field: "name", message: Message("error.disclosure.duplicate", i.name)))
    }
    return issues
  }

  /// Inserts a validated item (and nothing of its last publication), audited.
  static func insertItem(_ db: SQLDatabase, _ item: DisclosureItem, actor: Actor) throws -> DisclosureItem {
    var i = item
    i.lastPublishedOn = nil
    i.lastText = nil
    i.id = try AuditedWrite.insert(
      db, into: "disclosure_item", fields: itemFields(i), actor: actor)
    i.version = 1
    return i
  }

  /// Inserts a publication and moves the item's last publication forward when it is
  /// the newest; audited; the item's version rises.
  static func insertPublication(
    _ db: SQLDatabase, _ publication: DisclosurePublication, item: DisclosureItem, itemRow: SQLRow, actor: Actor,
    reason: String? = nil
  ) throws -> (DisclosureItem, DisclosurePublication) {
    var p = publication
    p.text = DisclosureRules.trim(p.text)
    p.recordedBy = actor.name
    p.id = try AuditedWrite.insert(
      db, into: "disclosure_publication",
      fields: [
        "item_id": String(item.id), "published_on": p.publishedOn.iso, "text": p.text,
        "channel_ids": ids(p.channelIDs), "recorded_by": actor.name, "recorded_at": AuditTime.format(Date()),
      ], actor: actor)
    var saved = item
    if item.lastPublishedOn.map({ p.publishedOn >= $0 }) ?? true {
      saved.lastPublishedOn = p.publishedOn
      saved.lastText = p.text
    }
    let oldFields = AuditedWrite.storedFields(itemRow, of: "disclosure_item")
    let newFields = itemFields(saved)
    try AuditedWrite.update(
      db, table: "disclosure_item", id: item.id, old: oldFields, new: newFields, actor: actor,
      reason: reason ?? "publication \(p.id)")
    saved.version = item.version + 1
    return (saved, p)
  }

  static func channelIssues(_ db: SQLDatabase, _ c: DisclosureChannel) throws -> [FieldIssue] {
    var issues: [FieldIssue] = []
    if c.name.isEmpty {
      issues.append(FieldIssue(field: "name", message: Message("error.channel.nameRequired")))
    } else if c.name.count > 20 {
      issues.append(FieldIssue(field: "name", message: Message("error.channel.nameTooLong", "20")))
    }
    let duplicate =
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM disclosure_channel WHERE name = ? AND id <> ?", arguments: [c.name, c.id])
      ?? false
    if duplicate {
      issues.append(FieldIssue(field: "name", message: Message("error.channel.duplicateName", c.name)))
    }
    return issues
  }

  static let levelOrder =
    "CASE i.level "
    + DisclosureLevel.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }.joined(
      separator: " ") + " END"
}

struct GRDBDisclosureRepository: DisclosureRepository {
  let db: StoreDB

  func requireManage(_ actor: Actor) throws {
    guard actor.role.can(.manageDisclosures) else { throw StoreError.permissionDenied(.manageDisclosures) }
  }

  // MARK: channels

  func installStandardChannels(by actor: Actor) throws {
    try requireManage(actor)
    try db.write { db in try DisclosureSchema.installStandardChannels(db, actor: actor) }
  }

  func channels(includeInactive: Bool) throws -> [DisclosureChannel] {
    try db.read { db in
      try SQLRow.fetchAll(
        db,
        sql:
          "SELECT * FROM disclosure_channel \(includeInactive ? "" : "WHERE active = 1") ORDER BY sort_order, id"
      ).map(DisclosureRecords.channel)
    }
  }

  @discardableResult func addChannel(_ channel: DisclosureChannel, by actor: Actor) throws
    -> DisclosureChannel
  {
    try requireManage(actor)
    var c = channel
    c.id = 0
    c.name = DisclosureRules.trim(c.name)
    return try db.write { db in
      try DisclosureSchema.installStandardChannels(db, actor: actor)
      let issues = try DisclosureRecords.channelIssues(db, c)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      if c.sortOrder == 0 {
        c.sortOrder = (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM disclosure_channel") ?? 0) + 1
      }
      c.id = try AuditedWrite.insert(
        db, into: "disclosure_channel", fields: DisclosureRecords.channelFields(c), actor: actor)
      c.version = 1
      return c
    }
  }

  @discardableResult func updateChannel(_ channel: DisclosureChannel, by actor: Actor, reason: String?) throws
    -> DisclosureChannel
  {
    try requireManage(actor)
    var c = channel
    c.name = DisclosureRules.trim(c.name)
    return try db.write { db in
      guard
        let row = try SQLRow.fetchOne(
          db, sql: "SELECT * FROM disclosure_channel WHERE id = ?", arguments: [c.id])
      else { throw StoreError.notFound(entity: "disclosure_channel", id: c.id) }
      let version: Int = row["version"]
      if version != c.version { throw StoreError.staleVersion(entity: "disclosure_channel", id: c.id) }
      let issues = try DisclosureRecords.channelIssues(db, c)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      let old = AuditedWrite.storedFields(row, of: "disclosure_channel")
      let new = DisclosureRecords.channelFields(c)
      if old != new {
        try AuditedWrite.update(
          db, table: "disclosure_channel", id: c.id, old: old, new: new, actor: actor, reason: reason)
        c.version = version + 1
      }
      return c
    }
  }

  func calendar() throws -> WorkingCalendar { try db.read { db in try ProposalRecords.calendar(db) } }

  // MARK: items

  func entries(_ query: DisclosureQuery) throws -> [DisclosureEntry] {
    var conditions: [String] = []
    var args: [any SQLValueConvertible] = []
    if !query.includeInactive { conditions.append("i.active = 1") }
    if let level = query.level {
      conditions.append("i.level = ?")
      args.append(level.rawValue)
    }
    if let d = query.departmentID {
      conditions.append("i.department_id = ?")
      args.append(d)
    }
    if let c = query.channelID {
      conditions.append("(',' || i.channel_ids || ',') LIKE ?")
      args.append("%,\(c),%")
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let (rows, calendar, grace) = try db.read { db in
      (
        try SQLRow.fetchAll(
          db,
          sql: """
            SELECT i.*, d.name AS department_name FROM disclosure_item i
            LEFT JOIN department d ON d.id = i.department_id
            \(filter) ORDER BY \(DisclosureRecords.levelOrder), i.id
            """, arguments: SQLArguments(args)),
        try ProposalRecords.calendar(db),
        try SettingKey.disclosureFirstGrace(db)
      )
    }
    var out: [DisclosureEntry] = []
    out.reserveCapacity(rows.count)
    for row in rows {
      let item = DisclosureRecords.item(row)
      let status = DisclosureRules.status(
        item, today: query.today, calendar: calendar, firstGraceWorkingDays: grace)
      if query.overdueOnly && !status.isOverdue { continue }
      out.append(DisclosureEntry(item: item, department: row["department_name"], status: status))
    }
    return out
  }

  func item(id: Int64) throws -> DisclosureItem? {
    try db.read { db in try DisclosureRecords.fetchItem(db, id: id)?.1 }
  }

  func publications(itemID: Int64) throws -> [DisclosurePublication] {
    try db.read { db in
      try SQLRow.fetchAll(
        db,
        sql: "SELECT * FROM disclosure_publication WHERE item_id = ? ORDER BY published_on DESC, id DESC",
        arguments: [itemID]
      ).map(DisclosureRecords.publication)
    }
  }

  @discardableResult func addItem(_ item: DisclosureItem, by actor: Actor) throws -> DisclosureItem {
    try requireManage(actor)
    var i = DisclosureRecords.normalised(item)
    i.id = 0
    let issues = DisclosureRules.validate(i)
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    return try db.write { db in
      try DisclosureSchema.installStandardChannels(db, actor: actor)
      let more = try DisclosureRecords.tableIssues(db, i)
      if !more.isEmpty { throw StoreError.invalid(more) }
      return try DisclosureRecords.insertItem(db, i, actor: actor)
    }
  }

  @discardableResult func updateItem(_ item: DisclosureItem, by actor: Actor, reason: String?) throws
    -> DisclosureItem
  {
    try requireManage(actor)
    let i = DisclosureRecords.normalised(item)
    let issues = DisclosureRules.validate(i)
    if !issues.isEmpty { throw StoreError.invalid(issues) }
    return try db.write { db in
      guard let (row, old) = try DisclosureRecords.fetchItem(db, id: i.id) else {
        throw StoreError.notFound(entity: "disclosure_item", id: i.id)
      }
      if old.version != i.version { throw StoreError.staleVersion(entity: "disclosure_item", id: i.id) }
      let more = try DisclosureRecords.tableIssues(db, i)
      if !more.isEmpty { throw StoreError.invalid(more) }
      var saved = i
      saved.lastPublishedOn = old.lastPublishedOn
      saved.lastText = old.lastText
      let oldFields = AuditedWrite.storedFields(row, of: "disclosure_item")
      let newFields = DisclosureRecords.itemFields(saved)
      if oldFields != newFields {
        try AuditedWrite.update(
          db, table: "disclosure_item", id: i.id, old: oldFields, new: newFields, actor: actor, reason: reason
        )
        saved.version = old.version + 1
      }
      return saved
    }
  }

  @discardableResult func recordPublication(
    _ publication: DisclosurePublication, itemVersion: Int, by actor: Actor, today: Day
  ) throws -> (item: DisclosureItem, publication: DisclosurePublication) {
    try requireManage(actor)
    var p = publication
    var seen = Set<Int64>()
    p.channelIDs = p.channelIDs.filter { seen.insert($0).inserted }
    return try db.write { db in
      guard let (row, item) = try DisclosureRecords.fetchItem(db, id: p.itemID) else {
        throw StoreError.notFound(entity: "disclosure_item", id: p.itemID)
      }
      if item.version != itemVersion { throw StoreError.staleVersion(entity: "disclosure_item", id: item.id) }
      var issues = DisclosureRules.validate(p, item: item, today: today)
      let known = Set(try Int64.fetchAll(db, sql: "SELECT id FROM disclosure_channel"))
      if let bad = p.channelIDs.first(where: { !known.contains($0) }) {
        issues.append(
          FieldIssue(field: "channels", message: Message("error.disclosure.unknownChannel", String(bad))))
      }
      if !issues.isEmpty { throw StoreError.invalid(issues) }
      let (saved, stored) = try DisclosureRecords.insertPublication(
        db, p, item: item, itemRow: row, actor: actor)
      return (saved, stored)
    }
  }

  func kioskNotices(limit: Int) throws -> [KioskNotice] {
    try db.read { db in
      try SQLRow.fetchAll(
        db,
        sql: """
          SELECT i.id, i.level, i.name, COALESCE(d.name, '') AS department, i.last_published_on, i.last_text
          FROM disclosure_item i LEFT JOIN department d ON d.id = i.department_id
          WHERE i.on_kiosk = 1 AND i.active = 1 AND i.last_published_on IS NOT NULL
          ORDER BY i.last_published_on DESC, i.id DESC LIMIT ?
          """, arguments: [max(0, limit)]
      ).map { row in
        KioskNotice(
          itemID: row["id"], level: DisclosureLevel(rawValue: row["level"]) ?? .society, title: row["name"],
          department: row["department"],
          publishedOn: Day(iso: row["last_published_on"]) ?? Day(year: 1970, month: 1, day: 1),
          text: row["last_text"] ?? "")
      }
    }
  }
}
