import { ipFilingFieldsSchema, type IpFiling, type IpFilingFields } from '../../../common/api/ipfiling';
import { classify, parseAddressList, type IpClassification } from '../../../common/ip';
import { readFilingAddresses, type AccessMethod, type AccessScope } from '../../../common/ipfilings';

/** What the filing form holds: ids as the selects' strings, dates as YYYY-MM-DD or null. */
export interface FilingValues {
  orgId: string | null;
  userIds: string[];
  contact: string;
  addresses: string;
  macs: string;
  accessMethod: AccessMethod | null;
  accessNote: string;
  systems: string;
  purpose: string;
  scope: AccessScope;
  approvalRef: string;
  contractId: string | null;
  validFrom: string | null;
  validTo: string | null;
  appliedOn: string | null;
  note: string;
}
export type FilingField = keyof FilingValues;

export const newFilingValues = (today: string): FilingValues => ({
  orgId: null,
  userIds: [],
  contact: '',
  addresses: '',
  macs: '',
  accessMethod: null,
  accessNote: '',
  systems: '',
  purpose: '',
  scope: '合同范围内',
  approvalRef: '',
  contractId: null,
  validFrom: today,
  validTo: null,
  appliedOn: today,
  note: '',
});

/** A filing's values for editing it (待审批); the full contact comes from ipfiling:contact. */
export function filingValuesOf(f: IpFiling, contact: string): FilingValues {
  return {
    orgId: String(f.orgId),
    userIds: f.users.map((u) => String(u.id)),
    contact,
    addresses: f.addresses.map((a) => a.text).join('\n'),
    macs: f.macs.join('\n'),
    accessMethod: f.accessMethod,
    accessNote: f.accessNote,
    systems: f.systems,
    purpose: f.purpose,
    scope: f.scope,
    approvalRef: f.approvalRef,
    contractId: f.contractId === null ? null : String(f.contractId),
    validFrom: f.validFrom,
    validTo: f.validTo,
    appliedOn: f.appliedOn,
    note: f.note,
  };
}

export function filingFieldsOf(v: FilingValues): IpFilingFields {
  return {
    orgId: v.orgId === null ? Number.NaN : Number(v.orgId),
    userIds: v.userIds.map(Number),
    contact: v.contact,
    addresses: v.addresses,
    macs: v.macs,
    accessMethod: v.accessMethod as AccessMethod,
    accessNote: v.accessNote,
    systems: v.systems,
    purpose: v.purpose,
    scope: v.scope,
    // The reference of an approval beyond the contract; a value left from before switching back is not sent.
    approvalRef: v.scope === '超出合同范围' ? v.approvalRef : '',
    contractId: v.contractId === null ? null : Number(v.contractId),
    validFrom: v.validFrom ?? '',
    validTo: v.validTo ?? '',
    appliedOn: v.appliedOn ?? '',
    note: v.note,
  };
}

/** The form field a message of the schema or the core belongs to: `userIds.2` is shown at the user picker. */
export const filingField = (path: string): FilingField => (path.split('.')[0] ?? path) as FilingField;

/**
 * The router's own schema, so the officer sees at each field the message the core would give; all
 * the problems of the address field together, one a line, as it has several entries.
 */
export function validateFiling(v: FilingValues): Partial<Record<FilingField, string>> {
  const errors: Partial<Record<FilingField, string>> = {};
  const parsed = ipFilingFieldsSchema.safeParse(filingFieldsOf(v));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = filingField(String(issue.path[0] ?? 'note'));
      errors[field] = field === 'addresses' && errors[field] ? `${errors[field]}\n${issue.message}` : (errors[field] ?? issue.message);
    }
  }
  return errors;
}

/** One entry of the address field as read, for the per-line feedback under it. */
export interface AddressLine {
  /** 1-based line of the field the entry is on. */
  line: number;
  /** The entry as typed. */
  typed: string;
  ok: boolean;
  /** Canonical text when read. */
  canonical: string | null;
  /** The parser corrected what was typed (full-width characters, a netmask, an IPv4-mapped address …): its notes say how. */
  corrected: boolean;
  /** The text registered differs from what was typed, spaces aside (a correction, or IPv6 written per RFC 5952). */
  rewritten: boolean;
  space: IpClassification | null;
  /** The parser's message for a refused entry, or its notes for an accepted one. */
  messages: string[];
}

/**
 * Each entry of the address field with the line it is on: canonical form, corrections and the
 * parser's refusal, so the form can mark exactly which line is wrong. Problems of the filing as a
 * whole (repeats, overlaps between its entries, too many entries) are `readFilingAddresses`'.
 */
export function addressLines(text: string): { lines: AddressLine[]; problems: string[] } {
  const list = parseAddressList(text);
  const lineOf = (offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length;
  const lines = list.items.map((item): AddressLine => {
    const line = lineOf(item.offset);
    if (!item.ok) return { line, typed: item.text, ok: false, canonical: null, corrected: false, rewritten: false, space: null, messages: [item.message] };
    return {
      line,
      typed: item.text,
      ok: true,
      canonical: item.value.text,
      corrected: item.value.notes.length > 0,
      rewritten: item.text.replace(/\s+/g, '') !== item.value.text,
      space: classify(item.value),
      messages: item.value.notes,
    };
  });
  const problems = list.ok ? readFilingAddresses(text).problems : [];
  return { lines, problems };
}

