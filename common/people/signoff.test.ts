import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, compareDates, fromDayNumber, toDayNumber } from '../contracts/civil-date';
import {
  ACCESS_KINDS,
  annualRenewalDue,
  checkDeparture,
  checkSignOff,
  departureCommitment,
  mayAccess,
  type Person,
  SIGNOFF_KIND_LABELS,
  SIGNOFF_KINDS,
  type SignOff,
  signOffEnd,
  type SignOffKind,
  type SignOffStatus,
  signOffStatus,
} from './signoff';

const so = (over: Partial<SignOff> & Pick<SignOff, 'kind' | 'signedDate'>): SignOff => ({
  contractId: null,
  validUntil: null,
  voided: false,
  ...over,
});

/** A confidentiality agreement for one year, ending 2025-05-31. */
const agreement = so({ kind: '保密协议', signedDate: '2024-06-01', validUntil: '2025-05-31' });
const onboarding = so({ kind: '上岗保密承诺书', signedDate: '2024-03-01' });
const zhang: Person = { name: '张三', status: '在岗' };

describe('kinds', () => {
  it('lists the five kinds in order, each with a short label and a hint', () => {
    expect(SIGNOFF_KINDS).toEqual(['上岗保密承诺书', '保密协议', '在岗年度承诺', '专项保密承诺', '离岗保密承诺书']);
    expect(Object.keys(SIGNOFF_KIND_LABELS)).toEqual([...SIGNOFF_KINDS]);
    expect(ACCESS_KINDS).toEqual(['上岗保密承诺书', '保密协议']);
  });
});

describe('signOffEnd', () => {
  it('is validUntil when set, indefinite otherwise, one year less a day for 在岗年度承诺', () => {
    expect(signOffEnd(agreement)).toBe('2025-05-31');
    expect(signOffEnd(onboarding)).toBeNull();
    expect(signOffEnd(so({ kind: '在岗年度承诺', signedDate: '2024-07-01' }))).toBe('2025-06-30');
    expect(signOffEnd(so({ kind: '在岗年度承诺', signedDate: '2024-01-01' }))).toBe('2024-12-31');
    expect(signOffEnd(so({ kind: '在岗年度承诺', signedDate: '2023-03-01' }))).toBe('2024-02-29');
    expect(signOffEnd(so({ kind: '在岗年度承诺', signedDate: '2024-02-29' }))).toBe('2025-02-28');
    expect(signOffEnd(so({ kind: '在岗年度承诺', signedDate: '2024-07-01', validUntil: '2024-12-31' }))).toBe('2024-12-31');
  });
});

