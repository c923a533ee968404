/// User-facing text by key, one table per language. Each feature keeps its strings
/// in its own pair of files (`Core+en.swift`, `Core+zhHans.swift`, …) and is listed
/// here once; `StringTableTests` checks both languages have the same keys and that
/// no key is defined twice.
enum StringTables {
  static let enParts: [[String: String]] = [
    coreEn, proposalsEn, assessmentEn, satisfactionEn, kioskEn, disclosureEn, assessmentUIEn, postgresEn,
  ]
  static let zhHansParts: [[String: String]] = [
    coreZhHans, proposalsZhHans, assessmentZhHans, satisfactionZhHans, kioskZhHans, disclosureZhHans,
    assessmentUIZhHans, postgresZhHans,
  ]

  static let en = merged(enParts)
  static let zhHans = merged(zhHansParts)

  /// The parts as one table; a key defined twice keeps its first text (and fails a test).
  static func merged(_ parts: [[String: String]]) -> [String: String] {
    parts.reduce(into: [:]) { table, part in table.merge(part) { first, _ in first } }
  }
}
