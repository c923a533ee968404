import Domain
import Foundation
import Testing

@testable import App
@testable import Store

/// The printed reports (`--format html`): one self-contained page per report, the same
/// figures as the CSV and Markdown of the same command, data text always text.
@MainActor
@Suite struct HTMLReportTests {
  let strings = Strings(.zhHans)

  // MARK: The shared pieces

  @Test func theMarkdownReaderKeepsEscapedPipesAndBackslashesInTheirCells() {
    let document = MarkdownReportReader.read(
      """
      # 标题

      | 名称 | 数 | 说明 |
      | :-- | --: | :-: |
      | a \\| b | 12 | c:\\\\dir \\* x \\d |

      > 注意：甲、乙
      第二段
      继续
      """)
    #expect(document.title == "标题")
    guard case .table(let table) = document.blocks[1] else {
      Issue.record("no table: \(document.blocks)")
      return
    }
    #expect(table.header == ["名称", "数", "说明"])
    #expect(table.alignments == [.left, .right, .center])
    #expect(table.rows == [["a | b", "12", "c:\\dir * x \\d"]])
    #expect(document.blocks[2] == .note("注意：甲、乙"))
    #expect(document.blocks[3] == .paragraph("第二段 继续"))
  }

  @Test func dataTextIsEscapedAndControlCharactersDropped() {
    #expect(
      HTMLText.escape("<script>alert('x')</script> & \"q\"")
        == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
    #expect(HTMLText.escape("a\u{1B}[31mb\u{7}c\u{9B}d\u{2028}") == "a [31mb c d ")
    // In the style sheet's running header nothing can end the string or the <style>.
    let css = HTMLText.cssString("医院\"</style><script>\\\n")
    #expect(!css.contains("</style>") && !css.contains("<") && !css.contains("\n"))
    #expect(css == "\"医院\\22 \\3c /style\\3e \\3c script\\3e \\5c  \"")
  }

