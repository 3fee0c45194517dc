import type { z } from 'zod';
import type { RegisterId, registerSelection } from '../../common/api/report';
import { DomainError } from '../../common/api/result';
import { PERMISSION_LABELS, ROLE_LABELS } from '../../common/security/labels';
import { rolesGrant, type Permission } from '../../common/security/roles';
import { auditRegister, selectAuditRegister } from '../audit/register';
import type { AuditDetails } from '../audit/log';
import type { HandlerContext } from '../router/handlers';
import { orgRegister, selectOrgRegister } from '../registers/org/register';
import { contractRegister, selectContractRegister } from '../registers/contracts/register';
import { getContract, localDate } from '../registers/contracts/repo';
import { listObligations } from '../registers/contracts/obligations';
import { contractSheet } from '../registers/contracts/sheet';
import { contractPeopleRegister, selectContractPeople } from '../registers/people/contract-people';
import { selectDepartureSheet } from '../registers/people/departure-sheet';
import { selectSignOffRegister, signOffRegister } from '../registers/people/signoff-register';
import { commitmentSheet } from '../registers/commitments/sheet';
import { ipFilingRegister, selectFilingRegister } from '../registers/ipfilings/register';
import { mediaRegister, selectMediaRegister } from '../registers/media/register';
import { destructionRegister, loanRegister, repairRegister, selectMediaLog, takeOutRegister } from '../registers/media/register-logs';
import { selectMediumCard } from '../registers/media/register-card';
import { selectMediaReceipt } from '../registers/media/receipt';
import { selectStocktakeRegister, stocktakeFileStem } from '../registers/media/stocktake-register';
import { stocktakeNumber } from '../registers/media/stocktake';
import { findingsRegister, findingsSummary, findingsSummaryFileStem } from '../findings/summary';
import type { PrintFrame, RegisterDefinition, SheetDefinition } from './definition';

export type Selection = z.output<typeof registerSelection>;
export type Options = { marking: string; unitName: string };
export type Output = 'pdf' | 'print' | 'xlsx';
/** What choosing the rows needs of a call: its connection, clock and session (a worker has the same). */
export type ReadContext = Pick<HandlerContext, 'db' | 'now' | 'session'>;

/**
 * What each register needs, per kind of output. The channels admit any session; this is the check.
 * Registers are printed with registers.print and exported with registers.export; the audit trail
 * only by whoever may read it (the auditor), who may print no register.
 */
const REGISTER_PERMISSIONS: Readonly<Record<RegisterId, Readonly<Record<Output, Permission>>>> = {
  organisations: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  contracts: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  contractSheet: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  signoffs: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  departureSheet: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  contractPeople: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  commitment: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  ipFilings: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  media: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  mediaLoans: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  mediaTakeOuts: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  mediaRepairs: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  mediaDestructions: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  mediaCard: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  mediaReceipt: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  stocktake: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  findingsSummary: { pdf: 'registers.print', print: 'registers.print', xlsx: 'registers.export' },
  audit: { pdf: 'audit.read', print: 'audit.read', xlsx: 'audit.read' },
};
const OUTPUT_VERBS: Readonly<Record<Output, string>> = { pdf: '导出', print: '打印', xlsx: '导出' };
export const REGISTER_NAMES: Readonly<Record<RegisterId, string>> = {
  organisations: '单位名录',
  contracts: '合同台账',
  contractSheet: '合同概要表',
  signoffs: '保密承诺书签订台账',
  departureSheet: '人员离岗交接单',
  contractPeople: '合同人员名单',
  commitment: '保密承诺书',
  ipFilings: '访问IP报备登记表',
  media: '存储介质登记台账',
  mediaLoans: '介质借用/归还登记簿',
  mediaTakeOuts: '介质携带外出审批登记',
  mediaRepairs: '送外维修登记表',
  mediaDestructions: '介质销毁登记表',
  mediaCard: '介质履历卡',
  mediaReceipt: '介质交接单',
  stocktake: '介质清查表',
  findingsSummary: '保密工作检查表',
  audit: '安全审计记录',
};

export function requirePermission(ctx: ReadContext, selection: Selection, output: Output): void {
  const permission = REGISTER_PERMISSIONS[selection.register][output];
  if (rolesGrant(ctx.session.roles, permission)) return;
  const roles = ctx.session.roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
  throw new DomainError(
    'FORBIDDEN',
    `当前账户（${roles}）没有“${PERMISSION_LABELS[permission]}”权限，不能${OUTPUT_VERBS[output]}“${REGISTER_NAMES[selection.register]}”`,
  );
}

/**
 * A register (rows under one header) or a sheet about one record. A register of one record's
 * things (a contract's people) is audited on that record, `about` naming it in the summary; the
 * others on the register, `about` naming what the rows were chosen by.
 */
