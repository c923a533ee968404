import Domain
import Foundation
import Store
import TUI

/// The ranking, year-end and member-points views of the assessment screen, and the
/// names `gongzhi render` knows them by.
extension AssessScreen {
  // MARK: Ranking

  /// Reads the ranking for the period and the filters.
  func rankingEffects() -> [Effect] {
    guard let period else {
      ranking = nil
      return []
    }
    let (assessments, kind, general, category) = (
      store.assessments, rankingKind, rankingKind == .branch ? rankingGeneral : nil, rankingCategory
    )
    return [
      .store(
        { try assessments.ranking(period: period, kind: kind, generalBranchID: general, category: category) },
        then: { [self] result in
          switch result {
          case .success(let report): ranking = report
          case .failure(let error):
            ranking = nil
            loadError = strings.describe(error)
          }
          return []
        })
    ]
  }

  /// The ranking read at once (`gongzhi render`).
  func loadRanking() { runNow(rankingEffects()) }

  var generalBranches: [OrgUnit] {
    orgTree.flattened().map(\.unit).filter { $0.kind == .generalBranch }
  }

  func rankingKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .escape:
      view = .form
    case .left, .char("h"): return changePeriod(by: 1, effects: &effects)
    case .right, .char("l"): return changePeriod(by: -1, effects: &effects)
    case .char("g"):
      let all = generalBranches
      if let g = rankingGeneral, let i = all.firstIndex(where: { $0.id == g }) {
        rankingGeneral = i + 1 < all.count ? all[i + 1].id : nil
      } else {
        rankingGeneral = all.first?.id
      }
      rankingTable.selection.select(0)
      effects += rankingEffects()
    case .char("f"):
      let all = DepartmentCategory.allCases
      if let c = rankingCategory, let i = all.firstIndex(of: c) {
        rankingCategory = i + 1 < all.count ? all[i + 1] : nil
      } else {
        rankingCategory = all.first
      }
      rankingTable.selection.select(0)
      effects += rankingEffects()
    case .char("k"):
      rankingKind = rankingKind == .branch ? .generalBranch : .branch
      rankingTable.selection.select(0)
      effects += rankingEffects()
    case .enter:
      if let row = rankingTable.selectedRow, let report = ranking, report.rows.indices.contains(row) {
        tree.select(id: report.rows[row].unitID)
        view = .form
        effects += currentEffects()
      }
    default:
      return rankingTable.handle(key)
    }
    return true
  }

  /// `↑2`, `↓1`, `–` or blank when not ranked last period.
  /// A ranking row not yet published has no place and a provisional grade (`~`).
  func isProvisional(_ row: RankingRow) -> Bool {
    row.state.map(Self.isProvisional) ?? false
  }

  func movementText(_ movement: Int?, glyphs: Glyphs) -> (String, StyleRole?) {
    guard let m = movement else { return ("", nil) }
    if m > 0 { return ("\(glyphs.up)\(m)", .ok) }
    if m < 0 { return ("\(glyphs.down)\(-m)", .danger) }
    return ("–", .muted)
  }

  /// The ranking table filled for a frame in `rect`, and its area below the
  /// distribution (and excellent-cap) lines; nil without a report or room.
  func rankingTableLayout(in rect: Rect, glyphs: Glyphs) -> (Table, Rect)? {
    let inner = boxInner(rect)
    guard !inner.isEmpty, let report = ranking else { return nil }
    var y = inner.y + 1
    if !report.overExcellentCap.isEmpty, y < inner.maxY { y += 1 }
    let dims = report.scheme?.dimensions ?? []
    // The unit name first: room for its first six CJK characters (or the whole of a
    // shorter name) before any dimension column; then the widest bars that fit, else
    // the subtotals alone, else as many subtotals as fit.
    let moveWidth = max(4, strings("report.column.movement").displayWidth)
    let showsState = inner.width >= 100
    // The state as wide as its longest word (at most 12): what is left goes to the name.
    let stateWidth = min(
      12,
      ([strings("col.assess.state")] + AssessmentState.allCases.map(stateName)).map(\.displayWidth).max() ?? 6
    )
    // Marks go with one grade each: `*` only on 优秀, `!` (a veto) only on 不合格.
    let marked = Grade.allCases.map { g in
      strings("grade.\(g.rawValue)") + (g == .excellent ? "*" : g == .fail ? "!" : "")
    }
    let gradeWidth = ([strings("report.column.grade")] + marked).map(\.displayWidth).max() ?? 6
    let totalWidth = max(5, strings("report.column.total").displayWidth)
    // 加分 beside the subtotals, so every total re-adds from its row; 否决 as a column
    // where there is room (the grade's `!` says it anyway).
    let bonusWidth = max(4, strings("report.column.bonus").displayWidth)
    let vetoWidth = max(2, strings("report.column.veto").displayWidth) + 1
    let fixed =
      4 + totalWidth + gradeWidth + moveWidth + 4 + bonusWidth + 1 + (showsState ? stateWidth + 1 : 0)
    let longest = report.rows.map(\.unitName.displayWidth).max() ?? 8
    let room = inner.width - fixed - min(max(8, longest), 12)
    // Bars only beside room for eight CJK characters of a name: a name is worth more.
    let barRoom = inner.width - fixed - min(max(8, longest), 17)
    var barWidth = 0
    var dimWidth = 0
    var dimCount = 0
    var showsVeto = false
    if let bars = [6, 4, 2].first(where: { dims.count * ($0 + 5 + 1) + vetoWidth <= barRoom }) {
      barWidth = bars
      dimWidth = bars + 5
      dimCount = dims.count
      showsVeto = true
    } else if room >= 6 {
      dimWidth = 5
      dimCount = min(dims.count, room / 6)
      showsVeto = room - dimCount * 6 >= vetoWidth
    }
    var columns = [
      TableColumn(strings("report.column.rank"), width: .fixed(4), alignment: .right),
      TableColumn(strings("report.column.unit"), width: .flexible(weight: 2, minimum: 8)),
      TableColumn(strings("report.column.total"), width: .fixed(totalWidth), alignment: .right),
      TableColumn(strings("report.column.grade"), width: .fixed(gradeWidth)),
      TableColumn(strings("report.column.movement"), width: .fixed(moveWidth)),
    ]
    for d in dims.prefix(dimCount) {
      let label = DisplayWidth.current.clip(d.name, to: dimWidth, ellipsis: "")
      columns.append(TableColumn(label, width: .fixed(dimWidth), alignment: barWidth > 0 ? .left : .right))
    }
    columns.append(TableColumn(strings("report.column.bonus"), width: .fixed(bonusWidth), alignment: .right))
    if showsVeto { columns.append(TableColumn(strings("report.column.veto"), width: .fixed(vetoWidth - 1))) }
    if showsState {
      columns.append(
        TableColumn(strings("col.assess.state"), width: .fixed(stateWidth)))
    }
    let rows: [[TableCell]] = report.rows.map { r in
      let (move, moveRole) = movementText(r.movement, glyphs: glyphs)
      var grade = strings("grade.\(r.grade.rawValue)")
      if r.vetoed { grade += "!" }
      if r.overExcellentCap { grade += "*" }
      let provisional = isProvisional(r)
      if provisional { grade += "~" }
      var cells = [
        TableCell(r.rank.map(String.init) ?? ""), TableCell(r.unitName), TableCell(Points.format(r.total)),
        TableCell(grade, role: provisional ? .muted : gradeRole(r.grade)), TableCell(move, role: moveRole),
      ]
      for (i, d) in dims.prefix(dimCount).enumerated() {
        let v = r.dimensionScores.indices.contains(i) ? r.dimensionScores[i] : 0
        let bar = BarChart.barText(value: v, scale: d.maxPoints, width: barWidth, glyphs: glyphs)
        let padded = barWidth > 0 ? DisplayWidth.current.pad(bar, to: barWidth) : ""
        cells.append(TableCell(padded + BarChart.format(v).leftPadded(to: 5), role: .chartBar))
      }
      cells.append(TableCell(Points.format(r.bonus)))
      if showsVeto { cells.append(TableCell(r.vetoed ? "!" : "", role: r.vetoed ? .danger : nil)) }
      if showsState { cells.append(TableCell(r.state.map(stateName) ?? "")) }
      return cells
    }
    var table = rankingTable
    let selection = table.selection
    table.columns = columns
    table.rows = rows
    table.selection = selection
    table.selection.count = rows.count
    table.emptyText = strings("assess.ranking.empty")
    let tableRect = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y)
    table.selection.pageSize = max(1, tableRect.height - 1)
    return (table, tableRect)
  }

  func renderRanking(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    var filters = [strings(rankingKind == .branch ? "assess.ranking.branches" : "assess.ranking.generals")]
    if rankingKind == .branch, let g = rankingGeneral, let unit = orgTree.units[g] {
      filters.append(unit.name)
    }
    if let c = rankingCategory { filters.append(strings("deptCategory.\(c.rawValue)")) }
    let title = strings(
      "assess.ranking.title", periodLabel(glyphs: glyphs), filters.joined(separator: " \(glyphs.separator) "))
    let inner = Box(title: title, role: .title, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    guard let report = ranking else {
      buffer.put(loadError ?? strings("assess.ranking.empty"), in: inner.splitTop(1).0, role: .muted)
      return
    }
    var y = inner.y
    // The grade distribution, in words and counts.
    let dist = Grade.allCases.map { g in
      strings("grade.\(g.rawValue)") + " " + String(report.distribution[g] ?? 0)
    }.joined(separator: "  ")
    var distribution = strings("assess.ranking.distribution", dist, String(report.rows.count))
    if report.rows.contains(where: \.vetoed) { distribution += "  " + strings("assess.legend.veto") }
    if report.rows.contains(where: isProvisional) {
      distribution += "  " + strings("assess.ranking.provisionalLegend")
    }
    buffer.put(distribution, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
    y += 1
    let overCap = Set(report.overExcellentCap)
    if !overCap.isEmpty, y < inner.maxY {
      // The cap is hospital-wide: count the marked rows shown, and say when the rest
      // are outside the filter.
      let cap = report.scheme?.excellentCap.map { Points.format($0 * 100) + "%" } ?? ""
      let shown = report.rows.filter { overCap.contains($0.unitID) }.count
      let outside = overCap.count - shown
      let text =
        outside == 0
        ? strings("assess.ranking.overCap", cap, String(shown))
        : shown == 0
          ? strings("assess.ranking.overCap.outside", cap, String(outside))
          : strings("assess.ranking.overCap.partly", cap, String(shown), String(outside))
      buffer.put(
        glyphs.warningMark + " " + text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
        role: .warning)
      y += 1
    }
    guard let (rankingTable, tableRect) = rankingTableLayout(in: rect, glyphs: glyphs) else { return }
    rankingTable.render(into: &buffer, in: tableRect, glyphs: glyphs)
  }

  private var gradeWidth: Int {
    Grade.allCases.map { strings("grade.\($0.rawValue)").displayWidth + 2 }.max() ?? 6
  }

  // MARK: Year-end

  var year: Int { period?.year ?? context.today.year }

  /// Reads the year's results with the weights of this session.
  func yearEffects() -> [Effect] {
    let (assessments, year, weights) = (store.assessments, year, weights)
    return [
      .store(
        { try assessments.yearResults(year: year, weights: weights) },
        then: { [self] result in
          switch result {
          case .success(let results): yearResults = results
          case .failure(let error):
            yearResults = []
            loadError = strings.describe(error)
          }
          return []
        })
    ]
  }

  /// The year's results read at once (`gongzhi render`).
  func loadYear() { runNow(yearEffects()) }

  func yearKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .escape: view = .form
    case .left, .char("h"): return changePeriod(by: 1, effects: &effects)
    case .right, .char("l"): return changePeriod(by: -1, effects: &effects)
    case .char("m"): startMarks(effects: &effects)
    case .char("w"): startWeights(effects: &effects)
    default: return yearTable.handle(key)
    }
    return true
  }

  /// The units with a year result, in tree order: the year table's rows.
  func yearShownUnits() -> [OrgUnit] {
    let withResult = Set(yearResults.map(\.unitID))
    return orgTree.flattened().map(\.unit).filter { $0.kind != .committee && withResult.contains($0.id) }
  }

  /// The year table filled for a frame in `rect`, and its area between the weights
  /// line and the legend; nil without room.
  func yearTableLayout(in rect: Rect, glyphs: Glyphs) -> (Table, Rect)? {
    let inner = boxInner(rect)
    guard !inner.isEmpty else { return nil }
    var tableHeight = inner.height - 1
    if yearHasLegends, inner.height > 3 { tableHeight -= 1 }
    var columns = [
      TableColumn(strings("report.column.unit"), width: .flexible(weight: 2, minimum: 8))
    ]
    let quarters = Period(year: year).quarters
    if inner.width >= 60 {
      for q in quarters {
        columns.append(TableColumn("Q\(q.quarter ?? 0)", width: .fixed(5), alignment: .right))
      }
    }
    columns += [
      TableColumn(
        strings("col.assess.quarterMean"),
        width: .fixed(max(7, strings("col.assess.quarterMean").displayWidth)),
        alignment: .right),
      TableColumn(
        strings("col.assess.review"), width: .fixed(max(8, strings("col.assess.review").displayWidth)),
        alignment: .right),
      TableColumn(strings("report.column.total"), width: .fixed(7), alignment: .right),
      TableColumn(strings("report.column.grade"), width: .fixed(gradeWidth)),
    ]
    var byUnit: [Int64: UnitYearResult] = [:]
    for r in yearResults { byUnit[r.unitID] = r }
    let shown = yearShownUnits()
    let rows: [[TableCell]] = shown.map { unit in
      let r = byUnit[unit.id]!
      var cells = [TableCell((unit.kind == .branch ? "  " : "") + unit.name)]
      if inner.width >= 60 {
        for q in quarters {
          cells.append(TableCell(r.quarters.first { $0.0 == q }.map { Points.format($0.1) } ?? "·"))
        }
      }
      cells += [
        TableCell(r.result.quarterMean.map(Points.format) ?? "·"),
        // At the precision the total is computed from (88.95, not 89), so it re-adds.
        TableCell(
          r.result.reviewScore.map(Points.format) ?? "·", role: r.result.reviewScore == nil ? .muted : nil),
        TableCell(Points.format(r.result.total) + (r.result.provisional ? "~" : "")),
        TableCell(
          strings("grade.\(r.result.grade.rawValue)") + (r.result.vetoed ? "!" : ""),
          role: r.result.provisional ? .muted : gradeRole(r.result.grade)),
      ]
      return cells
    }
    var table = yearTable
    let selection = table.selection
    table.columns = columns
    table.rows = rows
    table.selection = selection
    table.selection.count = rows.count
    table.emptyText = strings("assess.year.empty")
    let tableRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: tableHeight)
    table.selection.pageSize = max(1, tableRect.height - 1)
    return (table, tableRect)
  }

  /// True when a `!` or `~` in the year table needs its legend line.
  var yearHasLegends: Bool {
    yearResults.contains(where: \.result.vetoed) || yearResults.contains(where: \.result.provisional)
  }

  func renderYear(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let title = strings("assess.year.title", String(year))
    let inner = Box(title: title, role: .title, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    buffer.put(
      strings(
        "assess.year.weights", Points.format(weights.quarters * 100), Points.format(weights.review * 100),
        Points.format((weights.raters[.committee] ?? 0) * 100),
        Points.format((weights.raters[.members] ?? 0) * 100),
        Points.format((weights.raters[.publicRaters] ?? 0) * 100)),
      in: inner.splitTop(1).0, role: .muted)
    // What the `!` after a grade and the `~` after a total mean, under the table.
    var legends: [String] = []
    if yearResults.contains(where: \.result.vetoed) { legends.append(strings("assess.year.vetoLegend")) }
    if yearResults.contains(where: \.result.provisional) {
      legends.append(strings("assess.year.provisionalLegend"))
    }
    if !legends.isEmpty, inner.height > 3 {
      buffer.put(
        legends.joined(separator: "  "),
        in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), role: .muted)
    }
    guard let (yearTable, tableRect) = yearTableLayout(in: rect, glyphs: glyphs) else { return }
    yearTable.render(into: &buffer, in: tableRect, glyphs: glyphs)
  }

  /// The marks form: one field per rater and aspect (双述双评), 0–100.
  func startMarks(effects: inout [Effect]) {
    if let refusal = scoringRefusal { return effects.post(refusal, role: .danger) }
    guard let row = yearTable.selectedRow, yearUnits.indices.contains(row),
      let unit = orgTree.units[yearUnits[row]]
    else { return effects.post(strings("assess.year.pick"), role: .warning) }
    let (assessments, year) = (store.assessments, year)
    effects.append(
      .store(
        { try assessments.reviewMarks(unitID: unit.id, year: year) },
        then: { [self] result in
          switch result {
          case .success(let marks): return [openMarks(marks, unit: unit)]
          case .failure(let error): return [.post(strings.describe(error), .danger)]
          }
        }))
  }

  /// The marks form filled with what is recorded.
  private func openMarks(_ marks: [ReviewMark], unit: OrgUnit) -> Effect {
    var fields: [FormField] = []
    for rater in ReviewRater.allCases {
      for aspect in ReviewAspect.allCases {
        let mark =
          marks.first { $0.rater == rater && $0.aspect == aspect }.map { Points.format($0.mark) } ?? ""
        fields.append(
          .text(
            "\(rater.rawValue).\(aspect.rawValue)",
            strings("rater.\(rater.rawValue)") + " " + strings("aspect.\(aspect.rawValue)"), mark,
            maxLength: 6))
      }
    }
    return presentForm(
      Form(
        title: strings("assess.form.marks", unit.name, String(year)), fields: fields,
        footer: strings("form.footer")),
      .reviewMarks(unitID: unit.id, year: year))
  }

  func saveMarks(_ form: Form, unitID: Int64, year: Int, effects: inout [Effect]) {
    var issues: [String: String] = [:]
    var parsed: [(ReviewRater, ReviewAspect, Double)] = []
    for rater in ReviewRater.allCases {
      for aspect in ReviewAspect.allCases {
        let id = "\(rater.rawValue).\(aspect.rawValue)"
        let text = form.value(id).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { continue }
        guard let v = Points.parse(text) else {
          issues[id] = strings("assess.notANumber", text)
          continue
        }
        if let problem = YearEnd.markIssues(v).first {
          issues[id] = strings.message(problem.message)
          continue
        }
        parsed.append((rater, aspect, v))
      }
    }
    guard issues.isEmpty else {
      var again = form
      again.setIssues(issues)
      effects.append(presentForm(again, .reviewMarks(unitID: unitID, year: year)))
      return
    }
    let (assessments, actor) = (store.assessments, context.actor)
    effects.append(
      .store(
        {
          for (rater, aspect, v) in parsed {
            try assessments.setReviewMark(
              unitID: unitID, year: year, rater: rater, aspect: aspect, mark: v, by: actor)
          }
        },
        then: { [self] result in
          switch result {
          case .success:
            return yearEffects() + [.post(strings("assess.year.saved", String(parsed.count)), .ok)]
          case .failure(let error): return [.post(strings.describe(error), .danger)]
          }
        }))
  }

  /// Weights of the yearly result, in percent (kept for this session).
  func startWeights(effects: inout [Effect]) {
    let pct = { (v: Double) in Points.format(v * 100) }
    effects.append(
      presentForm(
        Form(
          title: strings("assess.form.weights"),
          fields: [
            .text("quarters", strings("field.assess.wQuarters"), pct(weights.quarters), maxLength: 5),
            .text("review", strings("field.assess.wReview"), pct(weights.review), maxLength: 5),
            .text(
              "committee", strings("rater.committee"), pct(weights.raters[.committee] ?? 0), maxLength: 5),
            .text("members", strings("rater.members"), pct(weights.raters[.members] ?? 0), maxLength: 5),
            .text("public", strings("rater.public"), pct(weights.raters[.publicRaters] ?? 0), maxLength: 5),
          ], footer: strings("form.footer")), .weights))
  }

  func saveWeights(_ form: Form, effects: inout [Effect]) {
    var values: [String: Double] = [:]
    var issues: [String: String] = [:]
    for id in ["quarters", "review", "committee", "members", "public"] {
      if let v = Points.parse(form.value(id)), v >= 0, v <= 100 {
        values[id] = v / 100
      } else {
        issues[id] = strings("assess.weight.bad", form.value(id))
      }
    }
    let entered = YearWeights(
      quarters: values["quarters"] ?? 0, review: values["review"] ?? 0,
      raters: [
        .committee: values["committee"] ?? 0, .members: values["members"] ?? 0,
        .publicRaters: values["public"] ?? 0,
      ])
    // Each group must add to 100 %: refused, never rescaled behind the user's back.
    if issues.isEmpty {
      for issue in entered.issues { issues[issue.field] = strings.message(issue.message) }
    }
    guard issues.isEmpty else {
      var again = form
      again.setIssues(issues)
      effects.append(presentForm(again, .weights))
      return
    }
    weights = entered
    effects += yearEffects()
    effects.post(strings("assess.weight.saved"), role: .ok)
  }

  // MARK: Member points

  /// Reads the selected branch's member points for the year.
  func pointsEffects() -> [Effect] {
    guard let unit = selectedUnit, unit.kind == .branch else {
      pointsRows = []
      return []
    }
    let (assessments, year) = (store.assessments, year)
    return [
      .store(
        { try assessments.memberPoints(unitID: unit.id, year: year, rules: .standard) },
        then: { [self] result in
          switch result {
          case .success(let rows): pointsRows = rows
          case .failure(let error):
            pointsRows = []
            loadError = strings.describe(error)
          }
          return []
        })
    ]
  }

  /// The member points read at once (`gongzhi render`).
  func loadPoints() { runNow(pointsEffects()) }

  func pointsKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .escape: view = .form
    case .tab: return true
    case .char("N"), .char("}"):
      nextBranch(step: 1, effects: &effects)
    case .char("{"):
      nextBranch(step: -1, effects: &effects)
    case .up, .down, .char("j"), .char("k"):
      let before = tree.selectedID
      _ = tree.handle(key)
      if tree.selectedID != before { effects += currentEffects() }
    default: return pointsTable.handle(key)
    }
    return true
  }

  /// The member points table filled for the pane `rect`, and its area below the rules
  /// line; nil without room.
  func pointsTableLayout(in rect: Rect) -> (Table, Rect)? {
    let inner = boxInner(rect)
    guard !inner.isEmpty else { return nil }
    let columns = [
      TableColumn("#", width: .fixed(3), alignment: .right),
      TableColumn(strings("col.name"), width: .flexible(weight: 1, minimum: 6)),
      TableColumn(strings("col.assess.base"), width: .fixed(5), alignment: .right),
      TableColumn(strings("col.assess.task"), width: .fixed(5), alignment: .right),
      TableColumn(strings("col.assess.reward"), width: .fixed(5), alignment: .right),
      TableColumn(strings("report.column.total"), width: .fixed(6), alignment: .right),
      TableColumn(strings("col.assess.events"), width: .fixed(5), alignment: .right),
    ]
    var table = pointsTable
    table.columns = columns
    table.rows = pointsRows.enumerated().map { i, r in
      [
        TableCell(String(i + 1)), TableCell(r.name), TableCell(Points.format(r.points.base)),
        TableCell(Points.format(r.points.task)), TableCell(Points.format(r.points.reward)),
        TableCell(Points.format(r.points.total), role: .title), TableCell(String(r.events), role: .muted),
      ]
    }
    table.emptyText = strings(
      selectedUnit?.kind == .branch ? "assess.points.empty" : "assess.points.pickBranch")
    let tableRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    table.selection.pageSize = max(1, tableRect.height - 1)
    return (table, tableRect)
  }

  func renderPoints(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let name = selectedUnit?.name ?? ""
    let inner = Box(
      title: strings("assess.points.title", name, String(year)), role: .title, titleRole: .title
    )
    .render(into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    let rules = PointsRules.standard
    buffer.put(
      strings(
        "assess.points.rules", Points.format(rules.baseMax), Points.format(rules.taskMax),
        Points.format(rules.rewardMax)), in: inner.splitTop(1).0, role: .muted)
    guard let (pointsTable, tableRect) = pointsTableLayout(in: rect) else { return }
    pointsTable.render(into: &buffer, in: tableRect, glyphs: glyphs)
  }

  // MARK: gongzhi render

  static let renderNames = ["assess", "ranking", "year", "points"]

  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    ensureLoaded()
    if let text = options["period"] {
      guard let p = Period(text), let i = periods.firstIndex(of: p) else {
        throw CLIError(strings.noPeriod(text, available: periods))
      }
      periodIndex = i
      loadPeriod()
    }
    if let path = options["select"] ?? subject {
      guard let id = orgTree.find(path: path) else { throw CLIError(strings("error.cli.select", path)) }
      tree.select(id: id)
      loadCurrent()
      if current != nil && name == "assess" { setFocus(.form) }
    }
    if let g = options["filter.general"] {
      guard let unit = generalBranches.first(where: { $0.name == g }) else {
        throw CLIError(strings("error.cli.select", g))
      }
      rankingGeneral = unit.id
    }
    if let c = options["filter.category"] {
      guard
        let cat = DepartmentCategory.allCases.first(where: {
          $0.rawValue == c || strings("deptCategory.\($0.rawValue)") == c
        })
      else { throw CLIError(strings("error.cli.select", c)) }
      rankingCategory = cat
    }
    if options["filter.kind"] == "general" { rankingKind = .generalBranch }
    switch name {
    case "ranking":
      view = .ranking
      loadRanking()
    case "year":
      view = .year
      loadYear()
    case "points":
      view = .points
      loadPoints()
    default:
      view = .form
    }
  }
}

extension String {
  /// Right-aligned in `width` display columns.
  func leftPadded(to width: Int) -> String { DisplayWidth.current.pad(self, to: width, align: .right) }
}
