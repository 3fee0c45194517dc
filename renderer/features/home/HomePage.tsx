import { Badge, Button, Card, Group, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Switch, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconExternalLink, IconFilterOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, FindingFilter } from '../../../common/api/findings';
import { FINDING_REGISTERS, FINDING_SEVERITIES, type FindingRegister, type FindingSeverity, type FindingWindow } from '../../../common/findings';
import { EmptyState } from '../../components/EmptyState';
import { ListError } from '../../components/ListError';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { useCan } from '../../lib/useCan';
import { PAGES } from '../../app/pages';
import { useUi } from '../../app/store';
import { AcknowledgeModal } from './AcknowledgeModal';
import { useFindings } from './queries';
import { useHomeView } from './store';

export const SEVERITY_COLORS: Record<FindingSeverity, string> = { 严重: 'red', 警告: 'orange', 提示: 'blue' };

/** 工作台: counts by severity and register, then the findings, each opening its record or acknowledged. */
export function HomePage() {
  const { t } = useTranslation();
  const view = useHomeView();
  const filter: FindingFilter = { severity: view.severity, register: view.register, window: view.window, showAcknowledged: view.showAcknowledged, sort: view.sort };
  const list = useFindings(filter);
  const can = useCan();
  const [acknowledging, setAcknowledging] = useState<Finding | null>(null);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  const data = list.data;
  const counts = data?.counts;
  const filtered = view.severity !== null || view.register !== null || view.window !== 'all';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('home.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('home.subtitle', { today: data?.today ?? '' })}
          </Text>
        </div>
        {can('registers.print') && <PrintMenu disabled={!data} allowExport={can('registers.export')} label={t('home.print')} onChoose={setPrintMode} />}
      </Group>
      <PrintDialog
        mode={printMode}
        count={0}
        scope={t('home.printScope', { date: data?.today ?? '' })}
        selection={{ register: 'findingsSummary', filter: { date: null } }}
        onClose={() => setPrintMode(null)}
      />

      {list.isError && <ListError error={list.error} />}

      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        {FINDING_SEVERITIES.map((s) => (
          <CountCard
            key={s}
            testId={`count-${s}`}
            label={t(`home.severity.${s}`)}
            hint={t(`home.severityHint.${s}`)}
            value={counts?.bySeverity[s]}
            color={SEVERITY_COLORS[s]}
            active={view.severity === s}
            onClick={() => view.set({ severity: view.severity === s ? null : s })}
          />
        ))}
        {(['week', 'month'] as const).map((w) => (
          <CountCard
            key={w}
            testId={`count-${w}`}
            label={t(`home.${w}`)}
            hint={t(`home.${w}Hint`, { date: w === 'week' ? data?.endOfWeek : data?.endOfMonth })}
            value={counts?.[w]}
            color="grape"
            active={view.window === w}
            onClick={() => view.set({ window: view.window === w ? 'all' : w })}
          />
        ))}
      </SimpleGrid>
      <Group gap="xs">
        {FINDING_REGISTERS.map((r) => (
          <Button
            key={r}
            size="xs"
            radius="xl"
            variant={view.register === r ? 'filled' : 'light'}
            color={counts && counts.byRegister[r] > 0 ? 'brand' : 'gray'}
            onClick={() => view.set({ register: view.register === r ? null : r })}
            rightSection={<Badge size="sm" variant="white" color="dark" data-testid={`register-${r}`}>{counts?.byRegister[r] ?? '…'}</Badge>}
          >
            {t(`home.register.${r}`)}
          </Button>
        ))}
      </Group>

      <Paper withBorder p="sm" radius="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <SegmentedControl
            size="xs"
            data={(['all', 'week', 'month'] as const).map((w) => ({ value: w, label: t(`home.window.${w}`) }))}
            value={view.window}
            onChange={(v) => view.set({ window: v as FindingWindow })}
            aria-label={t('home.week')}
          />
          <Select
            size="xs"
            w={130}
            label={t('home.filters.severity')}
            placeholder={t('home.filters.all')}
            clearable
            data={FINDING_SEVERITIES.map((s) => ({ value: s, label: t(`home.severity.${s}`) }))}
            value={view.severity}
            onChange={(v) => view.set({ severity: (v as FindingSeverity | null) ?? null })}
          />
          <Select
            size="xs"
            w={170}
            label={t('home.filters.register')}
            placeholder={t('home.filters.all')}
            clearable
            data={FINDING_REGISTERS.map((r) => ({ value: r, label: t(`home.register.${r}`) }))}
            value={view.register}
            onChange={(v) => view.set({ register: (v as FindingRegister | null) ?? null })}
          />
          <Select
            size="xs"
            w={140}
            label={t('home.filters.sort')}
            allowDeselect={false}
            data={(['severity', 'due', 'register'] as const).map((s) => ({ value: s, label: t(`home.sort.${s}`) }))}
            value={view.sort}
            onChange={(v) => v && view.set({ sort: v as FindingFilter['sort'] & string })}
          />
          <Switch
            size="sm"
            label={t('home.showAcknowledged', { count: counts?.acknowledged ?? 0 })}
            checked={view.showAcknowledged}
            onChange={(e) => view.set({ showAcknowledged: e.currentTarget.checked })}
            disabled={!counts || counts.acknowledged === 0}
          />
          <Text size="sm" c="dimmed" ml="auto">
            {data ? t('home.count', { count: data.findings.length }) : ''}
          </Text>
        </Group>
      </Paper>

      {list.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={72} radius="md" />
          ))}
        </Stack>
      ) : data && data.findings.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<IconFilterOff size={28} />}
            title={t('home.empty.filteredTitle')}
            body={t('home.empty.filteredBody')}
            action={{ label: t('home.empty.clear'), onClick: view.clear }}
          />
        ) : (
          <EmptyState icon={<IconCircleCheck size={28} />} title={t('home.empty.title')} body={t('home.empty.body')} />
        )
      ) : (
        <Stack gap="xs" data-testid="findings">
          {data?.findings.map((f) => (
            <FindingRow key={`${f.ruleId}|${f.key}`} finding={f} canAcknowledge={can('registers.write')} onAcknowledge={() => setAcknowledging(f)} />
          ))}
        </Stack>
      )}
      <AcknowledgeModal finding={acknowledging} today={data?.today ?? ''} onClose={() => setAcknowledging(null)} />
    </Stack>
  );
}

