import type { z } from 'zod';
import { DomainError } from '../../../common/api/result';
import type { signOffRegisterFilterSchema } from '../../../common/api/signoff';
import { signOffEnd, type SignOffKind } from '../../../common/people/signoff';
import { maskIdNumber, maskPhone } from '../../../common/privacy/mask';
import type { Db } from '../../core/open';
import { textSearch } from '../../core/search';
import type { RegisterDefinition } from '../../reports/definition';
import { rolesOnContract } from './assignments';
import { describePerson, lastTrainingOn } from './repo';

type Filter = z.output<typeof signOffRegisterFilterSchema>;

/** One printed line: a sign-off with what the register says of its person, masked. */
export interface SignOffRegisterRow {
  name: string;
  orgName: string;
  /** 岗位, then the roles on the sign-off's contract. */
  postAndRoles: string;
  /** null: bound to the office, covering every contract. */
  contract: { projectName: string; mainNumber: string } | null;
  kind: SignOffKind;
  signedDate: string;
  /** Last day in force as the rules read it (`signOffEnd`); null when indefinite. */
  end: string | null;
  declassifyFrom: string | null;
  declassifyTo: string | null;
  /** Latest 保密教育 attended on or before the print date. */
  trainingOn: string | null;
  witness: string;
  copies: number;
  keptAt: string;
  idNumberMasked: string;
  phoneMasked: string;
  note: string;
}

/** Words for a sign-off not bound to a contract (it binds the person to the office). */
export const ALL_CONTRACTS = '全部合同（本单位）';

function declassifyText(r: SignOffRegisterRow): string {
  if (r.declassifyFrom && r.declassifyTo) return `${r.declassifyFrom}\n至${r.declassifyTo}`;
  return r.kind === '离岗保密承诺书' ? '未约定' : '';
}

/**
 * 保密承诺书签订台账 (REGISTER-FORMATS.md §7). Widths keep a date and a masked ID number each on one
 * line at 7.5 pt on A4 landscape (signoff-register.test.ts); names, units and projects wrap.
 */
export const signOffRegister: RegisterDefinition<SignOffRegisterRow> = {
  title: '保密承诺书签订台账',
  fileStem: '保密承诺书签订台账',
  orientation: 'landscape',
  fontSize: 7.5,
  columns: [
    { header: '姓名', width: 5, value: (r) => r.name },
    { header: '所属单位', width: 8, value: (r) => r.orgName },
    { header: '岗位/\n项目角色', width: 7, value: (r) => r.postAndRoles },
    {
      header: '对应合同（项目）',
      width: 9.5,
      value: (r) => (r.contract ? `${r.contract.projectName}${r.contract.mainNumber ? `\n${r.contract.mainNumber}` : ''}` : ALL_CONTRACTS),
    },
    { header: '承诺类型', width: 5.5, align: 'center', value: (r) => r.kind },
    { header: '签订日期', width: 6, align: 'center', value: (r) => r.signedDate },
    { header: '有效期至', width: 6, align: 'center', value: (r) => r.end ?? '长期' },
    { header: '脱密期起止', width: 7.2, align: 'center', value: declassifyText },
    { header: '保密教育日期', width: 6, align: 'center', value: (r) => r.trainingOn ?? '—' },
    { header: '见证人', width: 4.5, align: 'center', value: (r) => r.witness },
    { header: '份数及存放', width: 6.5, value: (r) => `${r.copies} 份${r.keptAt ? `\n${r.keptAt}` : ''}` },
    { header: '身份证号\n（脱敏）', width: 10.4, align: 'center', value: (r) => r.idNumberMasked },
    { header: '联系方式\n（脱敏）', width: 7.8, align: 'center', value: (r) => r.phoneMasked },
    { header: '备注', width: 5.5, value: (r) => r.note },
  ],
};

interface Raw {
  personId: number;
  name: string;
  orgName: string;
  post: string;
  idNumber: string;
  phone: string;
  contractId: number | null;
  projectName: string | null;
  mainNumber: string | null;
  kind: SignOffKind;
  signedDate: string;
  validUntil: string | null;
  declassifyFrom: string | null;
  declassifyTo: string | null;
  witness: string;
  copies: number;
  keptAt: string;
  note: string;
}

