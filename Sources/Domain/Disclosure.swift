/// The disclosure register (院务公开): what the hospital must make public, to whom,
/// through which channels, by which department and how often; and the rules that
/// decide when an item is next due and when it is overdue (and so flagged to the
/// discipline committee, 纪委, for supervision). Pure values; no I/O.

/// Who an item is disclosed to: 社会 (society), 患者 (patients), 职工 (staff).
public enum DisclosureLevel: String, CaseIterable, Codable, Sendable {
  case society, patients, staff
}

/// How often an item must be published, or its time limit.
public enum DisclosureSchedule: Hashable, Sendable {
  /// After each event (a decision, an appointment, a price change): within this
  /// many working days of the event. Nothing is owed while no event is pending.
  case perEvent(workingDays: Int)
  /// Once in every calendar month, quarter or year.
  case monthly, quarterly, yearly

  /// Stored form: `event:N`, `monthly`, `quarterly`, `yearly`.
  public var code: String {
    switch self {
    case .perEvent(let n): return "event:\(n)"
    case .monthly: return "monthly"
    case .quarterly: return "quarterly"
    case .yearly: return "yearly"
    }
  }

  public init?(code: String) {
    switch code {
    case "monthly": self = .monthly
    case "quarterly": self = .quarterly
    case "yearly": self = .yearly
    default:
      guard code.hasPrefix("event:"), let n = Int(code.dropFirst(6)) else { return nil }
      self = .perEvent(workingDays: n)
    }
  }

  /// The kind without its number, for string-table keys (`disclosure.schedule.<kind>`).
  public var kind: String {
    if case .perEvent = self { return "perEvent" }
    return code
  }

  /// Working days allowed after an event; nil for periodic schedules.
  public var workingDays: Int? {
    if case .perEvent(let n) = self { return n }
    return nil
  }

  public static let maxWorkingDays = 60
}

/// A way of making things public (公告栏, 电子屏, 触摸屏, 职代会, 微信公众号 …): a row of
/// an editable table; the names are data, entered by the hospital.
public struct DisclosureChannel: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var name: String
  /// Online (微信公众号, 网站) rather than in the building or at a meeting.
  public var online: Bool
  public var active: Bool
  public var sortOrder: Int
  public var version: Int

  public init(
    id: Int64 = 0, name: String, online: Bool = false, active: Bool = true, sortOrder: Int = 0,
    version: Int = 0
  ) {
    self.id = id
    self.name = name
    self.online = online
    self.active = active
    self.sortOrder = sortOrder
    self.version = version
  }
}

/// One row of the register.
public struct DisclosureItem: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var level: DisclosureLevel
  /// The item, e.g. 医疗服务价格, 干部选拔任用.
  public var name: String
  /// What is disclosed.
  public var content: String
  /// The usual channels, in the table's order.
  public var channelIDs: [Int64]
  /// The responsible department (责任部门), a row of the department table.
  public var departmentID: Int64?
  public var schedule: DisclosureSchedule
  /// Shown on the public kiosk (lobby screens and touch screens).
  public var onKiosk: Bool
  /// The register date: periodic items owe their first publication by the end of
  /// this day's period (plus the register's grace, if any).
  public var startsOn: Day
  /// For per-event items: the day of the latest event that must be disclosed.
  public var eventOn: Day?
  public var active: Bool
  /// The latest publication (by date), kept on the item for lists and the kiosk.
  public var lastPublishedOn: Day?
  public var lastText: String?
  public var version: Int

  public init(
    id: Int64 = 0, level: DisclosureLevel, name: String, content: String = "", channelIDs: [Int64] = [],
    departmentID: Int64? = nil, schedule: DisclosureSchedule, onKiosk: Bool = false, startsOn: Day,
    eventOn: Day? = nil, active: Bool = true, lastPublishedOn: Day? = nil, lastText: String? = nil,
    version: Int = 0
  ) {
    self.id = id
    self.level = level
    self.name = name
    self.content = content
    self.channelIDs = channelIDs
    self.departmentID = departmentID
    self.schedule = schedule
    self.onKiosk = onKiosk
    self.startsOn = startsOn
    self.eventOn = eventOn
    self.active = active
    self.lastPublishedOn = lastPublishedOn
    self.lastText = lastText
    self.version = version
  }
}

/// One time an item was made public: the text, the day and the channels used.
public struct DisclosurePublication: Hashable, Sendable, Identifiable {
  public var id: Int64
  public var itemID: Int64
  public var publishedOn: Day
  public var text: String
  public var channelIDs: [Int64]
  /// Who recorded it (an office user, never shown on the kiosk).
  public var recordedBy: String

  public init(
    id: Int64 = 0, itemID: Int64, publishedOn: Day, text: String, channelIDs: [Int64], recordedBy: String = ""
  ) {
    self.id = id
    self.itemID = itemID
    self.publishedOn = publishedOn
    self.text = text
    self.channelIDs = channelIDs
    self.recordedBy = recordedBy
  }
}

