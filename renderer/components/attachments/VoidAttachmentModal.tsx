import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../common/api/attachment';
import { VoidReasonModal } from '../VoidReasonModal';
import type { useAttachmentMutations } from './queries';

/** 作废 with a reason; the file stays in the database. */
export function VoidAttachmentModal(props: {
  attachment: Attachment | null;
  mutation: ReturnType<typeof useAttachmentMutations>['void'];
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <VoidReasonModal
      opened={props.attachment !== null}
      title={t('attachments.voidTitle')}
      body={t('attachments.voidBody', { name: props.attachment?.fileName ?? '' })}
      reasonLabel={t('attachments.voidReason')}
      reasonPlaceholder={t('attachments.voidReasonPlaceholder')}
      confirmLabel={t('attachments.voidConfirm')}
      pending={props.mutation.isPending}
      onConfirm={async (reason) => {
        if (!props.attachment) return;
        const voided = await props.mutation.mutateAsync({ id: props.attachment.id, reason });
        notifications.show({ color: 'green', message: t('attachments.voided', { name: voided.fileName }) });
      }}
      onClose={props.onClose}
    />
  );
}
