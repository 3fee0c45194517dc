import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIMES, ATTACHMENT_TYPES, tooLargeMessage, type AttachmentMime } from '../../common/api/attachment';
import { DomainError } from '../../common/api/result';

/** How a type is named in messages. */
export const MIME_NOUNS: Readonly<Record<AttachmentMime, string>> = {
  'application/pdf': 'PDF 文件',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
};

/** Longest stored file name, in characters. */
export const MAX_FILE_NAME = 200;

/** Where a PDF header may start: readers accept it anywhere in the first 1024 bytes. */
const PDF_HEADER_WINDOW = 1024;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** The type the content really is, from its magic bytes; `null` when none of the allowed ones. */
export function detectMime(bytes: Uint8Array): AttachmentMime | null {
  if (startsWith(bytes, PNG_MAGIC)) return 'image/png';
  if (startsWith(bytes, JPEG_MAGIC)) return 'image/jpeg';
  const window = Math.min(bytes.length, PDF_HEADER_WINDOW);
  for (let i = 0; i + PDF_MAGIC.length <= window; i++) {
    if (bytes[i] === 0x25 && startsWith(bytes, PDF_MAGIC, i)) return 'application/pdf';
  }
  return null;
}

/**
 * The base name as it will be stored and shown: no directories, no control characters, at most
 * MAX_FILE_NAME characters (shortened in the middle, keeping the extension).
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const chars = Array.from(base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim());
  if (chars.length <= MAX_FILE_NAME) return chars.join('');
  const dot = chars.lastIndexOf('.');
  const ext = dot > 0 && chars.length - dot <= 10 ? chars.slice(dot) : [];
  return [...chars.slice(0, MAX_FILE_NAME - ext.length - 1), '…', ...ext].join('');
}

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

const ALLOWED_EXTENSIONS = ATTACHMENT_MIMES.flatMap((m) => ATTACHMENT_TYPES[m].extensions.map((e) => `.${e}`)).join('、');

/**
 * Checks a chosen file against the attachment policy and returns its stored name and real type.
 * Refusals are specific: unsupported extension, empty, too large, content not of its extension's type.
 */
export function checkAttachmentFile(rawName: string, bytes: Uint8Array): { fileName: string; mimeType: AttachmentMime } {
  const fileName = cleanFileName(rawName);
  if (fileName === '') throw new DomainError('RULE', '所选文件没有文件名，不能作为附件。');
  const ext = extensionOf(fileName);
  const claimed = ATTACHMENT_MIMES.find((m) => ATTACHMENT_TYPES[m].extensions.includes(ext));
  if (!claimed) {
    throw new DomainError('RULE', `文件“${fileName}”不能作为附件：只接受 PDF 文件和 PNG、JPEG 图片（扩展名 ${ALLOWED_EXTENSIONS}）。`);
  }
  if (bytes.length === 0) throw new DomainError('RULE', `文件“${fileName}”是空文件（0 字节），未添加。`);
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new DomainError('RULE', tooLargeMessage(fileName, bytes.length));
  const actual = detectMime(bytes);
  if (actual === null) {
    throw new DomainError(
      'RULE',
      `文件“${fileName}”的扩展名是 .${ext}，但内容不是${MIME_NOUNS[claimed]}（可能已损坏，或是改了扩展名的其他文件），未添加。`,
    );
  }
  if (actual !== claimed) {
    throw new DomainError(
      'RULE',
      `文件“${fileName}”的扩展名是 .${ext}，但内容是${MIME_NOUNS[actual]}，与扩展名不符，未添加。请确认选对了文件；如确是${MIME_NOUNS[actual]}，请把扩展名改为 .${ATTACHMENT_TYPES[actual].extensions[0]} 后再添加。`,
    );
  }
  return { fileName, mimeType: actual };
}
