import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  ScanFeedback,
  StocktakeCounts,
  StocktakeDetail,
  StocktakeFinding,
  StocktakeItem,
  StocktakeSession,
  stocktakeCloseSchema,
  stocktakeScopeSchema,
} from '../../../common/api/stocktake';
import { DomainError } from '../../../common/api/result';
import type { MediaKind, MediaStatus, StocktakeResult } from '../../../common/media/kinds';
import { TERMINAL_STATUSES } from '../../../common/media/kinds';
import { mayApply } from '../../../common/media/machine';
import { normaliseMediaNumber } from '../../../common/media/numbering';
import type { Db } from '../../core/open';
import { pageLimit } from '../../core/search';
import { getSetting } from '../../core/settings';
import { loadState, localInstant, recordEvent } from './chain';
import { describeRow, mediumRow, requireCurrentMedium, type Actor } from './repo';

/**
 * 介质清查 sessions (common/api/stocktake.ts): the expected list frozen at the start, marks by
 * 保密编号 or 序列号, 账外 findings, and the close that writes each medium's 清查结果 event through
 * the same path as `media:event` (chain.ts `recordEvent`: the state machine, append-only).
 */

type Scope = z.output<typeof stocktakeScopeSchema>;
type CloseInput = z.output<typeof stocktakeCloseSchema>;

/** What 缺失 means when the officer writes nothing else. */
export const MISSING_NOTE = '本次清查未找到';
/** The note of a medium still unmarked when the session closes. */
export const UNMARKED_NOTE = '清查结束时仍未找到（未标记，按缺失处理）';

interface SessionRow {
  id: number;
  uuid: string;
  number: string;
  year: number;
  seq: number;
  title: string;
  scope_json: string;
  scope_text: string;
  state: 'open' | 'closed';
  started_at: string;
  started_by_name: string;
  closed_at: string | null;
  closed_by_name: string | null;
  conclusion: string;
  checker: string;
  supervisor: string;
  expected: number;
  present: number;
  missing: number;
  differs: number;
  extras: number;
}

interface ItemRow {
  id: number;
  stocktake_id: number;
  medium_id: number;
  number: string;
  kind: StocktakeItem['kind'];
  model: string;
  serial: string;
  classification: string;
  responsible_name: string;
  book_status: MediaStatus;
  book_text: string;
  location: string;
  result: StocktakeResult | null;
  note: string;
  marked_at: string | null;
  marked_by_name: string | null;
  via: StocktakeItem['via'];
  event_seq: number | null;
  skipped: string;
}

const COUNTS = `
  (SELECT count(*) FROM stocktake_items i WHERE i.stocktake_id = s.id) AS expected,
  (SELECT count(*) FROM stocktake_items i WHERE i.stocktake_id = s.id AND i.result = '在位') AS present,
  (SELECT count(*) FROM stocktake_items i WHERE i.stocktake_id = s.id AND i.result = '缺失') AS missing,
  (SELECT count(*) FROM stocktake_items i WHERE i.stocktake_id = s.id AND i.result = '状态不符') AS differs,
  (SELECT count(*) FROM stocktake_findings f WHERE f.stocktake_id = s.id) AS extras`;
const SELECT_SESSION = `SELECT s.*, ${COUNTS} FROM stocktakes s`;

function counts(r: Pick<SessionRow, 'expected' | 'present' | 'missing' | 'differs' | 'extras'>): StocktakeCounts {
  const marked = r.present + r.missing + r.differs;
  return {
    expected: r.expected,
    marked,
    unmarked: r.expected - marked,
    present: r.present,
    missing: r.missing,
    differs: r.differs,
    found: r.present + r.differs,
    extras: r.extras,
  };
}

function toSession(r: SessionRow): StocktakeSession {
  return {
    id: r.id,
    uuid: r.uuid,
    number: r.number,
    title: r.title,
    scope: JSON.parse(r.scope_json) as Scope,
    scopeText: r.scope_text,
    state: r.state,
    startedAt: r.started_at,
    startedByName: r.started_by_name,
    closedAt: r.closed_at,
    closedByName: r.closed_by_name,
    conclusion: r.conclusion,
    checker: r.checker,
    supervisor: r.supervisor,
    counts: counts(r),
  };
}

