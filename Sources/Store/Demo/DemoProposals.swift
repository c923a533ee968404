import Domain
import Foundation

/// Demo proposals: the hospital's departments, three congress sessions (第七届, the
/// last three years) and about 150 proposals per scale unit, taken through the real
/// state machine with dated steps, so every state, reply, evaluation, second round,
/// extension and some overdue items appear. Deterministic for a seed and a day.
public enum DemoProposals {
  static let departments: [(String, String)] = [
    ("医务部", "6101"), ("护理部", "6102"), ("人力资源部", "6103"), ("财务部", "6104"), ("后勤保障部", "6105"),
    ("信息中心", "6106"), ("门诊部", "6107"), ("药学部", "6108"), ("设备科", "6109"), ("保卫科", "6110"),
    ("基建科", "6111"), ("党委办公室", "6112"), ("院长办公室", "6113"), ("科教科", "6114"), ("工会", "6115"),
  ]

  static let topics: [String: [String]] = [
    "医疗业务": ["优化门诊预约分时段就诊", "加强多学科联合会诊", "完善日间手术流程", "规范临床路径管理", "提升急诊分诊效率"],
    "人事薪酬": ["完善绩效考核分配办法", "提高夜班补贴标准", "畅通青年医师职称晋升渠道", "规范规培人员待遇", "落实带薪年休假"],
    "后勤保障": ["改善职工食堂夜班供餐", "增加职工停车位", "改善值班室住宿条件", "加快电梯更新改造", "改善院区无障碍设施"],
    "职工福利": ["建立职工子女暑期托管班", "开展职工心理健康服务", "增加职工体检项目", "建设职工健身活动室", "完善困难职工帮扶机制"],
    "信息化": ["统一院内各信息系统账号", "优化电子病历书写模板", "推进移动护理系统应用", "提升院内网络速度", "建设临床科研数据平台"],
    "其他": ["加强院区环境绿化", "规范院内标识导向系统", "推进院史馆建设", "加强志愿者服务管理", "优化院内班车线路"],
  ]

  static let reasonLines = [
    "职工反映强烈，影响工作积极性和患者就医体验。", "现有做法已不适应医院发展需要，存在安全隐患。", "兄弟医院已有成熟经验，可借鉴推广。",
    "夜班和节假日时段问题尤为突出。", "相关制度多年未修订，与实际情况脱节。",
  ]
  static let measureLines = [
    "建议由职能部门牵头制定方案，明确时间表和责任人。", "建议先行试点，总结经验后全院推广。", "建议纳入年度预算，分步实施。",
    "建议定期向职工代表通报进展情况。", "建议广泛征求临床一线意见后修订相关制度。",
  ]
  static let replyLines = [
    "已纳入本年度工作计划，正在分步实施。", "经研究，已于本月完成整改。", "受经费和场地限制，暂无法实施，将在新院区规划中统筹考虑。",
    "已会同相关科室制定方案，预计下季度完成。", "建议有参考价值，将在修订制度时吸收采纳。",
  ]

  typealias RNG = DemoHospital.SplitMix64

  static let holds: [ProposalState] = [
    .submitted, .underReview, .filed, .assigned, .returnRequested, .inProgress, .replied, .evaluated,
  ]

  static let actor = Actor(name: "demo", role: .admin)

  /// The three sessions: 第七届 in the three years ending with the year of the
  /// congress that has already met (held in late February).
  static func sessionYears(today: Day) -> [Int] {
    let last = today >= Day(year: today.year, month: 3, day: 1) ? today.year : today.year - 1
    return [last - 2, last - 1, last]
  }

