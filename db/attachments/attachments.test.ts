import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm3 as referenceSm3 } from 'sm-crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_DIALOG_FILTERS, ATTACHMENT_MAX_BYTES, type Attachment, type AttachmentAddResult } from '../../common/api/attachment';
import type { Result } from '../../common/api/result';
import { sm3, toHex } from '../../common/crypto/sm3';
import type { Session } from '../../common/security/roles';
import { FileTooLargeError } from '../ports/shell';
import { AUDITOR, auditRows, countRows, insertBareContract, OFFICER, openTestCore, valueOf, VIEWER, type TestCore } from '../testing/fixtures';
import { SAMPLE_JPEG, SAMPLE_PNG, samplePdf } from './samples';

const CONTRACT = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const OTHER_CONTRACT = '0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b';
const AGREEMENT = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const owner = { ownerType: 'contract', ownerUuid: CONTRACT } as const;

let core: TestCore;
let clock: Date;
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
};

beforeEach(async () => {
  clock = new Date('2025-06-02T01:30:00.000Z');
  core = await openTestCore({ now: () => clock });
  insertBareContract(core.db, CONTRACT, { agreementUuid: AGREEMENT, projectName: '政务云扩展服务' });
  insertBareContract(core.db, OTHER_CONTRACT);
});
afterEach(() => core.cleanup());

const call = (channel: string, payload: unknown, session: Session = OFFICER) => core.router.invoke(channel, session, payload);
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
const hexOf = (bytes: Uint8Array) => toHex(sm3(bytes));

/** Queues a file in the fake dialog and adds it. */
async function add(name: string, bytes: Uint8Array, ref: { ownerType: string; ownerUuid: string } = owner): Promise<Attachment> {
  tick();
  core.shell.openFiles.push({ name, bytes });
  const result = valueOf<AttachmentAddResult>(await call('attachment:add', ref));
  if (!result.added) throw new Error('expected the file to be added');
  return result.attachment;
}
const list = async (includeVoided = false, ref = owner) =>
  valueOf<Attachment[]>(await call('attachment:list', { ...ref, includeVoided }));

/** Nothing stored and nothing audited. */
function expectNothingStored() {
  expect(countRows(core.db, 'attachments')).toBe(0);
  expect(countRows(core.db, 'attachment_blobs')).toBe(0);
  expect(countRows(core.db, 'audit_log')).toBe(0);
}

