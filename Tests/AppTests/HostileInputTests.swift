import Domain
import Foundation
import GRDB
import TUI
import Testing

@testable import App
@testable import Store

// Hostile text (issue 7): control characters and terminal escape sequences stored in
// any field are shown visibly escaped, never sent raw; SQL is parameterised; CSV
// exports neutralise formula cells; a new database is not readable by others.

/// Bytes a terminal would act on: C0 controls (other than the line breaks of a
/// screen dump), DEL and C1 controls such as CSI 0x9B.
func rawControls(_ text: String) -> [String] {
  text.unicodeScalars.filter { s in
    (s.value < 0x20 && s != "\n") || (0x7F..<0xA0).contains(s.value)
  }.map { String(format: "U+%04X", $0.value) }
}

@MainActor
@Suite struct HostileInputTests {
  static let osc = "王\u{1B}]0;pwned\u{07}伟"
  static let clear = "清\u{1B}[2J屏"
  static let csi = "红\u{9B}31m字"
  /// PostgreSQL's text cannot hold U+0000 at all, so on the server another C0 control.
  static let nul = TestBackend.isPostgres ? "空\u{1}字" : "空\u{0}字"
  /// Names are at most 20 characters; the full `'); DROP TABLE member; --` goes in
  /// through search queries, departments and the actor name instead.
  static let drop = "');DROP TABLE member"
  static let dropFull = "'); DROP TABLE member; --"