  /// Adds departments, sessions and `150 × scale` proposals in one transaction, audited as "demo".
  public static func populate(_ store: GongzhiStore, seed: UInt64, scale: Int, today: Day = .today()) throws {
    var rng = RNG(state: seed ^ 0x5052_4F50)
    let policy = ProposalPolicy.standard
    try store.db.write { db in
      let (deptIDs, sessions) = try departmentsAndSessions(db, today: today, audited: true)
      let calendar = try ProposalRecords.calendar(db)
      for (si, session) in sessions.enumerated() {
        let age = sessions.count - 1 - si
        for i in 0..<(50 * max(1, scale)) {
          // In the newest session some proposals wait at each stage of handling.
          let hold: ProposalState? = age == 0 && i % 5 == 1 ? holds[(i / 5) % holds.count] : nil
          try walk(
            db, &rng, session: session, index: i, age: age, hold: hold, departments: deptIDs, today: today,
            policy: policy, calendar: calendar)
        }
      }
    }
  }

  static func departmentsAndSessions(_ db: SQLDatabase, today: Day, audited: Bool) throws -> (
    [Int64], [CongressSession]
  ) {
    var rng = RNG(state: 7)
    var ids: [Int64] = []
    for (name, phone) in departments {
      if let id = try Int64.fetchOne(db, sql: "SELECT id FROM department WHERE name = ?", arguments: [name]) {
        ids.append(id)
        continue
      }
      let fields: AuditFields = [
        "name": name, "head": DemoHospital.randomName(&rng), "contact": "0739-53\(phone)", "active": "1",
      ]
      if audited {
        ids.append(
          try AuditedWrite.insert(
            db, into: "department", fields: fields, actor: actor))
      } else {
        try db.execute(
          sql: "INSERT INTO department (name, head, contact) VALUES (?, ?, ?)",
          arguments: [name, fields["head"] ?? nil, fields["contact"] ?? nil])
        ids.append(try db.lastInsertedRowID)
      }
    }
    var sessions: [CongressSession] = []
    for year in sessionYears(today: today) {
      if let row = try SQLRow.fetchOne(
        db, sql: "SELECT * FROM congress_session WHERE term = 7 AND year = ?", arguments: [year])
      {
        sessions.append(ProposalRecords.session(row))
        continue
      }
      var s = CongressSession(
        term: 7, year: year, opens: Day(year: year, month: 2, day: 20),
        closes: Day(year: year, month: 2, day: 21))
      let fields = ProposalRecords.sessionFields(s)
      if audited {
        s.id = try AuditedWrite.insert(
          db, into: "congress_session", fields: fields, actor: actor)
      } else {
        try db.execute(
          sql: "INSERT INTO congress_session (term, year, opens, closes) VALUES (7, ?, ?, ?)",
          arguments: [year, s.opens.iso, s.closes.iso])
        s.id = try db.lastInsertedRowID
      }
      sessions.append(s)
    }
    return (ids, sessions)
  }

  static func content(_ rng: inout RNG, session: CongressSession) -> Proposal {
    let category = rng.pick(ProposalPolicy.standard.categories)
    let topic = rng.pick(topics[category] ?? ["改进工作"])
    let unit = rng.pick(DemoHospital.structure.flatMap { $0.branches.map(\.department) })
    var names: [String] = []
    while names.count < 2 + rng.int(0...3) {
      let n = DemoHospital.randomName(&rng)
      if !names.contains(n) { names.append(n) }
    }
    return Proposal(
      sessionID: session.id, title: "关于\(topic)的建议",
      reasons: rng.pick(reasonLines) + rng.pick(reasonLines),
      measures: rng.pick(measureLines) + rng.pick(measureLines),
      category: category, proposer: names[0], proposerUnit: unit, coSigners: Array(names.dropFirst()))
  }

