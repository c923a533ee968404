import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// The 督办 list reads the proposals under supervision (dissatisfied after the second
  /// round, until 办结) from this partial index: a handful of entries however large
  /// the table, where without it every row of the session would be read.
  static func v10_proposalSupervisedIndex(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX proposal_supervised ON proposal(session_id, due_on)
          WHERE supervised = 1 AND state <> 'closed';
        """)
  }
}
