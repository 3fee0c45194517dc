import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type MediaEventView, type MediumDetail, type mediaEventInputSchema } from '../../../common/api/media';
import { DomainError } from '../../../common/api/result';
import { describeEvent, participants, type MediaEvent, type MediaEventType, type PersonRef } from '../../../common/media/events';
import { apply, describeOpenItem, initialState, mayApply, openItems, replay, type MediumState } from '../../../common/media/machine';
import type { Db } from '../../core/open';
import { requireAccess } from '../people/access';
import { personRef } from '../people/repo';

/**
 * The custody chain of a medium as stored (`media_events`, append-only) and its replay. Every new
 * event is checked by the state machine (common/media/machine.ts `mayApply`) against the replay
 * of the stored chain, and whoever it makes holder or carrier by “sign before access”, inside the
 * transaction that appends it; the cached status columns of `media` are then rewritten from the
 * new state in the same transaction.
 */

export type EventInput = z.output<typeof mediaEventInputSchema>;

interface Actor {
  id: string;
  name: string;
}

interface EventRow {
  id: number;
  uuid: string;
  seq: number;
  type: MediaEventType;
  occurred_at: string;
  recorded_at: string;
  recorded_by_name: string;
  data_json: string;
  corrects_seq: number | null;
  note: string;
}

type Subject = { id: number; number: string; kind: string };

const pad = (n: number) => String(Math.trunc(n)).padStart(2, '0');

/** The workstation's wall-clock time with its offset: 2026-03-02T10:30:00+08:00. */
export function localInstant(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(abs / 60)}:${pad(abs % 60)}`
  );
}

function eventRows(db: Db, mediumId: number): EventRow[] {
  return db
    .prepare(
      `SELECT id, uuid, seq, type, occurred_at, recorded_at, recorded_by_name, data_json, corrects_seq, note
       FROM media_events WHERE medium_id = ? ORDER BY seq`,
    )
    .all(mediumId) as EventRow[];
}

function toEvent(row: EventRow): MediaEvent {
  return { ...(JSON.parse(row.data_json) as object), type: row.type, seq: row.seq, occurredAt: row.occurred_at, recordedAt: row.recorded_at } as MediaEvent;
}

/** What the stored chain leads to (re-checked event by event). */
export function loadState(db: Db, medium: Subject): MediumState {
  return replay(eventRows(db, medium.id).map(toEvent), { number: medium.number, kind: medium.kind });
}

function dataOf(event: MediaEvent): Record<string, unknown> {
  const { seq: _seq, type: _type, occurredAt: _occurredAt, recordedAt: _recordedAt, ...data } = event;
  return data;
}

function insertEvent(db: Db, mediumId: number, event: MediaEvent, holderBefore: PersonRef | null, acknowledged: readonly string[], note: string, actor: Actor): string {
  const uuid = randomUUID();
  const info = db
    .prepare(
      `INSERT INTO media_events (uuid, medium_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_by_name, data_json, corrects_seq, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      uuid,
      mediumId,
      event.seq,
      event.type,
      event.occurredAt,
      event.recordedAt,
      actor.id,
      actor.name,
      JSON.stringify(dataOf(event)),
      event.type === '更正' ? event.corrects : null,
      note,
    );
  const eventId = Number(info.lastInsertRowid);
  const insert = db.prepare('INSERT INTO media_event_people (event_id, pos, role, name, person_id, acknowledged) VALUES (?, ?, ?, ?, ?, ?)');
  participants(event, holderBefore).forEach((p, i) => insert.run(eventId, i + 1, p.role, p.name, p.personId, acknowledged.includes(p.role) ? 1 : 0));
  return uuid;
}

/** The names the text search finds a medium by: its 责任人 and its holder. */
export function refreshSearchPeople(db: Db, mediumId: number): void {
  db.prepare(
    `UPDATE media SET search_people = trim(
       coalesce((SELECT name FROM people WHERE id = media.responsible_id), '') || ' ' ||
       coalesce((SELECT name FROM people WHERE id = media.holder_id), ''))
     WHERE id = ?`,
  ).run(mediumId);
}