type Printable =
  | { kind: 'register'; def: RegisterDefinition<never>; rows: readonly unknown[]; about?: string; target?: { type: string; id: string } }
  | {
      kind: 'sheet';
      def: SheetDefinition;
      targetType: string;
      targetId: string;
      /** What the audit record names in brackets after the title; the subtitle when not given. */
      subject?: string;
      /** Appended to the audit summary, e.g. that the full ID number was printed. */
      auditNote?: string;
      /** What Excel gets instead of the sheet, for a sheet that is exported too. */
      xlsx?: { def: RegisterDefinition<never>; rows: readonly unknown[] };
    };

export type Prepared = Printable & { frame: PrintFrame; count: number };

function pick(ctx: ReadContext, selection: Selection, options: Options): Printable & { selection: string } {
  switch (selection.register) {
    case 'organisations': {
      const { rows, selection: text } = selectOrgRegister(ctx.db, selection.filter);
      return { kind: 'register', def: orgRegister as RegisterDefinition<never>, rows, selection: text };
    }
    case 'contracts': {
      const { rows, selection: text } = selectContractRegister(ctx.db, selection.filter, localDate(ctx.now()));
      return { kind: 'register', def: contractRegister as RegisterDefinition<never>, rows, selection: text };
    }
    case 'contractSheet': {
      const today = localDate(ctx.now());
      const c = getContract(ctx.db, selection.filter.id, today);
      const def = contractSheet(c, listObligations(ctx.db, c.id, false, today), today);
      return { kind: 'sheet', def, targetType: 'contract', targetId: c.uuid, selection: '' };
    }
    case 'signoffs': {
      const { rows, selection: text } = selectSignOffRegister(ctx.db, selection.filter, localDate(ctx.now()));
      return { kind: 'register', def: signOffRegister as RegisterDefinition<never>, rows, about: text, selection: text };
    }
    case 'departureSheet': {
      const { person, def } = selectDepartureSheet(ctx.db, selection.filter, localDate(ctx.now()));
      return { kind: 'sheet', def, targetType: 'person', targetId: person.uuid, selection: '' };
    }
    case 'contractPeople': {
      const { contract, def, rows } = selectContractPeople(ctx.db, selection.filter, localDate(ctx.now()));
      const target = { type: 'contract', id: contract.uuid };
      return { kind: 'register', def: def as RegisterDefinition<never>, rows, about: def.subtitle, target, selection: '' };
    }
    case 'commitment': {
      const filter = selection.filter;
      if (filter.fullIdNumber && !rolesGrant(ctx.session.roles, 'personal.reveal')) {
        const roles = ctx.session.roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
        throw new DomainError(
          'FORBIDDEN',
          `当前账户（${roles}）没有“${PERMISSION_LABELS['personal.reveal']}”权限，不能打印完整身份证号；请关闭“打印完整身份证号”后再打印`,
          'fullIdNumber',
        );
      }
      const { def, person, template } = commitmentSheet(ctx.db, filter, options.unitName, localDate(ctx.now()));
      return {
        kind: 'sheet',
        def,
        targetType: 'person',
        targetId: person.uuid,
        subject: `${person.name}，${person.orgName}，模板第 ${template.version} 版`,
        auditNote: filter.fullIdNumber ? '，打印了完整身份证号' : '',
        selection: '',
      };
    }
    case 'ipFilings': {
      const { rows, selection: text } = selectFilingRegister(ctx.db, selection.filter, localDate(ctx.now()));
      return { kind: 'register', def: ipFilingRegister as RegisterDefinition<never>, rows, selection: text };
    }
    case 'media': {
      const { rows, selection: text } = selectMediaRegister(ctx.db, selection.filter, localDate(ctx.now()));
      return { kind: 'register', def: mediaRegister as RegisterDefinition<never>, rows, selection: text };
    }
    case 'mediaLoans':
    case 'mediaTakeOuts':
    case 'mediaRepairs':
    case 'mediaDestructions': {
      const { def, rows, selection: text } = selectMediaLog(ctx.db, selection.register, selection.filter, localDate(ctx.now()));
      return { kind: 'register', def: def as RegisterDefinition<never>, rows, selection: text };
    }
    case 'mediaCard': {
      const now = ctx.now();
      const { medium, def, xlsx } = selectMediumCard(ctx.db, selection.filter.id, now.toISOString(), localDate(now));
      return { kind: 'sheet', def, targetType: 'medium', targetId: medium.uuid, xlsx: { def: xlsx.def as RegisterDefinition<never>, rows: xlsx.rows }, selection: '' };
    }
    case 'mediaReceipt': {
      const now = ctx.now();
      const { medium, def } = selectMediaReceipt(ctx.db, selection.filter, now.toISOString(), localDate(now));
      return { kind: 'sheet', def, targetType: 'medium', targetId: medium.uuid, selection: '' };
    }
    case 'stocktake': {
      const { session, def, rows } = selectStocktakeRegister(ctx.db, selection.filter.sessionId);
      const target = { type: 'stocktake', id: session.uuid };
      return { kind: 'register', def: def as RegisterDefinition<never>, rows, about: def.subtitle, target, selection: '' };
    }
    case 'findingsSummary': {
      const day = selection.filter.date ?? localDate(ctx.now());
      const { def, rows, subtitle } = findingsSummary(ctx.db, ctx.session, ctx.now(), day);
      const xlsx = { def: { ...findingsRegister, subtitle, fileStem: def.fileStem } as RegisterDefinition<never>, rows };
      return { kind: 'sheet', def, targetType: 'register', targetId: 'findingsSummary', subject: `${subtitle}，${rows.length} 项`, xlsx, selection: '' };
    }
    case 'audit': {
      const { rows, selection: text } = selectAuditRegister(ctx.db, selection.filter, undefined, ctx.now());
      return { kind: 'register', def: auditRegister as RegisterDefinition<never>, rows, selection: text };
    }
  }
}

