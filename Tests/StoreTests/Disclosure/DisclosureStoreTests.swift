import Domain
import Foundation
import GRDB
import Store
import Testing

/// A new database with two departments; the standard channels come with the schema.
struct DisclosureFixture {
  var store: GongzhiStore
  var office: Department
  var finance: Department
  var channels: [String: Int64]

  init(_ path: String) throws {
    store = try GongzhiStore(path: path)
    office = try store.proposals.addDepartment(Department(name: "党委办公室"), by: admin)
    finance = try store.proposals.addDepartment(Department(name: "财务部"), by: admin)
    try store.disclosures.installStandardChannels(by: admin)
    channels = Dictionary(
      uniqueKeysWithValues: try store.disclosures.channels(includeInactive: true).map { ($0.name, $0.id) })
  }

  func item(
    _ name: String, level: DisclosureLevel = .staff, schedule: DisclosureSchedule = .quarterly,
    channels names: [String] = ["公告栏"], department: Department? = nil, kiosk: Bool = false
  ) -> DisclosureItem {
    DisclosureItem(
      level: level, name: name, content: name + "情况", channelIDs: names.compactMap { channels[$0] },
      departmentID: (department ?? office).id, schedule: schedule, onKiosk: kiosk, startsOn: d("2026-01-05"))
  }
}

