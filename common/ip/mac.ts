/**
 * MAC addresses (IEEE 802 48-bit, EUI-48) of the devices named in access-IP filings.
 *
 * Stored as `AA-BB-CC-DD-EE-FF`: uppercase hex pairs joined by hyphens, the hexadecimal
 * representation of IEEE Std 802 and what Windows (`ipconfig /all`, `getmac`) prints, which is
 * the form office staff copy onto filing forms.
 *
 * | Typed                                       | Decision                                                  |
 * |---------------------------------------------|-----------------------------------------------------------|
 * | `aa-bb-cc-dd-ee-ff`, `AA:BB:CC:DD:EE:FF`    | accepted; one separator throughout                        |
 * | `0:1b:63:84:45:e6` (macOS drops zeros)      | accepted, groups padded: `00-1B-63-84-45-E6`              |
 * | `aabb.ccdd.eeff` (Cisco)                    | accepted                                                  |
 * | `aabb-ccdd-eeff` (Huawei, H3C)              | accepted                                                  |
 * | `aabbccddeeff`                              | accepted                                                  |
 * | full-width `ＡＡ－ＢＢ…`, surrounding spaces  | NFKC and trim applied; a note for full-width              |
 * | mixed separators `aa-bb:cc…`                | refused                                                   |
 * | wrong number of digits, non-hex characters  | refused, naming the count or the character                |
 * | `00-00-00-00-00-00`, `FF-FF-FF-FF-FF-FF`    | refused: not a device's address                           |
 * | group address (first byte odd, `01-00-5E…`) | refused: multicast, never a device's own address          |
 * | locally administered (second hex digit 2, 6, A, E) | accepted with a note: often a randomised (private) address that changes per network |
 */

export type MacParse = { ok: true; value: string; notes: string[] } | { ok: false; message: string };

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Groups of one shape: separator and the digits each group may have. */
const SHAPES: Array<{ pattern: RegExp; name: string }> = [
  { pattern: /^[0-9a-f]{1,2}(-[0-9a-f]{1,2}){5}$/i, name: 'hyphen' },
  { pattern: /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i, name: 'colon' },
  { pattern: /^[0-9a-f]{4}([.-][0-9a-f]{4}){2}$/i, name: 'quad' },
  { pattern: /^[0-9a-f]{12}$/i, name: 'bare' },
];

export function parseMac(raw: string): MacParse {
  if (typeof raw !== 'string') return { ok: false, message: '请填写 MAC 地址' };
  const typed = raw.replace(INVISIBLE, '').trim();
  if (typed === '') return { ok: false, message: '请填写 MAC 地址' };
  if (typed.length > 64) return { ok: false, message: `内容过长（${typed.length} 个字符），不是有效的 MAC 地址` };
  const refuse = (ch: string): MacParse => ({
    ok: false,
    message: `MAC 地址 ${typed} 含有${/\s/.test(ch) ? '空格' : `字符“${ch}”`}，只能由 0–9、A–F 及分隔符 - : . 组成`,
  });
  // Only full-width forms are folded, so that NFKC cannot turn look-alikes (ⓐ, ①) into digits.
  for (const ch of typed) if (ch > '\u007f' && !/[\uff01-\uff5e]/.test(ch)) return refuse(ch);
  const s = typed.normalize('NFKC');
  const folded = s !== typed;
  const odd = /[^0-9a-f:.-]/i.exec(s);
  if (odd) return refuse(odd[0]);
  const separators = new Set(s.replace(/[0-9a-f]/gi, ''));
  if (separators.size > 1) {
    return { ok: false, message: `MAC 地址 ${typed} 混用了多种分隔符，请统一写作 AA-BB-CC-DD-EE-FF` };
  }
  const shape = SHAPES.find((sh) => sh.pattern.test(s));
  if (!shape) {
    const digits = s.replace(/[^0-9a-f]/gi, '').length;
    const why = digits === 12 ? '分组不正确' : `应为 12 位十六进制数，当前为 ${digits} 位`;
    return { ok: false, message: `MAC 地址 ${typed} ${why}，如 AA-BB-CC-DD-EE-FF` };
  }
  const hex = shape.name === 'hyphen' || shape.name === 'colon'
    ? s.split(/[-:]/).map((g) => g.padStart(2, '0')).join('')
    : s.replace(/[.-]/g, '');
  const value = (hex.toUpperCase().match(/../g) as string[]).join('-');

  if (/^0+$/.test(hex) || /^f+$/i.test(hex)) {
    return { ok: false, message: `MAC 地址 ${value} 是${/^0+$/.test(hex) ? '全零地址' : '广播地址'}，不是设备网卡的实际地址` };
  }
  const first = parseInt(hex.slice(0, 2), 16);
  if (first & 1) {
    return { ok: false, message: `MAC 地址 ${value} 是组播地址（第一个字节为奇数），不是设备网卡的实际地址，请核对` };
  }
  const notes: string[] = [];
  if (folded) notes.push(`已将全角字符转为半角，按 ${value} 登记`);
  if (first & 2) notes.push(`MAC 地址 ${value} 是本地管理地址，可能是系统随机生成的地址，设备更换网络后可能变化`);
  return { ok: true, value, notes };
}
