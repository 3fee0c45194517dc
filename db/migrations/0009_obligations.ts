import { randomUUID } from 'node:crypto';
import type { Migration } from '../core/migrate';

/**
 * Obligations of a contract (履行义务) and the records of their completion (完成记录), plus a stable
 * identity for annexed agreements so that scans can be attached to them.
 *
 * An obligation stores its schedule flat (common/contracts/obligations.ts): only the columns of its
 * kind are set, as the CHECKs below hold. Obligations are voided, never deleted; a completion
 * never changes once recorded (a wrong one is voided with a reason and recorded again), so the
 * register keeps what was reported when.
 *
 * Agreements stay the contract's own rows, replaced when the contract is edited, but carry a UUID
 * that the edit hands back (common/api/contract.ts `uuid`), so their attachments follow them.
 */
export const m0009: Migration = {
  version: 9,
  name: '0009_obligations',
  sql: /* sql */ `
CREATE TABLE contract_obligations (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  clause TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'half-yearly', 'yearly', 'times-per-year', 'once', 'service-level')),
  times INTEGER CHECK (times IS NULL OR times BETWEEN 1 AND 365),
  at_least INTEGER CHECK (at_least IS NULL OR at_least >= 1),
  due_date TEXT,
  within_value REAL CHECK (within_value IS NULL OR within_value > 0),
  within_unit TEXT CHECK (within_unit IS NULL OR within_unit IN ('minute', 'hour', 'day', 'workday')),
  action TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK ((kind = 'times-per-year') = (times IS NOT NULL)),
  CHECK ((kind = 'once') = (due_date IS NOT NULL)),
  CHECK ((kind = 'service-level') = (within_value IS NOT NULL AND within_unit IS NOT NULL)),
  CHECK (at_least IS NULL OR kind IN ('monthly', 'quarterly', 'half-yearly', 'yearly', 'times-per-year')),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX contract_obligations_contract ON contract_obligations(contract_id);
CREATE TRIGGER contract_obligations_no_delete BEFORE DELETE ON contract_obligations
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE TABLE obligation_completions (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  obligation_id INTEGER NOT NULL REFERENCES contract_obligations(id),
  done_on TEXT NOT NULL,
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX obligation_completions_obligation ON obligation_completions(obligation_id, done_on);
CREATE TRIGGER obligation_completions_no_delete BEFORE DELETE ON obligation_completions
BEGIN SELECT RAISE(ABORT, 'completion records are voided, never deleted'); END;
CREATE TRIGGER obligation_completions_immutable
BEFORE UPDATE OF id, uuid, obligation_id, done_on, description, created_at, created_by, created_by_name ON obligation_completions
BEGIN SELECT RAISE(ABORT, 'completion records never change; void and record again'); END;
CREATE TRIGGER obligation_completions_void_once
BEFORE UPDATE OF voided_at, voided_by, void_reason ON obligation_completions
WHEN old.voided_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided completion record stays voided'); END;

ALTER TABLE contract_agreements ADD COLUMN uuid TEXT;
CREATE TRIGGER contract_agreements_uuid BEFORE INSERT ON contract_agreements WHEN new.uuid IS NULL
BEGIN SELECT RAISE(ABORT, 'an agreement needs its uuid'); END;
`,
  after(db) {
    const ids = db.prepare('SELECT id FROM contract_agreements WHERE uuid IS NULL').pluck().all() as number[];
    const set = db.prepare('UPDATE contract_agreements SET uuid = ? WHERE id = ?');
    for (const id of ids) set.run(randomUUID(), id);
    db.exec('CREATE UNIQUE INDEX contract_agreements_uuid ON contract_agreements(uuid)');
  },
};
