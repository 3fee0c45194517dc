import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../common/api/auth';
import { messageOf } from '../../lib/api';
import { AuthLayout } from './AuthLayout';
import { authCalls, useAuthAction } from './queries';

/** The screen is locked: register data is gone from the window until the password is given again. */
export function LockScreen({ status }: { status: AuthStatus }) {
  const { t } = useTranslation();
  const unlock = useAuthAction(authCalls.unlock);
  const logout = useAuthAction(authCalls.logout);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' }, validate: { password: (v) => (v ? null : t('auth.passwordRequired')) } });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await unlock.mutateAsync(values);
    } catch (e) {
      setError(messageOf(e));
      form.setFieldValue('password', '');
    }
  });
  return (
    <AuthLayout unitName={status.unitName}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group gap="xs">
            <IconLock size={22} />
            <Title order={3}>{t('auth.lockedTitle')}</Title>
          </Group>
          <Text size="sm" c="dimmed">
            {t('auth.lockedBody', { name: status.user?.displayName ?? '' })}
          </Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <PasswordInput label={t('auth.password')} autoComplete="current-password" data-autofocus autoFocus {...form.getInputProps('password')} />
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={() => logout.mutate(undefined)}>
              {t('auth.logout')}
            </Button>
            <Button type="submit" loading={unlock.isPending}>
              {t('auth.unlock')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
