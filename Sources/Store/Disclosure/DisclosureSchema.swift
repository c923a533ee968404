import Domain
import Foundation
import GRDB

/// Tables for the disclosure register (院务公开): the editable channel table, the
/// register items and their publications.
enum DisclosureSchema {
  /// The ten kinds of channel of the seed hospital's handbook, in its order:
  /// (name, online).
  static let standardChannels: [(String, Bool)] = [
    ("公告栏", false), ("电子屏", false), ("触摸屏", false), ("职代会", false), ("院务会", false),
    ("科主任会", false), ("社会监督员座谈会", false), ("微信公众号", true), ("简报", false), ("网站", true),
  ]

  static func migrate(_ db: Database) throws {
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

  /// Adds the standard channels, audited as `actor`, when the channel table is empty
  /// (a new register); the first change to the register calls it, so the migration
  /// itself writes no rows.
  static func installStandardChannels(_ db: Database, actor: Actor) throws {
    guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM disclosure_channel") == 0 else { return }
    for (i, channel) in standardChannels.enumerated() {
      try AuditedWrite.insert(
        db, into: "disclosure_channel",
        fields: DisclosureRecords.channelFields(
          DisclosureChannel(name: channel.0, online: channel.1, sortOrder: i + 1)),
        actor: actor)
    }
  }

  /// Audited tables added by the register (see `AuditedTables`).
  static let auditedTables: [(entity: String, key: String, columns: [String])] = [
    ("disclosure_channel", "id", ["name", "online", "active", "sort_order"]),
    (
      "disclosure_item", "id",
      [
        "level", "name", "content", "channel_ids", "department_id", "schedule", "on_kiosk", "starts_on",
        "event_on", "active", "last_published_on", "last_text",
      ]
    ),
    (
      "disclosure_publication", "id",
      ["item_id", "published_on", "text", "channel_ids", "recorded_by", "recorded_at"]
    ),
  ]
}
