import Domain
import Foundation
import GRDB
import Store
import Testing

// Issue 13 item 7: control characters are refused at every entry point of the
// store: every CSV import (in the reader all importers share), unit names created
// by `import members --create-units`, settings and proposal workflow texts.
@Suite struct ControlCharacterTests {
  func readAll(_ text: String) throws -> [CSVRecord] {
    let reader = CSVReader(text: text)
    var records: [CSVRecord] = []
    while let r = try reader.next() { records.append(r) }
    return records
  }

  @Test func readerRefusesControlsWithLineAndField() {
    #expect(throws: CSVError(problem: .controlCharacter, line: 2, column: 2)) {
      try readAll("a,b\nx,y\u{1B}]0;pwned\u{07}\n")
    }
    // C1 CSI in a quoted field that spans lines: the line holding it.
    #expect(throws: CSVError(problem: .controlCharacter, line: 3, column: 1)) {
      try readAll("a,b\n\"one\ntwo\u{9B}31m\",z\n")
    }
    // A field read through the slow path (a quote inside an unquoted field).
    #expect(throws: CSVError(problem: .controlCharacter, line: 1, column: 1)) {
      try readAll("x\"y\u{07}")
    }
  }

  @Test func readerKeepsTabsAndLineBreaksInFields() throws {
    let records = try readAll("a,\"one\r\ntwo\"\r\nb\tc,d\r\n")
    #expect(records.map(\.fields) == [["a", "one\r\ntwo"], ["b\tc", "d"]])
  }

  @Test func createdUnitNamesAreRefusedWithFileLineColumn() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      for (path, problem) in [
        ("医院党委/内科\u{1B}]2;pwned\u{07}党总支/心内科党支部", "error.import.controlCharacter"),
        ("\"医院党委/内科党总支/心内\n科党支部\"", MessageKeys.unitNameInvalid),
      ] {
        try write(header + "\n" + "\(path),王伟,男,1980-01-02,2005-07-01,正式,在职,心内科,普通,\n", to: dir + "/m.csv")
        #expect(throws: ImportError(file: dir + "/m.csv", line: 2, column: 1, problem: Message(problem))) {
          try MemberCSV.importFile(path: dir + "/m.csv", into: store, by: admin, createUnits: true)
        }
      }
      #expect(try store.organisation.units(includeInactive: true).isEmpty)
      #expect(try store.organisation.searchMembers("", limit: 10).isEmpty)
    }
  }

  @Test func settingsRefuseControls() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      try store.settings.set(SettingKey.hospitalName, to: "市第一医院", by: admin)
      #expect(throws: StoreError.self) {
        try store.settings.set(SettingKey.hospitalName, to: "市\u{1B}]2;pwned\u{07}医院", by: admin)
      }
      #expect(throws: StoreError.self) {
        try store.settings.set(SettingKey.hospitalName, to: "市第一\n医院", by: admin)
      }
      #expect(try store.settings.value(SettingKey.hospitalName) == "市第一医院")
    }
  }

  @Test func proposalActionTextsRefuseControls() throws {
    try withTempDir { dir in
      let f = try ProposalFixture(dir + "/g.sqlite")
      let p = try f.submitted()
      let day = d("2025-02-24")
      #expect(throws: StoreError.self) {
        try f.store.proposals.apply(
          .startReview, to: p.id, version: p.version, by: clerk, on: day, note: "审\u{1B}[2J")
      }
      let reviewing = try f.store.proposals.apply(
        .startReview, to: p.id, version: p.version, by: clerk, on: day, note: "第一行\n第二行")
      #expect(throws: StoreError.self) {
        try f.store.proposals.apply(
          .notFile(reason: "不属\u{9B}31m于"), to: p.id, version: reviewing.version, by: clerk, on: day,
          note: nil)
      }
      #expect(try f.store.proposals.proposal(id: p.id)?.state == .underReview)
    }
  }
}

@Test func schemeStringsRefuseEscapedControlsWithTheLine() throws {
  // A TOML escape spells ESC; the line of the key is reported.
  let (text, line) = edited("name = \"三会一课按期召开\"", "name = \"三会\\u001B]2;x\\u0007一课\"", marker: "三会\\u001B")
  let e = try #require(schemeError(text))
  #expect(e.line == line && line > 0)
  #expect(e.problem == Message(TextRule.controlCharacterKey, "3"))
}

@Test func usersActorsAndWorkflowNotesRefuseControls() throws {
  try withTempDir { dir in
    let store = try GongzhiStore(path: dir + "/g.sqlite")
    // Before the first user everyone acts as admin under any name; that name is
    // written into every audit row, so it may not carry an escape either.
    #expect(throws: StoreError.self) { try store.users.resolveActor(name: "root\u{1B}]2;pwned\u{07}") }
    #expect(throws: StoreError.self) { try store.users.add(name: "李\u{9B}31m", role: .viewer, by: admin) }
    #expect(try store.users.list().isEmpty)
    let org = try SmallOrg(store)
    var a = try store.assessments.createAssessment(
      unitID: org.branch.id, period: Period("2025Q3")!, schemeRowID: nil, by: officer)
    a = try scoreFully(store, a)
    #expect(throws: StoreError.self) {
      try store.assessments.transition(
        .advance, assessmentID: a.id, version: a.version, note: "已\u{1B}[2J交", today: day, by: officer)
    }
    let submitted = try store.assessments.transition(
      .advance, assessmentID: a.id, version: a.version, note: "第一行\n第二行", today: day, by: officer)
    #expect(submitted.state == .selfSubmitted)
  }
}
