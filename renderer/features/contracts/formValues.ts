import { randomId } from '@mantine/hooks';
import {
  contractFieldsSchema,
  type AgreementKind,
  type Contract,
  type ContractFields,
  type TERM_KINDS,
} from '../../../common/api/contract';
import { checkInstallments, formatAmount, installmentTotals, parseAmount, parsePercent, type InstallmentTotals } from '../../../common/contracts';

export type TermKind = (typeof TERM_KINDS)[number];
export type ShareMode = 'percent' | 'amount';

export interface NumberRow { key: string; number: string; scheme: string; isMain: boolean }
export interface ContactRow { key: string; side: 'client' | 'vendor'; name: string; phone: string; email: string; role: string }
export interface InstallmentRow {
  key: string;
  mode: ShareMode;
  share: string;
  condition: string;
  dueDate: string | null;
  invoiceNumber: string;
  paidDate: string | null;
}
export interface AgreementRow {
  key: string;
  /** The stored agreement this row edits; null for a new one. */
  uuid: string | null;
  kind: AgreementKind;
  signedDate: string | null;
  parties: string;
  termKind: TermKind;
  termYears: string;
  termFrom: string | null;
  coordClient: string;
  coordVendor: string;
}

/** What the form holds: amounts and shares as typed, parsed on every change. */
export interface Values {
  numbers: NumberRow[];
  procurementNumber: string;
  projectName: string;
  clientOrgId: string | null;
  vendorOrgId: string | null;
  contacts: ContactRow[];
  signedDate: string | null;
  signedPlace: string;
  serviceStart: string | null;
  serviceEnd: string | null;
  amount: string;
  taxRate: string;
  amountExclTax: string;
  originalsTotal: number | string;
  originalsClient: number | string;
  originalsVendor: number | string;
  protectionLevel: string | null;
  renewalLeadDays: number | string;
  note: string;
  installments: InstallmentRow[];
  hasBond: boolean;
  bondMode: ShareMode;
  bondShare: string;
  bondBank: string;
  bondValidUntil: string | null;
  bondReturnedOn: string | null;
  agreements: AgreementRow[];
}

export const newNumber = (isMain: boolean): NumberRow => ({ key: randomId(), number: '', scheme: '合同编号', isMain });
export const newContact = (side: 'client' | 'vendor'): ContactRow => ({ key: randomId(), side, name: '', phone: '', email: '', role: '' });
export const newInstallment = (): InstallmentRow => ({
  key: randomId(),
  mode: 'percent',
  share: '',
  condition: '',
  dueDate: null,
  invoiceNumber: '',
  paidDate: null,
});
export const newAgreement = (): AgreementRow => ({
  key: randomId(),
  uuid: null,
  kind: '保密协议',
  signedDate: null,
  parties: '',
  termKind: 'permanent',
  termYears: '',
  termFrom: null,
  coordClient: '',
  coordVendor: '',
});

export const EMPTY_VALUES: Values = {
  numbers: [newNumber(true)],
  procurementNumber: '',
  projectName: '',
  clientOrgId: null,
  vendorOrgId: null,
  contacts: [],
  signedDate: null,
  signedPlace: '',
  serviceStart: null,
  serviceEnd: null,
  amount: '',
  taxRate: '',
  amountExclTax: '',
  originalsTotal: 0,
  originalsClient: 0,
  originalsVendor: 0,
  protectionLevel: null,
  renewalLeadDays: 30,
  note: '',
  installments: [],
  hasBond: false,
  bondMode: 'percent',
  bondShare: '',
  bondBank: '',
  bondValidUntil: null,
  bondReturnedOn: null,
  agreements: [],
};

const percentText = (p: number) => String(p);

