import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// A running tally per session of the columns the header and the KPIs count, kept
  /// by triggers in the same transaction as every change. Counting a session of
  /// 30,000 proposals took 20 ms per frame; the tally has a few dozen rows. It is
  /// derived data, not audited; the triggers live in the file, so even a change made
  /// behind the program's back with `sqlite3` keeps it right.
  static func v8_proposalTally(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE proposal_tally (
          session_id INTEGER NOT NULL,
          state TEXT NOT NULL,
          on_time INTEGER NOT NULL,
          verdict TEXT NOT NULL,
          implemented INTEGER NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (session_id, state, on_time, verdict, implemented)
        ) WITHOUT ROWID;
        INSERT INTO proposal_tally
          SELECT session_id, state, COALESCE(first_reply_on_time, -1), COALESCE(verdict, ''),
            implemented_on IS NOT NULL, COUNT(*)
          FROM proposal GROUP BY 1, 2, 3, 4, 5;
        CREATE TRIGGER proposal_tally_insert AFTER INSERT ON proposal BEGIN INSERT INTO proposal_tally VALUES (NEW.session_id, NEW.state, COALESCE(NEW.first_reply_on_time, -1), COALESCE(NEW.verdict, ''), NEW.implemented_on IS NOT NULL, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;
        CREATE TRIGGER proposal_tally_delete AFTER DELETE ON proposal BEGIN UPDATE proposal_tally SET n = n - 1 WHERE session_id = OLD.session_id AND state = OLD.state AND on_time = COALESCE(OLD.first_reply_on_time, -1) AND verdict = COALESCE(OLD.verdict, '') AND implemented = (OLD.implemented_on IS NOT NULL); END;
        CREATE TRIGGER proposal_tally_update
          AFTER UPDATE OF session_id, state, first_reply_on_time, verdict, implemented_on ON proposal
          BEGIN UPDATE proposal_tally SET n = n - 1 WHERE session_id = OLD.session_id AND state = OLD.state AND on_time = COALESCE(OLD.first_reply_on_time, -1) AND verdict = COALESCE(OLD.verdict, '') AND implemented = (OLD.implemented_on IS NOT NULL); INSERT INTO proposal_tally VALUES (NEW.session_id, NEW.state, COALESCE(NEW.first_reply_on_time, -1), COALESCE(NEW.verdict, ''), NEW.implemented_on IS NOT NULL, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;
        """)
  }
}
