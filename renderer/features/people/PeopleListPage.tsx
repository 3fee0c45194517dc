import { Button, Chip, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBuildingCommunity, IconPlus, IconUsers } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../common/api/person';
import { PERSON_STATUSES, SIGNOFF_STATUSES, type PersonStatus, type SignOffStatus } from '../../../common/people';
import { EmptyState } from '../../components/EmptyState';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { SearchInput } from '../../components/SearchInput';
import { ListError } from '../../components/ListError';
import { recordRows, usePagedTable } from '../../components/usePagedTable';
import { useCan } from '../../lib/useCan';
import { useOpenIntent, useUi } from '../../app/store';
import { ContractSelect } from '../contracts/ContractSelect';
import { useActiveOrgs } from '../organisations/queries';
import { PersonStatusBadge, SignOffBadge } from './PersonBadges';
import { PersonDetailDrawer } from './PersonDetailDrawer';
import { PersonFormModal } from './PersonFormModal';
import { RenewalsAlert } from './records/RenewalsAlert';
import { usePersonList, type PersonListParams } from './queries';
import { usePeopleView } from './store';

/** 人员: the people register, filtered, sorted and paged by the core; a row opens the person. */
export function PeopleListPage() {
  const { t } = useTranslation();
  const view = usePeopleView();
  const [q] = useDebouncedValue(view.q.trim(), 250);
  const [creating, setCreating] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);
  // A finding on the home screen opens its record here.
  useOpenIntent('people', setDetailId);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  const goTo = useUi((s) => s.setPage);

  const params: PersonListParams = {
    q,
    orgId: view.orgId,
    contractId: view.contractId,
    status: view.status,
    departing: view.departing,
    signOffStatus: view.signOffStatus,
    voided: view.voided,
    sort: view.sort,
    dir: view.dir,
    page: view.page,
    pageSize: view.pageSize,
  };
  const list = usePersonList(params);
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
  const filtered =
    q !== '' ||
    view.orgId !== null ||
    view.contractId !== null ||
    view.status !== null ||
    view.departing ||
    view.signOffStatus !== null ||
    view.voided !== 'exclude';
  const openNew = () => {
    if (!canWrite || noOrgs) return;
    setDetailId(null);
    setCreating(true);
  };
  useHotkeys([['mod+N', openNew]]);

  const sortStatus: DataTableSortStatus<Person> = { columnAccessor: view.sort, direction: view.dir };
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const registerEmpty = !list.isPending && !list.isError && total === 0 && !filtered;
  const orgOptions = (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('people.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('people.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          {can('registers.print') && (
            <PrintMenu
              disabled={registerEmpty}
              allowExport={can('registers.export')}
              label={t('people.printSignOffs')}
              onChoose={setPrintMode}
            />
          )}
          {canWrite && (
            <Tooltip label={noOrgs ? t('people.empty.noOrgsShort') : 'Ctrl+N'} openDelay={noOrgs ? 0 : 600}>
              <Button leftSection={<IconPlus size={16} />} onClick={openNew} disabled={noOrgs}>
                {t('people.new')}
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>
      <PrintDialog
        mode={printMode}
        count={0}
        scope={t('people.printSignOffsScope')}
        selection={{ register: 'signoffs', filter: { q, orgId: view.orgId, contractId: view.contractId } }}
        onClose={() => setPrintMode(null)}
      />

      <RenewalsAlert />

      {registerEmpty ? (
        <Paper withBorder>
          {noOrgs ? (
            <EmptyState
              icon={<IconBuildingCommunity size={30} />}
              title={t('people.empty.title')}
              body={t(canWrite ? 'people.empty.noOrgs' : 'people.empty.noOrgsReader')}
              action={canWrite ? { label: t('people.empty.noOrgsAction'), onClick: () => goTo('organisations') } : undefined}
            />
          ) : (
            <EmptyState
              icon={<IconUsers size={30} />}
              title={t('people.empty.title')}
              body={t(canWrite ? 'people.empty.body' : 'people.empty.bodyReader')}
              action={canWrite ? { label: t('people.new'), onClick: openNew } : undefined}
            />
          )}
        </Paper>
      ) : (
        <>
          <Stack gap="xs">
            <Group gap="sm">
              <SearchInput maw={360} placeholder={t('people.searchPlaceholder')} value={view.q} onChange={(value) => view.set({ q: value })} />
              <Select
                w={260}
                aria-label={t('people.fields.org')}
                placeholder={t('people.fields.org')}
                clearable
                searchable
                data={orgOptions}
                value={view.orgId === null ? null : String(view.orgId)}
                onChange={(v) => view.set({ orgId: v === null ? null : Number(v) })}
              />
              <ContractSelect
                w={320}
                aria-label={t('people.filters.contract')}
                placeholder={t('people.filters.contract')}
                clearable
                nothingFoundMessage={t('people.filters.noContract')}
                value={view.contractId}
                onChange={(contractId) => view.set({ contractId })}
              />
            </Group>
            <Group gap="sm">
              <Select
                w={120}
                aria-label={t('people.fields.status')}
                placeholder={t('people.fields.status')}
                clearable
                data={PERSON_STATUSES.map((s) => ({ value: s, label: t(`people.status.${s}`) }))}
                value={view.status}
                onChange={(v) => view.set({ status: (v as PersonStatus | null) ?? null })}
              />
              <Select
                w={140}
                aria-label={t('people.fields.signOff')}
                placeholder={t('people.fields.signOff')}
                clearable
                data={SIGNOFF_STATUSES.map((s) => ({ value: s, label: t(`people.signOffStatus.${s}`) }))}
                value={view.signOffStatus}
                onChange={(v) => view.set({ signOffStatus: (v as SignOffStatus | null) ?? null })}
              />
              <Select
                w={120}
                aria-label={t('people.filters.voided')}
                allowDeselect={false}
                data={(['exclude', 'only', 'include'] as const).map((s) => ({ value: s, label: t(`people.voidedFilter.${s}`) }))}
                value={view.voided}
                onChange={(v) => view.set({ voided: (v as typeof view.voided | null) ?? 'exclude' })}
              />
              <Chip checked={view.departing} onChange={(departing) => view.set({ departing })} variant="outline" color="orange">
                {t('people.filters.departing')}
              </Chip>
              <Text size="sm" c="dimmed" ml="auto" data-testid="person-total">
                {t('common.records', { count: total })}
              </Text>
            </Group>
          </Stack>

          <ListError error={list.isError ? list.error : null} />

          <DataTable<Person>
            {...paged}
            {...recordRows<Person>((r) => setDetailId(r.id))}
            records={rows}
            sortStatus={sortStatus}
            onSortStatusChange={(s) => view.set({ sort: s.columnAccessor as PersonListParams['sort'], dir: s.direction })}
            noRecordsText={t('people.noMatch.title')}
            columns={[
              {
                accessor: 'name',
                title: t('people.fields.name'),
                sortable: true,
                width: 110,
                render: (p) => (
                  <Text size="sm" fw={600} td={p.voidedAt ? 'line-through' : undefined}>
                    {p.name}
                  </Text>
                ),
              },
              {
                accessor: 'org',
                title: t('people.fields.org'),
                sortable: true,
                render: (p) => (
                  <Text size="sm" lineClamp={2} title={p.orgName}>
                    {p.orgName}
                  </Text>
                ),
              },
              { accessor: 'post', title: t('people.fields.post'), width: 120, render: (p) => <Text size="sm" lineClamp={2}>{p.post || '—'}</Text> },
              {
                accessor: 'idNumberMasked',
                title: t('people.fields.idNumber'),
                width: 180,
                render: (p) => (
                  <Text size="sm" ff="monospace">
                    {p.idNumberMasked}
                  </Text>
                ),
              },
              {
                accessor: 'phoneMasked',
                title: t('people.fields.phone'),
                width: 130,
                render: (p) => (
                  <Text size="sm" ff="monospace">
                    {p.phoneMasked || '—'}
                  </Text>
                ),
              },
              { accessor: 'status', title: t('people.fields.status'), width: 110, render: (p) => <PersonStatusBadge person={p} /> },
              {
                accessor: 'signOff',
                // With a contract chosen, the core scopes the status to it.
                title: view.contractId === null ? t('people.fields.signOff') : t('people.fields.signOffForContract'),
                width: view.contractId === null ? 110 : 160,
                render: (p) => <SignOffBadge signOff={p.signOff} muted={p.status !== '在岗' || p.voidedAt !== null} />,
              },
              { accessor: 'enteredOn', title: t('people.fields.enteredOn'), sortable: true, width: 110, render: (p) => p.enteredOn ?? '—' },
              { accessor: 'lastTrainingOn', title: t('people.fields.lastTrainingOn'), width: 120, render: (p) => p.lastTrainingOn ?? t('people.noTraining') },
            ]}
          />
          {!list.isPending && total === 0 && filtered && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('people.noMatch.body')}
              </Text>
              <Button variant="subtle" size="xs" onClick={view.clearFilters}>
                {t('people.noMatch.action')}
              </Button>
            </Group>
          )}
        </>
      )}

      <PersonDetailDrawer id={detailId} onClose={() => setDetailId(null)} />
      <PersonFormModal opened={creating} person={null} onClose={() => setCreating(false)} />
    </Stack>
  );
}
