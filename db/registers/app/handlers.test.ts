import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../core/migrate';
import { setSetting } from '../../core/settings';
import { OFFICER, openTestCore, valueOf, VIEWER, type TempDir, type TestCore } from '../../testing/fixtures';

let core: TestCore | null = null;
let temp: TempDir | null = null;
afterEach(() => {
  core?.cleanup();
  temp?.cleanup();
  core = null;
  temp = null;
});

describe('app:info', () => {
  it('tells the UI the version, schema, user and print defaults, without an audit row', async () => {
    core = await openTestCore();
    expect(valueOf(await core.router.invoke('app:info', VIEWER, {}))).toEqual({
      version: '0.0.0-test',
      schemaVersion: SCHEMA_VERSION,
      unitName: '',
      marking: '内部',
      user: { username: 'viewer', displayName: '李查阅', roles: ['viewer'] },
    });
    expect(valueOf(await core.router.invoke('app:info', OFFICER, undefined))).toMatchObject({ user: { username: 'officer' } });
    expect(core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('reports the settings the sysadmin stored', async () => {
    core = await openTestCore();
    setSetting(core.db, 'unit.name', '郑州市某某局');
    setSetting(core.db, 'print.marking', '工作秘密');
    expect(valueOf(await core.router.invoke('app:info', OFFICER, {}))).toMatchObject({ unitName: '郑州市某某局', marking: '工作秘密' });
  });

});
