import { z } from 'zod';
import { channel } from './channel';
import { listPage, voidInput, recordMeta } from './common';
import { isCivilDate } from '../contracts/civil-date';
import { parseAddress } from '../ip';
import { CONFLICT_KINDS } from '../ipfilings/conflicts';
import { MAX_ADDRESS_ENTRIES, readFilingAddresses, readFilingMacs } from '../ipfilings/fields';
import { ACCESS_METHODS, ACCESS_SCOPES, IP_FILING_STATES, IP_FILING_STATUS_FILTERS, IP_FILING_STATUSES } from '../ipfilings/status';
import { WHITELIST_FORMATS } from '../ipfilings/whitelist';
import { PERSON_STATUSES } from '../people/signoff';

/**
 * Access-IP filings (访问IP报备): a unit reports the addresses its people use to reach the office's
 * systems, how (接入方式) and what for; access outside the contract's scope needs an approval
 * reference (审批文号). Workflow and derived status: common/ipfilings/status.ts.
 *
 * - 报备编号 is given by the core: IP-<year>-<seq> (IP-2026-0001), counting within the year.
 * - Addresses are typed as one field holding several entries (common/ip/list.ts); each refused
 *   entry is reported at `addresses` with the parser's message and, where clear, the corrected value.
 *   Stored canonical; the result's `notes` say what was corrected while reading.
 * - 使用人 are people of the people register. Each must pass “sign before access” (a valid
 *   上岗保密承诺书 or 保密协议, no departure under way) when the filing is approved; a refusal names
 *   the person at `userIds.<n>`. When recording, the same check only adds a note.
 * - 联系方式 is personal data: returned masked (`contactMasked`); `ipfiling:contact` reveals it
 *   (personal.reveal, audited).
 * - Saving is never refused because addresses collide with another filing: the result carries the
 *   `conflicts` (the same view as `ipfiling:conflicts`, for this filing).
 * - Edited only while 待审批; voided with a reason, never deleted. Renewing makes a new 待审批 filing
 *   copying the old one with `renews` pointing at it; the old one stays until it expires or is revoked.
 */

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .default('');
const required = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字符` });

const date = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2026-03-01` });
const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), date(label).nullable());
const reason = (label: string) =>
  z
    .string({ error: `请填写${label}（至少 2 个字）` })
    .trim()
    .min(2, { error: `请填写${label}（至少 2 个字）` })
    .max(200, { error: `${label}不能超过 200 个字符` });

export const MAX_FILING_USERS = 50;

const filingObject = z.object({
  /** 报备单位. */
  orgId: z.number({ error: '请选择报备单位' }).int().positive({ error: '请选择报备单位' }),
  /** 使用人, in the order they are listed. */
  userIds: z
    .array(z.number({ error: '请选择使用人' }).int().positive({ error: '请选择使用人' }), { error: '请选择使用人' })
    .min(1, { error: '请至少选择一名使用人' })
    .max(MAX_FILING_USERS, { error: `一份报备最多 ${MAX_FILING_USERS} 名使用人` }),
  /** 联系方式: a phone number (or several), or an e-mail address. */
  contact: required(100, '联系方式'),
  /** IP 地址/地址段 as typed: addresses, CIDR blocks and ranges separated by commas, spaces or lines. */
  addresses: z
    .string({ error: '请填写 IP 地址' })
    .trim()
    .min(1, { error: '请填写 IP 地址' })
    .max(MAX_ADDRESS_ENTRIES * 50, { error: '地址内容过长，请填写网段或范围，或分为多份报备' }),
  /** MAC 地址 of the devices (optional), several allowed. */
  macs: text(1000, 'MAC 地址'),
  accessMethod: z.enum(ACCESS_METHODS, { error: '请选择接入方式' }),
  /** 说明 of the access method; required for 其他 (e.g. the VPN account or the bastion host). */
  accessNote: text(200, '接入方式说明'),
  /** 访问系统. */
  systems: required(200, '访问系统'),
  /** 用途. */
  purpose: required(500, '用途'),
  /** 授权范围. */
  scope: z.enum(ACCESS_SCOPES, { error: '请选择授权范围' }).default('合同范围内'),
  /** 审批文号 of access beyond the contract; required for 超出合同范围. */
  approvalRef: text(60, '审批文号'),
  /** The contract the access serves (optional); sign-offs are then checked for that contract. */
  contractId: z.number().int().positive({ error: '请选择合同' }).nullable().default(null),
  validFrom: date('有效期开始日'),
  validTo: date('有效期结束日'),
  /** 申请日期. */
  appliedOn: date('申请日期'),
  note: text(1000, '备注'),
});

