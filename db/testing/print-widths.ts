/**
 * Widths on the printed page (db/reports/html.ts), for tests that keep a value on one line of a
 * register's column. Never imported by production code.
 */
import type { RegisterDefinition } from '../reports/definition';

// A4 landscape or portrait, 12 mm side margins, a 序号 column of width 4 in front, 1.2 mm cell
// padding on each side.
const PAGE_WIDTH_MM = { landscape: 297, portrait: 210 } as const;
const SIDE_MARGINS_MM = 2 * 12;
const PADDING_MM = 2 * 1.2;
const POINT_MM = 25.4 / 72;

/** Usable width of a register's column, in mm. */
export function columnMm<Row>(def: RegisterDefinition<Row>, header: string): number {
  const total = 4 + def.columns.reduce((s, c) => s + c.width, 0);
  const column = def.columns.find((c) => c.header === header);
  if (!column) throw new Error(`no column ${header}`);
  return (column.width / total) * (PAGE_WIDTH_MM[def.orientation] - SIDE_MARGINS_MM) - PADDING_MM;
}

/**
 * Width of a line of text at the register's size, from the widths Chromium gives the serif CJK
 * font: CJK characters 1 em, capitals 0.7 em, digits 0.55 em, hyphens 0.35 em, asterisks and other
 * ASCII 0.5 em.
 */
export function textMm<Row>(def: RegisterDefinition<Row>, text: string): number {
  const width = (ch: string) => (/[0-9]/.test(ch) ? 0.55 : ch === '-' ? 0.35 : /[A-Z]/.test(ch) ? 0.7 : /[\x20-\x7e]/.test(ch) ? 0.5 : 1);
  const em = [...text].reduce((s, ch) => s + width(ch), 0);
  return em * (def.fontSize ?? 9.5) * POINT_MM;
}
