import type { Migration } from '../core/migrate';

/**
 * Stocktakes of the storage media (介质清查): sessions, the media each expects, and what was
 * found outside that list (账外).
 *
 * - `stocktakes.number` is QC-<year>-<seq>, seq counting from 1 within the year of starting;
 *   `scope_json` is the filter (unit, kind, 密级, 存放地点) and `scope_key` its canonical text: at most
 *   one session of a scope is open at a time.
 * - `stocktake_items` is the expected list, frozen when the session starts: one row per medium
 *   with what the books said then (number, kind, model, serial, 密级, 责任人, 账面状态), and its mark
 *   (`result`, NULL while unmarked). `number_norm` and `serial_norm` are the matching keys (upper
 *   case, no spaces).
 * - `stocktake_findings` are the 账外 codes, one per code and session.
 * - Closing writes the 清查结果 events into `media_events` (their `stocktake` field names the
 *   session; `event_seq` points back), sets the conclusion and signatures and the state. A closed
 *   session never changes (triggers), and nothing is ever deleted but an open session's findings
 *   that the officer withdraws.
 */
export const m0014: Migration = {
  version: 14,
  name: '0014_stocktake',
  sql: /* sql */ `
CREATE TABLE stocktakes (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 40),
  scope_json TEXT NOT NULL CHECK (json_valid(scope_json)),
  scope_key TEXT NOT NULL,
  scope_text TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  started_by_name TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  closed_by_name TEXT,
  conclusion TEXT NOT NULL DEFAULT '',
  checker TEXT NOT NULL DEFAULT '',
  supervisor TEXT NOT NULL DEFAULT '',
  UNIQUE (year, seq),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
  CHECK (state = 'open' OR (length(conclusion) > 0 AND length(checker) > 0 AND length(supervisor) > 0))
) STRICT;
CREATE UNIQUE INDEX stocktakes_one_open_per_scope ON stocktakes(scope_key) WHERE state = 'open';
CREATE INDEX stocktakes_started ON stocktakes(started_at);
CREATE TRIGGER stocktakes_no_delete BEFORE DELETE ON stocktakes
BEGIN SELECT RAISE(ABORT, 'stocktakes are kept'); END;
CREATE TRIGGER stocktakes_closed_stay BEFORE UPDATE ON stocktakes WHEN old.state = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake never changes'); END;

CREATE TABLE stocktake_items (
  id INTEGER PRIMARY KEY,
  stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
  medium_id INTEGER NOT NULL REFERENCES media(id),
  pos INTEGER NOT NULL,
  number TEXT NOT NULL,
  number_norm TEXT NOT NULL,
  kind TEXT NOT NULL,
  model TEXT NOT NULL,
  serial TEXT NOT NULL,
  serial_norm TEXT NOT NULL,
  classification TEXT NOT NULL,
  responsible_name TEXT NOT NULL,
  book_status TEXT NOT NULL,
  book_text TEXT NOT NULL,
  location TEXT NOT NULL,
  result TEXT CHECK (result IN ('在位', '缺失', '状态不符')),
  note TEXT NOT NULL DEFAULT '',
  marked_at TEXT,
  marked_by TEXT,
  marked_by_name TEXT,
  via TEXT CHECK (via IN ('number', 'serial', 'table', 'close')),
  event_seq INTEGER,
  skipped TEXT NOT NULL DEFAULT '',
  UNIQUE (stocktake_id, medium_id),
  UNIQUE (stocktake_id, pos),
  CHECK ((result IS NULL) = (marked_at IS NULL)),
  CHECK ((result IS NULL) = (via IS NULL))
) STRICT;
CREATE INDEX stocktake_items_number ON stocktake_items(stocktake_id, number_norm);
CREATE INDEX stocktake_items_serial ON stocktake_items(stocktake_id, serial_norm);
CREATE INDEX stocktake_items_medium ON stocktake_items(medium_id);
CREATE TRIGGER stocktake_items_no_delete BEFORE DELETE ON stocktake_items
BEGIN SELECT RAISE(ABORT, 'the expected list of a stocktake is kept'); END;
CREATE TRIGGER stocktake_items_frozen BEFORE UPDATE OF stocktake_id, medium_id, pos, number, number_norm, kind, model, serial,
  serial_norm, classification, responsible_name, book_status, book_text, location ON stocktake_items
BEGIN SELECT RAISE(ABORT, 'the expected list of a stocktake is frozen when it starts'); END;
CREATE TRIGGER stocktake_items_closed BEFORE UPDATE ON stocktake_items
WHEN (SELECT state FROM stocktakes WHERE id = old.stocktake_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake never changes'); END;
CREATE TRIGGER stocktake_items_added_at_start BEFORE INSERT ON stocktake_items
WHEN (SELECT state FROM stocktakes WHERE id = new.stocktake_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake never changes'); END;

CREATE TABLE stocktake_findings (
  id INTEGER PRIMARY KEY,
  stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
  code_norm TEXT NOT NULL,
  medium_id INTEGER REFERENCES media(id),
  description TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  found_at TEXT NOT NULL,
  found_by TEXT NOT NULL,
  found_by_name TEXT NOT NULL,
  UNIQUE (stocktake_id, code_norm)
) STRICT;
CREATE TRIGGER stocktake_findings_open_only_insert BEFORE INSERT ON stocktake_findings
WHEN (SELECT state FROM stocktakes WHERE id = new.stocktake_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake never changes'); END;
CREATE TRIGGER stocktake_findings_open_only_update BEFORE UPDATE ON stocktake_findings
WHEN (SELECT state FROM stocktakes WHERE id = old.stocktake_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake never changes'); END;
CREATE TRIGGER stocktake_findings_open_only_delete BEFORE DELETE ON stocktake_findings
WHEN (SELECT state FROM stocktakes WHERE id = old.stocktake_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake never changes'); END;
`,
};
