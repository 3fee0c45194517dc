import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediumDetail, OverdueItem } from '../../../common/api/media';
import type { ScanFeedback, StocktakeDetail, StocktakeSession } from '../../../common/api/stocktake';
import { auditRows, countRows, valueOf, VIEWER } from '../../testing/fixtures';
import { errorOf, exportedSheet, printedHtml, tableRows } from '../people/testing';
import { UNMARKED_NOTE } from './stocktake';
import { EVENTS, openMediaWorld, type MediaWorld } from './testing';

let w: MediaWorld;
let a: MediumDetail;
let b: MediumDetail;
let c: MediumDetail;
let destroyed: MediumDetail;

beforeEach(async () => {
  vi.stubEnv('TZ', 'Asia/Shanghai');
  w = await openMediaWorld('2026-03-02');
  a = await w.medium({ serial: 'SN-A1' });
  b = await w.medium({ kind: '移动硬盘', serial: 'WX41A', model: '希捷 1TB', classification: '秘密', location: '保密室 1 号柜' });
  c = await w.medium({ serial: 'SN-C3' });
  destroyed = await w.medium({ serial: 'SN-D4' });
  await w.record(destroyed.id, EVENTS.destroy);
  await w.record(c.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
});
afterEach(() => {
  w.core.cleanup();
  vi.unstubAllEnvs();
});

const start = async (fields: Record<string, unknown> = {}) => valueOf<StocktakeDetail>(await w.call('stocktake:start', { title: '2026年一季度介质清查', ...fields }));
const scan = async (id: number, code: string, extra: Record<string, unknown> = {}) =>
  valueOf<{ feedback: ScanFeedback; session: StocktakeDetail }>(await w.call('stocktake:scan', { id, code, ...extra }));
const get = async (id: number) => valueOf<StocktakeDetail>(await w.call('stocktake:get', { id }));
const overdue = async () => valueOf<OverdueItem[]>(await w.call('media:overdue', {}));

describe('starting a stocktake', () => {
  it('freezes the expected list: media not handed back or destroyed, as the books say at the start', async () => {
    const s = await start();
    expect(s).toMatchObject({ number: 'QC-2026-001', state: 'open', scopeText: '全部在册介质（已交回、已销毁的除外）' });
    expect(s.items.map((i) => i.number)).toEqual([a.number, b.number, c.number]);
    expect(s.items[2]).toMatchObject({ bookStatus: '借出', bookText: '借出（张三，应还 2026-03-10）', responsibleName: '王保密', result: null });
    expect(s.counts).toMatchObject({ expected: 3, marked: 0, unmarked: 3, found: 0, extras: 0 });
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'stocktake.start',
      target_type: 'stocktake',
      summary: `开始介质清查 QC-2026-001“2026年一季度介质清查”，范围：全部在册介质（已交回、已销毁的除外），应查 3 件`,
    });
    // a medium registered later is not expected; the list stays as it was
    const later = await w.medium({ serial: 'SN-E5' });
    expect((await get(s.id)).items.map((i) => i.number)).not.toContain(later.number);
  });

  it('filters by unit, kind, 密级 or 存放地点, one open session per scope', async () => {
    const s = await start({ title: '秘密级移动硬盘清查', scope: { kind: '移动硬盘', classification: '秘密', location: '保密室 1 号柜' } });
    expect(s.items.map((i) => i.number)).toEqual([b.number]);
    expect(s.scopeText).toBe('在册介质（已交回、已销毁的除外）中 类别：移动硬盘；密级：秘密；存放地点：保密室 1 号柜');
    expect(errorOf(await w.call('stocktake:start', { title: '重复', scope: { kind: '移动硬盘', classification: '秘密', location: '保密室 1 号柜' } })).message).toBe(
      '介质清查 QC-2026-001“秘密级移动硬盘清查”的范围相同（在册介质（已交回、已销毁的除外）中 类别：移动硬盘；密级：秘密；存放地点：保密室 1 号柜），尚未结束：请继续该清查，或先结束它再开始新的清查',
    );
    // another scope may run at the same time
    expect((await start({ scope: { orgId: w.vendor.id } })).number).toBe('QC-2026-002');
    const empty = errorOf(await w.call('stocktake:start', { title: '光盘清查', scope: { kind: '光盘' } }));
    expect(empty).toMatchObject({ code: 'RULE', message: '清查范围（在册介质（已交回、已销毁的除外）中 类别：光盘）内没有在册介质，请调整清查范围后再开始' });
  });

  it('offers the units, 密级 and 存放地点 of the media to choose a scope from', async () => {
    expect(valueOf(await w.call('stocktake:options', {}))).toEqual({
      orgs: [{ id: w.vendor.id, name: w.vendor.name }],
      classifications: ['公开', '内部', '秘密', '机密'],
      locations: ['保密室 1 号柜', '保密室 2 号柜'],
    });
  });
});

