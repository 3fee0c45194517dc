import { describe, expect, it } from 'vitest';
import type { MediaEventView } from '../../../common/api/media';
import { describeEvent, type MediaEvent } from '../../../common/media';
import { allowedEvents, stateOf } from './chain';
import { numberOfItem } from './ChecklistAction';

const NOW = '2026-03-10T09:00:00+08:00';
const zhang = { id: 7, name: '张三' };

/** An event as the test writes it: no seq, recorded when it happened. */
type Draft = MediaEvent extends infer E ? (E extends MediaEvent ? Omit<E, 'seq' | 'recordedAt'> : never) : never;

/** A timeline as media:get returns it, from events. */
function medium(events: Draft[]) {
  const timeline: MediaEventView[] = events.map((e, i) => {
    const { type, occurredAt, ...data } = e as MediaEvent;
    return {
      id: i + 1,
      uuid: `u${i + 1}`,
      seq: i + 1,
      type,
      occurredAt,
      recordedAt: occurredAt,
      recordedByName: '王保密',
      summary: describeEvent({ ...e, seq: i + 1, recordedAt: occurredAt } as MediaEvent),
      data,
      participants: [],
      note: '',
      corrects: type === '更正' ? (data as { corrects: number }).corrects : null,
      correctedBy: null,
      attachments: 0,
    };
  });
  return { number: 'JZ-2026-0001', kind: 'U盘' as const, timeline };
}

const at = (day: string) => `2026-03-${day}T10:00:00+08:00`;
const registered = { type: '登记入库', occurredAt: at('01'), location: '保密柜' } as const;

describe('the events offered for a medium', () => {
  it('in store: hand-overs, repair, hand-back, destruction and a loss report; neither a return nor a correction of the registration', () => {
    const state = stateOf(medium([registered]));
    expect(state.status).toBe('在库');
    expect(allowedEvents(state, NOW)).toEqual(['发放/领用', '借出', '携带外出', '送外维修', '交回甲方', '销毁', '丢失/泄露报告']);
  });

  it('lent: only return, take-out by the borrower, loss and correcting the loan', () => {
    const state = stateOf(medium([registered, { type: '借出', occurredAt: at('02'), holder: zhang, purpose: '', dueBack: '2026-03-05' }]));
    expect(state.status).toBe('借出');
    expect(allowedEvents(state, NOW)).toEqual(['归还', '携带外出', '丢失/泄露报告', '更正']);
  });

  it('at the repairer: only 修回, an incident report and the correction', () => {
    const repair = {
      type: '送外维修',
      occurredAt: at('02'),
      fault: '',
      repairer: '某维修公司',
      repairerAgreement: true,
      agreementRef: '',
      backupDone: true,
      sanitised: true,
      sanitisation: '清除',
      sentBy: '',
      escort: '赵',
      approver: '刘',
      expectedBack: null,
    } as const;
    const state = stateOf(medium([registered, repair]));
    expect(allowedEvents(state, NOW)).toEqual(['修回', '丢失/泄露报告', '更正']);
  });

  it('destroyed: nothing but the correction of the destruction', () => {
    const destroy = { type: '销毁', occurredAt: at('02'), reason: '报废', method: '物理粉碎', place: '保密室', destroyer: '王', witnesses: ['刘'], approver: '刘' } as const;
    expect(allowedEvents(stateOf(medium([registered, destroy])), NOW)).toEqual(['更正']);
  });

  it('lost and not yet reported to the client: found (归还), the late report, a leak, and no destruction until reported', () => {
    const loss = {
      type: '丢失/泄露报告',
      occurredAt: at('02'),
      incident: '丢失',
      discoveredAt: at('02'),
      circumstances: '遗失',
      reportedTo: '陈工',
      reportedAt: null,
      reportOf: null,
    } as const;
    const state = stateOf(medium([registered, loss]));
    expect(state.status).toBe('丢失');
    expect(allowedEvents(state, NOW)).toEqual(['归还', '丢失/泄露报告', '更正']);
  });

  it('a corrected issue leaves the medium in store again, as the replay says', () => {
    const state = stateOf(
      medium([
        registered,
        { type: '发放/领用', occurredAt: at('02'), holder: zhang, purpose: '' },
        { type: '更正', occurredAt: at('03'), corrects: 2, reason: '登记错了人' },
      ]),
    );
    expect(state.status).toBe('在库');
    expect(state.corrected).toEqual([2]);
    expect(allowedEvents(state, NOW)).not.toContain('归还');
  });
});

describe('the media items of a departure checklist', () => {
  it('name their medium by number, for a held medium and for one the person keeps', () => {
    expect(numberOfItem('media:JZ-2026-0002')).toBe('JZ-2026-0002');
    expect(numberOfItem('media:JZ-2026-0002:custodian')).toBe('JZ-2026-0002');
  });
});
