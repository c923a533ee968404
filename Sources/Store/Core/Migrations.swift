import Foundation
import GRDB

/// The schema, as an ordered list of migrations. Append new ones at the end; never
/// edit a released one. The schema version is the number of migrations.
enum Migrations {
  static let all: [(name: String, migrate: @Sendable (Database) throws -> Void)] = [
    ("v1-organisation-users-audit", v1),
    ("v2-proposals", ProposalSchema.v2),
    ("v3-assessment", AssessmentMigrations.v2),
    ("v4-satisfaction", SatisfactionSchema.v1),
    ("v5-settings", SettingsSchema.v5),
    ("v6-disclosures", DisclosureSchema.migrate),
    ("v7-proposal-covering-indexes", ProposalSchema.v3),
    ("v8-proposal-tally", ProposalSchema.v4),
    ("v9-proposal-search-session-number-index", ProposalSchema.v5),
    ("v10-proposal-supervised-index", ProposalSchema.v6),
    ("v11-proposal-proposer-days-left-indexes", ProposalSchema.v7),
    ("v12-proposal-search-replies-notes", ProposalSchema.v8),
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

  static func v1(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE gongzhi_meta (
          key TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        );
        CREATE TABLE user (
          name TEXT PRIMARY KEY NOT NULL,
          role TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE org_unit (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          parent_id INTEGER REFERENCES org_unit(id),
          kind TEXT NOT NULL,
          name TEXT NOT NULL,
          secretary TEXT NOT NULL DEFAULT '',
          category TEXT,
          active INTEGER NOT NULL DEFAULT 1,
          sort_order INTEGER NOT NULL DEFAULT 0,
          version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX org_unit_parent ON org_unit(parent_id, sort_order);
        CREATE TABLE member (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          unit_id INTEGER NOT NULL REFERENCES org_unit(id),
          name TEXT NOT NULL,
          gender TEXT NOT NULL,
          birth_date TEXT,
          join_date TEXT,
          standing TEXT NOT NULL,
          employment TEXT NOT NULL,
          department TEXT NOT NULL DEFAULT '',
          category TEXT NOT NULL,
          phone TEXT NOT NULL DEFAULT '',
          active INTEGER NOT NULL DEFAULT 1,
          version INTEGER NOT NULL DEFAULT 1
        );
        -- (unit_id, active, name): a roster filters on both and sorts by name; with
        -- only (unit_id, name) the planner preferred scanning every active member.
        CREATE INDEX member_unit_name ON member(unit_id, active, name);
        CREATE INDEX member_active_name ON member(active, name);
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
          field TEXT NOT NULL,
          old_value TEXT,
          new_value TEXT,
          reason TEXT,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
        CREATE INDEX audit_log_at ON audit_log(at);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """)
    try db.execute(
      sql: "INSERT INTO gongzhi_meta(key, value) VALUES ('created_at', ?)",
      arguments: [AuditTime.format(Date())])
  }
}
