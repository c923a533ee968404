import Domain
import Foundation
import Store
import Testing

let proposalHeader = "编号,案由,理由,建议办法,类别,提案人,提案人科室,附议人,提交日期\n"

@Test func proposalImportGoodFileAndExportRoundTrip() throws {
  try withTempDir { dir in
    let f = try ProposalFixture(dir + "/g.sqlite")
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
  try withTempDir { dir in
    let f = try ProposalFixture(dir + "/g.sqlite")
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
  try withTempDir { dir in
    let f = try ProposalFixture(dir + "/g.sqlite")
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
