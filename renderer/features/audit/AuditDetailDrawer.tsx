import { Alert, Badge, Center, Code, Divider, Drawer, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../lib/api';
import { ChangeDiff } from './ChangeDiff';
import { actionLabel, formatTime, RESULT_COLORS, roleLabels, targetLabel } from './labels';
import { useAuditRecord } from './queries';

const mono = {
  fontFamily: 'var(--mantine-font-family-monospace)',
  fontSize: 'var(--mantine-font-size-xs)',
  color: 'var(--mantine-color-dimmed)',
  wordBreak: 'break-all',
} as const;

/** One audit record in full: who, what, where, the recorded before/after and the chain MAC. */
export function AuditDetailDrawer({ seq, onClose }: { seq: number | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const record = useAuditRecord(seq);
  const r = record.data;

  // Registers and audit records are named by their id; other objects by their kind, with the id below.
  const targetName = (rec: { targetType: string | null; targetId: string | null }) =>
    rec.targetType === 'register' || rec.targetType === 'audit' ? targetLabel(t, exists, rec) : targetLabel(t, exists, { ...rec, targetId: null });

  const field = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th w={110} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );

  return (
    <Drawer
      opened={seq !== null}
      onClose={onClose}
      position="right"
      size={680}
      title={<Title order={4}>{seq !== null ? t('audit.detail.title', { seq }) : ''}</Title>}
      aria-label={seq !== null ? t('audit.detail.title', { seq }) : undefined}
    >
      {record.isPending ? (
        <Center py="xl">
          <Group gap="sm">
            <Loader size="sm" />
            <Text c="dimmed">{t('audit.detail.loading')}</Text>
          </Group>
        </Center>
      ) : record.isError ? (
        <Alert color="red" variant="light" title={t('common.failed')}>
          {messageOf(record.error)}
        </Alert>
      ) : r ? (
        <Stack gap="md" data-testid="audit-detail">
          <Group gap="xs">
            <Badge size="lg" variant="light">
              {actionLabel(t, exists, r.action)}
            </Badge>
            <Badge size="lg" color={RESULT_COLORS[r.result]} variant="filled">
              {t(`audit.result.${r.result}`)}
            </Badge>
          </Group>
          <Text fw={500}>{r.summary}</Text>
          <Table variant="vertical" withTableBorder fz="sm" verticalSpacing={6} layout="fixed">
            <Table.Tbody>
              {field(t('audit.columns.seq'), r.seq)}
              {field(t('audit.columns.at'), formatTime(r.at))}
              {field(
                t('audit.columns.actor'),
                <>
                  <div>{r.actorName}</div>
                  <div style={mono}>{r.actorId}</div>
                </>,
              )}
              {field(t('audit.columns.roles'), roleLabels(t, r.actorRoles).join('、') || <Text span c="dimmed" size="sm">{t('audit.detail.noRoles')}</Text>)}
              {field(
                t('audit.columns.action'),
                <Group gap={6}>
                  <span>{actionLabel(t, exists, r.action)}</span>
                  <Code fz="xs">{r.action}</Code>
                  <Text span size="xs" c="dimmed">
                    {t('audit.detail.channel')}
                  </Text>
                  <Code fz="xs">{r.channel}</Code>
                </Group>,
              )}
              {field(
                t('audit.columns.target'),
                <>
                  <div>{targetName(r) || '—'}</div>
                  {r.targetId !== null && <div style={mono}>{r.targetId}</div>}
                </>,
              )}
              {field(t('audit.columns.workstation'), r.workstation || '—')}
            </Table.Tbody>
          </Table>

          <Divider label={t('audit.detail.changes')} labelPosition="left" />
          <ChangeDiff before={r.before} after={r.after} />

          <Divider label={t('audit.detail.mac')} labelPosition="left" />
          <Code block data-testid="audit-mac" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {r.mac}
          </Code>
          <Text size="xs" c="dimmed">
            {t('audit.detail.macHint')}
          </Text>
        </Stack>
      ) : null}
    </Drawer>
  );
}
