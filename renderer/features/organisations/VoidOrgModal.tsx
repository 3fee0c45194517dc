import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm, schemaResolver } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { voidInput } from '../../../common/api/common';
import type { Org } from '../../../common/api/org';
import { messageOf } from '../../lib/api';
import { useOrgMutations } from './queries';

const reasonSchema = voidInput.pick({ reason: true });

/** 作废 with a reason; the record stays, nothing is deleted. */
export function VoidOrgModal({ org, onClose }: { org: Org | null; onClose(): void }) {
  const { t } = useTranslation();
  const mutations = useOrgMutations();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { reason: '' }, validate: schemaResolver(reasonSchema, { sync: true }) });

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ reason }) => {
    if (!org) return;
    setError(null);
    try {
      const voided = await mutations.void.mutateAsync({ org, reason });
      notifications.show({ color: 'green', message: t('org.voided', { name: voided.name }) });
      close();
    } catch (e) {
      setError(messageOf(e));
    }
  });

  return (
    <Modal opened={org !== null} onClose={close} title={t('org.voidTitle')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('org.voidBody', { name: org?.name ?? '' })}</Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Textarea
            label={t('org.voidReason')}
            placeholder={t('org.voidReasonPlaceholder')}
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
            <Button type="submit" color="red" loading={mutations.void.isPending}>
              {t('org.voidConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
