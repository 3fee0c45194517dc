import { Alert, Badge, Button, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconClipboardCheck, IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StocktakeSession } from '../../../../common/api/stocktake';
import { EmptyState } from '../../../components/EmptyState';
import { ListError } from '../../../components/ListError';
import { usePagedTable } from '../../../components/usePagedTable';
import { formatTime } from '../../audit/labels';
import { useCan } from '../../../lib/useCan';
import { useStocktakeFlags, useStocktakeList, useStocktakeOptions } from './queries';
import { StartStocktakeModal } from './StartStocktakeModal';
import { StocktakeSessionView } from './StocktakeSessionView';
import { useStocktakeView } from './store';

/** 介质清查: the sessions (open first) with their counts, the findings still flagged, and one session on screen. */
export function StocktakePage() {
  const view = useStocktakeView();
  if (view.openId !== null) return <StocktakeSessionView id={view.openId} />;
  return <StocktakeList />;
}

function StocktakeList() {
  const { t } = useTranslation();
  const view = useStocktakeView();
  const canWrite = useCan()('registers.write');
  const [starting, setStarting] = useState(false);
  const list = useStocktakeList({ state: view.state, page: view.page, pageSize: view.pageSize });
  const flags = useStocktakeFlags();
  const options = useStocktakeOptions(true);
  const paged = usePagedTable({
    total: list.data?.total ?? 0,
    page: view.page,
    pageSize: view.pageSize,
    fetching: list.isFetching && !list.isPending,
    onPage: (page) => view.set({ page }),
    onPageSize: (pageSize) => view.set({ pageSize, page: 1 }),
  });
  const noMedia = options.data !== undefined && options.data.orgs.length === 0;
  const openNew = () => canWrite && !noMedia && setStarting(true);
  useHotkeys([['mod+N', openNew]]);
  const total = list.data?.total ?? 0;
  const registerEmpty = !list.isPending && !list.isError && total === 0 && view.state === null;

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('stocktake.title')}</Title>
          <Text c="dimmed" size="sm" maw={900}>
            {t('stocktake.subtitle')}
          </Text>
        </div>
        {canWrite && (
          <Tooltip label="Ctrl+N" openDelay={600}>
            <Button leftSection={<IconPlus size={16} />} onClick={openNew} disabled={noMedia}>
              {t('stocktake.new')}
            </Button>
          </Tooltip>
        )}
      </Group>

      {(flags.data?.length ?? 0) > 0 && (
        <Alert color="orange" variant="light" title={t('stocktake.findingsTitle')} data-testid="stocktake-flags">
          <Text size="sm" mb="xs">
            {t('stocktake.findingsHint')}
          </Text>
          <Table>
            <Table.Tbody>
              {flags.data!.map((f) => (
                <Table.Tr key={`${f.mediumId}-${f.seq}`}>
                  <Table.Td w={140} fw={600}>
                    {f.number}
                  </Table.Td>
                  <Table.Td w={100}>{f.mediumKind}</Table.Td>
                  <Table.Td>{f.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}

      {registerEmpty ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconClipboardCheck size={30} />}
            title={t('stocktake.empty.title')}
            body={t(noMedia ? 'stocktake.empty.bodyNoMedia' : canWrite ? 'stocktake.empty.body' : 'stocktake.empty.bodyReadOnly')}
            action={canWrite && !noMedia ? { label: t('stocktake.empty.action'), onClick: openNew } : undefined}
          />
        </Paper>
      ) : (
        <>
          <Group>
            <SegmentedControl
              aria-label={t('stocktake.stateFilterLabel')}
              value={view.state ?? 'all'}
              onChange={(v) => view.set({ state: v === 'all' ? null : (v as 'open' | 'closed'), page: 1 })}
              data={(['all', 'open', 'closed'] as const).map((v) => ({ value: v, label: t(`stocktake.stateFilter.${v}`) }))}
            />
            <Text size="sm" c="dimmed" ml="auto">
              {t('common.records', { count: total })}
            </Text>
          </Group>
          <ListError error={list.isError ? list.error : null} />
          <DataTable<StocktakeSession>
            {...paged}
            idAccessor="id"
            records={list.data?.rows ?? []}
            noRecordsText={t('stocktake.noMatch')}
            onRowClick={({ record }) => view.set({ openId: record.id, itemFilter: 'all' })}
            rowStyle={() => ({ cursor: 'pointer' })}
            columns={[
              { accessor: 'number', title: t('stocktake.fields.number'), width: 130 },
              { accessor: 'title', title: t('stocktake.fields.title') },
              { accessor: 'scopeText', title: t('stocktake.fields.scope') },
              {
                accessor: 'state',
                title: '',
                width: 90,
                render: (s) => (
                  <Badge color={s.state === 'open' ? 'blue' : 'gray'} variant="light">
                    {t(`stocktake.state.${s.state}`)}
                  </Badge>
                ),
              },
              {
                accessor: 'counts',
                title: t('stocktake.fields.progress'),
                width: 340,
                render: (s) => (
                  <Stack gap={4}>
                    <Progress.Root size="sm">
                      <Progress.Section value={(s.counts.present / Math.max(1, s.counts.expected)) * 100} color="green" />
                      <Progress.Section value={(s.counts.differs / Math.max(1, s.counts.expected)) * 100} color="orange" />
                      <Progress.Section value={(s.counts.missing / Math.max(1, s.counts.expected)) * 100} color="red" />
                    </Progress.Root>
                    <Text size="xs" c="dimmed">
                      {t('stocktake.countsLine', s.counts)}
                    </Text>
                  </Stack>
                ),
              },
              { accessor: 'startedAt', title: t('stocktake.fields.startedAt'), width: 150, render: (s) => formatTime(s.startedAt).slice(0, 16) },
              { accessor: 'closedAt', title: t('stocktake.fields.closedAt'), width: 150, render: (s) => (s.closedAt ? formatTime(s.closedAt).slice(0, 16) : '—') },
            ]}
          />
        </>
      )}

      <StartStocktakeModal
        opened={starting}
        onClose={() => setStarting(false)}
        onStarted={(session) => {
          setStarting(false);
          view.set({ openId: session.id, itemFilter: 'all' });
        }}
      />
    </Stack>
  );
}
