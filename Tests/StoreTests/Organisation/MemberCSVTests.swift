import Domain
import Foundation
import Store
import Testing

let header = "支部,姓名,性别,出生日期,入党日期,党员类别,在职状态,科室,党员分类,联系电话"

func write(_ text: String, bom: Bool = false, to path: String) throws {
  var data = Data()
  if bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
  data.append(contentsOf: Array(text.utf8))
  try data.write(to: URL(fileURLWithPath: path))
}

@Test func importsChineseCSVWithBOMAndCRLF() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    let csv =
      [
        header,
        "内科党总支/心内科党支部,王伟,男,1980-01-02,2005-07-01,正式,在职,\"心内科,CCU\",骨干,'+86 13800000000",
        "医院党委/内科党总支/心内科党支部,\"李\"\"娜\"\"\",女,1990/3/4,,预备,在职,心内科,普通,",
        "骨科党支部,张三,male,1950-05-06,1975-01-01,full,retired,骨科,special,0739-5353000",
      ].joined(separator: "\r\n") + "\r\n"
    try write(csv, bom: true, to: dir + "/m.csv")
    #expect(try MemberCSV.importFile(path: dir + "/m.csv", into: store, by: admin) == 3)
    let cardio = try store.organisation.members(inUnit: org.branch.id, includeInactive: false)
    #expect(cardio.map(\.name) == ["李\"娜\"", "王伟"].sorted())
    let wang = try #require(cardio.first { $0.name == "王伟" })
    #expect(wang.department == "心内科,CCU" && wang.phone == "+86 13800000000" && wang.category == .core)
    #expect(wang.birthDate == Day(iso: "1980-01-02") && wang.joinDate == Day(iso: "2005-07-01"))
    let li = try #require(cardio.first { $0.name != "王伟" })
    #expect(li.gender == .female && li.standing == .probationary && li.joinDate == nil)
    let zhang = try #require(
      try store.organisation.members(inUnit: org.bone.id, includeInactive: false).first)
    #expect(zhang.employment == .retired && zhang.category == .special)
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func importsEnglishHeadersInAnyOrderWithLF() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    try write("name,unit,gender\n王伟,内科党总支/心内科党支部,男\n李娜,内科党总支/心内科党支部,女\n", to: dir + "/m.csv")
    #expect(try MemberCSV.importFile(path: dir + "/m.csv", into: store, by: admin) == 2)
    #expect(try store.organisation.memberCounts() == [org.branch.id: 2])
  }
}

@Test(arguments: [
  // (rows after the header, expected line, column, problem key)
  ("内科党总支/心内科党支部,王伟,男\n\"未闭合,李娜,女\n", 3, 1, "error.import.unterminatedQuote"),
  ("内科党总支/心内科党支部,王伟,男\n内科党总支/心内科党支部,李娜\n", 3, 3, "error.import.fieldCount"),
  ("内科党总支/心内科党支部,王伟,男,多余\n", 2, 4, "error.import.fieldCount"),
  ("内科党总支/心内科党支部,王伟,男\n内科党总支/不存在党支部,李娜,女\n", 3, 1, "error.import.unknownUnit"),
  ("内科党总支,王伟,男\n", 2, 1, "error.member.unitNotBranch"),
  ("内科党总支/心内科党支部,王伟,人\n", 2, 3, "error.import.badValue"),
  ("内科党总支/心内科党支部,王\0伟,男\n", 2, 2, "error.import.nulByte"),
  ("内科党总支/心内科党支部,,男\n", 2, 2, "error.member.nameRequired"),
  ("内科党总支/心内科党支部,王伟,男\n\n内科党总支/心内科党支部,王伟,男\n", 4, 2, "error.import.duplicateMember"),
  ("内科党总支/心内科党支部,\"王\n伟\",男\n内科党总支/心内科党支部,李娜,x\n", 2, 2, "error.member.nameInvalid"),
])
func badImportsPointAtTheProblem(rows: String, line: Int, column: Int, key: String) throws {
  try withStorePath { storePath, dir in
    let path = storePath
    let store = try GongzhiStore(path: path)
    _ = try SmallOrg(store)
    try write("支部,姓名,性别\n" + rows, to: dir + "/bad.csv")
    let auditBefore = try store.audit.entries(entity: nil, since: nil, limit: nil).count
    do {
      _ = try MemberCSV.importFile(path: dir + "/bad.csv", into: store, by: admin)
      Issue.record("import succeeded")
    } catch let e as ImportError {
      #expect(e.problem.key == key)
      #expect(e.line == line)
      #expect(e.column == column)
      #expect(e.key == "error.import.located" && e.args == [dir + "/bad.csv", String(line), String(column)])
    }
    #expect(try store.organisation.memberTotals().all == 0)
    #expect(try store.audit.entries(entity: nil, since: nil, limit: nil).count == auditBefore)
  }
}