/** Rewrites the cached replay of the chain (status, holder, due date, open incidents, stocktake flag). */
function writeCache(db: Db, mediumId: number, state: MediumState): void {
  const deadlines = state.incidents.map((i) => i.deadline).sort();
  db.prepare(
    `UPDATE media SET status = ?, holder_id = ?, due_back = ?, incident_deadline = ?, flagged = ?,
       in_use = max(in_use, ?) WHERE id = ?`,
  ).run(
    state.status,
    state.holder?.id ?? null,
    state.dueBack,
    deadlines[0] ?? null,
    state.stocktakeFlag ? 1 : 0,
    state.lastSeq > 1 ? 1 : 0,
    mediumId,
  );
  refreshSearchPeople(db, mediumId);
}

/** The first event of a new medium. */
export function recordRegistration(db: Db, medium: Subject, location: string, registeredAt: string, actor: Actor, now: Date): void {
  const event: MediaEvent = { type: '登记入库', seq: 1, occurredAt: registeredAt, recordedAt: localInstant(now), location };
  const start = initialState({ number: medium.number, kind: medium.kind });
  const verdict = mayApply(start, event);
  if (!verdict.ok) throw new DomainError('RULE', verdict.message, 'registeredAt');
  insertEvent(db, medium.id, event, null, [], '', actor);
  writeCache(db, medium.id, apply(start, event));
}

function person(db: Db, id: number, field: string): PersonRef {
  try {
    const p = personRef(db, id);
    return { id: p.id, name: p.name };
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, error.message, field);
    throw error;
  }
}

/** The stored event that the input describes, people resolved to their names as of now. */
function draft(db: Db, input: EventInput, state: MediumState, occurredAt: string, recordedAt: string): MediaEvent {
  const base = { seq: state.lastSeq + 1, occurredAt, recordedAt };
  switch (input.type) {
    case '发放/领用':
      return { ...base, type: input.type, holder: person(db, input.holderId, 'holderId'), purpose: input.purpose };
    case '借出':
      return { ...base, type: input.type, holder: person(db, input.holderId, 'holderId'), purpose: input.purpose, dueBack: input.dueBack };
    case '归还':
      return { ...base, type: input.type, checkedBy: input.checkedBy, condition: input.condition };
    case '携带外出':
      return {
        ...base,
        type: input.type,
        carrier: person(db, input.carrierId, 'carrierId'),
        approver: input.approver,
        destination: input.destination,
        purpose: input.purpose,
        encrypted: input.encrypted,
        encryptionMethod: input.encryptionMethod,
        dueBack: input.dueBack,
      };
    case '外出返回':
      return { ...base, type: input.type, checkResult: input.checkResult };
    case '送外维修': {
      const { type, fault, repairer, repairerAgreement, agreementRef, backupDone, sanitised, sanitisation, sentBy, escort, approver, expectedBack } = input;
      return { ...base, type, fault, repairer, repairerAgreement, agreementRef, backupDone, sanitised, sanitisation, sentBy, escort, approver, expectedBack };
    }
    case '修回':
      return { ...base, type: input.type, result: input.result };
    case '交回甲方':
      return { ...base, type: input.type, recipient: input.recipient };
    case '销毁': {
      const { type, reason, method, place, destroyer, witnesses, approver } = input;
      return { ...base, type, reason, method, place, destroyer, witnesses, approver };
    }
    case '丢失/泄露报告': {
      // A later report of an incident carries the incident as first recorded.
      const first = input.reportOf === null ? undefined : state.incidents.find((i) => i.seq === input.reportOf);
      const original = first && state.chain.find((e) => e.seq === first.seq);
      const circumstances = input.circumstances || (original?.type === '丢失/泄露报告' ? original.circumstances : '');
      return {
        ...base,
        type: input.type,
        incident: first?.incident ?? input.incident,
        discoveredAt: first?.discoveredAt ?? input.discoveredAt ?? '',
        circumstances,
        reportedTo: input.reportedTo,
        reportedAt: input.reportedAt,
        reportOf: input.reportOf,
      };
    }
    case '清查结果':
      return { ...base, type: input.type, result: input.result, stocktake: input.stocktake, note: input.note };
    case '更正':
      return { ...base, type: input.type, corrects: input.corrects, reason: input.reason };
  }
}

