/** Sample rows for the report tests (never imported by production code). */
import type { Org } from '../../common/api/org';

let nextId = 1;
export function sampleOrg(fields: Partial<Org> & { name: string }): Org {
  const id = nextId++;
  return {
    id,
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    rev: 0,
    shortName: '',
    kind: 'client',
    uscc: '',
    address: '',
    contact: '',
    phone: '',
    email: '',
    note: '',
    createdAt: '2025-06-01T00:00:00.000Z',
    updatedAt: '2025-06-01T00:00:00.000Z',
    voidedAt: null,
    voidReason: null,
    ...fields,
  };
}
