import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Training } from '../../../common/api/training';
import { SavedThenAttach } from '../../components/attachments/SavedThenAttach';
import { ApiFailure, messageOf } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { AttendeePicker, type AttendeeInfo } from './AttendeePicker';
import { newTrainingValues, trainingField, trainingFieldsOf, trainingValuesOf, validateTraining, type TrainingValues } from './formValues';
import { useTrainingMutations } from './queries';

/**
 * 登记/编辑保密教育: date, topic, hours (one decimal), trainer, note and the attendees, many at once.
 * Validated with the core's schema; a refusal is shown at its field and keeps what was typed. A new
 * session's material (slides, the signed attendance sheet) can be attached as soon as it is saved.
 */
export function TrainingFormModal(props: { opened: boolean; editing: Training | null; onClose(): void; onSaved?(t: Training): void }) {
  const { t } = useTranslation();
  const mutations = useTrainingMutations();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Training | null>(null);
  const form = useForm<TrainingValues>({
    initialValues: newTrainingValues(dayjs().format('YYYY-MM-DD')),
    validate: (v) => validateTraining(v, { heldOnRequired: t('peopleRecords.trainings.heldOnRequired') }),
  });
  const { setValues, resetDirty } = form;
  const known = useMemo(
    () => new Map<string, AttendeeInfo>((props.editing?.attendees ?? []).map((a) => [String(a.personId), { name: a.name, orgName: a.orgName }])),
    [props.editing],
  );

  useEffect(() => {
    if (!props.opened) return;
    const values = props.editing ? trainingValuesOf(props.editing) : newTrainingValues(dayjs().format('YYYY-MM-DD'));
    setValues(values);
    resetDirty(values);
    setError(null);
    setSaved(null);
    // Only when the dialog opens, or opens for another record.
  }, [props.opened, props.editing?.id]);

  const close = () => {
    form.reset();
    setSaved(null);
    props.onClose();
  };
  const requestClose = useGuardedClose(() => saved === null && form.isDirty(), close);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const fields = trainingFieldsOf(values);
    try {
      if (props.editing) {
        const done = await mutations.update.mutateAsync({ ...fields, id: props.editing.id, rev: props.editing.rev });
        notifications.show({ color: 'green', message: t('peopleRecords.trainings.updated', { topic: done.topic }) });
        props.onSaved?.(done);
        close();
      } else {
        const done = await mutations.create.mutateAsync(fields);
        notifications.show({ color: 'green', message: t('peopleRecords.trainings.created', { topic: done.topic, count: done.attendees.length }) });
        props.onSaved?.(done);
        setSaved(done);
      }
    } catch (e) {
      const field = e instanceof ApiFailure && e.error.field ? trainingField(e.error.field) : null;
      if (field && field in values) form.setFieldError(field, (e as ApiFailure).message);
      else setError(messageOf(e));
    }
  });

  return (
    <Modal
      opened={props.opened}
      onClose={requestClose}
      title={t(props.editing ? 'peopleRecords.trainings.editTitle' : 'peopleRecords.trainings.newTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {saved ? (
        <SavedThenAttach
          testId="training-saved"
          message={t('peopleRecords.trainings.savedBody', { topic: saved.topic, date: saved.heldOn, count: saved.attendees.length })}
          ownerType="training"
          ownerUuid={saved.uuid}
          finish={t('peopleRecords.trainings.finish')}
          onFinish={close}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {error && (
              <Alert color="red" variant="light" data-testid="form-error">
                {error}
              </Alert>
            )}
            <SimpleGrid cols={3}>
              <DateInput
                label={t('peopleRecords.trainings.fields.heldOn')}
                withAsterisk
                valueFormat="YYYY-MM-DD"
                placeholder="YYYY-MM-DD"
                {...form.getInputProps('heldOn')}
              />
              <NumberInput
                label={t('peopleRecords.trainings.fields.hours')}
                placeholder={t('peopleRecords.trainings.hoursHint')}
                withAsterisk
                min={0.1}
                max={100}
                step={0.5}
                decimalScale={1}
                allowNegative={false}
                {...form.getInputProps('hours')}
              />
              <TextInput
                label={t('peopleRecords.trainings.fields.trainer')}
                placeholder={t('peopleRecords.trainings.trainerPlaceholder')}
                maxLength={30}
                {...form.getInputProps('trainer')}
              />
            </SimpleGrid>
            <TextInput
              label={t('peopleRecords.trainings.fields.topic')}
              placeholder={t('peopleRecords.trainings.topicPlaceholder')}
              withAsterisk
              data-autofocus
              maxLength={100}
              {...form.getInputProps('topic')}
            />
            <AttendeePicker
              key={props.editing?.id ?? 'new'}
              value={form.values.attendeeIds}
              onChange={(ids) => form.setFieldValue('attendeeIds', ids)}
              known={known}
              error={form.errors.attendeeIds}
            />
            <Textarea label={t('peopleRecords.trainings.fields.note')} autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
            {!props.editing && (
              <Text size="xs" c="dimmed">
                {t('peopleRecords.trainings.attachHint')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={requestClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutations.create.isPending || mutations.update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
