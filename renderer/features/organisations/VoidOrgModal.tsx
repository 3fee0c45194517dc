import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../../common/api/org';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { useOrgMutations } from './queries';

/** 作废 with a reason; the record stays, nothing is deleted. */
export function VoidOrgModal({ org, onClose }: { org: Org | null; onClose(): void }) {
  const { t } = useTranslation();
  const mutations = useOrgMutations();
  return (
    <VoidReasonModal
      opened={org !== null}
      title={t('org.voidTitle')}
      body={t('org.voidBody', { name: org?.name ?? '' })}
      reasonLabel={t('org.voidReason')}
      reasonPlaceholder={t('org.voidReasonPlaceholder')}
      confirmLabel={t('org.voidConfirm')}
      pending={mutations.void.isPending}
      onConfirm={async (reason) => {
        if (!org) return;
        const voided = await mutations.void.mutateAsync({ org, reason });
        notifications.show({ color: 'green', message: t('org.voided', { name: voided.name }) });
      }}
      onClose={onClose}
    />
  );
}
