import { Alert, Anchor, Code, Collapse, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExclamation, IconInfoCircle } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthFinding, StartupHealth } from '../../../common/api/app';
import { useStartupHealth } from './queries';

export interface StartupHealthPanelProps {
  /**
   * The “从备份恢复” action, shown under the instructions when the database is read-only. The
   * backup/restore feature provides it (for a system administrator); without it the panel tells
   * in words who restores and how.
   */
  restoreAction?: ReactNode;
}

/**
 * Above every page of a session whose start-up checks found something: read-only (red) with
 * what failed and what to do, or a notice (yellow) such as a data folder on a network drive.
 * Nothing at all when the checks passed.
 */
export function StartupHealthPanel({ restoreAction }: StartupHealthPanelProps) {
  const health = useStartupHealth();
  if (!health.data || health.data.findings.length === 0) return null;
  return <HealthReport health={health.data} restoreAction={restoreAction} />;
}

function HealthReport({ health, restoreAction }: { health: StartupHealth } & StartupHealthPanelProps) {
  const { t } = useTranslation();
  const errors = health.findings.filter((f) => f.severity === 'error');
  const warnings = health.findings.filter((f) => f.severity === 'warning');
  return (
    <Stack gap="sm" mb="md" data-testid="startup-health">
      {health.readOnly && (
        <Alert color="red" variant="light" icon={<IconDatabaseExclamation />} title={<Title order={4}>{t('startup.readOnlyTitle')}</Title>} role="alert">
          <Stack gap="sm">
            <Text size="sm">{t('startup.readOnlyLead')}</Text>
            {errors.map((f, i) => (
              <Finding key={i} finding={f} />
            ))}
            {health.uncleanExit && (
              <Text size="sm" c="dimmed">
                {t('startup.uncleanExit')}
              </Text>
            )}
            <div>
              <Text fw={600} size="sm" mb={4}>
                {t('startup.whatToDo')}
              </Text>
              <List type="ordered" size="sm" spacing={4}>
                <List.Item>{t('startup.steps.stop')}</List.Item>
                <List.Item>{t('startup.steps.restore')}</List.Item>
                {errors.some((f) => f.check === 'auditChain') && <List.Item>{t('startup.steps.report')}</List.Item>}
              </List>
            </div>
            {restoreAction ?? (
              <Text size="sm" c="dimmed">
                {t('startup.sysadminOnly')}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('startup.checkedAt', { time: dayjs(health.checkedAt).format('YYYY-MM-DD HH:mm:ss') })}
            </Text>
          </Stack>
        </Alert>
      )}
      {warnings.map((f, i) => (
        <Alert key={i} color="yellow" variant="light" icon={<IconAlertTriangle />} title={t('startup.warningTitle')}>
          <Finding finding={f} />
        </Alert>
      ))}
    </Stack>
  );
}

function Finding({ finding }: { finding: HealthFinding }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid={`finding-${finding.check}`}>
      <Text size="sm" fw={600}>
        <IconInfoCircle size={14} style={{ verticalAlign: -2, marginRight: 4 }} />
        {t(`startup.check.${finding.check}`)}
      </Text>
      <Text size="sm">{finding.message}</Text>
      {finding.details.length > 0 && (
        <>
          <Anchor component="button" type="button" size="xs" onClick={() => setOpen((o) => !o)}>
            {open ? t('startup.hideDetails') : t('startup.showDetails')}
          </Anchor>
          <Collapse expanded={open}>
            <Text size="xs" c="dimmed" mt={4}>
              {t('startup.details', { count: finding.details.length })}
            </Text>
            <Code block mt={4}>
              {finding.details.join('\n')}
            </Code>
          </Collapse>
        </>
      )}
    </div>
  );
}
