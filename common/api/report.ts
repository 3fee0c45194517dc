import { z } from 'zod';
import { channel } from './channel';
import { auditFilterSchema } from './audit';
import { orgFilterSchema } from './org';
import { contractFilterSchema } from './contract';
import { contractPeopleFilterSchema } from './assignment';
import { departureSheetFilterSchema } from './person';
import { signOffRegisterFilterSchema } from './signoff';
import { commitmentPrintFilterSchema } from './commitment';
import { ipFilingFilterSchema } from './ipfiling';
import { mediaFilterSchema } from './media';
import { mediaLogFilterSchema, mediaReceiptFilterSchema, mediumCardFilterSchema } from './mediaprint';
import { findingsSummaryFilterSchema } from './findings';

/**
 * Printed registers (and sheets about one record, which print but do not export to Excel); each
 * later register adds its filter here.
 */
export const REGISTER_IDS = [
  'organisations',
  'contracts',
  'contractSheet',
  'signoffs',
  'departureSheet',
  'contractPeople',
  'commitment',
  'ipFilings',
  'media',
  'mediaLoans',
  'mediaTakeOuts',
  'mediaRepairs',
  'mediaDestructions',
  'mediaCard',
  'mediaReceipt',
  'stocktake',
  'findingsSummary',
  'audit',
] as const;
export type RegisterId = (typeof REGISTER_IDS)[number];

export const registerSelection = z.discriminatedUnion('register', [
  z.object({ register: z.literal('organisations'), filter: orgFilterSchema }),
  z.object({ register: z.literal('contracts'), filter: contractFilterSchema }),
  /** 合同概要表 of one contract. */
  z.object({ register: z.literal('contractSheet'), filter: z.object({ id: z.number().int().positive() }) }),
  /** 保密承诺书签订台账. */
  z.object({ register: z.literal('signoffs'), filter: signOffRegisterFilterSchema }),
  /** 人员离岗交接单 of one person. */
  z.object({ register: z.literal('departureSheet'), filter: departureSheetFilterSchema }),
  /** 合同人员名单, or 后备（远程）技术支持人员名单 with `remoteOnly`. */
  z.object({ register: z.literal('contractPeople'), filter: contractPeopleFilterSchema }),
  /** A commitment (承诺书) of one kind filled for one person to sign; full ID number only with personal.reveal. */
  z.object({ register: z.literal('commitment'), filter: commitmentPrintFilterSchema }),
  /** 访问IP报备登记表 (REGISTER-FORMATS.md §9). */
  z.object({ register: z.literal('ipFilings'), filter: ipFilingFilterSchema }),
  /** 存储介质登记台账 (§1), chosen by the media list's filter. */
  z.object({ register: z.literal('media'), filter: mediaFilterSchema }),
  /** 介质借用/归还登记簿 (§2). */
  z.object({ register: z.literal('mediaLoans'), filter: mediaLogFilterSchema }),
  /** 介质携带外出审批登记 (§3). */
  z.object({ register: z.literal('mediaTakeOuts'), filter: mediaLogFilterSchema }),
  /** 送外维修登记表 (§4). */
  z.object({ register: z.literal('mediaRepairs'), filter: mediaLogFilterSchema }),
  /** 介质销毁登记表 (§5), with totals per kind. */
  z.object({ register: z.literal('mediaDestructions'), filter: mediaLogFilterSchema }),
  /** 介质履历卡 of one medium (a sheet). */
  z.object({ register: z.literal('mediaCard'), filter: mediumCardFilterSchema }),
  /** 介质交接单 of one hand-over event (a sheet). */
  z.object({ register: z.literal('mediaReceipt'), filter: mediaReceiptFilterSchema }),
  /** 介质清查表 of one stocktake session (REGISTER-FORMATS.md §6). */
  z.object({ register: z.literal('stocktake'), filter: z.object({ sessionId: z.number().int().positive() }) }),
  /** 保密工作检查表: findings and register totals as of a day (the home screen's printable summary). */
  z.object({ register: z.literal('findingsSummary'), filter: findingsSummaryFilterSchema }),
  /** 安全审计记录: printable and exportable by the auditor (audit.read), by no one else. */
  z.object({ register: z.literal('audit'), filter: auditFilterSchema }),
]);

export const printOptionsSchema = z.object({
  /** 密级标识 on every page, e.g. 内部 / 工作秘密. */
  marking: z.string().trim().min(1, { error: '请填写密级标识，如“内部”' }).max(20, { error: '标识不能超过 20 个字符' }),
  /** 填报单位 printed on the first page. */
  unitName: z.string().trim().min(1, { error: '请填写填报单位' }).max(100, { error: '填报单位不能超过 100 个字符' }),
});

const reportInput = z.object({ selection: registerSelection, options: printOptionsSchema });
export type ReportInput = z.input<typeof reportInput>;

const savedOutput = z.object({ saved: z.boolean(), path: z.string().nullable(), rows: z.number().int() });

/** A finished report:xlsx job's result. */
export const xlsxJobResultSchema = z.object({ path: z.string(), rows: z.number().int() });
export type XlsxJobResult = z.output<typeof xlsxJobResultSchema>;

/**
 * Each register needs its own permission (registers.print/export for the registers, audit.read for
 * the audit trail), so the channels admit any session and the report handlers check per register.
 */
export const reportChannels = {
  'report:pdf': channel({
    input: reportInput,
    output: savedOutput,
    permission: 'authenticated',
    audit: 'report.pdf',
  }),
  'report:print': channel({
    input: reportInput,
    output: z.object({ printed: z.boolean(), rows: z.number().int() }),
    permission: 'authenticated',
    audit: 'report.print',
  }),
  /**
   * Asks where to save, then exports in the background: `jobId` (null when the dialog was
   * cancelled) is polled with job:status, whose result is an `XlsxJobResult` once the file is written.
   */
  'report:xlsx': channel({
    input: reportInput,
    output: z.object({ path: z.string().nullable(), jobId: z.string().nullable() }),
    permission: 'authenticated',
    audit: 'report.xlsx',
  }),
};