  /// Creates one proposal and takes it as far as its dice and `today` allow.
  static func walk(
    _ db: SQLDatabase, _ rng: inout RNG, session: CongressSession, index: Int, age: Int, hold: ProposalState?,
    departments: [Int64], today: Day,
    policy: ProposalPolicy, calendar: WorkingCalendar
  ) throws {
    var p = content(&rng, session: session)
    if p.coSigners.count < policy.minimumCoSigners {
      // Short of co-signers: in the newest session about a third are drafts still
      // waiting for one (completed with `E` in the screen); the others found theirs
      // before submitting. Drawn from their own generator, so the rest of the demo
      // does not move.
      var extra = RNG(state: UInt64(session.id) << 32 | UInt64(index) ^ 0x4452_4146)
      if age > 0 || !extra.chance(0.35) {
        while p.coSigners.count < policy.minimumCoSigners {
          let name = DemoHospital.randomName(&extra)
          if name != p.proposer && !p.coSigners.contains(name) { p.coSigners.append(name) }
        }
      }
    }
    var day = session.opens.adding(days: -rng.int(3...20))
    if day > today { day = today }
    p = try ProposalRecords.insertProposal(db, p, actor: actor, action: nil, day: day)
    var stopped = false
    // In the newest session some proposals wait at each stage of handling.
    func step(_ action: ProposalAction, after days: Int, note: String? = nil) throws {
      guard !stopped else { return }
      if let hold, p.state == hold {
        stopped = true
        return
      }
      let next = day.adding(days: days)
      if next > today {
        stopped = true
        return
      }
      do {
        p = try GRDBProposalRepository.apply(
          db, action, to: p.id, version: nil, by: actor, on: next, note: note, policy: policy,
          calendar: calendar)
        day = next
      } catch is StoreError {
        stopped = true
      }
    }
    if age == 0 && rng.chance(0.03) { return }  // a draft still being written
    try step(.submit, after: max(0, session.opens.ordinal - day.ordinal) + rng.int(0...1))
    try step(.startReview, after: rng.int(2...6))
    if age == 0 && rng.chance(0.04) { return }  // still under review
    let decision = hold == nil ? rng.int(0...99) : 50
    if decision < 10 {
      try step(.convertToSuggestion(note: "作为意见建议转职能部门研究"), after: rng.int(5...12))
      return
    } else if decision < 16 {
      try step(.notFile(reason: "属个人诉求，不符合一事一案要求"), after: rng.int(5...12))
      return
    } else if decision < 20 {
      let filed = ProposalRecords.sqlList(ProposalState.filedOrLater)
      let target = try String.fetchOne(
        db,
        sql:
          "SELECT number FROM proposal WHERE session_id = ? AND state IN (\(filed)) AND id <> ? ORDER BY id LIMIT 1",
        arguments: [session.id, p.id])
      if let target { try step(.merge(into: target), after: rng.int(5...12)) }
      return
    }
    try step(.file, after: rng.int(5...12))
    let lead = rng.pick(departments)
    let co = rng.chance(0.4) ? [rng.pick(departments.filter { $0 != lead })] : []
    try step(.assign(lead: lead, co: co), after: rng.int(5...15))
    if rng.chance(0.06) || hold == .returnRequested {
      try step(.requestReturn(reason: "不属于本部门职责范围"), after: rng.int(1...3))
      try step(.reassign(lead: rng.pick(departments.filter { $0 != lead }), co: []), after: rng.int(1...4))
    }
    try step(.startHandling, after: rng.int(1...7))
    let overdue = rng.chance(age == 0 ? 0.12 : 0.05)
    if overdue { return }  // no reply yet: overdue once the due date passes
    if rng.chance(0.1) { try step(.extend(reason: "涉及招标采购，需延期答复"), after: rng.int(60...80)) }
    let replyAfter = rng.chance(0.85) ? rng.int(15...75) : rng.int(95...110)
    let grade = rng.pick([ReplyGrade.A, .A, .A, .B, .B, .C, .D])
    try step(
      .reply(text: rng.pick(replyLines), grade: grade, on: day.adding(days: replyAfter)), after: replyAfter)
    let v = rng.int(0...99)
    let verdict: Verdict = v < 58 ? .satisfied : (v < 88 ? .basicallySatisfied : .dissatisfied)
    try step(.evaluate(verdict), after: rng.int(1...12))
    if verdict == .dissatisfied && !stopped {
      let again = rng.int(15...28)
      try step(
        .reply(text: "经再次研究办理：" + rng.pick(replyLines), grade: .B, on: day.adding(days: again)), after: again)
      try step(.evaluate(rng.chance(0.7) ? .basicallySatisfied : .dissatisfied), after: rng.int(1...12))
    }
    // 已落实, then 办结 (closing follows implementation); grades C and D mostly stay
    // evaluated.
    if grade == .A || grade == .B || rng.chance(0.2) {
      if rng.chance(0.85) {
        try step(.implement, after: rng.int(20...90))
        if rng.chance(0.6) { try step(.close, after: rng.int(5...20)) }
      }
    }
  }

