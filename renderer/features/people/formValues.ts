import dayjs from 'dayjs';
import { personFieldsSchema, type PersonFields } from '../../../common/api/person';
import { checkIdNumber } from '../../../common/people';

/** What the person form holds: the unit as the Select's string, dates as YYYY-MM-DD or null. */
export interface Values {
  name: string;
  orgId: string | null;
  post: string;
  idNumber: string;
  phone: string;
  enteredOn: string | null;
  note: string;
}
export type FieldName = keyof Values;

export const EMPTY: Values = { name: '', orgId: null, post: '', idNumber: '', phone: '', enteredOn: null, note: '' };

/** The workstation's date, as the core reads it for the birth-date check. */
export const today = () => dayjs().format('YYYY-MM-DD');

export function toFields(v: Values): PersonFields {
  return { ...v, orgId: v.orgId === null ? Number.NaN : Number(v.orgId) };
}

/**
 * The router's own schema first; then the ID number as the core will check it (GB 11643 against
 * `today`), so the officer sees the same message at the field before saving.
 */
export function validate(values: Values, today: string): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  const parsed = personFieldsSchema.safeParse(toFields(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as FieldName] ??= issue.message;
  }
  if (!errors.idNumber) {
    const checked = checkIdNumber(values.idNumber, today);
    if (!checked.ok) errors.idNumber = checked.message;
  }
  return errors;
}
