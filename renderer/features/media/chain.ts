import type { MediaEventView, MediumDetail } from '../../../common/api/media';
import {
  DESTRUCTION_METHODS,
  EVENT_TYPES,
  mayApply,
  replay,
  type MediaEvent,
  type MediaEventType,
  type MediumState,
  type PersonRef,
} from '../../../common/media';

/** The events `media:event` records (登记入库 comes with media:create; 清查结果 with the stocktake). */
export const RECORDABLE_TYPES = EVENT_TYPES.filter((t): t is Exclude<MediaEventType, '登记入库' | '清查结果'> => t !== '登记入库' && t !== '清查结果');
export type RecordableType = (typeof RECORDABLE_TYPES)[number];

/** The stored event a timeline entry shows (its typed fields are in `data`). */
export const eventOf = (view: MediaEventView): MediaEvent =>
  ({ ...view.data, type: view.type, seq: view.seq, occurredAt: view.occurredAt, recordedAt: view.recordedAt }) as MediaEvent;

/** The state of the medium as the state machine replays its chain. */
export function stateOf(medium: Pick<MediumDetail, 'number' | 'kind' | 'timeline'>): MediumState {
  return replay(medium.timeline.map(eventOf), { number: medium.number, kind: medium.kind });
}

const NOBODY: PersonRef = { id: 0, name: '' };

/**
 * A complete event of `type` at `now`: every field given, so that the state machine answers only
 * whether the medium's state allows the event.
 */
function probes(type: RecordableType, state: MediumState, now: string): MediaEvent[] {
  const base = { seq: state.lastSeq + 1, occurredAt: now, recordedAt: now };
  const day = now.slice(0, 10);
  const holder = state.holder ?? NOBODY;
  switch (type) {
    case '发放/领用':
      return [{ ...base, type, holder: NOBODY, purpose: '' }];
    case '借出':
      return [{ ...base, type, holder: NOBODY, purpose: '', dueBack: day }];
    case '归还':
      return [{ ...base, type, checkedBy: '-', condition: '' }];
    case '携带外出':
      return [{ ...base, type, carrier: holder, approver: '-', destination: '-', purpose: '', encrypted: true, encryptionMethod: '-', dueBack: day }];
    case '外出返回':
      return [{ ...base, type, checkResult: '-' }];
    case '送外维修':
      return [
        {
          ...base,
          type,
          fault: '',
          repairer: '-',
          repairerAgreement: true,
          agreementRef: '',
          backupDone: true,
          sanitised: true,
          sanitisation: '-',
          sentBy: '',
          escort: '-',
          approver: '-',
          expectedBack: null,
        },
      ];
    case '修回':
      return [{ ...base, type, result: '-' }];
    case '交回甲方':
      return [{ ...base, type, recipient: '-' }];
    case '销毁':
      return [{ ...base, type, reason: '-', method: DESTRUCTION_METHODS[0], place: '-', destroyer: 'a', witnesses: ['b'], approver: '-' }];
    case '丢失/泄露报告': {
      const report = { ...base, type, discoveredAt: now, circumstances: '-', reportedTo: '-', reportedAt: null };
      return [
        { ...report, incident: '丢失', reportOf: null },
        { ...report, incident: '泄露', reportOf: null },
        ...state.incidents.map((i) => ({ ...report, incident: i.incident, reportedAt: now, reportOf: i.seq })),
      ];
    }
    case '更正': {
      const last = state.chain[state.chain.length - 1];
      return last ? [{ ...base, type, corrects: last.seq, reason: '-' }] : [];
    }
  }
}

/**
 * The events the medium's state allows now, in menu order, as the state machine decides them.
 * `now` is an instant with offset (the workstation's clock).
 */
export function allowedEvents(state: MediumState, now: string): RecordableType[] {
  return RECORDABLE_TYPES.filter((type) => probes(type, state, now).some((e) => mayApply(state, e).ok));
}
