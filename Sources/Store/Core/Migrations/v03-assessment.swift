import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// The assessment tables (党支部考评).
  static func v3_assessment(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE assessment_scheme (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          scheme_key TEXT NOT NULL,
          version INTEGER NOT NULL,
          name TEXT NOT NULL,
          toml TEXT NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (scheme_key, version)
        );
        CREATE TABLE assessment (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          unit_id INTEGER NOT NULL REFERENCES org_unit(id),
          period TEXT NOT NULL,
          scheme_id INTEGER NOT NULL REFERENCES assessment_scheme(id),
          state TEXT NOT NULL,
          notice_start TEXT,
          total REAL NOT NULL DEFAULT 0,
          self_total REAL NOT NULL DEFAULT 0,
          bonus REAL NOT NULL DEFAULT 0,
          vetoed INTEGER NOT NULL DEFAULT 0,
          grade TEXT NOT NULL DEFAULT 'fail',
          dimension_scores TEXT NOT NULL DEFAULT '',
          unscored INTEGER NOT NULL DEFAULT 0,
          version INTEGER NOT NULL DEFAULT 1,
          UNIQUE (unit_id, period, scheme_id)
        );
        CREATE INDEX assessment_period ON assessment(period, unit_id);
        CREATE TABLE assessment_entry (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          assessment_id INTEGER NOT NULL REFERENCES assessment(id),
          indicator_id TEXT NOT NULL,
          self_input TEXT,
          committee_input TEXT,
          note TEXT,
          evidence TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          UNIQUE (assessment_id, indicator_id)
        );
        CREATE TABLE assessment_history (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          assessment_id INTEGER NOT NULL REFERENCES assessment(id),
          from_state TEXT,
          to_state TEXT NOT NULL,
          action TEXT NOT NULL,
          actor TEXT NOT NULL,
          at TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX assessment_history_assessment ON assessment_history(assessment_id, id);
        CREATE TABLE assessment_objection (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          assessment_id INTEGER NOT NULL REFERENCES assessment(id),
          raised_by TEXT NOT NULL,
          raised_on TEXT NOT NULL,
          content TEXT NOT NULL,
          resolution TEXT,
          resolved_on TEXT,
          resolved_by TEXT,
          version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX assessment_objection_assessment ON assessment_objection(assessment_id);
        CREATE TABLE review_mark (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          unit_id INTEGER NOT NULL REFERENCES org_unit(id),
          year INTEGER NOT NULL,
          rater TEXT NOT NULL,
          aspect TEXT NOT NULL,
          mark REAL NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          UNIQUE (unit_id, year, rater, aspect)
        );
        CREATE TABLE points_event (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          member_id INTEGER NOT NULL REFERENCES member(id),
          year INTEGER NOT NULL,
          day TEXT NOT NULL,
          item_id TEXT NOT NULL,
          count INTEGER NOT NULL,
          note TEXT,
          version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX points_event_member ON points_event(member_id, year);
        """)
  }
}
