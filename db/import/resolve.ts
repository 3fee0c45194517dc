import { checkIdNumber } from '../../common/people/id-number';
import { maskIdNumber } from '../../common/privacy/mask';
import type { Db } from '../core/open';

/** A unit by its name or short name, among units not voided. */
export function findUnit(db: Db, name: string): { id: number; name: string } | null {
  const rows = db
    .prepare(`SELECT id, name FROM organisations WHERE voided_at IS NULL AND (name = ? OR short_name = ?) ORDER BY name = ? DESC, id`)
    .all(name, name, name) as { id: number; name: string }[];
  return rows[0] ?? null;
}

const ID_LIKE = /^[0-9]{15}$|^[0-9]{17}[0-9X]$/;

export type PersonLookup = { ok: true; id: number } | { ok: false; message: string };

/**
 * A person named in a cell: by ID number when the cell holds one, otherwise by name among people not
 * voided, within the row's unit when one there has it. Two people of that name are told apart only by
 * their ID number.
 */
export function findPerson(db: Db, text: string, orgId: number | null, today: string, label: string): PersonLookup {
  const folded = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (ID_LIKE.test(folded)) {
    const checked = checkIdNumber(folded, today);
    if (!checked.ok) return { ok: false, message: `${label}：${checked.message}` };
    const row = db.prepare(`SELECT id FROM people WHERE id_number = ? AND voided_at IS NULL`).get(checked.value) as { id: number } | undefined;
    return row ? { ok: true, id: row.id } : { ok: false, message: `${label}：人员名册中没有身份证号码为 ${maskIdNumber(checked.value)} 的人员，请先登记该人员` };
  }
  const all = db.prepare(`SELECT id, org_id AS orgId FROM people WHERE name = ? AND voided_at IS NULL`).all(text) as { id: number; orgId: number }[];
  // The row's unit first; a person of another unit (the office's own keeper of a vendor's medium) when the name is unique.
  const inUnit = orgId === null ? [] : all.filter((p) => p.orgId === orgId);
  const candidates = inUnit.length > 0 ? inUnit : all;
  if (candidates.length === 1) return { ok: true, id: candidates[0]!.id };
  if (candidates.length > 1) {
    return { ok: false, message: `${label}：人员名册中有 ${candidates.length} 名“${text}”，请在该列填写其身份证号码以区分` };
  }
  return { ok: false, message: `${label}：人员名册中没有“${text}”，请先登记该人员（可先导入人员名册）` };
}
