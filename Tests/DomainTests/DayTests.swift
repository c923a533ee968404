import Domain
import Foundation
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

/// The parser before the ten-byte fast path, verbatim: the oracle the fast path must agree with.
private func splitParsedDay(_ text: String) -> Day? {
  let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
  guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
    (1900...2200).contains(y), (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y)
  else { return nil }
  return Day(year: y, month: m, day: d)
}

/// The ten-byte fast path of `Day(iso:)` must agree with the split parser on every
/// input: generated near-dates (every separator, leap days, invalid days and months,
/// out-of-range years), non-ASCII digits and signs, and random bytes.
@Test func dayFastPathAgreesWithGeneralParser() {
  var rng = SeededGenerator(seed: 16)
  let digits = Array("0123456789")
  let odd: [Character] = ["-", "/", ".", " ", "+", "０", "٣", "\u{0}", "a", "\u{301}", "x", "9"]
  var inputs = [
    "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2100-02-29", "2200-12-31", "2201-01-01",
    "1899-12-31", "1900-01-01", "2024-04-31", "2024-00-01", "2024-13-01", "2024-01-00", "2024/01.05",
    "２０２４-０１-０１", "2024-01-0١", "+024-01-01", "2024-+1-01", "2024--1-01", "-2024-1-01", "2024-01-01",
    "2024-1-1", "2024-01-1x", "0000-00-00", "9999-99-99",
  ]
  for _ in 0..<20_000 {
    let year = Int.random(in: 1890...2210, using: &rng)
    let month = Int.random(in: 0...13, using: &rng)
    let day = Int.random(in: 0...32, using: &rng)
    let separators = ["-", "/", ".", "-"]
    let a = separators.randomElement(using: &rng)!
    let b = separators.randomElement(using: &rng)!
    var text = Array(
      String(format: "%04d", year) + a + String(format: "%02d", month) + b + String(format: "%02d", day))
    // Sometimes one character replaced by a digit, a separator or something else.
    if Bool.random(using: &rng) {
      let at = Int.random(in: 0..<text.count, using: &rng)
      text[at] =
        Bool.random(using: &rng) ? digits.randomElement(using: &rng)! : odd.randomElement(using: &rng)!
    }
    inputs.append(String(text))
  }
  for _ in 0..<5_000 {
    let length = Int.random(in: 0...12, using: &rng)
    inputs.append(String((0..<length).map { _ in (digits + odd).randomElement(using: &rng)! }))
  }
  var parsed = 0
  for text in inputs {
    let fast = Day(iso: text)
    #expect(fast == splitParsedDay(text), "\(text.debugDescription)")
    if fast != nil { parsed += 1 }
  }
  // The inputs include real dates as well as invalid ones.
  #expect(parsed > 5_000)
  #expect(parsed < inputs.count - 5_000)
}
