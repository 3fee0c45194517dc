import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_CONFIG } from '../../../common/api/backup';
import { setSetting } from '../../core/settings';
import { openPeopleWorld, type PeopleWorld } from '../../registers/people/testing';
import { findingsOf } from '../testing';

let w: PeopleWorld;
let folder: string;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
  folder = mkdtempSync(join(tmpdir(), 'baomi-backups-'));
});
afterEach(() => {
  w.core.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

const configure = (config: Partial<typeof DEFAULT_BACKUP_CONFIG>) => setSetting(w.core.db, 'backup.config', { ...DEFAULT_BACKUP_CONFIG, ...config });
const backedUpAt = (at: string) => setSetting(w.core.db, 'backup.last', { at, file: '保密台账-备份-20240601-1200.bmbak', folder, kind: 'manual', counts: {} });

describe('system.backup', () => {
  it('asks for a folder and a first backup on a new installation', async () => {
    const found = await findingsOf(w, 'system.backup');
    expect(found.map((f) => [f.key, f.severity])).toEqual([
      ['folder:', '严重'],
      ['stale:never', '警告'],
    ]);
    expect(found[0]!.message).toContain('尚未设置备份文件夹');
    expect(found[1]!.message).toContain('还没有成功的数据备份');
    expect(found[0]!.target).toEqual({ page: 'settings', id: null });
  });

  it('says nothing on the last day a backup is recent enough, and warns the day after', async () => {
    configure({ folder, maxAgeDays: 7 });
    backedUpAt('2024-06-01T04:00:00.000Z');
    w.at('2024-06-08');
    expect(await findingsOf(w, 'system.backup')).toEqual([]);
    w.at('2024-06-09');
    const [f] = await findingsOf(w, 'system.backup');
    expect(f).toMatchObject({ key: 'stale:2024-06-01T04:00:00.000Z', severity: '警告', due: '2024-06-08' });
    expect(f!.message).toContain('8 天前），超过设置的 7 天');
  });

  it('names a folder that cannot be found (removable media not inserted)', async () => {
    const gone = join(folder, '已拔出的U盘');
    configure({ folder: gone });
    backedUpAt('2024-06-01T04:00:00.000Z');
    const found = await findingsOf(w, 'system.backup');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`找不到备份文件夹 ${gone}`);
  });
});
