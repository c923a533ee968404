import Domain
import Foundation
import GRDB
import Store
// The test server, `withTempDir` and `withStorePath`, for every file of this target.
@_exported import TestServer
import Testing

extension Trait where Self == ConditionTrait {
  /// A test about the SQLite file itself (its bytes, sidecars, pragmas, raw SQL on the
  /// path): skipped under `GONGZHI_TEST_DB=postgres`, which moves the other stores of
  /// these suites onto the server.
  static func sqliteOnly(_ why: Comment) -> Self {
    .enabled(if: !TestBackend.isPostgres, why)
  }
}

/// Who the audit log names for a write by `actor`: the actor in a file; on the server
/// the login, as its trigger records `session_user` whatever the client claims.
func auditActor(_ store: GongzhiStore, _ actor: Actor) -> String { store.login ?? actor.name }

/// The audit rows a new store starts with: none in a file; on the server the two that
/// record its owner as the first admin (`setup-server`).
func setupAuditRows(_ store: GongzhiStore) -> Int { store.login == nil ? 0 : 2 }

/// Raw rows as text, for comparing two queries on the same database (either backend).
func rawRows(_ path: String, _ sql: String) throws -> [[String?]] {
  if PGConnection.isTarget(path) { return try PGConnection(path).execute(sql).rows.map(\.values) }
  let queue = try DatabaseQueue(path: path)
  defer { try? queue.close() }
  return try queue.read { db in
    try Row.fetchAll(db, sql: sql).map { row in
      row.databaseValues.map { $0.isNull ? nil : $0.description }
    }
  }
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

/// Raw SQL on the file, as someone with sqlite tools could; on the server, as its
/// superuser with the triggers off (`PGTest.tamper`).
func tamper(_ path: String, _ sql: String) throws {
  if PGConnection.isTarget(path) { return try PGTest.tamper(path, sql) }
  let queue = try DatabaseQueue(path: path)
  try queue.write { db in try db.execute(sql: sql) }
  try queue.close()
}

func count(_ path: String, _ table: String) throws -> Int {
  if PGConnection.isTarget(path) {
    return Int(try PGConnection(path).scalar("SELECT COUNT(*) FROM \(table)") ?? "") ?? -1
  }
  let queue = try DatabaseQueue(path: path)
  defer { try? queue.close() }
  return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
}
