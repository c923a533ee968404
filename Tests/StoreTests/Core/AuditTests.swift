import Domain
import Foundation
import GRDB
import Store
import Testing

/// A store with a small organisation and two members; returns the member ids.
func auditedStore(_ path: String) throws -> (Int64, Int64) {
  let store = try GongzhiStore(path: path)
  let org = try SmallOrg(store)
  let a = try store.organisation.addMember(
    Member(unitID: org.branch.id, name: "王伟", birthDate: Day(iso: "1980-01-02"), phone: "13800000000"),
    by: admin)
  var b = try store.organisation.addMember(Member(unitID: org.branch.id, name: "李娜"), by: admin)
  b.department = "心内科"
  b = try store.organisation.updateMember(b, by: admin, reason: "科室")
  try store.close()
  return (a.id, b.id)
}

@Test func auditChainIsIntactAndAppendOnly() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    _ = try auditedStore(path)
    let store = try GongzhiStore(path: path)
    guard case .intact(let rows) = try store.audit.verify() else {
      Issue.record("not intact")
      return
    }
    #expect(rows == 5 * 7 + 2 * 11 + 1)
    let entries = try store.audit.entries(entity: "member", since: nil, limit: nil)
    #expect(entries.count == 23)
    #expect(entries.first?.action == "create")
    #expect(entries.last?.action == "update" && entries.last?.field == "department")
    #expect(try store.audit.entries(entity: nil, since: Date().addingTimeInterval(3600), limit: nil).isEmpty)
    #expect(
      try store.audit.entries(entity: nil, since: Date().addingTimeInterval(-3600), limit: nil).count == rows)
    #expect(throws: (any Error).self) { try tamper(path, "UPDATE audit_log SET actor = 'x' WHERE id = 1") }
    #expect(throws: (any Error).self) { try tamper(path, "DELETE FROM audit_log WHERE id = 1") }
  }
}

@Test func tamperedMemberIsReported() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    let (a, _) = try auditedStore(path)
    try tamper(path, "UPDATE member SET name = '王五' WHERE id = \(a)")
    let store = try GongzhiStore(path: path)
    guard case .broken(let rowID, let entity, let entityID, let detail) = try store.audit.verify() else {
      Issue.record("tampering not detected")
      return
    }
    #expect(entity == "member" && entityID == String(a))
    #expect(detail == "member \(a) field name: table has '王五', audit log says '王伟'")
    let logged = try store.audit.entries(entity: "member", since: nil, limit: nil)
      .first { $0.entityID == String(a) && $0.field == "name" }
    #expect(rowID == logged?.id)
  }
}

@Test func memberWithoutAuditTrailIsReported() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    let (a, _) = try auditedStore(path)
    try tamper(
      path,
      "INSERT INTO member (unit_id, name, gender, standing, employment, category) SELECT unit_id, '赵六', 'male', 'full', 'serving', 'ordinary' FROM member WHERE id = \(a)"
    )
    let store = try GongzhiStore(path: path)
    guard case .broken(nil, "member", _, let detail) = try store.audit.verify() else {
      Issue.record("insertion not detected")
      return
    }
    #expect(detail.contains("no create entries"))
    try tamper(path, "DELETE FROM member WHERE name = '赵六'; DELETE FROM member WHERE id = \(a)")
    guard case .broken(_, "member", let id, let detail2) = try store.audit.verify() else {
      Issue.record("deletion not detected")
      return
    }
    #expect(id == String(a) && detail2.contains("missing from the table"))
  }
}

@Test func editedAuditRowIsReported() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    _ = try auditedStore(path)
    try tamper(path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = '王五' WHERE id = 40")
    let store = try GongzhiStore(path: path)
    guard case .broken(let rowID, _, _, _) = try store.audit.verify() else {
      Issue.record("edit not detected")
      return
    }
    #expect(rowID == 40)
  }
}

@Test func deletedAuditRowIsReported() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    _ = try auditedStore(path)
    try tamper(path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 12")
    let store = try GongzhiStore(path: path)
    guard case .broken(let rowID, _, _, let detail) = try store.audit.verify() else {
      Issue.record("deletion not detected")
      return
    }
    #expect(rowID == 13)
    #expect(detail.contains("missing"))
  }
}

@Test func rehashedForgeryIsCaughtByReplay() throws {
  // Someone edits a member and its audit row consistently but cannot fix the chain.
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    let (a, _) = try auditedStore(path)
    try tamper(
      path,
      "DROP TRIGGER audit_log_no_update; UPDATE member SET phone = '1' WHERE id = \(a); UPDATE audit_log SET new_value = '1' WHERE entity = 'member' AND entity_id = '\(a)' AND field = 'phone'"
    )
    let store = try GongzhiStore(path: path)
    #expect(try store.audit.verify() != .intact(rows: 58))
  }
}

@Test func tamperingIsNotHiddenByALaterSave() throws {
  try withTempDir { dir in
    let path = dir + "/g.sqlite"
    let (a, _) = try auditedStore(path)
    try tamper(path, "UPDATE member SET gender = 'xyz' WHERE id = \(a)")
    let store = try GongzhiStore(path: path)
    var m = try #require(try store.organisation.member(id: a))
    m.phone = "13900000000"
    try store.organisation.updateMember(m, by: admin, reason: nil)
    guard case .broken(_, "member", let id, let detail) = try store.audit.verify() else {
      Issue.record("tampering hidden")
      return
    }
    #expect(id == String(a) && detail.contains("gender"))
  }
}
