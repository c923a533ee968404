import Domain
import Foundation
import GRDB

/// Tables for staff proposals: congress sessions, departments, proposals with their
/// co-signers, timeline, replies and evaluations, the holiday table, and a
/// character-level full-text index for Chinese substring search.
enum ProposalSchema {
  static func v2(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE congress_session (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          term INTEGER NOT NULL,
          year INTEGER NOT NULL,
          opens TEXT NOT NULL,
          closes TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          UNIQUE (term, year)
        );
        CREATE TABLE department (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE,
          head TEXT NOT NULL DEFAULT '',
          contact TEXT NOT NULL DEFAULT '',
          active INTEGER NOT NULL DEFAULT 1,
          version INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE proposal (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          session_id INTEGER NOT NULL REFERENCES congress_session(id),
          serial INTEGER,
          number TEXT UNIQUE,
          title TEXT NOT NULL,
          reasons TEXT NOT NULL DEFAULT '',
          measures TEXT NOT NULL DEFAULT '',
          category TEXT NOT NULL,
          proposer TEXT NOT NULL,
          proposer_unit TEXT NOT NULL DEFAULT '',
          submitted_on TEXT,
          state TEXT NOT NULL,
          decision_note TEXT,
          merged_into TEXT,
          lead_department_id INTEGER REFERENCES department(id),
          co_department_ids TEXT NOT NULL DEFAULT '',
          assigned_on TEXT,
          due_on TEXT,
          extension_reason TEXT,
          round INTEGER NOT NULL DEFAULT 1,
          reply_text TEXT,
          grade TEXT,
          replied_on TEXT,
          first_reply_on_time INTEGER,
          verdict TEXT,
          evaluated_on TEXT,
          supervised INTEGER NOT NULL DEFAULT 0,
          implemented_on TEXT,
          closed_on TEXT,
          version INTEGER NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX proposal_session_serial ON proposal(session_id, serial);
        CREATE INDEX proposal_session_state ON proposal(session_id, state, due_on);
        CREATE INDEX proposal_state_due ON proposal(state, due_on);
        CREATE INDEX proposal_lead ON proposal(lead_department_id, state, due_on);
        CREATE INDEX proposal_category ON proposal(category, session_id);
        CREATE INDEX proposal_proposer ON proposal(proposer);
        CREATE INDEX proposal_session_due ON proposal(session_id, due_on);
        CREATE INDEX proposal_session_submitted ON proposal(session_id, submitted_on);
        CREATE INDEX proposal_session_title ON proposal(session_id, title);
        CREATE TABLE proposal_cosigner (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          proposal_id INTEGER NOT NULL REFERENCES proposal(id),
          position INTEGER NOT NULL,
          name TEXT NOT NULL
        );
        CREATE INDEX proposal_cosigner_proposal ON proposal_cosigner(proposal_id, position);
        CREATE INDEX proposal_cosigner_name ON proposal_cosigner(name);
        CREATE TABLE proposal_transition (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          proposal_id INTEGER NOT NULL REFERENCES proposal(id),
          at TEXT NOT NULL,
          on_day TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          from_state TEXT,
          to_state TEXT NOT NULL,
          note TEXT
        );
        CREATE INDEX proposal_transition_proposal ON proposal_transition(proposal_id, id);
        CREATE TABLE proposal_reply (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          proposal_id INTEGER NOT NULL REFERENCES proposal(id),
          round INTEGER NOT NULL,
          text TEXT NOT NULL,
          grade TEXT NOT NULL,
          replied_on TEXT NOT NULL,
          department_id INTEGER REFERENCES department(id),
          on_time INTEGER NOT NULL
        );
        CREATE INDEX proposal_reply_proposal ON proposal_reply(proposal_id, id);
        CREATE TABLE proposal_evaluation (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          proposal_id INTEGER NOT NULL REFERENCES proposal(id),
          round INTEGER NOT NULL,
          verdict TEXT NOT NULL,
          evaluated_on TEXT NOT NULL
        );
        CREATE INDEX proposal_evaluation_proposal ON proposal_evaluation(proposal_id, id);
        CREATE TABLE holiday (
          day TEXT PRIMARY KEY NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
          name TEXT NOT NULL DEFAULT ''
        );
        CREATE VIRTUAL TABLE proposal_search USING fts5(body, tokenize = 'unicode61');
        """)
  }

  /// Covering indexes measured on 100,000 proposals (`gongzhi bench --scale 10`): the
  /// KPIs and state counts of a session read only the index instead of every row (whose
  /// long texts spill onto overflow pages), and the list's sort by lead department
  /// within a session picks row ids from the index before reading any row.
  static func v3(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX proposal_kpi ON proposal(session_id, state, first_reply_on_time, verdict, implemented_on);
        CREATE INDEX proposal_session_lead ON proposal(session_id, lead_department_id, state, due_on);
        """)
  }

  /// A running tally per session of the columns the header and the KPIs count, kept
  /// by triggers in the same transaction as every change. Counting a session of
  /// 30,000 proposals took 20 ms per frame; the tally has a few dozen rows. It is
  /// derived data, not audited; the triggers live in the file, so even a change made
  /// behind the program's back with `sqlite3` keeps it right.
  static func v4(_ db: Database) throws {
    func key(_ row: String) -> String {
      "\(row).session_id, \(row).state, COALESCE(\(row).first_reply_on_time, -1), COALESCE(\(row).verdict, ''), "
        + "\(row).implemented_on IS NOT NULL"
    }
    func match(_ row: String) -> String {
      "session_id = \(row).session_id AND state = \(row).state AND on_time = COALESCE(\(row).first_reply_on_time, -1) "
        + "AND verdict = COALESCE(\(row).verdict, '') AND implemented = (\(row).implemented_on IS NOT NULL)"
    }
    let add = "INSERT INTO proposal_tally VALUES (\(key("NEW")), 1) ON CONFLICT DO UPDATE SET n = n + 1;"
    let remove = "UPDATE proposal_tally SET n = n - 1 WHERE \(match("OLD"));"
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
        CREATE TRIGGER proposal_tally_insert AFTER INSERT ON proposal BEGIN \(add) END;
        CREATE TRIGGER proposal_tally_delete AFTER DELETE ON proposal BEGIN \(remove) END;
        CREATE TRIGGER proposal_tally_update
          AFTER UPDATE OF session_id, state, first_reply_on_time, verdict, implemented_on ON proposal
          BEGIN \(remove) \(add) END;
        """)
  }

  /// Measured on 100,000 proposals: a search keystroke counted its matches by probing
  /// every row of the session against the FTS result (13–22 ms for a common term), and
  /// the first page of a filter in number order read each matching row for its serial
  /// (25 ms on a cold cache). Now a search document's rowid carries its session
  /// (`searchKey`), so one session's documents are one rowid range that FTS5 reads
  /// alone, and its matches are counted without touching a row; and
  /// `proposal_session_number` holds every column the list filters on in number order,
  /// so that page reads the index only. A trigger moves the document when a proposal
  /// changes session, even behind the program's back.
  static func v5(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE VIRTUAL TABLE proposal_search_v5 USING fts5(body, tokenize = 'unicode61');
        INSERT INTO proposal_search_v5 (rowid, body)
          SELECT \(searchKeySQL("p.session_id", "p.id")), s.body
          FROM proposal_search s JOIN proposal p ON p.id = s.rowid;
        DROP TABLE proposal_search;
        ALTER TABLE proposal_search_v5 RENAME TO proposal_search;
        CREATE TRIGGER proposal_search_session AFTER UPDATE OF session_id ON proposal
          WHEN NEW.session_id IS NOT OLD.session_id
          BEGIN
            INSERT INTO proposal_search (rowid, body)
              SELECT \(searchKeySQL("NEW.session_id", "NEW.id")), body FROM proposal_search
              WHERE rowid = \(searchKeySQL("OLD.session_id", "OLD.id"));
            DELETE FROM proposal_search WHERE rowid = \(searchKeySQL("OLD.session_id", "OLD.id"));
          END;
        CREATE INDEX proposal_session_number
          ON proposal(session_id, serial, id, state, due_on, lead_department_id, category, proposer);
        """)
  }

