import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Org } from '../../common/api/org';
import type { Result } from '../../common/api/result';
import { exportJob, OFFICER, openTestCore, valueOf, type TestCore } from '../testing/fixtures';
import { openImport, preview, sheetInput, tableCounts, xlsxOf, type Opened } from './testing';

const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.cleanup();
});
async function core(): Promise<{ core: TestCore; call: (channel: string, payload: unknown) => Promise<Result<unknown>> }> {
  const c = await openTestCore();
  cores.push(c);
  return { core: c, call: (channel, payload) => c.router.invoke(channel, OFFICER, payload) };
}

const ORGS = [
  { name: '北京市卫生健康监督所', kind: 'client', uscc: '121100004006894975', address: '北京市东城区', contact: '陈工', phone: '010-12345678', email: 'chen@example.cn' },
  { name: '北京金山云网络技术有限公司', shortName: '金山云', kind: 'vendor', uscc: '9111010857121431XA', note: '=HYPERLINK("http://x")' },
  { name: '中招国际招标有限公司', kind: 'agency', phone: '13800138000', note: '多行\n备注' },
  { name: '某某信息技术有限公司', kind: 'other', address: '-', contact: '+86 李四' },
];
const FIELDS = ['name', 'shortName', 'kind', 'uscc', 'address', 'contact', 'phone', 'email', 'note'] as const;
const shape = (o: Org) => Object.fromEntries(FIELDS.map((f) => [f, o[f]]));

describe('round trip through the app’s own export', () => {
  it('exports 单位名录 to Excel and imports it into an empty database as the same records', async () => {
    const a = await core();
    for (const org of ORGS) valueOf(await a.call('org:create', org));
    const path = join(a.core.dir, 'export.xlsx');
    a.core.shell.savePath = path;
    const job = await exportJob(a.core.router, OFFICER, 'report:xlsx', { selection: { register: 'organisations', filter: {} }, options: { marking: '内部', unitName: '北京市卫生健康监督所' } });
    expect(job.state).toBe('done');
    const bytes = new Uint8Array(readFileSync(path));

    const b = await core();
    const opened = valueOf<Opened>(await openImport(b.core, b.call, 'organisations', '单位名录.xlsx', bytes));
    const p = await preview(b.call, sheetInput(opened, 'organisations'));
    expect(p).toMatchObject({ total: ORGS.length, ok: ORGS.length });
    valueOf(await b.call('import:commit', sheetInput(opened, 'organisations')));
    const list = (c: typeof a) => c.call('org:list', { pageSize: 200 }).then((r) => valueOf<{ rows: Org[] }>(r).rows.map(shape));
    expect(await list(b)).toEqual(await list(a));
    expect((await list(b)).find((o) => o.shortName === '金山云')!.note).toBe('=HYPERLINK("http://x")');
  });

  it('imports the same register saved as CSV in GBK', async () => {
    const a = await core();
    const lines = ['单位名称,类型,统一社会信用代码', '北京金山云网络技术有限公司,乙方,9111010857121431XA', '"北京市卫生健康监督所",甲方,'];
    const { execFileSync } = await import('node:child_process');
    const bytes = new Uint8Array(execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: lines.join('\r\n') }));
    const opened = valueOf<Opened>(await openImport(a.core, a.call, 'organisations', '单位.csv', bytes));
    expect(opened.encoding).toBe('gb18030');
    expect(valueOf<{ imported: number }>(await a.call('import:commit', sheetInput(opened, 'organisations'))).imported).toBe(2);
  });
});

describe('robustness', () => {
  it('a corrupt file is refused in Chinese by import:open and nothing is written', async () => {
    const a = await core();
    const before = tableCounts(a.core);
    a.core.shell.openFiles.push({ name: '损坏.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
    const result = await a.call('import:open', { register: 'organisations' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('文件已损坏、不完整');
    expect(tableCounts(a.core)).toEqual(before);
  });

  it('mutated xlsx and csv files: a clean refusal or a preview, and a commit of all valid rows or nothing (fuzz)', async () => {
    const a = await core();
    const rows = [['单位名称', '类型', '统一社会信用代码', '电话'], ...Array.from({ length: 6 }, (_, i) => [`某某科技有限公司${i}`, '乙方', '', `010-6666000${i}`])];
    const xlsx = await xlsxOf({ 单位: rows });
    const csv = new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n'));
    let opened = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom({ name: 'f.xlsx', bytes: xlsx }, { name: 'f.csv', bytes: csv }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (file, edits, cut) => {
          const bytes = Uint8Array.from(file.bytes);
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const truncated = cut % 4 === 0 ? bytes.subarray(0, cut % bytes.length) : bytes;
          const before = tableCounts(a.core);
          const result = await openImport(a.core, a.call, 'organisations', file.name, truncated);
          if (!result.ok) {
            refused++;
            expect(result.error.code).not.toBe('INTERNAL');
            expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
            expect(tableCounts(a.core)).toEqual(before);
            return;
          }
          opened++;
          const o = result.value as Opened;
          if (!('token' in o)) return;
          const p = await preview(a.call, sheetInput(o, 'organisations', { onlyValid: true }));
          expect(tableCounts(a.core)).toEqual(before);
          const commit = await a.call('import:commit', sheetInput(o, 'organisations', { onlyValid: true }));
          const after = tableCounts(a.core);
          if (commit.ok) {
            const { imported } = commit.value as { imported: number };
            expect(imported).toBe(p.ok);
            expect(after.organisations! - before.organisations!).toBe(imported);
          } else {
            expect(commit.error.code).not.toBe('INTERNAL');
            expect(after).toEqual(before);
          }
        },
      ),
      { numRuns: 120 },
    );
    expect(opened + refused).toBe(120);
    // Both outcomes were exercised: mutated CSV mostly still reads, mutated zip mostly does not.
    expect(opened).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
