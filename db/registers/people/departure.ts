import { randomUUID } from 'node:crypto';
import type { ChecklistItemView, DepartureChecklist, DepartureKind, DepartureRecord, Person } from '../../../common/api/person';
import { DomainError } from '../../../common/api/result';
import type { CivilDate } from '../../../common/contracts/civil-date';
import { checkDeparture } from '../../../common/people/signoff';
import type { Db } from '../../core/open';
import { describePerson, getPerson, loadSignOffs, pendingDeparture, personRef, requireCurrentPerson, touchPerson } from './repo';

/**
 * The departure workflow (DESIGN.md §2 “Departure closes everything”).
 *
 * States (common/api/person.ts DEPARTURE_STATES):
 *   在岗 ──start(kind, date)──▶ pending (a `person_departures` row; the person stays 在岗 but is
 *     granted no new access and takes no new assignment)
 *   pending ──complete──▶ 调岗 / 离岗 with 离场日期 = the date, when every checklist item is done;
 *     with items open only by an exception whose reason (≥ 5 characters) and open items are
 *     stored with the departure and written to the audit trail
 *   pending ──cancel(reason)──▶ 在岗
 *   调岗 / 离岗 ──reinstate(入场日期)──▶ 在岗
 * Closed departures never change (trigger); they are the person's history.
 *
 * The checklist is built by providers, one per register that holds something a departing person
 * must give back or close: media held (each returned), IP filings (each revoked), the sign-offs
 * (离岗保密承诺书 signed, 脱密期 set — built in below). A register adds its provider once with
 * {@link registerDepartureProvider} (from its own module, imported by db/core.ts); nothing here
 * changes when it does. A provider reports only what is still relevant for the person on `today`
 * and returns nothing when it has nothing to say.
 */

export interface ChecklistItem {
  /** Stable within the provider: `departureSignOff`, `media:JZ-2025-0007` … */
  key: string;
  /** What must be done: 签署离岗保密承诺书, 归还介质 JZ-2025-0007 … */
  label: string;
  done: boolean;
  /** One sentence on the state of the item, ending with “。”. */
  detail: string;
}

export interface DepartureProvider {
  /** Unique among providers: `signoff`, `media`, `ip`. */
  id: string;
  /** The register it speaks for: 保密承诺, 存储介质, IP 报备. */
  label: string;
  /** The items for the person's pending departure (read its kind and date from the database). */
  items(db: Db, personId: number, today: CivilDate): ChecklistItem[];
}

/** The built-in provider: a 离岗保密承诺书 signed for this departure and its 脱密期 set (`checkDeparture`). */
export const signOffDepartureProvider: DepartureProvider = {
  id: 'signoff',
  label: '保密承诺',
  items(db, personId) {
    const departure = pendingDeparture(db, personId);
    if (!departure) return [];
    return checkDeparture({ kind: departure.kind, date: departure.date }, loadSignOffs(db, personId));
  },
};

const providers: DepartureProvider[] = [signOffDepartureProvider];

/** Adds a register's provider to every checklist; returns the function that removes it again. */
export function registerDepartureProvider(provider: DepartureProvider): () => void {
  if (providers.some((p) => p.id === provider.id)) throw new Error(`departure provider ${provider.id} is already registered`);
  providers.push(provider);
  return () => {
    const at = providers.indexOf(provider);
    if (at >= 0) providers.splice(at, 1);
  };
}

export function departureProviders(): readonly DepartureProvider[] {
  return [...providers];
}

const RECORD_SELECT = `SELECT id, uuid, kind, date, state, started_at AS startedAt, started_by_name AS startedByName,
    closed_at AS closedAt, closed_by_name AS closedByName, exception_reason AS exceptionReason,
    open_items_json AS openItemsJson, cancel_reason AS cancelReason
  FROM person_departures`;

type RecordRow = Omit<DepartureRecord, 'openItems'> & { openItemsJson: string | null };

const toRecord = ({ openItemsJson, ...row }: RecordRow): DepartureRecord => ({
  ...row,
  openItems: openItemsJson ? (JSON.parse(openItemsJson) as ChecklistItemView[]) : [],
});

/** A person's departures, newest started first: the one being processed and the closed ones. */
export function listDepartures(db: Db, personId: number): DepartureRecord[] {
  personRef(db, personId);
  const rows = db.prepare(`${RECORD_SELECT} WHERE person_id = ? ORDER BY started_at DESC, id DESC`).all(personId) as RecordRow[];
  return rows.map(toRecord);
}

function requirePending(db: Db, person: Person, what: string) {
  const departure = pendingDeparture(db, person.id);
  if (!departure) {
    throw new DomainError('RULE', `${describePerson(person)} 没有正在办理的调岗或离岗，不能${what}。请先开始办理`);
  }
  return departure;
}

