/** Phone numbers as written in Chinese offices: 010-12345678, 0571-8888888-123, 13800138000, +86 138 0013 8000. */
export const PHONE_PATTERN = /^(\+?\d{1,3}[\s-]?)?(\(?\d{2,5}\)?[\s-]?)?\d{3,4}[\s-]?\d{3,4}([\s-]?(转|ext\.?|-)\s?\d{1,6})?$/i;

/**
 * One or more phone numbers as contracts write them for one person, each as PHONE_PATTERN takes it:
 * `0519-81236533 15851967128` (001), `010-12345678、13800138000`, `010-12345678 / 13800138000`.
 * Numbers are separated by 、，,；; or /, or by spaces alone when every part is a number by itself
 * (`+86 138 0013 8000` stays one number).
 */
export function isPhoneList(text: string): boolean {
  const parts = text.split(/[、，,；;/／]/).map((p) => p.trim());
  return parts.length > 0 && parts.every((p) => p !== '' && isSpacedPhones(p.split(/\s+/)));
}

/** True when the words can be cut into consecutive runs that each read as one number. */
function isSpacedPhones(words: string[]): boolean {
  // ok[i]: the first i words are whole numbers.
  const ok = [true, ...words.map(() => false)];
  for (let end = 1; end <= words.length; end++) {
    for (let start = 0; start < end && !ok[end]; start++) {
      ok[end] = ok[start]! && PHONE_PATTERN.test(words.slice(start, end).join(' '));
    }
  }
  return ok[words.length]!;
}

/** Formula-looking cell content that spreadsheet programs would evaluate (CSV/xlsx injection). */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Makes a cell value inert in spreadsheet programs by prefixing formula-looking text with an apostrophe. */
export function neutralizeCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
