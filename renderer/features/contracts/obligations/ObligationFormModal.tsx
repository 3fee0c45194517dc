import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { obligationFieldsSchema, type Obligation, type ObligationFields } from '../../../../common/api/obligation';
import { OBLIGATION_KINDS, SERVICE_LIMIT_UNITS, describeObligationSchedule, type ObligationKind } from '../../../../common/contracts/obligations';
import type { ServiceLimitUnit } from '../../../../common/contracts/schedule';
import { ApiFailure, messageOf } from '../../../lib/api';
import { useGuardedClose } from '../../../lib/useGuardedClose';
import { useObligationMutations } from './queries';

interface Values {
  title: string;
  clause: string;
  kind: ObligationKind;
  times: number | string;
  atLeast: number | string;
  due: string | null;
  within: number | string;
  unit: ServiceLimitUnit | null;
  action: string;
  note: string;
}

const EMPTY: Values = { title: '', clause: '', kind: 'quarterly', times: '', atLeast: '', due: null, within: '', unit: 'hour', action: '', note: '' };

const num = (v: number | string): number | null => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));

function toFields(v: Values): ObligationFields {
  return {
    title: v.title,
    clause: v.clause,
    kind: v.kind,
    times: num(v.times),
    atLeast: num(v.atLeast),
    due: v.due,
    within: num(v.within),
    unit: v.unit,
    action: v.action,
    note: v.note,
  };
}

function fromObligation(o: Obligation): Values {
  return {
    title: o.title,
    clause: o.clause,
    kind: o.kind,
    times: o.times ?? '',
    atLeast: o.atLeast ?? '',
    due: o.due,
    within: o.within ?? '',
    unit: o.unit ?? 'hour',
    action: o.action,
    note: o.note,
  };
}

/** The same rules as the core, on every field, before anything is sent. */
function validate(v: Values): Record<string, string> {
  const parsed = obligationFieldsSchema.safeParse(toFields(v));
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'title')] ??= issue.message;
  return errors;
}

/** 新增/编辑履行义务: what the vendor must do, on which schedule or within which limit. */
export function ObligationFormModal(props: { opened: boolean; contractId: number; editing: Obligation | null; onClose(): void }) {
  const { t } = useTranslation();
  const mutations = useObligationMutations();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: EMPTY, validate });
  const { setValues, resetDirty } = form;

  useEffect(() => {
    if (!props.opened) return;
    const values = props.editing ? fromObligation(props.editing) : EMPTY;
    setValues(values);
    resetDirty(values);
    setError(null);
    // Only when the dialog opens, or opens for another record.
  }, [props.opened, props.editing?.id]);

  const close = () => {
    form.reset();
    props.onClose();
  };
  const requestClose = useGuardedClose(() => form.isDirty(), close);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const fields = toFields(values);
    try {
      const saved = props.editing
        ? await mutations.update.mutateAsync({ ...fields, id: props.editing.id, rev: props.editing.rev })
        : await mutations.create.mutateAsync({ ...fields, contractId: props.contractId });
      notifications.show({ color: 'green', message: t(props.editing ? 'obligations.updated' : 'obligations.created', { title: saved.title }) });
      close();
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field && e.error.field in EMPTY) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });

  const kind = form.values.kind;
  const periodic = kind !== 'once' && kind !== 'service-level';
  const v = form.values;
  const preview = describeObligationSchedule({ kind, times: num(v.times), atLeast: num(v.atLeast), due: v.due, within: num(v.within), unit: v.unit, action: v.action });
  return (
    <Modal opened={props.opened} onClose={requestClose} title={t(props.editing ? 'obligations.editTitle' : 'obligations.newTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <TextInput label={t('obligations.fields.title')} placeholder={t('obligations.fields.titlePlaceholder')} withAsterisk data-autofocus maxLength={100} {...form.getInputProps('title')} />
          <SimpleGrid cols={2}>
            <TextInput label={t('obligations.fields.clause')} placeholder={t('obligations.fields.clausePlaceholder')} maxLength={60} {...form.getInputProps('clause')} />
            <Select
              label={t('obligations.fields.kind')}
              withAsterisk
              allowDeselect={false}
              data={OBLIGATION_KINDS.map((k) => ({ value: k, label: t(`obligations.kind.${k}`) }))}
              {...form.getInputProps('kind')}
            />
          </SimpleGrid>
          {kind === 'times-per-year' && (
            <NumberInput label={t('obligations.fields.times')} withAsterisk min={1} max={365} allowDecimal={false} {...form.getInputProps('times')} />
          )}
          {periodic && (
            <NumberInput
              label={t('obligations.fields.atLeast')}
              description={t('obligations.fields.atLeastHint')}
              min={1}
              max={1000}
              allowDecimal={false}
              {...form.getInputProps('atLeast')}
            />
          )}
          {kind === 'once' && <DateInput label={t('obligations.fields.due')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" {...form.getInputProps('due')} />}
          {kind === 'service-level' && (
            <SimpleGrid cols={3}>
              <NumberInput label={t('obligations.fields.within')} withAsterisk min={0} decimalScale={2} {...form.getInputProps('within')} />
              <Select
                label={t('obligations.fields.unit')}
                withAsterisk
                allowDeselect={false}
                data={SERVICE_LIMIT_UNITS.map((u) => ({ value: u, label: t(`obligations.unit.${u}`) }))}
                {...form.getInputProps('unit')}
              />
              <TextInput label={t('obligations.fields.action')} placeholder={t('obligations.fields.actionPlaceholder')} maxLength={20} {...form.getInputProps('action')} />
            </SimpleGrid>
          )}
          <Text size="sm" c="dimmed" data-testid="obligation-schedule-preview">
            {t('obligations.preview', { text: preview })}
          </Text>
          <Textarea label={t('obligations.fields.note')} autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
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
    </Modal>
  );
}
