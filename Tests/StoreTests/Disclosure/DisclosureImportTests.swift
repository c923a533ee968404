import Domain
import Foundation
import Store
import Testing

let disclosureHeader = "层面,事项,内容,公开途径,责任部门,时限,上屏,最近公开日期,最近公开内容\n"

@Suite struct DisclosureImportTests {
  @Test func goodFileImportsAndExportsRoundTrip() throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let file = dir + "/d.csv"
      try
        (disclosureHeader
        + "社会,药品价格,常用药品价格,触摸屏、电子屏,财务部,每月,是,2026-11-03,\"11月药品价格,已更新\"\n"
        + "职工层面,重大事项决策,“三重一大”决策,职代会;院务会,党委办公室,5个工作日内,否,,\n"
        + "patients,\"=投诉渠道\",投诉电话,公告栏,党委办公室,quarterly,,,\n").write(
          toFile: file, atomically: true, encoding: .utf8)
      let today = d("2026-11-24")
      #expect(try DisclosureImport.importFile(path: file, store: f.store, actor: officer, today: today) == 3)
      let entries = try f.store.disclosures.entries(DisclosureQuery(today: today))
      #expect(entries.map(\.item.name) == ["药品价格", "=投诉渠道", "重大事项决策"])
      let price = entries[0].item
      #expect(price.onKiosk && price.schedule == .monthly && price.lastText == "11月药品价格,已更新")
      #expect(price.channelIDs == [f.channels["触摸屏"]!, f.channels["电子屏"]!])
      #expect(try f.store.disclosures.publications(itemID: price.id).count == 1)
      #expect(entries[2].item.schedule == .perEvent(workingDays: 5) && entries[2].department == "党委办公室")
      let csv = try DisclosureExport.csv(store: f.store, today: today)
      #expect(csv.hasPrefix("\u{FEFF}层面,事项,内容,公开途径,") && csv.contains("\r\n"))
      #expect(csv.contains("社会,药品价格,常用药品价格,触摸屏、电子屏,财务部,每月,是,"))
      #expect(csv.contains("患者,'=投诉渠道,"), "formula-looking cells are neutralised")
      let md = try DisclosureExport.markdown(store: f.store, labels: { $0 }, today: today)
      #expect(md.contains("## disclosure.level.society (1)") && md.contains("| 药品价格 | 财务部 |"))
      // The summary counts overdue items, and its heading says so (not "days overdue").
      #expect(md.contains("| | disclosure.column.items | disclosure.column.overdueItems |"))
      // The export reads back into an empty database.
      let g = try DisclosureFixture(dir + "/h.sqlite")
      let back = dir + "/back.csv"
      try csv.write(toFile: back, atomically: true, encoding: .utf8)
      #expect(try DisclosureImport.importFile(path: back, store: g.store, actor: officer, today: today) == 3)
      #expect(
        try g.store.disclosures.entries(DisclosureQuery(today: today)).map(\.item.name)
          == entries.map(\.item.name))
      guard case .intact = try g.store.audit.verify() else {
        Issue.record("audit")
        return
      }
    }
  }

  @Test(arguments: [
    ("社会,药品价格,,触摸屏,财务部,每月,,,\n社会,药品价格,,触摸屏,财务部,每月,,,\n", 3, 2, "error.import.duplicateDisclosure"),
    ("全院,药品价格,,触摸屏,财务部,每月,,,\n", 2, 1, "error.import.badLevel"),
    ("社会,药品价格,,触摸屏,财务部,随时,,,\n", 2, 6, "error.import.badSchedule"),
    ("社会,药品价格,,触摸屏、广播,财务部,每月,,,\n", 2, 4, "error.import.unknownChannel"),
    ("社会,药品价格,,触摸屏,药剂科,每月,,,\n", 2, 5, "error.import.unknownDepartment"),
    ("社会,药品价格,,触摸屏,财务部,每月,也许,,\n", 2, 7, "error.import.badValue"),
    ("社会,药品价格,,触摸屏,财务部,每月,,2026-13-01,x\n", 2, 8, "error.import.badDate"),
    ("社会,药品价格,,触摸屏,财务部,每月,,2026-11-01,\n", 2, 9, "error.disclosure.textRequired"),
    ("社会,,,触摸屏,财务部,每月,,,\n", 2, 2, "error.disclosure.nameRequired"),
    ("社会,药品价格,,,财务部,每月,,,\n", 2, 4, "error.disclosure.channelRequired"),
    ("社会,药品价格,,触摸屏,财务部,每月\n", 2, 7, "error.import.fieldCount"),
  ])
  func badFilesWriteNothing(body: String, line: Int, column: Int, key: String) throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let file = dir + "/bad.csv"
      // A good first row, so an error later in the file must roll everything back.
      try (disclosureHeader + "患者,就医流程,流程图,公告栏,党委办公室,每年,是,,\n" + body).write(
        toFile: file, atomically: true, encoding: .utf8)
      let before = try count(storePath, "audit_log")
      do {
        try DisclosureImport.importFile(path: file, store: f.store, actor: officer, today: d("2026-11-24"))
        Issue.record("bad file imported")
      } catch let e as ImportError {
        #expect(e.file == file && e.line == line + 1 && e.column == column && e.problem.key == key, "\(e)")
      }
      #expect(try count(storePath, "disclosure_item") == 0)
      #expect(try count(storePath, "audit_log") == before)
    }
  }

  @Test func missingColumnAndViewerAreRefused() throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let file = dir + "/d.csv"
      try "层面,事项,公开途径,责任部门\n社会,药品价格,触摸屏,财务部\n".write(toFile: file, atomically: true, encoding: .utf8)
      #expect(throws: ImportError.self) {
        try DisclosureImport.importFile(path: file, store: f.store, actor: officer)
      }
      #expect(throws: StoreError.permissionDenied(.importData)) {
        try DisclosureImport.importFile(path: file, store: f.store, actor: Actor(name: "v", role: .viewer))
      }
    }
  }

  @Test func demoRegisterHasTheSeedItemsAndAFewOverdue() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/demo.sqlite")
      let today = d("2026-11-24")
      try DemoHospital.populate(store, seed: 1, scale: 1, today: today)
      let entries = try store.disclosures.entries(DisclosureQuery(today: today))
      #expect(entries.count >= 70)
      for level in DisclosureLevel.allCases { #expect(entries.filter { $0.item.level == level }.count >= 20) }
      let names = Set(entries.map(\.item.name))
      for name in [
        "干部选拔任用", "党风廉政建设", "党费收缴使用", "发展党员", "党组织换届选举", "民主评议党员", "评先评优", "重大决策部署落实",
        "重大事项决策", "重要干部任免", "重大项目安排", "大额资金使用", "医疗服务价格", "投诉渠道", "就医流程",
      ] {
        #expect(names.contains(name), "\(name)")
      }
      let overdue = entries.filter { $0.status.isOverdue }
      #expect((3...10).contains(overdue.count), "\(overdue.map(\.item.name))")
      #expect(entries.contains { if case .dueSoon = $0.status { true } else { false } })
      let published = entries.filter { $0.item.lastPublishedOn != nil }
      #expect(published.count >= 65)
      let history = try store.disclosures.publications(
        itemID: try #require(entries.first { $0.item.name == "药品价格" }).id)
      #expect(history.count >= 10 && history.allSatisfy { $0.publishedOn <= today })
      let notices = try store.disclosures.kioskNotices(limit: 20)
      #expect(notices.count == 20 && notices.first!.publishedOn >= notices.last!.publishedOn)
      guard case .intact = try store.audit.verify() else {
        Issue.record("demo audit")
        return
      }
    }
  }
}
