/** Phone numbers as written in Chinese offices: 010-12345678, 0571-8888888-123, 13800138000, +86 138 0013 8000. */
export const PHONE_PATTERN = /^(\+?\d{1,3}[\s-]?)?(\(?\d{2,5}\)?[\s-]?)?\d{3,4}[\s-]?\d{3,4}([\s-]?(转|ext\.?|-)\s?\d{1,6})?$/i;

/** Formula-looking cell content that spreadsheet programs would evaluate (CSV/xlsx injection). */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Makes a cell value inert in spreadsheet programs by prefixing formula-looking text with an apostrophe. */
export function neutralizeCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
