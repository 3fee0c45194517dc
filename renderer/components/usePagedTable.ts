import { useTranslation } from 'react-i18next';

export const PAGE_SIZES = [20, 50, 100];

/**
 * The props every paged register table shares: borders, loading veil, paging in the core with
 * Chinese labels. Spread into mantine-datatable's DataTable.
 */
export function usePagedTable(options: {
  total: number;
  page: number;
  pageSize: number;
  fetching: boolean;
  onPage(page: number): void;
  onPageSize(pageSize: number): void;
}) {
  const { t } = useTranslation();
  return {
    withTableBorder: true,
    borderRadius: 'sm',
    striped: true,
    highlightOnHover: true,
    minHeight: 320,
    fetching: options.fetching,
    totalRecords: options.total,
    recordsPerPage: options.pageSize,
    page: options.page,
    onPageChange: options.onPage,
    recordsPerPageOptions: PAGE_SIZES,
    onRecordsPerPageChange: options.onPageSize,
    recordsPerPageLabel: t('common.perPage'),
    getPaginationControlProps: (control: string) =>
      control === 'previous' ? { 'aria-label': t('common.previousPage') } : control === 'next' ? { 'aria-label': t('common.nextPage') } : {},
    paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) =>
      t('common.pageOf', { from, to, total: totalRecords }),
  } as const;
}

/**
 * The props of a register table whose rows are records: keyed by id, a click opens the record,
 * voided ones struck through. Spread into DataTable after `usePagedTable`'s.
 */
export function recordRows<T extends { id: number; voidedAt: string | null }>(onOpen: (record: T) => void) {
  return {
    idAccessor: 'id' as const,
    onRowClick: ({ record }: { record: T }) => onOpen(record),
    rowClassName: (record: T) => (record.voidedAt ? 'row-voided' : undefined),
    rowStyle: () => ({ cursor: 'pointer' }),
  };
}
