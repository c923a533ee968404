import Domain
import Foundation
import TUI

/// Lays out and draws the kiosk: a header with the hospital, the page name, the page
/// indicator and the clock; the page; a footer with the data's age and how to use it.
@MainActor
struct KioskPages {
  let app: KioskApp
  var strings: Strings { app.strings }
  var glyphs: Glyphs { app.glyphs }

  static let headerRows = 2
  static let footerRows = 1

  func body(of size: Size) -> Rect {
    Rect(
      x: 1, y: Self.headerRows, width: size.width - 2,
      height: size.height - Self.headerRows - Self.footerRows - 1)
  }

  // MARK: Frame

  func render(into buffer: inout ScreenBuffer) {
    let size = buffer.size
    guard size.width >= 20, size.height >= 8 else {
      let message = DisplayWidth.current.clip(strings("kiosk.tooSmall"), to: max(0, size.width))
      buffer.put(message, x: 0, y: max(0, size.height / 2), role: .warning)
      return
    }
    renderHeader(into: &buffer, size: size)
    let rect = body(of: size)
    if let data = app.data {
      switch app.page {
      case .standings: renderStandings(data, into: &buffer, in: rect)
      case .proposals: renderProposals(data, into: &buffer, in: rect)
      case .satisfaction: renderSatisfaction(data, into: &buffer, in: rect)
      case .disclosures: renderNotices(data, into: &buffer, in: rect)
      }
    } else {
      buffer.put(
        strings("kiosk.waiting"), in: rect.centered(width: rect.width, height: 1), role: .muted,
        align: .center)
    }
    renderFooter(into: &buffer, size: size)
  }

  private var title: String {
    app.titleOverride ?? app.data?.hospitalName ?? strings("kiosk.title.default")
  }

  private func indicator() -> String {
    let on = glyphs.isASCII ? "*" : "●"
    let off = glyphs.isASCII ? "o" : "○"
    return app.pages.indices.map { $0 == app.pageIndex ? on : off }.joined(separator: " ")
  }

  private func clock() -> String {
    let c = app.calendar.dateComponents([.hour, .minute], from: app.now)
    return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
  }

  /// The right end of the header: page dots, then the clock.
  private var headerRight: String { indicator() + "   " + clock() + " " }

  private func indicatorStart(size: Size) -> Int {
    size.width - headerRight.displayWidth
  }

  /// The page whose indicator dot is under a tap, if any.
  func indicatorHit(x: Int, y: Int, size: Size) -> Int? {
    guard y == 0 else { return nil }
    let start = indicatorStart(size: size)
    let offset = x - start
    guard offset >= 0, offset < app.pages.count * 2 else { return nil }
    return offset / 2
  }

  private func renderHeader(into buffer: inout ScreenBuffer, size: Size) {
    let bar = Rect(x: 0, y: 0, width: size.width, height: 1)
    buffer.fill(bar, role: .title)
    let right = headerRight
    let left = " " + title + "  " + glyphs.separator + "  " + strings("kiosk.page.\(app.page.rawValue)")
    buffer.put(
      left, in: Rect(x: 0, y: 0, width: max(0, size.width - right.displayWidth - 1), height: 1), role: .title)
    buffer.put(right, x: size.width - right.displayWidth, y: 0, role: .title)
  }

  private func renderFooter(into buffer: inout ScreenBuffer, size: Size) {
    let bar = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
    buffer.fill(bar, role: .status)
    if let prompt = app.pinPrompt {
      buffer.put(" " + prompt, in: bar, role: .warning)
      return
    }
    var left: String
    var role: StyleRole = .status
    if let data = app.data {
      let stamp = Self.stamp(data.readAt, calendar: app.calendar)
      if app.failingSince != nil {
        left = glyphs.warningMark + " " + strings("kiosk.stale", stamp)
        role = .warning
      } else {
        left = strings("kiosk.updated", stamp)
      }
    } else {
      left =
        app.failingSince != nil
        ? glyphs.warningMark + " " + (app.lastFailure ?? strings("kiosk.unavailable")) : ""
      role = .warning
    }
    let count = app.subPageCount
    var right =
      app.isPaused ? strings("kiosk.paused", String(Int(KioskApp.resumeAfter))) : strings("kiosk.hint")
    if count > 1 { right = strings("kiosk.part", String(app.subPage + 1), String(count)) + "  " + right }
    right += " "
    buffer.put(
      " " + left, in: Rect(x: 0, y: bar.y, width: max(0, size.width - right.displayWidth), height: 1),
      role: role)
    if right.displayWidth + left.displayWidth + 3 < size.width {
      buffer.put(right, x: size.width - right.displayWidth, y: bar.y, role: .status)
    }
  }

