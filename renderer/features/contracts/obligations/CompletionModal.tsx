import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Completion, Obligation } from '../../../../common/api/obligation';
import { isCivilDate } from '../../../../common/contracts';
import { SavedThenAttach } from '../../../components/attachments/SavedThenAttach';
import { ApiFailure, messageOf } from '../../../lib/api';
import { useGuardedClose } from '../../../lib/useGuardedClose';
import { useObligationMutations } from './queries';

/**
 * 登记完成: the day it was done and what was done; once saved, the report can be attached to the
 * record right here (the scan of a 漏洞扫描报告, a signed 培训签到表).
 */
export function CompletionModal({ obligation, onClose }: { obligation: Obligation | null; onClose(): void }) {
  const { t } = useTranslation();
  const mutations = useObligationMutations();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Completion | null>(null);
  const form = useForm<{ doneOn: string | null; description: string }>({
    initialValues: { doneOn: null, description: '' },
    validate: {
      doneOn: (v) => (v && isCivilDate(v) ? null : t('obligations.complete.dateRequired')),
      description: (v) => (v.trim().length >= 2 ? null : t('obligations.complete.descriptionRequired')),
    },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (!obligation) return;
    const values = { doneOn: dayjs().format('YYYY-MM-DD'), description: '' };
    setValues(values);
    resetDirty(values);
    setSaved(null);
    setError(null);
  }, [obligation?.id]);

  const close = () => {
    form.reset();
    setSaved(null);
    onClose();
  };
  const requestClose = useGuardedClose(() => saved === null && form.isDirty() && form.values.description.trim() !== '', close);

  const submit = form.onSubmit(async ({ doneOn, description }) => {
    if (!obligation || !doneOn) return;
    setError(null);
    try {
      const result = await mutations.complete.mutateAsync({ obligationId: obligation.id, doneOn, description });
      notifications.show({ color: 'green', message: t('obligations.complete.done', { title: obligation.title, date: doneOn }) });
      setSaved(result.completion);
    } catch (e) {
      if (e instanceof ApiFailure && (e.error.field === 'doneOn' || e.error.field === 'description')) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });

  return (
    <Modal opened={obligation !== null} onClose={requestClose} title={t('obligations.complete.title', { title: obligation?.title ?? '' })} size="lg">
      {saved ? (
        <SavedThenAttach
          testId="completion-saved"
          message={t('obligations.complete.savedBody', { date: saved.doneOn })}
          ownerType="completion"
          ownerUuid={saved.uuid}
          finish={t('obligations.complete.finish')}
          onFinish={close}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {obligation && (
              <Text size="sm" c="dimmed">
                {obligation.next.state === 'due'
                  ? t('obligations.complete.period', { from: obligation.next.periodStart, to: obligation.next.due, done: obligation.next.done, required: obligation.next.required })
                  : obligation.scheduleText}
              </Text>
            )}
            {error && (
              <Alert color="red" variant="light">
                {error}
              </Alert>
            )}
            <DateInput label={t('obligations.complete.doneOn')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" maxDate={dayjs().format('YYYY-MM-DD')} {...form.getInputProps('doneOn')} />
            <Textarea
              label={t('obligations.complete.description')}
              placeholder={t('obligations.complete.descriptionPlaceholder')}
              withAsterisk
              data-autofocus
              autosize
              minRows={3}
              maxLength={500}
              {...form.getInputProps('description')}
            />
            <Text size="xs" c="dimmed">
              {t('obligations.complete.attachHint')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={requestClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutations.complete.isPending}>
                {t('obligations.complete.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