@Test func badDatesAndEncodingAndHeaders() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    _ = try SmallOrg(store)
    func problem(_ bytes: [UInt8]) throws -> ImportError? {
      try Data(bytes).write(to: URL(fileURLWithPath: dir + "/x.csv"))
      do {
        _ = try MemberCSV.importFile(path: dir + "/x.csv", into: store, by: admin)
        return nil
      } catch let e as ImportError { return e }
    }
    let e1 = try problem(Array((header + "\n内科党总支/心内科党支部,王伟,男,1980-02-30,,,,,,\n").utf8))
    #expect(e1?.problem == Message("error.import.badDate", "1980-02-30") && e1?.line == 2 && e1?.column == 4)
    let e2 = try problem(Array("支部,姓名,性别\n内科党总支/心内科党支部,王".utf8) + [0xC0, 0x80] + Array(",男\n".utf8))
    #expect(e2?.problem.key == "error.import.notUTF8" && e2?.line == 2 && e2?.column == 2)
    let e3 = try problem(Array("支部,性别\n内科党总支/心内科党支部,男\n".utf8))
    #expect(e3?.problem == Message("error.import.missingHeader", "姓名") && e3?.line == 1)
    let e4 = try problem(Array((header + "\n内科党总支/心内科党支部,王伟,男,2090-01-01,,,,,,\n").utf8))
    #expect(e4?.problem.key == "error.member.birthInFuture" && e4?.column == 4)
    let e5 = try problem(Array("支部,姓名,姓名,性别\n".utf8))
    #expect(e5?.problem.key == "error.import.duplicateHeader" && e5?.column == 3)
    let e7 = try problem(Array("支部,姓名,性别,备注\n内科党总支/心内科党支部,王伟,男,\"两\r\n行\"\r\n内科党总支/心内科党支部,李娜,?,\n".utf8))
    #expect(e7?.problem == Message("error.import.badValue", "?", "性别") && e7?.line == 4 && e7?.column == 3)
    let e6 = try problem([])
    #expect(e6?.problem.key == "error.import.empty")
    #expect(try store.organisation.memberTotals().all == 0)
    let viewer = Actor(name: "v", role: .viewer)
    #expect(throws: StoreError.permissionDenied(.importData)) {
      _ = try MemberCSV.importFile(path: dir + "/x.csv", into: store, by: viewer)
    }
  }
}

@Test func exportGuardsFormulasAndQuotes() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let org = try SmallOrg(store)
    try store.organisation.addMember(
      Member(unitID: org.branch.id, name: "=HYPERLINK(\"x\")", department: "a,b", phone: "+86 13800000000"),
      by: admin)
    let text = try MemberCSV.export(store: store)
    #expect(text.hasPrefix("\u{FEFF}" + header + "\r\n"))
    #expect(
      text.contains("内科党总支/心内科党支部,\"'=HYPERLINK(\"\"x\"\")\",男,,,正式,在职,\"a,b\",普通,'+86 13800000000\r\n"))
  }
}

