import Domain
import Foundation

/// Eight quarters of 五化 assessments for every 总支 and 支部 of the demo hospital,
/// ending at the quarter of `today`: earlier quarters 已定等, the latest still being
/// scored (草稿 / 自评已交 / 总支初审). Grades spread realistically (mostly 良好 and
/// 优秀, some 合格, one 不合格 through a veto). Also last year's 双述双评 marks and
/// this year's member points for the first members of each branch. Deterministic.
enum DemoAssessments {
  static let quarters = 8

  static let reasons = [
    "会议记录缺失", "未按计划召开", "抽查发现记录不全", "党员参会人数不足", "资料未及时归档", "现场检查发现问题",
    "台账内容不完整", "整改不到位",
  ]

  static func populate(_ db: SQLDatabase, seed: UInt64, today: Day, actor: Actor) throws {
    var rng = DemoHospital.SplitMix64(state: seed ^ 0xA55E_55ED)
    let scheme = Scheme.wuhua
    let schemeID = try AssessmentRecords.storeScheme(db, scheme, actor: actor)
    let units = try SQLRow.fetchAll(
      db,
      sql:
        "SELECT id, kind FROM org_unit WHERE kind IN ('generalBranch', 'branch') AND active = 1 ORDER BY id")
    let last = Period.quarter(of: today)
    var periods: [Period] = [last]
    while periods.count < quarters { periods.insert(periods[0].previous, at: 0) }
    let vetoUnit = units.count > 5 ? 5 : 0
    let vetoQuarter = max(0, quarters - 3)

    let insertAssessment = try db.cachedStatement(
      sql: """
        INSERT INTO assessment (unit_id, period, scheme_id, state, notice_start, total, self_total, bonus, vetoed,
          grade, dimension_scores, unscored, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
        """)
    let insertEntry = try db.cachedStatement(
      sql: """
        INSERT INTO assessment_entry (assessment_id, indicator_id, self_input, committee_input, note, evidence)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    let insertHistory = try db.cachedStatement(
      sql: """
        INSERT INTO assessment_history (assessment_id, from_state, to_state, action, actor, at, note)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)

    // Each unit has a standing quality that drifts a little from quarter to quarter.
    var quality: [Double] = units.map { _ in Double(rng.int(0...1000)) / 1000 }
    for (pi, period) in periods.enumerated() {
      let isLast = pi == periods.count - 1
      for (ui, row) in units.enumerated() {
        let unitID: Int64 = row["id"]
        quality[ui] = min(1, max(0, quality[ui] + Double(rng.int(-80...80)) / 1000))
        let state: AssessmentState
        if isLast {
          state = [.draft, .draft, .selfSubmitted, .generalReview][rng.int(0...3)]
        } else {
          state = .locked
        }
        let veto = ui == vetoUnit && pi == vetoQuarter
        let entries = makeEntries(
          scheme, quality: quality[ui], state: state, veto: veto, period: period, rng: &rng)
        let final = Scoring.summarise(scheme, entries: entries, basis: .final)
        let selfS = Scoring.summarise(scheme, entries: entries, basis: .selfAssessment)
        let noticeStart: String? =
          state == .locked
          ? min(today, Workflow.noticeEnds(start: period.next.firstDay.adding(days: 14), workingDays: 1)).iso
          : nil
        try insertAssessment.execute(arguments: [
          unitID, period.text, schemeID, state.rawValue, noticeStart, final.total, selfS.total, final.bonus,
          final.vetoed, final.grade.rawValue,
          final.dimensions.map { Points.format($0.score) }.joined(separator: ","),
          final.unscored,
        ])
        let aid = try db.lastInsertedRowID
        var fields: AuditFields = [
          "unit_id": String(unitID), "period": period.text, "scheme_id": String(schemeID),
          "state": state.rawValue,
          "total": AssessmentRecords.text(final.total), "vetoed": final.vetoed ? "1" : "0",
          "grade": final.grade.rawValue,
        ]
        if let noticeStart { fields["notice_start"] = noticeStart }
        try AuditedWrite.record(
          db, actor: actor, entity: "assessment", entityID: String(aid), action: .create, old: [:],
          new: fields,
          reason: nil)
        for e in entries {
          let f = AssessmentRecords.present(AssessmentRecords.entryFields(e, assessmentID: aid))
          try insertEntry.execute(arguments: [
            aid, e.indicatorID, f["self_input"] ?? nil, f["committee_input"] ?? nil, f["note"] ?? nil,
            f["evidence"] ?? nil,
          ])
          try AuditedWrite.record(
            db, actor: actor, entity: "assessment_entry", entityID: String(try db.lastInsertedRowID),
            action: .create,
            old: [:], new: f, reason: nil)
        }
        let at = AuditTime.format(Date())
        var from: AssessmentState? = nil
        for s in AssessmentState.allCases where s <= state {
          try insertHistory.execute(arguments: [
            aid, from?.rawValue, s.rawValue, from == nil ? "create" : WorkflowAction.advance.rawValue,
            actor.name, at,
            "",
          ])
          from = s
        }
      }
    }
    try reviewMarks(db, units: units.map { $0["id"] }, year: last.year - 1, rng: &rng, actor: actor)
    try memberPoints(db, today: today, rng: &rng, actor: actor)
  }

