import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

@MainActor
@Suite struct AssessmentScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)]
  static let branch = "内科党总支/心血管内科党支部"
  static let current = Period(year: 2026, quarter: 4)

  /// The path of the first branch whose assessment this quarter is in `state`.
  func branch(in state: AssessmentState, _ fixture: DemoFixture) throws -> (OrgUnit, String) {
    let units = try fixture.store.organisation.units(includeInactive: false)
    let items = try fixture.store.assessments.assessments(period: Self.current)
    let item = try #require(
      items.first { item in item.state == state && units.first { $0.id == item.unitID }?.kind == .branch })
    let unit = try #require(units.first { $0.id == item.unitID })
    let parent = try #require(units.first { $0.id == unit.parentID })
    return (unit, parent.name + "/" + unit.name)
  }

  func driver(
    _ fixture: DemoFixture, select path: String, period: Period = current, role: Role = .admin,
    language: Language = .zhHans, size: Size = Size(width: 120, height: 40)
  ) throws -> Driver {
    let shell = fixture.shell(language: language, role: role, size: size)
    try shell.prepareRender(name: "assess", subject: nil, options: ["select": path, "period": period.text])
    return Driver(shell, size: size)
  }

  func status(_ driver: Driver) -> String {
    String(driver.screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
  }

  // MARK: Snapshots

  @Test(arguments: [Language.zhHans, Language.en])
  func snapshots(language: Language) throws {
    let fixture = try DemoFixture()
    let tag = language == .en ? "en" : "zh"
    for size in Self.sizes {
      let form = fixture.shell(language: language, size: size)
      try form.prepareRender(
        name: "assess", subject: nil, options: ["select": Self.branch, "period": "2026Q3"])
      expectSnapshot(Driver(form, size: size).screen, "assess-form-\(tag)-\(size.width)x\(size.height)")
      let ranking = fixture.shell(language: language, size: size)
      try ranking.prepareRender(name: "ranking", subject: nil, options: ["period": "2026Q3"])
      expectSnapshot(Driver(ranking, size: size).screen, "assess-ranking-\(tag)-\(size.width)x\(size.height)")
    }
  }

  /// Issue 13 item 18: a ranking row not yet published shows its grade as provisional
  /// (`~`, with the legend) and no place; a published period has no such mark.
  @Test func unpublishedRankingRowsAreMarkedProvisional() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 120, height: 40)
    func ranking(_ period: String) throws -> String {
      let shell = fixture.shell(size: size)
      try shell.prepareRender(name: "ranking", subject: nil, options: ["period": period])
      return Driver(shell, size: size).screen
    }
    let current = try ranking(Self.current.text)
    #expect(current.contains("~ 暂定，未公示"), "\(current)")
    let rows = current.split(separator: "\n").filter { $0.contains("党支部") && $0.contains("│") }
    #expect(!rows.isEmpty)
    let marked = rows.filter { $0.contains("~") }
    #expect(!marked.isEmpty, "\(current)")
    let published = try ranking("2026Q3")
    #expect(!published.contains("~"), "\(published)")
  }

  @Test func smallAndOddSizesNeverCrash() throws {
    let fixture = try DemoFixture()
    for name in ["assess", "ranking", "year", "points"] {
      let shell = fixture.shell()
      try shell.prepareRender(name: name, subject: nil, options: ["select": Self.branch])
      let driver = Driver(shell, size: Size(width: 40, height: 12))
      for size in [Size(width: 40, height: 12), Size(width: 41, height: 13), Size(width: 200, height: 60)] {
        driver.resize(size)
        driver.press(.down, .char("c"), .up)
      }
      #expect(!driver.screen.isEmpty)
    }
  }

  @Test func noStringKeyLeaksOntoAnyView() throws {
    let fixture = try DemoFixture()
    for language in Language.allCases {
      let driver = try driver(fixture, select: Self.branch, language: language)
      var screens = [driver.screen]
      driver.press(.escape, .char("?"))
      screens.append(driver.screen)
      driver.press(.escape, .char("v"))
      screens.append(driver.screen)
      driver.press(.char("v"), .char("y"))
      screens.append(driver.screen)
      driver.press(.char("y"), .char("p"))
      screens.append(driver.screen)
      driver.press(.char("p"), .char("s"))
      screens.append(driver.screen)
      for screen in screens {
        let leaked = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" })
          .filter { $0.range(of: #"^[a-z]+\.[a-zA-Z]+(\.[a-zA-Z]+)*$"#, options: .regularExpression) != nil }
        #expect(leaked.isEmpty, "untranslated keys \(leaked) in:\n\(screen)")
      }
    }
  }

  // MARK: Scoring by keys

  @Test func typedScoresAreSavedAndBadOnesRefusedOnTheSpot() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .draft, fixture)
    let driver = try driver(fixture, select: path)
    let before = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    // The first indicator: 三会一课, max 20.
    driver.type("25")
    driver.press(.enter)
    #expect(status(driver).contains("25 分超过该项满分 20 分"), "\(status(driver))")
    let unchanged = try #require(
      try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    #expect(unchanged.version == before.version, "a refused score is never stored")
    // Full-width digits, a deduction: the reason is asked for before saving.
    driver.type("１９．５")
    driver.press(.enter)
    #expect(driver.screen.contains("扣分理由 · 三会一课按期召开"))
    driver.press(.ctrl("s"))
    #expect(
      try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current)?.version
        == before.version)
    driver.press(.char("x"))
    driver.type("支委会少开1次")
    driver.press(.ctrl("s"))
    let saved = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    #expect(saved.entry("life.meetings").selfInput == IndicatorInput(points: 19.5))
    #expect(saved.entry("life.meetings").note.contains("支委会少开1次"))
    // The live total and grade follow.
    #expect(driver.screen.contains("得分 \(Points.format(saved.summary.total))/500"))
    // Undo puts the entry back.
    driver.press(.escape)  // the evidence prompt for this indicator
    driver.press(.char("u"))
    let undone = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    #expect(undone.entry("life.meetings") == before.entry("life.meetings"))
  }

  @Test func levelsCountsAndFullMarksByKeys() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .draft, fixture)
    let driver = try driver(fixture, select: path)
    // Everything at full marks, one indicator after another, evidence where required.
    for _ in 0..<60 {
      driver.press(.char("n"))
      if status(driver).contains("各项指标均已评分") { break }
      driver.press(.char("="))
      if driver.screen.contains("说明与佐证") {
        driver.type("档案2026-1")
        driver.press(.ctrl("s"))
      }
    }
    var a = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    #expect(Scoring.submissionIssues(a.scheme, entries: a.entries, basis: .selfAssessment).isEmpty)
    #expect(
      a.entries.allSatisfy {
        !$0.selfInput.isEmpty || a.scheme.indicator(id: $0.indicatorID)?.method == .bonus
      })
    // A graded indicator one level down with ←, then + on a deduction.
    let graded = try #require(a.scheme.allIndicators.firstIndex { $0.method == .graded })
    driver.press(.home)
    for _ in 0..<graded { driver.press(.down) }
    driver.press(.left)
    driver.type("记录要素不全")
    driver.press(.ctrl("s"))
    a = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    let indicator = a.scheme.allIndicators[graded]
    #expect(a.entry(indicator.id).selfInput.level == indicator.levels[1].name)
    #expect(driver.screen.contains("距优秀") || driver.screen.contains("· 优秀"))
  }

  // MARK: Workflow

  @Test func workflowRefusedForRolesThatMayNotScore() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .selfSubmitted, fixture)
    for role in [Role.viewer, .clerk] {
      let driver = try driver(fixture, select: path, role: role)
      driver.press(.char("s"))
      #expect(status(driver).contains("角色无权评分或流转考评"), "\(role): \(status(driver))")
      driver.type("5")
      #expect(status(driver).contains("查看者 角色无权评分") || status(driver).contains("工会干事 角色无权评分"))
    }
    #expect(
      try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current)?.state == .selfSubmitted
    )
  }

  @Test func workflowThroughEveryStateToLocked() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .selfSubmitted, fixture)
    let driver = try driver(fixture, select: path, role: .officer)
    // Sending back a draft is refused; from 自评已交 it works with a reason.
    for expected in [AssessmentState.generalReview, .committeeReview, .publicNotice] {
      driver.press(.char("s"))
      #expect(driver.screen.contains("→ \(Strings(.zhHans)("state.\(expected.rawValue)"))"))
      driver.press(.enter)
      #expect(
        try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current)?.state == expected)
    }
    // 公示中: an objection blocks locking until it is resolved.
    driver.press(.char("o"))
    driver.type("群众")
    driver.press(.tab)
    driver.type("得分偏高")
    driver.press(.ctrl("s"))
    #expect(status(driver).contains("异议已登记"))
    driver.press(.char("s"))
    driver.type("提前定等")
    driver.press(.enter)
    #expect(status(driver).contains("尚有 1 条异议未处理"), "\(status(driver))")
    driver.press(.char("O"))
    driver.type("经核实无误")
    driver.press(.enter)
    #expect(status(driver).contains("异议已处理"))
    // The notice is not over (it started today): locking needs a note.
    driver.press(.char("s"))
    driver.press(.enter)
    #expect(status(driver).contains("公示期至"), "\(status(driver))")
    driver.press(.char("s"))
    driver.type("党委会议决定提前定等")
    driver.press(.enter)
    #expect(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current)?.state == .locked)
    driver.press(.char("s"))
    #expect(status(driver).contains("不能再推进"))
    driver.press(.char("b"))
    #expect(status(driver).contains("不能退回"))
  }

  @Test func sendingBackADraftIsRefusedAndNeedsAReasonOtherwise() throws {
    let fixture = try DemoFixture()
    let (_, draftPath) = try branch(in: .draft, fixture)
    let d1 = try driver(fixture, select: draftPath)
    d1.press(.char("b"))
    #expect(status(d1).contains("不能退回"))
    let (unit, path) = try branch(in: .generalReview, fixture)
    let d2 = try driver(fixture, select: path)
    d2.press(.char("b"), .enter)
    #expect(status(d2).contains("退回须填写原因"), "\(status(d2))")
    d2.press(.char("b"))
    d2.type("材料不全")
    d2.press(.enter)
    #expect(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current)?.state == .draft)
  }

  // MARK: Locked results

  @Test func changingALockedResultNeedsAReasonAndIsAudited() throws {
    let fixture = try DemoFixture()
    let q3 = Period(year: 2026, quarter: 3)
    let driver = try driver(fixture, select: Self.branch, period: q3, language: .en)
    #expect(driver.screen.contains("grade fixed"))
    driver.type("18")
    driver.press(.enter)
    #expect(driver.screen.contains("Change a result in grade fixed"))
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("Write down a reason"), "the form stays open until a reason is given")
    let units = try fixture.store.organisation.units(includeInactive: false)
    let unit = try #require(units.first { $0.name == "心血管内科党支部" })
    let before = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: q3))
    #expect(before.entry("life.meetings").committeeInput.points != 18)
    driver.type("复核发现记录缺失")
    driver.press(.ctrl("s"))
    let after = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: q3))
    #expect(after.entry("life.meetings").committeeInput == IndicatorInput(points: 18))
    let audit = try fixture.store.audit.entries(entity: "assessment_entry", since: nil, limit: nil)
    #expect(audit.contains { $0.reason == "复核发现记录缺失" && ($0.newValue ?? "").contains("p=18") })
  }

  @Test func undoingAChangeToALockedResultAsksForItsOwnReason() throws {
    let fixture = try DemoFixture()
    let q3 = Period(year: 2026, quarter: 3)
    let driver = try driver(fixture, select: Self.branch, period: q3)
    let units = try fixture.store.organisation.units(includeInactive: false)
    let unit = try #require(units.first { $0.name == "心血管内科党支部" })
    let before = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: q3))
    driver.type("18")
    driver.press(.enter)
    if driver.screen.contains("扣分理由") {
      driver.type("复核扣分")
      driver.press(.ctrl("s"))
    }
    driver.type("复核发现记录缺失")
    driver.press(.ctrl("s"))
    let changed = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: q3))
    #expect(changed.entry("life.meetings").committeeInput == IndicatorInput(points: 18))
    // Undo is a change to a fixed result too: it asks for a reason, never invents one.
    driver.press(.char("u"))
    #expect(driver.screen.contains("撤销对已定等考评结果的上一次修改"), "\(driver.screen)")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("请填写修改理由"))
    #expect(
      try fixture.store.assessments.assessment(unitID: unit.id, period: q3)?.version == changed.version,
      "nothing is undone without a reason")
    driver.type("误改，恢复原分")
    driver.press(.ctrl("s"))
    #expect(status(driver).contains("已撤销"), "\(status(driver))")
    let undone = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: q3))
    #expect(undone.entry("life.meetings").committeeInput == before.entry("life.meetings").committeeInput)
    let audit = try fixture.store.audit.entries(entity: "assessment_entry", since: nil, limit: nil)
    #expect(audit.contains { $0.reason == "误改，恢复原分" })
    #expect(!audit.contains { $0.reason == "撤销上一次修改" || $0.reason == "undo of the last change" })
  }

  var assess: (Driver) -> AssessScreen {
    { driver in driver.shell.screens.compactMap { $0 as? AssessScreen }.first! }
  }

  func entry(_ fixture: DemoFixture, _ unit: OrgUnit, _ id: String, period: Period = current) throws
    -> EntryInput
  {
    try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: period)).entry(id)
  }

  @Test func typedPointsThatFitNoLevelOrStepAreRefusedAndNeverStored() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .draft, fixture)
    let driver = try driver(fixture, select: path)
    let before = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    let indicators = before.scheme.allIndicators
    func go(_ id: String) {
      driver.press(.home)
      for _ in 0..<indicators.firstIndex(where: { $0.id == id })! { driver.press(.down) }
    }
    // 一支部一品牌: levels 好 20 / 较好 16 / 一般 12 / 差 6.
    go("service.brand")
    driver.type("18")
    #expect(driver.screen.contains("18 分不是该项的档次分值"), "the problem shows while typing")
    driver.press(.enter)
    #expect(status(driver).contains("18 分不是该项的档次分值，可选：好 20 / 较好 16 / 一般 12 / 差 6"), "\(status(driver))")
    // 组织生活会: 15, 5 per occurrence.
    go("life.org-life")
    driver.type("12")
    driver.press(.enter)
    #expect(status(driver).contains("12 分无法由整次扣分得到（满分 15 分，每次扣 5 分），可为 10 或 15"), "\(status(driver))")
    // 关心关爱党员: 3 per person, at most 15.
    go("service.care")
    driver.type("13")
    driver.press(.enter)
    #expect(status(driver).contains("13 分无法由整次计分得到"), "\(status(driver))")
    let after = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    #expect(after.version == before.version, "nothing refused is stored")
    // A level's points are taken as the level.
    go("service.brand")
    driver.type("16")
    driver.press(.enter)
    if driver.screen.contains("扣分理由") {
      driver.type("品牌项目推进偏慢")
      driver.press(.ctrl("s"))
    }
    #expect(try entry(fixture, unit, "service.brand").selfInput == IndicatorInput(level: "较好"))
  }

  @Test func minusTakesAnOccurrenceOffAndNumbersStillType() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .draft, fixture)
    let driver = try driver(fixture, select: path)
    driver.press(.down)  // 主题党日每月开展: 15, 2 per occurrence, no evidence needed
    driver.press(.char("="))
    #expect(try entry(fixture, unit, "life.theme-day").selfInput == IndicatorInput(occurrences: 0))
    driver.press(.char("+"))
    if driver.screen.contains("扣分理由") {
      driver.type("少开1次")
      driver.press(.ctrl("s"))
    }
    driver.press(.char("+"))
    #expect(try entry(fixture, unit, "life.theme-day").selfInput == IndicatorInput(occurrences: 2))
    driver.press(.char("-"))
    #expect(try entry(fixture, unit, "life.theme-day").selfInput == IndicatorInput(occurrences: 1))
    #expect(status(driver).contains("已保存"), "\(status(driver))")
    // Numbers still type; - goes on from typed points (11 = 15 − 2×2).
    driver.type("11")
    driver.press(.enter)
    #expect(try entry(fixture, unit, "life.theme-day").selfInput == IndicatorInput(points: 11))
    driver.press(.char("-"))
    #expect(try entry(fixture, unit, "life.theme-day").selfInput == IndicatorInput(occurrences: 1))
  }

  @Test func questionMarkInTheFormOpensHelpWithTheFormsKeys() throws {
    let fixture = try DemoFixture()
    let driver = try driver(fixture, select: Self.branch)
    #expect(assess(driver).focus == .form)
    driver.press(.char("?"))
    #expect(driver.screen.contains("按键说明 · 考评"), "\(driver.screen)")
    #expect(driver.screen.contains("记为满分") && driver.screen.contains("扣分、计数类指标：增减次数"))
    // Digits type a score and F-keys do nothing in the form: the help must not offer them.
    #expect(!driver.screen.contains("F1-F") && !driver.screen.contains("切换页面"), "\(driver.screen)")
    #expect(!driver.screen.contains("q  Ctrl-C") && driver.screen.contains("Ctrl-C"))
    driver.press(.escape)
    #expect(!driver.screen.contains("按键说明"))
    #expect(assess(driver).focus == .form, "closing the help leaves the form as it was")
  }

  @Test func committeeTakesTheSelfScoresWithYAndShiftY() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .generalReview, fixture)
    let driver = try driver(fixture, select: path)
    let screen = assess(driver)
    #expect(screen.column == .committee)
    let repo = fixture.store.assessments
    let before = try #require(try repo.assessment(unitID: unit.id, period: Self.current))
    let open = before.scheme.allIndicators.filter {
      before.entry($0.id).committeeInput.isEmpty && !before.entry($0.id).selfInput.isEmpty
    }
    #expect(open.count >= 2)
    func entryAudits() throws -> Int {
      try fixture.store.audit.entries(entity: "assessment_entry", since: nil, limit: nil).count
    }
    let audits = try entryAudits()
    // y: the current indicator's self score becomes the committee's, audited.
    screen.indicatorIndex = try #require(screen.indicators.firstIndex { $0.id == open[0].id })
    driver.press(.char("y"))
    var a = try #require(try repo.assessment(unitID: unit.id, period: Self.current))
    #expect(a.entry(open[0].id).committeeInput == before.entry(open[0].id).selfInput)
    #expect(open.dropFirst().allSatisfy { a.entry($0.id).committeeInput.isEmpty })
    #expect(try entryAudits() == audits + 1)
    // Y: every indicator still without a committee score, in one save; the committee's
    // own scores stay as they were.
    driver.press(.char("Y"))
    a = try #require(try repo.assessment(unitID: unit.id, period: Self.current))
    for i in open { #expect(a.entry(i.id).committeeInput == before.entry(i.id).selfInput, "\(i.id)") }
    for i in before.scheme.allIndicators where !before.entry(i.id).committeeInput.isEmpty {
      #expect(a.entry(i.id).committeeInput == before.entry(i.id).committeeInput)
    }
    #expect(try entryAudits() == audits + open.count)
    #expect(status(driver).contains("已采用 \(open.count - 1) 项自评分"), "\(status(driver))")
    guard case .intact = try fixture.store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
    // u puts back every entry Y filled in, in one audited save; y's own entry stays.
    driver.press(.char("u"))
    a = try #require(try repo.assessment(unitID: unit.id, period: Self.current))
    #expect(a.entry(open[0].id).committeeInput == before.entry(open[0].id).selfInput)
    for i in open.dropFirst() { #expect(a.entry(i.id).committeeInput.isEmpty, "\(i.id) after u") }
    #expect(try entryAudits() == audits + 2 * open.count - 1)
    // Outside 审核 mode the keys say where they work and change nothing.
    driver.press(.char("t"))
    driver.press(.char("y"))
    #expect(status(driver).contains("审核模式"), "\(status(driver))")
    // The form's help lists them.
    driver.press(.char("?"))
    #expect(driver.screen.contains("采用自评分作为审核得分"))
  }

  @Test func committeeModeTracksTheCommitteeCells() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .generalReview, fixture)
    let driver = try driver(fixture, select: path)
    let screen = assess(driver)
    #expect(screen.column == .committee)
    let a = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    let todo = Scoring.submissionIssues(a.scheme, entries: a.entries, basis: .committee).count
    #expect(todo > 0)
    #expect(driver.screen.contains("正在填写：审核 · 待处理 \(todo) 项"), "\(driver.screen)")
    driver.press(.char("n"))
    #expect(!status(driver).contains("各项指标均已评分"), "\(status(driver))")
    let focused = try #require(screen.selectedIndicator)
    let e = a.entry(focused.id)
    #expect(e.committeeInput.isEmpty || !Scoring.warnings(focused, e).isEmpty)
    // Back in 自评 mode the self scores are what is tracked.
    driver.press(.char("t"))
    let selfTodo = Scoring.submissionIssues(a.scheme, entries: a.entries, basis: .selfAssessment).count
    #expect(driver.screen.contains("正在填写：自评 · 待处理 \(selfTodo) 项"))
  }

  @Test func narrowEnglishRankingKeepsUnitNamesReadable() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 80, height: 24)
    let shell = fixture.shell(language: .en, size: size)
    try shell.prepareRender(name: "ranking", subject: nil, options: ["period": "2026Q3"])
    let driver = Driver(shell, size: size)
    let rows = try #require(assess(driver).ranking?.rows)
    let lines = driver.screen.split(separator: "\n")
    for row in rows.prefix(12) {
      let line = try #require(
        lines.first { $0.contains(" \(Points.format(row.total)) ") && $0.contains(row.unitName.prefix(6)) },
        "\(row.unitName) cut short:\n\(driver.screen)")
      #expect(!line.contains("…│"), "no dimension column is cut: \(line)")
    }
  }

  @Test func yearViewShowsItsHeadersWholeAndExplainsTheVetoMark() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 100, height: 30)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(name: "year", subject: nil, options: ["period": "2026Q3"])
    let driver = Driver(shell, size: size)
    #expect(driver.screen.contains("季度均分"), "\(driver.screen)")
    let results = assess(driver).yearResults
    #expect(results.contains { $0.result.vetoed })
    #expect(driver.screen.contains("! 有季度被一票否决，年度为不合格"))
    for r in results where r.result.reviewScore == nil {
      #expect(r.result.quarterMean == r.result.total, "one rounding: \(r.result)")
    }
  }

  @Test func auditLogLinesNameTheAssessmentTheyAreAbout() throws {
    let fixture = try DemoFixture()
    let entries = try fixture.store.audit.entries(entity: "assessment_entry", since: nil, limit: 3)
    let lines = AuditFormatter.lines(entries, subjects: try fixture.store.audit.subjects(of: entries))
    #expect(lines.count == 3)
    for line in lines {
      let last = try #require(line.split(separator: "\t").last)
      #expect(last.contains("党支部 · 20") || last.contains("党总支 · 20"), "\(line)")
    }
  }

  @Test func theNoteAndEvidenceFormFocusesTheFieldToFillAndMarksIt() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .draft, fixture)
    // 三会一课 needs evidence: start it unscored and without any.
    let a = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    try fixture.store.assessments.saveEntry(
      EntryInput(indicatorID: "life.meetings"), assessmentID: a.id, version: a.version, reason: nil,
      by: Actor(name: "tester", role: .admin))
    let driver = try driver(fixture, select: path)
    // Opened by a save that lacks the evidence: the evidence field, marked.
    driver.press(.char("="))
    #expect(driver.screen.contains("说明与佐证"))
    #expect(driver.screen.contains("▸ 佐证材料") && !driver.screen.contains("▸ 说明"), "\(driver.screen)")
    driver.type("会议记录本P3")
    driver.press(.ctrl("s"))
    var e = try entry(fixture, unit, "life.meetings")
    #expect(e.evidence == "会议记录本P3" && e.note.isEmpty, "typed text goes to the marked field")
    // Opened with Enter on an indicator that needs nothing: the note, marked.
    driver.press(.down, .enter)
    #expect(driver.screen.contains("▸ 说明") && !driver.screen.contains("▸ 佐证材料"), "\(driver.screen)")
    driver.press(.escape)
    // Opened with Enter where evidence is missing: the evidence again, as when opened by itself.
    try fixture.store.assessments.saveEntry(
      EntryInput(indicatorID: "life.meetings", selfInput: IndicatorInput(occurrences: 0)),
      assessmentID: try #require(
        try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current)
      ).id,
      version: try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
        .version,
      reason: nil, by: Actor(name: "tester", role: .admin))
    driver.press(.char("r"), .home, .enter)
    #expect(driver.screen.contains("▸ 佐证材料"), "\(driver.screen)")
    e = try entry(fixture, unit, "life.meetings")
    #expect(e.evidence.isEmpty)
  }

  @Test func oneObjectionIsSingularInEnglish() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .selfSubmitted, fixture)
    let repo = fixture.store.assessments
    let officer = Actor(name: "tester", role: .officer)
    var a = try #require(try repo.assessment(unitID: unit.id, period: Self.current))
    for _ in 0..<3 {
      a = try repo.transition(
        .advance, assessmentID: a.id, version: a.version, note: "", today: DemoFixture.today, by: officer)
    }
    #expect(a.state == .publicNotice)
    try repo.addObjection(
      assessmentID: a.id, raisedBy: "群众", content: "得分偏高", on: DemoFixture.today, by: officer)
    let driver = try driver(fixture, select: path, language: .en)
    #expect(
      driver.screen.contains("1 objection (") && !driver.screen.contains("1 objections"), "\(driver.screen)")
  }

  @Test func theOverCapWarningCountsOnlyTheRowsShown() throws {
    let fixture = try DemoFixture()
    let size = Size(width: 120, height: 40)
    let shell = fixture.shell(size: size)
    try shell.prepareRender(
      name: "ranking", subject: nil, options: ["period": "2026Q3", "filter.general": "内科党总支"])
    let driver = Driver(shell, size: size)
    let report = try #require(assess(driver).ranking)
    let over = Set(report.overExcellentCap)
    let shown = report.rows.filter { over.contains($0.unitID) }.count
    #expect(over.count > shown, "the demo has units over the cap outside 内科党总支")
    let marked = driver.screen.split(separator: "\n").filter { $0.contains("优秀*") }.count
    #expect(marked == shown)
    let strings = Strings(.zhHans)
    let expected =
      shown == 0
      ? strings("assess.ranking.overCap.outside", "30%", String(over.count))
      : strings("assess.ranking.overCap.partly", "30%", String(shown), String(over.count - shown))
    #expect(driver.screen.contains(expected), "\(driver.screen)")
  }

  // MARK: Concurrency

  @Test func aConcurrentEditIsDetectedAndReloaded() throws {
    let fixture = try DemoFixture()
    let (unit, path) = try branch(in: .draft, fixture)
    let driver = try driver(fixture, select: path)
    // A second officer, on a second connection, saves first.
    let other = try GongzhiStore(path: fixture.path)
    let theirs = try #require(try other.assessments.assessment(unitID: unit.id, period: Self.current))
    var entry = theirs.entry("life.meetings")
    entry.selfInput = IndicatorInput(occurrences: 3)
    entry.note = "并发测试：另一位干部先保存"
    try other.assessments.saveEntry(
      entry, assessmentID: theirs.id, version: theirs.version, reason: nil,
      by: Actor(name: "李干事", role: .officer))
    driver.type("20")
    driver.press(.enter)
    #expect(status(driver).contains("已被他人修改"), "\(status(driver))")
    let now = try #require(try fixture.store.assessments.assessment(unitID: unit.id, period: Self.current))
    #expect(now.entry("life.meetings").selfInput == IndicatorInput(occurrences: 3), "their save stands")
    // After the reload the same edit goes through.
    driver.type("20")
    driver.press(.enter)
    #expect(status(driver).contains("已保存"), "\(status(driver))")
  }

  // MARK: Navigation and views

  @Test func periodsBranchesAndViews() throws {
    let fixture = try DemoFixture()
    let driver = try driver(fixture, select: Self.branch)
    #expect(driver.screen.contains("心血管内科党支部 · 2026Q4"))
    driver.press(.escape, .left)
    #expect(driver.screen.contains("心血管内科党支部 · 2026Q3"))
    driver.press(.char("]"))
    #expect(driver.screen.contains("心血管内科党支部 · 2026Q4"))
    driver.press(.char("N"))
    #expect(!driver.screen.contains("心血管内科党支部 · 2026Q4"))
    driver.press(.char("{"), .char("c"))
    #expect(driver.screen.contains("上期 2026Q3"))
    driver.press(.char("v"))
    #expect(driver.screen.contains("等次分布"))
    driver.press(.char("f"))
    #expect(driver.screen.contains("临床"))
    driver.press(.char("v"), .char("y"))
    #expect(driver.screen.contains("双述双评"))
    driver.press(.char("y"), .char("p"))
    #expect(driver.screen.contains("党员积分 · 心血管内科党支部"))
  }

  @Test func reviewMarksAreEnteredAndCountInTheYear() throws {
    let fixture = try DemoFixture()
    let driver = try driver(fixture, select: Self.branch)
    driver.press(.escape, .char("y"))
    driver.press(.char("m"))
    #expect(driver.screen.contains("双述双评评分"))
    driver.type("101")
    driver.press(.ctrl("s"))
    #expect(driver.screen.contains("评分 101 应在 0 到 100 之间"))
    for _ in 0..<3 { driver.press(.backspace) }
    driver.type("95")
    driver.press(.ctrl("s"))
    #expect(status(driver).contains("已保存"), "\(status(driver))")
  }
}
