import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../lib/api';
import { formatTime } from './labels';
import type { useAuditVerify } from './queries';

/** Progress while the chain is recomputed, then the result: 通过 N 条, or the first broken record and why. */
export function VerifyPanel({ verify, onOpen }: { verify: ReturnType<typeof useAuditVerify>; onOpen(seq: number): void }) {
  const { t } = useTranslation();

  if (verify.isPending) {
    const { done, total } = verify.progress ?? { done: 0, total: 0 };
    return (
      <Paper withBorder p="md" data-testid="audit-verify-progress" role="status">
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="sm">{t('audit.verify.running')}</Text>
            {total > 0 && (
              <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t('audit.verify.progress', { done, total })}
              </Text>
            )}
          </Group>
          <Progress value={total > 0 ? (done / total) * 100 : 100} animated striped={total === 0} aria-label={t('audit.verify.button')} />
        </Stack>
      </Paper>
    );
  }
  if (verify.isError) {
    return (
      <Alert color="red" variant="light" title={t('common.failed')} withCloseButton onClose={verify.reset}>
        {messageOf(verify.error)}
      </Alert>
    );
  }
  const v = verify.data;
  if (!v) return null;
  if (v.ok) {
    return (
      <Alert
        color="green"
        variant="light"
        icon={<IconShieldCheck />}
        title={t('audit.verify.okTitle')}
        withCloseButton
        onClose={verify.reset}
        data-testid="audit-verify-result"
      >
        <Text size="sm">{t('audit.verify.okBody', { count: v.checked })}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          {t('audit.verify.verifiedAt', { at: formatTime(v.verifiedAt) })}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconShieldX />}
      title={t('audit.verify.failTitle')}
      withCloseButton
      onClose={verify.reset}
      data-testid="audit-verify-result"
    >
      <Stack gap={6}>
        {v.broken && (
          <>
            <Text size="sm" fw={700}>
              {t('audit.verify.failBody', { seq: v.broken.seq })}
            </Text>
            <Text size="sm">{t('audit.verify.failReason', { reason: v.broken.reason })}</Text>
          </>
        )}
        <Text size="sm">{t('audit.verify.failChecked', { checked: v.checked, total: v.total })}</Text>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('audit.verify.verifiedAt', { at: formatTime(v.verifiedAt) })}
          </Text>
          {v.broken && (
            <Button size="xs" variant="light" color="red" onClick={() => onOpen(v.broken!.seq)}>
              {t('audit.verify.openBroken', { seq: v.broken.seq })}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
