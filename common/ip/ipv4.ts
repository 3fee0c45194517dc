/**
 * IPv4 addresses in dotted decimal: exactly four parts, each a decimal number 0–255 written
 * without leading zeros — the `IPv4address` of RFC 3986 §3.2.2, also what Node's `net.isIPv4` accepts.
 *
 * The legacy forms `inet_aton` and browsers still read — fewer than four parts (`10.1`,
 * `167772161`), hexadecimal (`0x0a`) and octal via a leading zero (`010` = 8) — are refused:
 * the same text means different addresses to different programs, which a register cannot allow.
 * Where the intended address is clear, the refusal says what to write instead.
 */
import type { PartParse } from './types';

export type V4Parse = PartParse<number>;

const MAX = 0xffffffff;
const SHAPE = 'IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10';

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

/** The value of one part as the person most likely meant it: hex when written 0x…, else decimal. */
function intendedPart(part: string): number {
  return /^0x/i.test(part) ? (part.length === 2 ? 0 : parseInt(part.slice(2), 16)) : parseInt(part, 10);
}

/**
 * Reads ASCII text (already trimmed and folded to half-width) as a strict dotted-decimal IPv4
 * address. Never throws.
 */
export function parseIpv4(text: string): V4Parse {
  const parts = text.split('.');
  const fail = (problem: string, fix?: number): V4Parse => ({
    ok: false,
    error: fix === undefined ? { problem } : { problem, fix: formatIpv4(fix) },
  });
  const join = (values: number[]) => values.reduce((acc, v) => acc * 256 + v, 0);

  if (parts.some((p) => /^0x[0-9a-f]*$/i.test(p))) {
    const readable = parts.length === 4 && parts.every((p) => /^(0x[0-9a-f]*|\d+)$/i.test(p));
    const values = readable ? parts.map(intendedPart) : [];
    return fail('含十六进制写法（0x…），IPv4 地址应写作点分十进制', readable && values.every((v) => v <= 255) ? join(values) : undefined);
  }
  if (!parts.every((p) => /^\d*$/.test(p))) return fail(`不是有效的 IPv4 地址，${SHAPE}`);
  if (parts.some((p) => p === '')) return fail(`有空的段（多余的点或点之间缺少数字），${SHAPE}`);
  if (parts.length === 1) {
    // A bare integer is an address to inet_aton (167772161 = 10.0.0.1); name that address when
    // the number is long enough to have been meant as one (its first part not 0).
    const n = Number(text);
    return n >= 2 ** 24 && n <= MAX ? fail('不是点分十进制的 IPv4 地址', n) : fail(`不是有效的 IPv4 地址，${SHAPE}`);
  }
  if (parts.length !== 4) return fail(`${parts.length < 4 ? '只有' : '有'} ${parts.length} 段，${SHAPE}`);
  const values = parts.map((p) => parseInt(p, 10));
  const big = values.findIndex((v) => v > 255);
  if (big >= 0) return fail(`第 ${big + 1} 段 ${parts[big]} 超出 0–255`);
  if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return fail('含前导零，可能被误读为八进制', join(values));
  return { ok: true, value: join(values) };
}
