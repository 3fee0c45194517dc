import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { voidInput } from '../../common/api/common';
import { messageOf } from '../lib/api';

const reasonSchema = voidInput.pick({ reason: true });

/**
 * 作废 with a reason, for any register: the record stays, nothing is deleted. `onConfirm` does
 * the call; a refusal is shown in the dialog and the reason typed is kept.
 */
export function VoidReasonModal(props: {
  opened: boolean;
  title: string;
  body: string;
  reasonLabel: string;
  reasonPlaceholder: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm(reason: string): Promise<void>;
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
    setError(null);
    try {
      await props.onConfirm(reason);
      close();
    } catch (e) {
      setError(messageOf(e));
    }
  });

  return (
    <Modal opened={props.opened} onClose={close} title={props.title} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{props.body}</Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Textarea
            label={props.reasonLabel}
            placeholder={props.reasonPlaceholder}
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
            <Button type="submit" color="red" loading={props.pending}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
