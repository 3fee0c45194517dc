import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBuildingCommunity, IconPlus, IconWorldShare } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpFiling } from '../../../common/api/ipfiling';
import { ACCESS_METHODS, IP_FILING_STATUS_FILTERS, type AccessMethod, type IpFilingStatusFilter } from '../../../common/ipfilings';
import { EmptyState } from '../../components/EmptyState';
import { ListError } from '../../components/ListError';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { SearchInput } from '../../components/SearchInput';
import { recordRows, usePagedTable } from '../../components/usePagedTable';
import { useCan } from '../../lib/useCan';
import { useOpenIntent, useUi } from '../../app/store';
import { useActiveOrgs } from '../organisations/queries';
import { ConflictsView } from './ConflictsView';
import { ExpiringAlert } from './ExpiringAlert';
import { AddressesSummary, FilingStatusBadge } from './FilingBadges';
import { FilingDetailDrawer } from './FilingDetailDrawer';
import { FilingFormModal } from './FilingFormModal';
import { LookupPanel } from './LookupPanel';
import { useFilingList, type IpFilingListParams } from './queries';
import { useIpFilingsView } from './store';
import { WhitelistMenu } from './WhitelistMenu';

/**
 * 访问IP报备: the register (filtered, sorted and paged by the core), the lookup “who may connect
 * from this address?”, filings expiring, and the conflicts between filings; a row opens the filing.
 */
