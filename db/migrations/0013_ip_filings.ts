import type { Migration } from '../core/migrate';

/**
 * The access-IP filings register (访问IP报备): a filing by a unit for its users (people), with the
 * addresses they connect from, how (接入方式) and to what, for how long, and its approval.
 *
 * - `number` (报备编号) is IP-<year>-<seq>, seq counting from 1 within the year of recording; never
 *   reused, voided filings keep theirs.
 * - `state` is the stored workflow state (common/ipfilings/status.ts); 已过期, 未生效 and 即将到期
 *   are derived from the dates and never stored. The columns of each decision are set exactly
 *   when its state is reached (CHECKs below): 审批人/审批日期 with `approved_at` (when it was
 *   recorded), the reason and date of 已驳回/已撤销 with `closed_at`; who did it is in the audit
 *   trail. `renews_id` links a renewal to the filing it renews.
 * - Addresses are the filing's own rows, replaced as a whole while it is edited (only while
 *   待审批). Each keeps the canonical entry and its first and last address as fixed-width lowercase
 *   hex (8 digits for IPv4, 32 for IPv6), so that TEXT comparison is numeric comparison.
 *   `span_class` is the bit length of (end − start): an entry of class c spans fewer than 2^c
 *   addresses, so one containing or overlapping address x starts after x − 2^c. The lookup index
 *   `(family, span_class, start_hex)` turns "which entries contain x" into one short range scan per
 *   class (db/registers/ipfilings/addresses.ts) instead of a scan of every entry starting below x.
 *   `(family, start_hex, end_hex, filing_id)` orders the entries for the sweep that rebuilds
 *   the overlaps below.
 * - `ip_filing_overlaps` holds every pair of filings not voided whose addresses share at least one
 *   address, with the strongest kind (同一地址, 包含, 重叠): derived from the address rows and kept
 *   by the core whenever a filing's addresses are written, so that the conflicts view is a paged
 *   query (which pairs are live is decided when reading: states and dates change without the
 *   addresses changing).
 * - Users are the filing's own rows too, in the order typed.
 *
 * Search: FTS5 trigram over number, unit, users, systems, purpose and addresses; `search_org`
 * follows the organisations and `search_users` the people by trigger, `search_addresses` is kept
 * by the core.
 */
