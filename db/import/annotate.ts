import ExcelJS from 'exceljs';
import type { ImportRow } from '../../common/api/import';
import { cellText } from '../../common/import/values';
import { neutralizeCell } from '../../common/validators/text';
import type { ImportSheet } from './read';

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const RESULT_HEADER = '导入检查结果';

/**
 * The sheet as it was read, with a column of what the check found on each row; a cell with an
 * error is shaded and carries the message as a note, so the officer corrects the file where it is
 * wrong and imports it again. All text is neutralised (formula injection).
 */
export async function annotatedXlsx(sheet: ImportSheet, headerRow: number, rows: readonly ImportRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.name.slice(0, 31) || '导入检查');
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  const byLine = new Map(rows.map((r) => [r.line, r]));
  sheet.rows.forEach((cells, index) => {
    const line = index + 1;
    const values = Array.from({ length: width }, (_, c) => {
      const cell = cells[c] ?? null;
      return typeof cell === 'number' ? cell : neutralizeCell(cellText(cell));
    });
    const checked = byLine.get(line);
    const result = index === headerRow ? RESULT_HEADER : checked ? (checked.status === 'ok' ? '可导入' : neutralizeCell(checked.errors.map((e) => e.message).join('\n'))) : '';
    const row = ws.addRow([...values, result]);
    if (index === headerRow) row.font = { bold: true };
    if (!checked || checked.status === 'ok') return;
    const last = row.getCell(width + 1);
    last.font = { color: { argb: 'FFC00000' } };
    last.alignment = { wrapText: true, vertical: 'top' };
    for (const error of checked.errors) {
      if (error.column === null) continue;
      const cell = row.getCell(error.column + 1);
      cell.fill = ERROR_FILL;
      cell.note = error.message;
    }
  });
  ws.getColumn(width + 1).width = 60;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