const SELECT = `SELECT p.id AS personId, p.name, o.name AS orgName, p.post, p.id_number AS idNumber, p.phone,
    s.contract_id AS contractId, c.project_name AS projectName,
    CASE WHEN c.id IS NULL THEN NULL ELSE coalesce((SELECT number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1), '') END
      AS mainNumber,
    s.kind, s.signed_date AS signedDate, s.valid_until AS validUntil, s.declassify_from AS declassifyFrom,
    s.declassify_to AS declassifyTo, s.witness, s.copies, s.kept_at AS keptAt, s.note
  FROM person_signoffs s JOIN people p ON p.id = s.person_id JOIN organisations o ON o.id = p.org_id
    LEFT JOIN contracts c ON c.id = s.contract_id`;

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const parts = ['s.voided_at IS NULL', 'p.voided_at IS NULL'];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (filter.orgId !== null) add('p.org_id = ?', filter.orgId);
  if (filter.personId !== null) add('p.id = ?', filter.personId);
  if (filter.contractId !== null) {
    add(
      `(s.contract_id = ? OR (s.contract_id IS NULL AND p.id IN
         (SELECT person_id FROM person_assignments WHERE contract_id = ? AND voided_at IS NULL)))`,
      filter.contractId,
      filter.contractId,
    );
  }
  if (filter.kind) add('s.kind = ?', filter.kind);
  if (filter.from) add('s.signed_date >= ?', filter.from);
  if (filter.to) add('s.signed_date <= ?', filter.to);
  if (filter.q) {
    const search = textSearch(filter.q, { rowid: 'p.id', fts: 'people_fts', ftsColumns: ['name', 'org'], likeColumns: ['p.name', 'p.search_org'] });
    add(search.sql, ...search.params);
  }
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

function toRow(db: Db, r: Raw, today: string, trainings: Map<number, string | null>): SignOffRegisterRow {
  const roles = r.contractId === null ? [] : rolesOnContract(db, r.personId, r.contractId);
  if (!trainings.has(r.personId)) trainings.set(r.personId, lastTrainingOn(db, r.personId, today));
  return {
    name: r.name,
    orgName: r.orgName,
    postAndRoles: [r.post, roles.join('、')].filter(Boolean).join('\n'),
    contract: r.contractId === null ? null : { projectName: r.projectName ?? '', mainNumber: r.mainNumber ?? '' },
    kind: r.kind,
    signedDate: r.signedDate,
    end: signOffEnd({ kind: r.kind, contractId: r.contractId, signedDate: r.signedDate, validUntil: r.validUntil, voided: false }),
    declassifyFrom: r.declassifyFrom,
    declassifyTo: r.declassifyTo,
    trainingOn: trainings.get(r.personId) ?? null,
    witness: r.witness,
    copies: r.copies,
    keptAt: r.keptAt,
    idNumberMasked: maskIdNumber(r.idNumber),
    phoneMasked: r.phone ? maskPhone(r.phone) : '',
    note: r.note,
  };
}

function named<T>(value: T | undefined, what: string, id: number): T {
  if (value === undefined) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的${what}，可能已被其他操作更改，请重新选择`);
  return value;
}

/** The filter in words, for the line under the title: 单位：…；合同：…；类型：…；签订日期：…至…；检索：… */
function selectionText(db: Db, filter: Filter): string {
  const parts: string[] = [];
  if (filter.personId !== null) {
    const p = db.prepare('SELECT p.name, o.name AS orgName FROM people p JOIN organisations o ON o.id = p.org_id WHERE p.id = ?').get(filter.personId) as
      | { name: string; orgName: string }
      | undefined;
    parts.push(`人员：${describePerson(named(p, '人员', filter.personId))}`);
  }
  if (filter.orgId !== null) {
    const org = db.prepare('SELECT name FROM organisations WHERE id = ?').pluck().get(filter.orgId) as string | undefined;
    parts.push(`单位：${named(org, '单位', filter.orgId)}`);
  }
  if (filter.contractId !== null) {
    const c = db
      .prepare(
        `SELECT project_name AS projectName, coalesce((SELECT number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1), '') AS mainNumber
         FROM contracts c WHERE id = ?`,
      )
      .get(filter.contractId) as { projectName: string; mainNumber: string } | undefined;
    const { projectName, mainNumber } = named(c, '合同', filter.contractId);
    parts.push(`合同：${projectName}${mainNumber ? `（${mainNumber}）` : ''}，含其人员适用于全部合同的承诺`);
  }
  if (filter.kind) parts.push(`类型：${filter.kind}`);
  if (filter.from || filter.to) parts.push(`签订日期：${filter.from ?? ''}至${filter.to ?? ''}`);
  if (filter.q) parts.push(`检索：${filter.q}`);
  return parts.join('；');
}

/**
 * The sign-offs the filter selects, ordered by unit, name and signed date, with the filter in
 * words. `today` is the print date: the 保密教育 shown is the latest on or before it.
 */
export function selectSignOffRegister(db: Db, filter: Filter, today: string): { rows: SignOffRegisterRow[]; selection: string } {
  const selection = selectionText(db, filter);
  const where = whereClause(filter);
  const raw = db
    .prepare(`${SELECT} ${where.sql} ORDER BY o.name_key, o.name, o.id, p.name_key, p.name, p.id, s.signed_date, s.id`)
    .all(...where.params) as Raw[];
  const trainings = new Map<number, string | null>();
  return { rows: raw.map((r) => toRow(db, r, today, trainings)), selection };
}