type FilingObject = z.output<typeof filingObject>;

function checkFiling(f: FilingObject, ctx: z.RefinementCtx): void {
  if (typeof f.addresses === 'string') {
    for (const message of readFilingAddresses(f.addresses).problems) ctx.addIssue({ code: 'custom', path: ['addresses'], message });
  }
  if (typeof f.macs === 'string') {
    for (const message of readFilingMacs(f.macs).problems) ctx.addIssue({ code: 'custom', path: ['macs'], message });
  }
  if (Array.isArray(f.userIds)) {
    const seen = new Map<number, number>();
    f.userIds.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['userIds', i], message: `与第 ${first + 1} 位使用人重复` });
      else seen.set(id, i);
    });
  }
  if (f.accessMethod === '其他' && !f.accessNote) {
    ctx.addIssue({ code: 'custom', path: ['accessNote'], message: '接入方式为“其他”时，请说明具体的接入方式' });
  }
  if (f.scope === '超出合同范围' && !f.approvalRef) {
    ctx.addIssue({ code: 'custom', path: ['approvalRef'], message: '超出合同范围的访问须经审批，请填写审批文号' });
  }
  const valid = (d: unknown): d is string => isCivilDate(d);
  if (valid(f.validFrom) && valid(f.validTo) && f.validTo < f.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: `有效期结束日 ${f.validTo} 早于开始日 ${f.validFrom}，请核对` });
  }
  if (valid(f.appliedOn) && valid(f.validTo) && f.appliedOn > f.validTo) {
    ctx.addIssue({ code: 'custom', path: ['appliedOn'], message: `申请日期 ${f.appliedOn} 晚于有效期结束日 ${f.validTo}，请核对` });
  }
}

/** The fields an officer types; shared by the form and the router. */
export const ipFilingFieldsSchema = filingObject.superRefine(checkFiling);
export type IpFilingFields = z.input<typeof ipFilingFieldsSchema>;

export const ipFilingAddressSchema = z.object({
  /** Canonical text: 10.0.0.1, 10.0.0.0/24, 10.0.0.1-10.0.0.9, 2001:db8::/32. */
  text: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  kind: z.enum(['single', 'cidr', 'range']),
  /** First and last address, fixed-width hex. */
  start: z.string(),
  end: z.string(),
  /** 公网, 私有地址 … or 混合 (common/ip/classify.ts). */
  space: z.string(),
});

const filingLink = z.object({ id: z.number().int(), number: z.string(), status: z.enum(IP_FILING_STATUSES) });

/** A stored filing with what is derived from it, as channels return it. */
export const ipFilingSchema = z
  .object({
    number: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    users: z.array(
      z.object({ id: z.number().int(), name: z.string(), orgName: z.string(), status: z.enum(PERSON_STATUSES), voided: z.boolean() }),
    ),
    /** 联系方式, masked (ipfiling:contact reveals it). */
    contactMasked: z.string(),
    addresses: z.array(ipFilingAddressSchema),
    macs: z.array(z.string()),
    accessMethod: z.enum(ACCESS_METHODS),
    accessNote: z.string(),
    systems: z.string(),
    purpose: z.string(),
    scope: z.enum(ACCESS_SCOPES),
    approvalRef: z.string(),
    contractId: z.number().int().nullable(),
    contractName: z.string().nullable(),
    contractNumber: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string(),
    appliedOn: z.string(),
    state: z.enum(IP_FILING_STATES),
    /** Derived as of today. */
    status: z.enum(IP_FILING_STATUSES),
    /** 有效 with 30 days or fewer left. */
    expiring: z.boolean(),
    /** Days to the end day (negative once past), for approved filings. */
    daysLeft: z.number().int().nullable(),
    /** The status in words: 有效（还剩 12 天）, 已撤销（2026-04-02）… */
    statusText: z.string(),
    approver: z.string().nullable(),
    approvedOn: z.string().nullable(),
    rejectedOn: z.string().nullable(),
    rejectReason: z.string().nullable(),
    revokedOn: z.string().nullable(),
    revokeReason: z.string().nullable(),
    /** The filing this one renews. */
    renews: filingLink.nullable(),
    /** The latest renewal of this filing that is 待审批 or approved (not voided). */
    renewedBy: filingLink.nullable(),
    note: z.string(),
  })
  .extend(recordMeta.shape);