  @Test func aPageIsSelfContainedWithPrintStyles() {
    var table = ReportTable(header: ["单位", "总分"], alignments: [.left, .right], rows: [])
    table.rows = [["<b>甲</b>", "95.5"]]
    let chart = SVGChart.bars(
      title: "图", bars: [.init(label: "甲", value: 3, text: "3"), .init(label: "乙", value: 1, text: "1")])
    let html = HTMLPage.render(
      ReportDocument(blocks: [.heading(level: 1, text: "报告"), .table(table), .chart(chart)]),
      header: .init(
        title: "报告", hospital: "示范医院", period: "2026Q3", language: .zhHans, pageNumber: "第 {0} 页 / 共 {1} 页"))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("size: A4"))
    #expect(html.contains("thead { display: table-header-group; }"))
    #expect(html.contains("tr { break-inside: avoid;"))
    #expect(html.contains("@top-center { content: \"示范医院 · 2026Q3\""))
    #expect(html.contains("content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\""))
    #expect(html.contains("<td class=\"k\">&lt;b&gt;甲&lt;/b&gt;</td><td class=\"r k\">95.5</td>"))
    #expect(html.contains("<svg viewBox="))
    // The title is the masthead's, not repeated.
    #expect(html.components(separatedBy: "<h1>").count == 2)
    expectSelfContained(html)
  }

  @Test func barsScaleToTheLargestValueAndHatchThoseShortOfTheTarget() {
    let chart = SVGChart.bars(
      title: "科室",
      bars: [
        .init(label: "甲", value: 90, text: "90.0"), .init(label: "乙", value: 80, text: "80.0 ▼", short: true),
      ], maximum: 100, target: .init(value: 85, label: "目标 85.0%"))
    #expect(chart.markup.components(separatedBy: "class=\"bar\"").count == 2)
    #expect(chart.markup.components(separatedBy: "class=\"bar short\"").count == 2)
    #expect(chart.markup.contains(">80.0 ▼</text>"))
    #expect(chart.markup.contains(">目标 85.0%</text>"))
    #expect(chart.markup.contains("class=\"target\""))
    // Bar lengths are proportional: 90 of 100 against 80 of 100.
    let widths = chart.markup.matches(of: /<rect [^>]*width="([0-9.]+)"/).compactMap { Double($0.1) }
    #expect(widths.count == 2)
    #expect(abs(widths[0] / widths[1] - 90.0 / 80.0) < 0.01, "\(widths)")
    // Nothing breaks on values a chart cannot draw.
    let odd = SVGChart.bars(
      title: "x",
      bars: [.init(label: "a", value: .nan, text: "?"), .init(label: "b", value: -.infinity, text: "?")])
    #expect(!odd.markup.contains("nan") && !odd.markup.contains("inf"))
  }

  @Test func theTrendBreaksItsLineAtAMonthWithoutAFigure() {
    let chart = SVGChart.trend(
      title: "趋势",
      points: [
        .init(label: "2026-01", value: 90, text: "90.0"), .init(label: "2026-02", value: 91, text: "91.0"),
        .init(label: "2026-03", value: nil, text: "n<5"),
        .init(label: "2026-04", value: 88, text: "88.0", short: true),
      ], target: .init(value: 89, label: "目标 89.0%"))
    #expect(chart.markup.components(separatedBy: "<polyline").count == 2)
    #expect(chart.markup.components(separatedBy: "<circle").count == 4)
    #expect(chart.markup.contains("class=\"mark short\""))
    #expect(chart.markup.contains(">n&lt;5</text>"))
    // Gridlines at round figures inside the scale (83 to 94 for rates of 88 to 91).
    for g in ["85", "90"] { #expect(chart.markup.contains(">\(g)</text>"), "\(g)") }
    #expect(!chart.markup.contains(">95</text>") && !chart.markup.contains(">80</text>"))
  }

  @Test func chartsOfAbsurdFiguresNeitherTrapNorHang() {
    for v in [1e300, -1e300, .greatestFiniteMagnitude, .nan, .infinity, 1e15 + 0.5] {
      let bars = SVGChart.bars(
        title: "x", bars: [.init(label: "a", value: v, text: "?")], floor: v, maximum: v)
      let trend = SVGChart.trend(
        title: "x", points: [.init(label: "a", value: v, text: "?"), .init(label: "b", value: 1, text: "1")],
        target: .init(value: v, label: "t"))
      #expect(bars.markup.hasSuffix("</svg>") && trend.markup.hasSuffix("</svg>"))
      #expect(trend.markup.components(separatedBy: "class=\"grid\"").count <= 12)
    }
    #expect(SVGChart.niceStep(3) == 5 && SVGChart.niceStep(0.7) == 1 && SVGChart.niceStep(12) == 20)
  }

  // MARK: The four reports on the demo hospital

  @Test func theAssessmentNoticeShowsTheFiguresOfTheCSV() throws {
    let fixture = try DemoFixture()
    let (period, csv) = try publishedPeriod(fixture.store)
    let html = try HTMLReports.assessments(period: period, store: fixture.store, strings: strings)
    expectSelfContained(html)
    #expect(html.contains("<h1>\(period.text) 党组织考评结果公示</h1>"))
    #expect(html.contains("共治示范医院"))
    #expect(html.contains("考评期：\(period.text)"))
    // Every published unit of the CSV has its place, total and grade in the page.
    let published = csv.filter { ["公示中", "已定等"].contains($0["状态"]) }
    #expect(!published.isEmpty)
    let rows = tableRows(html)
    for unit in published {
      let name = try #require(unit["单位"])
      let row = rows.first { $0.count > 2 && $0[1] == name }
      #expect(row?.first == unit["排名"], "\(name): \(row ?? [])")
      #expect(row?.contains(unit["总分"].map(trimmedNumber) ?? "-") == true, "\(name): \(row ?? []) \(unit)")
    }
    // The grade distribution chart counts what the CSV counts (per kind of unit).
    let branches = published.filter { $0["类型"] == "党支部" }
    let excellent = branches.filter { $0["等次"] == "优秀" }.count
    let share = Points.format((Double(excellent) * 1000 / Double(branches.count)).rounded() / 10)
    #expect(html.contains(">\(excellent) · \(share)%</text>"), "优秀 \(excellent) · \(share)%")
  }

  /// The whole page of the demo's 公示, to review any change of markup or style by eye.
  @Test func theAssessmentNoticePageMatchesItsSnapshot() throws {
    let fixture = try DemoFixture()
    let (period, _) = try publishedPeriod(fixture.store)
    expectSnapshot(
      try HTMLReports.assessments(period: period, store: fixture.store, strings: strings),
      "report-assessments-zh")
    let trend = SVGChart.trend(
      title: "全院满意率月度趋势",
      points: [
        .init(label: "2026-01", value: 95.9, text: "95.9"),
        .init(label: "2026-02", value: 93.1, text: "93.1", short: true),
        .init(label: "2026-03", value: nil, text: "n<5"), .init(label: "2026-04", value: 96.4, text: "96.4"),
      ], target: .init(value: 94, label: "目标 94.0%"))
    expectSnapshot(trend.markup.replacingOccurrences(of: "><", with: ">\n<"), "report-trend-chart")
  }

  @Test func theProposalsReportChartsTheCountsOfTheCSV() throws {
    let fixture = try DemoFixture()
    let session = try #require(try fixture.store.proposals.sessions().first)
    let csv = parseCSV(try ProposalExport.csv(session: session.id, store: fixture.store))
    let html = try HTMLReports.proposals(
      session: session, store: fixture.store, strings: strings, today: DemoFixture.today)
    expectSelfContained(html)
    #expect(html.contains("第 \(session.term) 届职工代表大会 · \(session.year) 年"))
    var checked = 0
    for state in ProposalState.allCases {
      let name = strings("proposal.state.\(state.rawValue)")
      let count = csv.filter { $0["状态"] == ProposalExport.stateNames[state] }.count
      #expect(html.contains(">\(HTMLText.escape(name))</text>"), "\(name)")
      let bar = html.firstMatch(of: try Regex("\(name)</text><rect [^>]*/><text [^>]*>([0-9]+)</text>"))
      #expect(bar.map { String($0.output[1].substring ?? "") } == String(count), "\(name) \(count)")
      checked += count
    }
    #expect(checked == csv.count)
  }

  @Test func theDisclosureReportListsEveryItemOfTheCSV() throws {
    let fixture = try DemoFixture()
    let csv = parseCSV(try DisclosureExport.csv(store: fixture.store, today: DemoFixture.today))
    let html = try HTMLReports.disclosures(store: fixture.store, strings: strings, today: DemoFixture.today)
    expectSelfContained(html)
    #expect(html.contains("统计日期：\(DemoFixture.today.iso)"))
    let names = Set(tableRows(html).compactMap(\.first))
    #expect(!csv.isEmpty)
    for item in csv { #expect(names.contains(item["事项"] ?? item.values.first ?? "?"), "\(item)") }
  }

  @Test func theSatisfactionReportShowsTheRatesOfTheCSV() throws {
    let fixture = try DemoFixture()
    let last = try #require(try fixture.store.satisfaction.monthRange()?.upperBound)
    let first = SatisfactionPeriod(kind: .quarter, containing: last).firstMonth
    let csv = parseCSV(try SatisfactionExport.csv(from: first, to: last, store: fixture.store))
    let html = try HTMLReports.satisfaction(from: first, to: last, store: fixture.store, strings: strings)
    expectSelfContained(html)
    let rows = tableRows(html)
    // Each department's 满意率 in the ranking (and on its bar) is the CSV's.
    var departments = 0
    for line in csv where line["条目"] == "总体" && line["科室"] != "全院" {
      guard let rate = line["满意率(%)"], Double(rate) != nil, let dept = line["科室"] else { continue }
      let row = rows.first { $0.count == 5 && $0[1] == dept && $0[2] == line["样本量"] }
      #expect(row.map { $0[3].hasPrefix(rate) } == true, "\(dept) \(rate) \(row ?? [])")
      #expect(html.contains("\(HTMLText.escape(dept))</text><rect"), "\(dept) has a bar")
      departments += 1
    }
    #expect(departments > 5)
    // Each month of the trend is that month's CSV.
    let population = SatisfactionPopulation.allCases.first { p in
      csv.contains { $0["人群"] == p.chinese && $0["科室"] == "全院" && $0["条目"] == "总体" }
    }
    let p = try #require(population)
    let months = try SatisfactionExport.trend(
      p, from: last.adding(months: -11), to: last, store: fixture.store)
    #expect(months.count >= 3)
    var trend: [(n: String, rate: String)] = []
    for m in months {
      let monthCSV = parseCSV(try SatisfactionExport.csv(from: m.month, to: m.month, store: fixture.store))
      let whole = try #require(
        monthCSV.first { $0["人群"] == p.chinese && $0["科室"] == "全院" && $0["条目"] == "总体" })
      #expect(m.rate == whole["满意率(%)"] || (m.rate == nil && whole["样本量"] == m.sample), "\(m)")
      trend.append(
        (whole["样本量"] ?? "-", whole["满意率(%)"].flatMap { $0.isEmpty ? nil : $0 } ?? whole["样本量"] ?? "-"))
    }
    // The trend's table: months across, a row of sample sizes and one of rates.
    let samples = try #require(rows.first { $0.first == "样本量" && $0.count == months.count + 1 })
    let rates = try #require(rows.first { $0.first == "满意率(%)" && $0.count == months.count + 1 })
    for (i, expected) in trend.enumerated() {
      #expect(samples[i + 1] == expected.n, "\(months[i].month)")
      #expect(rates[i + 1].hasPrefix(expected.rate), "\(months[i].month) \(rates[i + 1])")
    }
    #expect(html.contains("<polyline"))
  }

  @Test func aLongDepartmentRankingIsDrawnInPartsThatFitAPage() throws {
    let fixture = try DemoFixture()
    let items = SatisfactionInstrument.staffDefault.items.map(\.code)
    var csv = "date,population,department," + items.joined(separator: ",") + "\n"
    for d in 1...45 {
      for i in 0..<5 {
        let answer = d % 3 == 0 ? "3" : "5"
        csv +=
          "2026-12-\(String(format: "%02d", i + 1)),staff,测试科\(d),"
          + items.map { _ in answer }.joined(separator: ",") + "\n"
      }
    }
    let path = fixture.directory.appendingPathComponent("many.csv").path
    try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
    _ = try SatisfactionImport.responses(
      path: path, store: fixture.store, actor: Actor(name: "t", role: .admin))
    let december = SatisfactionMonth(year: 2026, month: 12)
    let html = try HTMLReports.satisfaction(
      from: december, to: december, store: fixture.store, strings: strings)
    let charts = html.components(separatedBy: "<figcaption>科室排名 · 满意率(%)</figcaption>").count - 1
    #expect(charts == 2)
    #expect(
      html.components(separatedBy: "测试科").count - 1 >= 45 * 2, "each department in the table and on a bar")
    // Both parts share one scale: the same floor and 100 under their axes.
    let scales = html.matches(of: /class="tick">([0-9.]+)<\/text><text [^>]*class="tick">100<\/text><\/svg>/)
      .map { String($0.1) }
    #expect(scales.count == 2 && Set(scales).count == 1, "\(scales)")
  }

  @Test func hostileTextInTheDataStaysText() throws {
    let fixture = try DemoFixture()
    let admin = Actor(name: "tester", role: .admin)
    try fixture.store.settings.set(SettingKey.hospitalName, to: "<script>alert(1)</script>医院\"}", by: admin)
    let session = try #require(try fixture.store.proposals.sessions().first)
    _ = try fixture.store.proposals.createDraft(
      Proposal(
        sessionID: session.id, title: "<img src=x onerror=alert(1)> a|b \\| c", reasons: "r", measures: "m",
        category: "其他", proposer: "王伟", proposerUnit: "心血管内科", coSigners: ["李娜", "张敏"]), by: admin)
    let html = try HTMLReports.proposals(
      session: session, store: fixture.store, strings: strings, today: DemoFixture.today)
    expectSelfContained(html)
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;医院&quot;}"))
    #expect(html.contains("<td>&lt;img src=x onerror=alert(1)&gt; a|b \\| c</td>"))
  }

  @Test func everyFigureOfTheMarkdownIsInThePageInItsOrder() throws {
    let fixture = try DemoFixture()
    let store = fixture.store
    let today = DemoFixture.today
    let (period, _) = try publishedPeriod(store)
    let session = try #require(try store.proposals.sessions().first)
    let last = try #require(try store.satisfaction.monthRange()?.upperBound)
    let first = SatisfactionPeriod(kind: .quarter, containing: last).firstMonth
    for language in [Language.zhHans, .en] {
      let strings = Strings(language)
      let pairs: [(String, String, String)] = [
        (
          "assessments", try AssessmentExport.markdown(period: period, store: store) { strings($0) },
          try HTMLReports.assessments(period: period, store: store, strings: strings)
        ),
        (
          "proposals",
          try ProposalExport.markdown(
            session: session.id, store: store, labels: { strings($0) }, today: today),
          try HTMLReports.proposals(session: session, store: store, strings: strings, today: today)
        ),
        (
          "disclosures", try DisclosureExport.markdown(store: store, labels: { strings($0) }, today: today),
          try HTMLReports.disclosures(store: store, strings: strings, today: today)
        ),
        (
          "satisfaction",
          try SatisfactionExport.markdown(
            from: first, to: last, store: store, labels: { strings.format($0, $1) }),
          try HTMLReports.satisfaction(from: first, to: last, store: store, strings: strings)
        ),
      ]
      let trendHeading = strings("satisfaction.report.trend", "", "").prefix(4)
      for (name, markdown, html) in pairs {
        // The Markdown without its title and as-of line (the masthead's), the page's
        // main part without charts and without the trend, which the Markdown lacks.
        let expected = figures(
          markdown.split(separator: "\n").filter {
            !$0.hasPrefix("# ") && !$0.hasPrefix(strings("disclosure.report.asOf", "").prefix(4))
          }.joined(separator: "\n"))
        var main = String(html[html.range(of: "<main>")!.upperBound...])
        main = main.replacing(/<figure.*?<\/figure>/, with: "")
        main = main.replacing(
          try Regex("<h3>\(trendHeading).*?</table>").dotMatchesNewlines(), with: "")
        let shown = figures(unescape(main.replacing(/<[^>]+>/, with: " ")))
        #expect(shown == expected, "\(name) \(language): \(shown.count) figures against \(expected.count)")
        #expect(expected.count > 20, "\(name)")
      }
    }
  }

  // MARK: Helpers

  /// No script, no web address, no control character: the file stands alone.
  func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!html.lowercased().contains("<script"), sourceLocation: sourceLocation)
    #expect(!html.contains("http://") && !html.contains("https://"), sourceLocation: sourceLocation)
    #expect(!html.contains("url(http") && !html.contains("@import"), sourceLocation: sourceLocation)
    let controls = html.unicodeScalars.filter { HTMLText.isControl($0) && $0 != "\n" }
    #expect(controls.isEmpty, "control characters: \(controls.map(\.value))", sourceLocation: sourceLocation)
    #expect(html.contains("<svg"), sourceLocation: sourceLocation)
  }

  /// The first period whose CSV has a published (公示中/已定等) row, with that CSV.
  func publishedPeriod(_ store: GongzhiStore) throws -> (Period, [[String: String]]) {
    for period in try store.assessments.periods() {
      let csv = parseCSV(try AssessmentExport.csv(period: period, store: store))
      if csv.contains(where: { ["公示中", "已定等"].contains($0["状态"]) }) { return (period, csv) }
    }
    throw CLIError("no published period in the demo")
  }

  /// A number cell as the report prints it ("95.50" in a CSV is "95.5").
  func trimmedNumber(_ s: String) -> String { Double(s).map(Points.format) ?? s }

  /// The cells of every body row of every table, entities undone.
  func tableRows(_ html: String) -> [[String]] {
    html.matches(of: /<tr>(.*?)<\/tr>/).map { row in
      String(row.1).matches(of: /<td[^>]*>(.*?)<\/td>/).map { unescape(String($0.1)) }
    }.filter { !$0.isEmpty }
  }

  /// Every number in a text, in order ("95.5", "2026", "7").
  func figures(_ text: String) -> [String] {
    text.matches(of: /[0-9]+(\.[0-9]+)?/).map { String($0.0) }
  }

  func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// A CSV export's rows by header name (BOM dropped).
  func parseCSV(_ text: String) -> [[String: String]] {
    let reader = CSVReader(text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    guard let header = try? reader.next() else { return [] }
    var rows: [[String: String]] = []
    while let record = try? reader.next() {
      rows.append(Dictionary(zip(header.fields, record.fields), uniquingKeysWith: { a, _ in a }))
    }
    return rows
  }
}
