import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DomainError } from '../../../common/api/result';
import type { Org, OrgFields, orgFieldsSchema, orgFilterSchema } from '../../../common/api/org';
import { ORG_KIND_LABELS } from './labels';
import type { Db } from '../../core/open';
import { pageLimit, textSearch } from '../../core/search';
import { chineseSortKey } from '../../core/sortkey';

type Fields = z.output<typeof orgFieldsSchema>;
type Filter = z.output<typeof orgFilterSchema>;
export type { OrgFields };

const SELECT = `SELECT id, uuid, rev, name, short_name AS shortName, kind, coalesce(uscc, '') AS uscc,
  address, contact, phone, email, note, created_at AS createdAt, updated_at AS updatedAt,
  voided_at AS voidedAt, void_reason AS voidReason FROM organisations`;

const SORT_COLUMNS: Record<Filter['sort'], string> = {
  name: 'name_key',
  kind: 'kind',
  uscc: 'uscc',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.status === 'active') parts.push('voided_at IS NULL');
  if (filter.status === 'voided') parts.push('voided_at IS NOT NULL');
  if (filter.kind) {
    parts.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.q) {
    const search = textSearch(filter.q, { rowid: 'id', fts: 'organisations_fts', likeColumns: ['name', 'short_name', 'uscc'] });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function orderClause(filter: Filter): string {
  const dir = filter.dir === 'desc' ? 'DESC' : 'ASC';
  const tie = filter.sort === 'name' ? `name ${dir}, ` : '';
  return `ORDER BY ${SORT_COLUMNS[filter.sort]} ${dir}, ${tie}id ${dir}`;
}

export function listOrgs(db: Db, filter: Filter, page?: { page: number; pageSize: number }): { rows: Org[]; total: number } {
  const where = whereClause(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM organisations ${where.sql}`).get(...where.params) as { n: number }).n;
  const limit = pageLimit(page);
  const rows = db.prepare(`${SELECT} ${where.sql} ${orderClause(filter)}${limit}`).all(...where.params) as Org[];
  return { rows, total };
}

export function getOrg(db: Db, id: number): Org {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Org | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的单位，可能已被其他操作更改，请刷新列表`);
  return row;
}

function describe(org: Pick<Org, 'name' | 'uscc' | 'voidedAt'>): string {
  return `“${org.name}”${org.voidedAt ? '（已作废）' : ''}`;
}

function refuseDuplicateUscc(db: Db, uscc: string, exceptId: number | null): void {
  if (!uscc) return;
  const existing = db
    .prepare(`${SELECT} WHERE uscc = ? AND voided_at IS NULL AND id IS NOT ?`)
    .get(uscc, exceptId) as Org | undefined;
  if (existing) {
    throw new DomainError(
      'DUPLICATE',
      `统一社会信用代码 ${uscc} 已登记在单位${describe(existing)}名下，同一代码不能重复登记`,
      'uscc',
    );
  }
}

export function createOrg(db: Db, fields: Fields, actor: string, at: string): Org {
  refuseDuplicateUscc(db, fields.uscc, null);
  const info = db
    .prepare(
      `INSERT INTO organisations (uuid, name, name_key, short_name, kind, uscc, address, contact, phone, email, note,
         created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      fields.name,
      chineseSortKey(fields.name),
      fields.shortName,
      fields.kind,
      fields.uscc || null,
      fields.address,
      fields.contact,
      fields.phone,
      fields.email,
      fields.note,
      at,
      actor,
      at,
      actor,
    );
  return getOrg(db, Number(info.lastInsertRowid));
}

function requireCurrent(db: Db, id: number, rev: number): Org {
  const current = getOrg(db, id);
  if (current.rev !== rev) {
    throw new DomainError('CONFLICT', `单位“${current.name}”已被其他操作修改，请关闭后重新打开再编辑`);
  }
  return current;
}

export function updateOrg(db: Db, id: number, rev: number, fields: Fields, actor: string, at: string): { before: Org; after: Org } {
  const before = requireCurrent(db, id, rev);
  if (before.voidedAt) throw new DomainError('RULE', `单位${describe(before)}已作废，不能再修改`);
  refuseDuplicateUscc(db, fields.uscc, id);
  db.prepare(
    `UPDATE organisations SET name = ?, name_key = ?, short_name = ?, kind = ?, uscc = ?, address = ?, contact = ?, phone = ?,
       email = ?, note = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(
    fields.name,
    chineseSortKey(fields.name),
    fields.shortName,
    fields.kind,
    fields.uscc || null,
    fields.address,
    fields.contact,
    fields.phone,
    fields.email,
    fields.note,
    at,
    actor,
    id,
  );
  return { before, after: getOrg(db, id) };
}

export function voidOrg(db: Db, id: number, rev: number, reason: string, actor: string, at: string): { before: Org; after: Org } {
  const before = requireCurrent(db, id, rev);
  if (before.voidedAt) throw new DomainError('RULE', `单位${describe(before)}已于 ${before.voidedAt.slice(0, 10)} 作废`);
  db.prepare(
    `UPDATE organisations SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ?
     WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  return { before, after: getOrg(db, id) };
}

export function kindLabel(kind: Org['kind']): string {
  return ORG_KIND_LABELS[kind];
}
