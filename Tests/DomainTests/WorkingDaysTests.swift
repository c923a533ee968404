import Domain
import Testing

@Test func ordinalsAndWeekdays() {
  #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
  #expect(day("2025-03-03").ordinal == 20150 && Day(ordinal: 20150) == day("2025-03-03"))
  #expect(Day(ordinal: -1) == day("1969-12-31"))
  for o in stride(from: -30000, through: 80000, by: 37) { #expect(Day(ordinal: o).ordinal == o) }
  #expect(day("2025-03-03").weekday == 1 && day("2025-11-30").weekday == 7 && day("2025-01-01").weekday == 3)
  #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
  #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
  #expect(day("2025-03-01").days(to: day("2025-02-01")) == -28)
}

@Test func addingMonthsClampsToTheMonthEnd() {
  #expect(day("2025-11-30").adding(months: 3) == day("2026-02-28"))
  #expect(day("2023-11-30").adding(months: 3) == day("2024-02-29"))
  #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
  #expect(day("2025-12-15").adding(months: 1) == day("2026-01-15"))
  #expect(day("2025-01-15").adding(months: -1) == day("2024-12-15"))
}

@Test func workingDaysSkipWeekendsAndHolidaysButKeepMakeUpDays() {
  let plain = WorkingCalendar()
  #expect(plain.isWorkingDay(day("2025-09-26")) && !plain.isWorkingDay(day("2025-09-27")))
  #expect(plain.addingWorkingDays(1, to: day("2025-09-26")) == day("2025-09-29"))
  #expect(plain.addingWorkingDays(0, to: day("2025-09-27")) == day("2025-09-27"))
  #expect(plain.addingWorkingDays(5, to: day("2025-09-26")) == day("2025-10-03"))
  #expect(nationalDay.isWorkingDay(day("2025-09-28")) && !nationalDay.isWorkingDay(day("2025-10-06")))
  #expect(nationalDay.addingWorkingDays(4, to: day("2025-09-26")) == day("2025-10-09"))
  #expect(nationalDay.workingDays(after: day("2025-09-26"), through: day("2025-10-13")) == 7)
  #expect(nationalDay.workingDays(after: day("2025-10-13"), through: day("2025-09-26")) == 0)
  #expect(nationalDay.nextWorkingDay(onOrAfter: day("2025-10-01")) == day("2025-10-09"))
  #expect(nationalDay.nextWorkingDay(onOrAfter: day("2025-10-11")) == day("2025-10-11"))
  let fromList = WorkingCalendar([
    Holiday(day: day("2025-10-01"), kind: .holiday, name: "国庆节"),
    Holiday(day: day("2025-10-11"), kind: .workday),
  ])
  #expect(!fromList.isWorkingDay(day("2025-10-01")) && fromList.isWorkingDay(day("2025-10-11")))
}
