import Domain
import Foundation
import Store
import Testing

let proposalHeader = "编号,案由,理由,建议办法,类别,提案人,提案人科室,附议人,提交日期\n"

@Test func proposalImportGoodFileAndExportRoundTrip() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let file = dir + "/p.csv"
    try
      (proposalHeader
      + "7-2025-1,关于增加职工停车位的建议,车位紧张,建设立体车库,后勤保障,王伟,骨科,李娜、张敏,2025-02-21\n"
      + "7-2025-2,\"=1+1关于停车的建议\",\"理由,含逗号\",试点,信息化,刘洋,信息中心,赵磊;孙七,\n").write(
        toFile: file, atomically: true, encoding: .utf8)
    #expect(
      try ProposalImport.importFile(path: file, store: f.store, actor: clerk, today: d("2025-03-01")) == 2)
    let p = try #require(try f.store.proposals.proposal(number: "7-2025-001"))
    #expect(p.state == .submitted && p.coSigners == ["李娜", "张敏"] && p.submittedOn == d("2025-02-21"))
    #expect(try f.store.proposals.proposal(number: "7-2025-002")?.submittedOn == d("2025-03-01"))
    let csv = try ProposalExport.csv(session: f.session.id, store: f.store)
    #expect(csv.hasPrefix("\u{FEFF}编号,案由,") && csv.contains("\r\n"))
    #expect(csv.contains("7-2025-002,'=1+1关于停车的建议,\"理由,含逗号\""))
    let md = try ProposalExport.markdown(
      session: f.session.id, store: f.store, labels: { $0 }, today: d("2025-03-01"))
    #expect(md.contains("| proposal.kpi.filingRate | 0.0% (0/2) |"))
    #expect(md.contains("### proposal.state.submitted (2)"))
    guard case .intact = try f.store.audit.verify() else {
      Issue.record("audit")
      return
    }
  }
}

@Test(arguments: [
  (
    "7-2025-1,案,理由,办法,后勤保障,王伟,,李娜、张敏,\n7-2025-001,案二,理由,办法,后勤保障,王伟,,李娜、张敏,\n", 2, 1,
    "error.import.duplicateProposal"
  ),
  (
    "7-2025-7,案,理由,办法,后勤保障,王伟,,李娜、张敏,\n7-2025-007,案二,理由,办法,后勤保障,王伟,,李娜、张敏,\n", 3, 1,
    "error.import.duplicateProposal"
  ),
  ("7-2025-9,案,理由,办法,后勤保障,王伟,,李娜,\n", 2, 8, "error.proposal.tooFewCoSigners"),
  ("7-2025-9,案,理由,办法,外星,王伟,,李娜、张敏,\n", 2, 5, "error.proposal.badCategory"),
  ("8-2030-1,案,理由,办法,后勤保障,王伟,,李娜、张敏,\n", 2, 1, "error.import.unknownSession"),
  ("X-1,案,理由,办法,后勤保障,王伟,,李娜、张敏,\n", 2, 1, "error.import.badProposalNumber"),
  ("7-2025-9,案,理由,办法,后勤保障,王伟,,李娜、张敏,2025-02-30\n", 2, 9, "error.import.badDate"),
  ("7-2025-9,案,理由,办法,后勤保障,王伟,,李娜、张敏\n", 2, 9, "error.import.fieldCount"),
])
func badProposalImportsWriteNothing(rows: String, line: Int, column: Int, key: String) throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    _ = try f.submitted()  // 7-2025-001 exists already
    let file = dir + "/p.csv"
    try (proposalHeader + "7-2025-5,好的一行,理由,办法,后勤保障,王伟,,李娜、张敏,\n".dropLast() + "\n" + rows)
      .replacingOccurrences(of: "好的一行", with: "好的一行").write(toFile: file, atomically: true, encoding: .utf8)
    let before = try f.store.audit.entries(entity: nil, since: nil, limit: nil).count
    do {
      try ProposalImport.importFile(path: file, store: f.store, actor: clerk)
      Issue.record("imported a bad file")
    } catch let e as ImportError {
      #expect(e.line == line + 1 && e.column == column && e.problem.key == key)
    }
    #expect(try f.store.audit.entries(entity: nil, since: nil, limit: nil).count == before)
    #expect(try f.store.proposals.list(ProposalQuery(), offset: 0, limit: 10).total == 1)
  }
}

@Test func holidayImportIsAllOrNothingAndFeedsTheCalendar() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let good = dir + "/h.csv"
    try "日期,类型,名称\n2025-10-01,休,国庆节\n2025-10-02,休,国庆节\n2025-10-11,班,调休\n".write(
      toFile: good, atomically: true, encoding: .utf8)
    #expect(try HolidayImport.importFile(path: good, store: f.store, actor: clerk) == 3)
    let cal = try f.store.proposals.calendar()
    #expect(!cal.isWorkingDay(d("2025-10-01")) && cal.isWorkingDay(d("2025-10-11")))
    let bad = dir + "/b.csv"
    try "日期,类型\n2025-12-25,休\n2025-13-01,休\n".write(toFile: bad, atomically: true, encoding: .utf8)
    #expect(
      throws: ImportError(
        file: bad, line: 3, column: 1, problem: Message("error.import.badDate", "2025-13-01"))
    ) {
      try HolidayImport.importFile(path: bad, store: f.store, actor: clerk)
    }
    #expect(try f.store.proposals.holidays().count == 3)
    #expect(throws: StoreError.permissionDenied(.manageProposals)) {
      try HolidayImport.importFile(path: good, store: f.store, actor: Actor(name: "o", role: .officer))
    }
  }
}

