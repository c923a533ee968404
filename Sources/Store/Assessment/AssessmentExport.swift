import Domain
import Foundation

/// Chinese words of the data-exchange files (CSV headers and cell values), like MemberCSV's.
enum AssessmentWords {
  static let grade: [Grade: String] = [.excellent: "优秀", .good: "良好", .pass: "合格", .fail: "不合格"]
  static let state: [AssessmentState: String] = [
    .draft: "草稿", .selfSubmitted: "自评已交", .generalReview: "总支初审", .committeeReview: "党委审核",
    .publicNotice: "公示中", .locked: "已定等",
  ]
  static let kind: [UnitKind: String] = [
    .committee: "党委", .generalBranch: "党总支", .branch: "党支部", .group: "党小组",
  ]
  static let category: [DepartmentCategory: String] = [
    .clinical: "临床", .medicalTechnical: "医技", .administration: "行政后勤", .retired: "离退休",
  ]
}

/// A period's results for office software and for printing the 公示.
public enum AssessmentExport {
  /// The newest period in which some assessment has results: moved past 草稿, or
  /// scored. A quarter opened but not yet scored has nothing to export.
  public static func newestPeriodWithResults(store: GongzhiStore) throws -> Period? {
    for period in try store.assessments.periods() {
      let items = try store.assessments.assessments(period: period)
      if items.contains(where: { $0.state != .draft || $0.total > 0 }) { return period }
    }
    return nil
  }

  /// The ranking of a period as CSV (UTF-8 with BOM, CRLF): 总支 first, then 支部, each
  /// in the 公示's order (`published`; units not yet published follow without a place),
  /// with the columns the total is added from (dimension subtotals, 加分), 一票否决,
  /// total, grade, 优秀-cap mark and movement. Figures are number cells.
  public static func csv(period: Period, store: GongzhiStore) throws -> String {
    let repo = store.assessments
    let general = try repo.ranking(period: period, kind: .generalBranch, generalBranchID: nil, category: nil)
    let branches = try repo.ranking(period: period, kind: .branch, generalBranchID: nil, category: nil)
    let scheme = branches.scheme ?? general.scheme
    let units = try store.organisation.units(includeInactive: true)
    let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
    var header = ["考评期", "类型", "排名", "单位", "所属总支", "类别", "状态"]
    header += (scheme?.dimensions ?? []).map(\.name)
    header += ["加分", "一票否决", "总分", "等次", "超优秀比例", "升降"]
    var out = "\u{FEFF}" + header.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    for report in [general, branches] {
      for r in report.rows {
        let text = { (s: String) in MemberCSV.cell(s) }
        let number = { (v: Double) in MemberCSV.cell(number: v) }
        var row = [
          text(period.text), text(AssessmentWords.kind[r.kind] ?? ""),
          r.rank.map { number(Double($0)) } ?? "",
          text(r.unitName), text(r.generalBranchID.flatMap { names[$0] } ?? ""),
          text(r.category.flatMap { AssessmentWords.category[$0] } ?? ""),
          text(r.state.flatMap { AssessmentWords.state[$0] } ?? ""),
        ]
        row += r.dimensionScores.map(number)
        row += (0..<max(0, (scheme?.dimensions.count ?? 0) - r.dimensionScores.count)).map { _ in "" }
        row += [
          number(r.bonus), text(r.vetoed ? "是" : ""), number(r.total),
          text(AssessmentWords.grade[r.grade] ?? ""),
          text(r.overExcellentCap ? "*" : ""), r.movement.map { number(Double($0)) } ?? "",
        ]
        out += row.joined(separator: ",") + "\r\n"
      }
    }
    return out
  }

