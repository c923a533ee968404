import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// Organisation, users and the audit log; the file's creation time in `gongzhi_meta`
  /// (ISO 8601 UTC with milliseconds, as `AuditTime` writes).
  static func v1_organisationUsersAudit(_ db: Database) throws {
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
        INSERT INTO gongzhi_meta(key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        """)
  }
}
