import Domain
import Foundation
import Store
import Testing

private func readAll(_ path: String, sheet: String? = nil) throws -> [CSVRecord] {
  let reader = try TableReader(
    path: path, format: try TableFormat.detect(path: path, options: .init(sheet: sheet)))
  var out: [CSVRecord] = []
  while let r = try reader.next() { out.append(r) }
  return out
}

private func importError(_ body: () throws -> Void) -> ImportError? {
  do {
    try body()
    return nil
  } catch {
    return error as? ImportError
  }
}

@Suite struct XLSXReaderTests {
  @Test func cellsReadAsTheUserSeesThem() throws {
    try withTempDir { dir in
      let path = dir + "/t.xlsx"
      try XLSXFixture(sheets: [
        .init(
          name: "党员",
          rows: [
            (
              1,
              [
                (1, .shared("姓名")), (2, .inline("日期")), (3, .shared("分数")), (4, .shared("电话")),
                (5, .shared("是否")),
              ]
            ),
            (
              2,
              [
                (1, .shared("王伟")), (2, .styled("45000", style: XLSXFixture.dateStyle)), (3, .number("4.5")),
                (4, .number("13800138000")), (5, .bool(true)),
              ]
            ),
            // Column B missing, a custom date format with a time, a decimal style on a whole number.
            (
              3,
              [
                (1, .inline("李 & <娜>")), (3, .styled("3", style: XLSXFixture.decimalStyle)),
                (2 + 2, .formulaString("ab")), (2, .styled("45000.5", style: XLSXFixture.customDateStyle)),
              ]
            ),
            (4, []),
            (6, [(1, .shared("张三")), (3, .number("1E-3")), (7, .shared("超出表头"))]),
            (7, [(1, .shared("赵六")), (3, .number("0.30000000000000004")), (5, .bool(false))]),
          ])
      ]).write(to: path)
      #expect(try TableFormat.detect(path: path) == .xlsx(sheet: "党员"))
      let records = try readAll(path)
      #expect(
        records.map(\.fields) == [
          ["姓名", "日期", "分数", "电话", "是否"],
          ["王伟", "2023-03-15", "4.5", "13800138000", "TRUE"],
          ["李 & <娜>", "2023-03-15 12:00", "3", "ab", ""],
          ["张三", "", "0.001", "", "", "", "超出表头"],
          ["赵六", "", "0.3", "", "FALSE"],
        ])
      #expect(records.map(\.line) == [1, 2, 3, 6, 7])
    }
  }

  @Test func sheetByNameOrFirst() throws {
    try withTempDir { dir in
      let path = dir + "/two.xlsx"
      try XLSXFixture(sheets: [
        .init(name: "说明", rows: [(1, [(1, .shared("说明"))])]),
        .init(name: "党员", rows: [(1, [(1, .shared("姓名"))]), (2, [(1, .inline("王伟"))])]),
      ]).write(to: path)
      #expect(try readAll(path).map(\.fields) == [["说明"]])
      #expect(try readAll(path, sheet: "党员").map(\.fields) == [["姓名"], ["王伟"]])
      let e = fileError { _ = try TableFormat.detect(path: path, options: .init(sheet: "名单")) }
      #expect(e?.key == "error.xlsx.unknownSheet" && e?.args == [path, "名单", "说明, 党员"])
    }
  }

  @Test func mergedOrMissingHeaderIsRefused() throws {
    try withTempDir { dir in
      let merged = dir + "/m.xlsx"
      try XLSXFixture(sheets: [
        .init(
          name: "Sheet1",
          rows: [(1, [(1, .shared("党员名单"))]), (2, [(1, .shared("姓名")), (2, .shared("性别"))])],
          merges: ["C5:D5", "A1:B1"])
      ]).write(to: merged)
      let e = try #require(importError { _ = try readAll(merged) })
      #expect(
        e.sheet == "Sheet1" && e.line == 1 && e.column == 1
          && e.problem == Message("error.xlsx.mergedHeader", "A1:B1"))
      #expect(e.args == [merged, "Sheet1", "A1"])

      // A merge away from row 1 is no header problem.
      let below = dir + "/b.xlsx"
      try XLSXFixture(sheets: [
        .init(name: "S", rows: [(1, [(1, .shared("姓名"))]), (2, [(1, .shared("王伟"))])], merges: ["A2:A3"])
      ]).write(to: below)
      #expect(try readAll(below).count == 2)

      // The table starts on row 3: no header in row 1.
      let low = dir + "/l.xlsx"
      try XLSXFixture(sheets: [.init(name: "S", rows: [(3, [(1, .shared("姓名"))])])]).write(to: low)
      #expect(importError { _ = try readAll(low) }?.problem == Message("error.xlsx.noHeader"))
      let empty = dir + "/e.xlsx"
      try XLSXFixture(sheets: [.init(name: "S", rows: [])]).write(to: empty)
      #expect(importError { _ = try readAll(empty) }?.args == [empty, "S", "A1"])
    }
  }

  @Test func controlCharacterHiddenAsOOXMLEscapeIsRefusedAtItsCell() throws {
    try withTempDir { dir in
      let path = dir + "/c.xlsx"
      try XLSXFixture(sheets: [
        .init(
          name: "S",
          rows: [
            (1, [(1, .shared("姓名")), (2, .shared("备注"))]),
            (2, [(1, .shared("王伟")), (2, .shared("a_x001B_[2J"))]),
          ])
      ]).write(to: path)
      let e = try #require(importError { _ = try readAll(path) })
      #expect(e.args == [path, "S", "B2"] && e.problem == Message("error.import.controlCharacter"))
    }
  }

  @Test func datesInThe1904SystemAndCellNames() throws {
    try withTempDir { dir in
      let path = dir + "/d.xlsx"
      var fixture = XLSXFixture(sheets: [
        .init(
          name: "S",
          rows: [(1, [(1, .shared("日期"))]), (2, [(1, .styled("0", style: XLSXFixture.dateStyle))])])
      ])
      fixture.date1904 = true
      try fixture.write(to: path)
      #expect(try readAll(path).last?.fields == ["1904-01-01"])
    }
    #expect(ImportError.cellName(row: 12, column: 1) == "A12")
    #expect(ImportError.cellName(row: 1, column: 27) == "AA1")
    #expect(ImportError.cellName(row: 3, column: 16_384) == "XFD3")
  }

  /// Hostile cells: huge and non-finite numbers, out-of-range dates and references,
  /// broken markup. Each is read or refused with a located error, never a trap.
  @Test(arguments: [
    #"<c r="B2"><v>NaN</v></c>"#, #"<c r="B2"><v>1e400</v></c>"#, #"<c r="B2"><v>-0</v></c>"#,
    #"<c r="B2"><v>99999999999999999999</v></c>"#, #"<c r="B2" s="1"><v>1e308</v></c>"#,
    #"<c r="B2" s="1"><v>-5</v></c>"#, #"<c r="B2" s="99999999999"><v>1</v></c>"#,
    #"<c r="XFE2"><v>1</v></c>"#, #"<c r="A99999999999"><v>1</v></c>"#, #"<c r="B2" t="s"><v>999</v></c>"#,
    #"<c r="B2" t="s"><v>-1</v></c>"#,
    #"<c r="B2" t="inlineStr"><is><t>&#0;&#x1B;&#xFFFFFFF;&bogus;</t></is></c>"#,
    #"<c r="B2"><v>1"#, #"<c r="B2" t="str"><v><![CDATA[a<b]]></v></c>"#, "<c", #"<c r="B2"/><c/><c/>"#,
  ])
  func hostileCellsNeverTrap(cell: String) throws {
    try withTempDir { dir in
      let path = dir + "/h.xlsx"
      try XLSXFixture(sheets: [
        .init(
          name: "S",
          rows: [(1, [(1, .shared("a")), (2, .shared("b"))]), (2, [(1, .shared("x")), (2, .raw(cell))])])
      ]).write(to: path)
      do {
        let records = try readAll(path)
        for r in records {
          for f in r.fields { #expect(TextRule.controlCharacter(in: f, allowNewlines: true) == nil) }
        }
      } catch let e as ImportError {
        #expect(e.sheet == "S" && e.line >= 1)
      }
    }
  }

  @Test func notAWorkbookIsRefusedWithoutATrap() throws {
    try withTempDir { dir in
      let path = dir + "/x.xlsx"
      try Data("姓名,电话\n".utf8).write(to: URL(fileURLWithPath: path))
      #expect(fileError { _ = try TableFormat.detect(path: path) }?.key == "error.xlsx.damaged")
      // A ZIP without a workbook in it.
      let zip = dir + "/z.xlsx"
      try XLSXFixture(sheets: [.init(name: "S", rows: [])]).write(to: zip)
      let data = try Data(contentsOf: URL(fileURLWithPath: zip))
      // Truncate it: the central directory is gone.
      try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: zip))
      #expect(fileError { _ = try TableFormat.detect(path: zip) }?.key == "error.xlsx.damaged")
    }
  }
}

