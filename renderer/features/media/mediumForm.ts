import { mediumFieldsSchema, type Medium, type MediumFields } from '../../../common/api/media';
import type { MediaKind } from '../../../common/media';

/** What the medium form holds: ids as the Select's strings, dates as YYYY-MM-DD or null. */
export interface MediumValues {
  number: string;
  kind: MediaKind | null;
  model: string;
  serial: string;
  assetNumber: string;
  capacity: string;
  classification: string | null;
  secrecyTerm: string;
  scope: string;
  responsibleId: string | null;
  orgId: string | null;
  contractId: number | null;
  location: string;
  purpose: string;
  enabledOn: string | null;
  reportedOn: string | null;
  note: string;
}
export type MediumField = keyof MediumValues;

export const EMPTY_MEDIUM: MediumValues = {
  number: '',
  kind: null,
  model: '',
  serial: '',
  assetNumber: '',
  capacity: '',
  classification: null,
  secrecyTerm: '',
  scope: '',
  responsibleId: null,
  orgId: null,
  contractId: null,
  location: '',
  purpose: '',
  enabledOn: null,
  reportedOn: null,
  note: '',
};

export function mediumValuesOf(m: Medium): MediumValues {
  return {
    number: m.number,
    kind: m.kind,
    model: m.model,
    serial: m.serial,
    assetNumber: m.assetNumber,
    capacity: m.capacity,
    classification: m.classification,
    secrecyTerm: m.secrecyTerm,
    scope: m.scope,
    responsibleId: String(m.responsibleId),
    orgId: String(m.orgId),
    contractId: m.contractId,
    location: m.location,
    purpose: m.purpose,
    enabledOn: m.enabledOn,
    reportedOn: m.reportedOn,
    note: m.note,
  };
}

const id = (v: string | null) => (v === null ? Number.NaN : Number(v));

export function mediumFieldsOf(v: MediumValues): MediumFields {
  return {
    ...v,
    kind: (v.kind ?? '') as MediaKind,
    classification: v.classification ?? '',
    responsibleId: id(v.responsibleId),
    orgId: id(v.orgId),
  };
}

/** The router's own schema, at each field, before anything is sent. */
export function validateMedium(v: MediumValues): Partial<Record<MediumField, string>> {
  const errors: Partial<Record<MediumField, string>> = {};
  const parsed = mediumFieldsSchema.safeParse(mediumFieldsOf(v));
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path[0] as MediumField] ??= issue.message;
  return errors;
}
