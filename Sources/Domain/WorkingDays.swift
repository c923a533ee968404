/// Calendar arithmetic on `Day` and the working-day calendar used for proposal
/// deadlines: weekends and holidays are not working days, except the make-up
/// working days (调休) that the State Council moves onto weekends.

extension Day {
  /// Days since 1970-01-01 (negative before).
  public var ordinal: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The day `ordinal` days after 1970-01-01.
  public init(ordinal: Int) {
    let z = ordinal + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
  }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  /// The same day of the month `months` later, clamped to the month's last day
  /// (2025-11-30 + 3 months = 2026-02-28).
  public func adding(months: Int) -> Day {
    let total = year * 12 + (month - 1) + months
    let y = total >= 0 ? total / 12 : (total - 11) / 12
    let m = total - y * 12 + 1
    return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))
  }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  public var weekday: Int {
    let r = (ordinal + 3) % 7  // 1970-01-01 was a Thursday
    return (r < 0 ? r + 7 : r) + 1
  }

  /// Calendar days from `self` to `other` (positive when `other` is later).
  public func days(to other: Day) -> Int { other.ordinal - ordinal }
}

/// One row of the holiday table: a day off (法定节假日) or a make-up working day (调休上班).
public struct Holiday: Hashable, Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    /// A public holiday: not a working day even on a weekday.
    case holiday
    /// A make-up working day: a working day even on a weekend.
    case workday
  }
  public var day: Day
  public var kind: Kind
  /// Free text from the imported file, e.g. 国庆节 (data, not a UI string).
  public var name: String

  public init(day: Day, kind: Kind = .holiday, name: String = "") {
    self.day = day
    self.kind = kind
    self.name = name
  }
}

/// Which days count as working days. Pure value; the Store loads it from the holiday table.
public struct WorkingCalendar: Hashable, Sendable {
  public var holidays: Set<Day>
  public var makeupWorkdays: Set<Day>

  public init(holidays: Set<Day> = [], makeupWorkdays: Set<Day> = []) {
    self.holidays = holidays
    self.makeupWorkdays = makeupWorkdays
  }

  public init(_ entries: [Holiday]) {
    self.init(
      holidays: Set(entries.filter { $0.kind == .holiday }.map(\.day)),
      makeupWorkdays: Set(entries.filter { $0.kind == .workday }.map(\.day)))
  }

  /// Monday to Friday unless a holiday; a weekend day only when it is a make-up working day.
  public func isWorkingDay(_ day: Day) -> Bool {
    if makeupWorkdays.contains(day) { return true }
    if holidays.contains(day) { return false }
    return day.weekday <= 5
  }

  /// The `count`-th working day after `day` (`day` itself does not count);
  /// `count` 0 gives `day`.
  public func addingWorkingDays(_ count: Int, to day: Day) -> Day {
    var d = day
    var left = count
    var guardSteps = 0
    while left > 0 && guardSteps < 100_000 {
      d = d.adding(days: 1)
      if isWorkingDay(d) { left -= 1 }
      guardSteps += 1
    }
    return d
  }

  /// Working days in `(start, end]`: 0 when `end` is not after `start`.
  public func workingDays(after start: Day, through end: Day) -> Int {
    guard start < end else { return 0 }
    var n = 0
    var d = start.adding(days: 1)
    while d <= end {
      if isWorkingDay(d) { n += 1 }
      d = d.adding(days: 1)
    }
    return n
  }

  /// `day` when it is a working day, else the next working day.
  public func nextWorkingDay(onOrAfter day: Day) -> Day {
    var d = day
    var steps = 0
    while !isWorkingDay(d) && steps < 1000 {
      d = d.adding(days: 1)
      steps += 1
    }
    return d
  }
}
