import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportSheetInput } from '../../../common/api/import';
import type { ImportRegister } from '../../../common/import/registers';
import { api, unwrap } from '../../lib/api';

export function useSavedMappings(register: ImportRegister) {
  return useQuery({ queryKey: ['import:mappings', register], queryFn: () => unwrap(api().import.mappings({ register })) });
}

export function useImportMutations() {
  const qc = useQueryClient();
  return {
    open: useMutation({ mutationFn: (register: ImportRegister) => unwrap(api().import.open({ register })) }),
    preview: useMutation({ mutationFn: (input: ImportSheetInput) => unwrap(api().import.preview(input)) }),
    errors: useMutation({ mutationFn: (input: ImportSheetInput) => unwrap(api().import.errors(input)) }),
    commit: useMutation({
      mutationFn: (input: ImportSheetInput & { onlyValid: boolean }) => unwrap(api().import.commit(input)),
      // Every register may have grown.
      onSuccess: () => qc.invalidateQueries(),
    }),
    saveMapping: useMutation({
      mutationFn: (input: { register: ImportRegister; name: string; fields: Record<string, string> }) => unwrap(api().import.saveMapping(input)),
      onSuccess: (_d, v) => qc.invalidateQueries({ queryKey: ['import:mappings', v.register] }),
    }),
  };
}

/** A column's letter as spreadsheet programs show it: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