export function valuesOf(c: Contract | null): Values {
  if (!c) return { ...EMPTY_VALUES, numbers: [newNumber(true)] };
  return {
    numbers: c.numbers.map((n) => ({ key: randomId(), ...n })),
    procurementNumber: c.procurementNumber,
    projectName: c.projectName,
    clientOrgId: String(c.clientOrgId),
    vendorOrgId: String(c.vendorOrgId),
    contacts: c.contacts.map((p) => ({ key: randomId(), ...p })),
    signedDate: c.signedDate,
    signedPlace: c.signedPlace,
    serviceStart: c.serviceStart,
    serviceEnd: c.serviceEnd,
    amount: formatAmount(c.amountFen),
    taxRate: c.taxRatePercent === null ? '' : percentText(c.taxRatePercent),
    amountExclTax: c.amountExclTaxFen === null ? '' : formatAmount(c.amountExclTaxFen),
    originalsTotal: c.originals.total,
    originalsClient: c.originals.client,
    originalsVendor: c.originals.vendor,
    protectionLevel: c.protectionLevel === null ? null : String(c.protectionLevel),
    renewalLeadDays: c.renewalLeadDays,
    note: c.note,
    installments: c.installments.map((i) => ({
      key: randomId(),
      mode: i.percent !== null ? 'percent' : 'amount',
      share: i.percent !== null ? percentText(i.percent) : formatAmount(i.fen ?? 0),
      condition: i.condition,
      dueDate: i.dueDate,
      invoiceNumber: i.invoiceNumber,
      paidDate: i.paidDate,
    })),
    hasBond: c.bond !== null,
    bondMode: c.bond?.fen !== null && c.bond?.fen !== undefined ? 'amount' : 'percent',
    bondShare: c.bond ? (c.bond.percent !== null ? percentText(c.bond.percent) : formatAmount(c.bond.fen ?? 0)) : '',
    bondBank: c.bond?.bank ?? '',
    bondValidUntil: c.bond?.validUntil ?? null,
    bondReturnedOn: c.bond?.returnedOn ?? null,
    agreements: c.agreements.map((a) => ({
      key: randomId(),
      uuid: a.uuid,
      kind: a.kind,
      signedDate: a.signedDate,
      parties: a.parties,
      termKind: a.term.kind,
      termYears: a.term.years === null ? '' : String(a.term.years),
      termFrom: a.term.from,
      coordClient: a.coordinators.client,
      coordVendor: a.coordinators.vendor,
    })),
  };
}

const int = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? 0 : Number(v));

/** Live reading of the amount and the installment plan, for feedback while typing. */
export function liveMoney(values: Values): { amountFen: number | null; rows: (number | null)[]; totals: InstallmentTotals | null; planProblems: string[] } {
  const amount = parseAmount(values.amount);
  const amountFen = amount.ok ? amount.fen : null;
  const parsed = values.installments.map((row) => {
    if (row.mode === 'percent') {
      const p = parsePercent(row.share);
      return p.ok ? { percent: p.percent, paid: row.paidDate !== null } : null;
    }
    const a = parseAmount(row.share);
    return a.ok ? { fen: a.fen, paid: row.paidDate !== null } : null;
  });
  if (amountFen === null || parsed.some((p) => p === null) || parsed.length === 0) {
    return { amountFen, rows: parsed.map(() => null), totals: null, planProblems: [] };
  }
  const items = parsed as NonNullable<(typeof parsed)[number]>[];
  const problems = checkInstallments(amountFen, items);
  const perRow = problems.filter((p) => p.index !== null);
  if (perRow.length > 0) return { amountFen, rows: parsed.map(() => null), totals: null, planProblems: [] };
  const totals = installmentTotals(amountFen, items);
  return { amountFen, rows: totals.amounts, totals, planProblems: problems.filter((p) => p.index === null).map((p) => p.message) };
}

type Errors = Record<string, string>;