  /// The label keys `markdown` asks its lookup for. The App's string tables hold them.
  public static let markdownLabelKeys: [String] =
    [
      "report.assessment.title", "report.assessment.generalBranches", "report.assessment.branches",
      "report.assessment.distribution", "report.assessment.overCap", "report.assessment.vetoed",
      "report.column.rank", "report.column.unit", "report.column.generalBranch", "report.column.total",
      "report.column.grade", "report.column.state", "report.column.movement", "report.column.count",
      "report.column.share", "report.column.bonus", "report.column.veto", "report.assessment.empty",
      "report.assessment.unpublished", "report.assessment.nonePublished", "report.assessment.overCapMark",
    ] + Grade.allCases.map { "grade.\($0.rawValue)" }
    + publishedStates.map { "state.\($0.rawValue)" }

  /// The states whose results may be put up for the 公示: published or fixed.
  public static let publishedStates: [AssessmentState] = [.publicNotice, .locked]

  /// A Markdown report of the period fit to print for the 公示: the ranking of 总支 and
  /// of 支部 whose results are published (公示中) or fixed (已定等), as `published` ranks
  /// them, with the columns the total is added from (dimension subtotals, 加分), 否决,
  /// grade (`*` over the 优秀 cap), state and movement (↑↓), the grade distribution and
  /// 优秀-cap warnings; units not yet published are only counted. `label` turns a key of
  /// `markdownLabelKeys` into the user's words (`{0}` in the title is replaced by the
  /// period, `{0}` in the unpublished notes by the count).
  public static func markdown(period: Period, store: GongzhiStore, label: (String) -> String) throws -> String
  {
    let repo = store.assessments
    let general = try repo.ranking(period: period, kind: .generalBranch, generalBranchID: nil, category: nil)
    let branches = try repo.ranking(period: period, kind: .branch, generalBranchID: nil, category: nil)
    let units = try store.organisation.units(includeInactive: true)
    let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
    func esc(_ s: String) -> String {
      s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
        .replacingOccurrences(of: "\n", with: " ")
    }
    func grade(_ g: Grade) -> String { label("grade.\(g.rawValue)") }
    func count(_ key: String, _ n: Int) -> String {
      label(key).replacingOccurrences(of: "{0}", with: String(n))
    }
    var out =
      "# " + label("report.assessment.title").replacingOccurrences(of: "{0}", with: period.text) + "\n"
    if general.rows.isEmpty && branches.rows.isEmpty {
      return out + "\n" + label("report.assessment.empty") + "\n"
    }
    let scheme = branches.scheme ?? general.scheme
    for (report, heading) in [
      (general, "report.assessment.generalBranches"), (branches, "report.assessment.branches"),
    ] where !report.rows.isEmpty {
      out += "\n## \(label(heading))\n\n"
      let rows = report.rows.filter(isPublished)
      let unpublished = report.rows.count - rows.count
      if rows.isEmpty {
        out += count("report.assessment.nonePublished", unpublished) + "\n"
        continue
      }
      // The columns the total is added from: dimension subtotals and 加分; 否决 beside.
      let dims = (scheme?.dimensions ?? []).map(\.name)
      let heads =
        [label("report.column.rank"), label("report.column.unit"), label("report.column.generalBranch")]
        + dims + [label("report.column.bonus"), label("report.column.veto")]
        + ["report.column.total", "report.column.grade", "report.column.state", "report.column.movement"].map(
          label)
      out += "| " + heads.map(esc).joined(separator: " | ") + " |\n"
      out +=
        "| --: | :-- | :-- | " + dims.map { _ in "--: | " }.joined() + "--: | :-: | --: | :-- | :-- | :-: |\n"
      for r in rows {
        let move = r.movement.map { $0 > 0 ? "↑\($0)" : $0 < 0 ? "↓\(-$0)" : "–" } ?? ""
        // `\*`: a literal star, not Markdown emphasis.
        let g = esc(grade(r.grade)) + (r.overExcellentCap ? "\\*" : "")
        let gb = r.kind == .generalBranch ? "" : r.generalBranchID.flatMap { names[$0] } ?? ""
        let state = r.state.map { label("state.\($0.rawValue)") } ?? ""
        let subtotals = dims.indices.map { i in
          r.dimensionScores.indices.contains(i) ? Points.format(r.dimensionScores[i]) : ""
        }
        let cells =
          [r.rank.map(String.init) ?? "", esc(r.unitName), esc(gb)] + subtotals + [
            Points.format(r.bonus), r.vetoed ? esc(label("report.assessment.vetoed")) : "",
            Points.format(r.total), g, esc(state), move,
          ]
        out += "| " + cells.joined(separator: " | ") + " |\n"
      }
      if rows.contains(where: \.overExcellentCap) {
        out += "\n\\" + esc(label("report.assessment.overCapMark")) + "\n"
      }
      if unpublished > 0 { out += "\n" + count("report.assessment.unpublished", unpublished) + "\n" }
      out += "\n### \(label("report.assessment.distribution"))\n\n"
      out +=
        "| \(esc(label("report.column.grade"))) | \(esc(label("report.column.count"))) | \(esc(label("report.column.share"))) |\n"
      out += "| :-- | --: | --: |\n"
      let distribution = Ranking.distribution(
        rows.map { RankedUnit(unitID: $0.unitID, total: $0.total, grade: $0.grade, vetoed: $0.vetoed) })
      let n = max(1, rows.count)
      for g in Grade.allCases {
        let c = distribution[g] ?? 0
        let share = (Double(c) * 1000 / Double(n)).rounded() / 10
        out += "| \(esc(grade(g))) | \(c) | \(Points.format(share))% |\n"
      }
      let overCap = rows.filter(\.overExcellentCap)
      if !overCap.isEmpty {
        let over = overCap.map { esc($0.unitName) }.joined(separator: "、")
        out += "\n> \(esc(label("report.assessment.overCap"))): \(over)\n"
      }
    }
    return out
  }

