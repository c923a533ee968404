import Domain
import Store
import TUI

/// Drawing the proposals screen.
extension ProposalsScreen {
  /// Where the parts of a frame in `rect` go; `layOut(in:)` stores what keys and clicks
  /// need of it, render draws by it.
  struct FrameLayout {
    var headerLines: (counts: [String], kpis: [String])
    var header: Rect
    var rest: Rect
    /// The list's (below the search line) or the 督办 table's area; nil when its box has no inside.
    var table: Rect?
    /// Rows of the table below its column titles.
    var bodyHeight: Int
    /// The detail's text area; nil when the detail box is too small for it.
    var detailText: Rect?
  }

  func frameLayout(in rect: Rect, glyphs: Glyphs) -> FrameLayout {
    let lines = headerLines(width: rect.width - 2, glyphs: glyphs)
    // The counts and the four KPIs are what the clerk came for: they get the lines they
    // need when the window is tall enough, one each when it is short.
    let headerHeight = rect.height >= 20 ? lines.counts.count + lines.kpis.count : rect.height >= 16 ? 2 : 1
    let (header, rest) = rect.splitTop(headerHeight)
    let inner = boxInner(rest)
    var table: Rect? = inner.isEmpty ? nil : inner
    if case .search = mode, view == .list, !inner.isEmpty { table = inner.splitTop(1).1 }
    var detailText: Rect?
    if inner.height >= 2 {
      let content = inner.splitBottom(1).0
      detailText = Rect(x: content.x + 1, y: content.y, width: content.width - 2, height: content.height)
    }
    return FrameLayout(
      headerLines: lines, header: header, rest: rest, table: table,
      bodyHeight: max(1, (table?.height ?? 0) - 1), detailText: detailText)
  }

  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let layout = frameLayout(in: rect, glyphs: glyphs)
    renderHeader(layout.headerLines, into: &buffer, in: layout.header, glyphs: glyphs)
    switch view {
    case .list: renderList(into: &buffer, in: layout.rest, glyphs: glyphs)
    case .supervision: renderSupervision(into: &buffer, in: layout.rest, glyphs: glyphs)
    case .detail: renderDetail(into: &buffer, in: layout.rest, glyphs: glyphs)
    }
    switch mode {
    case .newForm(var form):
      form.layout(in: rect)
      form.render(into: &buffer, in: rect, glyphs: glyphs, strings: strings)
    case .pickMember(let picker, var form):
      form.layout(in: rect)
      form.render(into: &buffer, in: rect, glyphs: glyphs, strings: strings)
      picker.render(
        into: &buffer, in: rect, glyphs: glyphs,
        chosenLabel: strings(
          "picker.chosen",
          picker.chosen.isEmpty ? strings("value.none") : picker.chosen.joined(separator: "、")),
        footer: strings(picker.multiple ? "picker.footer.many" : "picker.footer.one"))
    default:
      break
    }
  }

  // MARK: Header

  var sessionTitle: String {
    query.sessionID.flatMap { id in sessions.first { $0.id == id } }.map(sessionLabel)
      ?? strings("value.allSessions")
  }

  func rateText(_ r: Rate) -> String {
    (r.percentText.map { $0 + "%" } ?? "—") + " (\(r.numerator)/\(r.denominator))"
  }

  /// The header's lines at `width`: the session's counts, then the KPIs (or the load
  /// error), packed onto at most three lines and two (the KPIs with their counts when those
  /// take no more lines).
  func headerLines(width: Int, glyphs: Glyphs) -> (counts: [String], kpis: [String]) {
    let sep = " \(glyphs.separator) "
    let gap = strings.language.isChinese ? "" : " "
    let counts = ProposalState.allCases.compactMap { s -> String? in
      guard let n = self.counts[s], n > 0 else { return nil }
      return "\(stateLabel(s))\(gap)\(n)"
    }
    let first =
      sessionTitle + "  " + strings("proposal.header.total", String(self.counts.values.reduce(0, +)))
    var countLines = TextWrap.pack([first] + counts, separator: sep, width: width)
    if countLines.count > 3 {
      countLines = Array(countLines[0..<2]) + [countLines[2...].joined(separator: sep)]
    }
    if let loadError { return (countLines, [loadError]) }
    guard let kpis else { return (countLines, [strings("proposal.header.pickSession")]) }
    let rates: [(String, Rate)] = [
      ("proposal.kpi.filingRate", kpis.filingRate), ("proposal.kpi.onTimeReplyRate", kpis.onTimeReplyRate),
      ("proposal.kpi.satisfactionRate", kpis.satisfactionRate),
      ("proposal.kpi.implementationRate", kpis.implementationRate),
    ]
    var kpiLines = TextWrap.pack(
      rates.map { "\(strings($0.0)) \(rateText($0.1))" }, separator: sep, width: width)
    if kpiLines.count > 1 {
      let short = TextWrap.pack(
        rates.map { "\(strings($0.0)) \($0.1.percentText.map { $0 + "%" } ?? "—")" }, separator: sep,
        width: width)
      if short.count < kpiLines.count { kpiLines = short }
    }
    return (countLines, kpiLines)
  }

  private func renderHeader(
    _ lines: (counts: [String], kpis: [String]), into buffer: inout ScreenBuffer, in rect: Rect,
    glyphs: Glyphs
  ) {
    let (counts, kpis) = lines
    let kpiRole: StyleRole = loadError != nil ? .danger : .normal
    let all = counts.map { ($0, StyleRole.title) } + kpis.map { ($0, kpiRole) }
    // A short window keeps the first line of each; a one-line header the KPIs alone.
    let shown =
      rect.height >= all.count
      ? all : rect.height >= 2 ? [all[0], all[counts.count]] : [all[counts.count]]
    for (i, (line, role)) in shown.prefix(rect.height).enumerated() {
      let row = Rect(x: rect.x + 1, y: rect.y + i, width: rect.width - 2, height: 1)
      buffer.put(
        DisplayWidth.current.clip(line, to: row.width, ellipsis: glyphs.ellipsis), in: row, role: role)
    }
  }

  // MARK: List

  /// The active filters in words, for the list's title.
  var filterSummary: String {
    var parts: [String] = []
    if !query.states.isEmpty { parts.append(query.states.map(stateLabel).sorted().joined(separator: "/")) }
    if let d = query.departmentID { parts.append(departmentNames[d] ?? "") }
    if let c = query.category { parts.append(categoryLabel(c)) }
    if query.overdueOnly { parts.append(strings("proposal.filter.overdue")) }
    if let p = query.proposer { parts.append(strings("proposal.filter.proposer", p)) }
    if !query.search.isEmpty { parts.append(strings("proposal.filter.search", query.search)) }
    return parts.joined(separator: " · ")
  }

  func daysCell(_ item: ProposalListItem, glyphs: Glyphs) -> TableCell {
    guard let left = item.daysLeft(on: today) else { return TableCell("") }
    if left < 0 {
      return TableCell(
        glyphs.warningMark + " " + strings("proposal.daysOverdue", String(-left)), role: .danger)
    }
    return TableCell(
      strings("proposal.daysLeft", String(left)), role: left <= policy.atRiskDays ? .warning : nil)
  }

  private func columnWidth(_ header: String, _ values: [String], cap: Int) -> Int {
    min(cap, ([header] + values).map(\.displayWidth).max() ?? 4)
  }

  /// The list's columns for a width, and which sort key each column stands for.
  func listColumns(width: Int, glyphs: Glyphs) -> [(TableColumn, ProposalSortKey?)] {
    let stateWidth = columnWidth(
      strings("proposal.column.state"), ProposalState.allCases.map(stateLabel), cap: 12)
    let daysWidth = columnWidth(
      strings("proposal.column.daysLeft"),
      [
        glyphs.warningMark + " " + strings("proposal.daysOverdue", "999"), strings("proposal.daysLeft", "99"),
      ], cap: 16)
    let deptWidth = columnWidth(strings("proposal.column.dept"), departments.map(\.name), cap: 12)
    var columns: [(TableColumn, ProposalSortKey?)] = [
      (TableColumn(strings("proposal.column.number"), width: .fixed(10)), .number),
      (TableColumn(strings("proposal.column.title"), width: .flexible(weight: 1, minimum: 8)), .title),
    ]
    if width >= 70 {
      columns.append(
        (TableColumn(strings("proposal.column.dept"), width: .fixed(deptWidth)), .leadDepartment))
    }
    if width >= 56 {
      columns.append((TableColumn(strings("proposal.column.state"), width: .fixed(stateWidth)), .state))
    }
    if width >= 64 {
      columns.append((TableColumn(strings("proposal.column.dueOn"), width: .fixed(10)), .dueOn))
    }
    columns.append((TableColumn(strings("proposal.column.daysLeft"), width: .fixed(daysWidth)), .daysLeft))
    if width >= 110 {
      columns.insert((TableColumn(strings("proposal.column.proposer"), width: .fixed(8)), .proposer), at: 2)
    }
    return columns
  }

  private func renderList(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    var title = strings("proposal.list.title", String(total))
    let summary = filterSummary
    if !summary.isEmpty { title += " · " + summary }
    let inner = Box(title: title, role: .border, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    var tableArea = inner
    if case .search(let field) = mode {
      let (line, rest) = inner.splitTop(1)
      let label = strings("proposal.search.label")
      buffer.put(label, in: line, role: .title)
      var input = field
      input.isFocused = true
      let fieldRect = Rect(
        x: line.x + label.displayWidth + 1, y: line.y, width: line.width - label.displayWidth - 1, height: 1)
      input.render(into: &buffer, in: fieldRect, glyphs: glyphs)
      tableArea = rest
    }
    let bodyHeight = max(1, tableArea.height - 1)
    let top = selection.visibleOffset(height: bodyHeight)
    let columns = listColumns(width: tableArea.width, glyphs: glyphs)
    var rows: [[TableCell]] = []
    for i in top..<min(total, top + bodyHeight) {
      guard let item = item(at: i) else { break }
      var cells: [TableCell] = [
        TableCell(item.number ?? stateLabel(.draft), role: item.number == nil ? .muted : nil),
        TableCell(item.title),
      ]
      for (_, key) in columns.dropFirst(2) {
        switch key {
        case .proposer: cells.append(TableCell(item.proposer))
        case .leadDepartment: cells.append(TableCell(item.leadDepartment ?? ""))
        case .state: cells.append(TableCell(stateLabel(item.state), role: item.supervised ? .warning : nil))
        case .dueOn: cells.append(TableCell(item.dueOn?.iso ?? ""))
        default: cells.append(daysCell(item, glyphs: glyphs))
        }
      }
      rows.append(cells)
    }
    var table = Table(
      columns: columns.map(\.0), rows: rows, selected: selection.selected - top,
      emptyText: loadError
        ?? strings(
          query
            == ProposalQuery(
              sessionID: query.sessionID, sort: query.sort, descending: query.descending, today: today)
            ? "proposal.list.empty" : "proposal.list.noMatch"))
    table.isFocused = true
    if let sortColumn = columns.firstIndex(where: { $0.1 == query.sort }) {
      table.sort = Table.Sort(column: sortColumn, ascending: !query.descending)
    }
    table.render(into: &buffer, in: tableArea, glyphs: glyphs)
  }

  // MARK: 督办

  /// The days cell of an item on the 督办 list for being under supervision.
  func supervisedMark(_ glyphs: Glyphs) -> String {
    glyphs.warningMark + " " + strings("proposal.supervision.reason.supervised")
  }

  private func renderSupervision(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let (overdue, atRisk) = (supervision.overdue, supervision.atRisk)
    var title = strings(
      "proposal.supervision.title", sessionTitle, today.iso, String(overdue), String(atRisk),
      String(policy.atRiskDays), String(supervision.count - overdue - atRisk))
    if let d = query.departmentID { title += " · " + (departmentNames[d] ?? "") }
    let inner = Box(title: title, role: .border, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    let deptWidth = columnWidth(strings("proposal.column.dept"), departments.map(\.name), cap: 12)
    let daysWidth = columnWidth(
      strings("proposal.column.daysLeft"),
      [
        glyphs.warningMark + " " + strings("proposal.daysOverdue", "999"), strings("proposal.daysLeft", "99"),
        supervisedMark(glyphs),
      ], cap: 16)
    var columns = [
      TableColumn(strings("proposal.column.dept"), width: .fixed(deptWidth)),
      TableColumn(strings("proposal.column.number"), width: .fixed(10)),
      TableColumn(strings("proposal.column.title"), width: .flexible(weight: 1, minimum: 8)),
    ]
    let wide = inner.width >= 64
    let widest = inner.width >= 110
    if wide { columns.append(TableColumn(strings("proposal.column.dueOn"), width: .fixed(10))) }
    columns.append(TableColumn(strings("proposal.column.daysLeft"), width: .fixed(daysWidth)))
    if widest { columns.append(TableColumn(strings("proposal.column.head"), width: .fixed(18))) }
    let bodyHeight = max(1, inner.height - 1)
    let top = supervisionSelection.visibleOffset(height: bodyHeight)
    var rows: [[TableCell]] = []
    for i in top..<min(supervision.count, top + bodyHeight) {
      guard let row = supervision.row(at: i) else { continue }
      // The department is named on its first line and again at the top of the view.
      let showDept = row.first || i == top
      var cells = [
        TableCell(
          showDept ? (row.group.department.isEmpty ? strings("value.none") : row.group.department) : "",
          role: .title),
        TableCell(row.item.number ?? ""), TableCell(row.item.title),
      ]
      if wide { cells.append(TableCell(row.item.dueOn?.iso ?? "")) }
      // An item under supervision has no running deadline: it says why it is listed.
      cells.append(
        row.entry.reason == .supervised
          ? TableCell(supervisedMark(glyphs), role: .warning) : daysCell(row.item, glyphs: glyphs))
      if widest {
        cells.append(
          TableCell(
            showDept
              ? [row.group.head, row.group.contact].filter { !$0.isEmpty }.joined(separator: " ") : "",
            role: .muted))
      }
      rows.append(cells)
    }
    var table = Table(
      columns: columns, rows: rows, selected: supervisionSelection.selected - top,
      emptyText: loadError ?? strings("proposal.supervision.empty"))
    table.isFocused = true
    table.render(into: &buffer, in: inner, glyphs: glyphs)
  }

  // MARK: Detail

  /// The detail's lines for a width: fields, texts, replies, evaluations and the timeline.
  func detailLines(width: Int, glyphs: Glyphs) -> [(String, StyleRole)] {
    guard let d = detail else { return [] }
    let p = d.proposal
    var out: [(String, StyleRole)] = []
    let sep = " \(glyphs.separator) "
    func field(_ key: String, _ value: String, role: StyleRole = .normal) {
      guard !value.isEmpty else { return }
      for (i, line) in TextWrap.wrap(strings("proposal.detail.field", strings(key), value), width: width)
        .enumerated()
      {
        out.append((line, i == 0 ? role : role))
      }
    }
    func heading(_ key: String) {
      out.append(("", .normal))
      out.append((strings(key), .title))
    }
    func text(_ value: String) {
      for line in TextWrap.wrap(value, width: max(1, width - 2)) { out.append(("  " + line, .normal)) }
    }
    out.append((p.title, .title))
    var facts = [stateLabel(p.state), categoryLabel(p.category)]
    if let session = sessions.first(where: { $0.id == p.sessionID }) {
      facts.insert(sessionLabel(session), at: 0)
    }
    if p.round > 1 { facts.append(strings("proposal.detail.round2")) }
    if p.supervised { facts.append(strings("proposal.detail.supervised")) }
    out.append((facts.joined(separator: sep), .muted))
    field(
      "proposal.detail.proposer",
      p.proposerUnit.isEmpty ? p.proposer : strings("proposal.detail.withUnit", p.proposer, p.proposerUnit))
    field("proposal.detail.coSigners", p.coSigners.joined(separator: "、"))
    field("proposal.detail.submittedOn", p.submittedOn?.iso ?? "")
    if let lead = p.leadDepartmentID {
      let co = p.coDepartmentIDs.compactMap { departmentNames[$0] }
      field(
        "proposal.detail.departments",
        co.isEmpty
          ? departmentNames[lead] ?? ""
          : strings("proposal.detail.leadWithCo", departmentNames[lead] ?? "", co.joined(separator: "、")))
    }
    field("proposal.detail.assignedOn", p.assignedOn?.iso ?? "")
    if let due = p.dueOn {
      var value = due.iso
      if let left = p.daysLeft(on: today) {
        value +=
          "  "
          + (left < 0
            ? glyphs.warningMark + " " + strings("proposal.daysOverdue", String(-left))
            : strings("proposal.daysLeft", String(left)))
      }
      field("proposal.detail.dueOn", value, role: p.isOverdue(on: today) ? .danger : .normal)
    }
    field("proposal.detail.extension", p.extensionReason ?? "")
    field("proposal.detail.decisionNote", p.decisionNote ?? "")
    field("proposal.detail.mergedInto", p.mergedInto ?? "")
    field("proposal.detail.implementedOn", p.implementedOn?.iso ?? "")
    field("proposal.detail.closedOn", p.closedOn?.iso ?? "")
    heading("field.proposal.reasons")
    text(p.reasons.isEmpty ? strings("value.none") : p.reasons)
    heading("field.proposal.measures")
    text(p.measures.isEmpty ? strings("value.none") : p.measures)
    if !d.replies.isEmpty {
      heading("proposal.detail.replies")
      for r in d.replies {
        let dept = r.departmentID.flatMap { departmentNames[$0] } ?? ""
        let onTime = strings(r.onTime ? "proposal.detail.onTime" : "proposal.detail.late")
        out.append(
          (
            "  "
              + strings(
                "proposal.detail.reply", String(r.round), r.repliedOn.iso, dept, gradeLabel(r.grade), onTime),
            r.onTime ? .normal : .warning
          ))
        for line in TextWrap.wrap(r.text, width: max(1, width - 4)) { out.append(("    " + line, .normal)) }
      }
    }
    if !d.evaluations.isEmpty {
      heading("proposal.detail.evaluations")
      for e in d.evaluations {
        out.append(
          (
            "  "
              + strings(
                "proposal.detail.evaluation", String(e.round), e.evaluatedOn.iso, verdictLabel(e.verdict)),
            e.verdict == .dissatisfied ? .warning : .normal
          ))
      }
    }
    heading("proposal.detail.timeline")
    for t in d.timeline {
      let action = t.action.map(actionLabel) ?? strings("proposal.action.create")
      let states = (t.from.map { stateLabel($0) + " → " } ?? "") + stateLabel(t.to)
      let line =
        "  \(t.day.iso)  \(t.actor)  \(action)  \(states)"
        + (t.note.map { "  " + $0.replacingOccurrences(of: "\n", with: " ") } ?? "")
      for (i, l) in TextWrap.wrap(line, width: width).enumerated() {
        out.append((i == 0 ? l : "      " + l, .normal))
      }
    }
    return out
  }

  /// The actions line: what the role may do now, with keys; or why it may not.
  func actionsLine(glyphs: Glyphs) -> (String, StyleRole) {
    guard let d = detail else { return ("", .muted) }
    if let refusal = context.refusal(for: .manageProposals) { return (refusal, .muted) }
    var parts = d.actions.map { "\(Self.key(for: $0)) \(actionLabel($0))" }
    if d.proposal.state == .draft { parts.insert("E \(strings("proposal.action.editDraft"))", at: 0) }
    if parts.isEmpty { return (strings("proposal.detail.noActions"), .muted) }
    return (strings("proposal.detail.actions") + parts.joined(separator: "  "), .key)
  }

  private func renderDetail(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard let d = detail else { return }
    let p = d.proposal
    // A draft has no number yet: its title names the state once.
    let title =
      p.number.map { strings("proposal.detail.title", $0, stateLabel(p.state)) }
      ?? strings("proposal.detail.titleDraft")
    let inner = Box(title: title, role: .border, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard inner.height >= 2 else { return }
    let (content, actionRow) = inner.splitBottom(1)
    let textRect = Rect(x: content.x + 1, y: content.y, width: content.width - 2, height: content.height)
    let lines = detailLines(width: textRect.width, glyphs: glyphs)
    // Clamped again for a frame drawn without a `.layout` (a bench, a direct render).
    let detailScroll = max(0, min(self.detailScroll, lines.count - textRect.height))
    for row in 0..<textRect.height {
      let i = detailScroll + row
      guard i < lines.count else { break }
      buffer.put(
        lines[i].0, in: Rect(x: textRect.x, y: textRect.y + row, width: textRect.width, height: 1),
        role: lines[i].1)
    }
    if lines.count > textRect.height && textRect.height > 0 {
      let more = detailScroll + textRect.height < lines.count
      buffer.put(
        String(more ? glyphs.down : glyphs.up), x: content.maxX - 1, y: more ? content.maxY - 1 : content.y,
        role: .muted, maxWidth: 1)
    }
    let (text, role) = actionsLine(glyphs: glyphs)
    buffer.put(
      DisplayWidth.current.clip(text, to: actionRow.width - 2, ellipsis: glyphs.ellipsis),
      in: Rect(x: actionRow.x + 1, y: actionRow.y, width: actionRow.width - 2, height: 1), role: role)
  }
}