/// Where an item stands on a given day.
public enum DisclosureStatus: Hashable, Sendable {
  /// Inactive, or a per-event item with no event waiting to be disclosed.
  case nothingDue
  /// Due on `due`, `workingDaysLeft` working days away (more than the warning window).
  case onTrack(due: Day)
  /// Due within the warning window (`DisclosureRules.dueSoonWorkingDays` working days).
  case dueSoon(due: Day, workingDaysLeft: Int)
  /// Past its due day by `days` calendar days: flagged to the 纪委 for supervision.
  case overdue(due: Day, days: Int)

  public var isOverdue: Bool {
    if case .overdue = self { return true }
    return false
  }

  public var due: Day? {
    switch self {
    case .nothingDue: return nil
    case .onTrack(let d), .dueSoon(let d, _), .overdue(let d, _): return d
    }
  }
}

/// The register's rules.
public enum DisclosureRules {
  /// Items due within this many working days are shown as due soon.
  public static let dueSoonWorkingDays = 5
  public static let nameMaxLength = 40
  public static let contentMaxLength = 500
  public static let textMaxLength = 2000

  /// The last day of the calendar month, quarter or year holding `day`.
  public static func periodEnd(of day: Day, schedule: DisclosureSchedule) -> Day {
    switch schedule {
    case .perEvent: return day
    case .monthly:
      return Day(year: day.year, month: day.month, day: Day.daysIn(month: day.month, year: day.year))
    case .quarterly:
      let last = ((day.month - 1) / 3) * 3 + 3
      return Day(year: day.year, month: last, day: Day.daysIn(month: last, year: day.year))
    case .yearly:
      return Day(year: day.year, month: 12, day: 31)
    }
  }

  /// The day the next publication is due, or nil when nothing is owed.
  ///
  /// - Per event (N working days): N working days after the pending event, while
  ///   no publication on or after the event day exists.
  /// - Monthly, quarterly, yearly: once in every period. Before the first
  ///   publication it is due by the end of the period the item was registered in,
  ///   plus `firstGraceWorkingDays` (a register setting; 0 by default) so an item
  ///   registered on a period's last days is not overdue at once; after a
  ///   publication, by the end of the following period. A deadline that falls on a
  ///   weekend or holiday moves to the next working day (as legal time limits do).
  public static func nextDue(
    _ item: DisclosureItem, calendar: WorkingCalendar, firstGraceWorkingDays: Int = 0
  ) -> Day? {
    guard item.active else { return nil }
    switch item.schedule {
    case .perEvent(let n):
      guard let event = item.eventOn else { return nil }
      if let last = item.lastPublishedOn, last >= event { return nil }
      return calendar.addingWorkingDays(max(0, n), to: event)
    case .monthly, .quarterly, .yearly:
      guard let last = item.lastPublishedOn else {
        let end = calendar.nextWorkingDay(onOrAfter: periodEnd(of: item.startsOn, schedule: item.schedule))
        return calendar.addingWorkingDays(max(0, firstGraceWorkingDays), to: end)
      }
      // The period after the last publication's: its first day, then its end.
      let nextStart = periodEnd(of: last, schedule: item.schedule).adding(days: 1)
      let end = periodEnd(of: nextStart, schedule: item.schedule)
      return calendar.nextWorkingDay(onOrAfter: end)
    }
  }

  /// The item's status on `today`.
  public static func status(
    _ item: DisclosureItem, today: Day, calendar: WorkingCalendar, firstGraceWorkingDays: Int = 0
  ) -> DisclosureStatus {
    guard let due = nextDue(item, calendar: calendar, firstGraceWorkingDays: firstGraceWorkingDays) else {
      return .nothingDue
    }
    if today > due { return .overdue(due: due, days: today.days(to: due) * -1) }
    let left = calendar.workingDays(after: today, through: due)
    if left <= dueSoonWorkingDays { return .dueSoon(due: due, workingDaysLeft: left) }
    return .onTrack(due: due)
  }

