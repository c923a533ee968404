index assessment_history_assessment
CREATE INDEX assessment_history_assessment ON assessment_history(assessment_id, id);
index assessment_objection_assessment
CREATE INDEX assessment_objection_assessment ON assessment_objection(assessment_id);
index assessment_period
CREATE INDEX assessment_period ON assessment(period, unit_id);
index audit_key_key_id
CREATE UNIQUE INDEX audit_key_key_id ON audit_key(key_id);
index audit_log_at
CREATE INDEX audit_log_at ON audit_log(at);
index audit_log_entity
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
index audit_seal_signature
CREATE UNIQUE INDEX audit_seal_signature ON audit_seal(signature);
index disclosure_item_department
CREATE INDEX disclosure_item_department ON disclosure_item(department_id);
index disclosure_item_kiosk
CREATE INDEX disclosure_item_kiosk ON disclosure_item(on_kiosk, active, last_published_on);
index disclosure_publication_item
CREATE INDEX disclosure_publication_item ON disclosure_publication(item_id, published_on, id);
index member_active_name
CREATE INDEX member_active_name ON member(active, name);
index member_unit_name
CREATE INDEX member_unit_name ON member(unit_id, active, name);
index org_unit_parent
CREATE INDEX org_unit_parent ON org_unit(parent_id, sort_order);
index points_event_member
CREATE INDEX points_event_member ON points_event(member_id, year);
index proposal_category
CREATE INDEX proposal_category ON proposal(category, session_id);
index proposal_cosigner_name
CREATE INDEX proposal_cosigner_name ON proposal_cosigner(name);
index proposal_cosigner_proposal
CREATE INDEX proposal_cosigner_proposal ON proposal_cosigner(proposal_id, position);
index proposal_evaluation_proposal
CREATE INDEX proposal_evaluation_proposal ON proposal_evaluation(proposal_id, id);
index proposal_kpi
CREATE INDEX proposal_kpi ON proposal(session_id, state, first_reply_on_time, verdict, implemented_on);
index proposal_lead
CREATE INDEX proposal_lead ON proposal(lead_department_id, state, due_on);
index proposal_proposer
CREATE INDEX proposal_proposer ON proposal(proposer);
index proposal_recent_answers
CREATE INDEX proposal_recent_answers
  ON proposal(session_id, COALESCE(closed_on, implemented_on, evaluated_on, replied_on), serial)
  WHERE state IN ('replied', 'evaluated', 'implemented', 'closed');
index proposal_reply_proposal
CREATE INDEX proposal_reply_proposal ON proposal_reply(proposal_id, id);
index proposal_session_days_left
CREATE INDEX proposal_session_days_left ON proposal(session_id, (CASE WHEN state IN ('assigned', 'returnRequested', 'inProgress') THEN due_on END) IS NULL, (CASE WHEN state IN ('assigned', 'returnRequested', 'inProgress') THEN due_on END));
index proposal_session_due
CREATE INDEX proposal_session_due ON proposal(session_id, due_on);
index proposal_session_lead
CREATE INDEX proposal_session_lead ON proposal(session_id, lead_department_id, state, due_on);
index proposal_session_number
CREATE INDEX proposal_session_number
  ON proposal(session_id, serial, id, state, due_on, lead_department_id, category, proposer);
index proposal_session_proposer
CREATE INDEX proposal_session_proposer ON proposal(session_id, proposer);
index proposal_session_serial
CREATE UNIQUE INDEX proposal_session_serial ON proposal(session_id, serial);
index proposal_session_state
CREATE INDEX proposal_session_state ON proposal(session_id, state, due_on);
index proposal_session_submitted
CREATE INDEX proposal_session_submitted ON proposal(session_id, submitted_on);
index proposal_session_title
CREATE INDEX proposal_session_title ON proposal(session_id, title);
index proposal_state_due
CREATE INDEX proposal_state_due ON proposal(state, due_on);
index proposal_supervised
CREATE INDEX proposal_supervised ON proposal(session_id, due_on)
  WHERE supervised = 1 AND state <> 'closed';