/** The checklist of the person's pending departure, provider by provider, in registration order. */
export function departureChecklist(db: Db, personId: number, today: CivilDate): DepartureChecklist {
  const person = getPerson(db, personId, today);
  const departure = requirePending(db, person, '查看离岗清单');
  const items: ChecklistItemView[] = departureProviders().flatMap((p) =>
    p.items(db, personId, today).map((item) => ({ providerId: p.id, providerLabel: p.label, ...item })),
  );
  return { departure, items, open: items.filter((i) => !i.done).length };
}

export function startDeparture(
  db: Db,
  id: number,
  rev: number,
  kind: DepartureKind,
  date: CivilDate,
  actor: { id: string; name: string },
  at: string,
  today: CivilDate,
): { before: Person; after: Person; checklist: DepartureChecklist } {
  const before = requireCurrentPerson(db, id, rev, today, `办理${kind}`);
  if (before.departure) {
    throw new DomainError('RULE', `${describePerson(before)} 已在办理${before.departure.kind}（${before.departure.date}），请在其离岗清单中继续办理`);
  }
  if (before.status !== '在岗') {
    throw new DomainError('RULE', `${describePerson(before)} 已于 ${before.leftOn ?? ''} ${before.status}，不能再办理${kind}`);
  }
  if (before.enteredOn && date < before.enteredOn) {
    throw new DomainError('RULE', `${kind}日期 ${date} 早于入场日期 ${before.enteredOn}，请核对`, 'date');
  }
  db.prepare(
    `INSERT INTO person_departures (uuid, person_id, kind, date, started_at, started_by, started_by_name)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), id, kind, date, at, actor.id, actor.name);
  touchPerson(db, id, actor.id, at);
  return { before, after: getPerson(db, id, today), checklist: departureChecklist(db, id, today) };
}

/** “签署离岗保密承诺书：离岗（2024-07-01）须签署离岗保密承诺书。” */
const openText = (items: readonly ChecklistItemView[]) => items.map((i) => `${i.label}：${i.detail}`).join('');

export function completeDeparture(
  db: Db,
  id: number,
  rev: number,
  exception: string | null,
  actor: { id: string; name: string },
  at: string,
  today: CivilDate,
): { before: Person; after: Person; kind: DepartureKind; date: CivilDate; exceptionItems: ChecklistItemView[] | null } {
  const before = requireCurrentPerson(db, id, rev, today, '完成调岗或离岗');
  const departure = requirePending(db, before, '完成办理');
  const open = departureChecklist(db, id, today).items.filter((i) => !i.done);
  if (open.length > 0 && exception === null) {
    throw new DomainError(
      'RULE',
      `${describePerson(before)} 的${departure.kind}手续尚未办结，还有 ${open.length} 项：${openText(open)}请办结后再完成；确需例外办结的，请填写例外原因（至少 5 个字）。`,
    );
  }
  const byException = open.length > 0;
  db.prepare(
    `UPDATE person_departures SET state = 'completed', closed_at = ?, closed_by = ?, closed_by_name = ?,
       exception_reason = ?, open_items_json = ? WHERE id = ?`,
  ).run(at, actor.id, actor.name, byException ? exception : null, byException ? JSON.stringify(open) : null, departure.id);
  touchPerson(db, id, actor.id, at, 'status = ?, left_on = ?', [departure.kind, departure.date]);
  return { before, after: getPerson(db, id, today), kind: departure.kind, date: departure.date, exceptionItems: byException ? open : null };
}

export function cancelDeparture(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: { id: string; name: string },
  at: string,
  today: CivilDate,
): { before: Person; after: Person; kind: DepartureKind; date: CivilDate } {
  const before = requireCurrentPerson(db, id, rev, today, '撤销办理');
  const departure = requirePending(db, before, '撤销');
  db.prepare(
    `UPDATE person_departures SET state = 'cancelled', closed_at = ?, closed_by = ?, closed_by_name = ?, cancel_reason = ? WHERE id = ?`,
  ).run(at, actor.id, actor.name, reason, departure.id);
  touchPerson(db, id, actor.id, at);
  return { before, after: getPerson(db, id, today), kind: departure.kind, date: departure.date };
}

export function reinstatePerson(
  db: Db,
  id: number,
  rev: number,
  enteredOn: CivilDate,
  actor: string,
  at: string,
  today: CivilDate,
): { before: Person; after: Person } {
  const before = requireCurrentPerson(db, id, rev, today, '恢复在岗');
  if (before.status === '在岗') throw new DomainError('RULE', `${describePerson(before)} 现为在岗，无需恢复`);
  if (before.leftOn && enteredOn < before.leftOn) {
    throw new DomainError('RULE', `入场日期 ${enteredOn} 早于离场日期 ${before.leftOn}，请核对`, 'enteredOn');
  }
  touchPerson(db, id, actor, at, "status = '在岗', left_on = NULL, entered_on = ?", [enteredOn]);
  return { before, after: getPerson(db, id, today) };
}