@Suite struct DisclosureStoreTests {
  @Test func theTenStandardChannelsAreInstalledOnFirstUse() throws {
    try withStorePath { storePath, dir in
      let store = try GongzhiStore(path: dir + "/new.sqlite")
      #expect(try store.disclosures.channels(includeInactive: true).isEmpty)
      #expect(throws: StoreError.permissionDenied(.manageDisclosures)) {
        try store.disclosures.installStandardChannels(by: Actor(name: "v", role: .viewer))
      }
      let f = try DisclosureFixture(storePath)
      try f.store.disclosures.installStandardChannels(by: admin)  // a second call adds nothing
      let names = try f.store.disclosures.channels(includeInactive: false).map(\.name)
      #expect(names.count == 10 && names.first == "公告栏" && names.contains("社会监督员座谈会"))
      guard case .intact = try f.store.audit.verify() else {
        Issue.record("audit not intact")
        return
      }
    }
  }

  @Test func addEditAndRecordPublicationsWithHistory() throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let repo = f.store.disclosures
      var fee = try repo.addItem(f.item("党费收缴使用", schedule: .yearly), by: officer)
      #expect(fee.id > 0 && fee.version == 1)
      fee.content = "党费收缴、使用和管理情况"
      fee.channelIDs.append(f.channels["简报"]!)
      fee = try repo.updateItem(fee, by: officer, reason: "补充途径")
      #expect(fee.version == 2)
      let first = try repo.recordPublication(
        DisclosurePublication(
          itemID: fee.id, publishedOn: d("2026-02-10"), text: "2025年度党费收缴使用情况", channelIDs: fee.channelIDs),
        itemVersion: fee.version, by: officer, today: d("2026-11-24"))
      #expect(first.item.lastPublishedOn == d("2026-02-10") && first.item.version == 3)
      #expect(first.publication.recordedBy == officer.name)
      // A backdated publication joins the history but is not the last one.
      let older = try repo.recordPublication(
        DisclosurePublication(
          itemID: fee.id, publishedOn: d("2026-01-20"), text: "补录", channelIDs: [f.channels["公告栏"]!]),
        itemVersion: first.item.version, by: officer, today: d("2026-11-24"))
      #expect(older.item.lastPublishedOn == d("2026-02-10") && older.item.lastText == "2025年度党费收缴使用情况")
      let history = try repo.publications(itemID: fee.id)
      #expect(history.map(\.publishedOn) == [d("2026-02-10"), d("2026-01-20")])
      #expect(try repo.item(id: fee.id)?.version == 4)
      // A stale version is refused.
      #expect(throws: StoreError.staleVersion(entity: "disclosure_item", id: fee.id)) {
        try repo.updateItem(fee, by: officer, reason: nil)
      }
      // Problems come back per field.
      do {
        try repo.recordPublication(
          DisclosurePublication(itemID: fee.id, publishedOn: d("2026-12-01"), text: "", channelIDs: []),
          itemVersion: 4, by: officer, today: d("2026-11-24"))
        Issue.record("invalid publication saved")
      } catch StoreError.invalid(let issues) {
        #expect(Set(issues.map(\.field)) == ["text", "date", "channels"])
      }
      #expect(throws: StoreError.self) { try repo.addItem(f.item("党费收缴使用"), by: officer) }
      let entries = try f.store.audit.entries(entity: "disclosure_publication", since: nil, limit: nil)
      #expect(Set(entries.map(\.entityID)).count == 2)
      guard case .intact = try f.store.audit.verify() else {
        Issue.record("audit not intact")
        return
      }
    }
  }

  @Test func aNewPeriodicItemIsDueByItsRegisterPeriodsEndPlusTheGraceSetting() throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let repo = f.store.disclosures
      try repo.addItem(f.item("党费收缴使用", schedule: .yearly), by: officer)  // registered 2026-01-05
      func due() throws -> Day? {
        try repo.entries(DisclosureQuery(today: d("2026-02-01"))).first?.status.due
      }
      #expect(try due() == d("2026-12-31"))
      // 2026-12-31 is a Thursday: two working days of grace end on Monday 2027-01-04.
      try f.store.settings.set(SettingKey.disclosureFirstGrace, to: "2", by: admin)
      #expect(try due() == d("2027-01-04"))
      #expect(throws: StoreError.self) {
        try f.store.settings.set(SettingKey.disclosureFirstGrace, to: "-1", by: admin)
      }
      #expect(try f.store.settings.value(SettingKey.disclosureFirstGrace) == "2")
    }
  }

  @Test func filtersCombine() throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let repo = f.store.disclosures
      let today = d("2026-11-24")
      let a = try repo.addItem(
        f.item("重大事项决策", schedule: .perEvent(workingDays: 5), channels: ["职代会", "院务会"]), by: officer)
      var late = a
      late.eventOn = d("2026-11-02")  // due 11-09: overdue
      late = try repo.updateItem(late, by: officer, reason: nil)
      _ = try repo.addItem(f.item("大额资金使用", channels: ["职代会"], department: f.finance), by: officer)
      _ = try repo.addItem(
        f.item("药品价格", level: .society, schedule: .monthly, channels: ["触摸屏", "电子屏"], kiosk: true),
        by: officer)
      func names(_ q: DisclosureQuery) throws -> [String] { try repo.entries(q).map(\.item.name) }
      #expect(try names(DisclosureQuery(today: today)) == ["药品价格", "重大事项决策", "大额资金使用"])
      #expect(try names(DisclosureQuery(level: .staff, today: today)) == ["重大事项决策", "大额资金使用"])
      #expect(try names(DisclosureQuery(channelID: f.channels["职代会"], today: today)) == ["重大事项决策", "大额资金使用"])
      #expect(
        try names(DisclosureQuery(channelID: f.channels["职代会"], departmentID: f.finance.id, today: today))
          == ["大额资金使用"])
      // Registered 2026-01-05, never published: quarterly due 06-30, monthly due 02-28 → both overdue.
      #expect(try names(DisclosureQuery(overdueOnly: true, today: today)) == ["药品价格", "重大事项决策", "大额资金使用"])
      #expect(
        try names(DisclosureQuery(channelID: f.channels["院务会"], overdueOnly: true, today: today)) == [
          "重大事项决策"
        ])
      let entry = try #require(
        try repo.entries(DisclosureQuery(channelID: f.channels["院务会"], today: today)).first)
      #expect(entry.status == .overdue(due: d("2026-11-09"), days: 15) && entry.department == "党委办公室")
      // Publishing on the day takes it off the overdue list.
      _ = try repo.recordPublication(
        DisclosurePublication(itemID: late.id, publishedOn: today, text: "已公开", channelIDs: late.channelIDs),
        itemVersion: late.version, by: officer, today: today)
      #expect(
        try names(DisclosureQuery(channelID: f.channels["院务会"], overdueOnly: true, today: today)).isEmpty)
      // Holidays from the holiday table count.
      try f.store.proposals.saveHolidays([Holiday(day: d("2026-11-27"))], by: admin)
      var next = try #require(try repo.item(id: late.id))
      next.eventOn = d("2026-11-25")
      _ = try repo.updateItem(next, by: officer, reason: nil)
      #expect(
        try repo.entries(DisclosureQuery(level: .staff, today: today)).first?.status.due == d("2026-12-03"))
    }
  }

  @Test func kioskNoticesAreNewestFirstAndReadOnlyFriendly() throws {
    try withStorePath { storePath, dir in
      let path = storePath
      let f = try DisclosureFixture(path)
      let repo = f.store.disclosures
      let today = d("2026-11-24")
      var ids: [Int64] = []
      for (name, kiosk, day) in [
        ("药品价格", true, "2026-11-02"), ("投诉渠道", true, "2026-11-20"), ("党费收缴使用", false, "2026-11-23"),
      ] {
        let i = try repo.addItem(f.item(name, level: kiosk ? .society : .staff, kiosk: kiosk), by: officer)
        try repo.recordPublication(
          DisclosurePublication(
            itemID: i.id, publishedOn: d(day), text: name + "公示", channelIDs: i.channelIDs),
          itemVersion: i.version, by: officer, today: today)
        ids.append(i.id)
      }
      _ = try repo.addItem(f.item("未公开事项", level: .society, kiosk: true), by: officer)
      try f.store.close()
      let kiosk = try GongzhiStore(path: path, readOnly: true)
      let notices = try kiosk.disclosures.kioskNotices(limit: 10)
      #expect(notices.map(\.title) == ["投诉渠道", "药品价格"])
      #expect(notices.first?.text == "投诉渠道公示" && notices.first?.department == "党委办公室")
      #expect(try kiosk.disclosures.kioskNotices(limit: 1).count == 1)
      #expect(throws: StoreError.self) {
        try kiosk.disclosures.addItem(f.item("写入"), by: admin)
      }
    }
  }

  @Test func rolesAndChannels() throws {
    try withStorePath { storePath, dir in
      let f = try DisclosureFixture(storePath)
      let repo = f.store.disclosures
      let viewer = Actor(name: "访客", role: .viewer)
      #expect(throws: StoreError.permissionDenied(.manageDisclosures)) {
        try repo.addItem(f.item("药品价格"), by: viewer)
      }
      let clerkItem = try repo.addItem(f.item("药品价格"), by: Actor(name: "文员", role: .clerk))
      #expect(throws: StoreError.permissionDenied(.manageDisclosures)) {
        try repo.recordPublication(
          DisclosurePublication(
            itemID: clerkItem.id, publishedOn: d("2026-11-01"), text: "x", channelIDs: [1]),
          itemVersion: 1, by: viewer, today: d("2026-11-24"))
      }
      let added = try repo.addChannel(DisclosureChannel(name: "院报"), by: officer)
      #expect(try repo.channels(includeInactive: false).last?.name == "院报")
      var renamed = added
      renamed.name = "院刊"
      renamed.active = false
      renamed = try repo.updateChannel(renamed, by: officer, reason: nil)
      #expect(renamed.version == 2)
      #expect(try !repo.channels(includeInactive: false).map(\.name).contains("院刊"))
      #expect(try repo.channels(includeInactive: true).map(\.name).contains("院刊"))
      #expect(throws: StoreError.self) { try repo.addChannel(DisclosureChannel(name: "公告栏"), by: officer) }
      guard case .intact = try f.store.audit.verify() else {
        Issue.record("audit not intact")
        return
      }
    }
  }

  @Test func auditVerifyDetectsATamperedDisclosure() throws {
    try withStorePath { storePath, dir in
      let path = storePath
      let f = try DisclosureFixture(path)
      let repo = f.store.disclosures
      let i = try repo.addItem(f.item("干部选拔任用", schedule: .perEvent(workingDays: 5)), by: officer)
      try repo.recordPublication(
        DisclosurePublication(
          itemID: i.id, publishedOn: d("2026-11-02"), text: "任前公示", channelIDs: i.channelIDs),
        itemVersion: i.version, by: officer, today: d("2026-11-24"))
      guard case .intact = try f.store.audit.verify() else {
        Issue.record("not intact before tampering")
        return
      }
      try tamper(path, "UPDATE disclosure_item SET last_published_on = '2026-11-20' WHERE id = \(i.id)")
      guard case .broken(_, let entity, _, let detail) = try f.store.audit.verify() else {
        Issue.record("tampered item not detected")
        return
      }
      #expect(entity == "disclosure_item" && detail.contains("last_published_on"))
      try tamper(path, "UPDATE disclosure_item SET last_published_on = '2026-11-02' WHERE id = \(i.id)")
      try tamper(path, "UPDATE disclosure_publication SET text = '改写' WHERE item_id = \(i.id)")
      guard case .broken(_, "disclosure_publication", _, _) = try f.store.audit.verify() else {
        Issue.record("tampered publication not detected")
        return
      }
    }
  }
}