describe('marking by code', () => {
  it('marks by 保密编号 or 序列号, ignoring case and spaces, and says when nothing changed', async () => {
    const s = await start();
    const first = await scan(s.id, ` ${a.number.toLowerCase()} `);
    expect(first.feedback).toMatchObject({ outcome: 'marked', number: a.number, kind: 'U盘', result: '在位', bySerial: false });
    const bySerial = await scan(s.id, 'wx41a');
    expect(bySerial.feedback).toMatchObject({ outcome: 'marked', number: b.number, kind: '移动硬盘', result: '在位', bySerial: true });
    expect(bySerial.session.counts).toMatchObject({ expected: 3, marked: 2, present: 2, unmarked: 1, found: 2 });
    expect(bySerial.session.items[1]).toMatchObject({ result: '在位', via: 'serial', markedByName: '王保密' });
    const records = auditRows(w.core.db).length;
    expect((await scan(s.id, a.number)).feedback.outcome).toBe('already');
    expect(auditRows(w.core.db)).toHaveLength(records);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'stocktake.mark',
      summary: `介质清查 QC-2026-001“2026年一季度介质清查”：介质 ${b.number}（移动硬盘）标记为在位（按序列号 wx41a）`,
    });
  });

  it('records a code outside the list, or of no medium, as 账外 once', async () => {
    const s = await start();
    const out = await scan(s.id, destroyed.number);
    expect(out.feedback).toMatchObject({ outcome: 'outOfScope', number: destroyed.number, status: '已销毁' });
    const unknown = await scan(s.id, 'XYZ-999');
    expect(unknown.feedback).toMatchObject({ outcome: 'unknown', number: null });
    expect((await scan(s.id, 'xyz-999')).feedback.outcome).toBe('extraAgain');
    expect(unknown.session.findings.map((f) => [f.code, f.description])).toEqual([
      [destroyed.number, `介质 ${destroyed.number}（U盘）不在本次清查范围（账面状态：已销毁）`],
      ['XYZ-999', '账面无此编号的介质（未登记）'],
    ]);
    expect(unknown.session.counts).toMatchObject({ marked: 0, extras: 2 });
  });

  it('asks for the 保密编号 when a serial names two expected media', async () => {
    const twin = await w.medium({ kind: 'SD卡', serial: 'SN-A1' });
    const s = await start();
    expect(errorOf(await w.call('stocktake:scan', { id: s.id, code: 'sn-a1' }))).toMatchObject({
      field: 'code',
      message: `序列号 sn-a1 对应本次清查中的 2 件介质（介质 ${a.number}（U盘）、介质 ${twin.number}（SD卡））请输入保密编号`.replace('）请', '），请'),
    });
  });

  it('refuses what the custody rules refuse: 状态不符 without saying how, 在位 for a medium reported lost', async () => {
    const lost = await w.medium({ serial: 'SN-L9' });
    await w.record(lost.id, { ...EVENTS.loss, discoveredAt: '2026-03-02T10:00:00+08:00' });
    const s = await start();
    const differs = errorOf(await w.call('stocktake:scan', { id: s.id, code: a.number, result: '状态不符' }));
    expect(differs).toMatchObject({ field: 'note', message: `介质 ${a.number}（U盘）当前在库，登记清查结果前还须：说明状态不符的情况。` });
    const present = errorOf(await w.call('stocktake:scan', { id: s.id, code: lost.number }));
    expect(present).toMatchObject({ field: 'result', message: `介质 ${lost.number}（U盘）已报告丢失，清查结果不能为“在位”：如已找回，请先登记归还（找回核验）。` });
    const item = s.items.find((i) => i.number === a.number)!;
    const marked = valueOf<StocktakeDetail>(await w.call('stocktake:mark', { id: s.id, itemId: item.id, result: '状态不符', note: '标签脱落' }));
    expect(marked.items.find((i) => i.id === item.id)).toMatchObject({ result: '状态不符', note: '标签脱落', via: 'table' });
  });

  it('undoes a mark or a 账外 finding while open', async () => {
    const s = await start();
    const item = (await scan(s.id, a.number)).session.items[0]!;
    const finding = (await scan(s.id, 'XYZ-1')).session.findings[0]!;
    let after = valueOf<StocktakeDetail>(await w.call('stocktake:unmark', { id: s.id, itemId: item.id }));
    expect(after.items[0]).toMatchObject({ result: null, markedAt: null, via: null });
    after = valueOf<StocktakeDetail>(await w.call('stocktake:unmark', { id: s.id, findingId: finding.id }));
    expect(after.findings).toEqual([]);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'stocktake.unmark', summary: '介质清查 QC-2026-001“2026年一季度介质清查”：撤销账外记录 XYZ-1（账面无此编号的介质（未登记））' });
    expect(errorOf(await w.call('stocktake:unmark', { id: s.id, itemId: item.id })).message).toBe(`介质 ${a.number}（U盘）尚未标记，无需撤销`);
  });
});

