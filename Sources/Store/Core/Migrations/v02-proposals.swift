import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// Staff proposals: sessions, departments, proposals, co-signers, timeline, replies,
  /// evaluations, holidays and the character-level search index.
  static func v2_proposals(_ db: Database) throws {
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
}
