import {
  ATTACHMENT_DIALOG_FILTERS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  formatBytes,
  tooLargeMessage,
  type Attachment,
  type AttachmentMime,
  type AttachmentOwnerType,
  type attachmentChannels,
} from '../../common/api/attachment';
import { DomainError } from '../../common/api/result';
import { saveFile } from '../core/files';
import { FileTooLargeError } from '../ports/shell';
import { effect, preparedTx, tx, type HandlerContext, type Handlers } from '../router/handlers';
import { sm3HexSliced } from './digest';
import { checkAttachmentFile } from './filetype';
import { requireOpenOwner, resolveOwner } from './owners';
import { getAttachment, insertAttachment, listAttachments, readAttachmentBytes, voidAttachment, type Actor } from './repo';

/** zh-CN names of the owners, for audit summaries. */
export const OWNER_LABELS: Readonly<Record<AttachmentOwnerType, string>> = {
  contract: '合同',
  agreement: '协议',
  completion: '履约完成记录',
  signoff: '保密承诺',
  training: '保密教育',
  mediaEvent: '介质流转记录',
  ipFiling: 'IP 报备',
};

const actorOf = (ctx: HandlerContext): Actor => ({ id: ctx.session.accountId, name: ctx.session.displayName });

/** “合同扫描件.pdf”（PDF，2.3 MB，SM3 …） */
function describe(a: Pick<Attachment, 'fileName' | 'mimeType' | 'size' | 'sm3'>): string {
  return `“${a.fileName}”（${ATTACHMENT_TYPES[a.mimeType].label}，${formatBytes(a.size)}，SM3 ${a.sm3}）`;
}
/** The owner in words; its type and UUID if it cannot be found. */
function ownerText(ctx: HandlerContext, a: Pick<Attachment, 'ownerType' | 'ownerUuid'>): string {
  try {
    return resolveOwner(ctx.db, a.ownerType, a.ownerUuid).label;
  } catch {
    return `${OWNER_LABELS[a.ownerType]} ${a.ownerUuid}`;
  }
}

interface Chosen {
  fileName: string;
  mimeType: AttachmentMime;
  bytes: Uint8Array;
  sm3: string;
}

/** The dialog, the checks and the hash: slow work outside the transaction, writing nothing. */
async function chooseFile(ctx: HandlerContext): Promise<Chosen | null> {
  let file;
  try {
    file = await ctx.shell.chooseOpenFile({ title: '添加附件', filters: ATTACHMENT_DIALOG_FILTERS, maxBytes: ATTACHMENT_MAX_BYTES });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new DomainError('RULE', tooLargeMessage(error.fileName, error.size));
    throw error;
  }
  if (!file) return null;
  const checked = checkAttachmentFile(file.name, file.bytes);
  return { ...checked, bytes: file.bytes, sm3: await sm3HexSliced(file.bytes) };
}

export const attachmentHandlers: Handlers<typeof attachmentChannels> = {
  'attachment:add': preparedTx(
    (ctx, { ownerType, ownerUuid }) => {
      // Refuse before the dialog opens: nobody should pick a file for a record that takes none.
      requireOpenOwner(ctx.db, ownerType, ownerUuid);
      return chooseFile(ctx);
    },
    (ctx, { ownerType, ownerUuid }, chosen) => {
      if (!chosen) {
        ctx.skipAudit();
        return { added: false as const };
      }
      const owner = requireOpenOwner(ctx.db, ownerType, ownerUuid);
      const attachment = insertAttachment(ctx.db, { ownerType, ownerUuid, ...chosen }, actorOf(ctx), ctx.now().toISOString());
      ctx.audit({
        targetType: 'attachment',
        targetId: attachment.uuid,
        summary: `为${owner.label}添加附件${describe(attachment)}`,
        after: attachment,
      });
      return { added: true as const, attachment };
    },
  ),

  'attachment:list': tx((ctx, { ownerType, ownerUuid, includeVoided }) => listAttachments(ctx.db, ownerType, ownerUuid, includeVoided)),

  'attachment:get': tx((ctx, { id }) => ({ ...getAttachment(ctx.db, id), bytes: readAttachmentBytes(ctx.db, id) })),

  'attachment:saveCopy': effect(async (ctx, { id }) => {
    const attachment = getAttachment(ctx.db, id);
    const bytes = readAttachmentBytes(ctx.db, id);
    // The copy must be the file that was registered: its digest is checked before it leaves.
    if (bytes.length !== attachment.size || (await sm3HexSliced(bytes)) !== attachment.sm3) {
      throw new DomainError('RULE', `附件“${attachment.fileName}”的内容与登记时的 SM3 摘要不一致，未保存副本。请联系系统管理员检查数据。`);
    }
    const type = ATTACHMENT_TYPES[attachment.mimeType];
    const path = await ctx.shell.chooseSavePath({
      title: '另存附件副本',
      defaultName: attachment.fileName,
      filters: [{ name: type.label, extensions: [...type.extensions] }],
    });
    if (!path) {
      ctx.skipAudit();
      return { saved: false, path: null };
    }
    await saveFile(path, bytes);
    ctx.audit({
      targetType: 'attachment',
      targetId: attachment.uuid,
      summary: `另存${ownerText(ctx, attachment)}的附件${describe(attachment)}${attachment.voidedAt ? '（已作废）' : ''}的副本，保存为 ${path}`,
      after: { path, fileName: attachment.fileName, size: attachment.size, sm3: attachment.sm3 },
    });
    return { saved: true, path };
  }),

  'attachment:void': tx((ctx, { id, reason }) => {
    const { before, after } = voidAttachment(ctx.db, id, reason, actorOf(ctx), ctx.now().toISOString());
    ctx.audit({
      targetType: 'attachment',
      targetId: after.uuid,
      summary: `作废${ownerText(ctx, after)}的附件“${after.fileName}”，原因：${reason}`,
      before,
      after,
    });
    return after;
  }),
};
