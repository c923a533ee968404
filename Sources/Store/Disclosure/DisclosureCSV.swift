import Domain
import Foundation

/// The register as a spreadsheet (CSV, UTF-8, optional BOM, Chinese headers; English
/// column names accepted too). Required columns: 层面 (社会 / 患者 / 职工), 事项,
/// 公开途径 (channel names separated by 、 , ; or spaces), 责任部门, 时限 (每月, 每季度,
/// 每年 or `N个工作日内`). Optional: 内容, 上屏 (是/否), 登记日期, 事项发生日期, and
/// 最近公开日期 with 最近公开内容 (recorded as a publication through the item's channels).
/// Other columns (such as those of an export) are ignored.
public enum DisclosureImport {
  enum Column: String, CaseIterable {
    case level, name, content, channels, department, schedule
    case onKiosk = "on_kiosk"
    case startsOn = "starts_on"
    case eventOn = "event_on"
    case lastPublishedOn = "last_published_on"
    case lastText = "last_text"

    var chinese: String {
      switch self {
      case .level: return "层面"
      case .name: return "事项"
      case .content: return "内容"
      case .channels: return "公开途径"
      case .department: return "责任部门"
      case .schedule: return "时限"
      case .onKiosk: return "上屏"
      case .startsOn: return "登记日期"
      case .eventOn: return "事项发生日期"
      case .lastPublishedOn: return "最近公开日期"
      case .lastText: return "最近公开内容"
      }
    }

    static let required: [Column] = [.level, .name, .channels, .department, .schedule]
  }

  static func parseLevel(_ text: String) -> DisclosureLevel? {
    switch text.lowercased() {
    case "社会", "社会层面", "society": return .society
    case "患者", "患者层面", "patients", "patient": return .patients
    case "职工", "职工层面", "staff": return .staff
    default: return nil
    }
  }

  static func parseBool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "", "否", "no", "n", "0", "false": return false
    case "是", "yes", "y", "1", "true", "√", "✓": return true
    default: return nil
    }
  }

  /// Imports every item in the file, all or nothing, audited. Returns the number of
  /// items imported. Throws `ImportError` (FILE:LINE:COLUMN) at the first problem,
  /// with nothing written; `StoreError` for permissions or the database.
  @discardableResult
  public static func importFile(
    path: String, store: GongzhiStore, actor: Actor, today: Day = .today(), format: TableFormat? = nil
  ) throws -> Int {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    guard actor.role.can(.manageDisclosures) else { throw StoreError.permissionDenied(.manageDisclosures) }
    let reader = try TableReader(path: path, format: format)
    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      reader.error(line: line, column: column, problem: Message(key: key, args: args))
    }
    func nextRecord() throws -> CSVRecord? {
      try reader.next()
    }
    try store.db.write { db in try DisclosureSchema.installStandardChannels(db, actor: actor) }
    let (channels, departments, existing) = try store.db.read { db in
      (
        try SQLRow.fetchAll(db, sql: "SELECT id, name FROM disclosure_channel").map {
          ($0["name"] as String, $0["id"] as Int64)
        },
        try SQLRow.fetchAll(db, sql: "SELECT id, name FROM department").map {
          ($0["name"] as String, $0["id"] as Int64)
        },
        Set(
          try SQLRow.fetchAll(db, sql: "SELECT level, name FROM disclosure_item").map {
            "\($0["level"] as String)|\($0["name"] as String)"
          })
      )
    }
    let channelIDs = Dictionary(channels, uniquingKeysWith: { a, _ in a })
    let departmentIDs = Dictionary(departments, uniquingKeysWith: { a, _ in a })
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
    var seen = existing
    var rows: [(DisclosureItem, DisclosurePublication?)] = []
    while let record = try nextRecord() {
      let line = record.line
      if record.fields.count != header.fields.count {
        throw fail(
          line, min(record.fields.count, header.fields.count) + 1, "error.import.fieldCount",
          String(header.fields.count), String(record.fields.count))
      }
      func value(_ c: Column) -> String {
        guard let i = index[c] else { return "" }
        return MemberCSV.unguard(record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines))
      }
      func col(_ c: Column) -> Int { (index[c] ?? 0) + 1 }
      func date(_ c: Column) throws -> Day? {
        let text = value(c)
        if text.isEmpty { return nil }
        guard let d = Day(iso: text) else { throw fail(line, col(c), "error.import.badDate", text) }
        return d
      }
      guard let level = parseLevel(value(.level)) else {
        throw fail(line, col(.level), "error.import.badLevel", value(.level))
      }
      guard let schedule = DisclosureRules.parseSchedule(value(.schedule)) else {
        throw fail(line, col(.schedule), "error.import.badSchedule", value(.schedule))
      }
      var ids: [Int64] = []
      for name in value(.channels).split(whereSeparator: { "、,，;；/".contains($0) || $0.isWhitespace }) {
        guard let id = channelIDs[String(name)] else {
          throw fail(line, col(.channels), "error.import.unknownChannel", String(name))
        }
        if !ids.contains(id) { ids.append(id) }
      }
      let departmentName = value(.department)
      var departmentID: Int64? = nil
      if !departmentName.isEmpty {
        guard let id = departmentIDs[departmentName] else {
          throw fail(line, col(.department), "error.import.unknownDepartment", departmentName)
        }
        departmentID = id
      }
      guard let onKiosk = parseBool(value(.onKiosk)) else {
        throw fail(line, col(.onKiosk), "error.import.badValue", value(.onKiosk), Column.onKiosk.chinese)
      }
      let item = DisclosureItem(
        level: level, name: value(.name), content: value(.content), channelIDs: ids,
        departmentID: departmentID,
        schedule: schedule, onKiosk: onKiosk, startsOn: try date(.startsOn) ?? today,
        eventOn: try date(.eventOn))
      if let issue = DisclosureRules.validate(item).first {
        let column: Column =
          switch issue.field {
          case "name": .name
          case "content": .content
          case "schedule": .schedule
          case "channels": .channels
          default: .department
          }
        throw reader.error(line: line, column: col(column), problem: issue.message)
      }
      if !seen.insert("\(level.rawValue)|\(item.name)").inserted {
        throw fail(line, col(.name), "error.import.duplicateDisclosure", item.name)
      }
      var publication: DisclosurePublication? = nil
      if let on = try date(.lastPublishedOn) {
        let p = DisclosurePublication(itemID: 0, publishedOn: on, text: value(.lastText), channelIDs: ids)
        if let issue = DisclosureRules.validate(p, item: item, today: today).first {
          let column: Column = issue.field == "date" ? .lastPublishedOn : .lastText
          throw reader.error(line: line, column: col(column), problem: issue.message)
        }
        publication = p
      }
      rows.append((item, publication))
    }
    try store.db.write { db in
      for (item, publication) in rows {
        let saved = try DisclosureRecords.insertItem(db, item, actor: actor)
        if var p = publication, let (row, stored) = try DisclosureRecords.fetchItem(db, id: saved.id) {
          p.itemID = saved.id
          _ = try DisclosureRecords.insertPublication(db, p, item: stored, itemRow: row, actor: actor)
        }
      }
    }
    return rows.count
  }
}

