import type { Migration } from '../core/migrate';

/**
 * The storage-media register (存储介质): media, their append-only custody chain, the 保密编号 ever
 * given, the counters that give them, and who was responsible (责任人) when.
 *
 * - `media.number_norm` (upper case, no spaces) is unique over every medium ever registered,
 *   voided or not; `media_numbers` keeps every number ever given — also one replaced while the
 *   medium was still unused — so no number is ever given twice. A number may change only while
 *   `in_use` is 0: it becomes 1 (for good) with the first custody event beyond 登记入库.
 * - 序列号 is unique per kind among media not voided (a medium registered in error and voided
 *   frees its serial).
 * - `media_events` is the custody chain: append-only (no UPDATE, no DELETE), numbered 1, 2, 3 …
 *   per medium without gaps. The typed fields of each event are `data_json` (common/media/events.ts);
 *   a 更正 names the seq it corrects. `media_event_people` are the people taking part, each with
 *   the acknowledgement (signature on the receipt) recorded with the event — never changed either.
 * - `status`, `holder_id`, `due_back`, `incident_deadline` and `flagged` are a cache of the replay of
 *   the chain (common/media/machine.ts `replay`), written only in the transaction that appends an
 *   event, so the list can filter and page in SQL. `media:get` computes the state from the chain.
 * - `media_sequences` holds one counter per scope (the pattern with its year filled in); counters
 *   only go up.
 * - A stocktake session (清查) is a later table; its results are 清查结果 events of this chain (their
 *   `stocktake` field names the session), so a session table can refer to the events it produced.
 *
 * Search: FTS5 trigram over 保密编号, 序列号, 品牌型号, 资产编号 and the names of the holder and the
 * 责任人 (`search_people`, kept by the core and following the people by trigger).
 */
