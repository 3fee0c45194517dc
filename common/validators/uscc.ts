/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 * 18 characters from a 31-symbol alphabet (no I, O, Z, S, V); the 18th is a check
 * character computed over the first 17 with weights 3^i mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccCheck =
  | { ok: true; value: string }
  | { ok: false; message: string };

/** Upper-cases and removes spaces, the only corrections applied silently. */
export function normalizeUscc(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '').toUpperCase();
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`invalid USCC character at ${i}`);
    sum += v * (WEIGHTS[i] as number);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function checkUscc(raw: string): UsccCheck {
  const value = normalizeUscc(raw);
  if (value.length !== 18) {
    return { ok: false, message: `统一社会信用代码应为 18 位，当前为 ${value.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = value.charAt(i);
    if (!USCC_ALPHABET.includes(ch)) {
      const hint = 'IOZSV'.includes(ch) ? `（代码中不使用字母 ${ch}，请核对是否应为数字）` : '';
      return { ok: false, message: `统一社会信用代码第 ${i + 1} 位“${ch}”不是有效字符${hint}` };
    }
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (expected !== value.charAt(17)) {
    return {
      ok: false,
      message: `统一社会信用代码校验位不符（按 GB 32100 第 18 位应为 ${expected}），请逐位核对是否录入有误`,
    };
  }
  return { ok: true, value };
}