describe('signOffStatus on a fixed clock', () => {
  it.each<[string, SignOff[], string, number | undefined, SignOffStatus, string | null]>([
    ['nothing recorded', [], '2025-01-01', undefined, '未签', null],
    ['the signing day itself', [agreement], '2024-06-01', undefined, '有效', '2025-05-31'],
    ['31 days before the end', [agreement], '2025-04-30', undefined, '有效', '2025-05-31'],
    ['30 days before the end: warning starts', [agreement], '2025-05-01', undefined, '即将到期', '2025-05-31'],
    ['the day before the end', [agreement], '2025-05-30', undefined, '即将到期', '2025-05-31'],
    ['the end day', [agreement], '2025-05-31', undefined, '即将到期', '2025-05-31'],
    ['the day after the end', [agreement], '2025-06-01', undefined, '已过期', '2025-05-31'],
    ['warnDays 0: the day before', [agreement], '2025-05-30', 0, '有效', '2025-05-31'],
    ['warnDays 0: the end day', [agreement], '2025-05-31', 0, '即将到期', '2025-05-31'],
    ['warnDays 60', [agreement], '2025-04-01', 60, '即将到期', '2025-05-31'],
    ['warnDays 60, one day earlier', [agreement], '2025-03-31', 60, '有效', '2025-05-31'],
    ['indefinite', [onboarding], '2099-12-31', undefined, '有效', null],
    ['indefinite beats a dated one', [agreement, onboarding], '2025-05-31', undefined, '有效', null],
    ['the later end is the basis', [agreement, so({ kind: '保密协议', signedDate: '2025-05-20', validUntil: '2026-05-19' })], '2025-05-31', undefined, '有效', '2026-05-19'],
    ['only a yearly commitment does not grant access', [so({ kind: '在岗年度承诺', signedDate: '2025-01-01' })], '2025-06-01', undefined, '未签', null],
    ['only a task commitment does not grant access', [so({ kind: '专项保密承诺', signedDate: '2025-01-01' })], '2025-06-01', undefined, '未签', null],
    ['only a departure commitment does not grant access', [so({ kind: '离岗保密承诺书', signedDate: '2025-01-01' })], '2025-06-01', undefined, '未签', null],
  ])('%s → %s', (_case, signoffs, today, warnDays, status, validUntil) => {
    const result = signOffStatus(signoffs, { today, warnDays });
    expect(result.status).toBe(status);
    expect(result.validUntil).toBe(validUntil);
  });

  it('explains each status in one sentence and names the basis', () => {
    expect(signOffStatus([agreement], { today: '2025-04-30' })).toEqual({
      status: '有效',
      reason: '保密协议（2024-06-01 签署）有效至 2025-05-31。',
      validUntil: '2025-05-31',
      basis: agreement,
    });
    expect(signOffStatus([agreement], { today: '2025-05-30' }).reason).toBe('保密协议（2024-06-01 签署）将于 2025-05-31 到期，还剩 1 天，请安排续签。');
    expect(signOffStatus([agreement], { today: '2025-05-31' }).reason).toBe('保密协议（2024-06-01 签署）今天（2025-05-31）到期，请安排续签。');
    expect(signOffStatus([agreement], { today: '2025-06-01' }).reason).toBe('保密协议（2024-06-01 签署）已于 2025-05-31 到期，请重新签署。');
    expect(signOffStatus([onboarding], { today: '2025-06-01' }).reason).toBe('上岗保密承诺书（2024-03-01 签署）长期有效。');
    expect(signOffStatus([], { today: '2025-06-01' })).toEqual({ status: '未签', reason: '未签署上岗保密承诺书或保密协议。', validUntil: null, basis: null });
  });

  it('returns the caller’s own record as the basis', () => {
    const withId = { ...agreement, id: 42 };
    expect(signOffStatus([withId], { today: '2025-01-01' }).basis?.id).toBe(42);
  });

  it('breaks a tie of ends by the later signed date', () => {
    const early = so({ kind: '上岗保密承诺书', signedDate: '2024-01-01', validUntil: '2025-12-31' });
    const late = so({ kind: '保密协议', signedDate: '2024-06-01', validUntil: '2025-12-31' });
    expect(signOffStatus([early, late], { today: '2025-01-01' }).basis).toBe(late);
    expect(signOffStatus([late, early], { today: '2025-01-01' }).basis).toBe(late);
  });

  describe('voided and future-dated', () => {
    it('never counts a voided sign-off', () => {
      const voided = { ...onboarding, voided: true };
      expect(signOffStatus([voided], { today: '2025-01-01' })).toMatchObject({
        status: '未签',
        reason: '未签署上岗保密承诺书或保密协议（已登记的均已作废）。',
      });
      expect(signOffStatus([agreement, voided], { today: '2025-06-01' })).toMatchObject({ status: '已过期', basis: agreement });
    });

    it('counts a sign-off from its signed date on, not before', () => {
      const next = so({ kind: '上岗保密承诺书', signedDate: '2025-07-01' });
      expect(signOffStatus([next], { today: '2025-06-30' })).toEqual({
        status: '未签',
        reason: '上岗保密承诺书签署日期为 2025-07-01，在今天之后，尚未生效。',
        validUntil: null,
        basis: null,
      });
      expect(signOffStatus([next], { today: '2025-07-01' }).status).toBe('有效');
      expect(signOffStatus([agreement, next], { today: '2025-06-30' })).toMatchObject({ status: '已过期', basis: agreement });
      expect(signOffStatus([agreement, next], { today: '2025-07-01' })).toMatchObject({ status: '有效', basis: next });
    });
  });

  describe('contract scoping', () => {
    const forContract1 = so({ kind: '保密协议', contractId: 1, signedDate: '2025-01-01' });
    const general = so({ kind: '上岗保密承诺书', contractId: null, signedDate: '2025-02-01', validUntil: '2025-12-31' });

    it('counts the contract’s own commitments and contract-free ones, not another contract’s', () => {
      expect(signOffStatus([forContract1], { today: '2025-06-01', contractId: 1 }).status).toBe('有效');
      expect(signOffStatus([forContract1], { today: '2025-06-01', contractId: 2 })).toMatchObject({
        status: '未签',
        reason: '未签署适用于该合同的上岗保密承诺书或保密协议（已登记的保密协议只适用于其他合同）。',
      });
      expect(signOffStatus([general], { today: '2025-06-01', contractId: 2 })).toMatchObject({ status: '有效', basis: general });
      expect(signOffStatus([forContract1, general], { today: '2025-06-01', contractId: 2 }).basis).toBe(general);
      expect(signOffStatus([forContract1, general], { today: '2025-06-01', contractId: 1 }).basis).toBe(forContract1);
    });

    it('counts every access commitment when no contract is asked about', () => {
      expect(signOffStatus([forContract1], { today: '2025-06-01' }).status).toBe('有效');
      expect(signOffStatus([forContract1], { today: '2025-06-01', contractId: null }).status).toBe('有效');
    });
  });

  it('refuses a bad warnDays or today', () => {
    expect(() => signOffStatus([], { today: '2025-06-01', warnDays: -1 })).toThrow('提前提醒天数应为 0 以上的整数');
    expect(() => signOffStatus([], { today: '2025-06-01', warnDays: 1.5 })).toThrow(RangeError);
    expect(() => signOffStatus([], { today: '2025-6-1' })).toThrow(RangeError);
  });

  const day = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-12-31') }).map(fromDayNumber);
  const signoff = fc
    .record({
      kind: fc.constantFrom<SignOffKind>(...SIGNOFF_KINDS),
      contractId: fc.constantFrom<number | null>(null, 1, 2),
      signedDate: day,
      length: fc.option(fc.integer({ min: -3, max: 800 }), { nil: null }),
      voided: fc.boolean(),
    })
    .map(({ length, ...s }): SignOff => ({ ...s, validUntil: length === null ? null : addDays(s.signedDate, length) }));
  const query = fc.record({
    contractId: fc.constantFrom<number | null | undefined>(undefined, null, 1, 2),
    warnDays: fc.integer({ min: 0, max: 60 }),
    step: fc.integer({ min: 1, max: 5 }),
  });
  const ORDER: SignOffStatus[] = ['有效', '即将到期', '已过期'];
  const counted = (s: SignOff, contractId: number | null | undefined) =>
    ACCESS_KINDS.includes(s.kind) && !s.voided && (contractId == null || s.contractId === null || s.contractId === contractId);

  it('property: as days pass, 有效 → 即将到期 → 已过期 only forward once every sign-off has been signed', () => {
    fc.assert(
      fc.property(fc.array(signoff, { maxLength: 5 }), query, (signoffs, { contractId, warnDays, step }) => {
        const lastSigned = signoffs.reduce((a, s) => (compareDates(s.signedDate, a) > 0 ? s.signedDate : a), '2020-01-01');
        let previous: SignOffStatus | null = null;
        for (let d = 0; d <= 900; d += step) {
          const status = signOffStatus(signoffs, { today: addDays(lastSigned, d), contractId, warnDays }).status;
          if (previous === '未签') expect(status).toBe('未签');
          else if (previous) expect(ORDER.indexOf(status)).toBeGreaterThanOrEqual(ORDER.indexOf(previous));
          previous = status;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: over any span, the status steps back (已过期 → 即将到期/有效, 即将到期 → 有效) only when a sign-off takes effect, and never returns to 未签', () => {
    fc.assert(
      fc.property(fc.array(signoff, { maxLength: 5 }), query, (signoffs, { contractId, warnDays, step }) => {
        let previous: { day: string; status: SignOffStatus } | null = null;
        for (let d = -10; d <= 1000; d += step) {
          const today = addDays('2020-01-01', d * 4);
          const status = signOffStatus(signoffs, { today, contractId, warnDays }).status;
          if (previous) {
            const from = previous.day;
            if (previous.status !== '未签') expect(status).not.toBe('未签');
            const backwards = status !== '未签' && previous.status !== '未签' && ORDER.indexOf(status) < ORDER.indexOf(previous.status);
            if (backwards) {
              const tookEffect = signoffs.some(
                (s) => counted(s, contractId) && compareDates(s.signedDate, from) > 0 && compareDates(s.signedDate, today) <= 0,
              );
              expect(tookEffect).toBe(true);
            }
          }
          previous = { day: today, status };
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('mayAccess', () => {
  const today = '2025-06-01';

  it('allows a person on post with a valid commitment', () => {
    expect(mayAccess(zhang, [onboarding], { today })).toEqual({ allowed: true });
  });

  it('allows with a warning while the commitment is about to end', () => {
    expect(mayAccess(zhang, [agreement], { today: '2025-05-20' })).toEqual({
      allowed: true,
      warning: '张三 的保密协议将于 2025-05-31 到期，请安排续签。',
    });
    expect(mayAccess(zhang, [agreement], { today: '2025-05-31' })).toEqual({
      allowed: true,
      warning: '张三 的保密协议今天（2025-05-31）到期，请安排续签。',
    });
  });

  it('refuses without a commitment, naming the person', () => {
    expect(mayAccess(zhang, [], { today })).toEqual({
      allowed: false,
      reason: '张三 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。',
    });
    expect(mayAccess(zhang, [so({ kind: '保密协议', contractId: 1, signedDate: '2025-01-01' })], { today, contractId: 2 })).toEqual({
      allowed: false,
      reason: '张三 未签署适用于该合同的上岗保密承诺书或保密协议（已登记的保密协议只适用于其他合同），不能授予访问权限。请先登记保密承诺。',
    });
    expect(mayAccess({ ...zhang, name: '  ' }, [], { today })).toMatchObject({ reason: expect.stringMatching(/^该人员 未签署/) });
  });

  it('refuses with an expired commitment, saying when it ended', () => {
    expect(mayAccess(zhang, [agreement], { today })).toEqual({
      allowed: false,
      reason: '张三 的保密协议已于 2025-05-31 到期，不能授予访问权限。请先重新签署保密承诺。',
    });
  });

  it('refuses a commitment dated after today', () => {
    expect(mayAccess(zhang, [so({ kind: '上岗保密承诺书', signedDate: '2025-06-02' })], { today })).toEqual({
      allowed: false,
      reason: '张三 的上岗保密承诺书签署日期为 2025-06-02，在今天之后，尚未生效，不能授予访问权限。请核对签署日期。',
    });
  });

  it('refuses a person who left or moved, whatever the sign-offs', () => {
    expect(mayAccess({ name: '张三', status: '离岗', leftOn: '2025-06-30' }, [onboarding], { today: '2025-07-01' })).toEqual({
      allowed: false,
      reason: '张三 已离岗（2025-06-30），不能授予访问权限。',
    });
    expect(mayAccess({ name: '张三', status: '离岗' }, [onboarding], { today })).toEqual({
      allowed: false,
      reason: '张三 已离岗，不能授予访问权限。',
    });
    expect(mayAccess({ name: '李四', status: '调岗', leftOn: '2025-05-15' }, [onboarding], { today })).toEqual({
      allowed: false,
      reason: '李四 已调岗（2025-05-15），不能授予访问权限。如仍需访问，请先将其恢复为在岗并登记保密承诺。',
    });
  });
});

describe('annualRenewalDue', () => {
  const yearly = so({ kind: '在岗年度承诺', signedDate: '2024-07-01' }); // ends 2025-06-30

  it('reports from warnDays before the end, and after it as overdue', () => {
    expect(annualRenewalDue([yearly], { today: '2025-05-30' })).toEqual([]);
    expect(annualRenewalDue([yearly], { today: '2025-05-31' })).toEqual([
      {
        basis: yearly,
        contractId: null,
        validUntil: '2025-06-30',
        daysLeft: 30,
        overdue: false,
        message: '在岗年度承诺（2024-07-01 签署）将于 2025-06-30 到期，还剩 30 天，请安排重新签署。',
      },
    ]);
    expect(annualRenewalDue([yearly], { today: '2025-06-30' })[0]).toMatchObject({
      daysLeft: 0,
      overdue: false,
      message: '在岗年度承诺（2024-07-01 签署）今天（2025-06-30）到期，请重新签署。',
    });
    expect(annualRenewalDue([yearly], { today: '2025-07-01' })[0]).toMatchObject({
      daysLeft: -1,
      overdue: true,
      message: '在岗年度承诺（2024-07-01 签署）已于 2025-06-30 到期，逾期 1 天，请重新签署。',
    });
    expect(annualRenewalDue([yearly], { today: '2025-06-20', warnDays: 5 })).toEqual([]);
    expect(annualRenewalDue([yearly], { today: '2025-06-25', warnDays: 5 })).toHaveLength(1);
  });

  it('ignores superseded, voided, future-dated and other kinds', () => {
    const renewed = so({ kind: '在岗年度承诺', signedDate: '2025-06-15' });
    expect(annualRenewalDue([yearly, renewed], { today: '2025-07-01' })).toEqual([]);
    expect(annualRenewalDue([yearly, { ...renewed, voided: true }], { today: '2025-07-01' })).toHaveLength(1);
    expect(annualRenewalDue([{ ...yearly, voided: true }], { today: '2025-07-01' })).toEqual([]);
    expect(annualRenewalDue([yearly, { ...renewed, signedDate: '2025-07-02' }], { today: '2025-07-01' })).toHaveLength(1);
    expect(annualRenewalDue([agreement, onboarding], { today: '2025-07-01' })).toEqual([]);
  });

  it('reports each contract scope on its own, earliest end first', () => {
    const c1 = so({ kind: '在岗年度承诺', contractId: 1, signedDate: '2024-06-10' }); // ends 2025-06-09
    const c2 = so({ kind: '在岗年度承诺', contractId: 2, signedDate: '2025-01-01' }); // ends 2025-12-31
    const due = annualRenewalDue([yearly, c1, c2], { today: '2025-06-05' });
    expect(due.map((d) => [d.contractId, d.validUntil])).toEqual([
      [1, '2025-06-09'],
      [null, '2025-06-30'],
    ]);
  });
});

describe('checkDeparture', () => {
  const departure = { kind: '离岗', date: '2025-06-30' } as const;
  const exit = so({ kind: '离岗保密承诺书', signedDate: '2025-06-30', declassifyFrom: '2025-07-01', declassifyTo: '2026-06-30' });

  it('is clear with a 离岗保密承诺书 and its 脱密期', () => {
    expect(checkDeparture(departure, [onboarding, exit])).toEqual([
      { key: 'departureSignOff', label: '签署离岗保密承诺书', done: true, detail: '已于 2025-06-30 签署离岗保密承诺书。' },
      { key: 'declassifyPeriod', label: '设定脱密期', done: true, detail: '脱密期 2025-07-01 至 2026-06-30。' },
    ]);
  });

  it('lists what is missing', () => {
    expect(checkDeparture({ kind: '调岗', date: '2025-06-30' }, [onboarding])).toEqual([
      { key: 'departureSignOff', label: '签署离岗保密承诺书', done: false, detail: '调岗（2025-06-30）须签署离岗保密承诺书。' },
      { key: 'declassifyPeriod', label: '设定脱密期', done: false, detail: '签署离岗保密承诺书时约定脱密期起止日期。' },
    ]);
    const noPeriod = { ...exit, declassifyFrom: null, declassifyTo: null };
    expect(checkDeparture(departure, [onboarding, noPeriod])[1]).toMatchObject({ done: false, detail: '离岗保密承诺书未填写脱密期起止日期。' });
    const reversed = { ...exit, declassifyFrom: '2026-06-30', declassifyTo: '2025-07-01' };
    expect(checkDeparture(departure, [onboarding, reversed])[1]).toMatchObject({
      done: false,
      detail: '脱密期结束日 2025-07-01 早于开始日 2026-06-30，请更正。',
    });
    expect(checkDeparture(departure, [onboarding, { ...exit, voided: true }])[0]?.done).toBe(false);
  });

  it('does not count a 离岗保密承诺书 from an earlier spell on post', () => {
    const oldExit = { ...exit, signedDate: '2023-12-31' };
    expect(checkDeparture(departure, [oldExit, onboarding])[0]).toEqual({
      key: 'departureSignOff',
      label: '签署离岗保密承诺书',
      done: false,
      detail: '已登记的离岗保密承诺书（2023-12-31）早于其后签署的上岗保密承诺书（2024-03-01），属于此前的离岗，请就本次离岗（2025-06-30）重新签署。',
    });
    expect(checkDeparture(departure, [oldExit, onboarding, exit]).every((i) => i.done)).toBe(true);
  });

  it('names the commitment that counts, the one the departure sheet prints', () => {
    const oldExit = { ...exit, signedDate: '2023-12-31' };
    expect(departureCommitment([onboarding, exit])).toBe(exit);
    expect(departureCommitment([oldExit, onboarding])).toBeNull();
    expect(departureCommitment([oldExit, onboarding, exit])).toBe(exit);
    expect(departureCommitment([onboarding, { ...exit, voided: true }])).toBeNull();
    // Signed the same day as the 上岗 commitment it closes: it counts.
    const sameDay = { ...exit, signedDate: onboarding.signedDate };
    expect(departureCommitment([onboarding, sameDay])).toBe(sameDay);
  });
});

describe('checkSignOff', () => {
  it('accepts consistent records', () => {
    expect(checkSignOff(agreement)).toEqual([]);
    expect(checkSignOff(so({ kind: '离岗保密承诺书', signedDate: '2025-06-30', declassifyFrom: '2025-07-01', declassifyTo: '2025-07-01' }))).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(checkSignOff(so({ kind: '保密协议', signedDate: '2025-02-30' }))).toEqual([
      { field: 'signedDate', message: '签署日期应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20' },
    ]);
    expect(checkSignOff({ ...agreement, validUntil: '2024-05-31' })).toEqual([
      { field: 'validUntil', message: '有效期至 2024-05-31 早于签署日期 2024-06-01' },
    ]);
    const exit = so({ kind: '离岗保密承诺书', signedDate: '2025-06-30', declassifyFrom: '2025-07-01', declassifyTo: '2025-06-30' });
    expect(checkSignOff(exit)).toEqual([{ field: 'declassifyTo', message: '脱密期结束日 2025-06-30 早于开始日 2025-07-01' }]);
    expect(checkSignOff({ ...exit, declassifyTo: null })).toEqual([{ field: 'declassifyTo', message: '请填写脱密期结束日' }]);
    expect(checkSignOff({ ...exit, declassifyFrom: null })).toEqual([{ field: 'declassifyFrom', message: '请填写脱密期开始日' }]);
    expect(checkSignOff({ ...agreement, declassifyFrom: '2025-07-01' })).toEqual([
      { field: 'declassifyFrom', message: '只有离岗保密承诺书需要填写脱密期' },
    ]);
    expect(checkSignOff({ ...agreement, kind: '其他' as SignOffKind })).toEqual([{ field: 'kind', message: '请选择承诺类型' }]);
  });
});