/// Labels the App supplies for the Markdown report (Store holds no string tables).
public typealias DisclosureLabels = @Sendable (String) -> String

public enum DisclosureExport {
  /// Spreadsheet vocabulary for levels and schedules (the import reads them back).
  static let levelNames: [DisclosureLevel: String] = [.society: "社会", .patients: "患者", .staff: "职工"]

  static func scheduleName(_ s: DisclosureSchedule) -> String {
    switch s {
    case .perEvent(let n): return "\(n)个工作日内"
    case .monthly: return "每月"
    case .quarterly: return "每季度"
    case .yearly: return "每年"
    }
  }

  static func statusName(_ s: DisclosureStatus) -> String {
    switch s {
    case .nothingDue: return "无待公开"
    case .onTrack: return "正常"
    case .dueSoon: return "即将到期"
    case .overdue(_, let days): return "逾期\(days)天"
    }
  }

  public static let labelKeys: [String] =
    [
      "disclosure.report.title", "disclosure.report.summary", "disclosure.report.overdue",
      "disclosure.report.none", "disclosure.report.asOf", "disclosure.column.name",
      "disclosure.column.department", "disclosure.column.schedule", "disclosure.column.channels",
      "disclosure.column.lastPublished", "disclosure.column.nextDue", "disclosure.column.status",
      "disclosure.column.daysOverdue", "disclosure.column.items", "disclosure.column.overdueItems",
    ] + DisclosureLevel.allCases.map { "disclosure.level.\($0.rawValue)" }
    + ["perEvent", "monthly", "quarterly", "yearly"].map { "disclosure.schedule.\($0)" }
    + ["nothingDue", "onTrack", "dueSoon", "overdue"].map { "disclosure.status.\($0)" }

  static let csvHeader = [
    "层面", "事项", "内容", "公开途径", "责任部门", "时限", "上屏", "登记日期", "事项发生日期", "最近公开日期", "最近公开内容", "下次到期", "状态",
  ]

