import Domain
import Foundation
import GRDB
import Store

/// A fresh temporary directory, removed at the end of `body`.
func withTempDir<T>(_ body: (String) throws -> T) throws -> T {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongzhi-test-\(UUID().uuidString)")
    .path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: dir) }
  return try body(dir)
}

let admin = Actor(name: "管理员", role: .admin)
let officer = Actor(name: "党务干部", role: .officer)
let clerk = Actor(name: "工会干事", role: .clerk)

/// Committee → 内科党总支 → 心内科党支部, and 外科党总支 → 骨科党支部.
struct SmallOrg {
  var committee: OrgUnit
  var general: OrgUnit
  var branch: OrgUnit
  var surgery: OrgUnit
  var bone: OrgUnit

  init(_ store: GongzhiStore) throws {
    let org = store.organisation
    committee = try org.addUnit(OrgUnit(parentID: nil, kind: .committee, name: "医院党委"), by: admin)
    general = try org.addUnit(
      OrgUnit(parentID: committee.id, kind: .generalBranch, name: "内科党总支", sortOrder: 1), by: admin)
    branch = try org.addUnit(
      OrgUnit(parentID: general.id, kind: .branch, name: "心内科党支部", category: .clinical), by: admin)
    surgery = try org.addUnit(
      OrgUnit(parentID: committee.id, kind: .generalBranch, name: "外科党总支", sortOrder: 2), by: admin)
    bone = try org.addUnit(OrgUnit(parentID: surgery.id, kind: .branch, name: "骨科党支部"), by: admin)
  }
}

func fileBytes(_ path: String) -> [UInt8] {
  Array(FileManager.default.contents(atPath: path) ?? Data())
}

/// Raw SQL on the file, as someone with sqlite tools could.
func tamper(_ path: String, _ sql: String) throws {
  let queue = try DatabaseQueue(path: path)
  try queue.write { db in try db.execute(sql: sql) }
  try queue.close()
}

func count(_ path: String, _ table: String) throws -> Int {
  let queue = try DatabaseQueue(path: path)
  defer { try? queue.close() }
  return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
}
