import { Button, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBuildingCommunity, IconDeviceSdCard, IconPlus, IconSettings } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium, MediaFilter } from '../../../common/api/media';
import { MEDIA_KINDS, MEDIA_STATUSES, type MediaKind, type MediaStatus } from '../../../common/media';
import { EmptyState } from '../../components/EmptyState';
import { ListError } from '../../components/ListError';
import { SearchInput } from '../../components/SearchInput';
import { recordRows, usePagedTable } from '../../components/usePagedTable';
import { useOpenIntent, useUi } from '../../app/store';
import { useCan } from '../../lib/useCan';
import { useActiveOrgs } from '../organisations/queries';
import { DueBack, MediaStatusBadge } from './MediaBadges';
import { MediaSettingsModal } from './MediaSettingsModal';
import { MediumDetailDrawer } from './MediumDetailDrawer';
import { MediumFormModal } from './MediumFormModal';
import { OverdueAlert } from './OverdueAlert';
import { useMediaList, useMediaSettings, type MediaListParams } from './queries';
import { MEDIA_LIST_ACTIONS } from './slots';
import { useMediaView } from './store';

/** 介质保管: the storage-media register, filtered, sorted and paged by the core; a row opens the medium and its 履历. */
export function MediaListPage() {
  const { t } = useTranslation();
  const view = useMediaView();
  const [q] = useDebouncedValue(view.q.trim(), 250);
  const [creating, setCreating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const goTo = useUi((s) => s.setPage);
  useOpenIntent('media', view.open);
  const params: MediaListParams = {
    q,
    kind: view.kind,
    status: view.status,
    classification: view.classification,
    orgId: view.orgId,
    voided: view.voided,
    sort: view.sort,
    dir: view.dir,
    page: view.page,
    pageSize: view.pageSize,
  };
  const list = useMediaList(params);
  const orgs = useActiveOrgs();
  const settings = useMediaSettings();
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
    q !== '' || view.kind !== null || view.status !== null || view.classification !== null || view.orgId !== null || view.voided !== 'exclude';
  const openNew = () => {
    if (!canWrite || noOrgs) return;
    view.open(null);
    setCreating(true);
  };
  useHotkeys([['mod+N', openNew]]);

  const today = dayjs().format('YYYY-MM-DD');
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const registerEmpty = !list.isPending && !list.isError && total === 0 && !filtered;
  const sortStatus: DataTableSortStatus<Medium> = { columnAccessor: view.sort, direction: view.dir };
  const orgOptions = (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));
  const filter: MediaFilter = { ...params, holderId: null, responsibleId: null, contractId: null };

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('media.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('media.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          {MEDIA_LIST_ACTIONS.map((Action, i) => (
            <Action key={i} filter={filter} registerEmpty={registerEmpty} />
          ))}
          <Button variant="default" leftSection={<IconSettings size={16} />} onClick={() => setSettingsOpen(true)}>
            {t('media.settings.open')}
          </Button>
          {canWrite && (
            <Tooltip label={noOrgs ? t('media.empty.noOrgsShort') : 'Ctrl+N'} openDelay={noOrgs ? 0 : 600}>
              <Button leftSection={<IconPlus size={16} />} onClick={openNew} disabled={noOrgs}>
                {t('media.new')}
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>

      <OverdueAlert onOpen={view.open} />

      {registerEmpty ? (
        <Paper withBorder>
          {noOrgs ? (
            <EmptyState
              icon={<IconBuildingCommunity size={30} />}
              title={t('media.empty.title')}
              body={t(canWrite ? 'media.empty.noOrgs' : 'media.empty.bodyReader')}
              action={canWrite ? { label: t('media.empty.noOrgsAction'), onClick: () => goTo('organisations') } : undefined}
            />
          ) : (
            <EmptyState
              icon={<IconDeviceSdCard size={30} />}
              title={t('media.empty.title')}
              body={t(canWrite ? 'media.empty.body' : 'media.empty.bodyReader')}
              action={canWrite ? { label: t('media.new'), onClick: openNew } : undefined}
            />
          )}
        </Paper>
      ) : (
        <>
          <Stack gap="xs">
            <Group gap="sm">
              <SearchInput maw={380} placeholder={t('media.searchPlaceholder')} value={view.q} onChange={(value) => view.set({ q: value })} />
              <Select
                w={130}
                aria-label={t('media.fields.kind')}
                placeholder={t('media.fields.kind')}
                clearable
                data={MEDIA_KINDS.map((k) => ({ value: k, label: t(`media.kind.${k}`) }))}
                value={view.kind}
                onChange={(v) => view.set({ kind: (v as MediaKind | null) ?? null })}
              />
              <Select
                w={120}
                aria-label={t('media.fields.status')}
                placeholder={t('media.fields.status')}
                clearable
                data={MEDIA_STATUSES.map((s) => ({ value: s, label: t(`media.status.${s}`) }))}
                value={view.status}
                onChange={(v) => view.set({ status: (v as MediaStatus | null) ?? null })}
              />
              <Select
                w={110}
                aria-label={t('media.fields.classification')}
                placeholder={t('media.fields.classification')}
                clearable
                data={settings.data?.classifications ?? []}
                value={view.classification}
                onChange={(classification) => view.set({ classification })}
              />
            </Group>
            <Group gap="sm">
              <Select
                w={280}
                aria-label={t('media.fields.org')}
                placeholder={t('media.fields.org')}
                clearable
                searchable
                data={orgOptions}
                value={view.orgId === null ? null : String(view.orgId)}
                onChange={(v) => view.set({ orgId: v === null ? null : Number(v) })}
              />
              <Select
                w={120}
                aria-label={t('media.filters.voided')}
                allowDeselect={false}
                data={(['exclude', 'only', 'include'] as const).map((s) => ({ value: s, label: t(`media.voidedFilter.${s}`) }))}
                value={view.voided}
                onChange={(v) => view.set({ voided: (v as typeof view.voided | null) ?? 'exclude' })}
              />
              <Text size="sm" c="dimmed" ml="auto" data-testid="media-total">
                {t('common.records', { count: total })}
              </Text>
            </Group>
          </Stack>

          <ListError error={list.isError ? list.error : null} />

          <DataTable<Medium>
            {...paged}
            {...recordRows<Medium>((m) => view.open(m.id))}
            records={rows}
            sortStatus={sortStatus}
            onSortStatusChange={(s) => view.set({ sort: s.columnAccessor as MediaListParams['sort'], dir: s.direction })}
            noRecordsText={t('media.noMatch.title')}
            columns={[
              {
                accessor: 'number',
                title: t('media.fields.number'),
                sortable: true,
                width: 140,
                render: (m) => (
                  <Text size="sm" fw={600} ff="monospace" td={m.voidedAt ? 'line-through' : undefined}>
                    {m.number}
                  </Text>
                ),
              },
              { accessor: 'kind', title: t('media.fields.kind'), sortable: true, width: 100, render: (m) => t(`media.kind.${m.kind}`) },
              { accessor: 'model', title: t('media.fields.model'), render: (m) => <Text size="sm" lineClamp={2}>{m.model || '—'}</Text> },
              {
                accessor: 'serial',
                title: t('media.fields.serial'),
                width: 150,
                render: (m) => (
                  <Text size="sm" ff="monospace" lineClamp={2} title={m.serial} style={{ wordBreak: 'break-all' }}>
                    {m.serial || '—'}
                  </Text>
                ),
              },
              { accessor: 'classification', title: t('media.fields.classification'), width: 70 },
              { accessor: 'responsibleName', title: t('media.fields.responsible'), width: 90 },
              { accessor: 'holderName', title: t('media.fields.holder'), width: 90, render: (m) => m.holderName ?? '—' },
              { accessor: 'status', title: t('media.fields.status'), sortable: true, width: 120, render: (m) => <MediaStatusBadge medium={m} /> },
              { accessor: 'dueBack', title: t('media.fields.dueBack'), width: 120, render: (m) => <DueBack due={m.dueBack} today={today} /> },
              { accessor: 'location', title: t('media.fields.location'), render: (m) => <Text size="sm" lineClamp={2}>{m.location || '—'}</Text> },
            ]}
          />
          {!list.isPending && total === 0 && filtered && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('media.noMatch.body')}
              </Text>
              <Button variant="subtle" size="xs" onClick={view.clearFilters}>
                {t('media.noMatch.action')}
              </Button>
            </Group>
          )}
        </>
      )}

      <MediumDetailDrawer id={view.detailId} onClose={() => view.open(null)} />
      <MediumFormModal opened={creating} medium={null} onClose={() => setCreating(false)} onSaved={(m) => view.open(m.id)} />
      <MediaSettingsModal opened={settingsOpen} canWrite={canWrite} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}