function toItem(r: ItemRow): StocktakeItem {
  return {
    id: r.id,
    mediumId: r.medium_id,
    number: r.number,
    kind: r.kind,
    model: r.model,
    serial: r.serial,
    classification: r.classification,
    responsibleName: r.responsible_name,
    bookStatus: r.book_status,
    bookText: r.book_text,
    location: r.location,
    result: r.result,
    note: r.note,
    markedAt: r.marked_at,
    markedByName: r.marked_by_name,
    via: r.via,
    eventSeq: r.event_seq,
    skipped: r.skipped,
  };
}

/** QC-2026-001 “2026年一季度介质清查”. */
export const describeSession = (s: Pick<SessionRow, 'number' | 'title'>): string => `介质清查 ${s.number}“${s.title}”`;

const sessionNotFound = (id: number) => new DomainError('NOT_FOUND', `找不到编号为 ${id} 的介质清查，可能已被其他操作更改，请刷新列表`);

function sessionRow(db: Db, id: number): SessionRow {
  const row = db.prepare(`${SELECT_SESSION} WHERE s.id = ?`).get(id) as SessionRow | undefined;
  if (!row) throw sessionNotFound(id);
  return row;
}

/** A session's number alone (to name an export's file without loading the session and its items). */
export function stocktakeNumber(db: Db, id: number): string {
  const number = db.prepare('SELECT number FROM stocktakes WHERE id = ?').pluck().get(id) as string | undefined;
  if (number === undefined) throw sessionNotFound(id);
  return number;
}

/** An open session; a closed one names when it was closed. */
function requireOpen(db: Db, id: number, what: string): SessionRow {
  const row = sessionRow(db, id);
  if (row.state !== 'open') {
    throw new DomainError('RULE', `${describeSession(row)}已于 ${(row.closed_at ?? '').slice(0, 10)} 结束，不能再${what}；如需复查，请开始一次新的清查`);
  }
  return row;
}

export function getStocktake(db: Db, id: number): StocktakeDetail {
  const session = toSession(sessionRow(db, id));
  const items = (db.prepare('SELECT * FROM stocktake_items WHERE stocktake_id = ? ORDER BY pos').all(id) as ItemRow[]).map(toItem);
  const findings = (
    db
      .prepare(
        `SELECT f.id, f.code, f.medium_id AS mediumId, m.number, m.kind, f.description, f.note, f.found_at AS foundAt, f.found_by_name AS foundByName
         FROM stocktake_findings f LEFT JOIN media m ON m.id = f.medium_id WHERE f.stocktake_id = ? ORDER BY f.id`,
      )
      .all(id) as StocktakeFinding[]
  ).map((f) => ({ ...f, number: f.number ?? null, kind: f.kind ?? null }));
  return { ...session, items, findings };
}

export function listStocktakes(
  db: Db,
  filter: { state: 'open' | 'closed' | null },
  page: { page: number; pageSize: number },
): { rows: StocktakeSession[]; total: number } {
  const where = filter.state ? 'WHERE s.state = ?' : '';
  const params = filter.state ? [filter.state] : [];
  const total = db.prepare(`SELECT count(*) FROM stocktakes s ${where}`).pluck().get(...params) as number;
  const rows = db
    .prepare(`${SELECT_SESSION} ${where} ORDER BY s.state = 'closed', s.started_at DESC, s.id DESC${pageLimit(page)}`)
    .all(...params) as SessionRow[];
  return { rows: rows.map(toSession), total };
}

/** The units that have media, the configured 密级 and the 存放地点 in use, for choosing a scope. */
export function stocktakeOptions(db: Db): { orgs: { id: number; name: string }[]; classifications: string[]; locations: string[] } {
  const orgs = db
    .prepare(
      `SELECT DISTINCT o.id, o.name FROM media m JOIN organisations o ON o.id = m.org_id
       WHERE m.voided_at IS NULL ORDER BY o.name`,
    )
    .all() as { id: number; name: string }[];
  const locations = db
    .prepare(`SELECT DISTINCT location FROM media WHERE voided_at IS NULL AND location <> '' ORDER BY location`)
    .pluck()
    .all() as string[];
  return { orgs, classifications: [...getSetting(db, 'media.classifications')], locations };
}

