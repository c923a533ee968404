import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// Hospital-wide settings.
  static func v5_settings(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE setting (
          key TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        );
        """)
  }
}
