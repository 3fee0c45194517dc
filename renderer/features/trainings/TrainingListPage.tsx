import { Badge, Button, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSchool } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Training } from '../../../common/api/training';
import { EmptyState } from '../../components/EmptyState';
import { SearchInput } from '../../components/SearchInput';
import { ListError } from '../../components/ListError';
import { recordRows, usePagedTable } from '../../components/usePagedTable';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { useCan } from '../../lib/useCan';
import { useTrainingList, useTrainingMutations, type TrainingListParams } from './queries';
import { useTrainingView } from './store';
import { TrainingDetailDrawer } from './TrainingDetailDrawer';
import { TrainingFormModal } from './TrainingFormModal';

/** 保密教育: the sessions held, newest first, with their attendees and material. */
export function TrainingListPage() {
  const { t } = useTranslation();
  const view = useTrainingView();
  const [q] = useDebouncedValue(view.q.trim(), 250);
  const [editing, setEditing] = useState<{ training: Training | null } | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [voiding, setVoiding] = useState<Training | null>(null);
  const mutations = useTrainingMutations();
  const params: TrainingListParams = { q, from: view.from, to: view.to, personId: null, voided: view.voided, dir: view.dir, page: view.page, pageSize: view.pageSize };
  const list = useTrainingList(params);
  const paged = usePagedTable({
    total: list.data?.total ?? 0,
    page: view.page,
    pageSize: view.pageSize,
    fetching: list.isFetching && !list.isPending,
    onPage: (page) => view.set({ page }, false),
    onPageSize: (pageSize) => view.set({ pageSize }),
  });
  const canWrite = useCan()('registers.write');
  const filtered = q !== '' || view.from !== null || view.to !== null || view.voided !== 'exclude';
  const openNew = () => canWrite && setEditing({ training: null });
  useHotkeys([['mod+N', openNew]]);

  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const nothingLive = !list.isPending && !list.isError && total === 0 && !filtered;
  // Only voided sessions left: the register is not empty, they are one filter away.
  const voidedOnly = useTrainingList({ ...params, voided: 'only', page: 1, pageSize: 1 }, nothingLive);
  const voidedTotal = voidedOnly.data?.total ?? 0;
  const deciding = nothingLive && voidedOnly.isPending;
  const registerEmpty = nothingLive && !deciding && voidedTotal === 0;
  const sortStatus: DataTableSortStatus<Training> = { columnAccessor: 'heldOn', direction: view.dir };

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('peopleRecords.trainings.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('peopleRecords.trainings.subtitle')}
          </Text>
        </div>
        {canWrite && (
          <Tooltip label="Ctrl+N" openDelay={600}>
            <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
              {t('peopleRecords.trainings.new')}
            </Button>
          </Tooltip>
        )}
      </Group>

      {deciding ? null : registerEmpty ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconSchool size={30} />}
            title={t('peopleRecords.trainings.empty.title')}
            body={t(canWrite ? 'peopleRecords.trainings.empty.body' : 'peopleRecords.trainings.empty.bodyReadOnly')}
            action={canWrite ? { label: t('peopleRecords.trainings.empty.action'), onClick: openNew } : undefined}
          />
        </Paper>
      ) : (
        <>
          <Group gap="sm">
            <SearchInput maw={360} placeholder={t('peopleRecords.trainings.searchPlaceholder')} value={view.q} onChange={(value) => view.set({ q: value })} />
            <DatePickerInput
              type="range"
              w={230}
              aria-label={t('peopleRecords.trainings.dateFilter')}
              placeholder={t('peopleRecords.trainings.dateFilter')}
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
              aria-label={t('peopleRecords.trainings.voidedFilterLabel')}
              allowDeselect={false}
              data={(['exclude', 'only', 'include'] as const).map((s) => ({ value: s, label: t(`peopleRecords.trainings.voidedFilter.${s}`) }))}
              value={view.voided}
              onChange={(v) => view.set({ voided: (v as typeof view.voided) ?? 'exclude' })}
            />
            <Text size="sm" c="dimmed" ml="auto" data-testid="training-total">
              {t('common.records', { count: total })}
            </Text>
          </Group>

          <ListError error={list.isError ? list.error : null} />

          <DataTable<Training>
            {...paged}
            {...recordRows<Training>((r) => setDetailId(r.id))}
            records={rows}
            sortStatus={sortStatus}
            onSortStatusChange={(s) => view.set({ dir: s.direction })}
            noRecordsText={t('peopleRecords.trainings.noMatch.title')}
            columns={[
              { accessor: 'heldOn', title: t('peopleRecords.trainings.fields.heldOn'), sortable: true, width: 120 },
              {
                accessor: 'topic',
                title: t('peopleRecords.trainings.fields.topic'),
                render: (r) => (
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" lineClamp={2} td={r.voidedAt ? 'line-through' : undefined} title={r.topic}>
                      {r.topic}
                    </Text>
                    {r.voidedAt && (
                      <Badge color="gray" variant="outline" size="sm" style={{ flexShrink: 0 }}>
                        {t('peopleRecords.trainings.voidedBadge')}
                      </Badge>
                    )}
                  </Group>
                ),
              },
              { accessor: 'hours', title: t('peopleRecords.trainings.fields.hours'), width: 80, textAlign: 'right' },
              { accessor: 'trainer', title: t('peopleRecords.trainings.fields.trainer'), width: 140, render: (r) => r.trainer || '—' },
              {
                accessor: 'attendees',
                title: t('peopleRecords.trainings.attendeeCount'),
                width: 220,
                render: (r) => (
                  <Tooltip label={r.attendees.map((a) => a.name).join('、')} multiline w={320} disabled={r.attendees.length === 0}>
                    <Text size="sm">{t('peopleRecords.trainings.attendeeCountText', { count: r.attendees.length, names: r.attendees.slice(0, 3).map((a) => a.name).join('、') })}</Text>
                  </Tooltip>
                ),
              },
            ]}
          />
          {nothingLive && voidedTotal > 0 && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('peopleRecords.trainings.onlyVoided', { count: voidedTotal })}
              </Text>
              <Button variant="subtle" size="xs" onClick={() => view.set({ voided: 'include' })}>
                {t('peopleRecords.trainings.showVoided')}
              </Button>
            </Group>
          )}
          {!list.isPending && total === 0 && filtered && (
            <Group justify="center">
              <Text size="sm" c="dimmed">
                {t('peopleRecords.trainings.noMatch.body')}
              </Text>
              <Button variant="subtle" size="xs" onClick={view.clearFilters}>
                {t('peopleRecords.trainings.noMatch.action')}
              </Button>
            </Group>
          )}
        </>
      )}

      <TrainingDetailDrawer id={detailId} canWrite={canWrite} onClose={() => setDetailId(null)} onEdit={(training) => setEditing({ training })} onVoid={setVoiding} />
      {/* After the drawer: its layers stack in mount order, and the form opens from the drawer too. */}
      <TrainingFormModal opened={editing !== null} editing={editing?.training ?? null} onClose={() => setEditing(null)} />
      <VoidReasonModal
        opened={voiding !== null}
        title={t('peopleRecords.trainings.voidTitle')}
        body={t('peopleRecords.trainings.voidBody', { topic: voiding?.topic ?? '', date: voiding?.heldOn ?? '' })}
        reasonLabel={t('peopleRecords.voidReason')}
        reasonPlaceholder={t('peopleRecords.trainings.voidReasonPlaceholder')}
        confirmLabel={t('peopleRecords.voidConfirm')}
        pending={mutations.void.isPending}
        onConfirm={async (reason) => {
          if (!voiding) return;
          const done = await mutations.void.mutateAsync({ training: voiding, reason });
          notifications.show({ color: 'green', message: t('peopleRecords.trainings.voided', { topic: done.topic }) });
        }}
        onClose={() => setVoiding(null)}
      />
    </Stack>
  );
}
