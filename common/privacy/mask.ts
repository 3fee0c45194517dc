/**
 * Masking of personal data in lists, prints and exports (DESIGN.md §4). Revealing the full value
 * is a separate, permission-checked and audited call.
 */
const STAR = '*';

/** 身份证号: first 3 and last 2 characters kept, e.g. 110***********123X → 110*************3X. */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length <= 5) return STAR.repeat(v.length);
  return `${v.slice(0, 3)}${STAR.repeat(v.length - 5)}${v.slice(-2)}`;
}

/** Phone: first 3 and last 4 digits kept (138****8000); other characters are kept in place. */
export function maskPhone(phone: string): string {
  const v = phone.trim();
  const digits = [...v].filter((c) => c >= '0' && c <= '9').length;
  if (digits <= 7) return v.replace(/[0-9]/g, STAR);
  let seen = 0;
  return [...v]
    .map((c) => {
      if (c < '0' || c > '9') return c;
      seen++;
      return seen <= 3 || seen > digits - 4 ? c : STAR;
    })
    .join('');
}

/**
 * One or more phone numbers as written for one person (“0519-81236533 15851967128”, separated by
 * spaces, commas or 、): each number masked on its own, the separators kept.
 */
export function maskPhones(text: string): string {
  return text
    .split(/([\s,，、;；/]+)/)
    .map((part, i) => (i % 2 === 1 || part === '' ? part : maskPhone(part)))
    .join('');
}
