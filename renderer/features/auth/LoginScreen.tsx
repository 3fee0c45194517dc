import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../lib/api';
import { RestoreFromBackupForm } from '../backup/RestoreFromBackupForm';
import { RestoreNotice } from '../backup/RestoreNotice';
import { useRestoreNotice } from '../backup/store';
import { AuthLayout } from './AuthLayout';
import { authCalls, useAuthAction } from './queries';
import { RecoverForm } from './RecoverForm';

export function LoginScreen({ unitName }: { unitName: string }) {
  const { t } = useTranslation();
  const [recovering, setRecovering] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const login = useAuthAction(authCalls.login);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('auth.usernameRequired')),
      password: (v) => (v ? null : t('auth.passwordRequired')),
    },
  });

  if (recovering) return <RecoverForm unitName={unitName} onBack={() => setRecovering(false)} />;
  if (restoring) return <RestoreFromBackupForm unitName={unitName} onBack={() => setRestoring(false)} />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await login.mutateAsync(values);
      useRestoreNotice.getState().dismiss();
    } catch (e) {
      setError(messageOf(e));
      form.setFieldValue('password', '');
    }
  });

  return (
    <AuthLayout unitName={unitName}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3}>{t('auth.loginTitle')}</Title>
          <RestoreNotice />
          {error && (
            <Alert color="red" variant="light" data-testid="login-error">
              {error}
            </Alert>
          )}
          <TextInput label={t('auth.username')} autoComplete="username" data-autofocus autoFocus {...form.getInputProps('username')} />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            {t('auth.login')}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {t('auth.forgot')}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => setRecovering(true)}>
              {t('auth.useRecovery')}
            </Anchor>
          </Text>
          <Text size="sm" c="dimmed" ta="center" mt={-8}>
            {t('backup.login.entryHint')}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => setRestoring(true)}>
              {t('backup.login.entry')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
