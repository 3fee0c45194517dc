/** Small files of each allowed type, for tests. Never imported by production code. */

const encoder = new TextEncoder();
const fromBase64 = (b64: string) => Uint8Array.from(Buffer.from(b64, 'base64'));

/** A one-page PDF that Chromium's viewer renders (“Hello PDF”). */
export function samplePdf(text = 'Hello PDF'): Uint8Array<ArrayBuffer> {
  const stream = `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`;
  return encoder.encode(
    [
      '%PDF-1.4',
      '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
      '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj',
      `4 0 obj<</Length ${stream.length}>>stream`,
      stream,
      'endstream endobj',
      '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj',
      'trailer<</Root 1 0 R>>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

/** An object of a PDF: its dictionary, and the bytes of its stream if it has one. */
type PdfObject = string | { dict: string; stream: Uint8Array };

/** A PDF file from its objects (numbered from 1), with a correct cross-reference table. */
function assemblePdf(objects: readonly PdfObject[], trailer = ''): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const write = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  write('%PDF-1.4\n');
  const offsets = objects.map((object, i) => {
    const offset = length;
    if (typeof object === 'string') write(`${i + 1} 0 obj\n${object}\nendobj\n`);
    else {
      write(`${i + 1} 0 obj\n${object.dict.replace(/>>$/, `/Length ${object.stream.length}>>`)}stream\n`);
      write(object.stream);
      write('\nendstream\nendobj\n');
    }
    return offset;
  });
  const xref = length;
  write(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) write(`${String(offset).padStart(10, '0')} 00000 n \n`);
  write(`trailer\n<</Size ${objects.length + 1}/Root 1 0 R${trailer}>>\nstartxref\n${xref}\n%%EOF\n`);
  const file = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    file.set(chunk, at);
    at += chunk.length;
  }
  return file;
}

/**
 * A PDF of one 300×200 pt page per text, each with a blue band and its text in black: what a
 * careful producer writes. For previews that must show more than one page.
 */
export function samplePdfPages(texts: readonly string[]): Uint8Array<ArrayBuffer> {
  const pages = texts.flatMap((text, i) => {
    const stream = `0.1 0.35 0.8 rg 20 130 260 40 re f 0 g BT /F1 24 Tf 30 70 Td (${text}) Tj ET`;
    return [
      `<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents ${5 + 2 * i} 0 R/Resources<</Font<</F1 3 0 R>>>>>>`,
      { dict: '<<>>', stream: encoder.encode(stream) },
    ];
  });
  const kids = texts.map((_, i) => `${4 + 2 * i} 0 R`).join(' ');
  return assemblePdf(['<</Type/Catalog/Pages 2 0 R>>', `<</Type/Pages/Kids[${kids}]/Count ${texts.length}>>`, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>', ...pages]);
}

/**
 * A 32×24 JPEG 2000 codestream (left half red, right half green), made with OpenJPEG's
 * opj_compress: scanners and archiving tools store scans this way.
 */
const SAMPLE_J2K = fromBase64('/0//UQAvAAAAAAAgAAAAGAAAAAAAAAAAAAAAIAAAABgAAAAAAAAAAAADBwEBBwEBBwEB/1IADAAAAAEBAgQEAAH/XAAKQEBISFBISFD/ZAAlAAFDcmVhdGVkIGJ5IE9wZW5KUEVHIHZlcnNpb24gMi41LjD/kAAKAAAAAACBAAH/k8fMWBFQS/l7Jz9w+cOqHzTt+sk5F4xGx3fPjGAmiQrXHeVXj4a/pTXfMbAUAEnVJ375zLS8AERgwL++ZQN3smFIgqJtJ/XB8AgAIW3LrsOEACIZ3K3PjDgiGcxiRG/fwJA18j/iwkA2nkHjz4BQNp5BcXj/2Q==');

/** A one-page scan: the JPEG 2000 image above stretched over a 300×200 pt page. */
export function sampleJpxPdf(): Uint8Array<ArrayBuffer> {
  const draw = 'q 300 0 0 200 0 0 cm /Scan Do Q';
  return assemblePdf([
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</XObject<</Scan 5 0 R>>>>>>',
    { dict: '<<>>', stream: encoder.encode(draw) },
    { dict: '<</Type/XObject/Subtype/Image/Width 32/Height 24/Filter/JPXDecode>>', stream: SAMPLE_J2K },
  ]);
}

/** A one-page PDF encrypted with a user password (RC4, 40-bit): it does not open without it. */
export function sampleEncryptedPdf(): Uint8Array<ArrayBuffer> {
  const key = (byte: string) => `<${byte.repeat(32)}>`;
  return assemblePdf(
    [
      '<</Type/Catalog/Pages 2 0 R>>',
      '<</Type/Pages/Kids[3 0 R]/Count 1>>',
      '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>',
      `<</Filter/Standard/V 1/R 2/Length 40/O ${key('5a')}/U ${key('c3')}/P -4>>`,
    ],
    `/Encrypt 4 0 R/ID[<${'0f'.repeat(16)}><${'0f'.repeat(16)}>]`,
  );
}

/** A 4×3 PNG (green), drawn by Chromium. */
export const SAMPLE_PNG = fromBase64('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAIklEQVR4AWTIMQ0AAAwCwQYpFVdxNQkrgU9+OewffUxUIAAAAP//FDIaLwAAAAZJREFUAwBw8gjLr3L9fAAAAABJRU5ErkJggg==');

/** A 4×3 JPEG (green), drawn by Chromium. */
export const SAMPLE_JPEG = fromBase64(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAA' +
    'ABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1' +
    'AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAP' +
    'KnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/' +
    '2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKCh' +
    'MoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAA' +
    'AAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9' +
    'oADAMBAAIRAxEAPwCcAJOH/9k=',
);