  /// The whole register (active items) as CSV: UTF-8 with BOM, CRLF, formula-looking
  /// cells neutralised; statuses on `today`.
  public static func csv(store: GongzhiStore, today: Day = .today()) throws -> String {
    let repo = store.disclosures
    let entries = try repo.entries(DisclosureQuery(today: today))
    let channels = Dictionary(
      uniqueKeysWithValues: try repo.channels(includeInactive: true).map { ($0.id, $0.name) })
    var out = "\u{FEFF}" + csvHeader.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    for e in entries {
      let i = e.item
      let row: [String] = [
        levelNames[i.level] ?? i.level.rawValue, i.name, i.content,
        i.channelIDs.compactMap { channels[$0] }.joined(separator: "、"), e.department ?? "",
        scheduleName(i.schedule), i.onKiosk ? "是" : "否", i.startsOn.iso, i.eventOn?.iso ?? "",
        i.lastPublishedOn?.iso ?? "", i.lastText ?? "", e.status.due?.iso ?? "", statusName(e.status),
      ]
      out += row.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// A table cell's text: a backslash and a pipe escaped (so data can neither end the
  /// cell nor escape what follows), line breaks as spaces.
  static func md(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\r\n", with: " ")
      .replacingOccurrences(of: "\n", with: " ")
  }

  /// The register as a Markdown report: counts, one table per level, and the items
  /// overdue on `today` (for the discipline committee's supervision).
  public static func markdown(store: GongzhiStore, labels: DisclosureLabels, today: Day = .today()) throws
    -> String
  {
    let repo = store.disclosures
    let entries = try repo.entries(DisclosureQuery(today: today))
    let channels = Dictionary(
      uniqueKeysWithValues: try repo.channels(includeInactive: true).map { ($0.id, $0.name) })
    func schedule(_ s: DisclosureSchedule) -> String {
      labels("disclosure.schedule.\(s.kind)").replacingOccurrences(
        of: "{0}", with: String(s.workingDays ?? 0))
    }
    func status(_ s: DisclosureStatus) -> String {
      switch s {
      case .nothingDue: return labels("disclosure.status.nothingDue")
      case .onTrack: return labels("disclosure.status.onTrack")
      case .dueSoon: return labels("disclosure.status.dueSoon")
      case .overdue(_, let days):
        return labels("disclosure.status.overdue").replacingOccurrences(of: "{0}", with: String(days))
      }
    }
    let overdue = entries.filter { $0.status.isOverdue }
    var out = "# \(labels("disclosure.report.title"))\n\n"
    out += labels("disclosure.report.asOf").replacingOccurrences(of: "{0}", with: today.iso) + "\n\n"
    out +=
      "## \(labels("disclosure.report.summary"))\n\n| | \(labels("disclosure.column.items")) | \(labels("disclosure.column.overdueItems")) |\n|---|---|---|\n"
    for level in DisclosureLevel.allCases {
      let list = entries.filter { $0.item.level == level }
      out +=
        "| \(labels("disclosure.level.\(level.rawValue)")) | \(list.count) | \(list.filter { $0.status.isOverdue }.count) |\n"
    }
    let header =
      "| \(labels("disclosure.column.name")) | \(labels("disclosure.column.department")) | \(labels("disclosure.column.schedule")) | \(labels("disclosure.column.channels")) | \(labels("disclosure.column.lastPublished")) | \(labels("disclosure.column.nextDue")) | \(labels("disclosure.column.status")) |\n|---|---|---|---|---|---|---|\n"
    for level in DisclosureLevel.allCases {
      let list = entries.filter { $0.item.level == level }
      if list.isEmpty { continue }
      out += "\n## \(labels("disclosure.level.\(level.rawValue)")) (\(list.count))\n\n" + header
      for e in list {
        out +=
          "| \(md(e.item.name)) | \(md(e.department ?? "")) | \(schedule(e.item.schedule)) | \(md(e.item.channelIDs.compactMap { channels[$0] }.joined(separator: "、"))) | \(e.item.lastPublishedOn?.iso ?? "") | \(e.status.due?.iso ?? "") | \(status(e.status)) |\n"
      }
    }
    out += "\n## \(labels("disclosure.report.overdue"))\n\n"
    if overdue.isEmpty {
      out += labels("disclosure.report.none") + "\n"
    } else {
      out +=
        "| \(labels("disclosure.column.name")) | \(labels("disclosure.column.department")) | \(labels("disclosure.column.nextDue")) | \(labels("disclosure.column.daysOverdue")) |\n|---|---|---|---|\n"
      for e in overdue {
        if case .overdue(let due, let days) = e.status {
          out += "| \(md(e.item.name)) | \(md(e.department ?? "")) | \(due.iso) | \(days) |\n"
        }
      }
    }
    return out
  }
}
