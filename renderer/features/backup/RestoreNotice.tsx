import { Alert, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeCounts, confirmationText } from './labels';
import { useRestoreNotice } from './store';

/** On the login screen after a restore: which backup the data now is, and where the previous database is kept. */
export function RestoreNotice() {
  const { t } = useTranslation();
  const { restored, dismiss } = useRestoreNotice();
  if (!restored) return null;
  return (
    <Alert color="green" variant="light" icon={<IconRestore />} title={t('backup.restore.doneTitle')} withCloseButton onClose={dismiss} data-testid="restore-notice">
      <Text size="sm">{t('backup.restore.done', { at: confirmationText(restored.createdAt), counts: describeCounts(t, restored.counts), kept: restored.keptAside })}</Text>
      {restored.migratedFrom < restored.migratedTo && (
        <Text size="sm" mt={4}>
          {t('backup.restore.migrated', { from: restored.migratedFrom, to: restored.migratedTo })}
        </Text>
      )}
    </Alert>
  );
}