/** The scope in words: 全部在册介质, or 单位：…；类别：U盘；密级：内部；存放地点：…. */
function scopeText(db: Db, scope: Scope): string {
  const org = scope.orgId === null ? null : ((db.prepare('SELECT name FROM organisations WHERE id = ?').pluck().get(scope.orgId) as string | undefined) ?? null);
  if (scope.orgId !== null && org === null) throw new DomainError('NOT_FOUND', `所属单位不存在（编号 ${scope.orgId}），请重新选择清查范围`, 'orgId');
  const parts = [
    org ? `单位：${org}` : '',
    scope.kind ? `类别：${scope.kind}` : '',
    scope.classification ? `密级：${scope.classification}` : '',
    scope.location ? `存放地点：${scope.location}` : '',
  ].filter(Boolean);
  return parts.length ? `在册介质（已交回、已销毁的除外）中 ${parts.join('；')}` : '全部在册介质（已交回、已销毁的除外）';
}

function normalScope(scope: Scope): Scope {
  return {
    orgId: scope.orgId,
    kind: scope.kind,
    classification: scope.classification || null,
    location: scope.location || null,
  };
}

/** 账面状态 in words: 在库, 借出（张三，应还 2026-03-10）, 维修中 …. */
function bookText(status: MediaStatus, holder: string | null, dueBack: string | null): string {
  const who = [holder, dueBack ? `应还 ${dueBack}` : ''].filter(Boolean).join('，');
  return who ? `${status}（${who}）` : status;
}

