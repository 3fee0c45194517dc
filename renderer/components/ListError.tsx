import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../lib/api';

/** Why a register's list could not be read, above its table; nothing while it reads fine. */
export function ListError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={t('common.failed')}>
      {messageOf(error)}
    </Alert>
  );
}
