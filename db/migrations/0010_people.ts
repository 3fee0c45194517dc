import type { Migration } from '../core/migrate';

/**
 * The people register (人员与保密承诺): people, their assignments to contracts, confidentiality
 * sign-offs (保密承诺), training sessions (保密教育) with attendees, and departures (调岗/离岗).
 *
 * - `people.id_number` is the canonical 18-character number (common/people/id-number.ts); unique
 *   among people not voided. `status` is written only by the departure workflow
 *   (common/api/person.ts): 在岗 ⇔ no 离场日期.
 * - A departure is a row of `person_departures`: `pending` while its checklist is worked through
 *   (at most one per person), then `completed` (with the exception's reason and the items left
 *   open, when completed by exception) or `cancelled` (with a reason). Closed rows never change.
 * - Sign-offs, assignments, trainings and people are voided, never deleted. Attendees are the
 *   training's own rows, replaced when it is edited.
 *
 * Search: FTS5 trigram over name, post and the unit's names (`search_org`, kept by the core and
 * following the organisations by trigger); trainings over topic and trainer.
 */
export const m0010: Migration = {
  version: 10,
  name: '0010_people',
  sql: /* sql */ `
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
  name_key TEXT NOT NULL DEFAULT '',
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  post TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL CHECK (length(id_number) = 18),
  phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '在岗' CHECK (status IN ('在岗', '调岗', '离岗')),
  entered_on TEXT,
  left_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  search_org TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK ((status = '在岗') = (left_on IS NULL)),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX people_id_number_active ON people(id_number) WHERE voided_at IS NULL;
CREATE INDEX people_name_key ON people(name_key, name);
CREATE INDEX people_org ON people(org_id);
CREATE INDEX people_status ON people(status);
CREATE INDEX people_entered ON people(entered_on);
CREATE INDEX people_updated ON people(updated_at);
CREATE TRIGGER people_no_delete BEFORE DELETE ON people
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE VIRTUAL TABLE people_fts USING fts5(
  name, post, org,
  content = 'people', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER people_fts_ai AFTER INSERT ON people BEGIN
  INSERT INTO people_fts(rowid, name, post, org) VALUES (new.id, new.name, new.post, new.search_org);
END;
CREATE TRIGGER people_fts_au AFTER UPDATE OF name, post, search_org ON people BEGIN
  INSERT INTO people_fts(people_fts, rowid, name, post, org) VALUES ('delete', old.id, old.name, old.post, old.search_org);
  INSERT INTO people_fts(rowid, name, post, org) VALUES (new.id, new.name, new.post, new.search_org);
END;
CREATE TRIGGER people_org_follows_orgs AFTER UPDATE OF name, short_name ON organisations BEGIN
  UPDATE people SET search_org = new.name || ' ' || new.short_name WHERE org_id = new.id;
END;

CREATE TABLE person_departures (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL CHECK (kind IN ('调岗', '离岗')),
  date TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'completed', 'cancelled')),
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  started_by_name TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  closed_by_name TEXT,
  exception_reason TEXT,
  open_items_json TEXT,
  cancel_reason TEXT,
  CHECK ((state = 'pending') = (closed_at IS NULL)),
  CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL)),
  CHECK (exception_reason IS NULL OR state = 'completed'),
  CHECK ((exception_reason IS NULL) = (open_items_json IS NULL))
) STRICT;
CREATE UNIQUE INDEX person_departures_pending ON person_departures(person_id) WHERE state = 'pending';
CREATE INDEX person_departures_person ON person_departures(person_id, started_at);
CREATE TRIGGER person_departures_no_delete BEFORE DELETE ON person_departures
BEGIN SELECT RAISE(ABORT, 'departures are kept, never deleted'); END;
CREATE TRIGGER person_departures_closed BEFORE UPDATE ON person_departures WHEN old.state <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a closed departure never changes'); END;

CREATE TABLE person_assignments (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL REFERENCES people(id),
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  role TEXT NOT NULL CHECK (role IN ('项目负责人', '驻场运维', '开发', '后备（远程）技术支持', '安全保密协调责任人', '其他')),
  role_note TEXT NOT NULL DEFAULT '',
  from_date TEXT,
  to_date TEXT,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK (from_date IS NULL OR to_date IS NULL OR to_date >= from_date),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX person_assignments_contract ON person_assignments(contract_id, voided_at);
CREATE INDEX person_assignments_person ON person_assignments(person_id, voided_at);
CREATE TRIGGER person_assignments_no_delete BEFORE DELETE ON person_assignments
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE TABLE person_signoffs (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL CHECK (kind IN ('上岗保密承诺书', '保密协议', '在岗年度承诺', '专项保密承诺', '离岗保密承诺书')),
  contract_id INTEGER REFERENCES contracts(id),
  signed_date TEXT NOT NULL,
  valid_until TEXT,
  declassify_from TEXT,
  declassify_to TEXT,
  witness TEXT NOT NULL DEFAULT '',
  copies INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 20),
  kept_at TEXT NOT NULL DEFAULT '',
  template_version INTEGER CHECK (template_version IS NULL OR template_version >= 1),
  note TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK (valid_until IS NULL OR valid_until >= signed_date),
  CHECK (kind = '离岗保密承诺书' OR (declassify_from IS NULL AND declassify_to IS NULL)),
  CHECK (declassify_from IS NULL OR declassify_to IS NULL OR declassify_to >= declassify_from),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX person_signoffs_person ON person_signoffs(person_id, kind, signed_date);
CREATE INDEX person_signoffs_contract ON person_signoffs(contract_id);
CREATE TRIGGER person_signoffs_no_delete BEFORE DELETE ON person_signoffs
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE TABLE trainings (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  held_on TEXT NOT NULL,
  topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 100),
  hours REAL NOT NULL CHECK (hours > 0),
  trainer TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX trainings_held ON trainings(held_on);
CREATE TRIGGER trainings_no_delete BEFORE DELETE ON trainings
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE TABLE training_attendees (
  training_id INTEGER NOT NULL REFERENCES trainings(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (training_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX training_attendees_person ON training_attendees(person_id);

CREATE VIRTUAL TABLE trainings_fts USING fts5(
  topic, trainer,
  content = 'trainings', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER trainings_fts_ai AFTER INSERT ON trainings BEGIN
  INSERT INTO trainings_fts(rowid, topic, trainer) VALUES (new.id, new.topic, new.trainer);
END;
CREATE TRIGGER trainings_fts_au AFTER UPDATE OF topic, trainer ON trainings BEGIN
  INSERT INTO trainings_fts(trainings_fts, rowid, topic, trainer) VALUES ('delete', old.id, old.topic, old.trainer);
  INSERT INTO trainings_fts(rowid, topic, trainer) VALUES (new.id, new.topic, new.trainer);
END;
`,
};