export function IpFilingListPage() {
  const { t } = useTranslation();
  const view = useIpFilingsView();
  const [q] = useDebouncedValue(view.q.trim(), 250);
  const [creating, setCreating] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  const goTo = useUi((s) => s.setPage);
  useOpenIntent('ipfilings', setDetailId);

  const params: IpFilingListParams = {
    q,
    orgId: view.orgId,
    accessMethod: view.accessMethod,
    status: view.status,
    voided: view.voided,
    sort: view.sort,
    dir: view.dir,
    page: view.page,
    pageSize: view.pageSize,
  };
  const list = useFilingList(params);
  const orgs = useActiveOrgs();
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
  const noOrgs = !orgs.isPending && (orgs.data?.total ?? 0) === 0;
  const filtered = q !== '' || view.orgId !== null || view.accessMethod !== null || view.status !== null || view.voided !== 'exclude';
  const openNew = () => {
    if (!canWrite || noOrgs) return;
    setDetailId(null);
    setCreating(true);
  };
  useHotkeys([['mod+N', openNew]]);

  const sortStatus: DataTableSortStatus<IpFiling> = { columnAccessor: view.sort, direction: view.dir };
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const registerEmpty = !list.isPending && !list.isError && total === 0 && !filtered;
  const orgOptions = (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('ipfilings.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('ipfilings.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          {can('registers.export') && <WhitelistMenu filter={{ q, orgId: view.orgId, accessMethod: view.accessMethod }} />}
          {can('registers.print') && <PrintMenu disabled={registerEmpty} allowExport={can('registers.export')} onChoose={setPrintMode} />}
          {canWrite && (
            <Tooltip label={noOrgs ? t('ipfilings.empty.noOrgsShort') : 'Ctrl+N'} openDelay={noOrgs ? 0 : 600}>
              <Button leftSection={<IconPlus size={16} />} onClick={openNew} disabled={noOrgs}>
                {t('ipfilings.new')}
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>
      <PrintDialog
        mode={printMode}
        count={total}
        selection={{
          register: 'ipFilings',
          // The list's filter; the paper register runs in filing order whatever the screen's sort.
          filter: { q, orgId: view.orgId, personId: null, contractId: null, accessMethod: view.accessMethod, status: view.status, voided: view.voided, sort: 'number', dir: 'asc' },
        }}
        onClose={() => setPrintMode(null)}
      />

      <LookupPanel onOpen={setDetailId} />
      <ExpiringAlert onOpen={setDetailId} />

      <SegmentedControl
        w="fit-content"
        aria-label={t('ipfilings.tabs.label')}
        data={[
          { value: 'filings', label: t('ipfilings.tabs.filings') },
          { value: 'conflicts', label: t('ipfilings.tabs.conflicts') },
        ]}
        value={view.tab}
        onChange={(tab) => view.set({ tab: tab as typeof view.tab }, false)}
      />

      {view.tab === 'conflicts' ? (
        <ConflictsView onOpen={setDetailId} />
      ) : registerEmpty ? (
        <Paper withBorder>
          {noOrgs ? (
            <EmptyState
              icon={<IconBuildingCommunity size={30} />}
              title={t('ipfilings.empty.title')}
              body={t(canWrite ? 'ipfilings.empty.noOrgs' : 'ipfilings.empty.bodyReader')}
              action={canWrite ? { label: t('ipfilings.empty.noOrgsAction'), onClick: () => goTo('organisations') } : undefined}
            />
          ) : (
            <EmptyState
              icon={<IconWorldShare size={30} />}
              title={t('ipfilings.empty.title')}
              body={t(canWrite ? 'ipfilings.empty.body' : 'ipfilings.empty.bodyReader')}
              action={canWrite ? { label: t('ipfilings.new'), onClick: openNew } : undefined}
            />
          )}
        </Paper>
      ) : (
        <>
          <Group gap="sm">
            <SearchInput maw={320} placeholder={t('ipfilings.searchPlaceholder')} value={view.q} onChange={(value) => view.set({ q: value })} />
            <Select
              w={240}
              aria-label={t('ipfilings.fields.org')}
              placeholder={t('ipfilings.fields.org')}
              clearable
              searchable
              data={orgOptions}
              value={view.orgId === null ? null : String(view.orgId)}
              onChange={(v) => view.set({ orgId: v === null ? null : Number(v) })}
            />
            <Select
              w={120}
              aria-label={t('ipfilings.fields.accessMethod')}
              placeholder={t('ipfilings.fields.accessMethod')}
              clearable
              data={ACCESS_METHODS.map((m) => ({ value: m, label: t(`ipfilings.accessMethod.${m}`) }))}
              value={view.accessMethod}
              onChange={(v) => view.set({ accessMethod: (v as AccessMethod | null) ?? null })}
            />
            <Select
              w={130}
              aria-label={t('ipfilings.fields.status')}
              placeholder={t('ipfilings.fields.status')}
              clearable
              data={IP_FILING_STATUS_FILTERS.map((s) => ({ value: s, label: t(`ipfilings.statusFilter.${s}`) }))}
              value={view.status}
              onChange={(v) => view.set({ status: (v as IpFilingStatusFilter | null) ?? null })}
            />
            <Select
              w={110}
              aria-label={t('ipfilings.filters.voided')}
              allowDeselect={false}
              data={(['exclude', 'only', 'include'] as const).map((s) => ({ value: s, label: t(`ipfilings.voidedFilter.${s}`) }))}
              value={view.voided}
              onChange={(v) => view.set({ voided: (v as typeof view.voided | null) ?? 'exclude' })}
            />
            <Text size="sm" c="dimmed" ml="auto" data-testid="filing-total">
              {t('common.records', { count: total })}
            </Text>
          </Group>

          <ListError error={list.isError ? list.error : null} />

          <DataTable<IpFiling>
            {...paged}
            {...recordRows<IpFiling>((r) => setDetailId(r.id))}
            records={rows}
            sortStatus={sortStatus}
            onSortStatusChange={(s) => view.set({ sort: s.columnAccessor as IpFilingListParams['sort'], dir: s.direction })}
            noRecordsText={t('ipfilings.noMatch.title')}
            columns={[
              {
                accessor: 'number',
                title: t('ipfilings.fields.number'),
                sortable: true,
                width: 140,
                render: (f) => (
                  <Text size="sm" fw={600} ff="monospace" style={{ whiteSpace: 'nowrap' }} td={f.voidedAt ? 'line-through' : undefined}>
                    {f.number}
                  </Text>
                ),
              },
              {
                accessor: 'org',
                title: t('ipfilings.fields.org'),
                sortable: true,
                render: (f) => (
                  <Text size="sm" lineClamp={2} title={f.orgName}>
                    {f.orgName}
                  </Text>
                ),
              },
              {
                accessor: 'users',
                title: t('ipfilings.fields.users'),
                width: 130,
                render: (f) => (
                  <Text size="sm" lineClamp={2}>
                    {f.users.map((u) => u.name).join('、')}
                  </Text>
                ),
              },
              { accessor: 'addresses', title: t('ipfilings.fields.addresses'), width: 210, render: (f) => <AddressesSummary addresses={f.addresses} /> },
              { accessor: 'accessMethod', title: t('ipfilings.fields.accessMethod'), width: 84, render: (f) => t(`ipfilings.accessMethod.${f.accessMethod}`) },
              {
                accessor: 'systems',
                title: t('ipfilings.fields.systems'),
                render: (f) => (
                  <Text size="sm" lineClamp={2}>
                    {f.systems}
                  </Text>
                ),
              },
              {
                accessor: 'validTo',
                title: t('ipfilings.fields.validity'),
                sortable: true,
                width: 120,
                render: (f) => (
                  <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                    {f.validFrom}
                    <br />
                    {t('ipfilings.periodTo', { to: f.validTo })}
                  </Text>
                ),
              },
              { accessor: 'status', title: t('ipfilings.fields.status'), width: 100, render: (f) => <FilingStatusBadge filing={f} /> },
            ]}
          />
          {!list.isPending && total === 0 && filtered && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('ipfilings.noMatch.body')}
              </Text>
              <Button variant="subtle" size="xs" onClick={view.clearFilters}>
                {t('ipfilings.noMatch.action')}
              </Button>
            </Group>
          )}
        </>
      )}

      <FilingDetailDrawer id={detailId} onClose={() => setDetailId(null)} onOpen={setDetailId} />
      <FilingFormModal opened={creating} filing={null} onClose={() => setCreating(false)} />
    </Stack>
  );
}