  /// Benchmark fixture: `count` proposals spread over the demo sessions and all
  /// states, inserted in bulk with prepared statements (about 100,000 in seconds).
  /// Not audited and without timelines — for `gongzhi bench`, not for a demo
  /// database that `audit verify` should pass.
  public static func populate(_ store: GongzhiStore, count: Int, seed: UInt64 = 1, today: Day = .today())
    throws
  {
    var rng = RNG(state: seed)
    try store.db.write { db in
      let (deptIDs, sessions) = try departmentsAndSessions(db, today: today, audited: false)
      var serials: [Int64: Int] = [:]
      for s in sessions {
        serials[s.id] =
          try Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(serial), 0) FROM proposal WHERE session_id = ?", arguments: [s.id])
          ?? 0
      }
      let columns = [
        "session_id", "serial", "number", "title", "reasons", "measures", "category", "proposer",
        "proposer_unit",
        "submitted_on", "state", "lead_department_id", "assigned_on", "due_on", "reply_text", "grade",
        "replied_on",
        "first_reply_on_time", "verdict", "evaluated_on", "implemented_on", "closed_on",
      ]
      let insert = try db.makeStatement(
        sql:
          "INSERT INTO proposal (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
      )
      let cosign = try db.makeStatement(
        sql: "INSERT INTO proposal_cosigner (proposal_id, position, name) VALUES (?, ?, ?)")
      let states = ProposalState.allCases
      for i in 0..<count {
        let session = sessions[i % sessions.count]
        var p = content(&rng, session: session)
        let state = states[rng.int(0...(states.count - 1))]
        p.state = state
        let submitted = session.opens
        var values: [SQLValueConvertible?] = Array(repeating: nil, count: columns.count)
        if state != .draft {
          let serial = (serials[session.id] ?? 0) + 1
          serials[session.id] = serial
          p.serial = serial
          p.number = Proposal.formatNumber(term: session.term, year: session.year, serial: serial)
          p.submittedOn = submitted
        }
        if ProposalState.filedOrLater.contains(state) && state != .filed {
          p.leadDepartmentID = rng.pick(deptIDs)
          let assigned = submitted.adding(days: rng.int(20...300))
          p.assignedOn = min(assigned, today)
          p.dueOn = p.assignedOn!.adding(months: 3)
        }
        if [.replied, .evaluated, .implemented, .closed].contains(state), let a = p.assignedOn {
          p.repliedOn = a.adding(days: rng.int(10...100))
          p.replyText = rng.pick(replyLines)
          p.grade = rng.pick(ReplyGrade.allCases)
          p.firstReplyOnTime = p.repliedOn! <= p.dueOn!
          if state != .replied {
            p.verdict = rng.pick([Verdict.satisfied, .satisfied, .basicallySatisfied])
            p.evaluatedOn = p.repliedOn!.adding(days: 7)
          }
          if state == .implemented || (state == .closed && rng.chance(0.7)) {
            p.implementedOn = p.evaluatedOn!.adding(days: 30)
          }
          if state == .closed { p.closedOn = (p.implementedOn ?? p.evaluatedOn!).adding(days: 10) }
        }
        let f = ProposalRecords.fields(p)
        for (ci, c) in columns.enumerated() { values[ci] = f[c] ?? nil }
        try insert.execute(arguments: SQLArguments(values))
        let id = try db.lastInsertedRowID
        p.id = id
        for (k, name) in p.coSigners.enumerated() { try cosign.execute(arguments: [id, k + 1, name]) }
        try ProposalSchema.writeDocument(
          db, session: p.sessionID, proposal: id,
          body: ProposalSchema.searchBody(ProposalRecords.searchParts(p, replies: p.replyText.map { [$0] } ?? [])))
      }
    }
  }
}
