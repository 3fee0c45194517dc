import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeWire, encodeWire } from './wire';

/** What a JSON-only transport (the harness binding) does to the encoded value. */
const overJson = (value: unknown): unknown => decodeWire(JSON.parse(JSON.stringify(encodeWire(value))));

// Values a payload may hold: JSON data plus Date and Uint8Array (DESIGN.md §3).
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', '$', '$dat'));
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 40 }),
);
const { value: wireValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));

describe('wire encoding', () => {
  it('round-trips JSON data with Date and Uint8Array through JSON text', () => {
    fc.assert(
      fc.property(wireValue, (value) => {
        expect(overJson(value)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('restores a Date as a Date with the same instant', () => {
    const at = new Date('2025-03-01T08:30:00.123+08:00');
    const back = overJson({ at }) as { at: unknown };
    expect(back.at).toBeInstanceOf(Date);
    expect((back.at as Date).getTime()).toBe(at.getTime());
  });

  it('restores bytes as a Uint8Array, including a Node Buffer, byte for byte', () => {
    const bytes = Uint8Array.from([0, 1, 127, 128, 254, 255]);
    const back = overJson({ file: { name: 'a.pdf', bytes }, buf: Buffer.from('保密', 'utf8') }) as {
      file: { bytes: unknown };
      buf: unknown;
    };
    expect(back.file.bytes).toBeInstanceOf(Uint8Array);
    expect([...(back.file.bytes as Uint8Array)]).toEqual([...bytes]);
    expect(Buffer.from(back.buf as Uint8Array).toString('utf8')).toBe('保密');
  });

  it('turns non-finite numbers into null, as JSON does', () => {
    expect(encodeWire({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: [Number.NEGATIVE_INFINITY, 1] })).toEqual({
      a: null,
      b: null,
      c: [null, 1],
    });
  });

  it('drops undefined properties and turns functions, symbols and bigints into null', () => {
    expect(encodeWire({ a: undefined, b: 1 })).toEqual({ b: 1 });
    expect(encodeWire([undefined, () => 1, Symbol('s'), 10n])).toEqual([null, null, null, null]);
  });

  it('encodes an invalid Date as null instead of throwing', () => {
    expect(encodeWire({ at: new Date(Number.NaN) })).toEqual({ at: null });
  });

  it('keeps a "__proto__" key as data and never changes the prototype', () => {
    const payload = JSON.parse('{"__proto__":{"admin":true},"name":"x"}') as Record<string, unknown>;
    const encoded = encodeWire(payload) as Record<string, unknown>;
    expect(Object.keys(encoded)).toEqual(['__proto__', 'name']);
    const decoded = decodeWire(JSON.parse(JSON.stringify(encoded))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect((decoded as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.keys(decoded)).toEqual(['__proto__', 'name']);
  });

  it('leaves objects that merely resemble a tag alone', () => {
    expect(decodeWire({ $date: 5 })).toEqual({ $date: 5 });
    expect(decodeWire({ $bytes: 'AA==', other: 1 })).toEqual({ $bytes: 'AA==', other: 1 });
  });
});

describe('decodeWire on untrusted JSON', () => {
  it('never throws, whatever JSON the page sends', () => {
    const tagged = fc.oneof(
      fc.record({ $bytes: fc.string({ maxLength: 12 }) }),
      fc.record({ $date: fc.string({ maxLength: 12 }) }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), tagged, fc.array(tagged, { maxLength: 3 })), (json) => {
        expect(() => decodeWire(json)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a $bytes object with invalid base64 as it is (the schema then refuses it)', () => {
    expect(decodeWire({ $bytes: '%%% not base64' })).toEqual({ $bytes: '%%% not base64' });
    expect(decodeWire([{ $bytes: 'A' }])).toEqual([{ $bytes: 'A' }]);
  });
});