describe('attachment:add', () => {
  it.each([
    ['合同扫描件.pdf', samplePdf(), 'application/pdf', 'PDF'],
    ['签字页.PNG', SAMPLE_PNG, 'image/png', 'PNG'],
    ['盖章页.jpg', SAMPLE_JPEG, 'image/jpeg', 'JPEG'],
    ['盖章页.jpeg', SAMPLE_JPEG, 'image/jpeg', 'JPEG'],
  ])('stores %s with its real type, size and SM3, and audits it', async (name, bytes, mimeType, label) => {
    const a = await add(name, bytes);
    const digest = hexOf(bytes);
    expect(digest).toBe(referenceSm3(Array.from(bytes))); // an independent SM3 agrees
    expect(a).toEqual({
      id: expect.any(Number),
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      ownerType: 'contract',
      ownerUuid: CONTRACT,
      fileName: name,
      mimeType,
      size: bytes.length,
      sm3: digest,
      createdAt: clock.toISOString(),
      createdBy: OFFICER.accountId,
      createdByName: OFFICER.displayName,
      voidedAt: null,
      voidedByName: null,
      voidReason: null,
    });
    expect(core.shell.calls).toEqual([
      { method: 'chooseOpenFile', options: { title: '添加附件', filters: ATTACHMENT_DIALOG_FILTERS, maxBytes: ATTACHMENT_MAX_BYTES } },
    ]);
    const [audit, ...more] = auditRows(core.db);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      action: 'attachment.add',
      channel: 'attachment:add',
      actor_name: OFFICER.displayName,
      target_type: 'attachment',
      target_id: a.uuid,
    });
    expect(audit!.summary).toBe(`为合同“政务云扩展服务”添加附件“${name}”（${label}，${bytes.length} B，SM3 ${digest}）`);
    expect(JSON.parse(audit!.after_json!)).toEqual(a);
  });

  it('keeps the bytes inside the database, in their own table', async () => {
    const bytes = samplePdf('inside');
    const a = await add('a.pdf', bytes);
    const row = core.db.prepare('SELECT bytes FROM attachment_blobs WHERE attachment_id = ?').get(a.id) as { bytes: Buffer };
    expect(new Uint8Array(row.bytes)).toEqual(bytes);
  });

  it('answers {added:false} for a cancelled dialog, storing and auditing nothing', async () => {
    expect(valueOf(await call('attachment:add', owner))).toEqual({ added: false });
    core.shell.openFiles.push(null);
    expect(valueOf(await call('attachment:add', owner))).toEqual({ added: false });
    expect(core.shell.calls).toHaveLength(2);
    expectNothingStored();
  });

  it.each([
    ['合同.pdf', SAMPLE_PNG, '文件“合同.pdf”的扩展名是 .pdf，但内容是PNG 图片，与扩展名不符，未添加。请确认选对了文件；如确是PNG 图片，请把扩展名改为 .png 后再添加。'],
    ['照片.png', SAMPLE_JPEG, '文件“照片.png”的扩展名是 .png，但内容是JPEG 图片，与扩展名不符，未添加。请确认选对了文件；如确是JPEG 图片，请把扩展名改为 .jpg 后再添加。'],
    ['扫描.jpg', samplePdf(), '文件“扫描.jpg”的扩展名是 .jpg，但内容是PDF 文件，与扩展名不符，未添加。请确认选对了文件；如确是PDF 文件，请把扩展名改为 .pdf 后再添加。'],
    ['说明.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'), '文件“说明.pdf”的扩展名是 .pdf，但内容不是PDF 文件（可能已损坏，或是改了扩展名的其他文件），未添加。'],
    ['图.jpeg', new Uint8Array([0xff, 0xd8]), '文件“图.jpeg”的扩展名是 .jpeg，但内容不是JPEG 图片（可能已损坏，或是改了扩展名的其他文件），未添加。'],
  ])('refuses %s whose content does not match its extension', async (name, bytes, message) => {
    core.shell.openFiles.push({ name, bytes });
    expect(errorOf(await call('attachment:add', owner))).toEqual({ code: 'RULE', message });
    expectNothingStored();
  });

  it.each(['合同.docx', '合同.tiff', '合同', '.pdf', '合同.pdf.exe'])('refuses a file of an unsupported type (%s)', async (name) => {
    core.shell.openFiles.push({ name, bytes: samplePdf() });
    expect(errorOf(await call('attachment:add', owner))).toEqual({
      code: 'RULE',
      message: `文件“${name}”不能作为附件：只接受 PDF 文件和 PNG、JPEG 图片（扩展名 .pdf、.png、.jpg、.jpeg）。`,
    });
    expectNothingStored();
  });

  it('refuses an empty file', async () => {
    core.shell.openFiles.push({ name: '空.pdf', bytes: new Uint8Array() });
    expect(errorOf(await call('attachment:add', owner))).toEqual({ code: 'RULE', message: '文件“空.pdf”是空文件（0 字节），未添加。' });
    expectNothingStored();
  });

  it('refuses a file over 20 MB naming its size and the limit, whether the shell or the core notices', async () => {
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(samplePdf());
    core.shell.openFiles.push({ name: '大合同.pdf', bytes: big });
    const message = '文件“大合同.pdf”大小为 20 MB，超过附件上限 20 MB，未添加。请压缩或拆分后再添加。';
    expect(errorOf(await call('attachment:add', owner))).toEqual({ code: 'RULE', message });
    core.shell.openFiles.push(new FileTooLargeError('巨型扫描件.pdf', 57 * 1024 * 1024 + 300 * 1024));
    expect(errorOf(await call('attachment:add', owner))).toEqual({
      code: 'RULE',
      message: '文件“巨型扫描件.pdf”大小为 57.3 MB，超过附件上限 20 MB，未添加。请压缩或拆分后再添加。',
    });
    expectNothingStored();
  });

  it('accepts a file of exactly 20 MB and hashes it in slices', async () => {
    const bytes = new Uint8Array(ATTACHMENT_MAX_BYTES);
    bytes.set(samplePdf());
    for (let i = 4096; i < bytes.length; i += 4099) bytes[i] = i & 0xff;
    const a = await add('整卷.pdf', bytes);
    expect(a.size).toBe(ATTACHMENT_MAX_BYTES);
    expect(a.sm3).toBe(hexOf(bytes));
    const got = valueOf<{ bytes: Uint8Array }>(await call('attachment:get', { id: a.id }));
    expect(got.bytes.length).toBe(ATTACHMENT_MAX_BYTES);
    expect(hexOf(got.bytes)).toBe(a.sm3);
  });

  it('stores the base name only, without control characters, shortened to 200 characters keeping the extension', async () => {
    const a = await add('C:\\Users\\王\\Desktop\\合同\u0007扫描\u202e件.pdf', samplePdf());
    expect(a.fileName).toBe('合同扫描件.pdf');
    const long = await add(`${'很长的文件名'.repeat(50)}.pdf`, samplePdf());
    expect(Array.from(long.fileName)).toHaveLength(200);
    expect(long.fileName.endsWith('…' + '.pdf')).toBe(true);
  });

  it('refuses an owner that does not exist or is voided, before the file dialog opens', async () => {
    const missing = '11111111-2222-4333-8444-555555555555';
    expect(errorOf(await call('attachment:add', { ownerType: 'contract', ownerUuid: missing }))).toMatchObject({
      code: 'NOT_FOUND',
      message: '附件所属的记录不存在，可能已被其他操作更改，请刷新后再试',
    });
    expect(errorOf(await call('attachment:add', { ownerType: 'completion', ownerUuid: CONTRACT }))).toMatchObject({ code: 'NOT_FOUND' });
    core.db.prepare("UPDATE contracts SET voided_at = ?, voided_by = 'x', void_reason = '重复登记' WHERE uuid = ?").run(clock.toISOString(), OTHER_CONTRACT);
    core.shell.openFiles.push({ name: '扫描.pdf', bytes: samplePdf() });
    const refused = errorOf(await call('attachment:add', { ownerType: 'contract', ownerUuid: OTHER_CONTRACT }));
    expect(refused).toMatchObject({ code: 'RULE' });
    expect(refused.message).toMatch(/^合同“测试项目.*”已作废，不能再添加附件$/);
    expect(core.shell.calls).toEqual([]);
    expect(core.shell.openFiles).toHaveLength(1);
    expect(countRows(core.db, 'attachments')).toBe(0);
  });

  it('files a scan under an annexed agreement, named in the audit record', async () => {
    const a = await add('保密协议.pdf', samplePdf('agreement'), { ownerType: 'agreement', ownerUuid: AGREEMENT });
    expect(a.ownerType).toBe('agreement');
    expect(auditRows(core.db).at(-1)!.summary).toMatch(/^为合同“政务云扩展服务”的保密协议添加附件“保密协议.pdf”/);
  });

  it('validates the owner: a known type and a UUID', async () => {
    expect(errorOf(await call('attachment:add', { ownerType: 'person', ownerUuid: CONTRACT }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'ownerType',
      message: '附件所属的记录类型不正确',
    });
    expect(errorOf(await call('attachment:add', { ownerType: 'contract', ownerUuid: '42' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'ownerUuid',
      message: '附件所属的记录编号不正确',
    });
    expect(core.shell.calls).toEqual([]);
  });
});

describe('attachment:list and attachment:get', () => {
  it('lists the attachments of one owner in the order they were added, without reading a blob', async () => {
    const a = await add('一.pdf', samplePdf('one'));
    const b = await add('二.png', SAMPLE_PNG);
    await add('别的合同.pdf', samplePdf('other'), { ownerType: 'contract', ownerUuid: OTHER_CONTRACT });
    await add('协议.pdf', samplePdf('agreement'), { ownerType: 'agreement', ownerUuid: AGREEMENT });

    const prepare = vi.spyOn(core.db, 'prepare');
    const rows = await list();
    const sql = prepare.mock.calls.map(([text]) => String(text));
    prepare.mockRestore();
    expect(rows).toEqual([a, b]);
    expect(rows.every((r) => !('bytes' in r))).toBe(true);
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((s) => /attachment_blobs|bytes/.test(s))).toBe(false);
  });

  it('returns the identical bytes, as a plain Uint8Array, with the meta', async () => {
    const bytes = samplePdf('identical');
    const a = await add('原件.pdf', bytes);
    const got = valueOf<Attachment & { bytes: Uint8Array }>(await call('attachment:get', { id: a.id }));
    expect(got).toEqual({ ...a, bytes });
    expect(Buffer.isBuffer(got.bytes)).toBe(false);
    expect(got.bytes.buffer.byteLength).toBe(bytes.length); // nothing else travels with it
    expect(countRows(core.db, 'audit_log')).toBe(1); // viewing is not audited
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect(errorOf(await call('attachment:get', { id: 4242 }))).toEqual({
      code: 'NOT_FOUND',
      message: '找不到编号为 4242 的附件，可能已被其他操作更改，请刷新列表',
    });
  });
});