  func expectSafe(_ screen: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      rawControls(screen).isEmpty, "\(what) sent raw controls: \(rawControls(screen))",
      sourceLocation: sourceLocation)
  }

  /// A demo hospital whose committee, members, proposals and disclosure items carry
  /// hostile text. The repositories refuse control characters in names, so the text
  /// is written behind the program's back (an old version, a tool, a restored backup),
  /// with parameterised SQL.
  func hostileFixture() throws -> DemoFixture {
    let fixture = try DemoFixture()
    let store = fixture.store
    let units = try store.organisation.units(includeInactive: false)
    let branch = try #require(units.first { $0.kind == .branch })
    let added = try store.organisation.addMember(
      Member(unitID: branch.id, name: Self.drop), by: Actor(name: "a", role: .admin))
    try fixture.execute(
      "UPDATE org_unit SET name = name || CAST(? AS TEXT) WHERE parent_id IS NULL", [Self.clear])
    let ids = try fixture.strings("SELECT id FROM member WHERE id <> ? ORDER BY id LIMIT 4", [added.id])
    for (id, name) in zip(ids.compactMap { Int64($0) }, [Self.osc, Self.clear, Self.csi, Self.nul]) {
      try fixture.execute("UPDATE member SET name = ? WHERE id = ?", [name, id])
    }
    try fixture.execute("UPDATE proposal SET title = CAST(? AS TEXT) || id", [Self.osc + Self.csi])
    try fixture.execute(
      "UPDATE disclosure_item SET name = CAST(? AS TEXT) || id, content = ?", [Self.clear, Self.nul])
    return fixture
  }

  @Test func sqlIsParameterisedForHostileNames() throws {
    let fixture = try DemoFixture()
    let org = fixture.store.organisation
    let branch = try #require(try org.units(includeInactive: false).first { $0.kind == .branch })
    let before = try org.searchMembers("", limit: 100_000).count
    let names = [Self.drop, "x' OR '1'='1", "\";DELETE FROM audit", "%_\\"]
    for name in names {
      try org.addMember(
        Member(unitID: branch.id, name: name, department: Self.dropFull),
        by: Actor(name: Self.dropFull, role: .admin))
    }
    #expect(try org.searchMembers(Self.dropFull, limit: 10).isEmpty)
    #expect(try org.searchMembers(Self.drop, limit: 10).map(\.name) == [Self.drop])
    #expect(try org.searchMembers("x' OR '1'='1", limit: 10).map(\.name) == ["x' OR '1'='1"])
    #expect(try org.searchMembers("%_\\", limit: 10).map(\.name) == ["%_\\"])
    #expect(try org.searchMembers("", limit: 100_000).count == before + names.count)
    #expect(try org.searchMembers("'; DROP", limit: 10).isEmpty)
    let reopened = try GongzhiStore(path: fixture.path)
    #expect(try reopened.organisation.searchMembers(Self.drop, limit: 10).map(\.name) == [Self.drop])
    #expect(
      try reopened.audit.verify()
        == .intact(rows: try reopened.audit.entries(entity: nil, since: nil, limit: nil).count))
  }

  @Test func orgScreenShowsEscapesVisibly() throws {
    let fixture = try hostileFixture()
    let driver = Driver(fixture.shell())
    expectSafe(driver.screen, "org tree")
    #expect(driver.screen.contains("医院党委清^[[2J屏"))
    driver.press(.char("/"))
    driver.type("pwned")
    expectSafe(driver.screen, "member search")
    #expect(driver.screen.contains("^[]0;pwned^G"))
    driver.press(.enter)
    expectSafe(driver.screen, "roster")
    for size in [Size(width: 40, height: 12), Size(width: 200, height: 60)] {
      driver.resize(size)
      expectSafe(driver.screen, "org at \(size)")
    }
    #expect(try fixture.store.organisation.searchMembers("DROP", limit: 10).map(\.name) == [Self.drop])
    let fresh = Driver(fixture.shell())
    fresh.press(.char("/"))
    fresh.type("DROP")
    #expect(fresh.screen.contains(Self.drop), "the DROP TABLE name round-trips to the screen")
  }

  @Test func proposalsAndDisclosuresShowEscapesVisibly() throws {
    let fixture = try hostileFixture()
    let driver = Driver(fixture.shell(), size: Size(width: 160, height: 40))
    driver.showTab("proposals")
    expectSafe(driver.screen, "proposals")
    #expect(driver.screen.contains("^[]0;pwned^G"))
    #expect(driver.screen.contains("<9B>31m"))
    driver.press(.enter)
    expectSafe(driver.screen, "proposal detail")
    driver.showTab("disclosures")
    expectSafe(driver.screen, "disclosures")
    #expect(driver.screen.contains("清^[[2J屏"))
    driver.press(.enter)
    expectSafe(driver.screen, "disclosure detail")
  }

  @Test func kioskShowsEscapesVisibly() throws {
    let fixture = try hostileFixture()
    let source = KioskSource(path: fixture.path, today: { DemoFixture.today })
    var shown = ""
    for page in KioskApp.Page.allCases {
      for ascii in [false, true] {
        let size = Size(width: 120, height: 40)
        let app = KioskApp(
          pages: [page], interval: 15, strings: Strings(.zhHans), title: Self.osc, exitPIN: nil, size: size,
          now: Date(timeIntervalSince1970: 1_795_500_000), calendar: Calendar(identifier: .gregorian),
          read: { try source.read(at: $0) })
        var buffer = ScreenBuffer(size: size)
        app.render(into: &buffer, capabilities: TerminalCapabilities(unicode: !ascii, colors: 256))
        expectSafe(buffer.text, "kiosk \(page)")
        shown += buffer.text
      }
    }
    #expect(shown.contains("^[]0;pwned^G"), "the kiosk title is shown escaped")
  }

  // MARK: exports

  static let formulas = ["=CMD()", "+SUM(A1)", "-2+3", "@SUM(A1:A2)"]

  func cells(_ csv: String) throws -> [String] {
    let reader = CSVReader(text: csv)
    var out: [String] = []
    while let record = try reader.next() { out += record.fields }
    return out
  }

  func expectNeutral(
    _ csv: String, _ what: String, mustContain: String, sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let all = try cells(csv)
    let dangerous = all.filter { $0.first.map { "=+-@".contains($0) } ?? false }
    #expect(
      dangerous.isEmpty, "\(what) export has formula cells: \(dangerous.prefix(5))",
      sourceLocation: sourceLocation)
    #expect(
      all.contains { $0.contains(mustContain) }, "\(what) export lost the text",
      sourceLocation: sourceLocation)
  }

  @Test func csvExportsNeutraliseFormulaCells() throws {
    let fixture = try DemoFixture()
    let store = fixture.store
    let admin = Actor(name: "admin", role: .admin)
    let org = store.organisation
    let units = try org.units(includeInactive: false)
    let branch = try #require(units.first { $0.kind == .branch })
    for f in Self.formulas {
      try org.addMember(Member(unitID: branch.id, name: "张" + f, department: f), by: admin)
    }
    // Names, departments and phones starting with a formula character, as an older
    // version or a tool could have stored them.
    try fixture.execute("UPDATE member SET name = ?, phone = ? WHERE name = ?", ["=CMD()", "-5", "张=CMD()"])
    try fixture.execute(
      "UPDATE member SET name = ?, phone = ? WHERE name = ?", ["@SUM(A1)", "+86 1", "张@SUM(A1:A2)"])
    try fixture.execute("UPDATE org_unit SET name = ? WHERE id = ?", ["=CMD()支部", branch.id])
    try expectNeutral(try MemberCSV.export(store: store), "members", mustContain: "CMD()")

    try fixture.execute(
      "UPDATE proposal SET title = CAST(? AS TEXT) || id, reasons = ?", ["=CMD()", "@SUM(A1)"])
    try fixture.execute(
      "UPDATE disclosure_item SET name = CAST(? AS TEXT) || id, content = ?", ["+1+", "-x"])
    let session = try #require(try store.proposals.sessions().last)
    try expectNeutral(
      try ProposalExport.csv(session: session.id, store: store), "proposals", mustContain: "CMD()")
    try expectNeutral(
      try DisclosureExport.csv(store: store, today: DemoFixture.today), "disclosures", mustContain: "1+")

    let period = try #require(
      try fixture.strings("SELECT period FROM assessment ORDER BY period DESC").first.flatMap { Period($0) })
    try expectNeutral(
      try AssessmentExport.csv(period: period, store: store), "assessments", mustContain: "CMD()")

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gongzhi-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("r.csv").path
    try
      "date,population,department,pay\n2026-10-03,staff,=CMD(),5\n2026-10-04,staff,@SUM(A1),4\n2026-10-05,staff,-1,3\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    try SatisfactionImport.responses(path: file, store: store, actor: admin)
    let month = SatisfactionMonth(year: 2026, month: 10)
    try expectNeutral(
      try SatisfactionExport.csv(from: month, to: month, store: store, k: 1), "satisfaction",
      mustContain: "CMD()")
  }

  @Test func newDatabaseIsNotReadableByOthers() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gongzhi-mode-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let old = umask(0o022)
    defer { umask(old) }
    let path = dir.appendingPathComponent("new.sqlite").path
    let store = try GongzhiStore(path: path)
    try store.organisation.addUnit(
      OrgUnit(parentID: nil, kind: .committee, name: "医院党委"), by: Actor(name: "a", role: .admin))
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      let mode = try #require(
        try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int)
      #expect(mode & 0o007 == 0, "\(path + suffix) has mode \(String(mode, radix: 8))")
    }
    try store.close()
  }
}
