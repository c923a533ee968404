import Domain
import Store
import TUI

/// Drawing the assessment screen: the period and tree pane and the scoring form.
extension AssessScreen {
  /// The tree pane and the form's (or points') pane of a frame in `rect`.
  func panes(in rect: Rect) -> (tree: Rect, detail: Rect) {
    rect.splitLeft(min(40, max(18, rect.width * 34 / 100)))
  }

  /// Stores the hit areas of a frame in `rect` and fills the shown view's table for the
  /// room it gets (rows, columns, page size), so keys and clicks find what render draws.
  func layOut(in rect: Rect) {
    screenRect = rect
    let glyphs = context.glyphs
    switch view {
    case .ranking:
      if let (table, _) = rankingTableLayout(in: rect, glyphs: glyphs) { rankingTable = table }
    case .year:
      yearUnits = yearShownUnits().map(\.id)
      if let (table, _) = yearTableLayout(in: rect, glyphs: glyphs) { yearTable = table }
    case .form, .points:
      let (left, right) = panes(in: rect)
      let inner = boxInner(left)
      if !inner.isEmpty {
        treeRect = inner.splitTop(1).1
        tree.pageSize = max(1, treeRect.height - 1)
      }
      if view == .points {
        if let (table, _) = pointsTableLayout(in: right) { pointsTable = table }
      } else if let (table, area) = formTableLayout(in: right, glyphs: glyphs) {
        formRect = area
        formTable = table
      }
    }
  }

  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    switch view {
    case .ranking:
      renderRanking(into: &buffer, in: rect, glyphs: glyphs)
    case .year:
      renderYear(into: &buffer, in: rect, glyphs: glyphs)
    case .form, .points:
      let (left, right) = panes(in: rect)
      renderTree(into: &buffer, in: left, glyphs: glyphs)
      if view == .points {
        renderPoints(into: &buffer, in: right, glyphs: glyphs)
      } else {
        renderForm(into: &buffer, in: right, glyphs: glyphs)
      }
    }
  }

  func gradeRole(_ grade: Grade) -> StyleRole {
    switch grade {
    case .excellent: return .gradeExcellent
    case .good: return .gradeGood
    case .pass: return .gradePass
    case .fail: return .gradeFail
    }
  }

  /// `◂ 2026Q4 ▸`: the period and whether there are others either side.
  func periodLabel(glyphs: Glyphs) -> String {
    guard let period else { return strings("assess.noPeriods") }
    let older = periods.indices.contains(periodIndex + 1) ? glyphs.choicePrevious : " "
    let newer = periodIndex > 0 ? glyphs.choiceNext : " "
    return "\(older) \(period.text) \(newer)"
  }

  private func renderTree(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let box = Box(
      title: strings("assess.treeTitle"), role: focus == .tree ? .title : .border, titleRole: .title)
    let inner = box.render(into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    let (top, rest) = inner.splitTop(1)
    buffer.put(
      strings("assess.period") + " " + periodLabel(glyphs: glyphs), in: top,
      role: focus == .tree ? .key : .muted, align: .center)
    tree.render(into: &buffer, in: rest, glyphs: glyphs)
  }

  private func renderForm(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard let unit = selectedUnit else {
      let inner = Box(title: strings("tab.assess")).render(into: &buffer, in: rect, glyphs: glyphs)
      buffer.put(loadError ?? strings("assess.pickUnit"), in: inner.splitTop(1).0, role: .muted)
      return
    }
    guard let current else {
      let inner = Box(title: unit.name, role: .border, titleRole: .title).render(
        into: &buffer, in: rect, glyphs: glyphs)
      guard !inner.isEmpty else { return }
      let text =
        loadError
        ?? (unit.kind == .committee
          ? strings("assess.pickUnit") : strings("assess.none.period", period?.text ?? "-"))
      buffer.put(text, in: inner.splitTop(1).0, role: loadError == nil ? .muted : .danger)
      if unit.kind != .committee, mayScore, inner.height > 1 {
        buffer.put(
          strings("assess.none.create"), in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1),
          role: .muted)
      }
      return
    }
    let title = [unit.name, current.period.text, stateName(current.state)].joined(
      separator: " \(glyphs.separator) ")
    let inner = Box(title: title, role: focus == .form ? .title : .border, titleRole: .title)
      .render(into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    var y = inner.y
    func line(_ text: String, role: StyleRole = .normal) {
      guard y < inner.maxY else { return }
      buffer.put(text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role)
      y += 1
    }
    // The result it would give, live.
    let s = current.summary
    var head = strings(
      "assess.summary", Points.format(s.total), Points.format(current.scheme.totalPoints),
      strings("grade.\(s.grade.rawValue)") + (Self.isProvisional(current.state) ? "~" : ""))
    head += basisText(current)
    if s.vetoed { head += " " + strings("assess.vetoed") }
    head += toNextText(s)
    let selfText = strings("assess.selfTotal", Points.format(current.selfSummary.total))
    if head.displayWidth + selfText.displayWidth + 3 <= inner.width { head += "  " + selfText }
    line(head, role: gradeRole(s.grade))
    var facts: [String] = []
    // A viewer edits nothing: no "editing" column to name.
    facts.append(
      strings(
        !mayScore
          ? "assess.readOnly" : column == .selfScore ? "assess.editing.self" : "assess.editing.committee"))
    let unscored = Scoring.submissionIssues(current.scheme, entries: current.entries, basis: editedBasis)
      .count
    facts.append(strings("assess.attention", String(unscored)))
    if let ends = current.noticeEnds, current.state == .publicNotice {
      facts.append(strings("assess.noticeEnds", ends.iso))
    }
    let open = objections.filter(\.isOpen).count
    if !objections.isEmpty {
      let key = objections.count == 1 ? "assess.objections.one" : "assess.objections"
      facts.append(strings(key, String(objections.count), String(open)))
    }
    if comparing {
      if let previous {
        facts.append(
          strings(
            "assess.compare.previous", previous.period.text, Points.format(previous.summary.total),
            strings("grade.\(previous.summary.grade.rawValue)")))
      } else {
        facts.append(strings("assess.compare.none"))
      }
    }
    line(facts.joined(separator: " \(glyphs.separator) "), role: .muted)
    // The focused indicator: its standard, how it is checked, and its warnings.
    if let indicator = selectedIndicator {
      let entry = current.entry(indicator.id)
      var problems = Scoring.issues(indicator, entry) + Scoring.warnings(indicator, entry)
      if case .typing(let field) = mode, let value = Points.parse(field.text) {
        var typed = IndicatorInput(points: value)
        if indicator.method == .veto { typed = IndicatorInput(occurrences: Int(value)) }
        problems = Scoring.inputIssues(indicator, typed, field: "score") + problems
      }
      if let problem = problems.first {
        line(glyphs.warningMark + " " + strings.message(problem.message), role: .warning)
      } else {
        let detail = [indicator.standard, indicator.checkMethod].filter { !$0.isEmpty }.joined(
          separator: " \(glyphs.separator) ")
        line(detail, role: .muted)
      }
    }
    guard let (formTable, tableRect) = formTableLayout(in: rect, glyphs: glyphs) else { return }
    formTable.render(into: &buffer, in: tableRect, glyphs: glyphs)
    // Dimension headings run across the whole width, over the table's cells.
    let top = formTable.selection.visibleOffset(height: tableRect.height - 1)
    for (r, row) in formRows(current).enumerated() {
      guard let heading = row.heading else { continue }
      let rowY = tableRect.y + 1 + r - top
      guard rowY > tableRect.y, rowY < tableRect.maxY else { continue }
      buffer.put(heading, in: Rect(x: tableRect.x, y: rowY, width: tableRect.width, height: 1), role: .header)
    }
    if case .typing(let field) = mode, let row = row(forIndicator: indicatorIndex) {
      // The number being typed, in place of the focused score cell.
      let widths = formTable.columnWidths(total: tableRect.width)
      let col = scoreColumnIndex
      guard widths.indices.contains(col) else { return }
      let x = tableRect.x + widths[..<col].reduce(0, +) + col * formTable.columnGap
      let cellY = tableRect.y + 1 + row - top
      guard cellY > tableRect.y, cellY < tableRect.maxY else { return }
      var f = field
      f.isFocused = true
      let cell = Rect(x: x, y: cellY, width: max(4, widths[col]), height: 1)
      buffer.fill(cell, role: .input)
      f.render(into: &buffer, in: cell, glyphs: glyphs)
    }
  }

  /// The table column that holds the edited score.
  var scoreColumnIndex: Int {
    if comparing { return 3 }
    return column == .selfScore ? 3 : 4
  }

  /// Table rows: a heading per dimension (with its running subtotal) and the indicators.
  /// `rowIndicators[row]` is the indicator index of a row, nil for a heading.
  func formRows(_ a: Assessment) -> [(heading: String?, indicator: Int?)] {
    var rows: [(heading: String?, indicator: Int?)] = []
    var i = 0
    for (d, dimension) in a.scheme.dimensions.enumerated() {
      let sub = a.summary.dimensions.indices.contains(d) ? a.summary.dimensions[d].score : 0
      rows.append(
        (
          strings("assess.dimension", dimension.name, Points.format(sub), Points.format(dimension.maxPoints)),
          nil
        ))
      for _ in dimension.indicators {
        rows.append((nil, i))
        i += 1
      }
    }
    if !a.scheme.extras.isEmpty {
      rows.append((strings("assess.extras", Points.format(a.summary.bonus)), nil))
      for _ in a.scheme.extras {
        rows.append((nil, i))
        i += 1
      }
    }
    return rows
  }

  func row(forIndicator index: Int) -> Int? {
    guard let current else { return nil }
    return formRows(current).firstIndex { $0.indicator == index }
  }

  func indicatorIndex(forRow row: Int) -> Int? {
    guard let current else { return nil }
    let rows = formRows(current)
    return rows.indices.contains(row) ? rows[row].indicator : nil
  }

  /// What a cell shows for an input: the level, the points, or the cases of a veto item.
  func cellText(_ indicator: Indicator, _ input: IndicatorInput) -> String {
    guard let score = Scoring.score(indicator, input) else { return "·" }
    switch indicator.method {
    case .veto:
      return Scoring.isVetoed(indicator, input) ? strings("assess.veto.yes") : strings("assess.veto.no")
    case .graded:
      if let level = input.level { return "\(level) \(Points.format(score))" }
      return Points.format(score)
    case .deduct, .count, .bonus:
      if let n = input.occurrences, indicator.method == .deduct, n > 0 {
        return strings("assess.occurrences", Points.format(score), String(n))
      }
      return Points.format(score)
    }
  }

  /// The scoring table filled for the assessment shown in the form pane `rect`, and its
  /// area below the summary lines; nil when there is no assessment or no room.
  func formTableLayout(in rect: Rect, glyphs: Glyphs) -> (Table, Rect)? {
    guard selectedUnit != nil, let current else { return nil }
    let inner = boxInner(rect)
    guard !inner.isEmpty else { return nil }
    // The summary, the facts and the focused indicator's line.
    let y = inner.y + min(inner.height, selectedIndicator == nil ? 2 : 3)
    let area = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y)
    guard !area.isEmpty else { return nil }
    var table = filledFormTable(current, width: area.width, glyphs: glyphs)
    table.selection.pageSize = max(1, area.height - 1)
    return (table, area)
  }

  private func filledFormTable(_ a: Assessment, width: Int, glyphs: Glyphs) -> Table {
    let wide = width >= 70
    var columns = [
      TableColumn(strings("col.assess.indicator"), width: .flexible(weight: 3, minimum: 8)),
      TableColumn(
        strings("col.assess.max"), width: .fixed(max(3, strings("col.assess.max").displayWidth)),
        alignment: .right),
      TableColumn(strings("col.assess.method"), width: .fixed(methodWidth)),
    ]
    if comparing {
      columns += [
        TableColumn(strings("col.assess.current"), width: .fixed(10), alignment: .right),
        TableColumn(strings("col.assess.previous"), width: .fixed(10), alignment: .right),
        TableColumn(strings("col.assess.change"), width: .fixed(6), alignment: .right),
      ]
    } else {
      columns += [
        TableColumn(
          strings("col.assess.self") + (column == .selfScore ? "*" : ""), width: .fixed(10), alignment: .right
        ),
        TableColumn(
          strings("col.assess.committee") + (column == .committee ? "*" : ""), width: .fixed(10),
          alignment: .right),
      ]
    }
    if wide {
      columns.append(TableColumn(strings("col.assess.note"), width: .flexible(weight: 2, minimum: 6)))
    }
    var rows: [[TableCell]] = []
    let all = a.scheme.allIndicators
    var selectedRow = 0
    for (r, row) in formRows(a).enumerated() {
      if let heading = row.heading {
        rows.append([TableCell(heading, role: .header)])
        continue
      }
      guard let i = row.indicator else { continue }
      if i == indicatorIndex { selectedRow = r }
      let indicator = all[i]
      let entry = a.entry(indicator.id)
      let flagged = !(Scoring.issues(indicator, entry) + Scoring.warnings(indicator, entry)).isEmpty
      let name = (flagged ? glyphs.warningMark + " " : "  ") + indicator.name
      var cells = [
        TableCell(name, role: flagged ? .warning : nil),
        TableCell(indicator.method == .veto ? "–" : Points.format(indicator.maxPoints)),
        TableCell(strings("method.\(indicator.method.rawValue)"), role: .muted),
      ]
      if comparing {
        let now = Scoring.score(indicator, Scoring.input(entry, basis: .final))
        let before = previous.flatMap { p in
          Scoring.score(indicator, Scoring.input(p.entry(indicator.id), basis: .final))
        }
        cells.append(TableCell(cellText(indicator, Scoring.input(entry, basis: .final))))
        cells.append(
          TableCell(
            previous.map { cellText(indicator, Scoring.input($0.entry(indicator.id), basis: .final)) } ?? "·")
        )
        if let now, let before, !Points.equal(now, before) {
          let d = now - before
          cells.append(
            TableCell(
              (d > 0 ? String(glyphs.up) : String(glyphs.down)) + Points.format(abs(d)),
              role: d > 0 ? .ok : .danger))
        } else {
          cells.append(TableCell(""))
        }
      } else {
        cells.append(
          TableCell(cellText(indicator, entry.selfInput), role: entry.selfInput.isEmpty ? .muted : nil))
        cells.append(
          TableCell(
            cellText(indicator, entry.committeeInput), role: entry.committeeInput.isEmpty ? .muted : nil))
      }
      if wide {
        var note = entry.note
        if !entry.evidence.isEmpty { note += (note.isEmpty ? "" : " ") + "[\(entry.evidence)]" }
        cells.append(TableCell(note, role: .muted))
      }
      rows.append(cells)
    }
    var table = formTable
    let selection = table.selection
    table.columns = columns
    table.rows = rows
    table.selection = selection
    table.selection.count = rows.count
    table.selection.select(selectedRow)
    table.isFocused = focus == .form
    table.emptyText = strings("assess.noIndicators")
    return table
  }

  private var methodWidth: Int {
    (ScoringMethod.allCases.map { strings("method.\($0.rawValue)") } + [strings("col.assess.method")]).map(
      \.displayWidth
    ).max() ?? 4
  }
}