export function prepare(ctx: ReadContext, selection: Selection, options: Options, output: Output): Prepared {
  requirePermission(ctx, selection, output);
  const picked = pick(ctx, selection, options);
  const frame = {
    unitName: options.unitName,
    marking: options.marking,
    printedBy: ctx.session.displayName,
    printedAt: ctx.now(),
    selection: picked.selection,
  };
  return { ...picked, frame, count: picked.kind === 'register' ? picked.rows.length : 1 };
}

/** The audit record of an output of `p` (what: 打印, 导出 PDF, 导出 Excel), saved at `path` if a file. */
export function auditDetails(p: Prepared, what: string, path: string | null, selection: Selection): AuditDetails {
  const where = path ? `，保存为 ${path}` : '';
  if (p.kind === 'sheet') {
    return {
      targetType: p.targetType,
      targetId: p.targetId,
      summary: `${what}“${p.def.title}”（${p.subject ?? p.def.subtitle ?? ''}）${p.auditNote ?? ''}${where}`,
      after: { selection, path, marking: p.frame.marking },
    };
  }
  return {
    targetType: p.target?.type ?? 'register',
    targetId: p.target?.id ?? selection.register,
    summary: `${what}“${p.def.title}”${p.about ? `（${p.about}）` : ''}，共 ${p.rows.length} 条${where}`,
    after: { selection, path, rows: p.rows.length, marking: p.frame.marking },
  };
}


/** What Excel gets of `p`: a register's rows, or the table a sheet exports; refused for a sheet that only prints. */
export function xlsxTable(p: Prepared): { def: RegisterDefinition<never>; rows: readonly unknown[] } {
  if (p.kind === 'register') return { def: p.def, rows: p.rows };
  if (!p.xlsx) throw new DomainError('RULE', `“${p.def.title}”只能打印或导出 PDF，不能导出 Excel`);
  return p.xlsx;
}

/** Registers whose file name does not depend on their rows. */
const FIXED_STEMS: Partial<Record<RegisterId, string>> = {
  organisations: orgRegister.fileStem,
  contracts: contractRegister.fileStem,
  signoffs: signOffRegister.fileStem,
  ipFilings: ipFilingRegister.fileStem,
  media: mediaRegister.fileStem,
  mediaLoans: loanRegister.fileStem,
  mediaTakeOuts: takeOutRegister.fileStem,
  mediaRepairs: repairRegister.fileStem,
  mediaDestructions: destructionRegister.fileStem,
  audit: auditRegister.fileStem,
};

/**
 * The file name (without date and extension) an Excel export of `selection` is offered under,
 * found without choosing its rows (that is the worker's job): checks the permission and refuses,
 * as the export would, a sheet that only prints (a sheet is one record: preparing it is cheap).
 */
export function xlsxFileStem(ctx: ReadContext, selection: Selection, options: Options): string {
  requirePermission(ctx, selection, 'xlsx');
  const fixed = FIXED_STEMS[selection.register];
  if (fixed) return fixed;
  switch (selection.register) {
    case 'contractPeople': {
      const contract = getContract(ctx.db, selection.filter.contractId, localDate(ctx.now()));
      return contractPeopleRegister(contract, selection.filter.remoteOnly).fileStem;
    }
    case 'stocktake':
      return stocktakeFileStem(stocktakeNumber(ctx.db, selection.filter.sessionId));
    case 'findingsSummary':
      return findingsSummaryFileStem(selection.filter.date ?? localDate(ctx.now()));
    default: {
      const p = prepare(ctx, selection, options, 'xlsx');
      xlsxTable(p);
      return p.def.fileStem;
    }
  }
}
