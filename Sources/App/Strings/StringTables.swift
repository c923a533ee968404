/// User-facing text by key, one table per language. Each feature keeps its strings
/// in its own files (`Core+en.swift`, `Core+zhHans.swift`, and `Core+zhHant.swift`
/// generated from the latter) and is listed here once; `StringTableTests` checks every
/// language has the same keys and that no key is defined twice.
enum StringTables {
  static let enParts: [[String: String]] = [
    coreEn, proposalsEn, assessmentEn, satisfactionEn, kioskEn, disclosureEn, assessmentUIEn, postgresEn,
  ]
  static let zhHansParts: [[String: String]] = [
    coreZhHans, proposalsZhHans, assessmentZhHans, satisfactionZhHans, kioskZhHans, disclosureZhHans,
    assessmentUIZhHans, postgresZhHans,
  ]
  /// Generated from the zh-Hans parts by `.ci/gen-zh-hant` (OpenCC), never edited by hand.
  static let zhHantParts: [[String: String]] = [
    coreZhHant, proposalsZhHant, assessmentZhHant, satisfactionZhHant, kioskZhHant, disclosureZhHant,
    assessmentUIZhHant, postgresZhHant,
  ]

  static let en = merged(enParts)
  static let zhHans = merged(zhHansParts)
  static let zhHant = merged(zhHantParts)

  /// The parts as one table; a key defined twice keeps its first text (and fails a test).
  static func merged(_ parts: [[String: String]]) -> [String: String] {
    parts.reduce(into: [:]) { table, part in table.merge(part) { first, _ in first } }
  }
}