@Test func exportThenImportRoundTrips() throws {
  try withStorePath { storePath, dir in
    let source = try GongzhiStore(path: dir + "/a.sqlite")
    try DemoHospital.populate(source, seed: 7, scale: 1)
    let text = try MemberCSV.export(store: source)
    try text.write(toFile: dir + "/all.csv", atomically: true, encoding: .utf8)

    let target = try GongzhiStore(path: storePath)
    var idMap: [Int64: Int64] = [:]
    let units = try source.organisation.units(includeInactive: true)
    var pending = units
    while !pending.isEmpty {
      var rest: [OrgUnit] = []
      for u in pending {
        if let p = u.parentID, idMap[p] == nil {
          rest.append(u)
          continue
        }
        var copy = u
        copy.parentID = u.parentID.map { idMap[$0]! }
        idMap[u.id] = try target.organisation.addUnit(copy, by: admin).id
      }
      pending = rest
    }
    #expect(try MemberCSV.importFile(path: dir + "/all.csv", into: target, by: admin) == 877)
    #expect(try MemberCSV.export(store: target) == text)
    func normalised(_ store: GongzhiStore, _ map: [Int64: Int64]) throws -> Set<Member> {
      var out = Set<Member>()
      for u in try store.organisation.units(includeInactive: true) {
        for var m in try store.organisation.members(inUnit: u.id, includeInactive: true) {
          m.id = 0
          m.unitID = map[m.unitID] ?? m.unitID
          out.insert(m)
        }
      }
      return out
    }
    #expect(try normalised(source, idMap) == normalised(target, [:]))
    guard case .intact = try target.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

/// A new hospital loads an export into an empty database: with `createUnits` the
/// import builds the tree from the unit paths (kinds from the names' endings) and the
/// result exports to the same file; without it the unknown units are refused.
@Test func exportLoadsIntoAnEmptyDatabaseWithCreateUnits() throws {
  try withStorePath { storePath, dir in
    let source = try GongzhiStore(path: dir + "/a.sqlite")
    try DemoHospital.populate(source, seed: 7, scale: 1)
    let text = try MemberCSV.export(store: source)
    try text.write(toFile: dir + "/all.csv", atomically: true, encoding: .utf8)

    let target = try GongzhiStore(path: storePath)
    #expect(throws: ImportError.self) {
      _ = try MemberCSV.importFile(path: dir + "/all.csv", into: target, by: admin)
    }
    #expect(try target.organisation.units(includeInactive: true).isEmpty)
    #expect(
      try MemberCSV.importFile(path: dir + "/all.csv", into: target, by: admin, createUnits: true) == 877)
    #expect(try MemberCSV.export(store: target) == text)
    let units = try target.organisation.units(includeInactive: true)
    #expect(units.filter { $0.kind == .committee }.map(\.name) == ["党委"])
    let sourceKinds = try source.organisation.units(includeInactive: true).filter { $0.kind != .committee }
      .map { "\($0.kind)\($0.name)" }.sorted()
    #expect(units.filter { $0.kind != .committee }.map { "\($0.kind)\($0.name)" }.sorted() == sourceKinds)
    guard case .intact = try target.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test func createUnitsRefusesNamesOfNoKnownKindAndWritesNothing() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let csv = [
      header,
      "医院党委/内科党总支/心内科党支部,王伟,男,1980-01-02,2005-07-01,正式,在职,心内科,骨干,",
      "医院党委/内科党总支/心内科,李娜,女,1990-03-04,,预备,在职,心内科,普通,",
    ].joined(separator: "\n")
    try write(csv, to: dir + "/m.csv")
    #expect(
      throws: ImportError(
        file: dir + "/m.csv", line: 3, column: 1, problem: Message("error.import.unitKindUnknown", "心内科"))
    ) { _ = try MemberCSV.importFile(path: dir + "/m.csv", into: store, by: admin, createUnits: true) }
    try write(
      [header, "医院党委/心内科党支部/内科党总支,李娜,女,1990-03-04,,预备,在职,心内科,普通,"].joined(separator: "\n"), to: dir + "/p.csv"
    )
    #expect(
      throws: ImportError(
        file: dir + "/p.csv", line: 2, column: 1,
        problem: Message("error.import.unitPlacement", "内科党总支", "心内科党支部"))
    ) { _ = try MemberCSV.importFile(path: dir + "/p.csv", into: store, by: admin, createUnits: true) }
    #expect(try store.organisation.units(includeInactive: true).isEmpty)
    #expect(try store.audit.verify() == .intact(rows: setupAuditRows(store)))
  }
}
