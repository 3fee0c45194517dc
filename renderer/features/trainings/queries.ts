import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Training, TrainingFields } from '../../../common/api/training';
import { api, unwrap } from '../../lib/api';

export interface TrainingListParams {
  q: string;
  from: string | null;
  to: string | null;
  personId: number | null;
  voided: 'exclude' | 'only' | 'include';
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function useTrainingList(params: TrainingListParams, enabled = true) {
  return useQuery({
    queryKey: ['training:list', params],
    queryFn: () => unwrap(api().training.list(params)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTraining(id: number | null) {
  return useQuery({
    queryKey: ['training:get', id],
    queryFn: () => unwrap(api().training.get({ id: id! })),
    enabled: id !== null,
  });
}

/** Every change refreshes the sessions and the people (their last training). */
export function useTrainingMutations() {
  const qc = useQueryClient();
  const refresh = async () => {
    await Promise.all(['training:list', 'training:get', 'person:list', 'person:get'].map((key) => qc.invalidateQueries({ queryKey: [key] })));
  };
  return {
    create: useMutation({ mutationFn: (fields: TrainingFields) => unwrap(api().training.create(fields)), onSuccess: refresh }),
    update: useMutation({
      mutationFn: (input: TrainingFields & { id: number; rev: number }) => unwrap(api().training.update(input)),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: (input: { training: Training; reason: string }) =>
        unwrap(api().training.void({ id: input.training.id, rev: input.training.rev, reason: input.reason })),
      onSuccess: refresh,
    }),
  };
}
