import Domain
import Foundation
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

  @Test func everyTableHasTheSameKeys() {
    let en = Set(StringTables.en.keys)
    let zh = Set(StringTables.zhHans.keys)
    let hant = Set(StringTables.zhHant.keys)
    #expect(en.subtracting(zh).sorted() == [], "keys missing from zh-Hans")
    #expect(zh.subtracting(en).sorted() == [], "keys missing from en")
    #expect(zh.symmetricDifference(hant).sorted() == [], "zh-Hant differs from zh-Hans: run .ci/gen-zh-hant")
  }

  @Test func noKeyIsDefinedTwice() {
    for parts in [StringTables.enParts, StringTables.zhHansParts, StringTables.zhHantParts] {
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
      #expect(StringTables.zhHant[key] != nil, "zh-Hant lacks \(key)")
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
      #expect(
        placeholders(zh) == placeholders(StringTables.zhHant[key] ?? ""), "zh-Hant placeholders for \(key)")
    }
  }

  /// The committed zh-Hant tables are exactly what `.ci/gen-zh-hant` makes of the
  /// zh-Hans ones now (CI installs opencc; without it there is nothing to compare with).
  @Test(.enabled(if: ZhHantGenerator.available)) func zhHantTablesAreTheGeneratorsOutput() throws {
    let fresh = try ZhHantGenerator.run()
    let files = fresh.components(separatedBy: "=== ").filter { !$0.isEmpty }
    #expect(files.count == StringTables.zhHansParts.count)
    for file in files {
      let (path, generated) = file.split(separator: "\n", maxSplits: 1).map(String.init).pair
      let committed = try String(contentsOfFile: ZhHantGenerator.root + "/" + path, encoding: .utf8)
      #expect(committed == generated, "\(path) is stale: run .ci/gen-zh-hant")
    }
  }

  /// What zh-Hant changes is the script, never the placeholders, markup or ASCII text
  /// (commands, options, file names) the Simplified text holds.
  @Test func zhHantChangesOnlyChineseCharacters() {
    for (key, hans) in StringTables.zhHans {
      let hant = StringTables.zhHant[key] ?? ""
      #expect(hans.unicodeScalars.count == hant.unicodeScalars.count, "\(key): \(hant)")
      for (a, b) in zip(hans.unicodeScalars, hant.unicodeScalars) where a != b {
        #expect(a.value >= 0x2E80 && b.value >= 0x2E80, "\(key): \(a) became \(b)")
      }
    }
    #expect(Strings(.zhHant)("help.opt.lang").contains("繁體"))
  }

  @Test func languageResolution() {
    #expect(Language.resolve(flag: nil, environment: [:]) == .zhHans)
    #expect(Language.resolve(flag: "en", environment: [:]) == .en)
    #expect(Language.resolve(flag: nil, environment: ["GONGZHI_LANG": "en_US.UTF-8"]) == .en)
    #expect(Language.resolve(flag: "zh", environment: ["GONGZHI_LANG": "en"]) == .zhHans)
    for traditional in ["zh-Hant", "zh_TW", "zh-HK", "zh_MO.UTF-8", "zh-Hant-TW", "ZH_hk"] {
      #expect(Language.resolve(flag: traditional, environment: [:]) == .zhHant, "\(traditional)")
    }
    #expect(Language.resolve(flag: nil, environment: ["GONGZHI_LANG": "zh_TW.UTF-8"]) == .zhHant)
    for simplified in ["zh", "zh-Hans", "zh_CN.UTF-8", "zh-SG", "zh-Hans-HK", "zhtw"] {
      #expect(Language.resolve(flag: simplified, environment: [:]) == .zhHans, "\(simplified)")
    }
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

/// Runs `.ci/gen-zh-hant --stdout` from the repository this file is in.
enum ZhHantGenerator {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static var available: Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/opencc")
    }
  }

  static func run() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: root + "/.ci/gen-zh-hant")
    process.arguments = ["--stdout"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

extension Array where Element == String {
  fileprivate var pair: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
