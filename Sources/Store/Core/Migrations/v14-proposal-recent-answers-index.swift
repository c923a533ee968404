import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
/// The kiosk's proposals page lists a session's 30 most recently answered proposals.
/// Without an index in that order SQLite read every answered proposal of the session
/// (14,000 of the bench's 101,500) and sorted them, 42 ms of each kiosk rotation; this
/// partial index holds them in that order, so the list reads 30 entries. Its condition
/// is the query's `state IN (…)` word for word, which is what lets SQLite use it.
extension Migrations {
  static func v14_proposalRecentAnswersIndex(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX proposal_recent_answers
          ON proposal(session_id, COALESCE(closed_on, implemented_on, evaluated_on, replied_on), serial)
          WHERE state IN ('replied', 'evaluated', 'implemented', 'closed')
        """)
  }
}
