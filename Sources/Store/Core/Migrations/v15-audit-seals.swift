import GRDB

// Frozen once shipped: never edit it; append a new migration instead.
/// The discipline committee's seals (`gongzhi audit seal`) and the public keys they are
/// checked against (`gongzhi audit trust`). Both tables are append-only: a seal or a
/// trusted key is never changed, and a key is replaced only by trusting a new one.
/// The keys are audited rows; the seals need no audit rows, since each carries its
/// own signature and the committee keeps a copy of every seal outside the database.
/// A seal is unique by its signature (Ed25519 signs deterministically, so one payload has
/// one signature); the payload itself, some 3 KB, is too long for a PostgreSQL btree index.
extension Migrations {
  static func v15_auditSeals(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE audit_key (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          key_id TEXT NOT NULL,
          public_key TEXT NOT NULL,
          endorsement TEXT,
          trusted_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX audit_key_key_id ON audit_key(key_id);
        CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key
          BEGIN SELECT RAISE(ABORT, 'audit_key is append-only'); END;
        CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key
          BEGIN SELECT RAISE(ABORT, 'audit_key is append-only'); END;
        CREATE TABLE audit_seal (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          sealed_at TEXT NOT NULL,
          actor TEXT NOT NULL,
          key_id TEXT NOT NULL,
          head_id INTEGER NOT NULL,
          payload TEXT NOT NULL,
          signature TEXT NOT NULL
        );
        CREATE UNIQUE INDEX audit_seal_signature ON audit_seal(signature);
        CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal
          BEGIN SELECT RAISE(ABORT, 'audit_seal is append-only'); END;
        CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
          BEGIN SELECT RAISE(ABORT, 'audit_seal is append-only'); END;
        """)
  }
}
