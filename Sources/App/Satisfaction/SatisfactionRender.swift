import Domain
import TUI

/// Markers of the dashboard: words and symbols beside every colour, ASCII where needed.
extension Glyphs {
  var okMark: String { isASCII ? "+" : "✓" }
  var belowMark: String { String(sortDescending) }
  /// Heat shading from low to high.
  var heatShades: [Character] { isASCII ? [".", ":", "+", "#"] : ["░", "▒", "▓", "█"] }
}

/// Drawing the satisfaction dashboard: layout, filter line and KPI panels.
extension SatisfactionScreen {
  /// Wide screens show all three KPI panels and the four sections in a grid.
  static func isWide(_ rect: Rect) -> Bool { rect.width >= 110 && rect.height >= 34 }

  /// The hit areas of a frame in `rect`: the population labels of the filter line and
  /// the sections' boxes (none while there is nothing to show).
  struct FrameLayout {
    var populationHits: [(population: SatisfactionPopulation, x: Int, width: Int, y: Int)] = []
    var sections: [Section: Rect] = [:]
  }

  func frameLayout(in rect: Rect) -> FrameLayout {
    var layout = FrameLayout()
    guard !rect.isEmpty else { return layout }
    let (filterRow, rest) = rect.splitTop(1)
    var x = filterRow.x
    for p in SatisfactionPopulation.allCases {
      let label = populationLabel(p)
      let w = DisplayWidth.current.clip(label, to: max(0, filterRow.maxX - x)).displayWidth
      layout.populationHits.append((p, x, w, filterRow.y))
      x += w + 1
      if x >= filterRow.maxX { break }
    }
    guard loadError == nil, figures != nil else { return layout }
    let body = rest.splitTop(min(7, rest.height)).1
    if Self.isWide(rect) {
      let (top, bottom) = body.splitTop(body.height / 2)
      let (a, b) = top.splitLeft(top.width / 2)
      let (c, d) = bottom.splitLeft(bottom.width / 2)
      layout.sections = [.trend: a, .ranking: b, .heat: c, .weakest: d]
    } else if body.height >= 3 {
      layout.sections = [section: body]
    }
    return layout
  }

  /// Stores the hit areas and the lists' page sizes of a frame in `rect`.
  func layOut(in rect: Rect) {
    screenRect = rect
    let layout = frameLayout(in: rect)
    populationHits = layout.populationHits
    sectionRects = layout.sections
    if let ranking = layout.sections[.ranking] {
      rankingSelection.pageSize = max(1, Self.sectionContent(ranking).height - 1)
    }
    if let heat = layout.sections[.heat] {
      heatSelection.pageSize = max(1, Self.heatAreas(Self.sectionContent(heat)).table.height - 1)
    }
  }

