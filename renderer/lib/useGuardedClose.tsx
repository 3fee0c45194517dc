import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useTranslation } from 'react-i18next';

/** Closing a form with unsaved input asks first; nothing typed is lost silently. */
export function useGuardedClose(isDirty: () => boolean, close: () => void) {
  const { t } = useTranslation();
  return () => {
    if (!isDirty()) return close();
    modals.openConfirmModal({
      title: t('common.discardTitle'),
      children: <Text size="sm">{t('common.discardBody')}</Text>,
      labels: { confirm: t('common.discard'), cancel: t('common.keepEditing') },
      confirmProps: { color: 'red' },
      onConfirm: close,
    });
  };
}