  /// Whether a row's result is published (公示中) or fixed (已定等).
  public static func isPublished(_ row: RankingRow) -> Bool {
    row.state.map(publishedStates.contains) ?? false
  }

  /// The 公示's standings, the one source for the ranking screen, the CSV, the Markdown
  /// notice and the kiosk: the published or fixed rows, ranked among themselves (a unit
  /// still being scored takes no place; equal totals share a place); movement like with
  /// like, each unit's place among the units published in both periods
  /// (`previousPeriod`, that period's rows in any state); and the 优秀-cap marks among
  /// these rows, ties treated alike (`Scoring.excellentOverCap`).
  public static func published(_ rows: [RankingRow], previousPeriod: [RankingRow], cap: Double?)
    -> [RankingRow]
  {
    func ranked(_ rows: [RankingRow]) -> [RankedUnit] {
      rows.filter(isPublished).map {
        RankedUnit(unitID: $0.unitID, total: $0.total, grade: $0.grade, vetoed: $0.vetoed)
      }
    }
    let current = Ranking.rank(ranked(rows))
    let movement = Ranking.movement(current: current, previous: ranked(previousPeriod))
    let overCap = Set(Scoring.excellentOverCap(current, cap: cap))
    var byUnit: [Int64: RankingRow] = [:]
    for r in rows { byUnit[r.unitID] = r }
    return current.compactMap { u in
      guard var row = byUnit[u.unitID] else { return nil }
      row.rank = u.rank
      row.movement = movement[u.unitID]
      row.overExcellentCap = overCap.contains(u.unitID)
      return row
    }
  }
}

/// Scores entered on paper, imported from CSV.
public enum AssessmentImport {
  enum Column: String, CaseIterable {
    case unit, period, indicator
    case selfScore = "self"
    case committee, note, evidence

    var chinese: String {
      switch self {
      case .unit: return "单位"
      case .period: return "考评期"
      case .indicator: return "指标"
      case .selfScore: return "自评"
      case .committee: return "审核"
      case .note: return "说明"
      case .evidence: return "佐证"
      }
    }
    static let required: [Column] = [.unit, .period, .indicator]
  }