  /// Problems with an item's own fields (the Store adds those that need the tables).
  public static func validate(_ item: DisclosureItem) -> [FieldIssue] {
    var issues: [FieldIssue] = []
    let name = trim(item.name)
    if name.isEmpty {
      issues.append(FieldIssue(field: "name", message: Message(MessageKeys.disclosureNameRequired)))
    } else if name.count > nameMaxLength {
      issues.append(
        FieldIssue(field: "name", message: Message(MessageKeys.disclosureNameTooLong, String(nameMaxLength))))
    }
    if item.content.count > contentMaxLength {
      issues.append(
        FieldIssue(
          field: "content", message: Message(MessageKeys.disclosureTextTooLong, String(contentMaxLength))))
    }
    if let n = item.schedule.workingDays, n < 1 || n > DisclosureSchedule.maxWorkingDays {
      issues.append(
        FieldIssue(
          field: "schedule",
          message: Message(MessageKeys.disclosureBadWorkingDays, String(DisclosureSchedule.maxWorkingDays))))
    }
    issues += [
      TextRule.issue(field: "name", text: item.name, allowNewlines: false),
      TextRule.issue(field: "content", text: item.content, allowNewlines: true),
    ].compactMap { $0 }
    if item.channelIDs.isEmpty {
      issues.append(FieldIssue(field: "channels", message: Message(MessageKeys.disclosureChannelRequired)))
    }
    if item.departmentID == nil {
      issues.append(
        FieldIssue(field: "department", message: Message(MessageKeys.disclosureDepartmentRequired)))
    }
    return issues
  }

  /// Problems with a publication about to be recorded on `today`: text required,
  /// no future date, not before the register date, at least one channel.
  public static func validate(_ publication: DisclosurePublication, item: DisclosureItem, today: Day)
    -> [FieldIssue]
  {
    var issues: [FieldIssue] = []
    let text = trim(publication.text)
    if text.isEmpty {
      issues.append(FieldIssue(field: "text", message: Message(MessageKeys.disclosureTextRequired)))
    } else if text.count > textMaxLength {
      issues.append(
        FieldIssue(field: "text", message: Message(MessageKeys.disclosureTextTooLong, String(textMaxLength))))
    }
    if let issue = TextRule.issue(field: "text", text: publication.text, allowNewlines: true) {
      issues.append(issue)
    }
    if publication.publishedOn > today {
      issues.append(
        FieldIssue(
          field: "date", message: Message(MessageKeys.disclosureDateInFuture, publication.publishedOn.iso)))
    }
    if publication.channelIDs.isEmpty {
      issues.append(FieldIssue(field: "channels", message: Message(MessageKeys.disclosureChannelRequired)))
    }
    return issues
  }

  /// `text` without leading and trailing whitespace (Domain has no Foundation).
  public static func trim(_ text: String) -> String {
    let chars = Array(text)
    guard let first = chars.firstIndex(where: { !$0.isWhitespace }),
      let last = chars.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(chars[first...last])
  }

  /// Parses a schedule as people write it in a register: 每月 / 每季度 / 每年, or
  /// `N个工作日内` (also `事后N个工作日内`), and the English `monthly`, `quarterly`,
  /// `yearly`, `N working days`, plus the stored codes. nil when not understood.
  public static func parseSchedule(_ text: String) -> DisclosureSchedule? {
    let t = trim(text).lowercased()
    if let s = DisclosureSchedule(code: t) { return s }
    switch t {
    case "每月", "按月", "月度": return .monthly
    case "每季度", "每季", "按季度", "季度": return .quarterly
    case "每年", "每年度", "按年", "年度": return .yearly
    default: break
    }
    let prefix = t.prefix(while: { !$0.isNumber })
    let digits = t.dropFirst(prefix.count).prefix(while: { $0.isNumber })
    let rest = t.dropFirst(prefix.count + digits.count)
    // Only words may come before the number ("事后5个工作日内") and the unit must follow
    // it: a sign ("-5个工作日内"), a fraction ("2.5个工作日") or an exponent ("1e9个工作日")
    // is not a number of working days, so it is refused rather than read as its digits.
    let unit = rest.drop(while: { $0.isWhitespace })
    guard prefix.allSatisfy({ $0.isLetter || $0.isWhitespace }),
      unit.hasPrefix("个工作日") || unit.hasPrefix("工作日") || unit.hasPrefix("working day"),
      let n = Int(digits), n > 0
    else { return nil }
    return .perEvent(workingDays: n)
  }
}

/// String-table keys produced by the disclosure rules (listed in `MessageKeys.all`).
extension MessageKeys {
  public static let disclosureNameRequired = "error.disclosure.nameRequired"
  public static let disclosureNameTooLong = "error.disclosure.nameTooLong"
  public static let disclosureTextTooLong = "error.disclosure.textTooLong"
  public static let disclosureBadWorkingDays = "error.disclosure.badWorkingDays"
  public static let disclosureChannelRequired = "error.disclosure.channelRequired"
  public static let disclosureDepartmentRequired = "error.disclosure.departmentRequired"
  public static let disclosureTextRequired = "error.disclosure.textRequired"
  public static let disclosureDateInFuture = "error.disclosure.dateInFuture"

  public static let disclosureKeys: [String] = [
    disclosureNameRequired, disclosureNameTooLong, disclosureTextTooLong, disclosureBadWorkingDays,
    disclosureChannelRequired, disclosureDepartmentRequired, disclosureTextRequired, disclosureDateInFuture,
  ]
}
