import { signOffFieldsSchema, type SignOffFields, type SignOffRecord } from '../../../../common/api/signoff';
import type { SignOffKind } from '../../../../common/people/signoff';

/** What the sign-off form holds; `longTerm` is the 长期有效 box (not offered for 在岗年度承诺). */
export interface SignOffValues {
  kind: SignOffKind;
  contractId: string | null;
  signedDate: string | null;
  longTerm: boolean;
  validUntil: string | null;
  declassifyFrom: string | null;
  declassifyTo: string | null;
  witness: string;
  copies: number | string;
  keptAt: string;
  note: string;
}

export const ANNUAL: SignOffKind = '在岗年度承诺';
export const DEPARTURE: SignOffKind = '离岗保密承诺书';

export function newSignOffValues(preset: { kind?: SignOffKind; contractId?: number | null; witness: string; today: string }): SignOffValues {
  const kind = preset.kind ?? '上岗保密承诺书';
  return {
    kind,
    contractId: preset.contractId ? String(preset.contractId) : null,
    signedDate: preset.today,
    longTerm: kind !== ANNUAL,
    validUntil: null,
    declassifyFrom: null,
    declassifyTo: null,
    witness: preset.witness,
    copies: 1,
    keptAt: '',
    note: '',
  };
}

export function signOffValuesOf(s: SignOffRecord): SignOffValues {
  return {
    kind: s.kind,
    contractId: s.contractId === null ? null : String(s.contractId),
    signedDate: s.signedDate,
    longTerm: s.kind !== ANNUAL && s.validUntil === null,
    validUntil: s.validUntil,
    declassifyFrom: s.declassifyFrom,
    declassifyTo: s.declassifyTo,
    witness: s.witness,
    copies: s.copies,
    keptAt: s.keptAt,
    note: s.note,
  };
}

/**
 * The fields sent to the core: no end date when 长期有效 is ticked (an empty date of a
 * 在岗年度承诺 means one year), 脱密期 only for a 离岗保密承诺书.
 */
export function signOffFieldsOf(v: SignOffValues, templateVersion: number | null): SignOffFields {
  const departure = v.kind === DEPARTURE;
  return {
    kind: v.kind,
    contractId: v.contractId === null ? null : Number(v.contractId),
    signedDate: v.signedDate ?? '',
    validUntil: v.kind !== ANNUAL && v.longTerm ? null : v.validUntil,
    declassifyFrom: departure ? v.declassifyFrom : null,
    declassifyTo: departure ? v.declassifyTo : null,
    witness: v.witness,
    copies: typeof v.copies === 'number' ? v.copies : v.copies.trim() === '' ? Number.NaN : Number(v.copies),
    keptAt: v.keptAt,
    templateVersion,
    note: v.note,
  };
}

/** Field errors before anything is sent: the core's own schema and rules, plus what only the form knows. */
export function validateSignOff(v: SignOffValues, messages: { signedDateRequired: string; validUntilRequired: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.signedDate) errors.signedDate = messages.signedDateRequired;
  if (v.kind !== ANNUAL && !v.longTerm && !v.validUntil) errors.validUntil = messages.validUntilRequired;
  const parsed = signOffFieldsSchema.safeParse(signOffFieldsOf(v, null));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'kind')] ??= issue.message;
  }
  return errors;
}