describe('closing', () => {
  const close = (s: StocktakeSession, extra: Record<string, unknown> = {}) =>
    w.call('stocktake:close', { id: s.id, conclusion: '一件借出介质未见实物，已责成借用人说明', checker: '王保密', supervisor: '刘处长', unmarked: 1, ...extra });

  it('writes one 清查结果 event per medium; the unmarked become 缺失 and are flagged in media:overdue', async () => {
    const s = await start();
    await scan(s.id, a.number);
    await scan(s.id, 'WX41A', { result: '状态不符', note: '存放位置与登记不符' });
    expect(errorOf(await close(s, { unmarked: 2 }))).toMatchObject({ code: 'CONFLICT', message: '清查情况已变化：现有 1 件介质未标记（确认时为 2 件），请重新核对后再结束清查' });
    const closed = valueOf<StocktakeDetail>(await close(s));
    expect(closed).toMatchObject({ state: 'closed', checker: '王保密', supervisor: '刘处长', closedByName: '王保密' });
    expect(closed.counts).toMatchObject({ expected: 3, present: 1, differs: 1, missing: 1, unmarked: 0, found: 2 });
    expect(closed.items.map((i) => [i.number, i.result, i.via, i.eventSeq])).toEqual([
      [a.number, '在位', 'number', 2],
      [b.number, '状态不符', 'serial', 2],
      [c.number, '缺失', 'close', 3],
    ]);
    const chain = (await w.get(c.id)).timeline;
    expect(chain.at(-1)).toMatchObject({
      type: '清查结果',
      summary: `清查结果：缺失（QC-2026-001 2026年一季度介质清查），说明：${UNMARKED_NOTE}`,
      data: { result: '缺失', stocktake: 'QC-2026-001 2026年一季度介质清查', note: UNMARKED_NOTE },
    });
    expect((await w.get(a.id)).needsAttention).toBe(false);
    const flagged = (await overdue()).filter((i) => i.kind === '清查异常');
    expect(flagged.map((i) => [i.number, i.message])).toEqual([
      [b.number, '清查结果为状态不符（2026-03-02）：存放位置与登记不符，请核实后处理'],
      [c.number, `清查结果为缺失（2026-03-02）：${UNMARKED_NOTE}，请核实后处理`],
    ]);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'stocktake.close',
      summary:
        '结束介质清查 QC-2026-001“2026年一季度介质清查”：应有 3 件，实有 2 件；在位 1，缺失 1（其中 1 件结束时未标记，按缺失处理），状态不符 1，账外 0；' +
        '登记清查结果 3 条；清查人 王保密，监督人 刘处长；结论：一件借出介质未见实物，已责成借用人说明',
    });
  });

  it('a later 在位 clears the flag of an earlier stocktake', async () => {
    const first = await start();
    valueOf(await close(first, { unmarked: 3 }));
    expect((await overdue()).filter((i) => i.kind === '清查异常')).toHaveLength(3);
    const second = await start({ title: '复查' });
    for (const code of [a.number, b.number, c.number]) await scan(second.id, code);
    valueOf(await close(second, { unmarked: 0, conclusion: '账实相符' }));
    expect((await overdue()).filter((i) => i.kind === '清查异常')).toEqual([]);
  });

  it('skips a medium destroyed during the session, saying why', async () => {
    const s = await start();
    await w.record(a.id, EVENTS.destroy);
    const closed = valueOf<StocktakeDetail>(await close(s, { unmarked: 3 }));
    expect(closed.items[0]).toMatchObject({ number: a.number, eventSeq: null, skipped: '清查期间该介质已销毁，未登记清查结果' });
    expect((await w.get(a.id)).timeline.at(-1)!.type).toBe('销毁');
  });

  it('refuses the whole close when the chain refuses one result, writing nothing', async () => {
    const s = await start();
    await scan(s.id, a.number);
    await w.record(a.id, { ...EVENTS.loss, discoveredAt: '2026-03-02T10:00:00+08:00' });
    const events = countRows(w.core.db, 'media_events');
    const error = errorOf(await close(s, { unmarked: 2 }));
    expect(error.message).toBe(`清查未能结束：介质 ${a.number}（U盘）已报告丢失，清查结果不能为“在位”：如已找回，请先登记归还（找回核验）。请修改该介质的标记后再结束清查。`);
    expect(countRows(w.core.db, 'media_events')).toBe(events);
    expect((await get(s.id)).state).toBe('open');
  });

  it('a closed session cannot be changed', async () => {
    const s = await start();
    const closed = valueOf<StocktakeDetail>(await close(s, { unmarked: 3 }));
    const refusal = '介质清查 QC-2026-001“2026年一季度介质清查”已于 2026-03-02 结束';
    expect(errorOf(await w.call('stocktake:scan', { id: s.id, code: a.number })).message).toContain(`${refusal}，不能再标记`);
    expect(errorOf(await w.call('stocktake:mark', { id: s.id, itemId: closed.items[0]!.id, result: '在位' })).message).toContain(refusal);
    expect(errorOf(await w.call('stocktake:unmark', { id: s.id, itemId: closed.items[0]!.id })).message).toContain(refusal);
    expect(errorOf(await close(s, { unmarked: 0 })).message).toContain(`${refusal}，不能再结束`);
    // and the database itself keeps it so
    expect(() => w.core.db.prepare(`UPDATE stocktake_items SET note = 'x' WHERE stocktake_id = ?`).run(s.id)).toThrow(/closed stocktake never changes/);
    expect(() => w.core.db.prepare(`UPDATE stocktakes SET conclusion = 'x' WHERE id = ?`).run(s.id)).toThrow(/closed stocktake never changes/);
  });
});

