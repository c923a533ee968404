import Domain
import Testing

@Test func dayParsesISOAndSpreadsheetForms() {
  #expect(Day(iso: "2024-02-29") == Day(year: 2024, month: 2, day: 29))
  #expect(Day(iso: "2024/1/5") == Day(year: 2024, month: 1, day: 5))
  #expect(Day(iso: "2024.12.31") == Day(year: 2024, month: 12, day: 31))
  #expect(Day(iso: "2000-02-29") != nil)
}

@Test(arguments: [
  "", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00", "abc",
  "2024-01", "2024-01-01-01", " 2024-01-01", "1899-12-31", "2201-01-01", "2024--01",
])
func dayRejectsInvalid(_ text: String) {
  #expect(Day(iso: text) == nil)
}

@Test func dayFormatsAndOrders() {
  #expect(Day(year: 987, month: 3, day: 4).iso == "0987-03-04")
  #expect(Day(year: 2024, month: 1, day: 31) < Day(year: 2024, month: 2, day: 1))
  #expect(Day(year: 2023, month: 12, day: 31) < Day(year: 2024, month: 1, day: 1))
  #expect(Day(year: 2000, month: 2, day: 29).adding(years: 18) == Day(year: 2018, month: 3, day: 1))
  #expect(Day(year: 2000, month: 2, day: 29).adding(years: 4) == Day(year: 2004, month: 2, day: 29))
}

@Test func yearsCountsWholeYears() {
  let birth = Day(year: 2000, month: 6, day: 15)
  #expect(OrgRules.years(from: birth, to: Day(year: 2018, month: 6, day: 14)) == 17)
  #expect(OrgRules.years(from: birth, to: Day(year: 2018, month: 6, day: 15)) == 18)
}