index proposal_transition_proposal
CREATE INDEX proposal_transition_proposal ON proposal_transition(proposal_id, id);
index satisfaction_import_sha
CREATE INDEX satisfaction_import_sha ON satisfaction_import(sha256);
table assessment
CREATE TABLE assessment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  period TEXT NOT NULL,
  scheme_id INTEGER NOT NULL REFERENCES assessment_scheme(id),
  state TEXT NOT NULL,
  notice_start TEXT,
  total REAL NOT NULL DEFAULT 0,
  self_total REAL NOT NULL DEFAULT 0,
  bonus REAL NOT NULL DEFAULT 0,
  vetoed INTEGER NOT NULL DEFAULT 0,
  grade TEXT NOT NULL DEFAULT 'fail',
  dimension_scores TEXT NOT NULL DEFAULT '',
  unscored INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (unit_id, period, scheme_id)
);
table assessment_entry
CREATE TABLE assessment_entry (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  indicator_id TEXT NOT NULL,
  self_input TEXT,
  committee_input TEXT,
  note TEXT,
  evidence TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (assessment_id, indicator_id)
);
table assessment_history
CREATE TABLE assessment_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
table assessment_objection
CREATE TABLE assessment_objection (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  raised_by TEXT NOT NULL,
  raised_on TEXT NOT NULL,
  content TEXT NOT NULL,
  resolution TEXT,
  resolved_on TEXT,
  resolved_by TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
table assessment_scheme
CREATE TABLE assessment_scheme (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scheme_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  toml TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (scheme_key, version)
);
table audit_key
CREATE TABLE audit_key (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  endorsement TEXT,
  trusted_at TEXT NOT NULL
);
table audit_log
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
table audit_seal
CREATE TABLE audit_seal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sealed_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  key_id TEXT NOT NULL,
  head_id INTEGER NOT NULL,
  payload TEXT NOT NULL,
  signature TEXT NOT NULL
);
table congress_session
CREATE TABLE congress_session (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  term INTEGER NOT NULL,
  year INTEGER NOT NULL,
  opens TEXT NOT NULL,
  closes TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (term, year)
);
table department
CREATE TABLE department (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  head TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1
);
table disclosure_channel
CREATE TABLE disclosure_channel (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  online INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
table disclosure_item
CREATE TABLE disclosure_item (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  level TEXT NOT NULL CHECK (level IN ('society', 'patients', 'staff')),
  name TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  channel_ids TEXT NOT NULL DEFAULT '',
  department_id INTEGER REFERENCES department(id),
  schedule TEXT NOT NULL,
  on_kiosk INTEGER NOT NULL DEFAULT 0,
  starts_on TEXT NOT NULL,
  event_on TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  last_published_on TEXT,
  last_text TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (level, name)
);
table disclosure_publication
CREATE TABLE disclosure_publication (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id INTEGER NOT NULL REFERENCES disclosure_item(id),
  published_on TEXT NOT NULL,
  text TEXT NOT NULL,
  channel_ids TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
table gongzhi_meta
CREATE TABLE gongzhi_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
table grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
table holiday
CREATE TABLE holiday (
  day TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL DEFAULT ''
);
table member
CREATE TABLE member (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT,
  join_date TEXT,
  standing TEXT NOT NULL,
  employment TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1
);
table member_tally
CREATE TABLE member_tally (
  unit_id INTEGER PRIMARY KEY NOT NULL,
  n INTEGER NOT NULL
);
table org_unit
CREATE TABLE org_unit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id INTEGER REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  secretary TEXT NOT NULL DEFAULT '',
  category TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
table points_event
CREATE TABLE points_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES member(id),
  year INTEGER NOT NULL,
  day TEXT NOT NULL,
  item_id TEXT NOT NULL,
  count INTEGER NOT NULL,
  note TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
table proposal
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
table proposal_cosigner
CREATE TABLE proposal_cosigner (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  proposal_id INTEGER NOT NULL REFERENCES proposal(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL
);
table proposal_evaluation
CREATE TABLE proposal_evaluation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  proposal_id INTEGER NOT NULL REFERENCES proposal(id),
  round INTEGER NOT NULL,
  verdict TEXT NOT NULL,
  evaluated_on TEXT NOT NULL
);
table proposal_reply
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
table proposal_search
CREATE VIRTUAL TABLE "proposal_search" USING fts5(body, tokenize = 'unicode61');
table proposal_search_config
CREATE TABLE "proposal_search_config"(k PRIMARY KEY, v) WITHOUT ROWID;
table proposal_search_content
CREATE TABLE "proposal_search_content"(id INTEGER PRIMARY KEY, c0);
table proposal_search_data
CREATE TABLE "proposal_search_data"(id INTEGER PRIMARY KEY, block BLOB);
table proposal_search_docsize
CREATE TABLE "proposal_search_docsize"(id INTEGER PRIMARY KEY, sz BLOB);
table proposal_search_idx
CREATE TABLE "proposal_search_idx"(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
table proposal_tally
CREATE TABLE proposal_tally (
  session_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  on_time INTEGER NOT NULL,
  verdict TEXT NOT NULL,
  implemented INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (session_id, state, on_time, verdict, implemented)
) WITHOUT ROWID;
table proposal_transition
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
table review_mark
CREATE TABLE review_mark (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  year INTEGER NOT NULL,
  rater TEXT NOT NULL,
  aspect TEXT NOT NULL,
  mark REAL NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (unit_id, year, rater, aspect)
);
table satisfaction_import
CREATE TABLE satisfaction_import (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
);
table satisfaction_instrument
CREATE TABLE satisfaction_instrument (
  population TEXT NOT NULL,
  version INTEGER NOT NULL,
  toml TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (population, version)
);
table satisfaction_response
CREATE TABLE satisfaction_response (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  population TEXT NOT NULL,
  department TEXT NOT NULL,
  version INTEGER NOT NULL,
  answers BLOB NOT NULL
);
table satisfaction_result
CREATE TABLE satisfaction_result (
  population TEXT NOT NULL,
  period TEXT NOT NULL,
  department TEXT NOT NULL,
  item TEXT NOT NULL,
  n INTEGER NOT NULL,
  rate REAL NOT NULL,
  mean REAL,
  import_id INTEGER NOT NULL,
  PRIMARY KEY (population, period, department, item)
);
table satisfaction_rollup
CREATE TABLE satisfaction_rollup (
  population TEXT NOT NULL,
  month INTEGER NOT NULL,
  department TEXT NOT NULL,
  item TEXT NOT NULL,
  points INTEGER NOT NULL,
  sheets INTEGER NOT NULL DEFAULT 0,
  c1 INTEGER NOT NULL DEFAULT 0,
  c2 INTEGER NOT NULL DEFAULT 0,
  c3 INTEGER NOT NULL DEFAULT 0,
  c4 INTEGER NOT NULL DEFAULT 0,
  c5 INTEGER NOT NULL DEFAULT 0,
  na INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (population, month, department, item)
) WITHOUT ROWID;
table satisfaction_rollup_hospital
CREATE TABLE satisfaction_rollup_hospital (
  population TEXT NOT NULL,
  month INTEGER NOT NULL,
  item TEXT NOT NULL,
  points INTEGER NOT NULL,
  sheets INTEGER NOT NULL DEFAULT 0,
  c1 INTEGER NOT NULL DEFAULT 0,
  c2 INTEGER NOT NULL DEFAULT 0,
  c3 INTEGER NOT NULL DEFAULT 0,
  c4 INTEGER NOT NULL DEFAULT 0,
  c5 INTEGER NOT NULL DEFAULT 0,
  na INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (population, month, item)
) WITHOUT ROWID;
table satisfaction_target
CREATE TABLE satisfaction_target (
  population TEXT PRIMARY KEY NOT NULL,
  rate REAL NOT NULL
);
table setting
CREATE TABLE setting (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
table user
CREATE TABLE user (
  name TEXT PRIMARY KEY NOT NULL,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL
);
trigger audit_key_no_delete
CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key
  BEGIN SELECT RAISE(ABORT, 'audit_key is append-only'); END;
trigger audit_key_no_update
CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key
  BEGIN SELECT RAISE(ABORT, 'audit_key is append-only'); END;
trigger audit_log_no_delete
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
trigger audit_log_no_update
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
trigger audit_seal_no_delete
CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
  BEGIN SELECT RAISE(ABORT, 'audit_seal is append-only'); END;
trigger audit_seal_no_update
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal
  BEGIN SELECT RAISE(ABORT, 'audit_seal is append-only'); END;
trigger member_tally_delete
CREATE TRIGGER member_tally_delete AFTER DELETE ON member WHEN OLD.active = 1 BEGIN UPDATE member_tally SET n = n - 1 WHERE unit_id = OLD.unit_id; END;
trigger member_tally_insert
CREATE TRIGGER member_tally_insert AFTER INSERT ON member WHEN NEW.active = 1 BEGIN INSERT INTO member_tally VALUES (NEW.unit_id, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;
trigger member_tally_update_new
CREATE TRIGGER member_tally_update_new AFTER UPDATE OF unit_id, active ON member WHEN NEW.active = 1
  BEGIN INSERT INTO member_tally VALUES (NEW.unit_id, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;
trigger member_tally_update_old
CREATE TRIGGER member_tally_update_old AFTER UPDATE OF unit_id, active ON member WHEN OLD.active = 1
  BEGIN UPDATE member_tally SET n = n - 1 WHERE unit_id = OLD.unit_id; END;
trigger proposal_search_session
CREATE TRIGGER proposal_search_session AFTER UPDATE OF session_id ON proposal
  WHEN NEW.session_id IS NOT OLD.session_id
  BEGIN
    INSERT INTO proposal_search (rowid, body)
      SELECT ((NEW.session_id << 32) | NEW.id), body FROM proposal_search
      WHERE rowid = ((OLD.session_id << 32) | OLD.id);
    DELETE FROM proposal_search WHERE rowid = ((OLD.session_id << 32) | OLD.id);
  END;
trigger proposal_tally_delete
CREATE TRIGGER proposal_tally_delete AFTER DELETE ON proposal BEGIN UPDATE proposal_tally SET n = n - 1 WHERE session_id = OLD.session_id AND state = OLD.state AND on_time = COALESCE(OLD.first_reply_on_time, -1) AND verdict = COALESCE(OLD.verdict, '') AND implemented = (OLD.implemented_on IS NOT NULL); END;
trigger proposal_tally_insert
CREATE TRIGGER proposal_tally_insert AFTER INSERT ON proposal BEGIN INSERT INTO proposal_tally VALUES (NEW.session_id, NEW.state, COALESCE(NEW.first_reply_on_time, -1), COALESCE(NEW.verdict, ''), NEW.implemented_on IS NOT NULL, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;
trigger proposal_tally_update
CREATE TRIGGER proposal_tally_update
  AFTER UPDATE OF session_id, state, first_reply_on_time, verdict, implemented_on ON proposal
  BEGIN UPDATE proposal_tally SET n = n - 1 WHERE session_id = OLD.session_id AND state = OLD.state AND on_time = COALESCE(OLD.first_reply_on_time, -1) AND verdict = COALESCE(OLD.verdict, '') AND implemented = (OLD.implemented_on IS NOT NULL); INSERT INTO proposal_tally VALUES (NEW.session_id, NEW.state, COALESCE(NEW.first_reply_on_time, -1), COALESCE(NEW.verdict, ''), NEW.implemented_on IS NOT NULL, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;
