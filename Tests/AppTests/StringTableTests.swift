import Domain
import Store
import Testing

@testable import App

@Suite struct StringTableTests {
  /// Issue 13 item 28: a period that is not one (2026Q9) says how a period is written;
  /// no stored period says so; never "可用：" with an empty list.
  @Test func noPeriodNeverEndsWithAnEmptyList() {
    for language in Language.allCases {
      let strings = Strings(language)
      let malformed = strings.noPeriod("2026Q9", available: [Period(year: 2025, quarter: 3)])
      #expect(malformed == strings("error.cli.badPeriod", "2026Q9"))
      let none = strings.noPeriod("2019Q1", available: [])
      #expect(none == strings("error.cli.noPeriods", "2019Q1"))
      let listed = strings.noPeriod(
        "2019Q1", available: [Period(year: 2025, quarter: 3), Period(year: 2025)])
      #expect(listed.hasSuffix("2025Q3, 2025"), "\(listed)")
      for text in [malformed, none] {
        #expect(!text.hasSuffix("：") && !text.hasSuffix(": "), "\(text)")
      }
    }
    // The user's text is quoted as a short one-line excerpt.
    let long = Strings(.zhHans).noPeriod("2026Q9\n" + String(repeating: "x", count: 500), available: [])
    #expect(!long.contains("\n") && long.count < 120)
  }

  @Test func bothTablesHaveTheSameKeys() {
    let en = Set(StringTables.en.keys)
    let zh = Set(StringTables.zhHans.keys)
    #expect(en.subtracting(zh).sorted() == [], "keys missing from zh-Hans")
    #expect(zh.subtracting(en).sorted() == [], "keys missing from en")
  }

  @Test func noKeyIsDefinedTwice() {
    for parts in [StringTables.enParts, StringTables.zhHansParts] {
      var seen: Set<String> = []
      for part in parts {
        let twice = seen.intersection(part.keys)
        #expect(twice.isEmpty, "defined in two string files: \(twice.sorted())")
        seen.formUnion(part.keys)
      }
    }
  }

  @Test func everyDomainAndStoreMessageHasText() {
    for key in MessageKeys.all + StoreMessageKeys.all {
      #expect(StringTables.en[key] != nil, "en lacks \(key)")
      #expect(StringTables.zhHans[key] != nil, "zh-Hans lacks \(key)")
    }
  }

  @Test func everyEnumValueShownOnScreenHasText() {
    var keys: [String] = Role.allCases.map { "role.\($0.rawValue)" }
    keys += Gender.allCases.map { "gender.\($0.rawValue)" }
    keys += Standing.allCases.map { "standing.\($0.rawValue)" }
    keys += Employment.allCases.map { "employment.\($0.rawValue)" }
    keys += MemberCategory.allCases.map { "memberCategory.\($0.rawValue)" }
    keys += UnitKind.allCases.map { "unitKind.\($0.rawValue)" }
    keys += DepartmentCategory.allCases.map { "deptCategory.\($0.rawValue)" }
    // Every built-in proposal category has a code, and the code its words.
    for category in ProposalPolicy.standard.categories {
      let code = ProposalPolicy.builtInCategoryCodes[category]
      #expect(code != nil, "no code for the category \(category)")
      keys += code.map { ["proposal.category.\($0)"] } ?? []
    }
    for key in keys {
      #expect(StringTables.en[key] != nil, "en lacks \(key)")
      #expect(StringTables.zhHans[key] != nil, "zh-Hans lacks \(key)")
    }
  }

  @Test func placeholdersAgreeBetweenLanguages() {
    func placeholders(_ s: String) -> Set<String> {
      Set((0..<10).map { "{\($0)}" }.filter { s.contains($0) })
    }
    for (key, en) in StringTables.en {
      guard let zh = StringTables.zhHans[key] else { continue }
      #expect(placeholders(en) == placeholders(zh), "placeholders differ for \(key)")
    }
  }

  @Test func languageResolution() {
    #expect(Language.resolve(flag: nil, environment: [:]) == .zhHans)
    #expect(Language.resolve(flag: "en", environment: [:]) == .en)
    #expect(Language.resolve(flag: nil, environment: ["GONGZHI_LANG": "en_US.UTF-8"]) == .en)
    #expect(Language.resolve(flag: "zh", environment: ["GONGZHI_LANG": "en"]) == .zhHans)
  }

  @Test func importErrorsReadAsFileLineColumn() {
    let error = ImportError(
      file: "members.csv", line: 7, column: 3,
      problem: Message(key: "error.import.badDate", args: ["2024-13-01"]))
    let text = Strings(.en).describe(error)
    #expect(text.hasPrefix("members.csv:7:3: "), "\(text)")
    #expect(text.contains("2024-13-01"))
  }
}
