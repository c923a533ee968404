import Domain
import Foundation

/// Tables for staff proposals: congress sessions, departments, proposals with their
/// co-signers, timeline, replies and evaluations, the holiday table, and a
/// character-level full-text index for Chinese substring search.
enum ProposalSchema {
  /// The due date while the reply deadline runs (the states of `ProposalState.running`),
  /// else NULL: what the days left are counted to. `prefix` qualifies the columns.
  static func runningDue(_ prefix: String) -> String {
    "(CASE WHEN \(prefix)state IN (\(ProposalRecords.runningList)) THEN \(prefix)due_on END)"
  }

  /// A build from before v9 still running when the file was migrated writes a document
  /// under the bare proposal id (below 1 << 32), where no search within a session finds
  /// it. Each such document is moved to its key, replacing what that build's edit left
  /// stale there; one whose proposal is gone is dropped. Run at every writable open:
  /// with none to move it is one empty rowid range read.
  static func rekeyStraySearchDocuments(_ db: SQLDatabase) throws {
    let stray = try Int64.fetchAll(db, sql: "SELECT rowid FROM proposal_search WHERE rowid < 4294967296")
    for id in stray {
      try db.execute(
        sql:
          "DELETE FROM proposal_search WHERE rowid = (SELECT \(searchKeySQL("session_id", "id")) FROM proposal WHERE id = ?)",
        arguments: [id])
      try db.execute(
        sql: """
          INSERT INTO proposal_search (rowid, body)
            SELECT \(searchKeySQL("p.session_id", "p.id")), s.body
            FROM proposal_search s JOIN proposal p ON p.id = s.rowid WHERE s.rowid = ?
          """, arguments: [id])
      try db.execute(sql: "DELETE FROM proposal_search WHERE rowid = ?", arguments: [id])
    }
  }

  /// The rowid of a proposal's search document: its session in the high 32 bits, its
  /// id in the low 32.
  static func searchKey(session: Int64, proposal: Int64) -> Int64 { session << 32 | proposal }
  static func searchKeySQL(_ session: String, _ proposal: String) -> String {
    "((\(session) << 32) | \(proposal))"
  }
  /// The proposal id of a search document, in SQL.
  static func searchProposalID(postgres: Bool) -> String {
    postgres ? "proposal_id" : "(rowid & 4294967295)"
  }

  /// The condition on `proposal_search` for the documents matching what the user
  /// typed (`searchTerms`), within one session when a session is given; nil when
  /// nothing searchable was typed. SQLite asks its FTS5 index for a phrase of each
  /// term's characters, within the session's rowid range; PostgreSQL asks the GIN
  /// index of character bigrams (`PostgresSchema.search`) and confirms each candidate
  /// holds the term within one field.
  static func searchCondition(_ text: String, sessionID: Int64?, postgres: Bool)
    -> (String, [any SQLValueConvertible])?
  {
    let terms = searchTerms(text)
    if terms.isEmpty { return nil }
    if postgres {
      // The bigram index finds the candidates; each is then checked for the term's
      // characters in a row. The document spaces its characters (`searchBody`), so
      // most matches show the spaced term as it is; only the others pay for the
      // regular expression that also drops punctuation (a proposal number typed
      // without its dashes), which costs ~0.15 ms a document (0.5 s for a common term
      // over 100,000 proposals). A term of letters and digits found spaced is also
      // found stripped, so the rows found are the same.
      var conditions = terms.map { _ in
        "gongzhi_search_grams(body) @> gongzhi_search_query_grams(?) AND (strpos(body, ?) > 0 OR strpos(regexp_replace(body, '[^[:alnum:]\\n]', '', 'g'), ?) > 0)"
      }
      var args: [any SQLValueConvertible] = terms.flatMap {
        [$0, $0.map { String($0) }.joined(separator: " "), $0]
      }
      if let s = sessionID {
        conditions.append("session_id = ?")
        args.append(s)
      }
      return (conditions.joined(separator: " AND "), args)
    }
    let match = terms.map {
      "\"" + $0.map { String($0) }.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    .joined(separator: " AND ")
    guard let s = sessionID else { return ("proposal_search MATCH ?", [match]) }
    return (
      "proposal_search MATCH ? AND rowid BETWEEN ? AND ?",
      [match, searchKey(session: s, proposal: 0), searchKey(session: s, proposal: 0xFFFF_FFFF)]
    )
  }

  /// Writes (or rewrites) a proposal's search document.
  static func writeDocument(_ db: SQLDatabase, session: Int64, proposal: Int64, body: String) throws {
    if db.isPostgres {
      try db.cachedStatement(sql: "DELETE FROM proposal_search WHERE proposal_id = ?").execute(arguments: [
        proposal
      ])
      try db.cachedStatement(
        sql: "INSERT INTO proposal_search (proposal_id, session_id, body) VALUES (?, ?, ?)"
      )
      .execute(arguments: [proposal, session, body])
      return
    }
    let key = searchKey(session: session, proposal: proposal)
    try db.cachedStatement(sql: "DELETE FROM proposal_search WHERE rowid = ?").execute(arguments: [key])
    try db.cachedStatement(sql: "INSERT INTO proposal_search (rowid, body) VALUES (?, ?)").execute(
      arguments: [key, body])
  }

  /// Audited tables added by the proposals feature (see `AuditedTables`).
  static let auditedTables: [(entity: String, key: String, columns: [String])] = [
    ("congress_session", "id", ["term", "year", "opens", "closes"]),
    ("department", "id", ["name", "head", "contact", "active"]),
    (
      "proposal", "id",
      [
        "session_id", "serial", "number", "title", "reasons", "measures", "category", "proposer",
        "proposer_unit", "submitted_on", "state", "decision_note", "merged_into", "lead_department_id",
        "co_department_ids", "assigned_on", "due_on", "extension_reason", "round", "reply_text", "grade",
        "replied_on", "first_reply_on_time", "verdict", "evaluated_on", "supervised", "implemented_on",
        "closed_on",
      ]
    ),
    ("proposal_cosigner", "id", ["proposal_id", "position", "name"]),
    (
      "proposal_transition", "id",
      ["proposal_id", "at", "on_day", "actor", "action", "from_state", "to_state", "note"]
    ),
    (
      "proposal_reply", "id",
      ["proposal_id", "round", "text", "grade", "replied_on", "department_id", "on_time"]
    ),
    ("proposal_evaluation", "id", ["proposal_id", "round", "verdict", "evaluated_on"]),
    ("holiday", "day", ["kind", "name"]),
  ]

  /// The search document: every character of the searchable text as its own
  /// token, so an FTS5 phrase of consecutive characters finds any substring
  /// (Chinese has no spaces for a word tokenizer to use).
  static func searchBody(_ parts: [String]) -> String {
    var out = ""
    out.reserveCapacity(parts.reduce(0) { $0 + $1.count * 2 })
    for part in parts {
      for ch in part.lowercased() where !ch.isWhitespace {
        out.append(ch)
        out.append(" ")
      }
      out.append("\n")
    }
    return out
  }

  /// What the user typed as search terms: each whitespace-separated term lower-cased,
  /// its letters and digits only; all terms are required.
  static func searchTerms(_ text: String) -> [String] {
    text.lowercased().split(whereSeparator: { $0.isWhitespace }).map { term in
      String(term.filter { $0.isLetter || $0.isNumber })
    }.filter { !$0.isEmpty }
  }
}