private func fileError(_ body: () throws -> Void) -> XLSXFileError? {
  do {
    try body()
    return nil
  } catch {
    return error as? XLSXFileError
  }
}

/// Every importer reads the same table from an XLSX sheet as from the CSV: imports
/// into two fresh stores give the same export.
@Suite struct XLSXImporterTests {
  /// Writes `csv` as both files; returns (csv path, xlsx path).
  func both(_ dir: String, _ name: String, _ csv: String) throws -> (String, String) {
    let csvPath = dir + "/\(name).csv"
    try write(csv, to: csvPath)
    let xlsxPath = dir + "/\(name).xlsx"
    try XLSXFixture(sheets: [try XLSXFixture.sheet(fromCSV: csv, name: "数据")]).write(to: xlsxPath)
    #expect(try TableFormat.detect(path: xlsxPath) == .xlsx(sheet: "数据"))
    return (csvPath, xlsxPath)
  }

  @Test func members() throws {
    try withTempDir { dir in
      let csv =
        [
          header,
          "内科党总支/心内科党支部,王伟,男,1980-01-02,2005-07-01,正式,在职,\"心内科,CCU\",骨干,'+86 13800000000",
          "医院党委/内科党总支/心内科党支部,\"李\"\"娜\"\"\",女,1990/3/4,,预备,在职,心内科,普通,",
          "骨科党支部,张三,male,1950-05-06,1975-01-01,full,retired,骨科,special,13912345678",
        ].joined(separator: "\r\n") + "\r\n"
      let (c, x) = try both(dir, "m", csv)
      let a = try GongzhiStore(path: dir + "/a.sqlite")
      let b = try GongzhiStore(path: dir + "/b.sqlite")
      _ = try SmallOrg(a)
      _ = try SmallOrg(b)
      #expect(try MemberCSV.importFile(path: c, into: a, by: admin) == 3)
      #expect(try MemberCSV.importFile(path: x, into: b, by: admin) == 3)
      #expect(try MemberCSV.export(store: a) == MemberCSV.export(store: b))

      // A bad date in row 3, column D: FILE:SHEET!D3, and nothing written.
      let bad = dir + "/bad.xlsx"
      try XLSXFixture(sheets: [
        try XLSXFixture.sheet(
          fromCSV: header + "\n心内科党支部,赵六,男,1980-01-02\n心内科党支部,钱七,女,1980-13-45\n", name: "名单")
      ]).write(to: bad)
      let before = try MemberCSV.export(store: b)
      let e = importErrorOf { try MemberCSV.importFile(path: bad, into: b, by: admin) }
      #expect(e?.args == [bad, "名单", "D3"] && e?.problem.key == "error.import.badDate")
      #expect(try MemberCSV.export(store: b) == before)
    }
  }

