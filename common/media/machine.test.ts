import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MediaEvent, MediaEventType, PersonRef } from './events';
import { TERMINAL_STATUSES } from './kinds';
import { apply, ChainError, initialState, mayApply, openItems, replay, stateProblems, step, type MediumState } from './machine';

const SUBJECT = { number: 'JZ-2026-0001', kind: 'U盘' };
const ZHANG: PersonRef = { id: 1, name: '张三' };
const LI: PersonRef = { id: 2, name: '李四' };
const HOUR = 3_600_000;

/** An event without its position and times (distributed over the union). */
type Draft = MediaEvent extends infer E ? (E extends MediaEvent ? Omit<E, 'seq' | 'occurredAt' | 'recordedAt'> : never) : never;

/** Builds a chain: each event an hour after the previous one, from 2026-03-02 09:00 in China. */
function chain() {
  const events: MediaEvent[] = [];
  let t = Date.parse('2026-03-02T01:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
  return {
    events,
    next(fields: Draft): MediaEvent {
      t += HOUR;
      return { ...fields, seq: events.length + 1, occurredAt: iso(t), recordedAt: iso(t + 60_000) } as MediaEvent;
    },
    push(event: MediaEvent) {
      events.push(event);
      return event;
    },
    state: () => replay(events, SUBJECT),
  };
}

const base = {
  登记入库: { type: '登记入库', location: '保密室 2 号柜' },
  发放: { type: '发放/领用', holder: ZHANG, purpose: '驻场运维' },
  借出: { type: '借出', holder: ZHANG, purpose: '数据交换', dueBack: '2026-03-10' },
  归还: { type: '归还', checkedBy: '王保密', condition: '完好' },
  携带外出: {
    type: '携带外出',
    carrier: ZHANG,
    approver: '刘处长',
    destination: '市政务云机房',
    purpose: '系统巡检',
    encrypted: true,
    encryptionMethod: 'SM4 全盘加密',
    dueBack: '2026-03-05',
  },
  外出返回: { type: '外出返回', checkResult: '介质完好，封条未动' },
  送外维修: {
    type: '送外维修',
    fault: '无法识别',
    repairer: '某某数据恢复公司',
    repairerAgreement: true,
    agreementRef: 'BM-2026-03',
    backupDone: true,
    sanitised: true,
    sanitisation: '数据已清除（低级格式化）',
    sentBy: '王保密',
    escort: '赵陪同',
    approver: '刘处长',
    expectedBack: '2026-03-20',
  },
  修回: { type: '修回', result: '已修复，检测无异常' },
  交回甲方: { type: '交回甲方', recipient: '甲方信息中心 陈工' },
  销毁: { type: '销毁', reason: '项目结束', method: '物理粉碎', place: '保密室', destroyer: '王保密', witnesses: ['刘处长'], approver: '刘处长' },
  丢失: {
    type: '丢失/泄露报告',
    incident: '丢失',
    discoveredAt: '2026-03-02T10:30:00+08:00',
    circumstances: '出差途中遗失',
    reportedTo: '甲方保密办 陈工',
    reportedAt: null,
    reportOf: null,
  },
  清查: { type: '清查结果', result: '在位', stocktake: '2026 年第一季度清查', note: '' },
} as const;

function registered() {
  const c = chain();
  c.push(c.next(base.登记入库));
  return c;
}

const refusal = (state: MediumState, event: MediaEvent) => {
  const verdict = mayApply(state, event);
  if (verdict.ok) throw new Error(`expected ${event.type} to be refused`);
  return verdict;
};

describe('the custody state machine: rules and refusals', () => {
  it('registers, issues, returns, lends and returns, with holder and due date derived', () => {
    const c = registered();
    expect(c.state()).toMatchObject({ status: '在库', holder: null, dueBack: null });
    c.push(c.next(base.发放));
    expect(c.state()).toMatchObject({ status: '已发放', holder: ZHANG, dueBack: null });
    c.push(c.next(base.归还));
    c.push(c.next({ ...base.借出, holder: LI }));
    expect(c.state()).toMatchObject({ status: '借出', holder: LI, dueBack: '2026-03-10' });
    c.push(c.next(base.归还));
    expect(c.state()).toMatchObject({ status: '在库', holder: null, dueBack: null });
    expect(stateProblems(c.state())).toEqual([]);
  });

  it('lends only from 在库, naming the medium, its state and what to do first', () => {
    const c = registered();
    c.push(c.next(base.发放));
    expect(refusal(c.state(), c.next({ ...base.借出, holder: LI }))).toEqual({
      ok: false,
      message: '介质 JZ-2026-0001（U盘）当前已发放给 张三，只有在库的介质才能借出。请先登记归还。',
    });
  });

  it('nothing but a correction of it follows 销毁 or 交回甲方', () => {
    for (const terminal of [base.销毁, base.交回甲方]) {
      const c = registered();
      const end = c.push(c.next(terminal));
      const state = c.state();
      expect(state.status).toBe(terminal.type === '销毁' ? '已销毁' : '已交回');
      const lend = refusal(state, c.next(base.借出));
      expect(lend.message).toBe(
        terminal.type === '销毁'
          ? '介质 JZ-2026-0001（U盘）已销毁，不能再借出。如第 2 条销毁记录有误，请登记更正。'
          : '介质 JZ-2026-0001（U盘）已交回甲方，不能再借出。如第 2 条交回甲方记录有误，请登记更正。',
      );
      expect(mayApply(state, c.next({ type: '更正', corrects: end.seq, reason: '登记错了介质' })).ok).toBe(true);
    }
  });

  it('refuses repair without backup and sanitisation, listing what is missing at the first field', () => {
    const c = registered();
    const verdict = refusal(c.state(), c.next({ ...base.送外维修, sanitised: false, sanitisation: '  ', backupDone: true }));
    expect(verdict).toEqual({
      ok: false,
      field: 'sanitised',
      message: '介质 JZ-2026-0001（U盘）当前在库，送外维修前还须：对介质作技术处理（清除数据或拆除存储部件）并确认已处理；填写技术处理方式。',
    });
    expect(refusal(c.state(), c.next({ ...base.送外维修, repairerAgreement: false, escort: '' }))).toMatchObject({
      field: 'repairerAgreement',
      message: expect.stringContaining('与维修单位签订保密协议并确认；指定陪同人'),
    });
    c.push(c.next(base.送外维修));
    expect(c.state()).toMatchObject({ status: '维修中', repair: { since: '2026-03-02', repairer: '某某数据恢复公司', expectedBack: '2026-03-20' } });
    expect(refusal(c.state(), c.next(base.归还)).message).toBe('介质 JZ-2026-0001（U盘）当前在“某某数据恢复公司”维修中，请登记修回，而不是归还。');
    c.push(c.next(base.修回));
    expect(c.state().status).toBe('在库');
  });

  it('a held medium is taken out only by its holder, with approval and encryption, and comes back to its holder', () => {
    const c = registered();
    c.push(c.next(base.借出));
    expect(refusal(c.state(), c.next({ ...base.携带外出, carrier: LI }))).toEqual({
      ok: false,
      field: 'carrierId',
      message: '介质 JZ-2026-0001（U盘）当前由 张三 借用（应还 2026-03-10），只能由 张三 本人携带外出；如由 李四 携带，请先登记归还。',
    });
    expect(refusal(c.state(), c.next({ ...base.携带外出, approver: '', encrypted: false }))).toMatchObject({
      field: 'approver',
      message: expect.stringContaining('携带外出前还须：经书面审批并填写审批人；对介质加密并确认已加密。'),
    });
    c.push(c.next(base.携带外出));
    expect(c.state()).toMatchObject({ status: '外出', holder: ZHANG, dueBack: '2026-03-05', beforeOut: { status: '借出', holder: ZHANG, dueBack: '2026-03-10' } });
    c.push(c.next(base.外出返回));
    expect(c.state()).toMatchObject({ status: '借出', holder: ZHANG, dueBack: '2026-03-10', beforeOut: null });
  });

  it('destruction needs at least one witness who is not the destroyer', () => {
    const c = registered();
    expect(refusal(c.state(), c.next({ ...base.销毁, witnesses: [] }))).toMatchObject({
      field: 'witnesses',
      message: '介质 JZ-2026-0001（U盘）当前在库，销毁前还须：至少一名监销人（不能是销毁人本人）。',
    });
    expect(refusal(c.state(), c.next({ ...base.销毁, witnesses: [' 王保密 '] }))).toMatchObject({
      field: 'witnesses',
      message: '介质 JZ-2026-0001（U盘）当前在库，销毁前还须：由销毁人以外的人监销（监销人 王保密 就是销毁人）。',
    });
    expect(refusal(c.state(), c.next({ ...base.销毁, method: '' }))).toMatchObject({ field: 'method' });
  });

  it('a loss report makes the medium 丢失 and stays open until its report to the client is recorded', () => {
    const c = registered();
    c.push(c.next(base.借出));
    const loss = c.push(c.next(base.丢失));
    let state = c.state();
    expect(state).toMatchObject({ status: '丢失', holder: ZHANG, dueBack: null });
    expect(state.incidents).toEqual([
      { seq: loss.seq, incident: '丢失', discoveredAt: '2026-03-02T10:30:00+08:00', deadline: '2026-03-04T02:30:00.000Z', reportedTo: '甲方保密办 陈工' },
    ]);
    expect(openItems(state, '2026-03-03T03:00:00Z', '2026-03-03')).toEqual([
      { kind: '丢失/泄露待报告', seq: 3, incident: '丢失', discoveredAt: '2026-03-02T10:30:00+08:00', deadline: '2026-03-04T02:30:00.000Z', hoursLeft: 23, level: '即将超时' },
    ]);
    expect(openItems(state, '2026-03-04T03:00:00Z', '2026-03-04')[0]).toMatchObject({ level: '已超时', hoursLeft: -1 });
    expect(refusal(state, c.next(base.丢失)).field).toBe('incident');
    expect(refusal(state, c.next({ ...base.清查, result: '在位' })).message).toContain('如已找回，请先登记归还');
    c.push(c.next({ ...base.丢失, reportOf: loss.seq, reportedAt: '2026-03-02T12:00:00+08:00' }));
    state = c.state();
    expect(state.incidents).toEqual([]);
    expect(state.status).toBe('丢失');
    // Found and checked: back in store.
    c.push(c.next(base.归还));
    expect(c.state().status).toBe('在库');
  });

  it('a correction voids the effect of the last effective event; earlier ones are corrected newest first', () => {
    const c = registered();
    const issue = c.push(c.next(base.发放));
    const back = c.push(c.next(base.归还));
    expect(refusal(c.state(), c.next({ type: '更正', corrects: issue.seq, reason: '领用人登记错误' }))).toEqual({
      ok: false,
      field: 'corrects',
      message: '介质 JZ-2026-0001（U盘）只能更正最近一条有效记录（第 3 条 归还）。要更正第 2 条，请先从最近一条起依次更正其后的记录。',
    });
    const fix1 = c.push(c.next({ type: '更正', corrects: back.seq, reason: '归还登记错误' }));
    expect(c.state()).toMatchObject({ status: '已发放', holder: ZHANG, corrected: [3] });
    expect(refusal(c.state(), c.next({ type: '更正', corrects: fix1.seq, reason: 'x' })).message).toContain('更正记录不能再更正');
    expect(refusal(c.state(), c.next({ type: '更正', corrects: back.seq, reason: 'x' })).message).toContain('已被更正');
    c.push(c.next({ type: '更正', corrects: issue.seq, reason: '领用人登记错误' }));
    expect(c.state()).toMatchObject({ status: '在库', holder: null, corrected: [3, 2] });
    expect(refusal(c.state(), c.next({ type: '更正', corrects: 1, reason: 'x' })).message).toContain('登记入库，不能更正');
    // The corrected events are gone from the effective chain, so the medium can be issued again.
    c.push(c.next({ ...base.发放, holder: LI }));
    expect(c.state()).toMatchObject({ status: '已发放', holder: LI });
    expect(c.state().chain.map((e) => e.seq)).toEqual([1, 6]);
  });

  it('refuses destruction or hand-back while a leak is still to be reported, since nothing could record it after', () => {
    const c = registered();
    const leak = c.push(c.next({ ...base.丢失, incident: '泄露' }));
    expect(c.state().status).toBe('在库');
    expect(refusal(c.state(), c.next(base.销毁))).toEqual({
      ok: false,
      field: 'type',
      message: '介质 JZ-2026-0001（U盘）当前在库，销毁前还须：先向甲方报告第 2 条泄露事件并登记补报。',
    });
    expect(refusal(c.state(), c.next(base.交回甲方)).message).toContain('先向甲方报告第 2 条泄露事件并登记补报');
    c.push(c.next({ ...base.丢失, incident: '泄露', reportOf: leak.seq, reportedAt: '2026-03-02T12:00:00+08:00' }));
    expect(mayApply(c.state(), c.next(base.销毁)).ok).toBe(true);
  });

  it('refuses an event dated before the last one, or after it was recorded', () => {
    const c = registered();
    c.push(c.next(base.发放));
    const early = { ...c.next(base.归还), occurredAt: '2026-03-02T09:30:00+08:00' };
    expect(refusal(c.state(), early)).toMatchObject({ field: 'occurredAt', message: expect.stringContaining('早于上一条记录（第 2 条 发放/领用') });
    const future = { ...c.next(base.归还), recordedAt: '2026-03-02T00:00:00Z' };
    expect(refusal(c.state(), future)).toMatchObject({ field: 'occurredAt', message: expect.stringContaining('不能晚于登记时间') });
  });

  it('replay throws on a chain the rules never allowed', () => {
    const c = registered();
    c.push(c.next(base.销毁));
    c.push(c.next(base.借出));
    expect(() => c.state()).toThrow(ChainError);
  });

  it('lists past due back, repairs out and stocktake findings as open items', () => {
    const c = registered();
    c.push(c.next(base.借出));
    expect(openItems(c.state(), '2026-03-10T04:00:00Z', '2026-03-10')).toEqual([]);
    expect(openItems(c.state(), '2026-03-12T04:00:00Z', '2026-03-12')).toEqual([{ kind: '逾期未还', seq: 2, holder: ZHANG, dueBack: '2026-03-10', daysOverdue: 2 }]);
    c.push(c.next(base.归还));
    c.push(c.next(base.送外维修));
    c.push(c.next({ ...base.清查, result: '缺失', note: '柜中未见' }));
    expect(openItems(c.state(), '2026-03-25T04:00:00Z', '2026-03-25')).toEqual([
      { kind: '维修未修回', seq: 4, repairer: '某某数据恢复公司', since: '2026-03-02', days: 23, expectedBack: '2026-03-20', overdue: true },
      { kind: '清查异常', seq: 5, result: '缺失', on: '2026-03-02', note: '柜中未见' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: random event sequences, applying only what mayApply allows.

const people = fc.constantFrom(ZHANG, LI, { id: 3, name: '王五' });
// Mostly filled in, sometimes blank: enough refusals to test them, enough acceptances to go deep.
const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('王保密', '刘处长', '张三', '赵陪同') }, { weight: 1, arbitrary: fc.constantFrom('', ' ') });
const mostly = fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const due = fc.integer({ min: -3, max: 20 });
const weighted = (weight: number, ...types: MediaEventType[]) => ({ weight, arbitrary: fc.constantFrom(...types) });

type Intent = { type: MediaEventType; minutes: number; fields: Record<string, unknown> };

const intent: fc.Arbitrary<Intent> = fc
  .tuple(
    fc.oneof(
      weighted(4, '发放/领用', '借出', '归还', '携带外出', '外出返回', '送外维修', '修回', '丢失/泄露报告', '清查结果', '更正'),
      weighted(1, '登记入库', '交回甲方', '销毁'),
    ),
    fc.oneof({ weight: 1, arbitrary: fc.integer({ min: -120, max: -1 }) }, { weight: 9, arbitrary: fc.integer({ min: 0, max: 6000 }) }),
    fc.record({
      holder: people,
      due,
      text: name,
      text2: name,
      flag: mostly,
      flag2: mostly,
      flag3: mostly,
      witnesses: fc.array(name, { maxLength: 2 }),
      method: fc.constantFrom('物理粉碎', '消磁', '送销毁机构', ''),
      incident: fc.constantFrom('丢失', '泄露'),
      back: fc.integer({ min: 1, max: 8 }),
      reported: fc.option(fc.integer({ min: -10, max: 60 })),
      result: fc.constantFrom('在位', '缺失', '状态不符'),
    }),
  )
  .map(([type, minutes, fields]) => ({ type, minutes, fields }));

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function build(i: Intent, state: MediumState, at: number): MediaEvent {
  const f = i.fields as {
    holder: PersonRef; due: number; text: string; text2: string; flag: boolean; flag2: boolean; flag3: boolean; witnesses: string[];
    method: string; incident: '丢失' | '泄露'; back: number; reported: number | null; result: '在位' | '缺失' | '状态不符';
  };
  const occurredAt = new Date(at).toISOString();
  const common = { seq: state.lastSeq + 1, occurredAt, recordedAt: new Date(at + 5 * 60_000).toISOString() };
  const day = occurredAt.slice(0, 10);
  switch (i.type) {
    case '登记入库':
      return { ...common, type: i.type, location: f.text };
    case '发放/领用':
      return { ...common, type: i.type, holder: f.holder, purpose: f.text };
    case '借出':
      return { ...common, type: i.type, holder: f.holder, purpose: f.text, dueBack: addDays(day, f.due) };
    case '归还':
      return { ...common, type: i.type, checkedBy: f.text, condition: f.text2 };
    case '携带外出':
      return {
        ...common, type: i.type, carrier: f.flag3 && state.holder ? state.holder : f.holder, approver: f.text, destination: f.text2 || '机房',
        purpose: '', encrypted: f.flag, encryptionMethod: f.flag2 ? 'SM4' : '', dueBack: addDays(day, f.due),
      };
    case '外出返回':
      return { ...common, type: i.type, checkResult: f.text };
    case '送外维修':
      return {
        ...common, type: i.type, fault: '', repairer: f.text2, repairerAgreement: f.flag3, agreementRef: '', backupDone: f.flag, sanitised: f.flag2,
        sanitisation: f.flag2 ? '数据清除' : f.text, sentBy: '王保密', escort: f.text, approver: f.text2, expectedBack: f.due > 0 ? addDays(day, f.due) : null,
      };
    case '修回':
      return { ...common, type: i.type, result: f.text };
    case '交回甲方':
      return { ...common, type: i.type, recipient: f.text };
    case '销毁':
      return { ...common, type: i.type, reason: f.text2, method: f.method as '物理粉碎', place: f.text2, destroyer: f.text, witnesses: f.witnesses, approver: f.text2 };
    case '丢失/泄露报告': {
      const open = state.incidents[0];
      const reportOf = open && f.flag ? open.seq : !f.flag && f.flag2 ? f.back : null;
      return {
        ...common, type: i.type, incident: f.incident, discoveredAt: new Date(at - f.back * HOUR).toISOString(), circumstances: f.text2, reportedTo: f.text,
        reportedAt: f.reported === null ? null : new Date(at + f.reported * 60_000).toISOString(), reportOf,
      };
    }
    case '清查结果':
      return { ...common, type: i.type, result: f.result, stocktake: '', note: f.text };
    case '更正': {
      const last = state.chain[state.chain.length - 1];
      return { ...common, type: i.type, corrects: f.flag && last ? last.seq : f.back, reason: f.text || '登记错误' };
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const comparable = (s: MediumState) => ({ ...s, corrected: [], lastSeq: 0 });

describe('the custody state machine: properties over random event sequences', () => {
  it('never reaches an impossible state; the state always equals a replay of the chain; refused events change nothing', () => {
    fc.assert(
      fc.property(fc.array(intent, { minLength: 20, maxLength: 60 }), (intents) => {
        let state = deepFreeze(initialState(SUBJECT));
        const recorded: MediaEvent[] = [];
        let at = Date.parse('2026-01-05T01:00:00Z');
        for (const [index, i] of [{ type: '登记入库' as const, minutes: 0, fields: { text: '保密室' } }, ...intents].entries()) {
          at += i.minutes * 60_000;
          const event = index === 0 ? { type: '登记入库' as const, location: '保密室', seq: 1, occurredAt: new Date(at).toISOString(), recordedAt: new Date(at).toISOString() } : build(i as Intent, state, at);
          const before = state;
          const snapshot = structuredClone(before);
          const result = step(state, event);
          if (!result.ok) {
            expect(result.state).toBe(before);
            expect(before).toEqual(snapshot);
            expect(result.message.startsWith('介质 JZ-2026-0001（U盘）')).toBe(true);
            continue;
          }
          state = deepFreeze(result.state);
          recorded.push(event);
          expect(stateProblems(state)).toEqual([]);
          // The derived status always equals a replay of the chain as stored …
          expect(replay(recorded, SUBJECT)).toEqual(state);
          // … and a correction is exactly “as if never recorded”: replaying only the effective events gives the same state.
          const effective = recorded.filter((e) => e.type !== '更正' && !state.corrected.includes(e.seq));
          expect(comparable(replay(effective, SUBJECT))).toEqual(comparable(state));
          // The rules as the issue states them.
          if (before.status !== null && TERMINAL_STATUSES.includes(before.status)) expect(event.type).toBe('更正');
          if (event.type === '借出' || event.type === '发放/领用' || event.type === '送外维修' || event.type === '销毁' || event.type === '交回甲方') {
            expect(before.status).toBe('在库');
          }
          if (event.type === '送外维修') expect(event.backupDone && event.sanitised && event.sanitisation.trim() !== '' && event.repairerAgreement).toBe(true);
          if (event.type === '携带外出') expect(event.encrypted && event.approver.trim() !== '' && event.encryptionMethod.trim() !== '').toBe(true);
          if (event.type === '销毁') {
            const witnesses = event.witnesses.map((w) => w.trim()).filter(Boolean);
            expect(witnesses.length).toBeGreaterThan(0);
            expect(witnesses).not.toContain(event.destroyer.trim());
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('apply is what step does when allowed, and replay of a prefix is the state at that point', () => {
    fc.assert(
      fc.property(fc.array(intent, { minLength: 10, maxLength: 30 }), (intents) => {
        let at = Date.parse('2026-01-05T01:00:00Z');
        let state = apply(initialState(SUBJECT), { type: '登记入库', location: '', seq: 1, occurredAt: new Date(at).toISOString(), recordedAt: new Date(at).toISOString() });
        const recorded: MediaEvent[] = [...state.chain];
        const states = [state];
        for (const i of intents) {
          at += Math.abs(i.minutes) * 60_000;
          const event = build(i, state, at);
          if (!mayApply(state, event).ok) continue;
          state = apply(state, event);
          recorded.push(event);
          states.push(state);
        }
        recorded.forEach((_, n) => expect(replay(recorded.slice(0, n + 1), SUBJECT)).toEqual(states[n]));
      }),
      { numRuns: 150 },
    );
  });
});