/**
 * Appends one event to the chain of `medium` after checking it: the state machine first, then
 * “sign before access” for a new holder or carrier (scoped to the medium's contract). Returns the
 * event with its summary and the warning of a sign-off about to expire.
 */
export function recordEvent(
  db: Db,
  medium: Subject & { contract_id: number | null },
  input: EventInput,
  actor: Actor,
  now: Date,
  today: string,
): { event: MediaEvent; summary: string; warning: string | null } {
  const state = loadState(db, medium);
  const recordedAt = localInstant(now);
  const event = draft(db, input, state, input.occurredAt ?? recordedAt, recordedAt);
  const verdict = mayApply(state, event);
  if (!verdict.ok) throw new DomainError('RULE', verdict.message, verdict.field);
  let warning: string | null = null;
  if (event.type === '发放/领用' || event.type === '借出') warning = requireAccess(db, event.holder.id, medium.contract_id, today, 'holderId').warning;
  if (event.type === '携带外出') warning = requireAccess(db, event.carrier.id, medium.contract_id, today, 'carrierId').warning;
  const roles = participants(event, state.holder).map((p) => p.role);
  const stray = input.acknowledged.find((r) => !roles.includes(r));
  if (stray) {
    throw new DomainError('INVALID_INPUT', `本条${event.type}记录没有“${stray}”，不能登记其签字确认${roles.length ? `（可选：${roles.join('、')}）` : ''}`, 'acknowledged');
  }
  insertEvent(db, medium.id, event, state.holder, input.acknowledged, input.note, actor);
  writeCache(db, medium.id, apply(state, event));
  // A new revision: a form opened before this event must be reopened before it records another.
  db.prepare('UPDATE media SET rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(now.toISOString(), actor.id, medium.id);
  const corrected = event.type === '更正' ? (state.chain.find((e) => e.seq === event.corrects) ?? null) : null;
  return { event, summary: describeEvent(event, state.holder, corrected), warning };
}

/** The whole chain for the timeline (履历), oldest first, corrections and corrected events marked. */
export function timeline(db: Db, medium: Subject): MediaEventView[] {
  const rows = eventRows(db, medium.id);
  const people = db.prepare(
    `SELECT role, name, person_id AS personId, acknowledged FROM media_event_people WHERE event_id = ? ORDER BY pos`,
  );
  const attachments = db.prepare(`SELECT count(*) FROM attachments WHERE owner_type = 'mediaEvent' AND owner_uuid = ? AND voided_at IS NULL`).pluck();
  const correctedBy = new Map(rows.filter((r) => r.corrects_seq !== null).map((r) => [r.corrects_seq!, r.seq]));
  const events = rows.map(toEvent);
  let state = initialState({ number: medium.number, kind: medium.kind });
  return rows.map((row, i) => {
    const event = events[i]!;
    const corrected = event.type === '更正' ? (events.find((e) => e.seq === event.corrects) ?? null) : null;
    const summary = describeEvent(event, state.holder, corrected);
    state = apply(state, event);
    return {
      id: row.id,
      uuid: row.uuid,
      seq: row.seq,
      type: row.type,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      recordedByName: row.recorded_by_name,
      summary,
      data: dataOf(event),
      participants: (people.all(row.id) as { role: string; name: string; personId: number | null; acknowledged: number }[]).map((p) => ({
        ...p,
        acknowledged: p.acknowledged === 1,
      })),
      note: row.note,
      corrects: row.corrects_seq,
      correctedBy: correctedBy.get(row.seq) ?? null,
      attachments: attachments.get(row.uuid) as number,
    };
  });
}

/** The open items of a medium in words (none for a voided one: pass null). */
export function mediumOpenItems(state: MediumState | null, now: string, today: string): MediumDetail['openItems'] {
  if (!state) return [];
  return openItems(state, now, today).map((item) => ({ kind: item.kind, seq: item.seq, ...describeOpenItem(item) }));
}
