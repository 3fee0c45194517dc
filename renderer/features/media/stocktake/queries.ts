import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StocktakeClose, StocktakeDetail, StocktakeStart } from '../../../../common/api/stocktake';
import type { StocktakeResult } from '../../../../common/media/kinds';
import { api, unwrap } from '../../../lib/api';

export interface StocktakeListParams {
  state: 'open' | 'closed' | null;
  page: number;
  pageSize: number;
}

export function useStocktakeList(params: StocktakeListParams) {
  return useQuery({
    queryKey: ['stocktake:list', params],
    queryFn: () => unwrap(api().stocktake.list(params)),
    placeholderData: keepPreviousData,
  });
}

export function useStocktake(id: number | null) {
  return useQuery({
    queryKey: ['stocktake:get', id],
    queryFn: () => unwrap(api().stocktake.get({ id: id! })),
    enabled: id !== null,
  });
}

export function useStocktakeOptions(enabled: boolean) {
  return useQuery({ queryKey: ['stocktake:options'], queryFn: () => unwrap(api().stocktake.options({})), enabled });
}

/** The media flagged by a stocktake (缺失 / 状态不符), from the media's open items. */
export function useStocktakeFlags() {
  return useQuery({
    queryKey: ['media:overdue'],
    queryFn: () => unwrap(api().media.overdue({})),
    select: (items) => items.filter((i) => i.kind === '清查异常'),
  });
}

/**
 * Writes put the session they return straight into the cache (a scan answers at once); closing
 * also refreshes the media, whose chains and open items it changed.
 */
export function useStocktakeMutations() {
  const qc = useQueryClient();
  const put = (session: StocktakeDetail) => {
    qc.setQueryData(['stocktake:get', session.id], session);
    void qc.invalidateQueries({ queryKey: ['stocktake:list'] });
  };
  return {
    start: useMutation({ mutationFn: (input: StocktakeStart) => unwrap(api().stocktake.start(input)), onSuccess: put }),
    scan: useMutation({
      mutationFn: (input: { id: number; code: string; result: StocktakeResult; note?: string }) => unwrap(api().stocktake.scan(input)),
      onSuccess: (r) => put(r.session),
    }),
    mark: useMutation({
      mutationFn: (input: { id: number; itemId: number; result: StocktakeResult; note?: string }) => unwrap(api().stocktake.mark(input)),
      onSuccess: put,
    }),
    unmark: useMutation({
      mutationFn: (input: { id: number; itemId?: number; findingId?: number }) => unwrap(api().stocktake.unmark(input)),
      onSuccess: put,
    }),
    close: useMutation({
      mutationFn: (input: StocktakeClose) => unwrap(api().stocktake.close(input)),
      onSuccess: async (session) => {
        put(session);
        await Promise.all(['media:list', 'media:get', 'media:overdue'].map((key) => qc.invalidateQueries({ queryKey: [key] })));
      },
    }),
  };
}
