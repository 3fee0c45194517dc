import type { Messages } from './zh-CN';

/** English messages of the `startup` namespace (merged into en.ts). */
const startup: Messages['startup'] = {
  readOnlyTitle: 'The database was opened read-only',
  readOnlyLead:
    'The start-up checks found a problem. To keep it from spreading, existing records can be read and printed in this session, but nothing can be added, changed or voided; the app never deletes or recreates data by itself.',
  warningTitle: 'Start-up check notice',
  checkedAt: 'Checked at {{time}}',
  uncleanExit: 'The last session did not end normally (the app was killed, crashed or lost power), so the full integrity check was run.',
  check: {
    location: 'Data location',
    quickCheck: 'Quick integrity check',
    integrityCheck: 'Integrity check',
    foreignKeys: 'Foreign-key check',
    auditChain: 'Audit chain',
  },
  details: 'Problems reported by SQLite (first {{count}})',
  showDetails: 'Show details',
  hideDetails: 'Hide details',
  whatToDo: 'What to do',
  steps: {
    stop: 'Do not copy, move or delete the files in the data folder (baomi.db, baomi.db-wal, keyslots.json), and do not try to repair them on this computer.',
    restore: 'The system administrator restores the database from the latest good backup; log in again afterwards and the app checks it again.',
    report: 'If the audit records may have been altered, the auditor runs the full verification and records what was done.',
  },
  openRestore: 'Restore in Settings → Backups',
  sysadminOnly: 'Restoring a backup requires the system administrator to log in.',
};

export default startup;
