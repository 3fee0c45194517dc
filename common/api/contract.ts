import { z } from 'zod';
import { channel } from './channel';
import { listPage, voidInput, recordMeta } from './common';
import { isPhoneList } from '../validators/text';
import { MAX_FEN } from '../contracts/money';
import { checkInstallments, type Installment } from '../contracts/installments';
import { checkContractDates, CONTRACT_STATUS_LABELS, type ContractStatus } from '../contracts/status';
import { isCivilDate } from '../contracts/civil-date';

export const CONTRACT_STATUSES = Object.keys(CONTRACT_STATUS_LABELS) as [ContractStatus, ...ContractStatus[]];

export const AGREEMENT_KINDS = ['保密协议', '网络安全责任协议', '信息保护协议', '安全保密协议书', '廉政协议', '其他'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
/** Kinds that count as a confidentiality agreement (保密协议 column of the register). */
export const CONFIDENTIALITY_KINDS: readonly AgreementKind[] = ['保密协议', '安全保密协议书', '信息保护协议'];

export const TERM_KINDS = ['years', 'permanent', 'untilPublic'] as const;
export const TERM_KIND_LABELS: Record<(typeof TERM_KINDS)[number], string> = {
  years: '年限',
  permanent: '永久',
  untilPublic: '至公开之日',
};

export const CONTACT_SIDES = ['client', 'vendor'] as const;

/** Upper case without spaces: KSY 2024 0516 0003 and ksy202405160003 are one number. */
export function normaliseContractNumber(number: string): string {
  return number.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .default('');

const date = (label: string) =>
  z.string().trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });
const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), date(label).nullable());

