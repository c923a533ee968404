import Domain
import Foundation

/// Tables for the disclosure register (院务公开): the editable channel table, the
/// register items and their publications.
enum DisclosureSchema {
  /// The ten kinds of channel of the seed hospital's handbook, in its order:
  /// (name, online).
  static let standardChannels: [(String, Bool)] = [
    ("公告栏", false), ("电子屏", false), ("触摸屏", false), ("职代会", false), ("院务会", false),
    ("科主任会", false), ("社会监督员座谈会", false), ("微信公众号", true), ("简报", false), ("网站", true),
  ]

  /// Adds the standard channels, audited as `actor`, when the channel table is empty
  /// (a new register); the first change to the register calls it, so the migration
  /// itself writes no rows.
  static func installStandardChannels(_ db: SQLDatabase, actor: Actor) throws {
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
