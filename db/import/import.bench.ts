/**
 * 10,000 rows of people read from an xlsx, previewed and committed in one transaction (the
 * benchmark budget of issue 10; about 1.5 s to read, 4.5 s to preview and 6.5 s to commit on the
 * 2-core development machine). One run: the people are registered for good. Run: npx vitest bench db/import/import.bench.ts
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { valueOf } from '../testing/fixtures';
import { idNumber, openPeopleWorld, type PeopleWorld } from '../registers/people/testing';
import { openImport, sheetInput, xlsxOf, type Opened } from './testing';

const ROWS = 10_000;
let w: PeopleWorld;
let bytes: Uint8Array;

beforeAll(async () => {
  w = await openPeopleWorld();
  const rows: unknown[][] = [['姓名', '所属单位', '岗位', '身份证号码', '手机', '入场日期']];
  for (let i = 0; i < ROWS; i++) {
    const born = String(101 + Math.floor(i / 1000)).padStart(3, '0');
    rows.push([`人员${i}`, '金山云', '运维工程师', idNumber(`11010519900${born}${String(i % 1000).padStart(3, '0')}`), '13800138000', '2024-05-20']);
  }
  bytes = await xlsxOf({ 人员: rows });
});
afterAll(() => w?.core.cleanup());

describe(`import of ${ROWS.toLocaleString('en-US')} people`, () => {
  bench(
    'open, preview and commit',
    async () => {
      const opened = valueOf<Opened>(await openImport(w.core, w.call, 'people', 'people.xlsx', bytes));
      valueOf(await w.call('import:preview', sheetInput(opened, 'people')));
      valueOf(await w.call('import:commit', sheetInput(opened, 'people', { onlyValid: true })));
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
});
