import type { AuditDetails } from '../audit/log';
import { saveFile } from '../core/files';
import { auditDetails, prepare, xlsxTable, type Options, type ReadContext, type Selection } from './prepare';
import { registerToXlsx } from './xlsx';

export interface XlsxExported {
  rows: number;
  audit: AuditDetails;
}

/**
 * The long part of report:xlsx, run in a worker on its own connection: chooses the rows, builds
 * the workbook, writes it to `path` (atomically) and returns the audit record for the main thread
 * to write. Progress counts the rows written into the workbook.
 */
export async function exportRegisterXlsx(
  ctx: ReadContext,
  selection: Selection,
  options: Options,
  path: string,
  progress: (done: number, total: number) => void,
): Promise<XlsxExported> {
  const p = prepare(ctx, selection, options, 'xlsx');
  const table = xlsxTable(p);
  progress(0, table.rows.length);
  const bytes = await registerToXlsx(table.def, table.rows as never[], p.frame, progress);
  await saveFile(path, bytes);
  return { rows: p.count, audit: auditDetails(p, '导出 Excel', path, selection) };
}
