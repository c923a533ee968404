import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

@MainActor
@Suite struct DisclosureScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)]

  @Test(arguments: [Language.zhHans, Language.en])
  func snapshots(language: Language) throws {
    let fixture = try DemoFixture()
    let tag = language == .en ? "en" : "zh"
    for size in Self.sizes {
      let list = fixture.shell(language: language, size: size)
      try list.prepareRender(name: "disclosures", subject: nil, options: [:])
      expectSnapshot(Driver(list, size: size).screen, "disclosures-list-\(tag)-\(size.width)x\(size.height)")
      let overdue = fixture.shell(language: language, size: size)
      try overdue.prepareRender(name: "disclosures", subject: nil, options: ["filter.overdue": "1"])
      expectSnapshot(
        Driver(overdue, size: size).screen, "disclosures-overdue-\(tag)-\(size.width)x\(size.height)")
      let detail = fixture.shell(language: language, size: size)
      try detail.prepareRender(name: "disclosures", subject: "药品价格", options: [:])
      expectSnapshot(
        Driver(detail, size: size).screen, "disclosures-detail-\(tag)-\(size.width)x\(size.height)")
    }
  }

  @Test func tinyTerminalsAndResizesDoNotCrash() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(), size: Size(width: 40, height: 12))
    driver.showTab("disclosures")
    driver.press(.enter, .char("p"))
    driver.type("公开")
    for size in [
      Size(width: 40, height: 12), Size(width: 41, height: 13), Size(width: 20, height: 5),
      Size(width: 200, height: 60),
    ] {
      driver.resize(size)
    }
    driver.press(.escape, .enter, .escape, .char("f"), .escape, .char("n"))
    driver.resize(Size(width: 40, height: 12))
    #expect(!driver.screen.isEmpty)
  }

  @Test func filterToOverdueOpenRecordAndItLeavesTheList() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(size: Size(width: 100, height: 30)), size: Size(width: 100, height: 30))
    driver.showTab("disclosures")
    #expect(driver.screen.contains("[ 公开 ]") && driver.screen.contains("社会层面"))
    driver.press(.char("o"))
    #expect(driver.screen.contains("仅逾期"))
    let overdueBefore = try fixture.store.disclosures.entries(
      DisclosureQuery(overdueOnly: true, today: DemoFixture.today))
    let first = try #require(overdueBefore.first)
    #expect(driver.screen.contains(first.item.name) && driver.screen.contains("督办"))
    driver.press(.enter)
    #expect(driver.screen.contains("提请纪委监督") && driver.screen.contains("公开记录"))
    driver.press(.char("p"))
    #expect(driver.screen.contains("记录公开：\(first.item.name)"))
    driver.type("2026年10月药品价格目录已更新，新增国家集采中选药品十五种，均按中选价格零差率销售，详见触摸屏价格查询。")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("已记录“\(first.item.name)”于 2026-11-24 的公开"), "\(driver.screen)")
    #expect(driver.screen.contains("2026-11-24"))
    // The detail pane stays on the item just saved, though it is no longer overdue.
    #expect(driver.screen.contains("记录公开：\(first.item.name)") == false)
    #expect(driver.screen.contains(first.item.name) && !driver.screen.contains("提请纪委监督"), "\(driver.screen)")
    driver.press(.escape)
    #expect(driver.screen.contains(first.item.name), "kept in view until the next reload")
    driver.press(.char("r"))
    #expect(!driver.screen.contains(first.item.name), "published today, so it is no longer overdue")
    let after = try fixture.store.disclosures.entries(
      DisclosureQuery(overdueOnly: true, today: DemoFixture.today))
    #expect(after.count == overdueBefore.count - 1)
    let history = try fixture.store.disclosures.publications(itemID: first.id)
    #expect(history.first?.publishedOn == DemoFixture.today && history.first?.recordedBy == "tester")
    #expect(Set(history.first?.channelIDs ?? []) == Set(first.item.channelIDs))
    guard case .intact = try fixture.store.audit.verify() else {
      Issue.record("audit")
      return
    }
  }

  /// `?` on an item's page lists the keys that work there, not the list's filters.
  @Test func helpOnTheDetailPageListsItsKeys() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(), size: Size(width: 100, height: 30))
    driver.showTab("disclosures")
    driver.press(.char("?"))
    #expect(driver.screen.contains("按层面、途径、部门、逾期组合筛选"), "\(driver.screen)")
    driver.press(.escape, .enter, .char("?"))
    #expect(driver.screen.contains("返回事项列表") && driver.screen.contains("上下滚动详情"), "\(driver.screen)")
    #expect(!driver.screen.contains("按层面、途径、部门、逾期组合筛选"), "\(driver.screen)")
    #expect(!driver.screen.contains("新增公开事项"), "\(driver.screen)")
  }

  /// A validation message longer than the form is wide wraps under its field instead of
  /// being cut at the edge.
  @Test func longFormProblemsWrap() throws {
    var form = Form(
      title: "T", fields: [.text("a", "名称", ""), .text("b", "日期", "")], footer: "Ctrl-S")
    let problem = "公开日期不能晚于今天（2026-11-24），请核对后重新填写；若为预告，请在内容中注明计划日期。"
    form.setIssues(["a": problem])
    form.generalError = "保存被拒绝：另一终端已修改了这一事项，请按 Esc 关闭后刷新，再重新填写本表。"
    var buffer = ScreenBuffer(size: Size(width: 50, height: 20))
    form.render(into: &buffer, in: buffer.bounds, glyphs: .unicode)
    let text = buffer.lines().map { $0.filter { !"│┌┐└┘─".contains($0) } }.joined()
      .replacingOccurrences(of: " ", with: "")
    #expect(text.contains(problem), "\(buffer.lines().joined(separator: "\n"))")
    #expect(text.contains(form.generalError!.replacingOccurrences(of: " ", with: "")))
    // The register's multi-select (channels) is a field of the same form: its issue
    // wraps under its chips, and Space ticks the option under the cursor.
    var channels = Form(
      title: "T", fields: [FormField.multi("c", "渠道", ["公告栏", "电子屏", "触摸屏", "职代会"], chosen: [1])],
      footer: "", maxWidth: 76)
    #expect(channels.handle(.char(" ")) == .handled)
    #expect(channels.chosen("c") == [0, 1])
    channels.setIssues(["c": problem])
    buffer = ScreenBuffer(size: Size(width: 50, height: 20))
    channels.render(into: &buffer, in: buffer.bounds, glyphs: .unicode)
    let shown = buffer.lines().map { $0.filter { !"│┌┐└┘─".contains($0) } }.joined()
      .replacingOccurrences(of: " ", with: "")
    #expect(shown.contains(problem), "\(buffer.lines().joined(separator: "\n"))")
    #expect(shown.contains("[x]公告栏") && shown.contains("[x]电子屏") && shown.contains("[]触摸屏"))
  }

  /// `d` opens the shared filter list over the departments that own items; typing
  /// their pinyin initials narrows it and Enter filters the register by the one chosen.
  @Test func departmentFilterIsPickedByTyping() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    let driver = Driver(shell, size: Size(width: 100, height: 30))
    driver.showTab("disclosures")
    let screen = try #require(shell.screens.first { $0 is DisclosureScreen } as? DisclosureScreen)
    let owners = Set(screen.entries.compactMap(\.item.departmentID))
    let target = try #require(screen.departments.last { owners.contains($0.id) })
    driver.press(.char("d"))
    #expect(driver.screen.contains("责任部门"))
    driver.type(NameOrder.initials(target.name))
    guard case .pick(let picker, _, _, _, _)? = shell.modals.last?.screen else {
      Issue.record("no department list open")
      return
    }
    let shown = picker.visible.map { picker.items[$0] }
    #expect(shown.contains(target.name) && shown.count < owners.count + 1, "\(shown)")
    let row = try #require(shown.firstIndex(of: target.name))
    driver.press(.home)
    for _ in 0..<row { driver.press(.down) }
    driver.press(.enter)
    #expect(screen.departmentFilter == target.id)
    #expect(!screen.entries.isEmpty && screen.entries.allSatisfy { $0.item.departmentID == target.id })
    // Esc with nothing typed closes the list and leaves the filter as it was.
    driver.press(.char("d"), .escape)
    #expect(shell.modals.isEmpty, "Esc did not close the list")
    #expect(screen.departmentFilter == target.id)
  }

  @Test func formProblemsShowInline() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(), size: Size(width: 100, height: 30))
    driver.showTab("disclosures")
    driver.press(.char("p"), .tab, .ctrl("u"))
    driver.type("2027-01-01")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("公开内容不能为空"))
    #expect(driver.screen.contains("不能晚于今天"))
    driver.press(.escape)
    #expect(driver.screen.contains("放弃修改"))
    driver.press(.left, .enter)
    #expect(!driver.screen.contains("记录公开："))
  }

  @Test func combinedFiltersAndNewItem() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(language: .en), size: Size(width: 120, height: 40))
    driver.showTab("disclosures")
    driver.press(.char("f"))
    #expect(driver.screen.contains("Filter the register"))
    // Level: Staff; channel: 职代会 (the 4th channel).
    driver.press(.right, .right, .right, .tab, .right, .right, .right, .right, .ctrl("s"))
    #expect(driver.screen.contains("level: Staff · channel: 职代会"), "\(driver.screen)")
    #expect(driver.screen.contains("大额资金使用") && !driver.screen.contains("药品价格"))
    driver.press(.char("x"), .char("n"))
    #expect(driver.screen.contains("New disclosure item"))
    driver.press(.tab)
    driver.type("院长接待日安排")
    driver.press(.tab, .tab, .char(" "), .ctrl("s"))
    #expect(driver.screen.contains("Added \"院长接待日安排\""), "\(driver.screen)")
    let added = try fixture.store.disclosures.entries(DisclosureQuery(today: DemoFixture.today)).last {
      $0.item.name == "院长接待日安排"
    }
    #expect(added?.item.schedule == .perEvent(workingDays: 20) && added?.item.channelIDs.count == 1)
  }

  @Test func viewersReadButAreRefusedChanges() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(role: .viewer), size: Size(width: 100, height: 30))
    driver.showTab("disclosures")
    #expect(!driver.screen.contains("p 记录公开"))
    driver.press(.char("p"))
    #expect(driver.screen.contains("无权修改院务公开目录"), "\(driver.screen)")
    driver.press(.char("n"))
    #expect(!driver.screen.contains("新增公开事项"))
    driver.press(.enter)
    #expect(driver.screen.contains("公开记录"))
    driver.press(.char("e"))
    #expect(!driver.screen.contains("编辑公开事项"))
    let clerk = Driver(fixture.shell(role: .clerk), size: Size(width: 100, height: 30))
    clerk.showTab("disclosures")
    clerk.press(.char("p"))
    #expect(clerk.screen.contains("记录公开："))
  }

  @Test func noStringKeyLeaks() throws {
    let fixture = try DemoFixture()
    for language in Language.allCases {
      let driver = Driver(fixture.shell(language: language))
      driver.showTab("disclosures")
      var screens = [driver.screen]
      driver.press(.char("?"))
      screens.append(driver.screen)
      driver.press(.escape, .enter)
      screens.append(driver.screen)
      driver.press(.char("e"))
      screens.append(driver.screen)
      driver.press(.escape, .escape, .char("f"))
      screens.append(driver.screen)
      for screen in screens {
        let leaked = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" })
          .filter { $0.range(of: #"^[a-z]+\.[a-zA-Z]+(\.[a-zA-Z]+)*$"#, options: .regularExpression) != nil }
        #expect(leaked.isEmpty, "untranslated keys \(leaked) in:\n\(screen)")
      }
    }
  }
}
