import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconPencil,
  IconPlus,
  IconBan,
  } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, type Org, type OrgKind } from '../../../common/api/org';
import { ListError } from '../../components/ListError';
import { usePagedTable } from '../../components/usePagedTable';
import { EmptyState } from '../../components/EmptyState';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { SearchInput } from '../../components/SearchInput';
import { useCan } from '../../lib/useCan';
import { OrgFormModal } from './OrgFormModal';
import { useOrgList, type OrgListParams } from './queries';
import { useOrgView } from './store';
import { VoidOrgModal } from './VoidOrgModal';

const KIND_COLORS: Record<OrgKind, string> = { client: 'brand', vendor: 'blue', agency: 'grape', other: 'gray' };

export function OrgListPage() {
  const { t } = useTranslation();
  const view = useOrgView();
  const [q] = useDebouncedValue(view.q.trim(), 250);
  const [editing, setEditing] = useState<{ org: Org | null } | null>(null);
  const [voiding, setVoiding] = useState<Org | null>(null);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);

  const params: OrgListParams = {
    q,
    kind: view.kind,
    status: view.status,
    sort: view.sort,
    dir: view.dir,
    page: view.page,
    pageSize: view.pageSize,
  };
  const list = useOrgList(params);
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
  const filtered = q !== '' || view.kind !== null || view.status !== 'active';
  const openNew = () => canWrite && setEditing({ org: null });
  useHotkeys([['mod+N', openNew]]);

  const sortStatus: DataTableSortStatus<Org> = { columnAccessor: view.sort, direction: view.dir };
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const registerEmpty = !list.isPending && !list.isError && total === 0 && !filtered;

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('org.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('org.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          {can('registers.print') && (
          <PrintMenu disabled={total === 0} allowExport={can('registers.export')} onChoose={setPrintMode} />
          )}
          {canWrite && (
            <Tooltip label="Ctrl+N" openDelay={600}>
              <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
                {t('org.new')}
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>

      {registerEmpty ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconBuildingCommunity size={30} />}
            title={t('org.empty.title')}
            body={t('org.empty.body')}
            action={canWrite ? { label: t('org.empty.action'), onClick: openNew } : undefined}
          />
        </Paper>
      ) : (
        <>
          <Group gap="sm">
            <SearchInput maw={420} placeholder={t('org.searchPlaceholder')} value={view.q} onChange={(q) => view.set({ q })} />
            <Select
              w={140}
              aria-label={t('org.fields.kind')}
              placeholder={t('org.fields.kind')}
              clearable
              data={ORG_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
              value={view.kind}
              onChange={(v) => view.set({ kind: (v as OrgKind | null) ?? null })}
            />
            <Select
              w={120}
              aria-label={t('org.fields.status')}
              allowDeselect={false}
              data={(['active', 'voided', 'all'] as const).map((s) => ({ value: s, label: t(`org.status.${s}`) }))}
              value={view.status}
              onChange={(v) => view.set({ status: (v as typeof view.status) ?? 'active' })}
            />
            <Text size="sm" c="dimmed" ml="auto" data-testid="org-total">
              {t('common.records', { count: total })}
            </Text>
          </Group>

          <ListError error={list.isError ? list.error : null} />

          <DataTable<Org>
            {...paged}
            records={rows}
            idAccessor="id"
            sortStatus={sortStatus}
            onSortStatusChange={(s) => view.set({ sort: s.columnAccessor as OrgListParams['sort'], dir: s.direction })}
            noRecordsText={t('org.noMatch.title')}
            onRowDoubleClick={({ record }) => canWrite && !record.voidedAt && setEditing({ org: record })}
            rowClassName={(o) => (o.voidedAt ? 'row-voided' : undefined)}
            pinLastColumn={canWrite}
            columns={[
              {
                accessor: 'name',
                title: t('org.fields.name'),
                sortable: true,
                width: 280,
                render: (o) => (
                  <Stack gap={0}>
                    <Text size="sm" fw={500} td={o.voidedAt ? 'line-through' : undefined}>
                      {o.name}
                    </Text>
                    {o.shortName && (
                      <Text size="xs" c="dimmed">
                        {o.shortName}
                      </Text>
                    )}
                    {o.voidedAt && (
                      <Text size="xs" c="red.8">
                        {t('org.voidedInfo', { date: o.voidedAt.slice(0, 10), reason: o.voidReason })}
                      </Text>
                    )}
                  </Stack>
                ),
              },
              {
                accessor: 'kind',
                title: t('org.fields.kind'),
                sortable: true,
                width: 100,
                render: (o) => (
                  <Badge variant="light" color={KIND_COLORS[o.kind]}>
                    {t(`org.kind.${o.kind}`)}
                  </Badge>
                ),
              },
              { accessor: 'uscc', title: t('org.fields.uscc'), sortable: true, width: 200, cellsStyle: () => ({ fontFamily: 'var(--mantine-font-family-monospace)' }) },
              { accessor: 'contact', title: t('org.fields.contact'), width: 100, noWrap: true },
              { accessor: 'phone', title: t('org.fields.phone'), width: 140 },
              {
                accessor: 'address',
                title: t('org.fields.address'),
                width: 220,
                render: (o) => (
                  <Text size="sm" truncate="end" title={o.address}>
                    {o.address}
                  </Text>
                ),
              },
              {
                accessor: 'actions',
                hidden: !canWrite,
                title: t('common.actions'),
                width: 96,
                textAlign: 'right',
                render: (o) =>
                  !canWrite ? null : o.voidedAt ? (
                    <Badge color="gray" variant="outline">
                      {t('org.voidedBadge')}
                    </Badge>
                  ) : (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${o.name}`} onClick={() => setEditing({ org: o })}>
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('common.void')}>
                        <ActionIcon variant="subtle" color="red" aria-label={`${t('common.void')} ${o.name}`} onClick={() => setVoiding(o)}>
                          <IconBan size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  ),
              },
            ]}
          />
          {!list.isPending && total === 0 && filtered && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('org.noMatch.body')}
              </Text>
              <Button variant="subtle" size="xs" onClick={view.clearFilters}>
                {t('org.noMatch.action')}
              </Button>
            </Group>
          )}
        </>
      )}

      <OrgFormModal opened={editing !== null} org={editing?.org ?? null} onClose={() => setEditing(null)} />
      <VoidOrgModal org={voiding} onClose={() => setVoiding(null)} />
      <PrintDialog
        mode={printMode}
        count={total}
        selection={{ register: 'organisations', filter: { q, kind: view.kind, status: view.status, sort: view.sort, dir: view.dir } }}
        onClose={() => setPrintMode(null)}
      />
    </Stack>
  );
}