export type IpFiling = z.output<typeof ipFilingSchema>;

const filingSideSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  users: z.array(z.string()),
  userIds: z.array(z.number().int()),
});

/** Two filings claiming the same addresses (common/ipfilings/conflicts.ts). */
export const ipConflictSchema = z.object({
  kind: z.enum(CONFLICT_KINDS),
  a: filingSideSchema,
  b: filingSideSchema,
  overlaps: z.array(
    z.object({ a: z.string(), b: z.string(), kind: z.enum(CONFLICT_KINDS), outer: z.enum(['a', 'b']).nullable(), shared: z.string(), space: z.string() }),
  ),
  differentUnit: z.boolean(),
  differentPeople: z.boolean(),
  sharedUsers: z.array(z.string()),
  message: z.string(),
});
export type IpConflict = z.output<typeof ipConflictSchema>;

/** What a save, an approval or a renewal returns: the filing, the conflicts it takes part in, and notes. */
export const savedFilingSchema = z.object({
  filing: ipFilingSchema,
  conflicts: z.array(ipConflictSchema),
  /** Corrections made while reading the fields, and sign-off warnings, one sentence each. */
  notes: z.array(z.string()),
});
export type SavedFiling = z.output<typeof savedFilingSchema>;

export const IP_FILING_SORTS = ['number', 'validTo', 'appliedOn', 'org', 'updatedAt'] as const;

/** Who and what a selection of filings is about (lists, the printed register, the whitelist). */
const selectionObject = z.object({
  /** Chinese substring of the number, unit, users, systems, purpose or addresses. */
  q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
  /** 报备单位. */
  orgId: z.number().int().positive().nullable().default(null),
  /** Filings naming this person as a user. */
  personId: z.number().int().positive().nullable().default(null),
  contractId: z.number().int().positive().nullable().default(null),
  accessMethod: z.enum(ACCESS_METHODS).nullable().default(null),
});

