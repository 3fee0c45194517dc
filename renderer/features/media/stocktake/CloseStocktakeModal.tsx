import { Alert, Button, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stocktakeCloseSchema, type StocktakeDetail } from '../../../../common/api/stocktake';
import { ApiFailure, messageOf } from '../../../lib/api';
import { useStocktakeMutations } from './queries';

const formSchema = stocktakeCloseSchema.pick({ conclusion: true, checker: true, supervisor: true });
const SHOWN = 12;

/**
 * 结束清查: the counts, the media still unmarked (they become 缺失), the conclusion and the names of
 * the 清查人 and the 监督人. The core refuses if the unmarked count changed since this was shown.
 */
export function CloseStocktakeModal(props: { session: StocktakeDetail | null; defaultChecker: string; onClose(): void }) {
  const { t } = useTranslation();
  const { close } = useStocktakeMutations();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { conclusion: '', checker: '', supervisor: '' }, validate: schemaResolver(formSchema, { sync: true }) });
  const { setValues } = form;
  const s = props.session;
  useEffect(() => {
    if (!s) return;
    setError(null);
    setValues({ conclusion: '', checker: props.defaultChecker, supervisor: '' });
  }, [s?.id, props.defaultChecker, setValues]);

  const unmarked = s?.items.filter((i) => i.result === null) ?? [];
  const submit = form.onSubmit(async (v) => {
    if (!s) return;
    setError(null);
    try {
      const done = await close.mutateAsync({ id: s.id, ...v, unmarked: unmarked.length });
      notifications.show({ color: 'green', message: t('stocktake.closeDialog.closed', { number: done.number, missing: done.counts.missing, differs: done.counts.differs }) });
      props.onClose();
    } catch (e) {
      const field = e instanceof ApiFailure ? e.error.field : undefined;
      if (field === 'conclusion' || field === 'checker' || field === 'supervisor') form.setFieldError(field, messageOf(e));
      else setError(messageOf(e));
    }
  });

  return (
    <Modal opened={s !== null} onClose={props.onClose} title={s ? t('stocktake.closeDialog.title', { number: s.number }) : ''} size="lg">
      {s && (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" fw={500} data-testid="close-summary">
              {t('stocktake.closeDialog.summary', s.counts)}
            </Text>
            {unmarked.length > 0 ? (
              <Alert color="orange" variant="light" title={t('stocktake.closeDialog.unmarkedTitle', { count: unmarked.length })} data-testid="close-unmarked">
                <List size="sm">
                  {unmarked.slice(0, SHOWN).map((i) => (
                    <List.Item key={i.id}>
                      {i.number} {i.kind} {i.model}（{i.bookText}）
                    </List.Item>
                  ))}
                </List>
                {unmarked.length > SHOWN && <Text size="sm">{t('stocktake.closeDialog.unmarkedMore', { count: unmarked.length })}</Text>}
              </Alert>
            ) : (
              <Text size="sm" c="dimmed">
                {t('stocktake.closeDialog.unmarkedNone')}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('stocktake.closeDialog.effect')}
            </Text>
            {error && (
              <Alert color="red" variant="light">
                {error}
              </Alert>
            )}
            <Textarea
              required
              data-autofocus
              autosize
              minRows={2}
              label={t('stocktake.fields.conclusion')}
              placeholder={t('stocktake.closeDialog.conclusionPlaceholder')}
              {...form.getInputProps('conclusion')}
            />
            <SimpleGrid cols={2}>
              <TextInput required label={t('stocktake.fields.checker')} {...form.getInputProps('checker')} />
              <TextInput required label={t('stocktake.fields.supervisor')} {...form.getInputProps('supervisor')} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={close.isPending}>
                {t('stocktake.closeDialog.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
