import Domain
import Foundation
import Store

/// The four reports offices print (`--format html`): each is the Markdown report of the
/// same command, typeset on the shared page (`HTMLPage`) with charts added beside the
/// tables they draw (`SVGChart`). A chart's figures are read from the table it sits
/// beside, so it cannot disagree with it.
public enum HTMLReports {
  /// The 公示 of a period: the rankings as the Markdown notice has them, and the grade
  /// distribution of each ranking as bars.
  public static func assessments(period: Period, store: GongzhiStore, strings: Strings) throws -> String {
    let markdown = try AssessmentExport.markdown(period: period, store: store) { strings($0) }
    var document = MarkdownReportReader.read(markdown)
    let heading = strings("report.assessment.distribution")
    for (index, table) in document.tables(under: { $0 == heading }).reversed() {
      let counts = table.column(strings("report.column.count"))
      let shares = table.column(strings("report.column.share"))
      let bars = table.rows.indices.map { i in
        SVGChart.Bar(
          label: table.rows[i].first ?? "", value: Double(counts[i]) ?? 0, text: "\(counts[i]) · \(shares[i])"
        )
      }
      document.insert(.chart(.bars(title: heading, bars: bars)), after: index)
    }
    return try page(
      document, period: strings("report.html.assessmentPeriod", period.text), store: store, strings: strings)
  }

  /// A congress session's proposals: the KPIs and lists of the Markdown summary, with the
  /// number of proposals in each state as bars before the lists.
  public static func proposals(session: CongressSession, store: GongzhiStore, strings: Strings, today: Day)
    throws -> String
  {
    let markdown = try ProposalExport.markdown(
      session: session.id, store: store, labels: { strings($0) }, today: today)
    var document = MarkdownReportReader.read(markdown)
    let byState = strings("proposal.report.byState")
    if let at = document.blocks.firstIndex(of: .heading(level: 2, text: byState)) {
      // Each state's list is headed "状态 (n)"; its rows are the proposals counted.
      let bars = ProposalState.allCases.map { state in
        let name = strings("proposal.state.\(state.rawValue)")
        let rows = document.tables(under: { $0.hasPrefix(name + " (") }).first?.table.rows.count ?? 0
        return SVGChart.Bar(label: name, value: Double(rows), text: String(rows))
      }
      document.insert(.chart(.bars(title: byState, bars: bars)), after: at)
    }
    let period = strings("report.html.proposalSession", String(session.term), String(session.year))
    return try page(document, period: period, store: store, strings: strings)
  }

  /// The disclosure register's report as the Markdown has it (counts, lists, overdue).
  public static func disclosures(store: GongzhiStore, strings: Strings, today: Day) throws -> String {
    let markdown = try DisclosureExport.markdown(store: store, labels: { strings($0) }, today: today)
    let document = MarkdownReportReader.read(markdown)
    return try page(
      document, period: strings("disclosure.report.asOf", today.iso), store: store, strings: strings)
  }

