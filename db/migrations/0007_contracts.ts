import type { Migration } from '../core/migrate';

/**
 * The contracts register (合同台账): a contract with its numbers in several schemes, contacts,
 * payment installments, performance bond and annexed agreements (保密协议 …). Money is integer 分,
 * shares and tax rates are integer hundredths of a percent. Child rows belong to their contract and
 * are replaced when it is edited; contracts themselves are voided, never deleted.
 *
 * A number (normalised: upper case, no spaces) is unique among the numbers of contracts that are not
 * voided: `active` is cleared when the contract is voided.
 *
 * Search: FTS5 trigram over project name, numbers (as typed and normalised) and party names;
 * `search_numbers` is kept by the core, `search_parties` follows the organisations by trigger.
 */
export const m0007: Migration = {
  version: 7,
  name: '0007_contracts',
  sql: /* sql */ `
CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  project_name TEXT NOT NULL CHECK (length(project_name) BETWEEN 1 AND 200),
  name_key TEXT NOT NULL DEFAULT '',
  procurement_number TEXT NOT NULL DEFAULT '',
  client_org_id INTEGER NOT NULL REFERENCES organisations(id),
  vendor_org_id INTEGER NOT NULL REFERENCES organisations(id),
  signed_date TEXT,
  signed_place TEXT NOT NULL DEFAULT '',
  service_start TEXT,
  service_end TEXT,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  tax_rate_h INTEGER CHECK (tax_rate_h IS NULL OR tax_rate_h BETWEEN 0 AND 10000),
  amount_excl_tax_fen INTEGER CHECK (amount_excl_tax_fen IS NULL OR amount_excl_tax_fen >= 0),
  originals_total INTEGER NOT NULL DEFAULT 0,
  originals_client INTEGER NOT NULL DEFAULT 0,
  originals_vendor INTEGER NOT NULL DEFAULT 0,
  protection_level INTEGER CHECK (protection_level IS NULL OR protection_level BETWEEN 1 AND 5),
  renewal_lead_days INTEGER NOT NULL DEFAULT 30 CHECK (renewal_lead_days >= 0),
  note TEXT NOT NULL DEFAULT '',
  bond_percent_h INTEGER,
  bond_fen INTEGER,
  bond_bank TEXT,
  bond_valid_until TEXT,
  bond_returned_on TEXT,
  terminated_on TEXT,
  termination_reason TEXT,
  search_numbers TEXT NOT NULL DEFAULT '',
  search_parties TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK (client_org_id <> vendor_org_id),
  CHECK (service_start IS NULL OR service_end IS NULL OR service_end >= service_start),
  CHECK (originals_client + originals_vendor <= originals_total),
  CHECK (bond_percent_h IS NULL OR bond_fen IS NULL),
  CHECK ((terminated_on IS NULL) = (termination_reason IS NULL)),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX contracts_name_key ON contracts(name_key, project_name);
CREATE INDEX contracts_signed ON contracts(signed_date);
CREATE INDEX contracts_end ON contracts(service_end);
CREATE INDEX contracts_amount ON contracts(amount_fen);
CREATE INDEX contracts_client ON contracts(client_org_id);
CREATE INDEX contracts_vendor ON contracts(vendor_org_id);
CREATE TRIGGER contracts_no_delete BEFORE DELETE ON contracts
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE TABLE contract_numbers (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  seq INTEGER NOT NULL,
  number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
  number_norm TEXT NOT NULL CHECK (length(number_norm) >= 1),
  scheme TEXT NOT NULL,
  is_main INTEGER NOT NULL CHECK (is_main IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (contract_id, seq)
) STRICT;
CREATE UNIQUE INDEX contract_numbers_active ON contract_numbers(number_norm) WHERE active = 1;
CREATE UNIQUE INDEX contract_numbers_main ON contract_numbers(contract_id) WHERE is_main = 1;

CREATE TABLE contract_contacts (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  seq INTEGER NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('client', 'vendor')),
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  UNIQUE (contract_id, seq)
) STRICT;

CREATE TABLE contract_installments (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  seq INTEGER NOT NULL,
  percent_h INTEGER CHECK (percent_h IS NULL OR percent_h BETWEEN 1 AND 10000),
  fen INTEGER CHECK (fen IS NULL OR fen > 0),
  condition TEXT NOT NULL DEFAULT '',
  due_date TEXT,
  invoice_number TEXT NOT NULL DEFAULT '',
  paid_date TEXT,
  CHECK ((percent_h IS NULL) <> (fen IS NULL)),
  UNIQUE (contract_id, seq)
) STRICT;

CREATE TABLE contract_agreements (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('保密协议', '网络安全责任协议', '信息保护协议', '安全保密协议书', '廉政协议', '其他')),
  signed_date TEXT,
  parties TEXT NOT NULL DEFAULT '',
  term_kind TEXT NOT NULL CHECK (term_kind IN ('years', 'permanent', 'untilPublic')),
  term_years INTEGER CHECK (term_years IS NULL OR term_years >= 1),
  term_from TEXT,
  coordinator_client TEXT NOT NULL DEFAULT '',
  coordinator_vendor TEXT NOT NULL DEFAULT '',
  CHECK (term_kind <> 'years' OR term_years IS NOT NULL),
  UNIQUE (contract_id, seq)
) STRICT;

CREATE VIRTUAL TABLE contracts_fts USING fts5(
  project_name, numbers, parties,
  content = 'contracts', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER contracts_fts_ai AFTER INSERT ON contracts BEGIN
  INSERT INTO contracts_fts(rowid, project_name, numbers, parties)
  VALUES (new.id, new.project_name, new.search_numbers, new.search_parties);
END;
CREATE TRIGGER contracts_fts_au AFTER UPDATE OF project_name, search_numbers, search_parties ON contracts BEGIN
  INSERT INTO contracts_fts(contracts_fts, rowid, project_name, numbers, parties)
  VALUES ('delete', old.id, old.project_name, old.search_numbers, old.search_parties);
  INSERT INTO contracts_fts(rowid, project_name, numbers, parties)
  VALUES (new.id, new.project_name, new.search_numbers, new.search_parties);
END;
CREATE TRIGGER contracts_parties_follow_orgs AFTER UPDATE OF name, short_name ON organisations BEGIN
  UPDATE contracts SET search_parties =
    (SELECT name || ' ' || short_name FROM organisations WHERE id = contracts.client_org_id) || ' ' ||
    (SELECT name || ' ' || short_name FROM organisations WHERE id = contracts.vendor_org_id)
  WHERE client_org_id = new.id OR vendor_org_id = new.id;
END;
`,
};