  /// The 督办 list reads the proposals under supervision (dissatisfied after the second
  /// round, until 办结) from this partial index: a handful of entries however large
  /// the table, where without it every row of the session would be read.
  static func v6(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX proposal_supervised ON proposal(session_id, due_on)
          WHERE supervised = 1 AND state <> 'closed';
        """)
  }

  /// The list's sorts by proposer and by days left within a session, measured on
  /// 100,000 proposals: each sorted the session's 35,000 rows for a page (5–15 ms);
  /// from these indexes a page is read in order (under 1 ms). The days-left index is
  /// on `runningDue`, the expression the list orders by, so the two must stay alike.
  static func v7(_ db: Database) throws {
    // Written out, not built from `ProposalState.running`: a shipped migration must
    // not change. A test checks `runningDue("")` still equals it (else the list's
    // days-left order stops using the index, and a new migration must rebuild it).
    let due = runningDueAtV7
    try db.execute(
      sql: """
        CREATE INDEX proposal_session_proposer ON proposal(session_id, proposer);
        CREATE INDEX proposal_session_days_left ON proposal(session_id, \(due) IS NULL, \(due));
        """)
  }

  /// Search documents gained every reply text and 办理经过 note (before, only the
  /// proposal's own fields): rebuilt once for the proposals already stored.
  static func v8(_ db: Database) throws {
    for id in try Int64.fetchAll(db, sql: "SELECT id FROM proposal ORDER BY id") {
      if let (_, p) = try ProposalRecords.fetch(db, id: id) { try ProposalRecords.index(db, p) }
    }
  }

  static let runningDueAtV7 =
    "(CASE WHEN state IN ('assigned', 'returnRequested', 'inProgress') THEN due_on END)"

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
  static func rekeyStraySearchDocuments(_ db: Database) throws {
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
  static let searchProposalID = "(rowid & 4294967295)"

  /// The condition on `proposal_search` for the documents matching `match`, within
  /// one session's rowid range when a session is given.
  static func searchCondition(_ match: String, sessionID: Int64?) -> (String, [any DatabaseValueConvertible])
  {
    guard let s = sessionID else { return ("proposal_search MATCH ?", [match]) }
    return (
      "proposal_search MATCH ? AND rowid BETWEEN ? AND ?",
      [match, searchKey(session: s, proposal: 0), searchKey(session: s, proposal: 0xFFFF_FFFF)]
    )
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

  /// The FTS5 query for what the user typed: each whitespace-separated term a
  /// phrase of its characters, all terms required. nil when nothing searchable remains.
  static func searchQuery(_ text: String) -> String? {
    var phrases: [String] = []
    for term in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
      let chars = term.filter { $0.isLetter || $0.isNumber }
      if chars.isEmpty { continue }
      phrases.append(
        "\"" + chars.map { String($0) }.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
          + "\"")
    }
    return phrases.isEmpty ? nil : phrases.joined(separator: " AND ")
  }
}
