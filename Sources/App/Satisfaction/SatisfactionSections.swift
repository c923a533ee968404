import Domain
import TUI

/// The four sections of the dashboard: trend, department ranking, item heat table
/// and the weakest items.
extension SatisfactionScreen {
  func renderSection(
    _ s: Section, boxTitle: String, into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs
  ) {
    let focused = s == section
    let inner = Box(title: boxTitle, role: focused ? .title : .border, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty, let figures else { return }
    let content = Self.sectionContent(rect)
    guard !content.isEmpty else { return }
    switch s {
    case .trend: renderTrend(figures, into: &buffer, in: content, glyphs: glyphs)
    case .ranking: renderRanking(figures, into: &buffer, in: content, glyphs: glyphs)
    case .heat: renderHeat(figures, into: &buffer, in: content, glyphs: glyphs)
    case .weakest: renderWeakest(figures, into: &buffer, in: content, glyphs: glyphs)
    }
  }

  /// The inside of a section's box, a column in from each side.
  static func sectionContent(_ rect: Rect) -> Rect {
    let inner = boxInner(rect)
    return Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 2), height: inner.height)
  }

  /// The heat table and its legend line inside a section's content.
  static func heatAreas(_ content: Rect) -> (table: Rect, legend: Rect) {
    content.splitBottom(content.height >= 4 ? 1 : 0)
  }

  private func value(_ score: GroupScore) -> Double? {
    score.value(filter.kind).flatMap { $0.isFinite ? $0 : nil }
  }

  /// The text of a score in a cell: the value, "n<5" for a small group, "–" without data.
  private func cellText(_ score: GroupScore) -> String {
    switch score {
    case .score: return value(score).map(SatisfactionFormat.value) ?? "–"
    case .suppressed(_, let k): return strings("sat.suppressed.short", String(k))
    case .noData: return "–"
    }
  }

  // MARK: Trend

  private func renderTrend(
    _ figures: SatisfactionFigures, into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs
  ) {
    let kpi = figures.kpi
    let target = filter.kind == .rate ? kpi.target : nil
    let values = kpi.series.map { value($0.score) }
    let roles: [StyleRole?] = kpi.series.map { p in
      guard let t = target, let v = p.score.rate else { return nil }
      return SatisfactionTargets.isBelow(rate: v, target: t) ? .warning : nil
    }
    let chartHeight = rect.height - 2
    guard chartHeight >= 2 else {
      buffer.put(
        summary(figures, values: values, target: target, glyphs: glyphs), in: rect.splitTop(1).0, role: .muted
      )
      return
    }
    var chart = ColumnChart(
      values: values, range: ColumnChart.niceRange(values, target: target), target: target, roles: roles)
    let per = max(1, (rect.width - chart.axisWidth) / max(1, values.count))
    chart.columnWidth = max(1, min(4, per - 1))
    chart.gap = per >= 2 ? 1 : 0
    let chartRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: chartHeight)
    chart.render(into: &buffer, in: chartRect, glyphs: glyphs)
    // Period labels under the columns: the first shown, then each new year.
    let shown = chart.shown(in: chartRect).count
    let periods = kpi.series.suffix(shown).map(\.period)
    let labelY = rect.y + chartHeight
    buffer.fill(Rect(x: rect.x, y: labelY, width: rect.width, height: 1))
    var nextFree = rect.x
    for (i, p) in periods.enumerated() {
      let label = i == 0 ? SatisfactionFormat.short(p) : p.number == 1 ? String(p.year) : nil
      guard let label else { continue }
      let x = chart.columnX(i, in: chartRect)
      guard x >= nextFree, x + label.count <= rect.maxX else { continue }
      buffer.put(glyphs.vertical == "|" ? "^" + label : "↑" + label, x: x, y: labelY, role: .muted)
      nextFree = x + label.count + 2
    }
    buffer.put(
      summary(figures, values: values, target: target, glyphs: glyphs),
      in: Rect(x: rect.x, y: labelY + 1, width: rect.width, height: 1), role: .muted)
  }

  private func summary(_ figures: SatisfactionFigures, values: [Double?], target: Double?, glyphs: Glyphs)
    -> String
  {
    var parts: [String] = []
    if let target {
      parts.append(
        String(repeating: String(glyphs.horizontal), count: 2) + " "
          + strings("sat.trend.target", SatisfactionFormat.target(target)))
    }
    let indexed = values.enumerated().compactMap { i, v in v.map { (i, $0) } }
    let series = figures.kpi.series
    if let target {
      // Over the periods with a figure shown: months under k or without data are
      // neither below nor above the target.
      let rates = series.compactMap(\.score.rate)
      let below = rates.filter { SatisfactionTargets.isBelow(rate: $0, target: target) }.count
      parts.append(strings("sat.trend.below", String(below), String(rates.count)))
    }
    let small = series.filter { $0.score.isSuppressed }.count
    if small > 0 { parts.append(strings("sat.trend.suppressed", String(small))) }
    if !figures.platformPeriods.isEmpty {
      parts.append(strings("sat.trend.platform", String(figures.platformPeriods.count)))
    }
    if let lo = indexed.min(by: { $0.1 < $1.1 }), let hi = indexed.max(by: { $0.1 < $1.1 }) {
      parts.append(
        strings(
          "sat.trend.low", SatisfactionFormat.value(lo.1), SatisfactionFormat.short(series[lo.0].period)))
      parts.append(
        strings(
          "sat.trend.high", SatisfactionFormat.value(hi.1), SatisfactionFormat.short(series[hi.0].period)))
    }
    return parts.joined(separator: "  ")
  }

  // MARK: Ranking

  private func renderRanking(
    _ figures: SatisfactionFigures, into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs
  ) {
    let ranks = figures.ranking
    guard !ranks.isEmpty else {
      buffer.put(strings("sat.noDataPeriod"), in: rect.splitTop(1).0, role: .muted)
      return
    }
    // Only departments with a figure shown get a rank number; those under k follow unranked.
    let ranked = ranks.filter { $0.score.score != nil }.count
    let (header, list) = rect.splitTop(1)
    let target = filter.kind == .rate ? figures.kpi.target : nil
    let shownValues = ranks.compactMap { value($0.score) }
    let base = max(0, ((min(shownValues.min() ?? 0, target ?? 100)) - 2).rounded(.down))
    let headerText =
      target.map {
        strings(
          "sat.ranking.header", figures.period.code, SatisfactionFormat.target(base),
          SatisfactionFormat.target($0))
      } ?? strings("sat.ranking.headerMean", figures.period.code, SatisfactionFormat.target(base))
    buffer.put(headerText, in: header, role: .muted)
    let offset = rankingSelection.visibleOffset(height: list.height)
    let rankWidth = String(max(1, ranked)).count
    let nWidth = String(ranks.compactMap(\.score.score?.n).max() ?? 0).count
    // Value texts first: the below-target word goes beside the bars only where it
    // leaves them room; otherwise the mark alone (the header names the target line).
    let texts = ranks.map { r -> String in
      switch r.score {
      case .score:
        let change = filter.kind == .rate ? r.rateChange : r.meanChange
        return SatisfactionFormat.value(value(r.score) ?? 0).leftPadded(5) + " n="
          + String(r.score.n).leftPadded(nWidth) + " " + SatisfactionFormat.change(change).leftPadded(5)
      // A hidden group: neither a figure nor its size.
      case .suppressed(_, let k): return strings("sat.suppressed.row", String(k))
      case .noData: return "–"
      }
    }
    let labels = ranks.enumerated().map { i, r in
      (r.department == filter.department ? "▸" : "") + (i < ranked ? String(i + 1) : "").leftPadded(rankWidth)
        + " " + r.department
    }
    let labelWidth = min(labels.map(\.displayWidth).max() ?? 0, list.width / 3)
    let valueWidth = texts.map(\.displayWidth).max() ?? 0
    let word = glyphs.belowMark + " " + strings("sat.belowTarget")
    let barRoom = list.width - labelWidth - valueWidth - word.displayWidth - 3
    let belowMarker = barRoom >= 8 ? word : glyphs.belowMark
    // Bars for every row: the chart sizes its columns and scale over all of them and
    // draws the visible window, so a value keeps its bar length while scrolling.
    var bars: [BarChart.Bar] = []
    for (i, r) in ranks.enumerated() {
      if r.score.score != nil {
        // The target is a 满意率: a mean is not compared with it.
        let below = target != nil && r.belowTarget
        bars.append(
          BarChart.Bar(
            label: labels[i], value: max(0, (value(r.score) ?? 0) - base), valueText: texts[i],
            role: below ? .warning : nil, marker: below ? belowMarker : ""))
      } else {
        bars.append(BarChart.Bar(label: labels[i], value: 0, valueText: texts[i], role: .muted, marker: ""))
      }
    }
    BarChart(bars: bars, maxValue: 100 - base, target: target.map { $0 - base }, firstRow: offset).render(
      into: &buffer, in: list, glyphs: glyphs)
    // Departments without data this period: one line after the list, not ranked rows.
    let footer = ranks.count - offset
    if figures.departmentsWithoutData > 0 && footer >= 0 && footer < list.height {
      buffer.put(
        strings("sat.ranking.withoutData", String(figures.departmentsWithoutData)),
        in: Rect(x: list.x, y: list.y + footer, width: list.width, height: 1), role: .muted)
    }
    if section == .ranking {
      let y = list.y + rankingSelection.selected - offset
      if y >= list.y && y < list.maxY {
        buffer.setRole(.selected, in: Rect(x: list.x, y: y, width: list.width, height: 1))
      }
    }
  }

  // MARK: Heat table

  /// The shading level 0…3 of a value: for 满意率 against the target, for the mean by tens.
  func heatLevel(_ v: Double, target: Double) -> Int {
    let cuts = filter.kind == .rate ? [target - 5, target, target + 3] : [70, 80, 90]
    return cuts.filter { v >= $0 }.count
  }

  private func renderHeat(
    _ figures: SatisfactionFigures, into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs
  ) {
    guard let heat = figures.heat, !heat.items.isEmpty else { return }
    let target = figures.kpi.target
    let (tableRect, legendRect) = Self.heatAreas(rect)
    let cellWidth = 5
    let itemMin = min(16, max(8, rect.width / 3))
    let count = max(1, min(heat.periods.count, (rect.width - itemMin) / (cellWidth + 1)))
    let periods = Array(heat.periods.suffix(count))
    let shades = glyphs.heatShades
    let roles: [StyleRole] = [.danger, .warning, .normal, .gradeExcellent]
    var columns = [TableColumn(strings("sat.col.item"), width: .flexible(weight: 1, minimum: 6))]
    columns += periods.map {
      TableColumn(SatisfactionFormat.short($0), width: .fixed(cellWidth), alignment: .right)
    }
    let rows: [[TableCell]] = heat.items.enumerated().map { i, item in
      var cells = [TableCell(itemTitle(item))]
      for score in heat.cells[i].suffix(count) {
        if let v = value(score) {
          let level = heatLevel(v, target: target)
          cells.append(TableCell(String(shades[level]) + SatisfactionFormat.value(v), role: roles[level]))
        } else {
          cells.append(TableCell(cellText(score), role: .muted))
        }
      }
      return cells
    }
    var table = Table(columns: columns, rows: rows, isFocused: section == .heat)
    table.showsSelection = section == .heat
    table.selection = heatSelection
    table.render(into: &buffer, in: tableRect, glyphs: glyphs)
    if !legendRect.isEmpty {
      let cuts = filter.kind == .rate ? [target - 5, target, target + 3] : [70, 80, 90]
      let f = SatisfactionFormat.target
      let legend = [
        "\(shades[3])≥\(f(cuts[2]))", "\(shades[2])≥\(f(cuts[1]))", "\(shades[1])≥\(f(cuts[0]))",
        "\(shades[0])<\(f(cuts[0]))",
        strings("sat.suppressed.short", String(GroupScore.defaultK)) + " " + strings("sat.suppressed"),
      ]
      buffer.put(legend.joined(separator: "  "), in: legendRect, role: .muted)
    }
  }

  func itemTitle(_ item: SatisfactionItem) -> String {
    strings.language == .en ? item.titleEn : item.title
  }

  // MARK: Weakest items

  private func renderWeakest(
    _ figures: SatisfactionFigures, into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs
  ) {
    let weak = figures.weakest
    guard let first = weak.first else {
      // Answers that are too few to show are not "no data".
      let small =
        figures.kpi.current.isSuppressed
        || (figures.heat?.cells.contains { $0.last?.isSuppressed == true } ?? false)
      let text =
        small ? strings("sat.weakest.suppressed", String(GroupScore.defaultK)) : strings("sat.noDataPeriod")
      for (i, line) in TextWrap.wrap(text, width: max(1, rect.width)).enumerated() where i < rect.height {
        buffer.put(line, in: Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1), role: .muted)
      }
      return
    }
    let target = figures.kpi.target
    let trendCount = first.trend.count
    var columns = [
      TableColumn("#", width: .fixed(1)),
      TableColumn(strings("sat.col.item"), width: .flexible(weight: 1, minimum: 8)),
      TableColumn(kindName, width: .fixed(max(5, kindName.displayWidth)), alignment: .right),
      TableColumn("n", width: .fixed(5), alignment: .right),
      TableColumn(
        strings("sat.col.change"), width: .fixed(max(5, strings("sat.col.change").displayWidth)),
        alignment: .right),
    ]
    let wideEnough = rect.width >= 56
    if wideEnough {
      columns.append(
        TableColumn(
          strings("sat.col.trend", String(trendCount)),
          width: .fixed(max(trendCount, strings("sat.col.trend", String(trendCount)).displayWidth))))
    }
    let markWidth = (glyphs.belowMark + " " + strings("sat.belowTarget")).displayWidth
    // The target is a 满意率: only rates are marked against it.
    let marks = rect.width >= 66 && filter.kind == .rate
    if marks { columns.append(TableColumn("", width: .fixed(markWidth))) }
    let rows: [[TableCell]] = weak.enumerated().map { i, w in
      let below =
        filter.kind == .rate
        && w.score.rate.map { SatisfactionTargets.isBelow(rate: $0, target: target) } ?? false
      let previous = w.trend.dropLast().last?.score ?? .noData
      var cells = [
        TableCell(String(i + 1)), TableCell(itemTitle(w.item)),
        TableCell(cellText(w.score), role: below ? .warning : nil), TableCell(String(w.score.n)),
        TableCell(SatisfactionFormat.change(w.score.change(from: previous, filter.kind))),
      ]
      if wideEnough {
        let values = w.trend.map { value($0.score) }
        cells.append(
          TableCell(Sparkline(values: values).text(width: values.count, glyphs: glyphs), role: .chartBar))
      }
      if marks {
        cells.append(
          TableCell(below ? glyphs.belowMark + " " + strings("sat.belowTarget") : "", role: .warning))
      }
      return cells
    }
    var table = Table(columns: columns, rows: rows, isFocused: false)
    table.showsSelection = false
    let tableHeight = min(rect.height, rows.count + 1)
    table.render(
      into: &buffer, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: tableHeight), glyphs: glyphs)
    var y = rect.y + tableHeight + 1
    if y < rect.maxY {
      let scope = filter.department ?? strings("satisfaction.report.hospital")
      var focus = strings(
        "sat.weakest.focus", scope, itemTitle(first.item),
        cellText(first.score) + (filter.kind == .rate ? "%" : ""))
      if filter.department == nil,
        let low = figures.ranking.last(where: { $0.score.score != nil }), let v = value(low.score)
      {
        focus += "\n" + strings("sat.weakest.department", low.department, SatisfactionFormat.value(v))
      }
      for line in TextWrap.wrap(focus, width: rect.width) where y < rect.maxY {
        buffer.put(line, in: Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .warning)
        y += 1
      }
    }
  }
}

extension String {
  /// Padded with spaces on the left to `width` columns.
  func leftPadded(_ width: Int) -> String {
    let w = displayWidth
    return w >= width ? self : String(repeating: " ", count: width - w) + self
  }
}
