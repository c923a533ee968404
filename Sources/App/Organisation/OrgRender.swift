import Domain
import TUI

/// Drawing the organisation screen.
extension OrgScreen {
  /// The tree's and the detail's areas of a frame in `rect`.
  func panes(in rect: Rect) -> (tree: Rect, detail: Rect) {
    let leftWidth = min(42, max(18, rect.width * 36 / 100))
    return rect.splitLeft(leftWidth)
  }

  /// Stores the hit areas and page sizes of a frame in `rect` and fills the roster
  /// table for the width it gets, so that render only draws.
  func layOut(in rect: Rect) {
    screenRect = rect
    let (left, right) = panes(in: rect)
    treeRect = boxInner(left)
    tree.pageSize = max(1, treeRect.height - 1)
    if case .search = mode { return }
    guard let unit = selectedUnit else { return }
    let inner = boxInner(right)
    guard !inner.isEmpty else { return }
    let y = inner.y + min(detailLines(unit, glyphs: context.glyphs).count, inner.height)
    let tableRect = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y)
    rosterRect = tableRect
    guard !tableRect.isEmpty else { return }
    if unit.kind == .branch || unit.kind == .group {
      fillRoster(width: tableRect.width, hasGroups: !(orgTree.children[unit.id] ?? []).isEmpty)
    } else {
      fillChildUnits(width: tableRect.width)
    }
    roster.selection.pageSize = max(1, tableRect.height - 1)
  }

  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let (left, right) = panes(in: rect)
    renderTree(into: &buffer, in: left, glyphs: glyphs)
    if case .search(let search) = mode {
      let count =
        search.field.text.isEmpty
        ? strings("search.hint") : strings("search.count", String(search.results.count))
      search.render(into: &buffer, in: right, glyphs: glyphs, title: strings("search.title"), count: count)
    } else {
      renderDetail(into: &buffer, in: right, glyphs: glyphs)
    }
    if case .pickUnit(let picker) = mode {
      picker.render(into: &buffer, in: rect, glyphs: glyphs, strings: strings)
    }
  }

  private func renderTree(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let total = orgTree.roots.reduce(0) { $0 + (orgTree.totals[$1] ?? 0) }
    let box = Box(
      title: strings("org.treeTitle", String(total)), role: focus == .tree ? .title : .border,
      titleRole: .title)
    let inner = box.render(into: &buffer, in: rect, glyphs: glyphs)
    tree.render(into: &buffer, in: inner, glyphs: glyphs)
  }

  /// The lines above the roster: a failed read, the unit's facts, its counts and warnings.
  func detailLines(_ unit: OrgUnit, glyphs: Glyphs) -> [(String, StyleRole)] {
    var lines: [(String, StyleRole)] = []
    if let loadError { lines.append((loadError, .danger)) }
    var facts = [strings("unitKind.\(unit.kind.rawValue)")]
    if let category = unit.category { facts.append(strings("deptCategory.\(category.rawValue)")) }
    // A party group (党小组) is led by a group leader (组长), not a secretary.
    let leaderKey = unit.kind == .group ? "org.groupLeader" : "org.secretary"
    facts.append(strings(leaderKey, unit.secretary.isEmpty ? strings("value.none") : unit.secretary))
    if !unit.active { facts.append(strings("org.inactive")) }
    lines.append((facts.joined(separator: " \(glyphs.separator) "), .normal))
    if unit.kind == .branch || unit.kind == .group {
      let active = rosterMembers.filter(\.active)
      let full = active.filter { $0.standing == .full }.count
      let serving = active.filter { $0.employment == .serving }.count
      lines.append(
        (
          strings(
            "org.memberSummary", String(active.count), String(full), String(active.count - full),
            String(serving), String(active.count - serving)), .muted
        ))
    } else {
      lines.append(
        (strings("org.unitSummary", String(childUnits.count), String(orgTree.totals[unit.id] ?? 0)), .muted))
    }
    for warning in warnings.prefix(2) {
      lines.append((glyphs.warningMark + " " + strings.message(warning), .warning))
    }
    return lines
  }

  private func renderDetail(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard let unit = selectedUnit else {
      let inner = Box(title: strings("tab.org")).render(into: &buffer, in: rect, glyphs: glyphs)
      buffer.put(
        loadError ?? strings("org.empty"), in: inner.splitTop(1).0, role: loadError == nil ? .muted : .danger)
      return
    }
    let crumbs = orgTree.path(of: unit.id).map(\.name).joined(separator: " \(glyphs.pathSeparator) ")
    let inner = Box(title: crumbs, role: focus == .roster ? .title : .border, titleRole: .title)
      .render(into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    var y = inner.y
    for (text, role) in detailLines(unit, glyphs: glyphs) where y < inner.maxY {
      buffer.put(text, in: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: 1), role: role)
      y += 1
    }
    let tableRect = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y)
    guard !tableRect.isEmpty else { return }
    roster.render(into: &buffer, in: tableRect, glyphs: glyphs)
  }

  /// Columns for the members, by how much room there is: name and standing always,
  /// dates, department and phone as the pane widens.
  private func fillRoster(width: Int, hasGroups: Bool) {
    var columns = [
      TableColumn(strings("col.name"), width: .flexible(weight: 1, minimum: 6)),
      TableColumn(strings("col.gender"), width: .fixed(fitting("col.gender", Gender.self, "gender"))),
      TableColumn(strings("col.standing"), width: .fixed(fitting("col.standing", Standing.self, "standing"))),
      TableColumn(
        strings("col.employment"), width: .fixed(fitting("col.employment", Employment.self, "employment"))),
    ]
    let wide = width >= 62
    let wider = width >= 84
    let widest = width >= 100
    if wide {
      columns += [
        TableColumn(strings("col.birthDate"), width: .fixed(10)),
        TableColumn(strings("col.joinDate"), width: .fixed(10)),
      ]
    } else if width >= 46 {
      // Names are short; the join date (party standing) is worth more than a wide name column.
      columns.append(TableColumn(strings("col.joinDate"), width: .fixed(10)))
    }
    if wider {
      columns.append(TableColumn(strings("col.department"), width: .flexible(weight: 1, minimum: 6)))
    }
    if hasGroups {
      columns.append(TableColumn(strings("col.group"), width: .flexible(weight: 1, minimum: 6)))
    }
    if widest {
      columns.append(
        TableColumn(
          strings("col.category"),
          width: .fixed(fitting("col.category", MemberCategory.self, "memberCategory"))))
      columns.append(TableColumn(strings("col.phone"), width: .fixed(11)))
    }
    let rows: [[TableCell]] = rosterMembers.map { m in
      let role: StyleRole? = m.active ? nil : .muted
      var cells = [
        TableCell(m.active ? m.name : m.name + " " + strings("org.inactiveSuffix"), role: role),
        TableCell(strings("gender.\(m.gender.rawValue)"), role: role),
        TableCell(
          strings("standing.\(m.standing.rawValue)"), role: m.standing == .probationary ? .warning : role),
        TableCell(strings("employment.\(m.employment.rawValue)"), role: role),
      ]
      if wide {
        cells += [
          TableCell(m.birthDate?.iso ?? "", role: role), TableCell(m.joinDate?.iso ?? "", role: role),
        ]
      } else if width >= 46 {
        cells.append(TableCell(m.joinDate?.iso ?? "", role: role))
      }
      if wider { cells.append(TableCell(m.department, role: role)) }
      if hasGroups {
        cells.append(
          TableCell(orgTree.units[m.unitID].map { $0.kind == .group ? $0.name : "" } ?? "", role: role))
      }
      if widest {
        cells.append(TableCell(strings("memberCategory.\(m.category.rawValue)"), role: role))
        cells.append(TableCell(m.phone, role: role))
      }
      return cells
    }
    setTable(columns: columns, rows: rows, width: width, empty: strings("org.noMembers"))
  }

  /// The width of a column of enum values: its header or its widest value in this language.
  private func fitting<T: RawRepresentable & CaseIterable>(_ header: String, _ type: T.Type, _ prefix: String)
    -> Int
  where T.RawValue == String {
    ([strings(header)] + T.allCases.map { strings("\(prefix).\($0.rawValue)") }).map(\.displayWidth).max()
      ?? 4
  }

  private func fillChildUnits(width: Int) {
    var columns = [
      TableColumn(strings("col.unit"), width: .flexible(weight: 2, minimum: 8)),
      TableColumn(
        strings("col.members"), width: .fixed(max(5, strings("col.members").displayWidth)), alignment: .right),
    ]
    if width >= 50 {
      columns.insert(
        TableColumn(strings("col.kind"), width: .fixed(fitting("col.kind", UnitKind.self, "unitKind"))), at: 1
      )
    }
    if width >= 64 {
      columns.append(TableColumn(strings("col.secretary"), width: .flexible(weight: 1, minimum: 6)))
    }
    if width >= 80 {
      columns.append(
        TableColumn(
          strings("col.deptCategory"),
          width: .fixed(fitting("col.deptCategory", DepartmentCategory.self, "deptCategory"))))
    }
    let rows: [[TableCell]] = childUnits.map { u in
      var cells = [TableCell(u.name, role: u.active ? nil : .muted)]
      if width >= 50 { cells.append(TableCell(strings("unitKind.\(u.kind.rawValue)"))) }
      cells.append(TableCell(String(orgTree.totals[u.id] ?? 0)))
      if width >= 64 { cells.append(TableCell(u.secretary)) }
      if width >= 80 {
        cells.append(TableCell(u.category.map { strings("deptCategory.\($0.rawValue)") } ?? ""))
      }
      return cells
    }
    setTable(columns: columns, rows: rows, width: width, empty: strings("org.noUnits"))
  }

  /// Rebuilds the table's columns and rows, keeping the selection and scroll.
  private func setTable(columns: [TableColumn], rows: [[TableCell]], width: Int, empty: String) {
    let selection = roster.selection
    roster.columns = columns
    roster.rows = rows
    roster.emptyText = empty
    roster.selection = selection
    roster.selection.count = rows.count
    roster.isFocused = focus == .roster
  }
}
