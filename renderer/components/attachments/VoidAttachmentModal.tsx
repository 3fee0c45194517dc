import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../common/api/attachment';
import { voidInput } from '../../../common/api/common';
import { messageOf } from '../../lib/api';
import type { useAttachmentMutations } from './queries';

const reasonSchema = voidInput.pick({ reason: true });

/** 作废 with a reason; the file stays in the database. */
export function VoidAttachmentModal(props: {
  attachment: Attachment | null;
  mutation: ReturnType<typeof useAttachmentMutations>['void'];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { reason: '' }, validate: schemaResolver(reasonSchema, { sync: true }) });

  const close = () => {
    form.reset();
    setError(null);
    props.onClose();
  };
  const submit = form.onSubmit(async ({ reason }) => {
    if (!props.attachment) return;
    setError(null);
    try {
      const voided = await props.mutation.mutateAsync({ id: props.attachment.id, reason });
      notifications.show({ color: 'green', message: t('attachments.voided', { name: voided.fileName }) });
      close();
    } catch (e) {
      setError(messageOf(e));
    }
  });

  return (
    <Modal opened={props.attachment !== null} onClose={close} title={t('attachments.voidTitle')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('attachments.voidBody', { name: props.attachment?.fileName ?? '' })}</Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Textarea
            label={t('attachments.voidReason')}
            placeholder={t('attachments.voidReasonPlaceholder')}
            withAsterisk
            data-autofocus
            autosize
            minRows={2}
            maxLength={200}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={props.mutation.isPending}>
              {t('attachments.voidConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
