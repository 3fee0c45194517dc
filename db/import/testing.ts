/**
 * Shared set-up of the import tests: workbooks made with exceljs, files handed to the fake shell,
 * and the counts of every table an import may write. Never imported by production code.
 */
import ExcelJS from 'exceljs';
import type { ImportPreview } from '../../common/api/import';
import type { ImportRegister } from '../../common/import/registers';
import type { Result } from '../../common/api/result';
import { countRows, valueOf, type TestCore } from '../testing/fixtures';

export type Opened = {
  opened: true;
  token: string;
  fileName: string;
  sm3: string;
  encoding: string | null;
  sheet: string;
  sheets: { name: string; hidden: boolean; headerRow: number; headers: string[]; suggested: Record<string, number | null>; rowCount: number }[];
};

export async function xlsxOf(sheets: Record<string, unknown[][]>, hidden: string[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    if (hidden.includes(name)) ws.state = 'hidden';
    for (const row of rows) ws.addRow(row);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

type Call = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export async function openImport(core: TestCore, call: Call, register: ImportRegister, name: string, bytes: Uint8Array): Promise<Result<unknown>> {
  core.shell.openFiles.push({ name, bytes });
  return call('import:open', { register });
}

/** The preview/commit input for the sheet `import:open` chose, with its suggested mapping. */
export function sheetInput(opened: Opened, register: ImportRegister, extra: Record<string, unknown> = {}) {
  const sheet = opened.sheets.find((s) => s.name === opened.sheet)!;
  return { token: opened.token, register, sheet: sheet.name, headerRow: sheet.headerRow, mapping: sheet.suggested, ...extra };
}

export async function preview(call: Call, input: Record<string, unknown>): Promise<ImportPreview> {
  return valueOf<ImportPreview>(await call('import:preview', input));
}

const TABLES = ['organisations', 'people', 'media', 'media_events', 'ip_filings', 'ip_filing_users', 'audit_log'];

/** Rows in every table an import may write, to show that nothing was written half-way. */
export function tableCounts(core: TestCore): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, countRows(core.db, t)]));
}