describe('permissions', () => {
  it('a viewer reads and prints but starts, marks and closes nothing', async () => {
    const s = await start();
    expect(valueOf<{ total: number }>(await w.call('stocktake:list', {}, VIEWER)).total).toBe(1);
    expect((await w.call('stocktake:get', { id: s.id }, VIEWER)).ok).toBe(true);
    for (const [channel, payload] of [
      ['stocktake:start', { title: '查阅人员清查' }],
      ['stocktake:scan', { id: s.id, code: a.number }],
      ['stocktake:mark', { id: s.id, itemId: s.items[0]!.id, result: '在位' }],
      ['stocktake:unmark', { id: s.id, itemId: s.items[0]!.id }],
      ['stocktake:close', { id: s.id, conclusion: '账实相符', checker: '李查阅', supervisor: '刘处长', unmarked: 3 }],
    ] as const) {
      expect(errorOf(await w.call(channel, payload, VIEWER)).code).toBe('FORBIDDEN');
    }
    expect((await get(s.id)).counts.marked).toBe(0);
    expect(await printedHtml(w, { register: 'stocktake', filter: { sessionId: s.id } }, VIEWER)).toContain('介质清查表');
  });
});

describe('介质清查表 (§6)', () => {
  it('prints each medium with its book status, result and note, the 账外 after them, totals, conclusion and signatures', async () => {
    const s = await start();
    await scan(s.id, a.number);
    await scan(s.id, 'WX41A', { result: '状态不符', note: '存放位置与登记不符' });
    await scan(s.id, 'XYZ-999');
    valueOf(await w.call('stocktake:close', { id: s.id, conclusion: '一件借出介质未见实物', checker: '王保密', supervisor: '刘处长', unmarked: 1 }));
    const html = await printedHtml(w, { register: 'stocktake', filter: { sessionId: s.id } });
    expect(html).toContain('<h1>介质清查表</h1>');
    expect(html).toContain('QC-2026-001\u30002026年一季度介质清查');
    for (const fact of ['<b>清查日期：</b>2026-03-02', '<b>清查人：</b>王保密', '<b>监督人：</b>刘处长', '<b>应有数量：</b>3 件', '<b>实有数量：</b>2 件']) {
      expect(html).toContain(fact);
    }
    const headers = ['保密编号', '类别', '型号', '序列号', '密级', '责任人', '账面状态', '清查结果', '说明'];
    for (const header of headers) expect(html).toContain(`<th>${header}</th>`);
    expect(tableRows(html)).toEqual([
      ['1', a.number, 'U盘', '金士顿 DTX 64G', 'SN-A1', '内部', '王保密', '在库', '在位', ''],
      ['2', b.number, '移动硬盘', '希捷 1TB', 'WX41A', '秘密', '王保密', '在库', '状态不符', '存放位置与登记不符'],
      ['3', c.number, 'U盘', '金士顿 DTX 64G', 'SN-C3', '内部', '王保密', '借出（张三，应还 2026-03-10）', '缺失', UNMARKED_NOTE],
      ['4', 'XYZ-999', '', '', '', '', '', '账面无记录', '账外', '账面无此编号的介质（未登记）'],
    ]);
    expect(html).toContain('<b>合计：</b>应有 3 件，实有 2 件（在位 1 件，状态不符 1 件），缺失 1 件，账外 1 件');
    expect(html).toContain('<b>清查结论：</b>一件借出介质未见实物');
    for (const sig of ['清查人：', '监督人：', '审核人：']) expect(html).toContain(`<span class="sig">${sig}`);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'report.print', target_type: 'stocktake', summary: '打印“介质清查表”（QC-2026-001\u30002026年一季度介质清查），共 4 条' });
  });

  it('prints an open session as a working copy', async () => {
    const s = await start();
    await scan(s.id, a.number);
    const html = await printedHtml(w, { register: 'stocktake', filter: { sessionId: s.id } });
    expect(html).toContain('2026-03-02 起（进行中）');
    expect(html).toContain('<b>实有数量：</b>1 件（尚有 2 件未标记）');
    expect(tableRows(html).map((r) => r[8])).toEqual(['在位', '未标记', '未标记']);
    expect(html).toContain('<b>清查结论：</b>（清查进行中，尚未结束）');
  });

  it('exports the same rows to Excel with the facts above and the conclusion below', async () => {
    const s = await start();
    await scan(s.id, a.number);
    valueOf(await w.call('stocktake:close', { id: s.id, conclusion: '两件未见实物', checker: '王保密', supervisor: '刘处长', unmarked: 2 }));
    const ws = await exportedSheet(w, { register: 'stocktake', filter: { sessionId: s.id } });
    expect(ws.getCell('A1').value).toBe('介质清查表');
    expect(String(ws.getCell('A5').value)).toContain('清查人：王保密　监督人：刘处长　应有数量：3 件　实有数量：1 件');
    const row = (r: number) => Array.from({ length: 10 }, (_, i) => ws.getCell(r, i + 1).value);
    expect(row(6)).toEqual(['序号', '保密编号', '类别', '型号', '序列号', '密级', '责任人', '账面状态', '清查结果', '说明']);
    expect(row(7)).toEqual([1, a.number, 'U盘', '金士顿 DTX 64G', 'SN-A1', '内部', '王保密', '在库', '在位', '']);
    expect(row(9)).toEqual([3, c.number, 'U盘', '金士顿 DTX 64G', 'SN-C3', '内部', '王保密', '借出（张三，应还 2026-03-10）', '缺失', UNMARKED_NOTE]);
    expect(ws.getCell('A10').value).toBe('共 3 条');
    expect(ws.getCell('A11').value).toBe('合计：应有 3 件，实有 1 件（在位 1 件，状态不符 0 件），缺失 2 件，账外 0 件');
    expect(ws.getCell('A12').value).toBe('清查结论：两件未见实物');
  });
});
