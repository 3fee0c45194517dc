import type { Migration } from '../core/migrate';
import { chineseSortKey } from '../core/sortkey';

/** Organisations sort by the pinyin of their name. */
export const m0006: Migration = {
  version: 6,
  name: '0006_org_name_key',
  sql: /* sql */ `
ALTER TABLE organisations ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX organisations_name_key ON organisations(name_key, name);
`,
  after(db) {
    const set = db.prepare('UPDATE organisations SET name_key = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, name FROM organisations').all() as { id: number; name: string }[]) {
      set.run(chineseSortKey(row.name), row.id);
    }
  },
};