describe('attachment:saveCopy', () => {
  it('writes the identical file where the user chose and audits the copy', async () => {
    const bytes = SAMPLE_JPEG;
    const a = await add('盖章页.jpg', bytes);
    const path = join(core.dir, '副本.jpg');
    core.shell.savePath = path;
    tick();
    expect(valueOf(await call('attachment:saveCopy', { id: a.id }))).toEqual({ saved: true, path });
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
    expect(core.shell.calls.at(-1)).toEqual({
      method: 'chooseSavePath',
      options: { title: '另存附件副本', defaultName: '盖章页.jpg', filters: [{ name: 'JPEG', extensions: ['jpg', 'jpeg'] }] },
    });
    const audit = auditRows(core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'attachment.saveCopy', target_type: 'attachment', target_id: a.uuid, at: clock.toISOString() });
    expect(audit.summary).toBe(`另存合同“政务云扩展服务”的附件“盖章页.jpg”（JPEG，${bytes.length} B，SM3 ${a.sm3}）的副本，保存为 ${path}`);
    expect(JSON.parse(audit.after_json!)).toEqual({ path, fileName: '盖章页.jpg', size: bytes.length, sm3: a.sm3 });
  });

  it('writes and audits nothing when the save dialog is cancelled', async () => {
    const a = await add('原件.pdf', samplePdf());
    core.shell.savePath = null;
    expect(valueOf(await call('attachment:saveCopy', { id: a.id }))).toEqual({ saved: false, path: null });
    expect(countRows(core.db, 'audit_log')).toBe(1);
  });

  it('refuses to hand out bytes that no longer match their SM3', async () => {
    const a = await add('原件.pdf', samplePdf());
    core.db.exec('DROP TRIGGER attachment_blobs_no_update');
    core.db.prepare('UPDATE attachment_blobs SET bytes = ? WHERE attachment_id = ?').run(Buffer.from(samplePdf('forged')), a.id);
    core.shell.savePath = join(core.dir, 'x.pdf');
    expect(errorOf(await call('attachment:saveCopy', { id: a.id }))).toEqual({
      code: 'RULE',
      message: '附件“原件.pdf”的内容与登记时的 SM3 摘要不一致，未保存副本。请联系系统管理员检查数据。',
    });
    expect(core.shell.calls.map((c) => c.method)).toEqual(['chooseOpenFile']);
    expect(countRows(core.db, 'audit_log')).toBe(1);
  });
});

