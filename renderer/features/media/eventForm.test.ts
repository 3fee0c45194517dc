import { describe, expect, it } from 'vitest';
import { emptyEventValues, eventInputOf, formParticipants, instantOf, localInstantOf, reportDeadline, validateEvent, type EventValues } from './eventForm';

const NOW = new Date(2026, 2, 2, 10, 30);
const values = (patch: Partial<EventValues> = {}): EventValues => ({ ...emptyEventValues(NOW), ...patch });
const BAD = 'bad time';
const offsetOf = (instant: string) => instant.slice(19);

describe('typed local times', () => {
  it('become instants with the workstation offset, seconds optional, other separators read', () => {
    const at = instantOf('2026-03-02 10:30')!;
    expect(at.slice(0, 19)).toBe('2026-03-02T10:30:00');
    expect(offsetOf(at)).toMatch(/^[+-]\d{2}:\d{2}$/);
    expect(Date.parse(at)).toBe(new Date(2026, 2, 2, 10, 30).getTime());
    expect(instantOf('2026/3/2 9:05:07')!.slice(0, 19)).toBe('2026-03-02T09:05:07');
  });

  it('refuses what is not a time of a real day', () => {
    for (const text of ['2026-02-30 10:00', '2026-03-02', '2026-03-02 24:00', '10:30', '明天']) expect(instantOf(text)).toBeNull();
  });
});

describe('event inputs', () => {
  it('a loan carries the borrower id, the due date and the signatures; a blank time is now', () => {
    const input = eventInputOf('借出', values({ holderId: '7', holderName: '张三', dueBack: '2026-03-10', acknowledged: ['借用人'] }), { id: 3, rev: 4 });
    expect(input).toMatchObject({ type: '借出', id: 3, rev: 4, holderId: 7, dueBack: '2026-03-10', occurredAt: null, acknowledged: ['借用人'] });
  });

  it('a destruction keeps only the witnesses typed', () => {
    const input = eventInputOf('销毁', values({ witnesses: [' 刘处长 ', '', '  '] }), { id: 1, rev: 0 });
    expect(input).toMatchObject({ witnesses: ['刘处长'] });
  });

  it('a new loss report sends its discovery time and no report time until reported', () => {
    const input = eventInputOf('丢失/泄露报告', values({ circumstances: '遗失', reportedTo: '陈工' }), { id: 1, rev: 0 });
    expect(input).toMatchObject({ incident: '丢失', reportedAt: null, reportOf: null });
    expect(Date.parse((input as { discoveredAt: string }).discoveredAt)).toBe(NOW.getTime());
  });

  it('the late report of an earlier incident sends its seq and the report time, not a discovery', () => {
    const input = eventInputOf('丢失/泄露报告', { ...emptyEventValues(NOW, 2), reportedTo: '陈工' }, { id: 1, rev: 0 });
    expect(input).toMatchObject({ reportOf: 2, discoveredAt: null });
    expect(Date.parse((input as { reportedAt: string }).reportedAt)).toBe(NOW.getTime());
  });
});

describe('form validation', () => {
  it('asks for the borrower and the due date at their fields, with the router messages', () => {
    const errors = validateEvent('借出', values(), BAD);
    expect(errors.holderId).toBe('请选择借用人');
    expect(errors.dueBack).toBeDefined();
  });

  it('leaves the rules of repair (sanitisation, agreement) to the core', () => {
    expect(validateEvent('送外维修', values({ repairer: '某公司' }), BAD)).toEqual({});
  });

  it('checks the typed times', () => {
    expect(validateEvent('归还', values({ occurredAt: '3月2日' }), BAD)).toEqual({ occurredAt: BAD });
    expect(validateEvent('丢失/泄露报告', values({ discoveredAt: 'x', circumstances: 'a', reportedTo: 'b' }), BAD)).toEqual({ discoveredAt: BAD });
  });

  it('asks which event a correction voids', () => {
    expect(validateEvent('更正', values({ reason: '登记错了' }), BAD).corrects).toBe('请选择要更正的记录');
  });
});

describe('who signs the receipt', () => {
  it('a return lists the holder giving it back and the checker', () => {
    expect(formParticipants('归还', values({ checkedBy: '王保密' }), { id: 7, name: '张三' })).toEqual([
      { role: '归还人', name: '张三', personId: 7 },
      { role: '核验人', name: '王保密', personId: null },
    ]);
  });

  it('a loan lists the borrower once chosen', () => {
    expect(formParticipants('借出', values(), null)).toEqual([]);
    expect(formParticipants('借出', values({ holderId: '7', holderName: '张三' }), null)).toEqual([{ role: '借用人', name: '张三', personId: 7 }]);
  });

  it('a destruction lists destroyer, every witness and the approver', () => {
    const roles = formParticipants('销毁', values({ destroyer: '王保密', witnesses: ['刘处长', '赵'], approver: '李' }), null).map((p) => `${p.role}:${p.name}`);
    expect(roles).toEqual(['销毁人:王保密', '监销人:刘处长', '监销人:赵', '审批人:李']);
  });
});

describe('the 48-hour report deadline', () => {
  it('runs from the discovery; past it the report is overdue', () => {
    const discovered = instantOf('2026-03-02 10:30')!;
    expect(reportDeadline(discovered, new Date(2026, 2, 3, 10, 30))).toMatchObject({ hoursLeft: 24, overdue: false });
    expect(reportDeadline(discovered, new Date(2026, 2, 4, 11, 0))).toMatchObject({ overdue: true });
  });
});

describe('now on the workstation clock', () => {
  it('is the same instant, with seconds and the local offset', () => {
    const d = new Date(2026, 2, 2, 10, 30, 15);
    expect(Date.parse(localInstantOf(d))).toBe(d.getTime());
  });
});
