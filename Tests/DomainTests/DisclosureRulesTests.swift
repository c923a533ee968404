import Domain
import Testing

private func item(
  _ schedule: DisclosureSchedule, starts: String = "2026-01-05", last: String? = nil, event: String? = nil
) -> DisclosureItem {
  DisclosureItem(
    id: 1, level: .society, name: "药品价格", channelIDs: [1], departmentID: 1, schedule: schedule,
    startsOn: day(starts), eventOn: event.map(day), lastPublishedOn: last.map(day))
}

@Suite struct DisclosureRulesTests {
  @Test func perEventItemsAreDueWorkingDaysAfterTheirEvent() {
    let plain = WorkingCalendar()
    // Friday 2025-09-26 + 5 working days = Friday 2025-10-03 without holidays.
    #expect(
      DisclosureRules.nextDue(item(.perEvent(workingDays: 5), event: "2025-09-26"), calendar: plain)
        == day("2025-10-03"))
    // With the National Day holidays and the make-up Sunday 09-28: 28, 29, 30, 09, 10.
    #expect(
      DisclosureRules.nextDue(item(.perEvent(workingDays: 5), event: "2025-09-26"), calendar: nationalDay)
        == day("2025-10-10"))
    // Nothing owed without an event, or once published on or after the event.
    #expect(DisclosureRules.nextDue(item(.perEvent(workingDays: 5)), calendar: plain) == nil)
    #expect(
      DisclosureRules.nextDue(
        item(.perEvent(workingDays: 5), last: "2025-09-26", event: "2025-09-26"), calendar: plain) == nil)
    #expect(
      DisclosureRules.nextDue(
        item(.perEvent(workingDays: 20), last: "2025-09-01", event: "2025-09-26"), calendar: plain)
        == day("2025-10-24"))
  }

  @Test func periodicItemsAreDueByTheEndOfTheNextPeriod() {
    let plain = WorkingCalendar()
    // Published in October: November's is due 11-30 (a Sunday in 2025) → Monday 12-01.
    #expect(
      DisclosureRules.nextDue(item(.monthly, last: "2025-10-10"), calendar: plain) == day("2025-12-01"))
    #expect(
      DisclosureRules.nextDue(item(.quarterly, last: "2025-07-03"), calendar: plain) == day("2025-12-31"))
    // 2027-12-31 is a Friday.
    #expect(DisclosureRules.nextDue(item(.yearly, last: "2026-03-01"), calendar: plain) == day("2027-12-31"))
    // Never published: due by the end of the register date's own period.
    #expect(
      DisclosureRules.nextDue(item(.monthly, starts: "2025-08-20"), calendar: plain) == day("2025-09-01"))
    // A deadline on a holiday moves to the next working day: September's is due 09-30.
    let holidayEnd = WorkingCalendar(holidays: [day("2025-09-30")])
    #expect(
      DisclosureRules.nextDue(item(.monthly, last: "2025-08-05"), calendar: holidayEnd) == day("2025-10-01"))
    let golden = WorkingCalendar(
      holidays: Set([day("2025-09-30")] + (1...8).map { Day(year: 2025, month: 10, day: $0) }))
    #expect(
      DisclosureRules.nextDue(item(.monthly, last: "2025-08-05"), calendar: golden) == day("2025-10-09"))
    // A make-up working Saturday is a working day, so the deadline stays on it.
    let makeup = WorkingCalendar(makeupWorkdays: [day("2026-01-31")])
    #expect(
      DisclosureRules.nextDue(item(.monthly, last: "2025-12-10"), calendar: makeup) == day("2026-01-31"))
    #expect(
      DisclosureRules.nextDue(item(.monthly, last: "2025-12-10"), calendar: WorkingCalendar())
        == day("2026-02-02"))
  }

  @Test func aNeverPublishedPeriodicItemIsDueByTheEndOfItsRegisterPeriod() {
    let plain = WorkingCalendar()
    // A yearly item registered in January 2026 owes 2026's publication, not 2027's.
    #expect(
      DisclosureRules.nextDue(item(.yearly, starts: "2026-01-05"), calendar: plain) == day("2026-12-31"))
    #expect(
      DisclosureRules.nextDue(item(.quarterly, starts: "2026-01-05"), calendar: plain) == day("2026-03-31"))
    #expect(
      DisclosureRules.nextDue(item(.monthly, starts: "2026-01-05"), calendar: plain) == day("2026-02-02"))
    // The optional grace counts working days after the (working) period end:
    // 2026-03-31 is a Tuesday, so 3 working days later is Friday 2026-04-03.
    #expect(
      DisclosureRules.nextDue(
        item(.quarterly, starts: "2026-03-30"), calendar: plain, firstGraceWorkingDays: 3)
        == day("2026-04-03"))
    // The grace applies to the first publication only.
    #expect(
      DisclosureRules.nextDue(
        item(.quarterly, starts: "2026-01-05", last: "2026-02-01"), calendar: plain, firstGraceWorkingDays: 3)
        == day("2026-06-30"))
  }

  @Test func statusIsOverdueTheDayAfterTheDeadline() {
    let plain = WorkingCalendar()
    let monthly = item(.monthly, last: "2025-10-10")  // due 2025-12-01
    #expect(
      DisclosureRules.status(monthly, today: day("2025-11-01"), calendar: plain)
        == .onTrack(due: day("2025-12-01")))
    #expect(
      DisclosureRules.status(monthly, today: day("2025-11-25"), calendar: plain)
        == .dueSoon(due: day("2025-12-01"), workingDaysLeft: 4))
    #expect(
      DisclosureRules.status(monthly, today: day("2025-12-01"), calendar: plain)
        == .dueSoon(due: day("2025-12-01"), workingDaysLeft: 0))
    let late = DisclosureRules.status(monthly, today: day("2025-12-02"), calendar: plain)
    #expect(late == .overdue(due: day("2025-12-01"), days: 1) && late.isOverdue)
    var inactive = monthly
    inactive.active = false
    #expect(DisclosureRules.status(inactive, today: day("2026-06-01"), calendar: plain) == .nothingDue)
  }

  @Test func periodEnds() {
    #expect(DisclosureRules.periodEnd(of: day("2024-02-10"), schedule: .monthly) == day("2024-02-29"))
    #expect(DisclosureRules.periodEnd(of: day("2025-05-10"), schedule: .quarterly) == day("2025-06-30"))
    #expect(DisclosureRules.periodEnd(of: day("2025-11-10"), schedule: .quarterly) == day("2025-12-31"))
    #expect(DisclosureRules.periodEnd(of: day("2025-05-10"), schedule: .yearly) == day("2025-12-31"))
  }

  @Test func validation() {
    var i = item(.perEvent(workingDays: 0))
    i.name = "  "
    i.channelIDs = []
    i.departmentID = nil
    let fields = Set(DisclosureRules.validate(i).map(\.field))
    #expect(fields == ["name", "schedule", "channels", "department"])
    #expect(DisclosureRules.validate(item(.monthly)).isEmpty)
    let p = DisclosurePublication(itemID: 1, publishedOn: day("2025-12-02"), text: " ", channelIDs: [])
    #expect(
      Set(DisclosureRules.validate(p, item: item(.monthly), today: day("2025-12-01")).map(\.field)) == [
        "text", "date", "channels",
      ])
  }

  @Test func schedulesParseAsRegistersWriteThem() {
    #expect(DisclosureRules.parseSchedule("每月") == .monthly)
    #expect(DisclosureRules.parseSchedule("每季度") == .quarterly)
    #expect(DisclosureRules.parseSchedule("yearly") == .yearly)
    #expect(DisclosureRules.parseSchedule("20个工作日内") == .perEvent(workingDays: 20))
    #expect(DisclosureRules.parseSchedule("事后5个工作日内") == .perEvent(workingDays: 5))
    #expect(DisclosureRules.parseSchedule("event:3") == .perEvent(workingDays: 3))
    #expect(DisclosureRules.parseSchedule("10 working days") == .perEvent(workingDays: 10))
    #expect(DisclosureRules.parseSchedule("随时") == nil)
    for s in [DisclosureSchedule.monthly, .quarterly, .yearly, .perEvent(workingDays: 7)] {
      #expect(DisclosureSchedule(code: s.code) == s)
    }
  }

  /// A sign or a fraction before 工作日 is not a number of days: refused, never read as
  /// its digits alone (issue 13 item 28).
  @Test(arguments: [
    "-5个工作日内", "－5个工作日内", "−5个工作日内", "事后-5个工作日内", "2.5个工作日内", "2．5个工作日内", "-5 working days",
    "99999999999999999999个工作日内", "1e9个工作日内", "5天", "nan个工作日内",
  ])
  func schedulesWithASignOrFractionAreRefused(_ text: String) {
    #expect(DisclosureRules.parseSchedule(text) == nil)
  }
}
