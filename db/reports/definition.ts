/**
 * A printed register (台账), described once and rendered to HTML (→ PDF / printer)
 * and to xlsx with the common frame of REGISTER-FORMATS.md.
 */
export interface RegisterColumn<Row> {
  header: string;
  /** Relative width; columns share the page width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
  value(row: Row): string;
}

export interface RegisterDefinition<Row> {
  /** Title centred on the first page, e.g. 单位名录. */
  title: string;
  /** A line under the title naming what the register is of, e.g. the contract of a personnel list. */
  subtitle?: string;
  /** File name stem for saved files. */
  fileStem: string;
  orientation: 'landscape' | 'portrait';
  /** Body text size in points; registers with many columns print smaller (default 9.5). */
  fontSize?: number;
  /**
   * The 序号 column in front of the columns: the row's position unless the register has its own
   * numbers (the audit register prints each record's sequence number).
   */
  rowNumber?(row: Row, index: number): string;
  /** A 序号 column is added in front of these. */
  columns: RegisterColumn<Row>[];
  /** Lines at the foot of the table after 共 N 条, e.g. 合计 per kind (the 销毁登记表). */
  totals?(rows: readonly Row[]): string[];
  /** Facts about the whole register printed above the table, e.g. 清查日期 · 清查人 · 应有数量. */
  facts?: LabelledText[];
  /** Labelled lines after the table and its count, before the signatures, e.g. totals and a conclusion. */
  closing?: LabelledText[];
  /** Signature lines after the table; 制表人 · 审核人 · 日期 when not given. */
  signatures?: string[];
  /** Small print after everything else, e.g. what the register leaves out and where to find it. */
  footnote?: string;
}

export interface LabelledText {
  label: string;
  value: string;
}

/** Everything a printed copy needs to be traced back to the export that made it. */
export interface PrintFrame {
  unitName: string;
  marking: string;
  printedBy: string;
  printedAt: Date;
  /** What the rows were chosen by, e.g. 类型：乙方；检索：华为. Empty for the whole register. */
  selection: string;
}

export const DEFAULT_SIGNATURES = ['制表人', '审核人', '日期'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time of the workstation, as printed on paper. */
export function formatPrintedAt(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatPrintDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/**
 * A printed sheet about one record (合同概要表, 交接单, 履历卡): titled sections of labelled fields
 * and small tables, in the same frame as the registers (marking, page numbers, printed-by).
 */
export type SheetSection =
  | {
      kind: 'fields';
      heading?: string;
      /** Label/value pairs per line (2 → four cells a line). */
      perLine: 1 | 2 | 3;
      fields: { label: string; value: string; /** Pairs this field spans (up to perLine). */ span?: number }[];
    }
  | {
      kind: 'table';
      heading?: string;
      columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[];
      rows: string[][];
      /** Shown in one cell when there are no rows (and no blank rows). */
      empty: string;
      /** A small line under the heading, e.g. why the rows are to be filled in by hand. */
      note?: string;
      /** Ruled empty rows after the rows, to be filled in by hand on paper. */
      blankRows?: number;
    }
  | { kind: 'text'; heading?: string; text: string }
  /** Running text of a document (a commitment's numbered paragraphs): no frame, each paragraph indented. */
  | { kind: 'prose'; heading?: string; paragraphs: string[]; size?: 'normal' | 'small' }
  /** Signature lines inside the sheet (e.g. before a closing line), as the frame draws them at the end. */
  | { kind: 'signatures'; heading?: string; labels: string[] };

export interface SheetDefinition {
  title: string;
  /** Under the title, e.g. the contract's main number. */
  subtitle?: string;
  fileStem: string;
  orientation: 'landscape' | 'portrait';
  sections: SheetSection[];
  /** Signature lines at the end; 制表人 · 审核人 · 日期 when not given, none when empty. */
  signatures?: string[];
  /** Small print after everything else, e.g. which template version a document was printed from. */
  footnote?: string;
}
