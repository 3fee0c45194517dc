import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, messageOf } from '../../lib/api';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields } from './NewPasswordFields';
import { authCalls, useAuthAction } from './queries';

/** Forgot every password: the recovery code opens the database and sets a new password for one account. */
export function RecoverForm({ unitName, onBack }: { unitName: string; onBack(): void }) {
  const { t } = useTranslation();
  const recover = useAuthAction(authCalls.recover);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { recoveryCode: '', username: '', newPassword: '', confirm: '' },
    validate: {
      recoveryCode: (v) => (v.replace(/[^0-9A-Za-z]/g, '').length === 24 ? null : t('auth.recoveryCodeFormat')),
      username: (v) => (v.trim() ? null : t('auth.usernameRequired')),
      newPassword: (v) => (v ? null : t('auth.passwordRequired')),
      confirm: (v, values) => (v === values.newPassword ? null : t('auth.passwordsDiffer')),
    },
  });
  const submit = form.onSubmit(async ({ confirm: _c, ...values }) => {
    setError(null);
    try {
      await recover.mutateAsync(values);
      notifications.show({ color: 'orange', autoClose: false, title: t('auth.recoveredTitle'), message: t('auth.recovered') });
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field && e.error.field in form.getValues()) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });
  return (
    <AuthLayout unitName={unitName} width={480}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3}>{t('auth.recoverTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('auth.recoverBody')}
          </Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <TextInput label={t('auth.recoveryCode')} placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }} withAsterisk data-autofocus {...form.getInputProps('recoveryCode')} />
          <TextInput label={t('auth.recoverAccount')} description={t('auth.recoverAccountHint')} withAsterisk {...form.getInputProps('username')} />
          <NewPasswordFields form={form} field="newPassword" confirmField="confirm" />
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" onClick={onBack}>
              {t('auth.backToLogin')}
            </Button>
            <Button type="submit" loading={recover.isPending}>
              {t('auth.recoverSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
