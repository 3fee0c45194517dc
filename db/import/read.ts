import ExcelJS from 'exceljs';
import { DomainError } from '../../common/api/result';
import type { Cell } from '../../common/import/values';

/**
 * Readers of the spreadsheets offices keep their registers in. Both give a workbook of sheets of
 * plain cells (text, numbers, booleans, null); dates come as YYYY-MM-DD text; formulas as the value
 * the spreadsheet last computed, never the formula. Whatever the bytes, a reader either answers or
 * throws a DomainError whose message says in Chinese what is wrong with the file.
 */
export interface ImportSheet {
  name: string;
  hidden: boolean;
  rows: Cell[][];
}
export interface ImportWorkbook {
  format: 'xlsx' | 'csv';
  /** The text encoding a CSV was read in. */
  encoding: 'utf-8' | 'gb18030' | null;
  sheets: ImportSheet[];
}

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
export const IMPORT_MAX_COLUMNS = 200;
export const IMPORT_MAX_CELL_CHARS = 5_000;

const refuse = (message: string): never => {
  throw new DomainError('RULE', message);
};

const tooManyRows = (name: string) =>
  refuse(`“${name}”超过 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请分成几个文件分批导入`);

/** The workbook in a file, by its name and content. */
export async function readImportFile(fileName: string, bytes: Uint8Array): Promise<ImportWorkbook> {
  if (bytes.length > IMPORT_MAX_BYTES) refuse(`文件“${fileName}”超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件分批导入`);
  if (bytes.length === 0) refuse(`文件“${fileName}”是空文件，没有可导入的内容`);
  const lower = fileName.toLowerCase();
  if (isZip(bytes)) return readXlsx(fileName, bytes);
  if (isCfb(bytes)) {
    refuse(`文件“${fileName}”设有打开密码，或是旧版 Excel 97-2003（.xls）文件：请在 Excel 中取消密码并“另存为”Excel 工作簿（.xlsx）后再导入`);
  }
  if (lower.endsWith('.xlsx')) refuse(`文件“${fileName}”不是有效的 .xlsx 文件（文件已损坏或并非 Excel 工作簿），请在 Excel 中打开确认后重新保存`);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(fileName, bytes);
  return refuse(`不支持文件“${fileName}”的格式，请选择 Excel 工作簿（.xlsx）或 CSV 文件（.csv）`);
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isCfb = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Text as stored: over-long cells cut, and the apostrophe our own exports put before formula-like
 * text (neutralizeCell) taken off again, so an exported register imports as it was.
 */
function clip(text: string): string {
  const inert = /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
  return inert.length > IMPORT_MAX_CELL_CHARS ? inert.slice(0, IMPORT_MAX_CELL_CHARS) : inert;
}

const isoDate = (d: Date) =>
  Number.isNaN(d.getTime()) ? null : `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

/** A cell value of exceljs as a plain cell: formulas by their cached result, rich text by its text. */
function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === 'object' && result !== null && 'error' in result) return null;
      return plain(result as ExcelJS.CellValue);
    }
    if ('richText' in value && Array.isArray(value.richText)) return clip(value.richText.map((r) => r.text ?? '').join(''));
    if ('text' in value && 'hyperlink' in value) return plain((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return null;
  }
  return null;
}

async function readXlsx(fileName: string, bytes: Uint8Array): Promise<ImportWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return refuse(`无法读取文件“${fileName}”：文件已损坏、不完整或不是 Excel 工作簿。请在 Excel 中打开确认无误后重新“另存为”.xlsx 再导入`);
  }
  const sheets: ImportSheet[] = [];
  for (const ws of wb.worksheets) {
    if (ws.actualRowCount > IMPORT_MAX_ROWS + HEADER_ALLOWANCE) tooManyRows(`${fileName}”的工作表“${ws.name}`);
    const width = Math.min(ws.columnCount, IMPORT_MAX_COLUMNS);
    const rows: Cell[][] = [];
    // Only rows holding something are visited; the gaps between them stay as empty rows.
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      while (rows.length < r - 1) rows.push([]);
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // A merged cell repeats its master's value, as the printed register shows it.
        const source = cell.isMerged && cell.master ? cell.master : cell;
        cells.push(plain(source.value));
      }
      rows.push(trimRow(cells));
    });
    sheets.push({ name: ws.name, hidden: ws.state !== 'visible', rows: trimRows(rows) });
  }
  if (sheets.length === 0) refuse(`文件“${fileName}”中没有工作表`);
  return { format: 'xlsx', encoding: null, sheets };
}

/** Rows allowed above the data for titles and the header. */
const HEADER_ALLOWANCE = 40;

function trimRow(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] === null || cells[end - 1] === '')) end--;
  return cells.slice(0, end);
}
function trimRows(rows: Cell[][]): Cell[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.length === 0) end--;
  return rows.slice(0, end);
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise GB18030 (a superset of GBK), as Chinese Excel saves CSV. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The field separator: a comma unless the first line has more tabs or semicolons (outside quotes). */
function separatorOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const counts = [',', '\t', ';'].map((s) => [s, firstLine.split(s).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** RFC 4180 CSV: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, fileName = 'CSV'): Cell[][] {
  const sep = separatorOf(text);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field === '' ? null : clip(field));
    field = '';
    if (row.length > IMPORT_MAX_COLUMNS) row.length = IMPORT_MAX_COLUMNS;
  };
  const endRow = () => {
    endField();
    rows.push(trimRow(row));
    row = [];
    if (rows.length > IMPORT_MAX_ROWS + HEADER_ALLOWANCE) tooManyRows(fileName);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return trimRows(rows);
}

function readCsv(fileName: string, bytes: Uint8Array): ImportWorkbook {
  if (bytes.subarray(0, 4096).includes(0)) refuse(`文件“${fileName}”不是文本格式的 CSV 文件（含有二进制内容），请在 Excel 中“另存为”CSV 或 .xlsx 后再导入`);
  const { text, encoding } = decodeText(bytes);
  const stem = fileName.replace(/\.[^.]*$/, '') || 'CSV';
  return { format: 'csv', encoding, sheets: [{ name: stem, hidden: false, rows: parseCsv(text, fileName) }] };
}