  func populationLabel(_ p: SatisfactionPopulation) -> String {
    let name = strings("satisfaction.population.\(p.rawValue)")
    return p == filter.population ? "[" + name + "]" : " " + name + " "
  }

  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let (filterRow, rest) = rect.splitTop(1)
    renderFilterLine(into: &buffer, in: filterRow, glyphs: glyphs)
    if let loadError {
      buffer.put(loadError, in: rest.splitTop(1).0, role: .danger)
      return
    }
    guard figures != nil else {
      let message = strings("sat.empty")
      for (i, line) in TextWrap.wrap(message, width: max(1, rest.width - 2)).enumerated()
      where i < rest.height - 1 {
        buffer.put(
          line, in: Rect(x: rest.x + 1, y: rest.y + 1 + i, width: rest.width - 2, height: 1), role: .muted)
      }
      return
    }
    let kpiHeight = min(7, rest.height)
    let (kpiRow, body) = rest.splitTop(kpiHeight)
    if Self.isWide(rect) {
      let count = SatisfactionPopulation.allCases.count
      let w = kpiRow.width / count
      for (i, p) in SatisfactionPopulation.allCases.enumerated() {
        let panel = Rect(
          x: kpiRow.x + i * w, y: kpiRow.y, width: i == count - 1 ? kpiRow.maxX - (kpiRow.x + i * w) : w,
          height: kpiRow.height)
        renderKPI(headlines[p], population: p, into: &buffer, in: panel, glyphs: glyphs)
      }
      let (top, bottom) = body.splitTop(body.height / 2)
      let (a, b) = top.splitLeft(top.width / 2)
      let (c, d) = bottom.splitLeft(bottom.width / 2)
      renderSection(.trend, boxTitle: sectionTitle(.trend), into: &buffer, in: a, glyphs: glyphs)
      renderSection(.ranking, boxTitle: sectionTitle(.ranking), into: &buffer, in: b, glyphs: glyphs)
      renderSection(.heat, boxTitle: sectionTitle(.heat), into: &buffer, in: c, glyphs: glyphs)
      renderSection(.weakest, boxTitle: sectionTitle(.weakest), into: &buffer, in: d, glyphs: glyphs)
    } else {
      renderKPI(figures, population: filter.population, into: &buffer, in: kpiRow, glyphs: glyphs)
      if body.height >= 3 {
        let names = Section.allCases.map { s in
          s == section ? "[" + sectionName(s) + "]" : sectionName(s)
        }
        renderSection(
          section, boxTitle: names.joined(separator: " "), into: &buffer, in: body, glyphs: glyphs)
      }
    }
  }

  func sectionName(_ s: Section) -> String { strings("sat.section.\(s)") }

  private func sectionTitle(_ s: Section) -> String {
    s == section ? "[" + sectionName(s) + "]" : sectionName(s)
  }

  // MARK: Filter line

  private func renderFilterLine(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    buffer.fill(rect)
    var x = rect.x
    for p in SatisfactionPopulation.allCases {
      let active = p == filter.population
      let w = buffer.put(
        populationLabel(p), x: x, y: rect.y, role: active ? .tabActive : .tab, maxWidth: rect.maxX - x)
      x += w + 1
      if x >= rect.maxX { return }
    }
    var parts = [kindName, strings("sat.granularity.\(filter.granularity.rawValue)")]
    if let d = filter.department { parts.append(d) }
    if let series = figures?.kpi.series, let first = series.first, let last = series.last {
      parts.append(strings("sat.filter.range", first.period.code, last.period.code))
    }
    buffer.put(
      " " + parts.joined(separator: " \(glyphs.separator) "), x: x, y: rect.y, role: .muted,
      maxWidth: rect.maxX - x)
  }

  // MARK: KPI panel

  /// The current figure of the selected kind as text for big digits ("96.1%", "87.4").
  func headline(_ score: GroupScore) -> String? {
    guard let v = score.value(filter.kind), v.isFinite else { return nil }
    return SatisfactionFormat.value(v) + (filter.kind == .rate ? "%" : "")
  }

  func renderKPI(
    _ figures: SatisfactionFigures?, population: SatisfactionPopulation, into buffer: inout ScreenBuffer,
    in rect: Rect, glyphs: Glyphs
  ) {
    let name = strings("satisfaction.population.\(population.rawValue)")
    let active = population == filter.population
    guard let figures else {
      let inner = Box(title: strings("sat.kpi.title", name, ""), role: .border).render(
        into: &buffer, in: rect, glyphs: glyphs)
      buffer.put(strings("sat.noData"), in: inner.splitTop(1).0, role: .muted)
      return
    }
    let kpi = figures.kpi
    var title = strings("sat.kpi.title", name, kpi.period.code)
    if active, let d = filter.department { title += " \(glyphs.separator) " + d }
    if active && Self.isWide(screenRect) { title = "[" + title + "]" }
    let inner = Box(title: title, role: active ? .title : .border, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    let content = Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 2), height: inner.height)
    var textX = content.x
    var lines: [(String, StyleRole)] = []
    let below = kpi.belowTarget
    var status =
      kpi.current.rate == nil
      ? ("", StyleRole.muted)
      : below
        ? (glyphs.belowMark + " " + strings("sat.belowTarget"), StyleRole.warning)
        : (glyphs.okMark + " " + strings("sat.onTarget"), StyleRole.ok)
    let target = SatisfactionFormat.target(kpi.target)
    if let big = headline(kpi.current) {
      let size = BigDigits.size(of: big)
      let role: StyleRole = below ? .warning : .bigDigits
      if size.width + 12 <= content.width && content.height >= 3 {
        BigDigits(big, role: role).render(
          into: &buffer, in: Rect(x: content.x, y: content.y, width: size.width, height: 3), glyphs: glyphs)
        textX = content.x + size.width + 2
      } else {
        lines.append((big, role))
      }
      if filter.kind == .rate {
        lines.append((strings("sat.kpi.target", target), .normal))
      } else {
        // Beside a mean, the 满意率 and its target; where that line would be cut the
        // target moves to the status row.
        let rate = kpi.current.rate.map(SatisfactionFormat.value) ?? "–"
        let full = strings("sat.kpi.targetRate", rate, target)
        if full.displayWidth <= content.maxX - textX {
          lines.append((full, .normal))
        } else {
          lines.append((strings("sat.kpi.rate", rate), .normal))
          if !status.0.isEmpty { status.0 = strings("sat.kpi.statusTarget", status.0, target) }
        }
      }
      lines.append((strings("sat.kpi.vsPrevious", changeText(kpi.current, kpi.previous)), .normal))
      lines.append((strings("sat.kpi.vsYearAgo", changeText(kpi.current, kpi.yearAgo)), .normal))
    } else if case .suppressed(_, let k) = kpi.current {
      // A hidden group's size is not shown either, only that it is under k.
      lines.append((strings("sat.suppressed"), .warning))
      lines.append((strings("sat.suppressed.detail", String(k)), .muted))
      lines.append((strings("sat.kpi.target", target), .muted))
    } else {
      lines.append((strings("sat.noDataPeriod"), .muted))
      lines.append((strings("sat.kpi.target", target), .muted))
    }
    for (i, line) in lines.prefix(3).enumerated() where i < content.height {
      buffer.put(
        line.0, in: Rect(x: textX, y: content.y + i, width: content.maxX - textX, height: 1), role: line.1)
    }
    var y = content.y + 3
    if y < content.maxY {
      var x = content.x
      if !status.0.isEmpty {
        x += buffer.put(status.0 + "  ", x: x, y: y, role: status.1, maxWidth: content.maxX - x)
      }
      var sample =
        if case .suppressed(_, let k) = kpi.current {
          strings("sat.kpi.nSuppressed", String(k))
        } else {
          strings("sat.kpi.n", String(kpi.current.n))
        }
      if figures.platformPeriods.contains(kpi.period) { sample += "  " + strings("sat.platform") }
      buffer.put(sample, in: Rect(x: x, y: y, width: content.maxX - x, height: 1), role: .muted)
      y += 1
    }
    if y < content.maxY {
      let key = filter.granularity == .month ? "sat.kpi.lastMonths" : "sat.kpi.lastQuarters"
      let values = kpi.series.map { $0.score.value(filter.kind).flatMap { $0.isFinite ? $0 : nil } }
      func extremesText(_ shown: ArraySlice<Double?>) -> String {
        let present = shown.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return "" }
        return " " + strings("sat.kpi.range", SatisfactionFormat.value(lo), SatisfactionFormat.value(hi))
      }
      let room = content.width - strings(key, String(values.count)).displayWidth - 1
      let allExtremes = extremesText(values[...])
      let extremesWidth = allExtremes.displayWidth <= room - 12 ? allExtremes.displayWidth : 0
      var sparkWidth = max(0, min(values.count, room - extremesWidth))
      // The label, the sparkline and its low/high all cover the same latest periods.
      var extremes = extremesText(values.suffix(sparkWidth))
      if extremesWidth > 0 && extremes.displayWidth > extremesWidth {
        sparkWidth = max(0, sparkWidth - (extremes.displayWidth - extremesWidth))
        extremes = extremesText(values.suffix(sparkWidth))
      }
      let w = buffer.put(
        strings(key, String(sparkWidth)) + " ", x: content.x, y: y, role: .muted, maxWidth: content.width)
      Sparkline(values: values, role: below ? .warning : .chartBar).render(
        into: &buffer, in: Rect(x: content.x + w, y: y, width: max(0, sparkWidth), height: 1), glyphs: glyphs)
      if extremesWidth > 0 {
        buffer.put(
          extremes, x: content.x + w + sparkWidth, y: y, role: .muted,
          maxWidth: max(0, content.maxX - content.x - w - sparkWidth))
      }
    }
  }

  func changeText(_ now: GroupScore, _ before: GroupScore) -> String {
    SatisfactionFormat.change(now.change(from: before, filter.kind))
  }
}
