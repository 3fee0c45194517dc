import { Badge, Button, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFileText, IconPlus } from '@tabler/icons-react';
import { DatePickerInput } from '@mantine/dates';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useOpenIntent } from '../../app/store';
import { useTranslation } from 'react-i18next';
import { CONTRACT_STATUSES, type Contract } from '../../../common/api/contract';
import { formatYuan, type ContractStatus } from '../../../common/contracts';
import { EmptyState } from '../../components/EmptyState';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { SearchInput } from '../../components/SearchInput';
import { ListError } from '../../components/ListError';
import { recordRows, usePagedTable } from '../../components/usePagedTable';
import { useCan } from '../../lib/useCan';
import { TerminateContractModal, VoidContractModal } from './ContractActionsModals';
import { ContractDetailDrawer } from './ContractDetailDrawer';
import { ContractFormModal } from './ContractFormModal';
import { STATUS_COLORS } from './labels';
import { useActiveOrgs } from '../organisations/queries';
import { useContractList, type ContractListParams } from './queries';
import { useContractView } from './store';

const period = (c: Contract) => (c.serviceStart || c.serviceEnd ? `${c.serviceStart ?? '…'} 至 ${c.serviceEnd ?? '…'}` : '—');

export function ContractListPage() {
  const { t } = useTranslation();
  const view = useContractView();
  const [q] = useDebouncedValue(view.q.trim(), 250);
  const [editing, setEditing] = useState<{ contract: Contract | null } | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  // A finding on the home screen opens its record here.
  useOpenIntent('contracts', setDetailId);
  const [voiding, setVoiding] = useState<Contract | null>(null);
  const [terminating, setTerminating] = useState<Contract | null>(null);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);

  const params: ContractListParams = {
    q,
    status: view.status,
    orgId: view.orgId,
    from: view.from,
    to: view.to,
    voided: view.voided,
    sort: view.sort,
    dir: view.dir,
    page: view.page,
    pageSize: view.pageSize,
  };
  const list = useContractList(params);
  const parties = useActiveOrgs();
  const paged = usePagedTable({
    total: list.data?.total ?? 0,
    page: view.page,
    pageSize: view.pageSize,
    fetching: list.isFetching && !list.isPending,
    onPage: (page) => view.set({ page }, false),
    onPageSize: (pageSize) => view.set({ pageSize }),
  });
  const can = useCan();
  const canWrite = can('registers.write');
  const noParties = !parties.isPending && (parties.data?.total ?? 0) < 2;
  const filtered = q !== '' || view.status !== null || view.orgId !== null || view.from !== null || view.to !== null || view.voided !== 'exclude';
  const openNew = () => canWrite && !noParties && setEditing({ contract: null });
  useHotkeys([['mod+N', openNew]]);

  const sortStatus: DataTableSortStatus<Contract> = { columnAccessor: view.sort, direction: view.dir };
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const registerEmpty = !list.isPending && !list.isError && total === 0 && !filtered;
  const orgOptions = (parties.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.name }));

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('contracts.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('contracts.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          {can('registers.print') && (
            <PrintMenu disabled={total === 0} allowExport={can('registers.export')} onChoose={setPrintMode} />
          )}
          {canWrite && (
            <Tooltip label={noParties ? t('contracts.empty.noPartiesShort') : 'Ctrl+N'} openDelay={noParties ? 0 : 600}>
              <Button leftSection={<IconPlus size={16} />} onClick={openNew} disabled={noParties}>
                {t('contracts.new')}
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>

      {registerEmpty ? (
        <Paper withBorder>
          {noParties ? (
            <EmptyState icon={<IconFileText size={30} />} title={t('contracts.empty.title')} body={t('contracts.empty.noParties')} />
          ) : (
            <EmptyState
              icon={<IconFileText size={30} />}
              title={t('contracts.empty.title')}
              body={t('contracts.empty.body')}
              action={canWrite ? { label: t('contracts.empty.action'), onClick: openNew } : undefined}
            />
          )}
        </Paper>
      ) : (
        <>
          <Group gap="sm">
            <SearchInput maw={380} placeholder={t('contracts.searchPlaceholder')} value={view.q} onChange={(q) => view.set({ q })} />
            <Select
              w={130}
              aria-label={t('contracts.fields.status')}
              placeholder={t('contracts.fields.status')}
              clearable
              data={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contracts.status.${s}`) }))}
              value={view.status}
              onChange={(v) => view.set({ status: (v as ContractStatus | null) ?? null })}
            />
            <Select
              w={240}
              aria-label={t('contracts.fields.party')}
              placeholder={t('contracts.fields.party')}
              clearable
              searchable
              data={orgOptions}
              value={view.orgId === null ? null : String(view.orgId)}
              onChange={(v) => view.set({ orgId: v === null ? null : Number(v) })}
            />
            <DatePickerInput
              type="range"
              w={230}
              aria-label={t('contracts.fields.periodFilter')}
              placeholder={t('contracts.fields.periodFilter')}
              valueFormat="YYYY-MM-DD"
              clearable
              allowSingleDateInRange
              value={[view.from, view.to]}
              onChange={([from, to]) => {
                // Filter once the range is complete (or cleared), not on its first click.
                if ((from === null) === (to === null)) view.set({ from, to });
              }}
            />
            <Select
              w={120}
              aria-label={t('contracts.fields.voided')}
              allowDeselect={false}
              data={(['exclude', 'only', 'include'] as const).map((s) => ({ value: s, label: t(`contracts.voidedFilter.${s}`) }))}
              value={view.voided}
              onChange={(v) => view.set({ voided: (v as typeof view.voided) ?? 'exclude' })}
            />
            <Text size="sm" c="dimmed" ml="auto" data-testid="contract-total">
              {t('common.records', { count: total })}
            </Text>
          </Group>

          <ListError error={list.isError ? list.error : null} />

          <DataTable<Contract>
            {...paged}
            {...recordRows<Contract>((r) => setDetailId(r.id))}
            records={rows}
            sortStatus={sortStatus}
            onSortStatusChange={(s) => view.set({ sort: s.columnAccessor as ContractListParams['sort'], dir: s.direction })}
            noRecordsText={t('contracts.noMatch.title')}
            columns={[
              {
                accessor: 'mainNumber',
                title: t('contracts.fields.number'),
                width: 190,
                render: (c) => (
                  <Stack gap={0}>
                    <Text size="sm" fw={600} ff="monospace" td={c.voidedAt ? 'line-through' : undefined}>
                      {c.mainNumber}
                    </Text>
                    {c.numbers
                      .filter((n) => !n.isMain)
                      .map((n) => (
                        <Text key={n.number} size="xs" c="dimmed" ff="monospace">
                          {n.scheme}：{n.number}
                        </Text>
                      ))}
                  </Stack>
                ),
              },
              {
                accessor: 'projectName',
                title: t('contracts.fields.projectName'),
                sortable: true,
                render: (c) => (
                  <Text size="sm" lineClamp={2} title={c.projectName}>
                    {c.projectName}
                  </Text>
                ),
              },
              { accessor: 'clientName', title: t('contracts.fields.client'), width: 150, render: (c) => <Text size="sm" lineClamp={2}>{c.clientName}</Text> },
              { accessor: 'vendorName', title: t('contracts.fields.vendor'), width: 150, render: (c) => <Text size="sm" lineClamp={2}>{c.vendorName}</Text> },
              { accessor: 'signedDate', title: t('contracts.fields.signedDate'), sortable: true, width: 100, render: (c) => c.signedDate ?? t('contracts.unsigned') },
              { accessor: 'serviceEnd', title: t('contracts.fields.servicePeriod'), sortable: true, width: 120, render: (c) => <Text size="xs">{period(c)}</Text> },
              {
                accessor: 'amount',
                title: t('contracts.fields.amount'),
                sortable: true,
                width: 130,
                textAlign: 'right',
                render: (c) => (
                  <Text size="sm" ff="monospace">
                    {formatYuan(c.amountFen)}
                  </Text>
                ),
              },
              {
                accessor: 'status',
                title: t('contracts.fields.status'),
                width: 110,
                render: (c) => (
                  <Stack gap={4} align="flex-start">
                    {c.voidedAt ? (
                      <Badge color="gray" variant="outline">
                        {t('contracts.voidedBadge')}
                      </Badge>
                    ) : (
                      <Badge color={STATUS_COLORS[c.status]} variant="light">
                        {t(`contracts.status.${c.status}`)}
                      </Badge>
                    )}
                    {c.overdueObligations > 0 && (
                      <Badge color="red" variant="filled" size="xs">
                        {t('obligations.overdueBadge', { count: c.overdueObligations })}
                      </Badge>
                    )}
                    {!c.hasConfidentialityAgreement && (
                      <Tooltip label={t('contracts.noAgreementHint')}>
                        <Badge color="red" variant="outline" size="xs">
                          {t('contracts.noAgreementBadge')}
                        </Badge>
                      </Tooltip>
                    )}
                  </Stack>
                ),
              },
            ]}
          />
          {!list.isPending && total === 0 && filtered && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('contracts.noMatch.body')}
              </Text>
              <Button variant="subtle" size="xs" onClick={view.clearFilters}>
                {t('contracts.noMatch.action')}
              </Button>
            </Group>
          )}
        </>
      )}

      <ContractDetailDrawer
        id={detailId}
        canWrite={canWrite}
        onClose={() => setDetailId(null)}
        onEdit={(c) => setEditing({ contract: c })}
        onTerminate={setTerminating}
        onVoid={setVoiding}
      />
      {/* After the drawer: its layers stack in mount order, and the form opens from the drawer too. */}
      <ContractFormModal
        opened={editing !== null}
        contract={editing?.contract ?? null}
        onClose={() => setEditing(null)}
        onSaved={(c) => editing?.contract && setDetailId(c.id)}
      />
      <TerminateContractModal contract={terminating} onClose={() => setTerminating(null)} />
      <VoidContractModal contract={voiding} onClose={() => setVoiding(null)} />
      <PrintDialog
        mode={printMode}
        count={total}
        selection={{
          register: 'contracts',
          filter: { q, status: view.status, orgId: view.orgId, from: view.from, to: view.to, voided: view.voided, sort: view.sort, dir: view.dir },
        }}
        onClose={() => setPrintMode(null)}
      />
    </Stack>
  );
}