export const m0012: Migration = {
  // Numbered 13 in the release; its version is its place in MIGRATIONS until 0011 and 0012 land.
  version: 12,
  name: '0012_media',
  sql: /* sql */ `
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 40),
  number_norm TEXT NOT NULL UNIQUE CHECK (length(number_norm) BETWEEN 1 AND 40),
  kind TEXT NOT NULL CHECK (kind IN ('U盘', '移动硬盘', '硬盘', '光盘', 'SD卡', '笔记本电脑', '其他')),
  model TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  serial_norm TEXT NOT NULL DEFAULT '',
  asset_number TEXT NOT NULL DEFAULT '',
  capacity TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL CHECK (length(classification) BETWEEN 1 AND 10),
  secrecy_term TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL DEFAULT '',
  responsible_id INTEGER NOT NULL REFERENCES people(id),
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  contract_id INTEGER REFERENCES contracts(id),
  location TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  enabled_on TEXT,
  reported_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('在库', '已发放', '借出', '外出', '维修中', '已交回', '已销毁', '丢失')),
  holder_id INTEGER REFERENCES people(id),
  due_back TEXT,
  incident_deadline TEXT,
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  in_use INTEGER NOT NULL DEFAULT 0 CHECK (in_use IN (0, 1)),
  search_people TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK ((due_back IS NOT NULL) = (status IN ('借出', '外出'))),
  CHECK (holder_id IS NULL OR status IN ('已发放', '借出', '外出', '丢失')),
  CHECK (holder_id IS NOT NULL OR status NOT IN ('已发放', '借出', '外出')),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX media_serial_active ON media(kind, serial_norm) WHERE serial_norm <> '' AND voided_at IS NULL;
CREATE INDEX media_status ON media(status, due_back);
CREATE INDEX media_holder ON media(holder_id);
CREATE INDEX media_responsible ON media(responsible_id);
CREATE INDEX media_org ON media(org_id);
CREATE INDEX media_contract ON media(contract_id);
CREATE INDEX media_updated ON media(updated_at);
CREATE TRIGGER media_no_delete BEFORE DELETE ON media
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;
CREATE TRIGGER media_number_locked BEFORE UPDATE OF number, number_norm ON media
WHEN old.in_use = 1 AND (new.number <> old.number OR new.number_norm <> old.number_norm)
BEGIN SELECT RAISE(ABORT, 'a medium in use keeps its number'); END;
CREATE TRIGGER media_in_use_stays BEFORE UPDATE OF in_use ON media WHEN old.in_use = 1 AND new.in_use = 0
BEGIN SELECT RAISE(ABORT, 'a medium once in use stays in use'); END;
CREATE TRIGGER media_void_once BEFORE UPDATE ON media WHEN old.voided_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided medium never changes'); END;

CREATE VIRTUAL TABLE media_fts USING fts5(
  number, serial, model, asset_number, people,
  content = 'media', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER media_fts_ai AFTER INSERT ON media BEGIN
  INSERT INTO media_fts(rowid, number, serial, model, asset_number, people)
  VALUES (new.id, new.number, new.serial, new.model, new.asset_number, new.search_people);
END;
CREATE TRIGGER media_fts_au AFTER UPDATE OF number, serial, model, asset_number, search_people ON media BEGIN
  INSERT INTO media_fts(media_fts, rowid, number, serial, model, asset_number, people)
  VALUES ('delete', old.id, old.number, old.serial, old.model, old.asset_number, old.search_people);
  INSERT INTO media_fts(rowid, number, serial, model, asset_number, people)
  VALUES (new.id, new.number, new.serial, new.model, new.asset_number, new.search_people);
END;
CREATE TRIGGER media_people_follow_people AFTER UPDATE OF name ON people BEGIN
  UPDATE media SET search_people = trim(
      coalesce((SELECT name FROM people WHERE id = media.responsible_id), '') || ' ' ||
      coalesce((SELECT name FROM people WHERE id = media.holder_id), ''))
  WHERE (responsible_id = new.id OR holder_id = new.id) AND voided_at IS NULL;
END;

CREATE TABLE media_numbers (
  number_norm TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  medium_id INTEGER NOT NULL REFERENCES media(id),
  given_at TEXT NOT NULL,
  replaced_at TEXT
) STRICT;
CREATE INDEX media_numbers_medium ON media_numbers(medium_id);
CREATE TRIGGER media_numbers_no_delete BEFORE DELETE ON media_numbers
BEGIN SELECT RAISE(ABORT, 'a number once given is never given again'); END;
CREATE TRIGGER media_numbers_immutable BEFORE UPDATE OF number_norm, number, medium_id, given_at ON media_numbers
BEGIN SELECT RAISE(ABORT, 'a number once given is never given again'); END;
CREATE TRIGGER media_numbers_replaced_once BEFORE UPDATE OF replaced_at ON media_numbers WHEN old.replaced_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a replaced number stays replaced'); END;

CREATE TABLE media_sequences (
  scope TEXT PRIMARY KEY,
  last INTEGER NOT NULL CHECK (last >= 0)
) STRICT;
CREATE TRIGGER media_sequences_up BEFORE UPDATE ON media_sequences WHEN new.last < old.last
BEGIN SELECT RAISE(ABORT, 'a numbering sequence never goes back'); END;
CREATE TRIGGER media_sequences_no_delete BEFORE DELETE ON media_sequences
BEGIN SELECT RAISE(ABORT, 'a numbering sequence never goes back'); END;

CREATE TABLE media_events (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  medium_id INTEGER NOT NULL REFERENCES media(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  type TEXT NOT NULL CHECK (type IN ('登记入库', '发放/领用', '借出', '归还', '携带外出', '外出返回', '送外维修', '修回', '交回甲方', '销毁', '丢失/泄露报告', '清查结果', '更正')),
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_by_name TEXT NOT NULL,
  data_json TEXT NOT NULL CHECK (json_valid(data_json)),
  corrects_seq INTEGER,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (medium_id, seq),
  CHECK ((type = '更正') = (corrects_seq IS NOT NULL)),
  CHECK (corrects_seq IS NULL OR corrects_seq < seq),
  CHECK ((type = '登记入库') = (seq = 1))
) STRICT;
CREATE INDEX media_events_type ON media_events(type, occurred_at);
CREATE TRIGGER media_events_in_order BEFORE INSERT ON media_events
WHEN new.seq <> coalesce((SELECT max(seq) FROM media_events WHERE medium_id = new.medium_id), 0) + 1
BEGIN SELECT RAISE(ABORT, 'custody events are appended in order'); END;
CREATE TRIGGER media_events_no_update BEFORE UPDATE ON media_events
BEGIN SELECT RAISE(ABORT, 'custody events are append-only: record a correction'); END;
CREATE TRIGGER media_events_no_delete BEFORE DELETE ON media_events
BEGIN SELECT RAISE(ABORT, 'custody events are append-only: record a correction'); END;

CREATE TABLE media_event_people (
  event_id INTEGER NOT NULL REFERENCES media_events(id),
  pos INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 10),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  person_id INTEGER REFERENCES people(id),
  acknowledged INTEGER NOT NULL CHECK (acknowledged IN (0, 1)),
  PRIMARY KEY (event_id, pos)
) STRICT, WITHOUT ROWID;
CREATE INDEX media_event_people_person ON media_event_people(person_id, role);
CREATE TRIGGER media_event_people_no_update BEFORE UPDATE ON media_event_people
BEGIN SELECT RAISE(ABORT, 'custody events are append-only: record a correction'); END;
CREATE TRIGGER media_event_people_no_delete BEFORE DELETE ON media_event_people
BEGIN SELECT RAISE(ABORT, 'custody events are append-only: record a correction'); END;

CREATE TABLE media_responsibles (
  id INTEGER PRIMARY KEY,
  medium_id INTEGER NOT NULL REFERENCES media(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  from_at TEXT NOT NULL,
  to_at TEXT,
  set_by TEXT NOT NULL,
  set_by_name TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX media_responsibles_current ON media_responsibles(medium_id) WHERE to_at IS NULL;
CREATE INDEX media_responsibles_person ON media_responsibles(person_id, to_at);
CREATE TRIGGER media_responsibles_no_delete BEFORE DELETE ON media_responsibles
BEGIN SELECT RAISE(ABORT, 'the history of responsibility is kept'); END;
CREATE TRIGGER media_responsibles_immutable BEFORE UPDATE OF medium_id, person_id, from_at, set_by, set_by_name ON media_responsibles
BEGIN SELECT RAISE(ABORT, 'the history of responsibility is kept'); END;
CREATE TRIGGER media_responsibles_end_once BEFORE UPDATE OF to_at ON media_responsibles WHEN old.to_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the history of responsibility is kept'); END;
`,
};
