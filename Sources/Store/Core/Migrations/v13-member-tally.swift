import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
/// A running count of active members per unit, kept by triggers in the same
/// transaction as every change, like `proposal_tally`. The organisation tree's first
/// frame needs every unit's count: grouping the member table for it read every member
/// (32 million instructions at ×10, 87,700 members at ×100 grew it past the start-up
/// budget); the tally has one row per unit. Derived data, not audited; the triggers
/// live in the file, so a change made with `sqlite3` keeps it right too.
extension Migrations {
  static func v13_memberTally(_ db: Database) throws {
    let add = "INSERT INTO member_tally VALUES (NEW.unit_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;"
    let remove = "UPDATE member_tally SET n = n - 1 WHERE unit_id = OLD.unit_id;"
    try db.execute(
      sql: """
        CREATE TABLE member_tally (
          unit_id INTEGER PRIMARY KEY NOT NULL,
          n INTEGER NOT NULL
        );
        INSERT INTO member_tally SELECT unit_id, COUNT(*) FROM member WHERE active = 1 GROUP BY unit_id;
        CREATE TRIGGER member_tally_insert AFTER INSERT ON member WHEN NEW.active = 1 BEGIN \(add) END;
        CREATE TRIGGER member_tally_delete AFTER DELETE ON member WHEN OLD.active = 1 BEGIN \(remove) END;
        CREATE TRIGGER member_tally_update_old AFTER UPDATE OF unit_id, active ON member WHEN OLD.active = 1
          BEGIN \(remove) END;
        CREATE TRIGGER member_tally_update_new AFTER UPDATE OF unit_id, active ON member WHEN NEW.active = 1
          BEGIN \(add) END;
        """)
  }
}
