import { Button, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpFiling } from '../../../common/api/ipfiling';
import { api, messageOf, unwrap } from '../../lib/api';
import type { ChecklistActionProps } from '../people/checklistActions';
import { RevokeModal } from './FilingActionModals';

/** The 报备编号 a departure-checklist item of the IP register names: its key is `ip:<报备编号>`. */
export const filingNumberOfItem = (key: string): string => key.replace(/^ip:/, '');

/**
 * 撤销报备 beside an open IP item of a departure checklist: reads the filing the item names, asks for
 * the reason and the day (the revocation cannot be undone), revokes it; the checklist then reads the
 * item as done (the revoke refreshes every view of people).
 */
export function RevokeChecklistAction({ item, canWrite }: ChecklistActionProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [filing, setFiling] = useState<IpFiling | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canWrite) return null;
  const number = filingNumberOfItem(item.key);
  const open = async () => {
    setLoading(true);
    setError(null);
    try {
      setFiling(await qc.fetchQuery({ queryKey: ['ipfiling:get', number], queryFn: () => unwrap(api().ipfiling.get({ number })), staleTime: 0 }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Button size="compact-xs" variant="light" color="red" leftSection={<IconPlayerStop size={12} />} loading={loading} onClick={open} aria-label={t('ipfilings.checklist.revokeLabel', { number })}>
        {t('ipfilings.checklist.revoke')}
      </Button>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <RevokeModal filing={filing} onClose={() => setFiling(null)} />
    </>
  );
}