  /// One assessment's entries. `quality` 0…1 sets how much is lost; the self score is
  /// a little kinder than the committee's, which is only entered where it differs.
  static func makeEntries(
    _ scheme: Scheme, quality: Double, state: AssessmentState, veto: Bool, period: Period,
    rng: inout DemoHospital.SplitMix64
  ) -> [EntryInput] {
    let lossChance = 0.08 + (1 - quality) * 0.5
    let committeeScores = state >= .generalReview
    var out: [EntryInput] = []
    var evidenceNo = 0
    for i in scheme.allIndicators {
      if state == .draft && rng.chance(0.35) { continue }  // not scored yet
      var e = EntryInput(indicatorID: i.id)
      var lost = rng.chance(lossChance)
      switch i.method {
      case .deduct:
        let n = lost ? rng.int(1...max(1, Int(i.maxPoints / i.perUnit / 3))) : 0
        e.selfInput = IndicatorInput(occurrences: n > 1 && rng.chance(0.5) ? n - 1 : n)
        if committeeScores && n > 0 && (e.selfInput.occurrences ?? 0) != n {
          e.committeeInput = IndicatorInput(occurrences: n)
        }
      case .graded:
        let best = i.levels.count - 1
        let level = lost ? min(best, rng.chance(0.55) ? 1 : rng.int(1...best)) : 0
        let selfLevel = level > 0 && rng.chance(0.4) ? level - 1 : level
        e.selfInput = IndicatorInput(level: i.levels[selfLevel].name)
        if committeeScores && selfLevel != level {
          e.committeeInput = IndicatorInput(level: i.levels[level].name)
        }
      case .count:
        let full = Int((i.maxPoints / i.perUnit).rounded(.up))
        let n = lost ? rng.int(max(0, full / 3)...max(0, full - 1)) : full + rng.int(0...2)
        e.selfInput = IndicatorInput(occurrences: n)
      case .bonus:
        guard rng.chance(0.12 + quality * 0.2) else { continue }
        e.selfInput = IndicatorInput(occurrences: rng.int(1...3))
        lost = false
      case .veto:
        e.selfInput = IndicatorInput(occurrences: 0)
        if veto {
          e.committeeInput = IndicatorInput(occurrences: 1)
          e.note = "支部党员发生严重违纪案件"
        }
      }
      if Scoring.isDeduction(i, e.selfInput) || Scoring.isDeduction(i, e.committeeInput), e.note.isEmpty {
        e.note = reasons[rng.int(0...(reasons.count - 1))]
      }
      if i.evidenceRequired {
        evidenceNo += 1
        e.evidence = "\(period.text)-\(evidenceNo)"
      }
      out.append(e)
    }
    return out
  }

  static func reviewMarks(
    _ db: SQLDatabase, units: [Int64], year: Int, rng: inout DemoHospital.SplitMix64, actor: Actor
  ) throws {
    let insert = try db.cachedStatement(
      sql: "INSERT INTO review_mark (unit_id, year, rater, aspect, mark) VALUES (?, ?, ?, ?, ?)")
    for unitID in units {
      let base = rng.int(78...95)
      for rater in ReviewRater.allCases {
        for aspect in ReviewAspect.allCases {
          let mark = Double(min(100, max(60, base + rng.int(-6...5))))
          try insert.execute(arguments: [unitID, year, rater.rawValue, aspect.rawValue, mark])
          let fields: AuditFields = [
            "unit_id": String(unitID), "year": String(year), "rater": rater.rawValue,
            "aspect": aspect.rawValue,
            "mark": AssessmentRecords.text(mark),
          ]
          try AuditedWrite.record(
            db, actor: actor, entity: "review_mark", entityID: String(try db.lastInsertedRowID),
            action: .create,
            old: [:], new: fields, reason: nil)
        }
      }
    }
  }

  /// Points events this year for the first eight members of each branch (directly in it).
  static func memberPoints(_ db: SQLDatabase, today: Day, rng: inout DemoHospital.SplitMix64, actor: Actor)
    throws
  {
    let members = try SQLRow.fetchAll(
      db,
      sql: """
        SELECT m.id FROM member m JOIN org_unit u ON u.id = m.unit_id
        WHERE m.active = 1 AND (SELECT COUNT(*) FROM member m2 WHERE m2.unit_id = m.unit_id AND m2.id < m.id) < 8
        ORDER BY m.id
        """)
    let items = PointsRules.standard.items
    let insert = try db.cachedStatement(
      sql: "INSERT INTO points_event (member_id, year, day, item_id, count) VALUES (?, ?, ?, ?, ?)")
    for row in members {
      let memberID: Int64 = row["id"]
      for _ in 0..<rng.int(2...5) {
        let item = items[rng.int(0...(items.count - 1))]
        if item.part == .base && rng.chance(0.7) { continue }
        let month = rng.int(1...today.month)
        let d = Day(
          year: today.year, month: month, day: min(rng.int(1...28), month == today.month ? today.day : 28))
        let count = rng.int(1...3)
        try insert.execute(arguments: [memberID, today.year, d.iso, item.id, count])
        let fields: AuditFields = [
          "member_id": String(memberID), "year": String(today.year), "day": d.iso, "item_id": item.id,
          "count": String(count),
        ]
        try AuditedWrite.record(
          db, actor: actor, entity: "points_event", entityID: String(try db.lastInsertedRowID),
          action: .create,
          old: [:], new: fields, reason: nil)
      }
    }
  }
}