  static func stamp(_ date: Date, calendar: Calendar) -> String {
    let c = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
    return String(format: "%02d-%02d %02d:%02d", c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
  }

  // MARK: Paging

  func subPageCount(of page: Page, size: Size) -> Int {
    guard let data = app.data else { return 1 }
    let rect = body(of: size)
    let (total, perPage) = listShape(page, data: data, in: rect)
    guard perPage > 0, total > perPage else { return 1 }
    return (total + perPage - 1) / perPage
  }

  typealias Page = KioskApp.Page

  /// How many list rows a page has and how many fit at once.
  private func listShape(_ page: Page, data: KioskData, in rect: Rect) -> (total: Int, perPage: Int) {
    switch page {
    case .standings:
      // Heading, blank, table header above; blank and the distribution below.
      return (data.standings?.rows.count ?? 0, max(1, rect.height - 5))
    case .proposals:
      guard let board = data.proposals else { return (0, 1) }
      let room = rect.height - proposalsTop(rect, countLines: countLines(board, width: rect.width).count) - 2
      // No room for the list under the counts and KPIs (a tiny screen): one part, no list.
      return room > 0 ? (board.recent.count, room) : (0, 1)
    case .satisfaction:
      return (0, 1)
    case .disclosures:
      return (data.notices.count, max(1, rect.height / noticeHeight))
    }
  }

  private func slice<T>(_ items: [T], page: Page, data: KioskData, in rect: Rect) -> ArraySlice<T> {
    let perPage = listShape(page, data: data, in: rect).perPage
    let start = min(items.count, app.subPage * perPage)
    return items[start..<min(items.count, start + perPage)]
  }

  private func noData(into buffer: inout ScreenBuffer, in rect: Rect) {
    buffer.put(
      strings("kiosk.noData"), in: rect.centered(width: rect.width, height: 1), role: .muted, align: .center)
  }

  // MARK: Standings

  private func gradeRole(_ grade: Grade) -> StyleRole {
    switch grade {
    case .excellent: return .gradeExcellent
    case .good: return .gradeGood
    case .pass: return .gradePass
    case .fail: return .gradeFail
    }
  }

  private func periodWords(_ period: Period) -> String {
    let text = period.text
    if let q = text.firstIndex(of: "Q"), let n = Int(text[text.index(after: q)...]) {
      return strings("kiosk.quarter", String(text[..<q]), String(n))
    }
    return strings("kiosk.year", text)
  }

  private func renderStandings(_ data: KioskData, into buffer: inout ScreenBuffer, in rect: Rect) {
    guard let standings = data.standings else { return noData(into: &buffer, in: rect) }
    let states = Set(standings.rows.map(\.state))
    let stateWords = KioskData.published.sorted { $0.rawValue < $1.rawValue }.filter { states.contains($0) }
      .map { strings("kiosk.state.\($0.rawValue)") }.joined(separator: " / ")
    buffer.put(
      strings("kiosk.standings.heading", periodWords(standings.period), stateWords),
      in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .header)
    let distribution = Grade.allCases.map {
      "\(strings("grade.\($0.rawValue)")) \(standings.distribution[$0] ?? 0)"
    }
    .joined(separator: "  ")
    buffer.put(
      strings("kiosk.standings.distribution", distribution),
      in: Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1), role: .muted)
    let tableRect = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 4)
    let rows = slice(standings.rows, page: .standings, data: data, in: rect)
    var columns = [
      TableColumn(
        strings("kiosk.col.rank"), width: .fixed(max(4, strings("kiosk.col.rank").displayWidth)),
        alignment: .right),
      TableColumn(strings("kiosk.col.unit"), width: .flexible(weight: 3, minimum: 10)),
      TableColumn(strings("kiosk.col.total"), width: .fixed(7), alignment: .right),
      TableColumn(
        strings("kiosk.col.grade"),
        width: .fixed(
          ([strings("kiosk.col.grade")] + Grade.allCases.map { strings("grade.\($0.rawValue)") + "!*" }).map(
            \.displayWidth
          ).max() ?? 6)),
    ]
    if rect.width >= 60 {
      columns.insert(
        TableColumn(
          strings("kiosk.col.kind"), width: .fixed(max(6, strings("unitKind.generalBranch").displayWidth))),
        at: 2)
      columns.append(TableColumn(strings("kiosk.col.movement"), width: .fixed(6), alignment: .right))
    }
    let cells: [[TableCell]] = rows.map { row in
      var line = [
        TableCell(String(row.rank)), TableCell(row.name), TableCell(Points.format(row.total)),
        // The marks of the ranking screen and the notice: ! a veto, * over the 优秀 cap.
        TableCell(
          strings("grade.\(row.grade.rawValue)") + (row.vetoed ? "!" : "")
            + (row.overExcellentCap ? "*" : ""),
          role: gradeRole(row.grade)),
      ]
      if rect.width >= 60 {
        line.insert(TableCell(strings("unitKind.\(row.kind.rawValue)")), at: 2)
        line.append(TableCell(movementText(row.movement)))
      }
      return line
    }
    var table = Table(columns: columns, rows: cells, selected: 0, isFocused: false)
    table.showsSelection = false
    table.render(into: &buffer, in: tableRect, glyphs: glyphs)
  }

  private func movementText(_ movement: Int?) -> String {
    guard let movement else { return "" }
    if movement > 0 { return "\(glyphs.up)\(movement)" }
    if movement < 0 { return "\(glyphs.down)\(-movement)" }
    return "–"
  }

  // MARK: Proposals

  /// Rows above the recent list: the heading, every line of state counts, then the
  /// KPIs (big figures with their labels on a tall screen, two rows of gauges otherwise).
  private func proposalsTop(_ rect: Rect, countLines: Int) -> Int {
    rect.height >= 22 ? 7 + countLines : 4 + countLines
  }

  /// The state counts packed into lines of `width`: every state counted, none
  /// dropped however narrow the screen (drafts are the proposers' own business).
  private func countLines(_ board: KioskData.ProposalBoard, width: Int) -> [String] {
    let counts = board.counts.filter { $0.state != .draft }
      .map { "\(strings("proposal.state.\($0.state.rawValue)")) \($0.count)" }
    return TextWrap.pack(counts, separator: " \(glyphs.separator) ", width: width)
  }

  private func renderProposals(_ data: KioskData, into buffer: inout ScreenBuffer, in rect: Rect) {
    guard let board = data.proposals else { return noData(into: &buffer, in: rect) }
    buffer.put(
      strings("kiosk.proposals.heading", String(board.session.term), String(board.session.year)),
      in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .header)
    let countLines = countLines(board, width: rect.width)
    let n = countLines.count
    for (i, line) in countLines.enumerated() {
      buffer.put(line, in: Rect(x: rect.x, y: rect.y + 1 + i, width: rect.width, height: 1))
    }
    let kpis: [(String, Rate)] = [
      ("proposal.kpi.filingRate", board.kpis.filingRate),
      ("proposal.kpi.onTimeReplyRate", board.kpis.onTimeReplyRate),
      ("proposal.kpi.satisfactionRate", board.kpis.satisfactionRate),
      ("proposal.kpi.implementationRate", board.kpis.implementationRate),
    ]
    let top = proposalsTop(rect, countLines: n)
    let big = rect.height >= 22 && rect.width >= 4 * 22
    let cell = rect.width / 2
    let labelWidth = kpis.map { strings($0.0).displayWidth }.max() ?? 0
    for (i, (key, rate)) in kpis.enumerated() {
      let value = rate.percentText.map { $0 + "%" } ?? "–"
      if big {
        let x = rect.x + i * (rect.width / 4)
        let w = rect.width / 4 - 1
        buffer.put(
          strings(key), in: Rect(x: x, y: rect.y + 2 + n, width: w, height: 1), role: .muted, align: .center)
        BigDigits(value, alignment: .center).render(
          into: &buffer, in: Rect(x: x, y: rect.y + 3 + n, width: w, height: 3), glyphs: glyphs)
      } else {
        let x = rect.x + (i % 2) * cell
        let y = rect.y + 1 + n + i / 2
        let ratio = rate.denominator > 0 ? Double(rate.numerator) / Double(rate.denominator) : 0
        Gauge(label: strings(key), ratio: ratio, valueText: value, labelWidth: labelWidth).render(
          into: &buffer, in: Rect(x: x, y: y, width: cell - 2, height: 1), glyphs: glyphs)
      }
    }
    let listTop = rect.y + top
    guard rect.maxY - listTop - 1 > 0 else { return }
    buffer.put(
      strings("kiosk.proposals.recent"), in: Rect(x: rect.x, y: listTop, width: rect.width, height: 1),
      role: .header)
    let items = slice(board.recent, page: .proposals, data: data, in: rect)
    let stateWidth =
      board.recent.map { strings("proposal.state.\($0.state.rawValue)").displayWidth }.max() ?? 4
    var table = Table(
      columns: [
        TableColumn("", width: .fixed(11)),
        TableColumn("", width: .flexible(weight: 3, minimum: 10)),
        TableColumn("", width: .flexible(weight: 1, minimum: 6)),
        TableColumn("", width: .fixed(stateWidth)),
      ],
      rows: items.map { item in
        [
          TableCell(item.number ?? ""), TableCell(item.title), TableCell(item.leadDepartment ?? ""),
          TableCell(strings("proposal.state.\(item.state.rawValue)"), role: .ok),
        ]
      }, isFocused: false, showsHeader: false, columnGap: 2)
    table.showsSelection = false
    table.render(
      into: &buffer, in: Rect(x: rect.x, y: listTop + 1, width: rect.width, height: rect.maxY - listTop - 1),
      glyphs: glyphs)
  }

  // MARK: Satisfaction

  private func renderSatisfaction(_ data: KioskData, into buffer: inout ScreenBuffer, in rect: Rect) {
    guard !data.satisfaction.isEmpty else { return noData(into: &buffer, in: rect) }
    let count = data.satisfaction.count
    let sideBySide = rect.width >= count * 24
    let panelHeight = sideBySide ? rect.height : rect.height / count
    for (i, headline) in data.satisfaction.enumerated() {
      let panel =
        sideBySide
        ? Rect(
          x: rect.x + i * (rect.width / count), y: rect.y, width: rect.width / count - 1, height: panelHeight)
        : Rect(x: rect.x, y: rect.y + i * panelHeight, width: rect.width, height: panelHeight - 1)
      renderHeadline(headline, into: &buffer, in: panel)
    }
  }

  private func renderHeadline(_ headline: KioskData.Headline, into buffer: inout ScreenBuffer, in panel: Rect)
  {
    let kpi = headline.kpi
    var y = panel.y
    func line(_ text: String, role: StyleRole = .normal) {
      guard y < panel.maxY else { return }
      buffer.put(text, in: Rect(x: panel.x, y: y, width: panel.width, height: 1), role: role, align: .center)
      y += 1
    }
    let month = kpi.period.months.last.map { strings("kiosk.month", String($0.year), String($0.month)) } ?? ""
    line(strings("satisfaction.population.\(headline.population.rawValue)") + "  " + month, role: .header)
    let target = Points.format(kpi.target)
    if let rate = kpi.current.rate {
      let value = String(format: "%.1f%%", SatisfactionTargets.shown(rate))
      if panel.height >= 8 {
        y += 1
        BigDigits(value, alignment: .center, role: kpi.belowTarget ? .warning : .bigDigits).render(
          into: &buffer, in: Rect(x: panel.x, y: y, width: panel.width, height: 3), glyphs: glyphs)
        y += 4
      } else {
        line(value, role: kpi.belowTarget ? .warning : .bigDigits)
      }
      let verdict =
        kpi.belowTarget ? String(glyphs.down) + " " + strings("kiosk.belowTarget") : strings("kiosk.onTarget")
      line(strings("kiosk.target", target) + "  " + verdict, role: kpi.belowTarget ? .warning : .ok)
      if let change = kpi.current.change(from: kpi.previous, .rate) {
        line(strings("kiosk.vsLast", String(format: "%+.1f", change)), role: .muted)
      }
    } else {
      y += 1
      line(strings("kiosk.suppressed"), role: .muted)
      line(strings("kiosk.target", target), role: .muted)
    }
    let values = kpi.series.map { $0.score.rate }
    let spark = Sparkline(values: values).text(width: min(panel.width, values.count), glyphs: glyphs)
    line(spark, role: .chartBar)
    // A hidden group's size is not published either.
    if kpi.current.score != nil { line(strings("kiosk.sample", String(kpi.current.n)), role: .muted) }
  }

  // MARK: Notices

  private var noticeHeight: Int { 4 }

  private func renderNotices(_ data: KioskData, into buffer: inout ScreenBuffer, in rect: Rect) {
    guard !data.notices.isEmpty else { return noData(into: &buffer, in: rect) }
    var y = rect.y
    for notice in slice(data.notices, page: .disclosures, data: data, in: rect) {
      guard y + 1 < rect.maxY else { break }
      let heading = [notice.publishedOn.iso, notice.title, notice.department].joined(separator: "  ")
      buffer.put(heading, in: Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .header)
      // Two lines of the text; a longer notice ends in an ellipsis.
      var lines = TextWrap.wrap(notice.text, width: rect.width - 2)
      if lines.count > 2 {
        lines = [
          lines[0],
          DisplayWidth.current.clip(lines[1] + lines[2], to: rect.width - 2, ellipsis: glyphs.ellipsis),
        ]
      }
      for (i, line) in lines.enumerated() where y + 1 + i < rect.maxY {
        buffer.put(line, in: Rect(x: rect.x + 2, y: y + 1 + i, width: rect.width - 2, height: 1))
      }
      y += noticeHeight
    }
  }
}
