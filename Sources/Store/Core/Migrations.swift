import Foundation
import GRDB

/// The schema, as an ordered list of migrations, one file each under `Migrations/`.
/// Append new ones at the end; never edit a shipped one. Each function is named by
/// its registered identifier (`v5-settings` → `v5_settings`) and holds its own
/// literal SQL, so a later change to live code cannot change what an old migration
/// does. The schema version is the number of migrations.
enum Migrations {
  static let all: [(name: String, migrate: @Sendable (Database) throws -> Void)] = [
    ("v1-organisation-users-audit", v1_organisationUsersAudit),
    ("v2-proposals", v2_proposals),
    ("v3-assessment", v3_assessment),
    ("v4-satisfaction", v4_satisfaction),
    ("v5-settings", v5_settings),
    ("v6-disclosures", v6_disclosures),
    ("v7-proposal-covering-indexes", v7_proposalCoveringIndexes),
    ("v8-proposal-tally", v8_proposalTally),
    ("v9-proposal-search-session-number-index", v9_proposalSearchSessionNumberIndex),
    ("v10-proposal-supervised-index", v10_proposalSupervisedIndex),
    ("v11-proposal-proposer-days-left-indexes", v11_proposalProposerDaysLeftIndexes),
    ("v12-proposal-search-replies-notes", v12_proposalSearchRepliesNotes),
    ("v13-member-tally", v13_memberTally),
    ("v14-proposal-recent-answers-index", v14_proposalRecentAnswersIndex),
    ("v15-audit-seals", v15_auditSeals),
  ]

  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    for (name, body) in all { m.registerMigration(name, migrate: body) }
    return m
  }

  /// Stores the schema version in `PRAGMA user_version` and `gongzhi_meta`.
  static func recordVersion(_ db: Database) throws {
    let version = all.count
    let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    if current != version { try db.execute(sql: "PRAGMA user_version = \(version)") }
    try db.execute(
      sql: """
        INSERT INTO gongzhi_meta(key, value) VALUES ('schema_version', ?)
        ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value
        """, arguments: [String(version)])
  }
}