export const ipFilingFilterSchema = selectionObject.extend({
  /** Derived as of today; 即将到期 = 有效 with 30 days or fewer left. */
  status: z.enum(IP_FILING_STATUS_FILTERS).nullable().default(null),
  voided: z.enum(['exclude', 'only', 'include']).default('exclude'),
  sort: z.enum(IP_FILING_SORTS).default('number'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type IpFilingFilter = z.input<typeof ipFilingFilterSchema>;

/** A finished ipfiling:whitelist job's result. */
export const whitelistJobResultSchema = z.object({
  path: z.string(),
  /** Filings in force that the filter selects. */
  filings: z.number().int(),
  /** Data lines written (CIDR blocks, or CSV rows). */
  lines: z.number().int(),
});
export type WhitelistJobResult = z.output<typeof whitelistJobResultSchema>;

/** The whitelist always holds the filings in force today; these narrow it. */
export const whitelistFilterSchema = selectionObject;
export type WhitelistFilter = z.input<typeof whitelistFilterSchema>;

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

export const lookupHitSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  orgName: z.string(),
  users: z.array(z.string()),
  accessMethod: z.enum(ACCESS_METHODS),
  accessNote: z.string(),
  systems: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** The filing's entries that hold the address. */
  matched: z.array(z.string()),
});
export type LookupHit = z.output<typeof lookupHitSchema>;

export const expiringSchema = z.object({
  filing: ipFilingSchema,
  /** Negative once expired. */
  daysLeft: z.number().int(),
  expired: z.boolean(),
  /** IP-2026-0001（华为技术有限公司，张三）将于 2026-03-31 到期，还剩 12 天；已续期：IP-2026-0009（待审批）。 */
  message: z.string(),
});

export const ipFilingChannels = {
  'ipfiling:list': channel({
    input: ipFilingFilterSchema.extend(listPage.shape),
    output: z.object({ rows: z.array(ipFilingSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  /** By id, or by 报备编号 (as a departure checklist item names it). */
  'ipfiling:get': channel({
    input: z.union([
      z.object({ id: z.number().int().positive() }),
      z.object({ number: z.string().trim().min(1, { error: '请填写报备编号' }).max(20, { error: '报备编号不能超过 20 个字符' }) }),
    ]),
    output: ipFilingSchema,
    permission: 'registers.read',
    audit: null,
  }),
  'ipfiling:create': channel({
    input: ipFilingFieldsSchema,
    output: savedFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.create',
  }),
  /** Only while 待审批. */
  'ipfiling:update': channel({
    input: filingObject.extend(idRev).superRefine(checkFiling),
    output: savedFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.update',
  }),
  /** 待审批 → 有效; every user must pass “sign before access” today. */
  'ipfiling:approve': channel({
    input: z.object({ ...idRev, approver: required(30, '审批人'), approvedOn: date('审批日期') }),
    output: savedFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.approve',
  }),
  /** 待审批 → 已驳回. */
  'ipfiling:reject': channel({
    input: z.object({ ...idRev, reason: reason('驳回原因') }),
    output: ipFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.reject',
  }),
  /**
   * 有效 → 已撤销 (also a 待审批 application withdrawn), on `revokedOn` (today when not given).
   * This is the action of a departure checklist's IP item.
   */
  'ipfiling:revoke': channel({
    input: z.object({ ...idRev, reason: reason('撤销原因'), revokedOn: optionalDate('撤销日期').default(null) }),
    output: ipFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.revoke',
  }),
  /** A new 待审批 filing copying an approved one (in force, expiring or expired) for a new period. */
  'ipfiling:renew': channel({
    input: z
      .object({ ...idRev, validFrom: date('有效期开始日'), validTo: date('有效期结束日'), appliedOn: optionalDate('申请日期').default(null) })
      .superRefine((r, ctx) => {
        if (isCivilDate(r.validFrom) && isCivilDate(r.validTo) && r.validTo < r.validFrom) {
          ctx.addIssue({ code: 'custom', path: ['validTo'], message: `有效期结束日 ${r.validTo} 早于开始日 ${r.validFrom}，请核对` });
        }
      }),
    output: savedFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.renew',
  }),
  'ipfiling:void': channel({
    input: voidInput,
    output: ipFilingSchema,
    permission: 'registers.write',
    audit: 'ipfiling.void',
  }),
  /** The full 联系方式, for the edit form and for whoever needs to call: personal data, audited. */
  'ipfiling:contact': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ contact: z.string() }),
    permission: 'personal.reveal',
    audit: 'ipfiling.revealContact',
  }),
  /**
   * Pairs of filings not voided, rejected, revoked or expired whose addresses overlap, strongest
   * first (同一地址, 包含, 重叠), then by number; optionally those of one filing, of one kind, or
   * between different units only.
   */
  'ipfiling:conflicts': channel({
    input: z
      .object({
        filingId: z.number().int().positive().nullable().default(null),
        kind: z.enum(CONFLICT_KINDS).nullable().default(null),
        differentUnitOnly: z.boolean().default(false),
      })
      .extend(listPage.shape),
    output: z.object({ rows: z.array(ipConflictSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  /**
   * “Who may connect from this address?”: every filing in force today (有效, within its dates, not
   * voided) with an entry holding the address (or the whole block or range typed).
   */
  'ipfiling:lookup': channel({
    input: z.object({
      address: z
        .string({ error: '请填写要查询的 IP 地址' })
        .max(200, { error: '内容过长，不是有效的 IP 地址' })
        .superRefine((v, ctx) => {
          const parsed = parseAddress(v);
          if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
        }),
    }),
    output: z.object({
      /** The address as read, canonical. */
      address: z.string(),
      space: z.string(),
      hits: z.array(lookupHitSchema),
    }),
    permission: 'registers.read',
    audit: null,
  }),
  /** For the dashboard: approved filings ending within 30 days and those ended in the last 30 days, earliest first. */
  'ipfiling:expiring': channel({
    input: z.object({}).default({}),
    output: z.array(expiringSchema),
    permission: 'registers.read',
    audit: null,
  }),
  /**
   * The whitelist of the addresses of the filings in force now, as text (one CIDR block per line,
   * merged) or CSV (block, number, unit, users, end day), with a `#` header giving the generation
   * time, the account and the filter; saved where the user chooses, audited. Asks where to save,
   * then writes in the background: `jobId` (null when the dialog was cancelled) is polled with
   * job:status, whose result is a `WhitelistJobResult` once the file is written; an empty list fails
   * the job and writes nothing.
   */
  'ipfiling:whitelist': channel({
    input: z.object({
      format: z.enum(WHITELIST_FORMATS, { error: '请选择导出格式' }).default('text'),
      filter: whitelistFilterSchema.default({ q: '', orgId: null, personId: null, contractId: null, accessMethod: null }),
    }),
    output: z.object({ path: z.string().nullable(), jobId: z.string().nullable() }),
    permission: 'registers.export',
    audit: 'ipfiling.whitelist',
  }),
};
