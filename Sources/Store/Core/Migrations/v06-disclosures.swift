import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// The disclosure register (院务公开): channels, items, publications.
  static func v6_disclosures(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE disclosure_channel (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE,
          online INTEGER NOT NULL DEFAULT 0,
          active INTEGER NOT NULL DEFAULT 1,
          sort_order INTEGER NOT NULL DEFAULT 0,
          version INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE disclosure_item (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          level TEXT NOT NULL CHECK (level IN ('society', 'patients', 'staff')),
          name TEXT NOT NULL,
          content TEXT NOT NULL DEFAULT '',
          channel_ids TEXT NOT NULL DEFAULT '',
          department_id INTEGER REFERENCES department(id),
          schedule TEXT NOT NULL,
          on_kiosk INTEGER NOT NULL DEFAULT 0,
          starts_on TEXT NOT NULL,
          event_on TEXT,
          active INTEGER NOT NULL DEFAULT 1,
          last_published_on TEXT,
          last_text TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          UNIQUE (level, name)
        );
        CREATE INDEX disclosure_item_department ON disclosure_item(department_id);
        CREATE INDEX disclosure_item_kiosk ON disclosure_item(on_kiosk, active, last_published_on);
        CREATE TABLE disclosure_publication (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          item_id INTEGER NOT NULL REFERENCES disclosure_item(id),
          published_on TEXT NOT NULL,
          text TEXT NOT NULL,
          channel_ids TEXT NOT NULL DEFAULT '',
          recorded_by TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        );
        CREATE INDEX disclosure_publication_item ON disclosure_publication(item_id, published_on, id);
        """)
  }
}