describe('attachment:void', () => {
  it('voids with a reason, audits before and after, and keeps the attachment readable', async () => {
    const a = await add('错传.pdf', samplePdf());
    tick();
    const voided = valueOf<Attachment>(await call('attachment:void', { id: a.id, reason: '传错了文件' }));
    expect(voided).toEqual({ ...a, voidedAt: clock.toISOString(), voidedByName: OFFICER.displayName, voidReason: '传错了文件' });
    const audit = auditRows(core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'attachment.void', target_id: a.uuid, summary: `作废合同“政务云扩展服务”的附件“错传.pdf”，原因：传错了文件` });
    expect(JSON.parse(audit.before_json!)).toEqual(a);
    expect(JSON.parse(audit.after_json!)).toEqual(voided);
    expect(await list()).toEqual([]);
    expect(await list(true)).toEqual([voided]);
    expect(valueOf<{ bytes: Uint8Array }>(await call('attachment:get', { id: a.id })).bytes).toEqual(samplePdf());
  });

  it('requires a reason and refuses voiding twice', async () => {
    const a = await add('错传.pdf', samplePdf());
    expect(errorOf(await call('attachment:void', { id: a.id, reason: ' 错 ' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'reason',
      message: '请填写作废原因（至少 2 个字）',
    });
    valueOf(await call('attachment:void', { id: a.id, reason: '传错了文件' }));
    expect(errorOf(await call('attachment:void', { id: a.id, reason: '再次作废' }))).toEqual({
      code: 'RULE',
      message: '附件“错传.pdf”已于 2025-06-02 作废',
    });
    expect(countRows(core.db, 'audit_log')).toBe(2);
  });
});

describe('attachments in the database', () => {
  it('refuses DELETE, changing an attachment, and un-voiding it', async () => {
    const a = await add('原件.pdf', samplePdf());
    expect(() => core.db.prepare('DELETE FROM attachments').run()).toThrow('attachments are voided, never deleted');
    expect(() => core.db.prepare('DELETE FROM attachment_blobs').run()).toThrow('attachments are voided, never deleted');
    expect(() => core.db.prepare("UPDATE attachments SET file_name = 'x.pdf'").run()).toThrow('attachments never change');
    expect(() => core.db.prepare("UPDATE attachment_blobs SET bytes = x'00'").run()).toThrow('attachments never change');
    valueOf(await call('attachment:void', { id: a.id, reason: '传错了文件' }));
    expect(() => core.db.prepare('UPDATE attachments SET voided_at = NULL, voided_by = NULL, void_reason = NULL').run()).toThrow(
      'a voided attachment stays voided',
    );
    expect(countRows(core.db, 'attachments')).toBe(1);
    expect(countRows(core.db, 'attachment_blobs')).toBe(1);
  });
});

describe('attachment permissions', () => {
  it('lets a viewer list and preview but not add, void or save a copy', async () => {
    const a = await add('原件.pdf', samplePdf());
    core.shell.calls.length = 0;
    core.shell.openFiles.push({ name: '偷偷加.pdf', bytes: samplePdf() });
    const refused = errorOf(await call('attachment:add', owner, VIEWER));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('登记');
    expect(core.shell.calls).toEqual([]);
    expect(errorOf(await call('attachment:void', { id: a.id, reason: '不要了' }, VIEWER)).code).toBe('FORBIDDEN');
    expect(errorOf(await call('attachment:saveCopy', { id: a.id }, VIEWER)).code).toBe('FORBIDDEN');
    expect(valueOf<Attachment[]>(await call('attachment:list', { ...owner }, VIEWER))).toEqual([a]);
    expect(valueOf<{ bytes: Uint8Array }>(await call('attachment:get', { id: a.id }, VIEWER)).bytes).toEqual(samplePdf());
    expect(countRows(core.db, 'attachments')).toBe(1);
  });

  it('keeps the auditor out of register attachments', async () => {
    await add('原件.pdf', samplePdf());
    expect(errorOf(await call('attachment:list', { ...owner }, AUDITOR)).code).toBe('FORBIDDEN');
  });
});
