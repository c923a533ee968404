import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

@MainActor
@Suite struct SatisfactionScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)]

  /// A shell showing the dashboard, prepared like `gongzhi render satisfaction`.
  func dashboard(
    _ fixture: DemoFixture, language: Language = .zhHans, role: Role = .admin,
    size: Size = Size(width: 80, height: 24),
    options: [String: String] = [:]
  ) throws -> Driver {
    let shell = fixture.shell(language: language, role: role, size: size)
    try shell.prepareRender(name: "satisfaction", subject: nil, options: options)
    return Driver(shell, size: size)
  }

  func write(_ text: String, in fixture: DemoFixture, name: String) throws -> String {
    let path = fixture.directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Text of a shell drawn as on a terminal without Unicode (TERM=linux, vt100).
  func asciiScreen(_ shell: AppShell, size: Size) -> String {
    var buffer = ScreenBuffer(size: size)
    shell.size = size
    shell.render(into: &buffer, capabilities: TerminalCapabilities(unicode: false, colors: 0))
    return buffer.text
  }

  // MARK: Snapshots

  @Test(arguments: [Language.zhHans, Language.en])
  func snapshots(language: Language) throws {
    let fixture = try DemoFixture()
    let tag = language == .en ? "en" : "zh"
    for size in Self.sizes {
      let driver = try dashboard(fixture, language: language, size: size)
      expectSnapshot(driver.screen, "satisfaction-staff-\(tag)-\(size.width)x\(size.height)")
    }
    // Each compact section, and the patients' panels.
    for section in ["ranking", "heat", "weakest"] {
      let driver = try dashboard(fixture, language: language, options: ["filter.section": section])
      expectSnapshot(driver.screen, "satisfaction-\(section)-\(tag)-80x24")
    }
    let inpatient = try dashboard(
      fixture, language: language, size: Size(width: 120, height: 40),
      options: ["population": "inpatient", "period": "2026Q3"])
    expectSnapshot(inpatient.screen, "satisfaction-inpatient-quarter-\(tag)-120x40")
  }

  @Test func asciiAndMonochromeSnapshots() throws {
    let fixture = try DemoFixture()
    for (language, tag) in [(Language.zhHans, "zh"), (.en, "en")] {
      for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
        let shell = fixture.shell(language: language, size: size)
        try shell.prepareRender(
          name: "satisfaction", subject: nil,
          options: ["population": "outpatient", "filter.section": "ranking"])
        let text = asciiScreen(shell, size: size)
        for banned in ["─", "│", "█", "▼", "✓", "░"] { #expect(!text.contains(banned), "\(banned) in ASCII") }
        expectSnapshot(text, "satisfaction-ascii-\(tag)-\(size.width)x\(size.height)")
      }
    }
  }

  /// Meaning never rests on colour: below-target departments carry a word and a symbol.
  @Test func belowTargetIsMarkedInWordsAndSymbols() throws {
    let fixture = try DemoFixture()
    let ranking = try fixture.store.satisfaction.departmentRanking(.outpatient, period: .month(2026, 11))
    let below = try #require(ranking.first { $0.belowTarget })
    let driver = try dashboard(
      fixture, size: Size(width: 120, height: 40),
      options: ["population": "outpatient", "filter.section": "ranking"])
    for _ in 0..<ranking.count where !driver.screen.contains(below.department) { driver.press(.down) }
    let line = try #require(driver.screen.split(separator: "\n").first { $0.contains(below.department) })
    #expect(line.contains("▼ 低于目标"), "\(line)")
  }

  /// The value column of the ranking rows on screen (rows with a figure), top to bottom.
  func rankingValues(_ screen: String) -> [Double] {
    screen.split(separator: "\n").compactMap { line in
      guard let m = line.firstMatch(of: /(\d+\.\d|100) n=/) else { return nil }
      return Double(m.1)
    }
  }

  /// The value column of the weakest-items table on screen, top to bottom.
  func weakestValues(_ screen: String) -> [Double] {
    screen.split(separator: "\n").compactMap { line in
      guard let m = line.firstMatch(of: /^│ [1-5] .*?\s(\d+\.\d|100)\s+\d+\s/) else { return nil }
      return Double(m.1)
    }
  }

  /// With the 0–100 mean shown, the ranking and the weakest items follow the mean, and
  /// nothing is marked against the target (a 满意率).
  @Test func meanModeRanksAndPicksTheWeakestByTheMean() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 90, height: 60)
    for population in ["staff", "outpatient", "inpatient"] {
      for kind in ["rate", "mean"] {
        let ranking = try dashboard(
          fixture, size: size,
          options: ["population": population, "filter.kind": kind, "filter.section": "ranking"])
        let values = rankingValues(ranking.screen)
        #expect(values.count >= 10, "\(ranking.screen)")
        #expect(values == values.sorted(by: >), "\(population) \(kind): \(values)")
        let marked = ranking.screen.split(separator: "\n").filter {
          $0.contains(" n=") && $0.contains("低于目标")
        }
        if kind == "mean" { #expect(marked.isEmpty, "\(marked)") }
        if kind == "rate" && population == "outpatient" { #expect(!marked.isEmpty) }

        let weakest = try dashboard(
          fixture, size: size,
          options: ["population": population, "filter.kind": kind, "filter.section": "weakest"])
        let weak = weakestValues(weakest.screen)
        #expect(weak.count == 5, "\(weakest.screen)")
        #expect(weak == weak.sorted(), "\(population) \(kind): \(weak)")
        let rows = weakest.screen.split(separator: "\n").filter { $0.firstMatch(of: /^│ [1-5]\s/) != nil }
        if kind == "mean" { #expect(!rows.contains { $0.contains("低于目标") }, "\(rows)") }
      }
    }
  }

  /// Scrolling the ranking moves rows, never their layout: each department's row reads
  /// the same (bar length, name column, value) on every screen it appears on.
  @Test func rankingRowsKeepTheirBarsWhileScrolling() throws {
    let fixture = try DemoFixture()
    for population in ["staff", "outpatient"] {
      let driver = try dashboard(
        fixture, size: Size(width: 120, height: 40), options: ["population": population])
      driver.press(.tab)
      var rows: [String: String] = [:]
      var screens = 0
      for _ in 0..<60 {
        for line in driver.screen.split(separator: "\n") {
          guard let pane = line.components(separatedBy: "││").last, pane.contains(" n=") else { continue }
          let name = pane.split(separator: " ").prefix(2).joined(separator: " ")
          if let seen = rows[name] {
            #expect(seen == pane, "\(population) \(name):\n\(seen)\n\(pane)")
          } else {
            rows[name] = pane
          }
        }
        screens += 1
        driver.press(.down)
      }
      #expect(rows.count > 12 && screens == 60, "\(population): \(rows.count) rows")
    }
  }

  /// In mean mode the KPI panels at 120 columns keep the 满意率 and its target whole.
  @Test func meanModeKPIPanelsAreNotCutOff() throws {
    let fixture = try DemoFixture()
    for (language, targets) in [
      (Language.zhHans, ["（目标 94%）", "（目标 90%）", "（目标 92%）"]), (.en, [" 94%", " 90%", " 92%"]),
    ] {
      let driver = try dashboard(
        fixture, language: language, size: Size(width: 120, height: 40), options: ["filter.kind": "mean"])
      let panels = driver.screen.split(separator: "\n").dropFirst(2).prefix(7).joined(separator: "\n")
      #expect(!panels.contains("…"), "\(panels)")
      #expect(panels.contains(language == .en ? "Rate 9" : "满意率 9"), "\(panels)")
      for target in targets { #expect(panels.contains(target), "\(target) in\n\(panels)") }
      #expect(panels.contains(language == .en ? "n = " : "样本 n="), "\(panels)")
    }
  }

  /// The status bar keeps `q quit` and `? help` on a narrow screen, dropping less
  /// important hints first.
  @Test func statusBarKeepsQuitAndHelp() throws {
    let fixture = try DemoFixture()
    for language in [Language.en, .zhHans] {
      for role in [Role.admin, .viewer] {
        for width in [80, 60, 120] {
          let driver = try dashboard(
            fixture, language: language, role: role, size: Size(width: width, height: 24))
          let bar = String(driver.screen.split(separator: "\n").last ?? "")
          let quit = language == .en ? "q quit" : "q 退出"
          let help = language == .en ? "? help" : "? 帮助"
          #expect(bar.contains(quit) && bar.hasSuffix(help), "\(language) \(role) \(width): \(bar)")
          #expect(bar.contains("←→"), "\(bar)")
          if width == 120 {
            #expect(bar.contains(language == .en ? "m month/quarter" : "m 月/季"), "\(bar)")
          }
        }
      }
    }
  }

  @Test func tinyAndOddSizesDoNotCrash() throws {
    let fixture = try DemoFixture()
    let driver = try dashboard(fixture, size: Size(width: 40, height: 12))
    for size in [
      Size(width: 40, height: 12), Size(width: 41, height: 13), Size(width: 60, height: 15),
      Size(width: 200, height: 60),
    ] {
      driver.resize(size)
      for key: Key in [.tab, .tab, .tab, .tab, .right, .char("k"), .char("m"), .down, .end, .enter] {
        driver.press(key)
      }
      #expect(!driver.screen.isEmpty)
    }
  }

  // MARK: Keys

  @Test func keysSwitchPopulationKindAndGranularity() throws {
    let fixture = try DemoFixture()
    let driver = Driver(fixture.shell(size: Size(width: 80, height: 24)), size: Size(width: 80, height: 24))
    let index = try #require(driver.shell.screens.firstIndex { $0.renderNames.contains("satisfaction") })
    driver.press(.char(Character(String(index + 1))))
    #expect(driver.screen.contains("[ 满意度 ]"))
    #expect(driver.screen.contains("职工满意度 · 2026-11"))
    #expect(driver.screen.contains("目标 94%"))
    #expect(driver.screen.contains("近36月"))

    driver.press(.right)
    #expect(driver.screen.contains("门诊患者满意度 · 2026-11"))
    #expect(driver.screen.contains("目标 90%"))
    driver.press(.char("p"))
    #expect(driver.screen.contains("住院患者满意度 · 2026-11"))
    driver.press(.left, .left)
    #expect(driver.screen.contains("职工满意度 · 2026-11"))

    driver.press(.char("k"))
    #expect(
      driver.screen.contains("满意率 ") && driver.screen.contains("（目标 94%）"), "mean shows the rate beside")
    #expect(driver.screen.contains("均分 · 按月"))
    driver.press(.char("k"))
    #expect(driver.screen.contains("满意率 · 按月"))

    driver.press(.char("m"))
    #expect(driver.screen.contains("职工满意度 · 2026Q4"))
    #expect(driver.screen.contains("近12季"))
    #expect(driver.screen.contains("按季度"))
    driver.press(.char("<"))
    #expect(driver.screen.contains("职工满意度 · 2026Q3"))
    driver.press(.char(">"))
    #expect(driver.screen.contains("职工满意度 · 2026Q4"))
    driver.press(.char("m"))
    #expect(driver.screen.contains("职工满意度 · 2026-11"))
    driver.press(.char("-"))
    #expect(driver.screen.contains("近24月"))
  }

  @Test func tabCyclesSectionsAndEnterOpensADepartment() throws {
    let fixture = try DemoFixture()
    let driver = try dashboard(fixture)
    #expect(driver.screen.contains("[趋势]"))
    #expect(driver.screen.contains("目标线 94%"))
    driver.press(.tab)
    #expect(driver.screen.contains("[科室排名]"))
    let ranking = try fixture.store.satisfaction.departmentRanking(.staff, period: .month(2026, 11))
    let weakest = try #require(ranking.last { $0.score.score != nil })
    // w selects the lowest department with a score shown; Enter opens it.
    driver.press(.char("w"))
    driver.press(.enter)
    #expect(driver.screen.contains("职工满意度 · 2026-11 · \(weakest.department)"))
    driver.press(.tab, .tab)
    #expect(driver.screen.contains("[最弱条目]"))
    #expect(driver.screen.contains("整改重点（\(weakest.department)）"))
    let items = try fixture.store.satisfaction.weakestItems(
      .staff, period: .month(2026, 11), department: weakest.department)
    if let first = items.first { #expect(driver.screen.contains(first.item.title)) }
    driver.press(.escape)
    #expect(driver.screen.contains("整改重点（全院）"))
    #expect(driver.screen.contains("本期最低科室：\(weakest.department)"))
  }

  @Test func helpListsTheDashboardKeys() throws {
    let fixture = try DemoFixture()
    let driver = try dashboard(fixture, language: .en, size: Size(width: 100, height: 30))
    driver.press(.char("?"))
    #expect(driver.screen.contains("Switch between months and quarters"))
    #expect(driver.screen.contains("Switch population"))
  }

  @Test func noStringKeyLeaksOntoTheDashboard() throws {
    let fixture = try DemoFixture()
    for language in Language.allCases {
      for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
        let driver = try dashboard(fixture, language: language, size: size)
        var screens = [driver.screen]
        for key: Key in [.tab, .tab, .tab, .char("k"), .char("m"), .right, .char("d"), .escape, .char("t")] {
          driver.press(key)
          screens.append(driver.screen)
        }
        for screen in screens {
          let leaked = screen.split(whereSeparator: { " \n│┌┐└┘─[]（）()".contains($0) })
            .filter {
              $0.range(of: #"^[a-z]+\.[a-zA-Z]+(\.[a-zA-Z]+)*$"#, options: .regularExpression) != nil
            }
          #expect(leaked.isEmpty, "untranslated keys \(leaked) in:\n\(screen)")
        }
      }
    }
  }

  // MARK: Small groups

  @Test func smallGroupsAreNotShownOnTheirOwn() throws {
    let fixture = try DemoFixture()
    let items = SatisfactionInstrument.staffDefault.items.map(\.code)
    var csv = "date,population,department," + items.joined(separator: ",") + "\n"
    for day in 1...3 {
      csv += "2026-11-0\(day),staff,新设科室," + items.map { _ in "5" }.joined(separator: ",") + "\n"
    }
    let path = try write(csv, in: fixture, name: "small.csv")
    try SatisfactionImport.responses(path: path, store: fixture.store, actor: Actor(name: "t", role: .admin))

    let driver = try dashboard(fixture, options: ["filter.section": "ranking"])
    driver.press(.end)
    let line = try #require(driver.screen.split(separator: "\n").first { $0.contains("新设科室") })
    #expect(line.contains("n<5") && line.contains("样本不足") && !line.contains("100"), "\(line)")
    // Not even its size: "n<5", never "n= 3".
    #expect(!line.contains("n= 3") && !line.contains("n=3"), "\(line)")

    let only = try dashboard(fixture, options: ["filter.department": "新设科室"])
    #expect(only.screen.contains("样本不足"))
    #expect(only.screen.contains("少于 5 份不单独显示"))
    #expect(only.screen.contains("样本 n<5"))
    #expect(!only.screen.contains("n=3"), "\(only.screen)")
    #expect(!only.screen.contains("█▀█"), "no big figure for a suppressed group")
    // The weakest-items pane says the sample is too small, not that there is no data.
    let weakest = try dashboard(fixture, options: ["filter.department": "新设科室", "filter.section": "weakest"])
    #expect(weakest.screen.contains("样本不足：本期各条目有效回答均少于 5 份"), "\(weakest.screen)")
    #expect(!weakest.screen.contains("本期无数据"), "\(weakest.screen)")
    let en = try dashboard(fixture, language: .en, options: ["filter.department": "新设科室"])
    #expect(en.screen.contains("fewer than 5 responses: not shown on its own"))
    #expect(en.screen.contains("n < 5") && !en.screen.contains("n = 3"), "\(en.screen)")
  }

  /// Rank numbers go to departments with a figure shown; a group under k follows
  /// without one, and departments without data this period are counted, not listed.
  @Test func onlyDepartmentsWithAFigureAreRanked() throws {
    let fixture = try DemoFixture()
    let items = SatisfactionInstrument.staffDefault.items.map(\.code)
    var csv = "date,population,department," + items.joined(separator: ",") + "\n"
    let answers = items.map { _ in "4" }.joined(separator: ",")
    for day in 1...3 { csv += "2026-11-0\(day),staff,新设科室,\(answers)\n" }
    for day in 1...6 { csv += "2026-10-0\(day),staff,停诊科室,\(answers)\n" }
    let path = try write(csv, in: fixture, name: "rank.csv")
    try SatisfactionImport.responses(path: path, store: fixture.store, actor: Actor(name: "t", role: .admin))

    for (language, without) in [(Language.zhHans, "个科室本期无数据"), (.en, "have no data this period")] {
      let driver = try dashboard(
        fixture, language: language, size: Size(width: 90, height: 100),
        options: ["filter.section": "ranking"])
      let lines = driver.screen.split(separator: "\n").map(String.init)
      let ranks = lines.compactMap { line -> Int? in
        guard line.contains(" n="), let m = line.firstMatch(of: /^│ *(\d+)\s/) else { return nil }
        return Int(m.1)
      }
      #expect(ranks.count > 10 && ranks == Array(1...ranks.count), "\(ranks)")
      let small = try #require(lines.first { $0.contains("新设科室") })
      #expect(small.firstMatch(of: /^│ +新设科室/) != nil && small.contains("n<5"), "\(small)")
      #expect(!driver.screen.contains("停诊科室"), "\(driver.screen)")
      #expect(!lines.contains { $0.contains("n=0") || $0.contains("n= 0") })
      let footer = try #require(lines.first { $0.contains(without) }, "\(driver.screen)")
      let missing = try fixture.store.satisfaction.departmentRanking(.staff, period: .month(2026, 11))
        .filter { $0.score == .noData }
      #expect(missing.contains { $0.department == "停诊科室" })
      #expect(footer.contains(" \(missing.count) "), "\(footer)")
    }
  }

  // MARK: Platform results

  @Test func platformResultsFillMonthsWithoutRawResponses() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gongzhi-sat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try GongzhiStore(path: dir.appendingPathComponent("p.sqlite").path)
    let csv = dir.appendingPathComponent("platform.csv").path
    try Data(
      """
      period,population,department,item,n,rate,mean
      2026-09,staff,,,180,95.5,88.0
      2026-10,staff,,,190,93.2,86.1
      2026-11,staff,,,200,96.1,89.4

      """.utf8
    ).write(to: URL(fileURLWithPath: csv))
    try SatisfactionImport.results(path: csv, store: store, actor: Actor(name: "t", role: .admin))
    let context = AppContext(
      store: store, actor: Actor(name: "t", role: .admin), strings: Strings(.zhHans), today: DemoFixture.today
    )
    let size = Size(width: 80, height: 24)
    let shell = AppShell(context: context, size: size)
    try shell.prepareRender(name: "satisfaction", subject: nil, options: [:])
    let driver = Driver(shell, size: size)
    #expect(driver.screen.contains("职工满意度 · 2026-11"))
    #expect(driver.screen.contains("较上期 +2.9"))
    #expect(driver.screen.contains("平台汇总数据"))
    #expect(driver.screen.contains("平台数据 3 期"))
  }

  /// A shell on a fresh database holding only the given platform results (staff).
  func platformDashboard(_ rows: String, size: Size, options: [String: String] = [:]) throws -> (Driver, URL)
  {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gongzhi-sat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = try GongzhiStore(path: dir.appendingPathComponent("p.sqlite").path)
    let csv = dir.appendingPathComponent("platform.csv").path
    try Data(("period,population,department,item,n,rate,mean\n" + rows).utf8).write(
      to: URL(fileURLWithPath: csv))
    try SatisfactionImport.results(path: csv, store: store, actor: Actor(name: "t", role: .admin))
    let context = AppContext(
      store: store, actor: Actor(name: "t", role: .admin), strings: Strings(.zhHans), today: DemoFixture.today
    )
    let shell = AppShell(context: context, size: size)
    try shell.prepareRender(name: "satisfaction", subject: nil, options: options)
    return (Driver(shell, size: size), dir)
  }

  /// 93.96 % is shown as 94.0: at a 94 % target it is on target, in the panel and in
  /// the trend; the trend counts only months with a figure shown (not those under k,
  /// nor those without data).
  @Test func aFigureThatRoundsToTheTargetMeetsItAndTheTrendCountsShownMonths() throws {
    let (driver, dir) = try platformDashboard(
      """
      2024-01,staff,,,200,80.0,70.0
      2026-09,staff,,,3,50.0,40.0
      2026-10,staff,,,190,93.2,86.1
      2026-11,staff,,,200,93.96,88.0

      """, size: Size(width: 120, height: 40))
    defer { try? FileManager.default.removeItem(at: dir) }
    let screen = driver.screen
    #expect(screen.contains("职工满意度 · 2026-11"))
    #expect(screen.contains("达标") && !screen.contains("▼ 低于目标"), "\(screen)")
    #expect(screen.contains("低于目标 2/3 期"), "\(screen)")
    #expect(screen.contains("样本不足 1 期"))
  }

  /// The sparkline's label, its glyphs and its low/high cover the same months.
  @Test func theSparklineRangeCoversTheMonthsItShows() throws {
    var checked = 0
    for width in [50, 56, 62, 68] {
      let (driver, dir) = try platformDashboard(
        """
        2024-01,staff,,,200,80.0,70.0
        2026-10,staff,,,190,93.2,86.1
        2026-11,staff,,,200,96.0,88.0

        """, size: Size(width: width, height: 24))
      defer { try? FileManager.default.removeItem(at: dir) }
      let screen = driver.screen
      guard let label = screen.firstMatch(of: /近(\d+)月[^│]*?最低 ([\d.]+) 最高 ([\d.]+)/),
        let months = Int(label.1),
        months < 35
      else { continue }
      // 2024-01 (80.0) is not among the last `months` months.
      #expect(label.2 == "93.2" && label.3 == "96.0", "\(width): \(screen)")
      checked += 1
    }
    #expect(checked > 0, "no width showed a shortened sparkline with its range")
  }

  /// `k` switches the weakest items (and the ranking) to the other score at once, as
  /// a fresh dashboard in that mode shows them, without waiting for `r`.
  @Test func theWeakestItemsFollowTheScoreKindAtOnce() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 90, height: 60)
    let driver = try dashboard(fixture, size: size, options: ["filter.section": "weakest"])
    driver.press(.char("k"))
    let fresh = try dashboard(
      fixture, size: size, options: ["filter.kind": "mean", "filter.section": "weakest"])
    #expect(weakestValues(driver.screen) == weakestValues(fresh.screen))
    #expect(rankingValues(driver.screen) == rankingValues(fresh.screen))
  }

  @Test func anEmptyDatabaseExplainsHowToImport() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gongzhi-sat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try GongzhiStore(path: dir.appendingPathComponent("e.sqlite").path)
    let context = AppContext(
      store: store, actor: Actor(name: "t", role: .admin), strings: Strings(.zhHans), today: DemoFixture.today
    )
    let shell = AppShell(context: context, size: Size(width: 80, height: 24))
    try shell.prepareRender(name: "satisfaction", subject: nil, options: [:])
    let driver = Driver(shell, size: Size(width: 80, height: 24))
    #expect(driver.screen.contains("还没有满意度数据"))
    driver.press(.tab, .char("k"), .char("m"), .right, .char("<"), .char("d"))
    #expect(driver.screen.contains("选择科室"))
  }

  // MARK: Targets

  @Test func targetsAreEditedInAFormAndAudited() throws {
    let fixture = try DemoFixture()
    let driver = try dashboard(fixture)
    driver.press(.char("t"))
    #expect(driver.screen.contains("满意率目标（%）"))
    for _ in 0..<2 { driver.press(.backspace) }
    driver.type("95")
    driver.press(.tab, .tab, .tab)
    driver.type("年度目标调整")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("目标已保存"))
    #expect(driver.screen.contains("目标 95%"))
    #expect(try fixture.store.satisfaction.targets()[.staff] == 95)
    let audit = try fixture.store.audit.entries(entity: "satisfaction_target", since: nil, limit: nil)
    #expect(audit.contains { $0.newValue == "95.0" || $0.newValue == "95" })
    #expect(audit.contains { $0.reason == "年度目标调整" })

    driver.press(.char("t"))
    for _ in 0..<6 { driver.press(.backspace) }
    driver.type("120")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("“120”不是 0–100 之间的数"))
    driver.press(.escape)
  }

  @Test func viewersCannotEditTargets() throws {
    let fixture = try DemoFixture()
    let driver = try dashboard(fixture, role: .viewer)
    driver.press(.char("t"))
    #expect(!driver.screen.contains("满意率目标（%）"))
    #expect(driver.screen.contains("无权"))
  }

  @Test func renderRefusesUnknownValues() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    #expect(throws: CLIError.self) {
      try shell.prepareRender(name: "satisfaction", subject: nil, options: ["population": "visitors"])
    }
    #expect(throws: CLIError.self) {
      try shell.prepareRender(name: "satisfaction", subject: nil, options: ["period": "2026-13"])
    }
    #expect(throws: CLIError.self) {
      try shell.prepareRender(name: "satisfaction", subject: nil, options: ["filter.department": "没有这个科"])
    }
    #expect(throws: CLIError.self) {
      try shell.prepareRender(name: "satisfaction", subject: nil, options: ["filter.kind": "median"])
    }
  }
}
