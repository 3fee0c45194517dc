import { Alert, Button, Divider, Group, Modal, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupReport, BackupStatus } from '../../../common/api/backup';
import { messageOf } from '../../lib/api';
import { formatTime } from '../audit/labels';
import { BackupReportView, VerifyProgress } from './BackupReportView';
import { BackupSettingsForm } from './BackupSettingsForm';
import { describeCounts, formatBytes } from './labels';
import { useBackupList, useBackupRun, useBackupStatus, useBackupVerify, useRestore } from './queries';
import { RestoreConfirmModal } from './RestoreConfirmModal';

/** 数据备份 in 系统设置 (permission backup.manage): status, settings, back up now, the folder's backups, verify and restore. */
export function BackupSection() {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const run = useBackupRun(t('backup.run.running'));
  const verify = useBackupVerify(t('backup.report.running'));
  const restore = useRestore();
  /** The drill's modal: which file (null: chosen in a dialog) and whether it leads to a restore. */
  const [drill, setDrill] = useState<{ file: string | null; restore: boolean } | null>(null);
  const [confirming, setConfirming] = useState<BackupReport | null>(null);

  const backUp = async () => {
    try {
      const r = await run.mutateAsync();
      if (r) {
        notifications.show({
          color: 'green',
          message: [t('backup.run.done', { path: r.path }), r.removed.length ? t('backup.run.removed', { count: r.removed.length }) : ''].filter(Boolean).join('；'),
        });
      }
    } catch (e) {
      notifications.show({ color: 'red', autoClose: false, message: messageOf(e) });
    }
  };

  const startDrill = async (file: string | null, thenRestore: boolean) => {
    verify.reset();
    setDrill({ file, restore: thenRestore });
    let report: BackupReport | null;
    try {
      report = await verify.mutateAsync(file);
    } catch {
      return; // The modal shows why.
    }
    if (report === null) {
      setDrill(null); // The file dialog was cancelled.
      return;
    }
    if (report.ok && thenRestore) {
      setDrill(null);
      setConfirming(report);
    }
  };

  return (
    <Paper withBorder p="lg" data-testid="backup-section">
      <Stack gap="md">
        <div>
          <Title order={4}>{t('backup.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('backup.subtitle')}
          </Text>
        </div>
        {status.isError && <Alert color="red">{messageOf(status.error)}</Alert>}
        {status.data && <StatusAlert status={status.data} onRefresh={() => void status.refetch()} />}
        <Group>
          <Button leftSection={<IconDatabaseExport size={18} />} onClick={() => void backUp()} loading={run.isPending} disabled={!status.data || status.data.folderMissing}>
            {t('backup.run.button')}
          </Button>
        </Group>
        {run.isPending && <RunProgress done={run.progress?.done ?? 0} total={run.progress?.total ?? 0} />}
        <Divider />
        <BackupSettingsForm />
        <Divider />
        <BackupList onVerify={(file) => void startDrill(file, false)} onRestore={(file) => void startDrill(file, true)} />
      </Stack>

      <Modal opened={drill !== null} onClose={() => !verify.isPending && setDrill(null)} title={t('backup.report.title')} size="lg">
        <Stack gap="md">
          {verify.isPending && <VerifyProgress progress={verify.progress} />}
          {verify.isError && (
            <Alert color="red" variant="light">
              {messageOf(verify.error)}
            </Alert>
          )}
          {verify.data && <BackupReportView report={verify.data} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDrill(null)} disabled={verify.isPending}>
              {t('backup.report.close')}
            </Button>
            {verify.data?.ok && (
              <Button
                color="red"
                variant="light"
                onClick={() => {
                  setConfirming(verify.data);
                  setDrill(null);
                }}
              >
                {t('backup.report.restore')}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>

      <RestoreConfirmModal
        report={confirming}
        pending={restore.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={async (report) => {
          await restore.mutateAsync({ token: report.token!, confirmCreatedAt: report.createdAt! });
        }}
      />
    </Paper>
  );
}

function RunProgress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} role="status" data-testid="backup-progress">
      <Group justify="space-between">
        <Text size="sm">{t('backup.run.running')}</Text>
        {total > 0 && (
          <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('backup.run.progress', { done, total })}
          </Text>
        )}
      </Group>
      <Progress value={total > 0 ? (done / total) * 100 : 100} animated striped={total === 0} aria-label={t('backup.run.button')} />
    </Stack>
  );
}

/** The last good backup, or what is wrong: no folder, folder missing, none yet, too old. */
function StatusAlert({ status, onRefresh }: { status: BackupStatus; onRefresh(): void }) {
  const { t } = useTranslation();
  const refresh = (
    <Button size="compact-xs" variant="subtle" leftSection={<IconRefresh size={14} />} onClick={onRefresh} mt={6}>
      {t('backup.status.refresh')}
    </Button>
  );
  const last = status.last;
  const lastLine = last && (
    <Text size="sm">{t('backup.status.ok', { at: formatTime(last.at), kind: t(`backup.kinds.${last.kind}`), folder: last.folder })}</Text>
  );
  if (!status.folder) {
    return (
      <Alert color="yellow" variant="light" title={t('backup.status.neverTitle')} data-testid="backup-status">
        <Text size="sm">{t('backup.status.noFolder')}</Text>
      </Alert>
    );
  }
  if (status.folderMissing) {
    return (
      <Alert color="red" variant="light" title={t('backup.status.folderMissingTitle')} data-testid="backup-status">
        <Text size="sm">{t('backup.status.folderMissing', { folder: status.folder })}</Text>
        {lastLine}
        {refresh}
      </Alert>
    );
  }
  if (!last) {
    return (
      <Alert color="orange" variant="light" title={t('backup.status.neverTitle')} data-testid="backup-status">
        <Text size="sm">{t('backup.status.never')}</Text>
      </Alert>
    );
  }
  if (status.stale) {
    return (
      <Alert color="orange" variant="light" title={t('backup.status.staleTitle')} data-testid="backup-status">
        <Text size="sm">{t('backup.status.stale', { days: status.ageDays, at: formatTime(last.at), max: status.maxAgeDays })}</Text>
      </Alert>
    );
  }
  return (
    <Alert color="green" variant="light" title={t('backup.status.okTitle')} data-testid="backup-status">
      {lastLine}
    </Alert>
  );
}

function BackupList({ onVerify, onRestore }: { onVerify(file: string | null): void; onRestore(file: string): void }) {
  const { t } = useTranslation();
  const list = useBackupList();
  const files = list.data?.files ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={5}>{t('backup.list.title')}</Title>
        <Button variant="default" size="xs" onClick={() => onVerify(null)}>
          {t('backup.list.verifyOther')}
        </Button>
      </Group>
      {list.isError && <Alert color="red">{messageOf(list.error)}</Alert>}
      {list.data && files.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="backup-list-empty">
          {list.data.folder ? t('backup.list.empty') : t('backup.list.noFolder')}
        </Text>
      )}
      {files.length > 0 && (
        <Table striped verticalSpacing={6} data-testid="backup-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.list.createdAt')}</Table.Th>
              <Table.Th>{t('backup.list.kind')}</Table.Th>
              <Table.Th>{t('backup.list.counts')}</Table.Th>
              <Table.Th ta="right">{t('backup.list.size')}</Table.Th>
              <Table.Th ta="right">{t('backup.list.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <Table.Tr key={f.file}>
                <Table.Td style={{ whiteSpace: 'nowrap' }} title={f.file}>
                  {f.createdAt ? formatTime(f.createdAt) : f.file}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.kind ? t(`backup.kinds.${f.kind}`) : ''}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={f.counts ? undefined : 'red'}>
                    {f.counts ? describeCounts(t, f.counts) : t('backup.list.unreadable')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(f.bytes)}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-sm" variant="light" onClick={() => onVerify(f.file)}>
                      {t('backup.list.verify')}
                    </Button>
                    <Button size="compact-sm" variant="light" color="red" onClick={() => onRestore(f.file)} disabled={!f.createdAt}>
                      {t('backup.list.restore')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
