/** Small files of each allowed type, for tests. Never imported by production code. */

const encoder = new TextEncoder();

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

/** A PDF file from its objects (numbered from 1), with a correct cross-reference table. */
function assemblePdf(objects: readonly string[], trailer = ''): Uint8Array<ArrayBuffer> {
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return encoder.encode(body);
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
      `<</Length ${stream.length}>>stream\n${stream}\nendstream`,
    ];
  });
  const kids = texts.map((_, i) => `${4 + 2 * i} 0 R`).join(' ');
  return assemblePdf(['<</Type/Catalog/Pages 2 0 R>>', `<</Type/Pages/Kids[${kids}]/Count ${texts.length}>>`, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>', ...pages]);
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

const fromBase64 = (b64: string) => Uint8Array.from(Buffer.from(b64, 'base64'));

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