export const m0013: Migration = {
  version: 13,
  name: '0013_ip_filings',
  sql: /* sql */ `
CREATE TABLE ip_filings (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  contact TEXT NOT NULL CHECK (length(contact) BETWEEN 1 AND 100),
  macs TEXT NOT NULL DEFAULT '',
  access_method TEXT NOT NULL CHECK (access_method IN ('VPN', '堡垒机', '专线', '现场', '其他')),
  access_note TEXT NOT NULL DEFAULT '',
  systems TEXT NOT NULL CHECK (length(systems) BETWEEN 1 AND 200),
  purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  scope TEXT NOT NULL CHECK (scope IN ('合同范围内', '超出合同范围')),
  approval_ref TEXT NOT NULL DEFAULT '',
  contract_id INTEGER REFERENCES contracts(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '待审批' CHECK (state IN ('待审批', '有效', '已驳回', '已撤销')),
  approver TEXT,
  approved_on TEXT,
  rejected_on TEXT,
  reject_reason TEXT,
  revoked_on TEXT,
  revoke_reason TEXT,
  approved_at TEXT,
  closed_at TEXT,
  renews_id INTEGER REFERENCES ip_filings(id),
  note TEXT NOT NULL DEFAULT '',
  search_org TEXT NOT NULL DEFAULT '',
  search_users TEXT NOT NULL DEFAULT '',
  search_addresses TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  UNIQUE (year, seq),
  CHECK (valid_to >= valid_from),
  CHECK (access_method <> '其他' OR length(access_note) > 0),
  CHECK (scope = '合同范围内' OR length(approval_ref) > 0),
  CHECK ((approver IS NOT NULL) = (approved_on IS NOT NULL)),
  CHECK ((approved_on IS NOT NULL) = (approved_at IS NOT NULL)),
  CHECK (approved_on IS NOT NULL OR state IN ('待审批', '已驳回', '已撤销')),
  CHECK (approved_on IS NULL OR state IN ('有效', '已撤销')),
  CHECK ((state = '已驳回') = (reject_reason IS NOT NULL AND rejected_on IS NOT NULL)),
  CHECK ((state = '已撤销') = (revoke_reason IS NOT NULL AND revoked_on IS NOT NULL)),
  CHECK ((state IN ('已驳回', '已撤销')) = (closed_at IS NOT NULL)),
  CHECK (renews_id IS NULL OR renews_id <> id),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX ip_filings_org ON ip_filings(org_id);
CREATE INDEX ip_filings_contract ON ip_filings(contract_id);
CREATE INDEX ip_filings_state_to ON ip_filings(state, valid_to);
CREATE INDEX ip_filings_renews ON ip_filings(renews_id);
CREATE INDEX ip_filings_updated ON ip_filings(updated_at);
CREATE INDEX ip_filings_applied ON ip_filings(applied_on);
CREATE TRIGGER ip_filings_no_delete BEFORE DELETE ON ip_filings
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;
CREATE TRIGGER ip_filings_number_fixed BEFORE UPDATE OF number, year, seq ON ip_filings
BEGIN SELECT RAISE(ABORT, 'a filing keeps its number'); END;

CREATE TABLE ip_filing_users (
  filing_id INTEGER NOT NULL REFERENCES ip_filings(id),
  seq INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (filing_id, seq),
  UNIQUE (filing_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ip_filing_users_person ON ip_filing_users(person_id, filing_id);

CREATE TABLE ip_filing_addresses (
  filing_id INTEGER NOT NULL REFERENCES ip_filings(id),
  seq INTEGER NOT NULL,
  entry TEXT NOT NULL CHECK (length(entry) BETWEEN 1 AND 100),
  family INTEGER NOT NULL CHECK (family IN (4, 6)),
  kind TEXT NOT NULL CHECK (kind IN ('single', 'cidr', 'range')),
  start_hex TEXT NOT NULL,
  end_hex TEXT NOT NULL,
  span_class INTEGER NOT NULL,
  PRIMARY KEY (filing_id, seq),
  CHECK (length(start_hex) = CASE family WHEN 4 THEN 8 ELSE 32 END),
  CHECK (length(end_hex) = length(start_hex)),
  CHECK (start_hex NOT GLOB '*[^0-9a-f]*' AND end_hex NOT GLOB '*[^0-9a-f]*'),
  CHECK (start_hex <= end_hex),
  CHECK (span_class BETWEEN 0 AND CASE family WHEN 4 THEN 32 ELSE 128 END)
) STRICT;
CREATE INDEX ip_filing_addresses_lookup ON ip_filing_addresses(family, span_class, start_hex, end_hex, filing_id);
CREATE INDEX ip_filing_addresses_bounds ON ip_filing_addresses(family, start_hex, end_hex, filing_id);

CREATE TABLE ip_filing_overlaps (
  low_id INTEGER NOT NULL REFERENCES ip_filings(id),
  high_id INTEGER NOT NULL REFERENCES ip_filings(id),
  kind TEXT NOT NULL CHECK (kind IN ('同一地址', '包含', '重叠')),
  PRIMARY KEY (low_id, high_id),
  CHECK (low_id < high_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ip_filing_overlaps_high ON ip_filing_overlaps(high_id, low_id);

CREATE VIRTUAL TABLE ip_filings_fts USING fts5(
  number, org, users, systems, purpose, addresses,
  content = 'ip_filings', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER ip_filings_fts_ai AFTER INSERT ON ip_filings BEGIN
  INSERT INTO ip_filings_fts(rowid, number, org, users, systems, purpose, addresses)
  VALUES (new.id, new.number, new.search_org, new.search_users, new.systems, new.purpose, new.search_addresses);
END;
CREATE TRIGGER ip_filings_fts_au AFTER UPDATE OF search_org, search_users, systems, purpose, search_addresses ON ip_filings BEGIN
  INSERT INTO ip_filings_fts(ip_filings_fts, rowid, number, org, users, systems, purpose, addresses)
  VALUES ('delete', old.id, old.number, old.search_org, old.search_users, old.systems, old.purpose, old.search_addresses);
  INSERT INTO ip_filings_fts(rowid, number, org, users, systems, purpose, addresses)
  VALUES (new.id, new.number, new.search_org, new.search_users, new.systems, new.purpose, new.search_addresses);
END;
CREATE TRIGGER ip_filings_org_follows_orgs AFTER UPDATE OF name, short_name ON organisations BEGIN
  UPDATE ip_filings SET search_org = new.name || ' ' || new.short_name WHERE org_id = new.id;
END;
CREATE TRIGGER ip_filings_users_follow_people AFTER UPDATE OF name ON people BEGIN
  UPDATE ip_filings SET search_users = (
    SELECT group_concat(p.name, ' ') FROM ip_filing_users u JOIN people p ON p.id = u.person_id WHERE u.filing_id = ip_filings.id
  ) WHERE id IN (SELECT filing_id FROM ip_filing_users WHERE person_id = new.id);
END;
`,
};
