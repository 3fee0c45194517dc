import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../common/api/attachment';
import { sm3, toHex } from '../../common/crypto/sm3';
import { sm3HexSliced } from './digest';
import { cleanFileName, detectMime, MAX_FILE_NAME } from './filetype';
import { SAMPLE_JPEG, SAMPLE_PNG, samplePdf } from './samples';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('detectMime', () => {
  it('recognises PDF, PNG and JPEG by their magic bytes', () => {
    expect(detectMime(samplePdf())).toBe('application/pdf');
    expect(detectMime(SAMPLE_PNG)).toBe('image/png');
    expect(detectMime(SAMPLE_JPEG)).toBe('image/jpeg');
  });

  it('accepts a PDF header within the first 1024 bytes, as PDF readers do, and not later', () => {
    const at = (offset: number) => {
      const bytes = new Uint8Array(offset + 16).fill(0x20);
      bytes.set(ascii('%PDF-1.7'), offset);
      return detectMime(bytes);
    };
    expect(at(0)).toBe('application/pdf');
    expect(at(1019)).toBe('application/pdf');
    expect(at(1020)).toBeNull();
  });

  it('refuses near misses and other formats', () => {
    for (const text of ['%PDF', '%pdf-1.4', 'PDF-1.4', 'GIF89a', 'II*\0', 'MM\0*', 'PK\x03\x04', '<html>']) {
      expect(detectMime(ascii(text)), text).toBeNull();
    }
    expect(detectMime(SAMPLE_PNG.subarray(0, 7))).toBeNull();
    expect(detectMime(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(detectMime(new Uint8Array())).toBeNull();
  });

  it('finds a type only where one of the magic sequences is (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = String.fromCharCode(...bytes);
        const expected =
          bytes[0] === 0x89 && text.startsWith('\x89PNG\r\n\x1a\n')
            ? 'image/png'
            : text.startsWith('\xff\xd8\xff')
              ? 'image/jpeg'
              : text.includes('%PDF-')
                ? 'application/pdf'
                : null;
        expect(detectMime(bytes)).toBe(expected);
      }),
    );
  });
});

describe('cleanFileName', () => {
  it('keeps the base name of Windows and POSIX paths', () => {
    expect(cleanFileName('C:\\Users\\王\\合同.pdf')).toBe('合同.pdf');
    expect(cleanFileName('/home/u/文档/合同.pdf')).toBe('合同.pdf');
    expect(cleanFileName('  合同 扫描件.pdf  ')).toBe('合同 扫描件.pdf');
  });

  it('removes control and bidirectional-override characters', () => {
    expect(cleanFileName('合同\u0000\u001f\u007f.pdf')).toBe('合同.pdf');
    expect(cleanFileName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
  });

  it('shortens in the middle, keeping the extension, counting characters not UTF-16 units', () => {
    const name = cleanFileName(`${'𠀀'.repeat(300)}.jpeg`);
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME);
    expect(name.endsWith('𠀀….jpeg')).toBe(true);
  });

  it('always yields a short base name without separators or control characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = cleanFileName(raw);
        expect(Array.from(name).length).toBeLessThanOrEqual(MAX_FILE_NAME);
        // eslint-disable-next-line no-control-regex -- what must never remain
        expect(name).not.toMatch(/[\\/\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});

describe('sm3HexSliced', () => {
  it('equals the one-shot SM3 whatever the slice size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), async (bytes, slice) => {
        expect(await sm3HexSliced(bytes, slice)).toBe(toHex(sm3(bytes)));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the event loop a turn between slices', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    await sm3HexSliced(new Uint8Array(8 * 1024 * 1024));
    clearInterval(timer);
    expect(turns).toBeGreaterThan(0);
  });
});

describe('formatBytes', () => {
  it('shows B, KB and MB with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1024 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(2.34 * 1024 * 1024)).toBe('2.3 MB');
  });
});
