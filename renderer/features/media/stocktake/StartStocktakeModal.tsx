import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stocktakeStartSchema, type StocktakeDetail } from '../../../../common/api/stocktake';
import { MEDIA_KINDS, type MediaKind } from '../../../../common/media/kinds';
import { ApiFailure, messageOf } from '../../../lib/api';
import { useStocktakeMutations, useStocktakeOptions } from './queries';

const titleSchema = stocktakeStartSchema.pick({ title: true });

interface Values {
  title: string;
  orgId: string | null;
  kind: MediaKind | null;
  classification: string | null;
  location: string | null;
}

/** 开始介质清查: a name and the scope (unit, kind, 密级, 存放地点; none: every registered medium). */
export function StartStocktakeModal(props: { opened: boolean; onClose(): void; onStarted(session: StocktakeDetail): void }) {
  const { t } = useTranslation();
  const options = useStocktakeOptions(props.opened);
  const { start } = useStocktakeMutations();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { title: '', orgId: null, kind: null, classification: null, location: null },
    validate: schemaResolver(titleSchema, { sync: true }),
  });
  const { setValues } = form;
  useEffect(() => {
    if (!props.opened) return;
    setError(null);
    setValues({ title: t('stocktake.start.defaultTitle', { year: dayjs().year(), month: dayjs().month() + 1 }), orgId: null, kind: null, classification: null, location: null });
  }, [props.opened, setValues, t]);

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const session = await start.mutateAsync({
        title: v.title,
        scope: { orgId: v.orgId ? Number(v.orgId) : null, kind: v.kind, classification: v.classification, location: v.location },
      });
      notifications.show({ color: 'green', message: t('stocktake.start.started', { number: session.number, count: session.counts.expected }) });
      props.onStarted(session);
    } catch (e) {
      const field = e instanceof ApiFailure ? e.error.field : undefined;
      if (field === 'title' || field === 'orgId') form.setFieldError(field, messageOf(e));
      else setError(messageOf(e));
    }
  });

  const any = t('stocktake.start.any');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('stocktake.start.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('stocktake.start.hint')}
          </Text>
          {error && (
            <Alert color="red" variant="light" data-testid="start-error">
              {error}
            </Alert>
          )}
          <TextInput required data-autofocus label={t('stocktake.start.titleLabel')} placeholder={t('stocktake.start.titlePlaceholder')} {...form.getInputProps('title')} />
          <Text size="sm" fw={500}>
            {t('stocktake.start.scopeLabel')}
          </Text>
          <SimpleGrid cols={2}>
            <Select
              label={t('stocktake.start.org')}
              placeholder={any}
              clearable
              data={(options.data?.orgs ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
              {...form.getInputProps('orgId')}
            />
            <Select label={t('stocktake.start.kind')} placeholder={any} clearable data={[...MEDIA_KINDS]} {...form.getInputProps('kind')} />
            <Select label={t('stocktake.start.classification')} placeholder={any} clearable data={options.data?.classifications ?? []} {...form.getInputProps('classification')} />
            <Select label={t('stocktake.start.location')} placeholder={any} clearable searchable data={options.data?.locations ?? []} {...form.getInputProps('location')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={start.isPending}>
              {t('stocktake.start.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
