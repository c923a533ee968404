import Domain
import Foundation
import GRDB
import Testing

@testable import Store

/// Rows written by the release before `AuditedWrite` (a user added with
/// `gongzhi user add`), copied from its database: the hash format is unchanged, so
/// they verify, and new writes extend the same chain.
@Test func aChainWrittenBeforeAuditedWriteVerifiesAndGrows() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    try GongzhiStore(path: path).close()
    try tamper(
      path,
      """
      INSERT INTO user (name, role, created_at) VALUES ('root', 'admin', '2026-12-07T17:13:00.971Z');
      INSERT INTO audit_log VALUES
        (1, '2026-12-07T17:13:00.971Z', 'root', 'user', 'root', 'create', 'created_at', NULL,
         '2026-12-07T17:13:00.971Z', NULL, '\(String(repeating: "0", count: 64))',
         '9984850c854d20d5935974af8c739c723dbbf8fc184f3c6aeac80a944fcd0380'),
        (2, '2026-12-07T17:13:00.971Z', 'root', 'user', 'root', 'create', 'role', NULL, 'admin', NULL,
         '9984850c854d20d5935974af8c739c723dbbf8fc184f3c6aeac80a944fcd0380',
         '362b66a9e299256a7956b64a58282d3af70c7ce973bf10cb6939bbcf8e19590d');
      """)
    let store = try GongzhiStore(path: path)
    #expect(try store.audit.verify() == .intact(rows: 2))
    _ = try store.organisation.addUnit(OrgUnit(parentID: nil, kind: .committee, name: "医院党委"), by: admin)
    #expect(try store.audit.verify() == .intact(rows: 2 + 7))
    try store.close()
  }
}

/// Insert, update and delete through the one path: each change is in the table and
/// in the log, and the log replays to the table.
@Test func auditedWriteKeepsTableAndLogInStep() throws {
  let queue = try DatabaseQueue()
  try Migrations.migrator.migrate(queue)
  try queue.write { grdb in
    let db = SQLDatabase(.sqlite(grdb))
    let committee = OrgRecords.fields(OrgUnit(parentID: nil, kind: .committee, name: "医院党委"))
    // Left to default: the NULL parent and category are not written (the columns'
    // default is NULL) nor logged; the log replays them as NULL.
    let plain = try AuditedWrite.insert(db, into: "org_unit", fields: committee, actor: admin)
    // Stored: they are written and logged, so the log shows every column.
    let unit = try AuditedWrite.insert(
      db, into: "org_unit", fields: committee, actor: admin, nilFields: .stored)
    func logged(_ id: Int64) throws -> [String] {
      try String.fetchAll(
        db, sql: "SELECT field FROM audit_log WHERE entity = 'org_unit' AND entity_id = ? ORDER BY id",
        arguments: [String(id)])
    }
    #expect(try logged(plain) == ["active", "kind", "name", "secretary", "sort_order"])
    #expect(try logged(unit).count == 7 && logged(unit).contains("parent_id"))
    let department = try AuditedWrite.insert(
      db, into: "department", fields: ["name": "信息科", "head": "", "contact": "8001", "active": "1"],
      actor: admin)
    let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM department WHERE id = ?", arguments: [department])!
    let old = AuditedWrite.storedFields(row, of: "department")
    var new = old
    new["contact"] = "8002"
    try AuditedWrite.update(
      db, table: "department", id: department, old: old, new: new, actor: admin, reason: "号码")
    #expect(
      try Int.fetchOne(db, sql: "SELECT version FROM department WHERE id = ?", arguments: [department]) == 2)
    let unitRow = try SQLRow.fetchOne(db, sql: "SELECT * FROM org_unit WHERE id = ?", arguments: [unit])!
    try AuditedWrite.delete(
      db, from: "org_unit", id: unit, old: AuditedWrite.storedFields(unitRow, of: "org_unit"), actor: admin,
      reason: nil)
    #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM org_unit") == 1)
    #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'") == 7)
    let update = try SQLRow.fetchAll(
      db, sql: "SELECT field, old_value, new_value, reason FROM audit_log WHERE action = 'update'")
    #expect(update.count == 1 && update[0]["field"] == "contact" && update[0]["reason"] == "号码")
    #expect(try GRDBAuditRepository.verify(db) == .intact(rows: 5 + 7 + 4 + 1 + 7))
  }
}
