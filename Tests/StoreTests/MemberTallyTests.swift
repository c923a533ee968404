import Domain
import Foundation
import GRDB
import Store
import Testing

/// The organisation tree's counts come from `member_tally`, kept by triggers: after
/// every kind of change they must equal counting the member table itself.
@Suite struct MemberTallyTests {
  /// Active members per unit, counted from the rows (the tally's oracle).
  func counted(_ path: String) throws -> [Int64: Int] {
    try DatabaseQueue(path: path).read { db in
      var result: [Int64: Int] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT unit_id, COUNT(*) FROM member WHERE active = 1 GROUP BY unit_id")
      {
        result[row[0]] = row[1]
      }
      return result
    }
  }

  @Test func countsFollowAddsMovesDeactivationsAndRawSQL() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      let store = try GongzhiStore(path: path)
      let org = try SmallOrg(store)
      var wang = try store.organisation.addMember(Member(unitID: org.branch.id, name: "王伟"), by: admin)
      try store.organisation.addMember(Member(unitID: org.branch.id, name: "李娜"), by: admin)
      try store.organisation.addMember(Member(unitID: org.bone.id, name: "张强"), by: admin)
      #expect(try store.organisation.memberCounts() == [org.branch.id: 2, org.bone.id: 1])
      #expect(try store.organisation.memberCounts() == counted(path))

      // Moved to another branch.
      wang.unitID = org.bone.id
      wang = try store.organisation.updateMember(wang, by: admin, reason: "调动")
      #expect(try store.organisation.memberCounts() == [org.branch.id: 1, org.bone.id: 2])
      // Deactivated, then an edit of another field while inactive, then back.
      wang.active = false
      wang = try store.organisation.updateMember(wang, by: admin, reason: "停用")
      #expect(try store.organisation.memberCounts() == [org.branch.id: 1, org.bone.id: 1])
      wang.phone = "13800000000"
      wang = try store.organisation.updateMember(wang, by: admin, reason: nil)
      #expect(try store.organisation.memberCounts() == [org.branch.id: 1, org.bone.id: 1])
      wang.active = true
      wang = try store.organisation.updateMember(wang, by: admin, reason: "恢复")
      #expect(try store.organisation.memberCounts() == counted(path))

      // Behind the program's back, with sqlite tools: the triggers live in the file.
      try tamper(path, "DELETE FROM member WHERE name = '李娜'")
      try tamper(path, "UPDATE member SET unit_id = \(org.branch.id) WHERE name = '张强'")
      let reopened = try GongzhiStore(path: path)
      #expect(try reopened.organisation.memberCounts() == [org.branch.id: 1, org.bone.id: 1])
      #expect(try reopened.organisation.memberCounts() == counted(path))
    }
  }

  /// A database from before the tally gets it filled from its members when migrated.
  @Test func theMigrationCountsExistingMembers() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      let store = try GongzhiStore(path: path)
      let org = try SmallOrg(store)
      for name in ["王伟", "李娜", "张强"] {
        try store.organisation.addMember(Member(unitID: org.branch.id, name: name), by: admin)
      }
      try store.close()
      // Back to the schema before v13: no tally, no triggers.
      try DatabaseQueue(path: path).write { db in
        try db.execute(
          sql: """
            DROP TRIGGER member_tally_insert;
            DROP TRIGGER member_tally_delete;
            DROP TRIGGER member_tally_update_old;
            DROP TRIGGER member_tally_update_new;
            DROP TABLE member_tally;
            DELETE FROM grdb_migrations WHERE identifier = 'v13-member-tally';
            PRAGMA user_version = \(GongzhiStore.schemaVersion - 1);
            UPDATE gongzhi_meta SET value = '\(GongzhiStore.schemaVersion - 1)' WHERE key = 'schema_version';
            """)
      }
      let migrated = try GongzhiStore(path: path)
      #expect(try migrated.organisation.memberCounts() == [org.branch.id: 3])
    }
  }
}