/** Form values → the router's fields; typing problems (amounts, shares) are collected at their inputs. */
export function toFields(values: Values): { fields: ContractFields; errors: Errors } {
  const errors: Errors = {};
  const money = (text: string, path: string, optional: boolean): number | null => {
    if (optional && text.trim() === '') return null;
    const r = parseAmount(text);
    if (r.ok) return r.fen;
    errors[path] = r.message;
    return optional ? null : 0;
  };
  const pct = (text: string, path: string, optional: boolean): number | null => {
    if (optional && text.trim() === '') return null;
    const r = parsePercent(text);
    if (r.ok) return r.percent;
    errors[path] = r.message;
    return null;
  };
  const fields: ContractFields = {
    numbers: values.numbers.map(({ number, scheme, isMain }) => ({ number, scheme, isMain })),
    procurementNumber: values.procurementNumber,
    projectName: values.projectName,
    clientOrgId: values.clientOrgId === null ? 0 : Number(values.clientOrgId),
    vendorOrgId: values.vendorOrgId === null ? -1 : Number(values.vendorOrgId),
    contacts: values.contacts.map(({ side, name, phone, email, role }) => ({ side, name, phone, email, role })),
    signedDate: values.signedDate,
    signedPlace: values.signedPlace,
    serviceStart: values.serviceStart,
    serviceEnd: values.serviceEnd,
    amountFen: money(values.amount, 'amount', false) ?? 0,
    taxRatePercent: pct(values.taxRate, 'taxRate', true),
    amountExclTaxFen: money(values.amountExclTax, 'amountExclTax', true),
    originals: { total: int(values.originalsTotal), client: int(values.originalsClient), vendor: int(values.originalsVendor) },
    protectionLevel: values.protectionLevel === null ? null : Number(values.protectionLevel),
    renewalLeadDays: int(values.renewalLeadDays),
    note: values.note,
    installments: values.installments.map((row, i) => {
      const path = `installments.${i}.share`;
      const percent = row.mode === 'percent' ? pct(row.share, path, false) : null;
      const fen = row.mode === 'amount' ? money(row.share, path, false) : null;
      return {
        percent: row.mode === 'percent' ? (percent ?? 0) : null,
        fen: row.mode === 'amount' ? fen : null,
        condition: row.condition,
        dueDate: row.dueDate,
        invoiceNumber: row.invoiceNumber,
        paidDate: row.paidDate,
      };
    }),
    bond: values.hasBond
      ? {
          percent: values.bondMode === 'percent' ? pct(values.bondShare, 'bondShare', false) ?? 0 : null,
          fen: values.bondMode === 'amount' ? money(values.bondShare, 'bondShare', false) : null,
          bank: values.bondBank,
          validUntil: values.bondValidUntil,
          returnedOn: values.bondReturnedOn,
        }
      : null,
    agreements: values.agreements.map((a, i) => {
      let years: number | null = null;
      if (a.termKind === 'years') {
        const n = Number(a.termYears.trim());
        if (a.termYears.trim() === '') years = null;
        else if (Number.isInteger(n)) years = n;
        else errors[`agreements.${i}.termYears`] = '年限应为整数';
      }
      return {
        uuid: a.uuid,
        kind: a.kind,
        signedDate: a.signedDate,
        parties: a.parties,
        term: { kind: a.termKind, years, from: a.termFrom },
        coordinators: { client: a.coordClient, vendor: a.coordVendor },
      };
    }),
  };
  return { fields, errors };
}

const RENAMES: [RegExp, string][] = [
  [/^amountFen$/, 'amount'],
  [/^taxRatePercent$/, 'taxRate'],
  [/^amountExclTaxFen$/, 'amountExclTax'],
  [/^originals\.total$/, 'originalsTotal'],
  [/^originals\.client$/, 'originalsClient'],
  [/^originals\.vendor$/, 'originalsVendor'],
  [/^originals$/, 'originalsTotal'],
  [/^installments\.(\d+)(\.(percent|fen))?$/, 'installments.$1.share'],
  [/^bond(\.(percent|fen))?$/, 'bondShare'],
  [/^bond\.bank$/, 'bondBank'],
  [/^bond\.validUntil$/, 'bondValidUntil'],
  [/^bond\.returnedOn$/, 'bondReturnedOn'],
  [/^agreements\.(\d+)\.term\.years$/, 'agreements.$1.termYears'],
  [/^agreements\.(\d+)\.term\.from$/, 'agreements.$1.termFrom'],
  [/^agreements\.(\d+)\.term(\.kind)?$/, 'agreements.$1.termKind'],
  [/^agreements\.(\d+)\.coordinators\.client$/, 'agreements.$1.coordClient'],
  [/^agreements\.(\d+)\.coordinators\.vendor$/, 'agreements.$1.coordVendor'],
];

/** A path of the router's schema (as in ApiFailure.error.field) → the form input that shows it. */
export function formPath(path: string): string {
  for (const [re, to] of RENAMES) if (re.test(path)) return path.replace(re, to);
  return path;
}

/** Validation for useForm: typing problems first, then the router's own schema. */
export function validate(values: Values): Errors {
  const { fields, errors } = toFields(values);
  const parsed = contractFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formPath(issue.path.join('.'));
      errors[path] ??= issue.message;
    }
  }
  return errors;
}
