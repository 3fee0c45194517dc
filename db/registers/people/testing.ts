/**
 * Shared set-up of the people register's tests: a fixed clock, two units, a contract, and ID
 * numbers with a correct check character. Never imported by production code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Contract } from '../../../common/api/contract';
import type { Org } from '../../../common/api/org';
import type { Person } from '../../../common/api/person';
import type { Result } from '../../../common/api/result';
import type { SignOffRecord } from '../../../common/api/signoff';
import { idCheckDigit } from '../../../common/people/id-number';
import { exportJob, OFFICER, openTestCore, valueOf, type TestCore } from '../../testing/fixtures';
import { readWorkbook } from '../../testing/workbook';

/** An 18-character ID number from its first 17 digits, with the right check character. */
export const idNumber = (first17: string): string => first17 + idCheckDigit(first17);

/** The published sample of GB 11643 (check character X). */
export const SAMPLE_ID = '11010519491231002X';

export interface PeopleWorld {
  core: TestCore;
  /** Sets the clock to 12:00 in China on `day` (the same calendar day in UTC and in Asia/Shanghai). */
  at(day: string): void;
  call(channel: string, payload: unknown, session?: typeof OFFICER): Promise<Result<unknown>>;
  client: Org;
  vendor: Org;
  contract: Contract;
  person(fields?: Record<string, unknown>): Promise<Person>;
  signOff(personId: number, fields?: Record<string, unknown>): Promise<SignOffRecord>;
}

let seq = 0;

export async function openPeopleWorld(day = '2024-06-01'): Promise<PeopleWorld> {
  let clock = new Date(`${day}T04:00:00.000Z`);
  const core = await openTestCore({ now: () => clock });
  const call = (channel: string, payload: unknown, session = OFFICER) => core.router.invoke(channel, session, payload);
  const client = valueOf<Org>(await call('org:create', { name: '北京市卫生健康监督所', kind: 'client' }));
  const vendor = valueOf<Org>(await call('org:create', { name: '北京金山云网络技术有限公司', shortName: '金山云', kind: 'vendor' }));
  const contract = valueOf<Contract>(
    await call('contract:create', {
      numbers: [{ number: 'KSY 2024 0516 0003', scheme: '合同编号', isMain: true }],
      projectName: '政务云扩展服务',
      clientOrgId: client.id,
      vendorOrgId: vendor.id,
      signedDate: '2024-05-20',
      serviceStart: '2024-06-01',
      serviceEnd: '2025-05-31',
      amountFen: 67_472_000,
    }),
  );
  return {
    core,
    at(d: string) {
      clock = new Date(`${d}T04:00:00.000Z`);
    },
    call,
    client,
    vendor,
    contract,
    async person(fields = {}) {
      seq += 1;
      return valueOf<Person>(
        await call('person:create', {
          name: '张三',
          orgId: vendor.id,
          post: '运维工程师',
          idNumber: idNumber(`11010519900101${String(seq % 1000).padStart(3, '0')}`),
          phone: '13800138000',
          enteredOn: '2024-05-01',
          ...fields,
        }),
      );
    },
    async signOff(personId, fields = {}) {
      return valueOf<SignOffRecord>(
        await call('signoff:create', { personId, kind: '上岗保密承诺书', signedDate: '2024-05-20', witness: '王保密', copies: 2, keptAt: '保密办', ...fields }),
      );
    },
  };
}

const PRINT_OPTIONS = { marking: '内部', unitName: '北京市卫生健康监督所' };

/** Prints a register or sheet through `report:print` and returns the HTML the shell was given. */
export async function printedHtml(w: PeopleWorld, selection: unknown, session = OFFICER): Promise<string> {
  valueOf(await w.call('report:print', { selection, options: PRINT_OPTIONS }, session));
  const call = w.core.shell.calls.at(-1);
  if (!call || call.method !== 'printHtml') throw new Error('nothing printed');
  return call.html;
}

/** Exports a register through `report:xlsx` into the test's directory and reads the workbook back. */
export async function exportedSheet(w: PeopleWorld, selection: unknown): Promise<ExcelJS.Worksheet> {
  const path = join(w.core.dir, `export-${++seq}.xlsx`);
  w.core.shell.savePath = path;
  const job = await exportJob(w.core.router, OFFICER, 'report:xlsx', { selection, options: PRINT_OPTIONS });
  if (job.state !== 'done') throw new Error(`export failed: ${job.error}`);
  const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return ws;
}

/** The cells of each row of a printed register's table (the first table's body), in order; none for （无记录）. */
export function tableRows(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)]
    .filter((m) => !m[1]!.includes('class="center empty"'))
    .map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!));
}

/** Every cell of a worksheet as text, row by row, for “never appears” checks. */
export function sheetText(ws: ExcelJS.Worksheet): string {
  const lines: string[] = [];
  ws.eachRow((row) => lines.push((row.values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v))).join('\t')));
  return lines.join('\n');
}

export function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}
