import { mediaEventInputSchema, type MediaEventInput } from '../../../common/api/media';
import { isCivilDate } from '../../../common/contracts';
import {
  INCIDENT_REPORT_HOURS,
  participants,
  type DestructionMethod,
  type EventParticipant,
  type IncidentKind,
  type MediaEvent,
  type PersonRef,
} from '../../../common/media';
import type { RecordableType } from './chain';

/**
 * What an event form holds, every type's fields in one flat record (each form shows its own):
 * people as the picker's id string with the name chosen, dates as YYYY-MM-DD or null, instants as
 * the local “YYYY-MM-DD HH:mm” typed ('' for the 发生时间: now). Field names are the core's, so a
 * refusal at `field` lands on the input of that name.
 */
export interface EventValues {
  occurredAt: string;
  acknowledged: string[];
  note: string;
  holderId: string | null;
  holderName: string;
  carrierId: string | null;
  carrierName: string;
  purpose: string;
  dueBack: string | null;
  checkedBy: string;
  condition: string;
  approver: string;
  destination: string;
  encrypted: boolean;
  encryptionMethod: string;
  checkResult: string;
  fault: string;
  repairer: string;
  repairerAgreement: boolean;
  agreementRef: string;
  backupDone: boolean;
  sanitised: boolean;
  sanitisation: string;
  sentBy: string;
  escort: string;
  expectedBack: string | null;
  result: string;
  recipient: string;
  reason: string;
  method: DestructionMethod | '';
  place: string;
  destroyer: string;
  witnesses: string[];
  incident: IncidentKind;
  discoveredAt: string;
  circumstances: string;
  reportedTo: string;
  reported: boolean;
  reportedAt: string;
  reportOf: string | null;
  corrects: string | null;
}
export type EventField = keyof EventValues;

/** The fields each form shows, in order (the common ones — time, signatures, note — come with every form). */
export const EVENT_FIELDS: Record<RecordableType, readonly EventField[]> = {
  '发放/领用': ['holderId', 'purpose'],
  借出: ['holderId', 'purpose', 'dueBack'],
  归还: ['checkedBy', 'condition'],
  携带外出: ['carrierId', 'destination', 'purpose', 'dueBack', 'approver', 'encrypted', 'encryptionMethod'],
  外出返回: ['checkResult'],
  送外维修: ['fault', 'repairer', 'repairerAgreement', 'agreementRef', 'backupDone', 'sanitised', 'sanitisation', 'sentBy', 'escort', 'approver', 'expectedBack'],
  修回: ['result'],
  交回甲方: ['recipient'],
  销毁: ['reason', 'method', 'place', 'destroyer', 'witnesses', 'approver'],
  '丢失/泄露报告': ['incident', 'discoveredAt', 'circumstances', 'reportedTo', 'reported', 'reportedAt'],
  更正: ['corrects', 'reason'],
};

/** Irreversible: the form asks for confirmation before recording them. */
export const IRREVERSIBLE: readonly RecordableType[] = ['交回甲方', '销毁', '丢失/泄露报告'];

const pad = (n: number) => String(Math.trunc(n)).padStart(2, '0');