/** Starts a session over `scope`; returns its id. The list of media expected is frozen here. */
export function startStocktake(db: Db, title: string, rawScope: Scope, actor: Actor, now: Date, today: string): number {
  const scope = normalScope(rawScope);
  const key = JSON.stringify([scope.orgId, scope.kind, scope.classification, scope.location]);
  const text = scopeText(db, scope);
  const open = db.prepare(`SELECT number, title FROM stocktakes WHERE scope_key = ? AND state = 'open'`).get(key) as
    | { number: string; title: string }
    | undefined;
  if (open) {
    throw new DomainError('RULE', `${describeSession(open)}的范围相同（${text}），尚未结束：请继续该清查，或先结束它再开始新的清查`);
  }
  const parts: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: unknown) => {
    if (value === null) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  equal('m.org_id', scope.orgId);
  equal('m.kind', scope.kind);
  equal('m.classification', scope.classification);
  equal('m.location', scope.location);
  const media = db
    .prepare(
      `SELECT m.id, m.number, m.number_norm, m.kind, m.model, m.serial, m.serial_norm, m.classification, m.location,
         m.status, m.due_back, r.name AS responsible_name, h.name AS holder_name
       FROM media m JOIN people r ON r.id = m.responsible_id LEFT JOIN people h ON h.id = m.holder_id
       WHERE m.voided_at IS NULL AND m.status NOT IN (${TERMINAL_STATUSES.map(() => '?').join(', ')})
         ${parts.map((p) => `AND ${p}`).join(' ')}
       ORDER BY m.number_norm`,
    )
    .all(...TERMINAL_STATUSES, ...params) as {
    id: number;
    number: string;
    number_norm: string;
    kind: string;
    model: string;
    serial: string;
    serial_norm: string;
    classification: string;
    location: string;
    status: MediaStatus;
    due_back: string | null;
    responsible_name: string;
    holder_name: string | null;
  }[];
  if (media.length === 0) {
    throw new DomainError('RULE', `清查范围（${text}）内没有在册介质，请调整清查范围后再开始`, 'scope');
  }
  const year = Number(today.slice(0, 4));
  const seq = ((db.prepare('SELECT max(seq) FROM stocktakes WHERE year = ?').pluck().get(year) as number | null) ?? 0) + 1;
  const number = `QC-${year}-${String(seq).padStart(3, '0')}`;
  const at = now.toISOString();
  const id = Number(
    db
      .prepare(
        `INSERT INTO stocktakes (uuid, number, year, seq, title, scope_json, scope_key, scope_text, started_at, started_by, started_by_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), number, year, seq, title, JSON.stringify(scope), key, text, at, actor.id, actor.name).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO stocktake_items (stocktake_id, medium_id, pos, number, number_norm, kind, model, serial, serial_norm, classification,
       responsible_name, book_status, book_text, location)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  media.forEach((m, i) =>
    insert.run(
      id,
      m.id,
      i + 1,
      m.number,
      m.number_norm,
      m.kind,
      m.model,
      m.serial,
      m.serial_norm,
      m.classification,
      m.responsible_name,
      m.status,
      bookText(m.status, m.holder_name, m.due_back),
      m.location,
    ),
  );
  return id;
}

/** The reference a 清查结果 event carries: QC-2026-001 2026年一季度介质清查. */
const eventRef = (s: Pick<SessionRow, 'number' | 'title'>) => `${s.number} ${s.title}`.slice(0, 60);

/** 缺失 says 本次清查未找到 when nothing else is written. */
const effectiveNote = (result: StocktakeResult, note: string) => (result === '缺失' && note.trim() === '' ? MISSING_NOTE : note.trim());

/**
 * Would the state machine take this result for the medium now? Refused as it would be on closing
 * (a medium reported lost is not 在位; 状态不符 says how), so the officer hears it at once.
 */
function checkResult(db: Db, session: SessionRow, item: ItemRow, result: StocktakeResult, note: string, now: Date, today: string): void {
  const row = mediumRow(db, item.medium_id, today);
  const state = loadState(db, row);
  const at = localInstant(now);
  const verdict = mayApply(state, { type: '清查结果', seq: state.lastSeq + 1, occurredAt: at, recordedAt: at, result, stocktake: eventRef(session), note });
  if (!verdict.ok) throw new DomainError('RULE', verdict.message, verdict.field === 'note' ? 'note' : 'result');
}

function itemById(db: Db, sessionId: number, itemId: number): ItemRow {
  const row = db.prepare('SELECT * FROM stocktake_items WHERE id = ? AND stocktake_id = ?').get(itemId, sessionId) as ItemRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `本次清查中没有编号为 ${itemId} 的介质，请刷新后重试`);
  return row;
}

function writeMark(db: Db, item: ItemRow, result: StocktakeResult, note: string, via: NonNullable<StocktakeItem['via']>, actor: Actor, now: Date): void {
  db.prepare('UPDATE stocktake_items SET result = ?, note = ?, marked_at = ?, marked_by = ?, marked_by_name = ?, via = ? WHERE id = ?').run(
    result,
    note,
    now.toISOString(),
    actor.id,
    actor.name,
    via,
    item.id,
  );
}

export interface MarkOutcome {
  feedback: ScanFeedback;
  /** The audit summary, or null when nothing changed. */
  summary: string | null;
  before: unknown;
  after: unknown;
  session: SessionRow;
}

const mediumName = (item: Pick<ItemRow, 'number' | 'kind'>) => describeRow(item);

/** Marks an expected medium from the table. */
export function markItem(db: Db, sessionId: number, itemId: number, result: StocktakeResult, rawNote: string, actor: Actor, now: Date, today: string): MarkOutcome {
  const session = requireOpen(db, sessionId, '标记');
  const item = itemById(db, sessionId, itemId);
  return mark(db, session, item, result, rawNote, 'table', actor, now, today, '');
}

function mark(
  db: Db,
  session: SessionRow,
  item: ItemRow,
  result: StocktakeResult,
  rawNote: string,
  via: NonNullable<StocktakeItem['via']>,
  actor: Actor,
  now: Date,
  today: string,
  code: string,
): MarkOutcome {
  const note = effectiveNote(result, rawNote);
  const feedback: ScanFeedback = {
    outcome: 'marked',
    code,
    number: item.number,
    kind: item.kind,
    result,
    status: item.book_status,
    bySerial: via === 'serial',
    itemId: item.id,
    findingId: null,
  };
  if (item.result === result && (rawNote.trim() === '' || item.note === note)) {
    return { feedback: { ...feedback, outcome: 'already' }, summary: null, before: null, after: null, session };
  }
  checkResult(db, session, item, result, note, now, today);
  writeMark(db, item, result, note, via, actor, now);
  const how = via === 'serial' ? `（按序列号 ${code}）` : via === 'number' ? '（按保密编号）' : '';
  const was = item.result ? `，原为${item.result}` : '';
  return {
    feedback,
    summary: `${describeSession(session)}：${mediumName(item)}标记为${result}${how}${note ? `，说明：${note}` : ''}${was}`,
    before: { number: item.number, result: item.result, note: item.note },
    after: { number: item.number, result, note, via },
    session,
  };
}

/**
 * A typed or scanned code: the expected medium with that 保密编号, or else that 序列号, is marked;
 * a code naming a registered medium outside the list, or none, is a 账外 finding.
 */
export function scanCode(db: Db, sessionId: number, code: string, result: StocktakeResult, rawNote: string, actor: Actor, now: Date, today: string): MarkOutcome {
  const session = requireOpen(db, sessionId, '标记');
  const norm = normaliseMediaNumber(code);
  const byNumber = db.prepare('SELECT * FROM stocktake_items WHERE stocktake_id = ? AND number_norm = ?').get(sessionId, norm) as ItemRow | undefined;
  if (byNumber) return mark(db, session, byNumber, result, rawNote, 'number', actor, now, today, code);
  const bySerial = db.prepare(`SELECT * FROM stocktake_items WHERE stocktake_id = ? AND serial_norm = ? AND serial_norm <> '' ORDER BY pos`).all(sessionId, norm) as ItemRow[];
  if (bySerial.length > 1) {
    throw new DomainError('RULE', `序列号 ${code} 对应本次清查中的 ${bySerial.length} 件介质（${bySerial.map(mediumName).join('、')}），请输入保密编号`, 'code');
  }
  if (bySerial[0]) return mark(db, session, bySerial[0], result, rawNote, 'serial', actor, now, today, code);
  return recordExtra(db, session, code, norm, rawNote, actor, now);
}

function recordExtra(db: Db, session: SessionRow, code: string, norm: string, note: string, actor: Actor, now: Date): MarkOutcome {
  const known = (db.prepare('SELECT id, number, kind, status, voided_at FROM media WHERE number_norm = ?').get(norm) ??
    db.prepare(`SELECT id, number, kind, status, voided_at FROM media WHERE serial_norm = ? AND serial_norm <> '' ORDER BY voided_at IS NOT NULL, id LIMIT 1`).get(norm)) as
    | { id: number; number: string; kind: MediaKind; status: MediaStatus; voided_at: string | null }
    | undefined;
  const status = known ? (known.voided_at ? '已作废' : known.status) : null;
  const base: ScanFeedback = {
    outcome: known ? 'outOfScope' : 'unknown',
    code,
    number: known?.number ?? null,
    kind: known?.kind ?? null,
    result: null,
    status,
    bySerial: known ? normaliseMediaNumber(known.number) !== norm : false,
    itemId: null,
    findingId: null,
  };
  const again = db.prepare('SELECT id FROM stocktake_findings WHERE stocktake_id = ? AND code_norm = ?').pluck().get(session.id, norm) as number | undefined;
  if (again !== undefined) return { feedback: { ...base, outcome: 'extraAgain', findingId: again }, summary: null, before: null, after: null, session };
  const description = known ? `${describeRow(known)}不在本次清查范围（账面状态：${status}）` : '账面无此编号的介质（未登记）';
  const findingId = Number(
    db
      .prepare(
        `INSERT INTO stocktake_findings (stocktake_id, code, code_norm, medium_id, description, note, found_at, found_by, found_by_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(session.id, code, norm, known?.id ?? null, description, note.trim(), now.toISOString(), actor.id, actor.name).lastInsertRowid,
  );
  return {
    feedback: { ...base, findingId },
    summary: `${describeSession(session)}：发现账外介质 ${code}，${description}`,
    before: null,
    after: { code, description, note: note.trim() },
    session,
  };
}

/** Undoes a mark or drops a 账外 finding; returns the audit summary and what was undone. */
export function undoMark(db: Db, sessionId: number, itemId: number | null, findingId: number | null): { session: SessionRow; summary: string; before: unknown } {
  const session = requireOpen(db, sessionId, '撤销标记');
  if (itemId !== null) {
    const item = itemById(db, sessionId, itemId);
    if (item.result === null) throw new DomainError('RULE', `${mediumName(item)}尚未标记，无需撤销`);
    db.prepare('UPDATE stocktake_items SET result = NULL, note = ?, marked_at = NULL, marked_by = NULL, marked_by_name = NULL, via = NULL WHERE id = ?').run('', item.id);
    return {
      session,
      summary: `${describeSession(session)}：撤销 ${mediumName(item)}的标记（原为${item.result}）`,
      before: { number: item.number, result: item.result, note: item.note },
    };
  }
  const finding = db.prepare('SELECT code, description, note FROM stocktake_findings WHERE id = ? AND stocktake_id = ?').get(findingId, sessionId) as
    | { code: string; description: string; note: string }
    | undefined;
  if (!finding) throw new DomainError('NOT_FOUND', `本次清查中没有这条账外记录，可能已撤销，请刷新后重试`);
  db.prepare('DELETE FROM stocktake_findings WHERE id = ?').run(findingId);
  return { session, summary: `${describeSession(session)}：撤销账外记录 ${finding.code}（${finding.description}）`, before: finding };
}

export interface CloseOutcome {
  session: SessionRow;
  events: { number: string; result: StocktakeResult; seq: number }[];
  skipped: { number: string; reason: string }[];
  autoMissing: number;
}

/**
 * Closes the session in the caller's transaction: the media left unmarked become 缺失, then each
 * expected medium gets its 清查结果 event through `recordEvent` (re-checked by the state machine);
 * a medium voided, destroyed or handed back during the session gets none, the item saying why.
 */
export function closeStocktake(db: Db, input: CloseInput, actor: Actor, now: Date, today: string): CloseOutcome {
  const session = requireOpen(db, input.id, '结束');
  const unmarked = db.prepare('SELECT count(*) FROM stocktake_items WHERE stocktake_id = ? AND result IS NULL').pluck().get(session.id) as number;
  if (unmarked !== input.unmarked) {
    throw new DomainError('CONFLICT', `清查情况已变化：现有 ${unmarked} 件介质未标记（确认时为 ${input.unmarked} 件），请重新核对后再结束清查`);
  }
  db.prepare(
    `UPDATE stocktake_items SET result = '缺失', note = ?, marked_at = ?, marked_by = ?, marked_by_name = ?, via = 'close'
     WHERE stocktake_id = ? AND result IS NULL`,
  ).run(UNMARKED_NOTE, now.toISOString(), actor.id, actor.name, session.id);
  const items = db.prepare('SELECT * FROM stocktake_items WHERE stocktake_id = ? ORDER BY pos').all(session.id) as ItemRow[];
  const setSeq = db.prepare('UPDATE stocktake_items SET event_seq = ? WHERE id = ?');
  const setSkipped = db.prepare('UPDATE stocktake_items SET skipped = ? WHERE id = ?');
  const events: CloseOutcome['events'] = [];
  const skipped: CloseOutcome['skipped'] = [];
  for (const item of items) {
    const row = mediumRow(db, item.medium_id, today);
    const reason = row.voided_at
      ? '清查期间该介质已作废，未登记清查结果'
      : TERMINAL_STATUSES.includes(row.status)
        ? `清查期间该介质已${row.status === '已销毁' ? '销毁' : '交回甲方'}，未登记清查结果`
        : null;
    if (reason) {
      setSkipped.run(reason, item.id);
      skipped.push({ number: item.number, reason });
      continue;
    }
    const current = requireCurrentMedium(db, row.id, row.rev, today, '登记清查结果');
    try {
      const { event } = recordEvent(
        db,
        current,
        { type: '清查结果', id: row.id, rev: row.rev, occurredAt: null, acknowledged: [], note: item.note, result: item.result!, stocktake: eventRef(session) },
        actor,
        now,
        today,
      );
      setSeq.run(event.seq, item.id);
      events.push({ number: item.number, result: item.result!, seq: event.seq });
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, `清查未能结束：${error.message}请修改该介质的标记后再结束清查。`);
      throw error;
    }
  }
  db.prepare(
    `UPDATE stocktakes SET state = 'closed', closed_at = ?, closed_by = ?, closed_by_name = ?, conclusion = ?, checker = ?, supervisor = ? WHERE id = ?`,
  ).run(now.toISOString(), actor.id, actor.name, input.conclusion, input.checker, input.supervisor, session.id);
  return { session, events, skipped, autoMissing: unmarked };
}
