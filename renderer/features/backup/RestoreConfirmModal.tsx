import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupReport } from '../../../common/api/backup';
import { messageOf } from '../../lib/api';
import { CountsTable } from './BackupReportView';
import { confirmationText } from './labels';

/**
 * The last step before a restore: names the backup's time and what it holds, and asks for the
 * time to be typed. `onConfirm` restores; a refusal is shown here, verbatim.
 */
export function RestoreConfirmModal(props: { report: BackupReport | null; pending: boolean; onConfirm(report: BackupReport): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const { report } = props;
  return (
    <Modal opened={report !== null} onClose={props.onClose} title={t('backup.restore.title')} size="lg" closeOnClickOutside={false}>
      {report && <ConfirmForm {...props} report={report} />}
    </Modal>
  );
}

function ConfirmForm({ report, pending, onConfirm, onClose }: { report: BackupReport; pending: boolean; onConfirm(report: BackupReport): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const at = confirmationText(report.createdAt ?? '');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (typed.trim() !== at) {
      setFieldError(t('backup.restore.confirmMismatch', { at }));
      return;
    }
    try {
      await onConfirm(report);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Alert color="red" variant="light" title={report.file}>
          <Text size="sm">{t('backup.restore.warning', { at })}</Text>
        </Alert>
        {report.counts && <CountsTable counts={report.counts} caption={t('backup.restore.holds')} />}
        {error && (
          <Alert color="red" variant="light" data-testid="restore-error" style={{ whiteSpace: 'pre-wrap' }}>
            {error}
          </Alert>
        )}
        <TextInput
          label={t('backup.restore.confirmLabel', { at })}
          placeholder={at}
          value={typed}
          error={fieldError}
          autoComplete="off"
          data-autofocus
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setFieldError(null);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={pending}>
            {t('backup.restore.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
