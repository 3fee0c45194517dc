import { ActionIcon, Alert, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconCalendar,
  IconSearch,
  IconShieldCheck,
  IconUser,
  IconX,
} from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedTable } from '../../components/usePagedTable';
import type { AuditRecordView } from '../../../common/api/audit';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { messageOf } from '../../lib/api';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { actionLabel, formatTime, RESULT_COLORS, roleLabels, targetLabel } from './labels';
import { useAuditList, useAuditVerify, type AuditListParams } from './queries';
import { useAuditView } from './store';
import { VerifyPanel } from './VerifyPanel';


/** 审计记录: the auditor reads, filters, verifies and prints the audit trail. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const view = useAuditView();
  const [q] = useDebouncedValue(view.q.trim(), 300);
  const [actor] = useDebouncedValue(view.actor.trim(), 300);
  const [opened, setOpened] = useState<number | null>(null);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  const verify = useAuditVerify();

  const filter = { from: view.from, to: view.to, actor, action: view.action ?? '', q, dir: view.dir };
  const params: AuditListParams = { ...filter, page: view.page, pageSize: view.pageSize };
  const list = useAuditList(params);
  const paged = usePagedTable({
    total: list.data?.total ?? 0,
    page: view.page,
    pageSize: view.pageSize,
    fetching: list.isFetching && !list.isPending,
    onPage: (page) => view.set({ page }, false),
    onPageSize: (pageSize) => view.set({ pageSize }),
  });
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const actions = list.data?.actions ?? [];
  const filtered = view.from !== null || view.to !== null || view.actor.trim() !== '' || view.action !== null || view.q.trim() !== '';
  const broken = verify.data && !verify.data.ok ? verify.data.broken?.seq : undefined;
  const sortStatus: DataTableSortStatus<AuditRecordView> = { columnAccessor: 'seq', direction: view.dir };

  const clearButton = (value: string, clear: () => void) =>
    value ? (
      <ActionIcon variant="subtle" color="gray" onClick={clear} aria-label={t('common.close')}>
        <IconX size={14} />
      </ActionIcon>
    ) : null;

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>{t('audit.title')}</Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('audit.subtitle')}
          </Text>
        </div>
        <Group gap="sm" wrap="nowrap">
          <Button
            leftSection={<IconShieldCheck size={16} />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('audit.verify.button')}
          </Button>
          <PrintMenu disabled={total === 0} allowExport={true} onChoose={setPrintMode} />
        </Group>
      </Group>

      <VerifyPanel verify={verify} onOpen={setOpened} />

      <Group gap="sm" align="flex-end">
        <DatePickerInput
          monthLabelFormat={i18n.language === 'en' ? 'MMMM YYYY' : 'YYYY年M月'}
          yearLabelFormat={i18n.language === 'en' ? 'YYYY' : 'YYYY年'}
          w={150}
          label={t('audit.filters.from')}
          placeholder={t('audit.filters.datePlaceholder')}
          valueFormat="YYYY-MM-DD"
          leftSection={<IconCalendar size={16} />}
          clearable
          clearButtonProps={{ 'aria-label': t('audit.filters.clearDate') }}
          maxDate={view.to ?? undefined}
          value={view.from}
          onChange={(from) => view.set({ from })}
        />
        <DatePickerInput
          monthLabelFormat={i18n.language === 'en' ? 'MMMM YYYY' : 'YYYY年M月'}
          yearLabelFormat={i18n.language === 'en' ? 'YYYY' : 'YYYY年'}
          w={150}
          label={t('audit.filters.to')}
          placeholder={t('audit.filters.datePlaceholder')}
          valueFormat="YYYY-MM-DD"
          leftSection={<IconCalendar size={16} />}
          clearable
          clearButtonProps={{ 'aria-label': t('audit.filters.clearDate') }}
          minDate={view.from ?? undefined}
          value={view.to}
          onChange={(to) => view.set({ to })}
        />
        <TextInput
          w={150}
          label={t('audit.filters.actor')}
          placeholder={t('audit.filters.actorPlaceholder')}
          leftSection={<IconUser size={16} />}
          value={view.actor}
          onChange={(e) => view.set({ actor: e.currentTarget.value })}
          rightSection={clearButton(view.actor, () => view.set({ actor: '' }))}
        />
        <Select
          w={190}
          label={t('audit.filters.action')}
          placeholder={t('audit.filters.actionPlaceholder')}
          searchable
          clearable
          // Mantine hides this button from assistive technology; it is the only way to clear the choice.
          clearButtonProps={{ 'aria-label': t('audit.filters.clearEvent'), 'aria-hidden': false }}
          nothingFoundMessage={t('audit.noMatch')}
          data={actions.map((code) => ({ value: code, label: actionLabel(t, exists, code) }))}
          value={view.action}
          onChange={(action) => view.set({ action })}
        />
        <TextInput
          flex={1}
          miw={200}
          maw={360}
          label={t('audit.filters.search')}
          placeholder={t('audit.filters.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={view.q}
          onChange={(e) => view.set({ q: e.currentTarget.value })}
          rightSection={clearButton(view.q, () => view.set({ q: '' }))}
        />
        {filtered && (
          <Button variant="subtle" onClick={view.clearFilters}>
            {t('audit.filters.clear')}
          </Button>
        )}
        {list.data?.searchFrom && (
          <Text size="xs" c="dimmed" pb={8} maw={360} data-testid="audit-short-search">
            {t('audit.filters.shortSearch', { from: list.data.searchFrom })}
          </Text>
        )}
        <Text size="sm" c="dimmed" ml="auto" pb={8} data-testid="audit-total">
          {t('common.records', { count: total })}
        </Text>
      </Group>

      {list.isError && (
        <Alert color="red" variant="light" title={t('common.failed')}>
          {messageOf(list.error)}
        </Alert>
      )}

      <DataTable<AuditRecordView>
        {...paged}
        records={rows}
        idAccessor="seq"
        sortStatus={sortStatus}
        onSortStatusChange={(s) => view.set({ dir: s.direction })}
        noRecordsText={filtered ? t('audit.noMatchBody') : t('audit.noMatch')}
        onRowClick={({ record }) => setOpened(record.seq)}
        rowStyle={(r) => (r.seq === broken ? { backgroundColor: 'var(--mantine-color-red-1)' } : { cursor: 'pointer' })}
        columns={[
          { accessor: 'seq', title: t('audit.columns.seq'), width: 66, textAlign: 'right', sortable: true },
          {
            accessor: 'at',
            title: t('audit.columns.at'),
            width: 152,
            render: (r) => <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatTime(r.at)}</Text>,
          },
          { accessor: 'actorName', title: t('audit.columns.actor'), width: 88, ellipsis: true },
          {
            accessor: 'actorRoles',
            title: t('audit.columns.roles'),
            width: 126,
            render: (r) => (
              <Text size="sm" c="dimmed">
                {roleLabels(t, r.actorRoles).join('、')}
              </Text>
            ),
          },
          { accessor: 'action', title: t('audit.columns.action'), width: 122, ellipsis: true, render: (r) => actionLabel(t, exists, r.action) },
          { accessor: 'target', title: t('audit.columns.target'), width: 180, ellipsis: true, render: (r) => targetLabel(t, exists, r) },
          {
            accessor: 'result',
            title: t('audit.columns.result'),
            width: 72,
            textAlign: 'center',
            render: (r) => (
              <Badge size="sm" color={RESULT_COLORS[r.result]} variant={r.result === 'ok' ? 'light' : 'filled'}>
                {t(`audit.result.${r.result}`)}
              </Badge>
            ),
          },
          { accessor: 'workstation', title: t('audit.columns.workstation'), width: 80, ellipsis: true },
          {
            accessor: 'summary',
            title: t('audit.columns.summary'),
            render: (r) => (
              <Text size="sm" lineClamp={2} title={r.summary}>
                {r.summary}
              </Text>
            ),
          },
        ]}
      />

      <AuditDetailDrawer seq={opened} onClose={() => setOpened(null)} />
      <PrintDialog mode={printMode} count={total} selection={{ register: 'audit', filter }} onClose={() => setPrintMode(null)} />
    </Stack>
  );
}
