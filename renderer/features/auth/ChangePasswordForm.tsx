import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, messageOf } from '../../lib/api';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields } from './NewPasswordFields';
import { authCalls, useAuthAction } from './queries';

/** Changing one's own password: forced after a reset or expiry, or from the user menu. */
export function ChangePasswordForm(props: { forced: boolean; onDone?(): void; onCancel?(): void; onLogout?(): void }) {
  const { t } = useTranslation();
  const change = useAuthAction(authCalls.changePassword);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('auth.passwordRequired')),
      newPassword: (v) => (v ? null : t('auth.passwordRequired')),
      confirm: (v, values) => (v === values.newPassword ? null : t('auth.passwordsDiffer')),
    },
  });
  const submit = form.onSubmit(async ({ confirm: _c, ...values }) => {
    setError(null);
    try {
      await change.mutateAsync(values);
      notifications.show({ color: 'green', message: t('auth.passwordChanged') });
      props.onDone?.();
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field && e.error.field in form.getValues()) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {props.forced && (
          <>
            <Title order={3}>{t('auth.changeTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('auth.changeForcedBody')}
            </Text>
          </>
        )}
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
        <PasswordInput label={t('auth.currentPassword')} autoComplete="current-password" withAsterisk data-autofocus {...form.getInputProps('currentPassword')} />
        <NewPasswordFields form={form} field="newPassword" confirmField="confirm" />
        <Group justify={props.onLogout ? 'space-between' : 'flex-end'} mt="xs">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          {props.onLogout && (
            <Button variant="subtle" color="gray" onClick={props.onLogout}>
              {t('auth.logout')}
            </Button>
          )}
          <Button type="submit" loading={change.isPending}>
            {t('auth.changeSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ForcedPasswordChange({ unitName }: { unitName: string }) {
  const logout = useAuthAction(authCalls.logout);
  return (
    <AuthLayout unitName={unitName} width={460}>
      <ChangePasswordForm forced onLogout={() => logout.mutate(undefined)} />
    </AuthLayout>
  );
}
