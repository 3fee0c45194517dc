import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupReport } from '../../../common/api/backup';
import { ApiFailure, messageOf } from '../../lib/api';
import { AuthLayout } from '../auth/AuthLayout';
import { BackupReportView } from './BackupReportView';
import { useInspectWithRecovery, useRestoreWithRecovery } from './queries';
import { RestoreConfirmModal } from './RestoreConfirmModal';

const RECOVERY_CODE = /^[0-9A-Za-z]{24}$/;

/**
 * 从备份恢复 on the login screen, when no password is known: the recovery code, the backup file
 * chosen in a dialog and verified, then the confirmation naming its time and records.
 */
export function RestoreFromBackupForm({ unitName, onBack }: { unitName: string; onBack(): void }) {
  const { t } = useTranslation();
  const inspect = useInspectWithRecovery();
  const restore = useRestoreWithRecovery();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [report, setReport] = useState<BackupReport | null>(null);
  const [confirming, setConfirming] = useState<BackupReport | null>(null);

  const choose = async (e: React.FormEvent) => {
    e.preventDefault();
    setNote(null);
    setReport(null);
    if (!RECOVERY_CODE.test(code.replace(/[^0-9A-Za-z]/g, ''))) {
      setCodeError(t('auth.recoveryCodeFormat'));
      return;
    }
    try {
      const r = await inspect.mutateAsync(code);
      if (r) setReport(r);
      else setNote(t('backup.login.cancelled'));
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.error.field === 'recoveryCode') setCodeError(failure.message);
    }
  };

  return (
    <AuthLayout unitName={unitName} width={report ? 720 : 480}>
      <form onSubmit={choose} noValidate>
        <Stack gap="md">
          <Title order={3}>{t('backup.login.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('backup.login.body')}
          </Text>
          {inspect.isError && !(inspect.error instanceof ApiFailure && inspect.error.error.field === 'recoveryCode') && (
            <Alert color="red" variant="light" data-testid="restore-login-error">
              {messageOf(inspect.error)}
            </Alert>
          )}
          <TextInput
            label={t('backup.login.recoveryCode')}
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            withAsterisk
            data-autofocus
            value={code}
            error={codeError}
            onChange={(e) => {
              setCode(e.currentTarget.value);
              setCodeError(null);
            }}
          />
          {note && (
            <Text size="sm" c="dimmed">
              {note}
            </Text>
          )}
          {report && <BackupReportView report={report} />}
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" onClick={onBack}>
              {t('backup.login.back')}
            </Button>
            <Group gap="xs">
              <Button type="submit" variant={report?.ok ? 'default' : 'filled'} loading={inspect.isPending}>
                {t('backup.login.choose')}
              </Button>
              {report?.ok && (
                <Button color="red" onClick={() => setConfirming(report)}>
                  {t('backup.report.restore')}
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      </form>
      <RestoreConfirmModal
        report={confirming}
        pending={restore.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={async (r) => {
          await restore.mutateAsync({ token: r.token!, confirmCreatedAt: r.createdAt!, recoveryCode: code });
          setConfirming(null);
          onBack();
        }}
      />
    </AuthLayout>
  );
}