  @Test func proposalsAndHolidays() throws {
    try withTempDir { dir in
      let csv =
        proposalHeader
        + "7-2025-1,关于增加职工停车位的建议,车位紧张,建设立体车库,后勤保障,王伟,骨科,李娜、张敏,2025-02-21\n"
        + "7-2025-2,\"=1+1关于停车的建议\",\"理由,含逗号\",试点,信息化,刘洋,信息中心,赵磊;孙七,\n"
      let (c, x) = try both(dir, "p", csv)
      let a = try ProposalFixture(dir + "/a.sqlite")
      let b = try ProposalFixture(dir + "/b.sqlite")
      let today = d("2025-03-01")
      #expect(try ProposalImport.importFile(path: c, store: a.store, actor: clerk, today: today) == 2)
      #expect(try ProposalImport.importFile(path: x, store: b.store, actor: clerk, today: today) == 2)
      #expect(
        try ProposalExport.csv(session: a.session.id, store: a.store)
          == ProposalExport.csv(session: b.session.id, store: b.store))

      let (hc, hx) = try both(dir, "h", "日期,类型,名称\n2025-10-01,休,国庆节\n2025-10-02,休,国庆节\n2025-10-11,班,调休\n")
      #expect(try HolidayImport.importFile(path: hc, store: a.store, actor: clerk) == 3)
      #expect(try HolidayImport.importFile(path: hx, store: b.store, actor: clerk) == 3)
      #expect(try a.store.proposals.holidays() == b.store.proposals.holidays())
    }
  }

  @Test func scores() throws {
    try withTempDir { dir in
      let csv = """
        单位,考评期,指标,自评,审核,说明,佐证
        心内科党支部,2025Q3,life.meetings,0次,3次,缺3次党小组会,记录本P12
        心内科党支部,2025Q3,组织生活记录完整,好,较好,记录要素不全,
        心内科党支部,2025Q3,service.business,8,,党建与业务结合一般,
        外科党总支/骨科党支部,2025Q3,service.volunteer,12,,,
        骨科党支部,2025Q3,bonus.honours,n=2,,,省级表彰

        """
      let (c, x) = try both(dir, "s", csv)
      let a = try GongzhiStore(path: dir + "/a.sqlite")
      let b = try GongzhiStore(path: dir + "/b.sqlite")
      _ = try SmallOrg(a)
      _ = try SmallOrg(b)
      #expect(try AssessmentImport.importScores(path: c, store: a, actor: officer) == 5)
      #expect(try AssessmentImport.importScores(path: x, store: b, actor: officer) == 5)
      let period = Period("2025Q3")!
      #expect(
        try AssessmentExport.csv(period: period, store: a) == AssessmentExport.csv(period: period, store: b))
    }
  }

  @Test func disclosures() throws {
    try withTempDir { dir in
      let csv =
        disclosureHeader
        + "社会,药品价格,常用药品价格,触摸屏、电子屏,财务部,每月,是,2026-11-03,\"11月药品价格,已更新\"\n"
        + "职工层面,重大事项决策,“三重一大”决策,职代会;院务会,党委办公室,5个工作日内,否,,\n"
      let (c, x) = try both(dir, "d", csv)
      let a = try DisclosureFixture(dir + "/a.sqlite")
      let b = try DisclosureFixture(dir + "/b.sqlite")
      let today = d("2026-11-24")
      #expect(try DisclosureImport.importFile(path: c, store: a.store, actor: officer, today: today) == 2)
      #expect(try DisclosureImport.importFile(path: x, store: b.store, actor: officer, today: today) == 2)
      #expect(
        try DisclosureExport.csv(store: a.store, today: today)
          == DisclosureExport.csv(store: b.store, today: today))
    }
  }

  @Test func responsesAndResults() throws {
    try withTempDir { dir in
      let (c, x) = try both(dir, "r", smallCSV)
      let a = try GongzhiStore(path: dir + "/a.sqlite")
      let b = try GongzhiStore(path: dir + "/b.sqlite")
      let ra = try SatisfactionImport.responses(path: c, store: a, actor: admin)
      var seen: Int64 = 0
      let rb = try SatisfactionImport.responses(path: x, store: b, actor: admin) { read, _ in seen = read }
      #expect(ra.rows == 9 && rb.rows == 9)
      // The audit's hash is the workbook file's own.
      let size = try FileManager.default.attributesOfItem(atPath: x)[.size] as? Int
      #expect(rb.sha256.count == 64 && seen == size.map(Int64.init))
      let from = SatisfactionMonth(year: 2024, month: 1)
      let to = SatisfactionMonth(year: 2025, month: 2)
      #expect(
        try SatisfactionExport.csv(from: from, to: to, store: a, k: 1)
          == SatisfactionExport.csv(from: from, to: to, store: b, k: 1))

      let results =
        "期间,人群,科室,条目,样本量,满意率,均分\n2025-01,职工,,,812,95.2,88.4\n"
        + "2025Q1,门诊患者,骨科,registration,120,86.5%,\n2025-02,住院患者,,,300,93,81\n"
      let (rc, rx) = try both(dir, "res", results)
      #expect(try SatisfactionImport.results(path: rc, store: a, actor: admin).rows == 3)
      #expect(try SatisfactionImport.results(path: rx, store: b, actor: admin).rows == 3)
      #expect(
        try SatisfactionExport.csv(from: from, to: to, store: a, k: 1)
          == SatisfactionExport.csv(from: from, to: to, store: b, k: 1))

      // A bad answer in a sheet: FILE:SHEET!E3 and nothing added.
      let bad = dir + "/bad.xlsx"
      try XLSXFixture(sheets: [
        try XLSXFixture.sheet(
          fromCSV:
            "date,population,department,pay,workload\n2025-01-03,staff,心内科,5,4\n2025-01-04,staff,骨科,4,9\n",
          name: "答卷")
      ]).write(to: bad)
      let e = importErrorOf { try SatisfactionImport.responses(path: bad, store: b, actor: admin) }
      #expect(e?.args == [bad, "答卷", "E3"])
      #expect(try b.satisfaction.responseCount() == 9)
    }
  }
}

func importErrorOf(_ body: () throws -> Any) -> ImportError? {
  do {
    _ = try body()
    return nil
  } catch {
    return error as? ImportError
  }
}