  /// The satisfaction report of a month range: per population the Markdown's tables, the
  /// whole hospital's 满意率 month by month against the target (a table and a line, the
  /// twelve months up to `to`), and the department ranking as bars against the target.
  public static func satisfaction(
    from: SatisfactionMonth, to: SatisfactionMonth, store: GongzhiStore, strings: Strings,
    k: Int = GroupScore.defaultK
  ) throws -> String {
    let markdown = try SatisfactionExport.markdown(
      from: from, to: to, store: store, labels: { strings.format($0, $1) }, k: k)
    let source = MarkdownReportReader.read(markdown)
    let firstData = try store.satisfaction.monthRange()?.lowerBound ?? from
    let trendFrom = max(firstData, min(from, to.adding(months: -11)))
    let rankingHeading = strings("satisfaction.report.ranking")
    let rate = strings("satisfaction.report.rate")
    var blocks: [ReportBlock] = []
    var population: SatisfactionPopulation?
    var target: (value: Double, text: String)?
    var previousHeading = ""
    for block in source.blocks {
      blocks.append(block)
      switch block {
      case .heading(let level, let text):
        if level == 2 {
          population = SatisfactionPopulation.allCases.first {
            strings("satisfaction.population.\($0.rawValue)") == text
          }
          target = nil
        }
        previousHeading = text
      case .table(let table):
        guard let p = population else { break }
        if previousHeading == strings("satisfaction.population.\(p.rawValue)") {
          // The whole hospital's table: its target is the line the charts draw.
          let text = table.column(strings("satisfaction.report.target")).first ?? ""
          if let value = Double(text) { target = (value, text) }
          blocks += try trend(
            p, from: trendFrom, to: to, target: target, store: store, strings: strings, k: k)
        } else if previousHeading == rankingHeading {
          let names = table.column(strings("satisfaction.report.department"))
          let bars = zip(names, table.column(rate)).compactMap { name, cell -> SVGChart.Bar? in
            // Departments under k show "n<k": no bar for them.
            guard let value = Double(cell.prefix { $0.isNumber || $0 == "." }) else { return nil }
            return SVGChart.Bar(label: name, value: value, text: cell, short: cell.contains("▼"))
          }
          if let lowest = (bars.map(\.value) + [target?.value].compactMap { $0 }).min() {
            // From a round figure a little below the lowest, so the differences show.
            let floor = max(0, ((lowest - 2) / 5).rounded(.down) * 5)
            // An SVG cannot break across pages: a long ranking is drawn in parts that fit
            // one, on the same scale.
            for start in stride(from: 0, to: bars.count, by: SVGChart.barsPerChart) {
              blocks.append(
                .chart(
                  .bars(
                    title: "\(rankingHeading) · \(rate)",
                    bars: Array(bars[start..<min(bars.count, start + SVGChart.barsPerChart)]), floor: floor,
                    maximum: 100,
                    target: target.map {
                      .init(value: $0.value, label: strings("report.html.target", $0.text))
                    })))
            }
          }
        }
      default: break
      }
    }
    let period = strings("report.html.monthRange", from.description, to.description)
    return try page(ReportDocument(blocks: blocks), period: period, store: store, strings: strings)
  }

  /// The trend of one population: a heading, the months as a table and as a line.
  static func trend(
    _ population: SatisfactionPopulation, from: SatisfactionMonth, to: SatisfactionMonth,
    target: (value: Double, text: String)?, store: GongzhiStore, strings: Strings, k: Int
  ) throws -> [ReportBlock] {
    let months = try SatisfactionExport.trend(population, from: from, to: to, store: store, k: k)
    guard !months.isEmpty else { return [] }
    let heading = strings("satisfaction.report.trend", from.description, to.description)
    // Months across, as on the chart above it: one row of sample sizes, one of rates.
    let table = ReportTable(
      header: [strings("satisfaction.report.month")] + months.map(\.month.description),
      alignments: [.left] + months.map { _ in .right },
      rows: [
        [strings("satisfaction.report.n")] + months.map(\.sample),
        [strings("satisfaction.report.rate")]
          + months.map { ($0.rate ?? $0.sample) + ($0.belowTarget ? " ▼" : "") },
      ])
    let points = months.map { m in
      SVGChart.Point(
        label: m.month.description, value: m.rateValue, text: m.rate ?? m.sample, short: m.belowTarget)
    }
    let chart = SVGChart.trend(
      title: heading, points: points,
      target: target.map { .init(value: $0.value, label: strings("report.html.target", $0.text)) })
    return [.heading(level: 3, text: heading), .chart(chart), .table(table)]
  }

  /// The page with the hospital's name and what the report covers in its header.
  static func page(_ document: ReportDocument, period: String, store: GongzhiStore, strings: Strings) throws
    -> String
  {
    let hospital = try store.settings.value(SettingKey.hospitalName)
    let header = HTMLPage.Header(
      title: document.title, hospital: hospital, period: period, language: strings.language,
      pageNumber: strings("report.html.page"))
    return HTMLPage.render(document, header: header)
  }
}
