import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeInputSchema, type Finding } from '../../../common/api/findings';
import { DateField } from '../../components/DateField';
import { ApiFailure, messageOf } from '../../lib/api';
import { useAcknowledge } from './queries';

const formSchema = acknowledgeInputSchema.pick({ reason: true, until: true });

/** 确认: sets a finding aside until a day, with the reason (audited); errors show at the field. */
export function AcknowledgeModal(props: { finding: Finding | null; today: string; onClose(): void }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledge();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { reason: '', until: '' }, validate: schemaResolver(formSchema, { sync: true }) });
  const { setValues } = form;
  useEffect(() => {
    if (props.finding) setValues({ reason: '', until: dayjs(props.today).add(30, 'day').format('YYYY-MM-DD') });
  }, [props.finding, props.today, setValues]);

  const close = () => {
    setError(null);
    form.clearErrors();
    props.onClose();
  };
  const submit = form.onSubmit(async (values) => {
    const f = props.finding;
    if (!f) return;
    setError(null);
    try {
      await acknowledge.mutateAsync({ ruleId: f.ruleId, key: f.key, ...values });
      notifications.show({ color: 'green', message: t('home.ack.done', { title: f.title }) });
      close();
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field && e.error.field in values) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });

  return (
    <Modal opened={props.finding !== null} onClose={close} title={props.finding ? t('home.ack.title', { title: props.finding.title }) : ''} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {props.finding && (
            <Text size="sm" fw={500}>
              {props.finding.subject}：{props.finding.message}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('home.ack.body')}
          </Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Textarea
            label={t('home.ack.reason')}
            placeholder={t('home.ack.reasonPlaceholder')}
            withAsterisk
            data-autofocus
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
          />
          <DateField
            label={t('home.ack.until')}
            description={t('home.ack.untilHint')}
            withAsterisk
            clearable={false}
            minDate={props.today}
            maxDate={dayjs(props.today).add(1, 'year').format('YYYY-MM-DD')}
            {...form.getInputProps('until')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={acknowledge.isPending}>
              {t('home.ack.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
