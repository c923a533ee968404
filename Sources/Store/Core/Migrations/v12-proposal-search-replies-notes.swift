import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// Search documents gained every reply text and 办理经过 note: rebuilt once for the
  /// proposals already stored. The document's layout is written out here as it was
  /// when this shipped (each part's characters lower-cased and space-separated, no
  /// whitespace, one line per part), not taken from `ProposalSchema.searchBody`.
  static func v12_proposalSearchRepliesNotes(_ db: Database) throws {
    let proposals = try Row.fetchAll(
      db,
      sql: """
        SELECT id, session_id, number, title, reasons, measures, proposer, proposer_unit
        FROM proposal ORDER BY id
        """)
    for proposal in proposals {
      let id: Int64 = proposal["id"]
      let session: Int64 = proposal["session_id"]
      func texts(_ sql: String) throws -> [String] { try String.fetchAll(db, sql: sql, arguments: [id]) }
      let coSigners = try texts("SELECT name FROM proposal_cosigner WHERE proposal_id = ? ORDER BY position")
      let replies = try texts("SELECT text FROM proposal_reply WHERE proposal_id = ? ORDER BY id")
      let notes = try texts(
        "SELECT note FROM proposal_transition WHERE proposal_id = ? AND note IS NOT NULL ORDER BY id")
      let own = ["number", "title", "reasons", "measures", "proposer", "proposer_unit"].map {
        (proposal[$0] as String?) ?? ""
      }
      var body = ""
      for part in own + [coSigners.joined(separator: " ")] + replies + notes {
        for ch in part.lowercased() where !ch.isWhitespace {
          body.append(ch)
          body.append(" ")
        }
        body.append("\n")
      }
      let key = session << 32 | id
      try db.execute(sql: "DELETE FROM proposal_search WHERE rowid = ?", arguments: [key])
      try db.execute(sql: "INSERT INTO proposal_search (rowid, body) VALUES (?, ?)", arguments: [key, body])
    }
  }
}
