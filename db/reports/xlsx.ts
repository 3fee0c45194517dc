import ExcelJS from 'exceljs';
import { neutralizeCell } from '../../common/validators/text';
import {
  DEFAULT_SIGNATURES,
  formatPrintDate,
  formatPrintedAt,
  type PrintFrame,
  type RegisterDefinition,
} from './definition';

const PROGRESS_EVERY = 500;

/**
 * The register as an .xlsx workbook with the same frame as the printed copy: title, unit,
 * marking, header row repeated when printed, page numbers, signature lines. Formula-looking
 * text is neutralised (CSV/xlsx injection).
 */
export async function registerToXlsx<Row>(
  def: RegisterDefinition<Row>,
  rows: readonly Row[],
  frame: PrintFrame,
  /** Called every few hundred rows with the rows written so far. */
  progress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  // Title, (subtitle,) unit and date, marking and selection, (facts,) then the header row.
  const top = def.subtitle ? 1 : 0;
  const facts = def.facts?.length ? 1 : 0;
  const headerRow = 4 + top + facts;
  const wb = new ExcelJS.Workbook();
  wb.creator = frame.printedBy;
  wb.created = frame.printedAt;
  const ws = wb.addWorksheet(sheetName(def.title), {
    pageSetup: {
      paperSize: 9,
      orientation: def.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: {
      oddHeader: `&L&B${escapeHeader(frame.marking)}&R${escapeHeader(def.title)}`,
      oddFooter: `&L${escapeHeader(`打印：${frame.printedBy} ${formatPrintedAt(frame.printedAt)}`)}&C第 &P 页 共 &N 页`,
    },
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  const width = def.columns.length + 1;
  ws.columns = [{ width: 6 }, ...def.columns.map((c) => ({ width: Math.max(8, c.width * 1.6) }))];

  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = def.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };

  if (def.subtitle) {
    ws.mergeCells(2, 1, 2, width);
    const subtitle = ws.getCell(2, 1);
    subtitle.value = neutralizeCell(def.subtitle);
    subtitle.alignment = { horizontal: 'center' };
  }

  ws.getCell(2 + top, 1).value = neutralizeCell(`填报单位：${frame.unitName}`);
  ws.getCell(2 + top, width).value = `打印日期：${formatPrintDate(frame.printedAt)}`;
  ws.getCell(2 + top, width).alignment = { horizontal: 'right' };
  ws.getCell(3 + top, 1).value = neutralizeCell(
    [frame.marking && `标识：${frame.marking}`, frame.selection && `筛选条件：${frame.selection}`].filter(Boolean).join('　'),
  );

  if (facts) {
    ws.mergeCells(4 + top, 1, 4 + top, width);
    const cell = ws.getCell(4 + top, 1);
    cell.value = neutralizeCell(def.facts!.map((f) => `${f.label}：${f.value}`).join('　'));
    cell.alignment = { wrapText: true, vertical: 'middle' };
  }

  const header = ws.getRow(headerRow);
  header.values = ['序号', ...def.columns.map((c) => c.header)];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  header.eachCell((cell) => {
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  });

  rows.forEach((row, i) => {
    const r = ws.addRow([def.rowNumber ? def.rowNumber(row, i) : i + 1, ...def.columns.map((c) => neutralizeCell(c.value(row)))]);
    r.alignment = { vertical: 'middle', wrapText: true };
    r.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
    });
    if (progress && (i + 1) % PROGRESS_EVERY === 0) progress(i + 1, rows.length);
  });
  progress?.(rows.length, rows.length);

  const totalRow = ws.addRow([`共 ${rows.length} 条`]);
  totalRow.font = { size: 9 };
  for (const line of def.totals?.(rows) ?? []) ws.addRow([neutralizeCell(line)]).font = { size: 9 };
  for (const line of def.closing ?? []) {
    const r = ws.addRow([neutralizeCell(`${line.label}：${line.value}`)]);
    ws.mergeCells(r.number, 1, r.number, width);
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.addRow([]);
  ws.addRow((def.signatures ?? DEFAULT_SIGNATURES).flatMap((s) => [`${s}：`, '']));
  if (def.footnote) ws.addRow([neutralizeCell(def.footnote)]).font = { size: 8 };

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A worksheet's name: at most 31 characters, none of * ? : \\ / [ ] (介质借用/归还登记簿 → 介质借用-归还登记簿). */
export function sheetName(title: string): string {
  return title.replace(/[*?:\\/[\]]/g, '-').slice(0, 31);
}

/** `&` starts a code in Excel header/footer text. */
function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&');
}