/// The export carries what 按期答复率 is computed from — the first reply against the
/// deadline then in force — so a clerk recomputes the KPI from the sheet alone, where
/// the latest reply against the latest deadline (a second round's) would count a late
/// first reply as on time. `--steps` lists every step of 办理经过.
@Test func theExportReproducesTheOnTimeReplyRate() throws {
  try withStorePath { storePath, dir in
    let f = try ProposalFixture(storePath)
    let repo = f.store.proposals
    func run(_ title: String, _ steps: [(ProposalAction, String)]) throws {
      var p = try f.submitted(title)
      let lead: [(ProposalAction, String)] = [
        (.startReview, "2025-02-24"), (.file, "2025-03-03"),
        (.assign(lead: f.logistics.id, co: []), "2025-03-05"),
      ]
      for (action, day) in lead + steps {
        p = try repo.apply(action, to: p.id, version: p.version, by: clerk, on: d(day), note: nil)
      }
    }
    // Due 2025-06-05; answered late, sent back, answered on time in the second round.
    try run(
      "关于改善职工食堂夜班供餐的建议",
      [
        (.startHandling, "2025-03-06"), (.reply(text: "已协调供餐", grade: .B, on: d("2025-06-10")), "2025-06-10"),
        (.evaluate(.dissatisfied), "2025-06-12"),
        (.reply(text: "增设夜宵窗口", grade: .A, on: d("2025-07-01")), "2025-07-01"),
        (.evaluate(.satisfied), "2025-07-03"),
      ])
    // Extended to 2025-07-07 and answered before it: on time.
    try run(
      "关于增加职工停车位的建议",
      [
        (.startHandling, "2025-03-06"), (.extend(reason: "需预算审批"), "2025-05-20"),
        (.reply(text: "已规划立体车库", grade: .B, on: d("2025-06-20")), "2025-06-20"),
      ])
    try run(
      "关于提升院内网络速度的建议",
      [(.startHandling, "2025-03-06"), (.reply(text: "已扩容", grade: .A, on: d("2025-04-01")), "2025-04-01")])
    try run("关于完善值班室条件的建议", [])

    let csv = try ProposalExport.csv(session: f.session.id, store: f.store)
    let reader = CSVReader(bytes: Array(csv.utf8))
    let header = try #require(try reader.next()).fields.map {
      $0.replacingOccurrences(of: "\u{FEFF}", with: "")
    }
    var rows: [[String: String]] = []
    while let r = try reader.next() {
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, r.fields).map { ($0, $1) }))
    }
    #expect(rows.count == 4)
    let replied = rows.filter { !($0["首次答复日期"] ?? "").isEmpty }
    let onTime = replied.filter { $0["首次答复按期"] == "是" }
    // The dates alone give the same answer as the flag.
    let byDates = replied.filter { $0["首次答复日期"]! <= $0["首次答复期限"]! }
    let kpis = try repo.kpis(sessionID: f.session.id)
    #expect(kpis.replied == 3 && kpis.repliedOnTime == 2)
    #expect(replied.count == kpis.replied && onTime.count == kpis.repliedOnTime)
    #expect(byDates.count == kpis.repliedOnTime)
    // The latest reply against the latest deadline would have said 3 of 3.
    #expect(replied.filter { $0["答复日期"]! <= $0["答复期限"]! }.count == 3)
    let first = try #require(rows.first { $0["案由"] == "关于改善职工食堂夜班供餐的建议" })
    #expect(first["首次答复期限"] == "2025-06-05" && first["首次答复日期"] == "2025-06-10")
    #expect(first["第一轮答复内容"] == "已协调供餐" && first["第一轮答复等级"] == "B" && first["第一轮评价"] == "不满意")
    #expect(first["第二轮答复期限"] == "2025-07-14" && first["第二轮答复按期"] == "是")
    #expect(first["第二轮答复内容"] == "增设夜宵窗口" && first["第二轮答复等级"] == "A" && first["第二轮评价"] == "满意")
    let extended = try #require(rows.first { $0["案由"] == "关于增加职工停车位的建议" })
    #expect(extended["首次答复期限"] == "2025-07-07" && extended["首次答复按期"] == "是")

    let steps = try ProposalExport.stepsCSV(session: f.session.id, store: f.store)
    let lines = steps.split(separator: "\r\n")
    #expect(lines.first == "\u{FEFF}编号,案由,日期,操作,原状态,新状态,操作人,说明,记录时间")
    let timelines = try [1, 2, 3, 4].map { n in
      try repo.timeline(proposalID: try #require(try repo.proposal(number: "7-2025-00\(n)")).id)
    }
    #expect(lines.count - 1 == timelines.map(\.count).reduce(0, +))
    #expect(lines.contains { $0.hasPrefix("7-2025-001,关于改善职工食堂夜班供餐的建议,2025-06-12,评价,已答复,办理中,") })
    #expect(lines.contains { $0.contains(",答复,办理中,已答复,") && $0.contains("增设夜宵窗口") })

    // Still importable: a fresh database with the session takes the export back.
    let g = try ProposalFixture(dir + "/h.sqlite")
    try csv.write(toFile: dir + "/export.csv", atomically: true, encoding: .utf8)
    #expect(try ProposalImport.importFile(path: dir + "/export.csv", store: g.store, actor: clerk) == 4)
  }
}
