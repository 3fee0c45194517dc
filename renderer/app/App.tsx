import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ForcedPasswordChange } from '../features/auth/ChangePasswordForm';
import { LockScreen } from '../features/auth/LockScreen';
import { LoginScreen } from '../features/auth/LoginScreen';
import { useAuthStatus } from '../features/auth/queries';
import { SetupWizard } from '../features/auth/SetupWizard';
import { messageOf } from '../lib/api';
import { Shell } from './Shell';

/** First run, login, lock, forced password change, or the registers: decided by the login gate. */
export function App() {
  const { t } = useTranslation();
  const status = useAuthStatus();

  if (status.isPending) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Loader />
          <Text c="dimmed">{t('app.loading')}</Text>
        </Stack>
      </Center>
    );
  }
  if (status.isError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" icon={<IconAlertTriangle />} title={t('app.name')} maw={560}>
          {t('app.connectionError', { message: messageOf(status.error) })}
        </Alert>
      </Center>
    );
  }
  const s = status.data;
  switch (s.phase) {
    case 'setup':
      return <SetupWizard />;
    case 'login':
      return <LoginScreen unitName={s.unitName} />;
    case 'locked':
      return <LockScreen status={s} />;
    case 'open':
      return s.user?.mustChangePassword ? <ForcedPasswordChange unitName={s.unitName} /> : <Shell status={s} />;
  }
}