function CountCard(props: { testId: string; label: string; hint: string; value: number | undefined; color: string; active: boolean; onClick(): void }) {
  return (
    <UnstyledButton onClick={props.onClick} data-testid={props.testId} aria-pressed={props.active}>
      <Card
        withBorder
        radius="md"
        padding="sm"
        style={{ borderColor: props.active ? `var(--mantine-color-${props.color}-6)` : undefined, borderWidth: props.active ? 2 : 1 }}
      >
        <Text size="sm" c="dimmed" fw={500}>
          {props.label}
        </Text>
        <Text fz={30} fw={700} c={props.value ? `${props.color}.7` : 'gray.5'} lh={1.2}>
          {props.value ?? '…'}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {props.hint}
        </Text>
      </Card>
    </UnstyledButton>
  );
}

function FindingRow(props: { finding: Finding; canAcknowledge: boolean; onAcknowledge(): void }) {
  const { t } = useTranslation();
  const open = useUi((s) => s.open);
  const intend = useUi((s) => s.intend);
  const roles = useCan();
  const f = props.finding;
  const register = t(`home.register.${f.register}`);
  // No 查看 when the account may not use the record's page.
  const page = f.target && f.target.page !== 'password' ? PAGES.find((p) => p.id === f.target!.page) : undefined;
  const reachable = f.target?.page === 'password' || (page !== undefined && roles(page.permission));
  const go = () => {
    if (!f.target) return;
    if (f.target.page === 'password') intend(f.target);
    else open(f.target.page, f.target.id);
  };

  return (
    <Paper withBorder radius="md" p="sm" data-testid="finding" data-rule={f.ruleId} style={{ borderLeft: `4px solid var(--mantine-color-${SEVERITY_COLORS[f.severity]}-6)`, opacity: f.acknowledged ? 0.75 : 1 }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge color={SEVERITY_COLORS[f.severity]} variant="light">
              {t(`home.severity.${f.severity}`)}
            </Badge>
            <Text fw={600}>{f.title}</Text>
            <Text size="sm" c="dimmed">
              {register} · {f.subject}
            </Text>
            {f.acknowledged && (
              <Badge color="gray" variant="outline">
                {t('home.acknowledgedBadge')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{f.message}</Text>
          {f.acknowledged && (
            <Text size="xs" c="dimmed">
              {t('home.acknowledgedText', { by: f.acknowledged.byName, until: f.acknowledged.until, reason: f.acknowledged.reason })}
            </Text>
          )}
        </Stack>
        <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
          {f.due && (
            <Text size="xs" c="dimmed">
              {t('home.due', { date: f.due })}
            </Text>
          )}
          <Group gap="xs" wrap="nowrap">
            {reachable && (
              <Tooltip label={t('home.openHint', { register })}>
                <Button size="xs" variant="light" leftSection={<IconExternalLink size={14} />} onClick={go} data-testid="finding-open">
                  {t('home.open')}
                </Button>
              </Tooltip>
            )}
            {props.canAcknowledge && !f.acknowledged && (
              <Button size="xs" variant="default" onClick={props.onAcknowledge}>
                {t('home.acknowledge')}
              </Button>
            )}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
