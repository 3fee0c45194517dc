import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DomainError } from '../../../common/api/result';
import type { Training, trainingFieldsSchema, trainingFilterSchema } from '../../../common/api/training';
import type { Db } from '../../core/open';
import { pageLimit, textSearch } from '../../core/search';

export type TrainingInput = z.output<typeof trainingFieldsSchema>;
type Filter = z.output<typeof trainingFilterSchema>;

type Row = Omit<Training, 'attendees'>;

const SELECT = `SELECT id, uuid, rev, held_on AS heldOn, topic, hours, trainer, note, created_at AS createdAt,
  updated_at AS updatedAt, voided_at AS voidedAt, void_reason AS voidReason FROM trainings t`;

function hydrate(db: Db, row: Row): Training {
  const attendees = db
    .prepare(
      `SELECT p.id AS personId, p.name, o.name AS orgName FROM training_attendees a
       JOIN people p ON p.id = a.person_id JOIN organisations o ON o.id = p.org_id
       WHERE a.training_id = ? ORDER BY p.name_key, p.id`,
    )
    .all(row.id) as Training['attendees'];
  return { ...row, attendees };
}

export function getTraining(db: Db, id: number): Training {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的保密教育记录，可能已被其他操作更改，请刷新`);
  return hydrate(db, row);
}

/** 保密教育“…”（2024-06-01） */
export function describeTraining(t: Pick<Training, 'topic' | 'heldOn'>): string {
  return `保密教育“${t.topic}”（${t.heldOn}）`;
}

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.voided === 'exclude') parts.push('t.voided_at IS NULL');
  if (filter.voided === 'only') parts.push('t.voided_at IS NOT NULL');
  if (filter.from) {
    parts.push('t.held_on >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    parts.push('t.held_on <= ?');
    params.push(filter.to);
  }
  if (filter.personId !== null) {
    parts.push('t.id IN (SELECT training_id FROM training_attendees WHERE person_id = ?)');
    params.push(filter.personId);
  }
  if (filter.q) {
    const search = textSearch(filter.q, { rowid: 't.id', fts: 'trainings_fts', likeColumns: ['t.topic', 't.trainer'] });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listTrainings(db: Db, filter: Filter, page?: { page: number; pageSize: number }): { rows: Training[]; total: number } {
  const where = whereClause(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM trainings t ${where.sql}`).get(...where.params) as { n: number }).n;
  const dir = filter.dir === 'desc' ? 'DESC' : 'ASC';
  const limit = pageLimit(page);
  const rows = db.prepare(`${SELECT} ${where.sql} ORDER BY t.held_on ${dir}, t.id ${dir}${limit}`).all(...where.params) as Row[];
  return { rows: rows.map((r) => hydrate(db, r)), total };
}

/** Attendees must exist; voided people only when they already attended this training (an edit). */
function checkAttendees(db: Db, ids: readonly number[], already: ReadonlySet<number>): void {
  const find = db.prepare('SELECT name, voided_at AS voidedAt FROM people WHERE id = ?');
  ids.forEach((id, index) => {
    const p = find.get(id) as { name: string; voidedAt: string | null } | undefined;
    if (!p) throw new DomainError('NOT_FOUND', `参加人员中有不存在的人员（编号 ${id}），请重新选择`, `attendeeIds.${index}`);
    if (p.voidedAt && !already.has(id)) throw new DomainError('RULE', `参加人员 ${p.name} 的人员记录已作废，不能登记为参加人员`, `attendeeIds.${index}`);
  });
}

function checkDate(heldOn: string, today: string): void {
  if (heldOn > today) throw new DomainError('RULE', `培训日期 ${heldOn} 晚于今天（${today}），只能登记已经举行的培训`, 'heldOn');
}

function replaceAttendees(db: Db, id: number, ids: readonly number[]): void {
  db.prepare('DELETE FROM training_attendees WHERE training_id = ?').run(id);
  const add = db.prepare('INSERT INTO training_attendees (training_id, person_id) VALUES (?, ?)');
  for (const personId of ids) add.run(id, personId);
}

export function createTraining(db: Db, fields: TrainingInput, actor: string, at: string, today: string): Training {
  checkDate(fields.heldOn, today);
  checkAttendees(db, fields.attendeeIds, new Set());
  const info = db
    .prepare(
      `INSERT INTO trainings (uuid, held_on, topic, hours, trainer, note, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), fields.heldOn, fields.topic, fields.hours, fields.trainer, fields.note, at, actor, at, actor);
  const id = Number(info.lastInsertRowid);
  replaceAttendees(db, id, fields.attendeeIds);
  return getTraining(db, id);
}

function requireCurrent(db: Db, id: number, rev: number, what: string): Training {
  const current = getTraining(db, id);
  if (current.rev !== rev) throw new DomainError('CONFLICT', `${describeTraining(current)}已被其他操作修改，请关闭后重新打开再${what}`);
  if (current.voidedAt) throw new DomainError('RULE', `${describeTraining(current)}已于 ${current.voidedAt.slice(0, 10)} 作废，不能再${what}`);
  return current;
}

export function updateTraining(
  db: Db,
  id: number,
  rev: number,
  fields: TrainingInput,
  actor: string,
  at: string,
  today: string,
): { before: Training; after: Training } {
  const before = requireCurrent(db, id, rev, '修改');
  checkDate(fields.heldOn, today);
  checkAttendees(db, fields.attendeeIds, new Set(before.attendees.map((a) => a.personId)));
  db.prepare(
    `UPDATE trainings SET held_on = ?, topic = ?, hours = ?, trainer = ?, note = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(fields.heldOn, fields.topic, fields.hours, fields.trainer, fields.note, at, actor, id);
  replaceAttendees(db, id, fields.attendeeIds);
  return { before, after: getTraining(db, id) };
}

export function voidTraining(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: string,
  at: string,
): { before: Training; after: Training } {
  const before = requireCurrent(db, id, rev, '作废');
  db.prepare(
    `UPDATE trainings SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  return { before, after: getTraining(db, id) };
}
