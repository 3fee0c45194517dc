/**
 * Wire encoding for transports that carry JSON only (the browser harness binding):
 * Date and Uint8Array survive the trip. Electron IPC uses structured clone and needs none of it.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const DATE = '$date';
const BYTES = '$bytes';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return btoa(s);
}
/** `null` when the text is not base64 (atob throws on it). */
function fromBase64(text: string): Uint8Array | null {
  let s: string;
  try {
    s = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Sets an own property; plain assignment of `__proto__` would replace the prototype and lose the data. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function encodeWire(value: unknown): Json {
  if (value === null || value === undefined) return null;
  // An invalid Date has no ISO form (toISOString throws); JSON.stringify makes it null too.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { [DATE]: value.toISOString() };
  if (value instanceof Uint8Array) return { [BYTES]: toBase64(value) };
  if (Array.isArray(value)) return value.map(encodeWire);
  if (typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, encodeWire(v));
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') return null;
  return value as Json;
}

export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const rec = value as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === DATE && typeof rec[DATE] === 'string') return new Date(rec[DATE]);
    if (keys.length === 1 && keys[0] === BYTES && typeof rec[BYTES] === 'string') {
      const bytes = fromBase64(rec[BYTES]);
      if (bytes) return bytes;
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) setOwn(out, k, decodeWire(rec[k]));
    return out;
  }
  return value;
}
