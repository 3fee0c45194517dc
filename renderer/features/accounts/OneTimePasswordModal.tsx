import { Alert, Button, CopyButton, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../common/api/account';

export interface IssuedPassword {
  account: AccountView;
  oneTimePassword: string;
  /** A new account, or a reset of an existing one. */
  kind: 'created' | 'reset';
}

/**
 * Shows a one-time password exactly once. It leaves the renderer when the modal closes; only an
 * explicit button closes it, so it cannot be dismissed by a stray click before it is written down.
 */
export function OneTimePasswordModal({ issued, onClose }: { issued: IssuedPassword | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={issued !== null}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t(issued?.kind === 'reset' ? 'accounts.otp.resetTitle' : 'accounts.otp.createdTitle')}
      size="md"
    >
      {issued && (
        <Stack gap="md">
          <Text size="sm">{t('accounts.otp.body', { name: issued.account.displayName, username: issued.account.username })}</Text>
          <Paper withBorder p="md" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" wrap="nowrap">
              <Text
                data-testid="one-time-password"
                ff="monospace"
                fz={24}
                fw={600}
                style={{ letterSpacing: '0.06em', userSelect: 'all', whiteSpace: 'nowrap' }}
                aria-label={t('accounts.otp.label')}
              >
                {issued.oneTimePassword}
              </Text>
              <CopyButton value={issued.oneTimePassword}>
                {({ copied, copy }) => (
                  <Button
                    variant="light"
                    color={copied ? 'teal' : 'gray'}
                    size="xs"
                    style={{ flexShrink: 0 }}
                    leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    onClick={copy}
                  >
                    {t(copied ? 'accounts.otp.copied' : 'accounts.otp.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Paper>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('accounts.otp.once')}
              </Text>
              <Text size="sm">{t('accounts.otp.handOver')}</Text>
              <Text size="sm">{t('accounts.otp.mustChange')}</Text>
              {issued.kind === 'created' && issued.account.roles.length === 0 && <Text size="sm">{t('accounts.otp.needsRoles')}</Text>}
            </Stack>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('accounts.otp.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
