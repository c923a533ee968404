import Domain
import Foundation
import Store
import Testing

@testable import App

/// The command-line paths (`gongzhi import responses|results`, `export satisfaction`,
/// `satisfaction rebuild`) through the same functions the executable calls.
@MainActor
@Suite struct SatisfactionCommandTests {
  func options(_ fixture: DemoFixture, _ language: Language = .zhHans) -> LaunchOptions {
    LaunchOptions(databasePath: fixture.path, user: nil, theme: nil, language: language, ambiguousWide: false)
  }

  func write(_ text: String, in fixture: DemoFixture, name: String) throws -> String {
    let path = fixture.directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  static let staffItems = SatisfactionInstrument.staffDefault.items.map(\.code)

  /// A month of staff sheets for December 2026, all answering `answer`.
  func december(_ count: Int, answer: String = "4") -> String {
    var csv = "date,population,department," + Self.staffItems.joined(separator: ",") + "\n"
    for i in 0..<count {
      csv +=
        "2026-12-\(String(format: "%02d", i % 28 + 1)),staff,心血管内科,"
        + Self.staffItems.map { _ in answer }.joined(separator: ",") + "\n"
    }
    return csv
  }

  @Test func importingAGoodFileAddsTheMonthToTheDashboard() throws {
    let fixture = try DemoFixture()
    let before = try fixture.store.satisfaction.responseCount()
    let path = try write(december(40), in: fixture, name: "2026-12.csv")
    var calls = 0
    let line = try SatisfactionCommands.importResponses(
      file: path, options: options(fixture), progress: { _, _ in calls += 1 })
    #expect(line.hasPrefix("已从 \(path) 导入 40 份答卷"), "\(line)")
    #expect(calls > 0)
    #expect(try fixture.store.satisfaction.responseCount() == before + 40)
    #expect(try fixture.store.satisfaction.latestMonth(.staff) == SatisfactionMonth(year: 2026, month: 12))
    let en = try SatisfactionCommands.importResponses(
      file: try write(december(5, answer: "5"), in: fixture, name: "more.csv"), options: options(fixture, .en)
    )
    #expect(en.hasPrefix("Imported 5 answer sheets from"), "\(en)")

    let shell = fixture.shell()
    try shell.prepareRender(name: "satisfaction", subject: nil, options: [:])
    let driver = Driver(shell, size: .init(width: 80, height: 24))
    #expect(driver.screen.contains("职工满意度 · 2026-12"))
    #expect(driver.screen.contains("样本 n=45"))
  }

  @Test func aBadFileWritesNothingAndNamesLineAndColumn() throws {
    let fixture = try DemoFixture()
    let before = try fixture.store.satisfaction.responseCount()
    let auditBefore = try fixture.store.audit.entries(entity: nil, since: nil, limit: nil).count
    var csv = december(10)
    csv +=
      "2026-12-15,staff,心血管内科,"
      + Self.staffItems.enumerated().map { $0.offset == 2 ? "7" : "4" }
      .joined(separator: ",") + "\n"
    let path = try write(csv, in: fixture, name: "bad.csv")
    do {
      _ = try SatisfactionCommands.importResponses(file: path, options: options(fixture))
      Issue.record("a bad file was accepted")
    } catch {
      let zh = Strings(.zhHans).describe(error)
      #expect(zh.hasPrefix("\(path):12:6: "), "\(zh)")
      #expect(zh.contains("“7”不是题目 workload 的有效答案"), "\(zh)")
      let en = Strings(.en).describe(error)
      #expect(en.contains("“7” is not a valid answer for item workload"), "\(en)")
    }
    #expect(try fixture.store.satisfaction.responseCount() == before)
    #expect(try fixture.store.satisfaction.latestMonth(.staff) == SatisfactionMonth(year: 2026, month: 11))
    #expect(try fixture.store.audit.entries(entity: nil, since: nil, limit: nil).count == auditBefore)

    let unknown = try write(
      "date,population,department,salary\n2026-12-01,staff,骨科,5\n", in: fixture, name: "u.csv")
    #expect {
      _ = try SatisfactionCommands.importResponses(file: unknown, options: options(fixture))
    } throws: { error in
      Strings(.zhHans).describe(error).hasPrefix("\(unknown):1:4: 未知列“salary”")
    }
    // The same file twice is refused.
    let good = try write(december(6), in: fixture, name: "twice.csv")
    _ = try SatisfactionCommands.importResponses(file: good, options: options(fixture))
    #expect {
      _ = try SatisfactionCommands.importResponses(file: good, options: options(fixture))
    } throws: { error in
      Strings(.zhHans).describe(error).contains("已导入过")
    }
  }

  @Test func platformResultsImportAndBadPercent() throws {
    let fixture = try DemoFixture()
    let good = try write(
      "period,population,department,item,n,rate,mean\n2026-12,staff,,,210,95.2,88.5\n", in: fixture,
      name: "r.csv")
    let line = try SatisfactionCommands.importResults(file: good, options: options(fixture))
    #expect(line.hasPrefix("已从 \(good) 导入 1 条平台汇总结果"), "\(line)")
    let bad = try write(
      "period,population,department,item,n,rate,mean\n2026-12,outpatient,,,210,112,88.5\n", in: fixture,
      name: "bad-r.csv")
    #expect {
      _ = try SatisfactionCommands.importResults(file: bad, options: options(fixture))
    } throws: { error in
      Strings(.zhHans).describe(error) == "\(bad):2:6: “112”不是 0–100 之间的百分数。"
    }
    #expect(
      try fixture.store.satisfaction.results(
        .outpatient, from: .init(year: 2026, month: 12), to: .init(year: 2026, month: 12)
      ).isEmpty)
  }

  @Test func exportsTheQuarterAsCSVAndMarkdown() throws {
    let fixture = try DemoFixture()
    let csv = try SatisfactionCommands.export(
      from: "2026-07", to: "2026-09", format: "csv", options: options(fixture))
    #expect(csv.hasPrefix("\u{FEFF}起始月,截止月,人群"))
    #expect(csv.contains("2026-07,2026-09,职工,全院,,总体,600,"))
    let md = try SatisfactionCommands.export(
      from: "2026-07", to: "2026-09", format: "md", options: options(fixture, .en))
    #expect(md.hasPrefix("# Satisfaction report 2026-07–2026-09"))
    #expect(md.contains("## Staff") && md.contains("### Weakest items"))
    // Default: the latest quarter up to the latest month.
    let latest = try SatisfactionCommands.export(from: nil, to: nil, format: "md", options: options(fixture))
    #expect(latest.hasPrefix("# 满意度报告 2026-10–2026-11"))
    #expect(throws: CLIError.self) {
      try SatisfactionCommands.export(
        from: "2026-09", to: "2026-07", format: "csv", options: options(fixture))
    }
    #expect(throws: CLIError.self) {
      try SatisfactionCommands.export(from: "July", to: nil, format: "csv", options: options(fixture))
    }
    #expect(throws: CLIError.self) {
      try SatisfactionCommands.export(from: nil, to: nil, format: "xlsx", options: options(fixture))
    }
  }

  @Test func exportGapsAreExplained() throws {
    let fixture = try DemoFixture()
    let range = try #require(try fixture.store.satisfaction.monthRange())
    // A range without any answers: one clear error naming the range and the data there
    // is (the executable prints it on stderr and exits 1), never a bare heading.
    for format in ["md", "csv"] {
      #expect {
        try SatisfactionCommands.export(
          from: "2020-01", to: "2020-03", format: format, options: options(fixture))
      } throws: { error in
        let zh = Strings(.zhHans).describe(error)
        return zh.contains("2020-01 至 2020-03 没有满意度数据")
          && zh.contains("\(range.lowerBound) 至 \(range.upperBound)")
      }
    }
    // December: staff only, one department under k. The patients' sections say they
    // have no data; the footer names k.
    var csv = december(6)
    for day in 1...3 {
      csv += "2026-12-0\(day),staff,新设科室," + Self.staffItems.map { _ in "5" }.joined(separator: ",") + "\n"
    }
    _ = try SatisfactionCommands.importResponses(
      file: try write(csv, in: fixture, name: "dec.csv"), options: options(fixture))
    let md = try SatisfactionCommands.export(
      from: "2026-12", to: "2026-12", format: "md", options: options(fixture))
    #expect(md.contains("## 门诊患者\n\n2026-12 至 2026-12 无数据。\n"), "\(md)")
    #expect(md.contains("## 住院患者\n\n2026-12 至 2026-12 无数据。\n"), "\(md)")
    #expect(md.contains("n<5：样本量少于 5 份的分组不单独显示") && !md.contains("n<k"), "\(md)")
    let en = try SatisfactionCommands.export(
      from: "2026-12", to: "2026-12", format: "md", options: options(fixture, .en))
    #expect(en.contains("## Outpatients\n\nNo data from 2026-12 to 2026-12.\n"), "\(en)")
    #expect(en.contains("n<5: groups with fewer than 5 responses"), "\(en)")
  }

  /// A new user can write an answer-sheet CSV without reading the source: the import
  /// help describes the columns and answers, and `satisfaction items` lists the codes.
  @Test func itemCodesAndImportHelpDescribeTheColumns() throws {
    let fixture = try DemoFixture()
    let all = try SatisfactionCommands.items(population: nil, options: options(fixture))
    for p in SatisfactionPopulation.allCases {
      let inst = SatisfactionInstrument.defaultInstrument(p)
      #expect(
        all.contains("CSV 表头：date,population,department," + inst.items.map(\.code).joined(separator: ",")))
      for item in inst.items { #expect(all.contains(item.code) && all.contains(item.title), "\(item.code)") }
    }
    #expect(all.contains("职工（staff）") && all.contains("非常不满意/不满意/一般/满意/非常满意"))
    #expect(all.contains("从未/有时/经常/总是"))
    let outpatient = try SatisfactionCommands.items(population: "门诊", options: options(fixture, .en))
    #expect(outpatient.contains("Outpatients (outpatient)") && !outpatient.contains("Staff (staff)"))
    #expect(outpatient.contains("Registration") || outpatient.contains("registration"), "\(outpatient)")
    #expect(throws: CLIError.self) {
      try SatisfactionCommands.items(population: "visitors", options: options(fixture))
    }
    // The help of both imports names the header, the answer forms and the items command.
    for language in [Language.zhHans, .en] {
      let strings = Strings(language)
      let responses = strings("help.import.responses.discussion")
      #expect(responses.contains("date,population,department"))
      #expect(responses.contains("NA") && responses.contains("不适用") && responses.contains("非常满意"))
      #expect(responses.contains("gongzhi satisfaction items"))
      let results = strings("help.import.results.discussion")
      #expect(results.contains("period,population,department,item,n,rate,mean"))
      #expect(results.contains("gongzhi satisfaction items"))
    }
  }

  @Test func rebuildSaysTheFiguresAreUnchanged() throws {
    let fixture = try DemoFixture()
    _ = try SatisfactionCommands.importResponses(
      file: try write(december(12), in: fixture, name: "d.csv"), options: options(fixture))
    let line = try SatisfactionCommands.rebuild(options: options(fixture))
    #expect(line.contains("所有数字不变"), "\(line)")
    #expect(line.contains("份答卷"))
  }
}