  /// Parses a score cell for `indicator`: a level name (graded), `N次` or `n=N`
  /// occurrences, or a number of points. nil for an unreadable cell.
  static func input(_ text: String, for indicator: Indicator) -> IndicatorInput? {
    if indicator.method == .graded, indicator.levels.contains(where: { $0.name == text }) {
      return IndicatorInput(level: text)
    }
    // A level's points stand for the level, as when typed on the scoring screen.
    if indicator.method == .graded, let p = Points.parse(text),
      let level = indicator.level(forPoints: p)
    {
      return IndicatorInput(level: level.name)
    }
    var t = Substring(text)
    var occurrences = false
    if t.hasSuffix("次") {
      t = t.dropLast()
      occurrences = true
    } else if t.hasPrefix("n=") {
      t = t.dropFirst(2)
      occurrences = true
    }
    if occurrences || indicator.method == .veto {
      // Counts as large as points are refused: no scheme counts a million of anything.
      guard let n = Int(t.trimmingCharacters(in: .whitespaces)), Double(n.magnitude) <= Points.limit else {
        return nil
      }
      return IndicatorInput(occurrences: n)
    }
    return Points.parse(String(t)).map { IndicatorInput(points: $0) }
  }

  /// Imports every row (unit, period, indicator, self, committee, note, evidence),
  /// all or nothing, in one transaction with its audit rows. An empty score cell leaves
  /// that score as it was; a missing assessment is created as 草稿. Returns the number of
  /// entries saved. Throws `ImportError` (FILE:LINE:COLUMN) at the first problem, with
  /// nothing written; `StoreError` for permissions and database errors.
  public static func importScores(
    path: String, store: GongzhiStore, actor: Actor, format: TableFormat? = nil
  ) throws -> Int {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    guard actor.role.can(.scoreAssessments) else { throw StoreError.permissionDenied(.scoreAssessments) }
    let reader = try TableReader(path: path, format: format)
    let units = try store.organisation.units(includeInactive: false)
    var unitByName: [String: OrgUnit] = [:]
    let paths = MemberCSV.paths(units)
    var nameCount: [String: Int] = [:]
    for u in units { nameCount[u.name, default: 0] += 1 }
    for u in units {
      if let p = paths[u.id] { unitByName[p] = u }
      if nameCount[u.name] == 1 { unitByName[u.name] = u }
    }
    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      reader.error(line: line, column: column, problem: Message(key: key, args: args))
    }
    func nextRecord() throws -> CSVRecord? {
      try reader.next()
    }
    guard let header = try nextRecord() else { throw fail(1, 1, "error.import.empty") }
    var index: [Column: Int] = [:]
    for (i, raw) in header.fields.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces)
      guard let c = Column.allCases.first(where: { $0.chinese == name || $0.rawValue == name.lowercased() })
      else {
        continue
      }
      if index[c] != nil { throw fail(header.line, i + 1, "error.import.duplicateHeader", name) }
      index[c] = i
    }
    for c in Column.required where index[c] == nil {
      throw fail(header.line, header.fields.count + 1, "error.import.missingHeader", c.chinese)
    }
    var records: [CSVRecord] = []
    while let r = try nextRecord() {
      if r.fields.count != header.fields.count {
        throw fail(
          r.line, min(r.fields.count, header.fields.count) + 1, "error.import.fieldCount",
          String(header.fields.count), String(r.fields.count))
      }
      records.append(r)
    }

    return try store.db.write { db in
      var touched = Set<Int64>()
      var schemeID = try Int64.fetchOne(db, sql: "SELECT id FROM assessment_scheme ORDER BY id DESC LIMIT 1")
      for record in records {
        let line = record.line
        func value(_ c: Column) -> String {
          guard let i = index[c] else { return "" }
          return MemberCSV.unguard(record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines))
        }
        func col(_ c: Column) -> Int { (index[c] ?? 0) + 1 }
        guard let unit = unitByName[value(.unit)] else {
          throw fail(line, col(.unit), "error.import.unknownUnit", value(.unit))
        }
        guard let period = Period(value(.period)) else {
          throw fail(line, col(.period), "error.import.badValue", value(.period), Column.period.chinese)
        }
        var assessmentID = try Int64.fetchOne(
          db,
          sql: "SELECT id FROM assessment WHERE unit_id = ? AND period = ? ORDER BY scheme_id DESC LIMIT 1",
          arguments: [unit.id, period.text])
        if assessmentID == nil {
          if unit.kind != .branch && unit.kind != .generalBranch {
            throw fail(line, col(.unit), "error.assessment.unitKind", unit.name)
          }
          let sid = try schemeID ?? AssessmentRecords.storeScheme(db, .wuhua, actor: actor)
          schemeID = sid
          let scheme = try AssessmentRecords.scheme(db, rowID: sid)
          if scheme.periodType != period.type {
            throw fail(
              line, col(.period), "error.assessment.periodType", period.text, scheme.periodType.rawValue)
          }
          assessmentID = try GRDBAssessmentRepository.insertAssessment(
            db, unitID: unit.id, period: period, schemeRowID: sid, scheme: scheme, actor: actor)
        }
        guard let aid = assessmentID,
          let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM assessment WHERE id = ?", arguments: [aid])
        else { throw fail(line, col(.unit), "error.import.unknownUnit", unit.name) }
        let item = AssessmentRecords.listItem(row)
        if Workflow.changeNeedsReason(item.state) {
          throw fail(
            line, col(.unit), "error.import.assessmentClosed", unit.name,
            item.state.rawValue)
        }
        let scheme = try AssessmentRecords.scheme(db, rowID: item.schemeRowID)
        let indicatorText = value(.indicator)
        guard
          let indicator = scheme.indicator(id: indicatorText)
            ?? scheme.allIndicators.first(where: { $0.name == indicatorText })
        else { throw fail(line, col(.indicator), "error.assessment.unknownIndicator", indicatorText) }
        var entry =
          try SQLRow.fetchOne(
            db, sql: "SELECT * FROM assessment_entry WHERE assessment_id = ? AND indicator_id = ?",
            arguments: [aid, indicator.id]
          ).map(AssessmentRecords.entry) ?? EntryInput(indicatorID: indicator.id)
        for (c, apply) in [
          (Column.selfScore, { (e: inout EntryInput, i: IndicatorInput) in e.selfInput = i }),
          (Column.committee, { (e: inout EntryInput, i: IndicatorInput) in e.committeeInput = i }),
        ] {
          let text = value(c)
          if text.isEmpty { continue }
          guard let i = input(text, for: indicator) else {
            throw fail(line, col(c), "error.import.badValue", text, c.chinese)
          }
          apply(&entry, i)
        }
        if index[.note] != nil, !value(.note).isEmpty { entry.note = value(.note) }
        if index[.evidence] != nil, !value(.evidence).isEmpty { entry.evidence = value(.evidence) }
        do {
          try GRDBAssessmentRepository.writeEntry(db, entry, assessment: item, reason: nil, actor: actor)
        } catch StoreError.invalid(let issues) {
          let issue = issues[0]
          let c: Column =
            switch issue.field {
            case "self": .selfScore
            case "committee": .committee
            case "note": .note
            case "evidence": .evidence
            default: .indicator
            }
          // A reason missing with no 说明 column: point at the score that deducts.
          var column = col(c)
          if index[c] == nil { column = value(.committee).isEmpty ? col(.selfScore) : col(.committee) }
          throw reader.error(line: line, column: column, problem: issue.message)
        }
        touched.insert(aid)
      }
      for id in touched.sorted() { try AssessmentRecords.retotal(db, id: id, actor: actor, reason: nil) }
      return records.count
    }
  }
}
