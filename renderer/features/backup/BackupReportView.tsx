import { Alert, Group, List, Progress, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconShieldCheck, IconShieldX, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { BACKUP_COUNTED, type BackupReport } from '../../../common/api/backup';
import type { JobProgress } from '../../lib/jobs';
import { formatTime } from '../audit/labels';

/** The restore drill running: its progress. */
export function VerifyProgress({ progress }: { progress: JobProgress | null }) {
  const { t } = useTranslation();
  const { done, total } = progress ?? { done: 0, total: 0 };
  return (
    <Stack gap={6} role="status" data-testid="backup-verify-progress">
      <Text size="sm">{t('backup.report.running')}</Text>
      <Progress value={total > 0 ? (done / total) * 100 : 100} animated striped={total === 0} aria-label={t('backup.report.title')} />
    </Stack>
  );
}

/** What the backup is (time, maker, versions), every check with its result, and the records it holds. */
export function BackupReportView({ report }: { report: BackupReport }) {
  const { t } = useTranslation();
  const facts: [string, string | null][] = [
    [t('backup.report.file'), report.file],
    [t('backup.report.createdAt'), report.createdAt && formatTime(report.createdAt)],
    [t('backup.report.createdBy'), report.createdBy],
    [t('backup.report.kind'), report.kind && t(`backup.kinds.${report.kind}`)],
    [t('backup.report.version'), report.appVersion],
    [t('backup.report.schema'), report.schemaVersion === null ? null : String(report.schemaVersion)],
    [t('backup.report.keyFrom'), report.keyFrom && t(`backup.report.keyFromValues.${report.keyFrom}`)],
    [t('backup.report.auditHead'), report.auditHeadSeq === null ? null : t('backup.report.auditHeadValue', { seq: report.auditHeadSeq })],
  ];
  const counts = report.counts;
  return (
    <Stack gap="md" data-testid="backup-report">
      <Alert
        color={report.ok ? 'green' : 'red'}
        variant="light"
        icon={report.ok ? <IconShieldCheck /> : <IconShieldX />}
        title={report.ok ? t('backup.report.okTitle') : t('backup.report.failTitle')}
      >
        {report.problem && <Text size="sm">{report.problem}</Text>}
        <Text size="xs" c="dimmed" mt={report.problem ? 4 : 0}>
          {t('backup.report.verifiedAt', { at: formatTime(report.verifiedAt) })}
        </Text>
      </Alert>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
        {facts
          .filter((f): f is [string, string] => Boolean(f[1]))
          .map(([label, value]) => (
            <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed" miw={96}>
                {label}
              </Text>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {value}
              </Text>
            </Group>
          ))}
      </SimpleGrid>
      <div>
        <Text size="sm" fw={600} mb={6}>
          {t('backup.report.checks')}
        </Text>
        <List spacing={6} size="sm" center aria-label={t('backup.report.checks')}>
          {report.checks.map((c) => (
            <List.Item
              key={c.name}
              data-testid="backup-check"
              icon={
                <ThemeIcon color={c.ok ? 'green' : 'red'} size={20} radius="xl">
                  {c.ok ? <IconCheck size={14} /> : <IconX size={14} />}
                </ThemeIcon>
              }
            >
              <Text size="sm" span fw={600}>
                {c.name}
              </Text>
              <Text size="sm" span c={c.ok ? 'dimmed' : 'red'}>
                {'　'}
                {c.detail}
              </Text>
            </List.Item>
          ))}
        </List>
      </div>
      {counts && <CountsTable counts={counts} caption={t('backup.report.counts')} />}
    </Stack>
  );
}

/** The records per register a backup holds. */
export function CountsTable({ counts, caption }: { counts: Record<string, number>; caption: string }) {
  const { t } = useTranslation();
  const present = BACKUP_COUNTED.filter((k) => k in counts);
  return (
    <div>
      <Text size="sm" fw={600} mb={6}>
        {caption}
      </Text>
      <SimpleGrid cols={3} spacing="xs" verticalSpacing={2} data-testid="backup-counts">
        {present.map((k) => (
          <Group key={k} justify="space-between" wrap="nowrap" pr="md">
            <Text size="sm" c="dimmed">
              {t(`backup.counts.${k}`)}
            </Text>
            <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {counts[k]}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </div>
  );
}