const fen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}必须是整数分` })
    .min(0, { error: `${label}不能为负数` })
    .max(MAX_FEN, { error: `${label}超过上限` });

const twoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
const percent = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .min(0, { error: `${label}不能小于 0%` })
    .max(100, { error: `${label}不能超过 100%` })
    .refine(twoDecimals, { error: `${label}最多两位小数` });

const orgId = (label: string) => z.number({ error: `请选择${label}` }).int().positive({ error: `请选择${label}` });

export const contractNumberSchema = z.object({
  number: z
    .string()
    .trim()
    .min(1, { error: '请填写合同编号' })
    .max(60, { error: '合同编号不能超过 60 个字符' }),
  /** How the parties call this number: 合同编号, 采购合同号, 合同号 … */
  scheme: z.string().trim().min(1, { error: '请填写编号类别，如“合同编号”' }).max(20, { error: '编号类别不能超过 20 个字符' }).default('合同编号'),
  isMain: z.boolean().default(false),
});

export const contractContactSchema = z.object({
  side: z.enum(CONTACT_SIDES, { error: '请选择甲方或乙方' }),
  name: z.string().trim().min(1, { error: '请填写联系人姓名' }).max(30, { error: '姓名不能超过 30 个字符' }),
  // A contact may give several numbers (001: 0519-81236533 15851967128).
  phone: text(40, '电话').refine((v) => v === '' || isPhoneList(v), {
    error: '电话格式不正确，例如 010-12345678 或 13800138000；多个号码用空格或“、”分开',
  }),
  email: text(100, '电子邮箱').refine((v) => v === '' || z.email().safeParse(v).success, {
    error: '电子邮箱格式不正确，例如 name@example.cn',
  }),
  role: text(30, '职责'),
});

/** A payment installment: a share of the contract amount (percent) or a fixed amount (fen), not both. */
export const installmentInputSchema = z.object({
  percent: percent('比例').nullable().default(null),
  fen: fen('金额').nullable().default(null),
  condition: text(200, '付款条件'),
  dueDate: optionalDate('应付日期').default(null),
  invoiceNumber: text(40, '发票号'),
  paidDate: optionalDate('付款日期').default(null),
});

export const bondInputSchema = z
  .object({
    percent: percent('保函比例').nullable().default(null),
    fen: fen('保函金额').nullable().default(null),
    bank: text(100, '开具银行'),
    validUntil: optionalDate('保函有效期').default(null),
    returnedOn: optionalDate('退还日期').default(null),
  })
  .superRefine((b, ctx) => {
    if ((b.percent === null) === (b.fen === null)) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: '履约保函的比例和金额请填写其中一项' });
    }
  });

export const agreementInputSchema = z
  .object({
    /** The stored agreement this row edits (its attachments follow it); null for a new one. */
    uuid: z.uuid({ error: '协议编号不正确，请关闭后重新打开再编辑' }).nullable().default(null),
    kind: z.enum(AGREEMENT_KINDS, { error: '请选择协议类型' }),
    signedDate: optionalDate('协议签订日期').default(null),
    parties: text(200, '协议各方'),
    term: z
      .object({
        kind: z.enum(TERM_KINDS, { error: '请选择保密期限类型' }),
        years: z.number().int({ error: '年限应为整数' }).min(1, { error: '年限至少 1 年' }).max(100, { error: '年限不能超过 100 年' }).nullable().default(null),
        /** The day the term runs from (e.g. the agreement's signing day); null = from signing. */
        from: optionalDate('期限起算日').default(null),
      })
      .default({ kind: 'permanent', years: null, from: null }),
    coordinators: z
      .object({ client: text(30, '甲方保密协调人'), vendor: text(30, '乙方保密协调人') })
      .default({ client: '', vendor: '' }),
  })
  .superRefine((a, ctx) => {
    if (a.term.kind === 'years' && a.term.years === null) {
      ctx.addIssue({ code: 'custom', path: ['term', 'years'], message: '请填写保密年限' });
    }
  });

/** Installments as the calculators take them (percent XOR fen; paid once a paid date is recorded). */
export function toInstallments(items: readonly { percent: number | null; fen: number | null; paidDate: string | null }[]): Installment[] {
  return items.map((i) => ({ percent: i.percent ?? undefined, fen: i.fen ?? undefined, paid: i.paidDate !== null }) as Installment);
}

const contractObject = z.object({
  numbers: z.array(contractNumberSchema).min(1, { error: '请至少填写一个合同编号' }).max(10, { error: '合同编号最多 10 个' }),
  procurementNumber: text(60, '采购项目编号'),
  projectName: z.string().trim().min(1, { error: '请填写项目名称' }).max(200, { error: '项目名称不能超过 200 个字符' }),
  clientOrgId: orgId('甲方'),
  vendorOrgId: orgId('乙方'),
  contacts: z.array(contractContactSchema).max(20, { error: '联系人最多 20 个' }).default([]),
  /** null = not signed yet (草稿). */
  signedDate: optionalDate('签订日期').default(null),
  signedPlace: text(100, '签订地点'),
  serviceStart: optionalDate('服务开始日').default(null),
  serviceEnd: optionalDate('服务结束日').default(null),
  amountFen: fen('合同金额'),
  taxRatePercent: percent('税率').nullable().default(null),
  amountExclTaxFen: fen('不含税金额').nullable().default(null),
  originals: z
    .object({
      total: z.number().int().min(0, { error: '份数不能为负数' }).max(99).default(0),
      client: z.number().int().min(0, { error: '份数不能为负数' }).max(99).default(0),
      vendor: z.number().int().min(0, { error: '份数不能为负数' }).max(99).default(0),
    })
    .default({ total: 0, client: 0, vendor: 0 }),
  /** 等保级别. */
  protectionLevel: z.number().int().min(1, { error: '等保级别应为 1–5 级' }).max(5, { error: '等保级别应为 1–5 级' }).nullable().default(null),
  renewalLeadDays: z.number().int({ error: '续签提前天数应为整数' }).min(0, { error: '续签提前天数不能为负数' }).max(365, { error: '续签提前天数不能超过 365 天' }).default(30),
  note: text(1000, '备注'),
  installments: z.array(installmentInputSchema).max(24, { error: '付款节点最多 24 期' }).default([]),
  bond: bondInputSchema.nullable().default(null),
  agreements: z.array(agreementInputSchema).max(20, { error: '附属协议最多 20 份' }).default([]),
});

type ContractObject = z.output<typeof contractObject>;

function checkContract(c: ContractObject, ctx: z.RefinementCtx): void {
  const mains = c.numbers.filter((n) => n.isMain).length;
  if (mains !== 1 && c.numbers.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['numbers'],
      message: mains === 0 ? '请指定一个主合同编号' : '只能有一个主合同编号',
    });
  }
  const seen = new Map<string, number>();
  c.numbers.forEach((n, i) => {
    const key = normaliseContractNumber(n.number);
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['numbers', i, 'number'], message: `与第 ${first + 1} 个编号重复` });
    } else seen.set(key, i);
  });
  if (c.clientOrgId === c.vendorOrgId) {
    ctx.addIssue({ code: 'custom', path: ['vendorOrgId'], message: '甲方和乙方不能是同一单位' });
  }
  const fieldOf = { signedDate: 'signedDate', start: 'serviceStart', end: 'serviceEnd' } as Record<string, string>;
  const valid = (d: string | null) => (isCivilDate(d) ? d : null);
  const dates = { signedDate: valid(c.signedDate), start: valid(c.serviceStart), end: valid(c.serviceEnd) };
  for (const p of checkContractDates(dates)) {
    ctx.addIssue({ code: 'custom', path: [fieldOf[p.field] ?? p.field], message: p.message });
  }
  if (c.amountExclTaxFen !== null && c.amountExclTaxFen > c.amountFen) {
    ctx.addIssue({ code: 'custom', path: ['amountExclTaxFen'], message: '不含税金额不能大于合同金额' });
  }
  if (c.originals.client + c.originals.vendor > c.originals.total) {
    ctx.addIssue({
      code: 'custom',
      path: ['originals', 'total'],
      message: `甲方 ${c.originals.client} 份、乙方 ${c.originals.vendor} 份，合计超过正本总数 ${c.originals.total} 份`,
    });
  }
  const amountValid = Number.isSafeInteger(c.amountFen) && c.amountFen >= 0 && c.amountFen <= MAX_FEN;
  for (const p of amountValid ? checkInstallments(c.amountFen, toInstallments(c.installments)) : []) {
    ctx.addIssue({
      code: 'custom',
      path: p.index === null ? ['installments'] : ['installments', p.index],
      message: p.message,
    });
  }
}

/** The fields an officer types; shared by the form and the router. */
export const contractFieldsSchema = contractObject.superRefine(checkContract);
export type ContractFields = z.input<typeof contractFieldsSchema>;

const storedNumber = z.object({ number: z.string(), scheme: z.string(), isMain: z.boolean() });

/** A stored contract with the fields derived from it, as channels return it. */
export const contractSchema = z
  .object({
    numbers: z.array(storedNumber),
    mainNumber: z.string(),
    procurementNumber: z.string(),
    projectName: z.string(),
    clientOrgId: z.number().int(),
    vendorOrgId: z.number().int(),
    clientName: z.string(),
    vendorName: z.string(),
    contacts: z.array(z.object({ side: z.enum(CONTACT_SIDES), name: z.string(), phone: z.string(), email: z.string(), role: z.string() })),
    signedDate: z.string().nullable(),
    signedPlace: z.string(),
    serviceStart: z.string().nullable(),
    serviceEnd: z.string().nullable(),
    amountFen: z.number().int(),
    amountDaxie: z.string(),
    taxRatePercent: z.number().nullable(),
    amountExclTaxFen: z.number().int().nullable(),
    originals: z.object({ total: z.number().int(), client: z.number().int(), vendor: z.number().int() }),
    protectionLevel: z.number().int().nullable(),
    renewalLeadDays: z.number().int(),
    note: z.string(),
    installments: z.array(
      z.object({
        seq: z.number().int(),
        percent: z.number().nullable(),
        fen: z.number().int().nullable(),
        condition: z.string(),
        dueDate: z.string().nullable(),
        invoiceNumber: z.string(),
        paidDate: z.string().nullable(),
        /** The installment's amount in fen, shares resolved against the contract amount. */
        amountFen: z.number().int(),
        paid: z.boolean(),
      }),
    ),
    paidFen: z.number().int(),
    unpaidFen: z.number().int(),
    bond: z
      .object({
        percent: z.number().nullable(),
        fen: z.number().int().nullable(),
        bank: z.string(),
        validUntil: z.string().nullable(),
        returnedOn: z.string().nullable(),
        amountFen: z.number().int(),
      })
      .nullable(),
    agreements: z.array(
      z.object({
        uuid: z.string(),
        kind: z.enum(AGREEMENT_KINDS),
        signedDate: z.string().nullable(),
        parties: z.string(),
        term: z.object({ kind: z.enum(TERM_KINDS), years: z.number().int().nullable(), from: z.string().nullable() }),
        coordinators: z.object({ client: z.string(), vendor: z.string() }),
      }),
    ),
    hasConfidentialityAgreement: z.boolean(),
    /** Obligations past their due date today (履行义务逾期). */
    overdueObligations: z.number().int(),
    terminatedOn: z.string().nullable(),
    terminationReason: z.string().nullable(),
    status: z.enum(CONTRACT_STATUSES),
  })
  .extend(recordMeta.shape);
export type Contract = z.output<typeof contractSchema>;

export const CONTRACT_SORTS = ['projectName', 'signedDate', 'serviceEnd', 'amount'] as const;

export const contractFilterSchema = z
  .object({
    q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
    /** Derived status, as of today. */
    status: z.enum(CONTRACT_STATUSES).nullable().default(null),
    /** Contracts where this organisation is 甲方 or 乙方. */
    orgId: z.number().int().positive().nullable().default(null),
    /** Service period overlapping [from, to] (either end open). */
    from: optionalDate('起始日期').default(null),
    to: optionalDate('截止日期').default(null),
    voided: z.enum(['exclude', 'only', 'include']).default('exclude'),
    sort: z.enum(CONTRACT_SORTS).default('signedDate'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `截止日期 ${f.to} 早于起始日期 ${f.from}` });
  });
export type ContractFilter = z.input<typeof contractFilterSchema>;

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

export const contractChannels = {
  'contract:list': channel({
    input: contractFilterSchema.and(listPage),
    output: z.object({ rows: z.array(contractSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  'contract:get': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: contractSchema,
    permission: 'registers.read',
    audit: null,
  }),
  'contract:create': channel({
    input: contractFieldsSchema,
    output: contractSchema,
    permission: 'registers.write',
    audit: 'contract.create',
  }),
  'contract:update': channel({
    input: contractObject.extend(idRev).superRefine(checkContract),
    output: contractSchema,
    permission: 'registers.write',
    audit: 'contract.update',
  }),
  'contract:void': channel({
    input: voidInput,
    output: contractSchema,
    permission: 'registers.write',
    audit: 'contract.void',
  }),
  /** The contract's own history: who recorded, changed, terminated or voided it, and when. */
  'contract:history': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: z.array(z.object({ seq: z.number().int(), at: z.string(), actorName: z.string(), action: z.string(), summary: z.string() })),
    permission: 'registers.read',
    audit: null,
  }),
  /**
   * The contacts with their full phone numbers (lists, details and prints show them masked), for
   * the edit form and for whoever needs to call: personal data, so checked and audited.
   */
  'contract:contacts': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: z.array(contractContactSchema.required()),
    permission: 'personal.reveal',
    audit: 'contract.revealContacts',
  }),
  'contract:terminate': channel({
    input: z.object({
      ...idRev,
      terminatedOn: date('终止日期'),
      reason: z.string().trim().min(2, { error: '请填写终止原因（至少 2 个字）' }).max(200, { error: '终止原因不能超过 200 个字符' }),
    }),
    output: contractSchema,
    permission: 'registers.write',
    audit: 'contract.terminate',
  }),
};
