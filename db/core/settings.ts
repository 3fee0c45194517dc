import { DEFAULT_BACKUP_CONFIG, type BackupConfig, type LastBackup } from '../../common/api/backup';
import { DEFAULT_CLASSIFICATIONS } from '../../common/media/kinds';
import { DEFAULT_NUMBER_PATTERN } from '../../common/media/numbering';
import { DEFAULT_POLICY, type SecurityPolicy } from '../../common/security/policy';
import type { AdminMode } from '../../common/security/roles';
import type { SavedMapping } from '../../common/import/headers';
import type { Db } from './open';

/** Settings that the printed registers and the UI read. Written by setup and the sysadmin. */
export interface Settings {
  'unit.name': string;
  'print.marking': string;
  'security.mode': AdminMode;
  'security.policy': SecurityPolicy;
  /** 保密编号 pattern of new media (common/media/numbering.ts). */
  'media.numberPattern': string;
  /** The 密级 a medium may be marked with, in the order forms offer them. */
  'media.classifications': string[];
  /** Where and when backups are made, how many are kept, when the last one counts as old. */
  'backup.config': BackupConfig;
  /** The last backup that was written and verified. */
  'backup.last': LastBackup | null;
  /** Lead times of the findings rules by key (db/findings/rule.ts `LeadDef`); defaults when absent. */
  'findings.leads': Record<string, number>;
  /** Column mappings of imports kept for reuse, per register (common/import/headers.ts). */
  'import.mappings': Record<string, SavedMapping[]>;
}
const DEFAULTS: Settings = {
  'unit.name': '',
  'print.marking': '内部',
  'security.mode': 'separated',
  'security.policy': DEFAULT_POLICY,
  'media.numberPattern': DEFAULT_NUMBER_PATTERN,
  'media.classifications': [...DEFAULT_CLASSIFICATIONS],
  'backup.config': DEFAULT_BACKUP_CONFIG,
  'backup.last': null,
  'findings.leads': {},
  'import.mappings': {},
};

export function getSetting<K extends keyof Settings>(db: Db, key: K): Settings[K] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Settings[K]) : DEFAULTS[key];
}

export function setSetting<K extends keyof Settings>(db: Db, key: K, value: Settings[K]): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
