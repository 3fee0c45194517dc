import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../../common/api/contract';
import { isCivilDate } from '../../../common/contracts';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { ApiFailure, messageOf } from '../../lib/api';
import { useContractMutations } from './queries';

/** 作废 with a reason; the record stays, nothing is deleted. */
export function VoidContractModal({ contract, onClose }: { contract: Contract | null; onClose(): void }) {
  const { t } = useTranslation();
  const mutations = useContractMutations();
  return (
    <VoidReasonModal
      opened={contract !== null}
      title={t('contracts.voidTitle')}
      body={t('contracts.voidBody', { number: contract?.mainNumber ?? '' })}
      reasonLabel={t('contracts.voidReason')}
      reasonPlaceholder={t('contracts.voidReasonPlaceholder')}
      confirmLabel={t('contracts.voidConfirm')}
      pending={mutations.void.isPending}
      onConfirm={async (reason) => {
        if (!contract) return;
        const voided = await mutations.void.mutateAsync({ contract, reason });
        notifications.show({ color: 'green', message: t('contracts.voided', { number: voided.mainNumber }) });
      }}
      onClose={onClose}
    />
  );
}

/** 终止: the day the contract ended early and why. */
export function TerminateContractModal({ contract, onClose }: { contract: Contract | null; onClose(): void }) {
  const { t } = useTranslation();
  const mutations = useContractMutations();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ terminatedOn: string | null; reason: string }>({
    initialValues: { terminatedOn: null, reason: '' },
    validate: {
      terminatedOn: (v) => (v && isCivilDate(v) ? null : t('contracts.terminateDateRequired')),
      reason: (v) => (v.trim().length >= 2 ? null : t('contracts.terminateReasonRequired')),
    },
  });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ terminatedOn, reason }) => {
    if (!contract || !terminatedOn) return;
    setError(null);
    try {
      const done = await mutations.terminate.mutateAsync({ contract, terminatedOn, reason });
      notifications.show({ color: 'green', message: t('contracts.terminated', { number: done.mainNumber }) });
      close();
    } catch (e) {
      if (e instanceof ApiFailure && (e.error.field === 'terminatedOn' || e.error.field === 'reason')) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });
  return (
    <Modal opened={contract !== null} onClose={close} title={t('contracts.terminateTitle')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('contracts.terminateBody', { number: contract?.mainNumber ?? '' })}</Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <DateInput label={t('contracts.terminatedOn')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" {...form.getInputProps('terminatedOn')} />
          <Textarea label={t('contracts.terminateReason')} withAsterisk autosize minRows={2} maxLength={200} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={mutations.terminate.isPending}>
              {t('contracts.terminateConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
