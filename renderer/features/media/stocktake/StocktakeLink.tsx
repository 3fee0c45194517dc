import { Button } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../../app/store';

/** 介质清查 in the media list's header: goes to the stocktake page (its sessions, or a new one). */
export function StocktakeLink() {
  const { t } = useTranslation();
  const setPage = useUi((s) => s.setPage);
  return (
    <Button variant="default" leftSection={<IconClipboardCheck size={16} />} onClick={() => setPage('stocktake')} data-testid="media-stocktake-link">
      {t('nav.stocktake')}
    </Button>
  );
}
