import { z } from 'zod';
import { channel } from './channel';
import { voidInput } from './common';

/**
 * Attachments (附件): scanned contracts, agreements, completion records, signed commitments,
 * training material and access-IP filing forms, kept as bytes inside the encrypted database (DESIGN.md §4). Voided with a
 * reason, never deleted. Registers reference them by owner type and owner UUID; add a value here
 * when a new register needs attachments.
 */
export const ATTACHMENT_OWNER_TYPES = ['contract', 'agreement', 'completion', 'signoff', 'training', 'mediaEvent', 'ipFiling'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];

/** Largest attachment accepted: 20 MiB (a scanned contract of ~50 pages at 200 dpi fits). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The allow-list of attachment types. Only what Chromium can preview itself (its PDF viewer and
 * `<img>`): TIFF is left out because it could be stored but not shown; scanners can save PDF instead.
 * The content decides the type (magic bytes); the extension must agree with it.
 */
export const ATTACHMENT_MIMES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
export const ATTACHMENT_TYPES: Readonly<Record<AttachmentMime, { label: string; extensions: readonly string[] }>> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
};

/** Filters of the file dialogs: every allowed type together, then each type. */
export const ATTACHMENT_DIALOG_FILTERS: { name: string; extensions: string[] }[] = [
  { name: '附件（PDF、PNG、JPEG）', extensions: ATTACHMENT_MIMES.flatMap((m) => [...ATTACHMENT_TYPES[m].extensions]) },
  ...ATTACHMENT_MIMES.map((m) => ({ name: ATTACHMENT_TYPES[m].label, extensions: [...ATTACHMENT_TYPES[m].extensions] })),
];

/** Size for people: bytes below 1 KB, then KB and MB (binary units, one decimal, no trailing .0). */
export function formatBytes(size: number): string {
  const one = (n: number) => (Math.round(n * 10) / 10).toString();
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${one(size / 1024)} KB`;
  return `${one(size / (1024 * 1024))} MB`;
}

/** The refusal of a file over the limit, the same wherever it is detected (shell or core). */
export function tooLargeMessage(fileName: string, size: number): string {
  return `文件“${fileName}”大小为 ${formatBytes(size)}，超过附件上限 ${formatBytes(ATTACHMENT_MAX_BYTES)}，未添加。请压缩或拆分后再添加。`;
}

const ownerRef = z.object({
  ownerType: z.enum(ATTACHMENT_OWNER_TYPES, { error: '附件所属的记录类型不正确' }),
  ownerUuid: z.uuid({ error: '附件所属的记录编号不正确' }),
});

/** An attachment as channels return it (never its bytes, except from `attachment:get`). */
export const attachmentSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  ownerType: z.enum(ATTACHMENT_OWNER_TYPES),
  ownerUuid: z.string(),
  fileName: z.string(),
  mimeType: z.enum(ATTACHMENT_MIMES),
  size: z.number().int(),
  /** SM3 of the bytes, lower-case hex (64 digits). */
  sm3: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type Attachment = z.output<typeof attachmentSchema>;

const attachmentId = z.object({ id: z.number().int().positive() });

export const attachmentChannels = {
  /** Opens the file dialog through the shell, checks type and size, stores the bytes. */
  'attachment:add': channel({
    input: ownerRef,
    output: z.discriminatedUnion('added', [
      z.object({ added: z.literal(true), attachment: attachmentSchema }),
      z.object({ added: z.literal(false) }),
    ]),
    permission: 'registers.write',
    audit: 'attachment.add',
  }),
  'attachment:list': channel({
    input: ownerRef.extend({ includeVoided: z.boolean().default(false) }),
    output: z.array(attachmentSchema),
    permission: 'registers.read',
    audit: null,
  }),
  /** Meta and bytes, for the preview. Viewing is reading register data: not audited. */
  'attachment:get': channel({
    input: attachmentId,
    output: attachmentSchema.extend({ bytes: z.instanceof(Uint8Array) }),
    permission: 'registers.read',
    audit: null,
  }),
  /** Saves an identical copy where the user chooses; a copy leaving the database is audited. */
  'attachment:saveCopy': channel({
    input: attachmentId,
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
    permission: 'registers.export',
    audit: 'attachment.saveCopy',
  }),
  'attachment:void': channel({
    input: voidInput.pick({ id: true, reason: true }),
    output: attachmentSchema,
    permission: 'registers.write',
    audit: 'attachment.void',
  }),
};
export type AttachmentAddResult = z.output<(typeof attachmentChannels)['attachment:add']['output']>;