/** “2026-03-02 10:30” of a Date on the workstation's clock. */
export function localMinute(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant `d` on the workstation's clock, with its offset (2026-03-02T10:30:15+08:00). */
export const localInstantOf = (d: Date): string => instantOf(`${localMinute(d)}:${pad(d.getSeconds())}`)!;

/**
 * A typed local time (“2026-03-02 10:30”, also with T, / or . between the date's parts and an
 * optional :ss) as an instant with the workstation's offset at that time; null when it is not one.
 */
export function instantOf(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (!isCivilDate(day) || h > 23 || mi > 59 || s > 59) return null;
  const offset = -new Date(y, mo - 1, d, h, mi, s).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${day}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`;
}

export function emptyEventValues(now: Date, reportOf: number | null = null): EventValues {
  return {
    occurredAt: '',
    acknowledged: [],
    note: '',
    holderId: null,
    holderName: '',
    carrierId: null,
    carrierName: '',
    purpose: '',
    dueBack: null,
    checkedBy: '',
    condition: '',
    approver: '',
    destination: '',
    encrypted: false,
    encryptionMethod: '',
    checkResult: '',
    fault: '',
    repairer: '',
    repairerAgreement: false,
    agreementRef: '',
    backupDone: false,
    sanitised: false,
    sanitisation: '',
    sentBy: '',
    escort: '',
    expectedBack: null,
    result: '',
    recipient: '',
    reason: '',
    method: '',
    place: '',
    destroyer: '',
    witnesses: [''],
    incident: '丢失',
    discoveredAt: localMinute(now),
    circumstances: '',
    reportedTo: '',
    reported: reportOf !== null,
    reportedAt: reportOf !== null ? localMinute(now) : '',
    reportOf: reportOf === null ? null : String(reportOf),
    corrects: null,
  };
}

const id = (v: string | null) => (v === null ? Number.NaN : Number(v));
const instantOrRaw = (v: string) => (v.trim() === '' ? null : (instantOf(v) ?? v));

/** The `media:event` input of the form, for the medium at revision `rev`. */
export function eventInputOf(type: RecordableType, v: EventValues, medium: { id: number; rev: number }): MediaEventInput {
  const common = { id: medium.id, rev: medium.rev, occurredAt: instantOrRaw(v.occurredAt), acknowledged: v.acknowledged as MediaEventInput['acknowledged'], note: v.note };
  switch (type) {
    case '发放/领用':
      return { ...common, type, holderId: id(v.holderId), purpose: v.purpose };
    case '借出':
      return { ...common, type, holderId: id(v.holderId), purpose: v.purpose, dueBack: v.dueBack ?? '' };
    case '归还':
      return { ...common, type, checkedBy: v.checkedBy, condition: v.condition };
    case '携带外出':
      return {
        ...common,
        type,
        carrierId: id(v.carrierId),
        approver: v.approver,
        destination: v.destination,
        purpose: v.purpose,
        encrypted: v.encrypted,
        encryptionMethod: v.encryptionMethod,
        dueBack: v.dueBack ?? '',
      };
    case '外出返回':
      return { ...common, type, checkResult: v.checkResult };
    case '送外维修': {
      const { fault, repairer, repairerAgreement, agreementRef, backupDone, sanitised, sanitisation, sentBy, escort, approver, expectedBack } = v;
      return { ...common, type, fault, repairer, repairerAgreement, agreementRef, backupDone, sanitised, sanitisation, sentBy, escort, approver, expectedBack };
    }
    case '修回':
      return { ...common, type, result: v.result };
    case '交回甲方':
      return { ...common, type, recipient: v.recipient };
    case '销毁':
      return {
        ...common,
        type,
        reason: v.reason,
        method: v.method,
        place: v.place,
        destroyer: v.destroyer,
        witnesses: v.witnesses.map((w) => w.trim()).filter(Boolean),
        approver: v.approver,
      };
    case '丢失/泄露报告':
      return {
        ...common,
        type,
        incident: v.incident,
        discoveredAt: v.reportOf === null ? instantOrRaw(v.discoveredAt) : null,
        circumstances: v.circumstances,
        reportedTo: v.reportedTo,
        reportedAt: v.reported ? instantOrRaw(v.reportedAt) : null,
        reportOf: v.reportOf === null ? null : Number(v.reportOf),
      };
    case '更正':
      return { ...common, type, corrects: id(v.corrects), reason: v.reason };
  }
}

/**
 * The router's own schema, field by field, before anything is sent; the typed times are checked
 * here as local times (`badTime`: how to write one). The state machine's rules are the core's to
 * answer (their refusal lands at its field the same way).
 */
export function validateEvent(type: RecordableType, v: EventValues, badTime: string): Partial<Record<EventField, string>> {
  const errors: Partial<Record<EventField, string>> = {};
  const times: EventField[] = ['occurredAt'];
  if (type === '丢失/泄露报告') {
    if (v.reportOf === null) times.push('discoveredAt');
    if (v.reported) times.push('reportedAt');
  }
  for (const f of times) {
    const text = v[f] as string;
    if (text.trim() !== '' && instantOf(text) === null) errors[f] = badTime;
  }
  const parsed = mediaEventInputSchema.safeParse(eventInputOf(type, v, { id: 1, rev: 0 }));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as EventField;
      errors[field] ??= issue.message;
    }
  }
  return errors;
}

/**
 * The event as the core will store it, for the participants list of the form (who signs the
 * receipt). People not yet chosen are left out.
 */
export function formParticipants(type: RecordableType, v: EventValues, holderBefore: PersonRef | null): EventParticipant[] {
  const person = (idText: string | null, name: string): PersonRef => ({ id: id(idText), name });
  const base = { seq: 0, occurredAt: '', recordedAt: '' };
  const event = ((): MediaEvent | null => {
    switch (type) {
      case '发放/领用':
        return { ...base, type, holder: person(v.holderId, v.holderName), purpose: '' };
      case '借出':
        return { ...base, type, holder: person(v.holderId, v.holderName), purpose: '', dueBack: '' };
      case '归还':
        return { ...base, type, checkedBy: v.checkedBy, condition: '' };
      case '携带外出':
        return { ...base, type, carrier: person(v.carrierId, v.carrierName), approver: v.approver, destination: '', purpose: '', encrypted: false, encryptionMethod: '', dueBack: '' };
      case '送外维修':
        return { ...base, type, fault: '', repairer: v.repairer, repairerAgreement: false, agreementRef: '', backupDone: false, sanitised: false, sanitisation: '', sentBy: v.sentBy, escort: v.escort, approver: v.approver, expectedBack: null };
      case '交回甲方':
        return { ...base, type, recipient: v.recipient };
      case '销毁':
        return { ...base, type, reason: '', method: '', place: '', destroyer: v.destroyer, witnesses: v.witnesses, approver: v.approver };
      default:
        return null;
    }
  })();
  // A person not yet chosen has no id (NaN): not listed.
  return event ? participants(event, holderBefore).filter((p) => p.personId === null || !Number.isNaN(p.personId)) : [];
}

/** The deadline of a loss or leak discovered at `discovered` (an instant), and the hours left at `now`. */
export function reportDeadline(discovered: string, now: Date): { deadline: Date; hoursLeft: number; overdue: boolean } {
  const deadline = new Date(Date.parse(discovered) + INCIDENT_REPORT_HOURS * 3_600_000);
  const ms = deadline.getTime() - now.getTime();
  return { deadline, hoursLeft: Math.floor(ms / 3_600_000), overdue: ms < 0 };
}
