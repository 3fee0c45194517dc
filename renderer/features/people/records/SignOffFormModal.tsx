import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../common/api/person';
import type { SignOffRecord } from '../../../../common/api/signoff';
import { SIGNOFF_KINDS, type SignOffKind } from '../../../../common/people/signoff';
import { SavedThenAttach } from '../../../components/attachments/SavedThenAttach';
import { ApiFailure, messageOf } from '../../../lib/api';
import { useGuardedClose } from '../../../lib/useGuardedClose';
import { useAuthStatus } from '../../auth/queries';
import { ContractSelect, personLabel } from './pickers';
import { useAssignmentsOfPerson, useSignOffMutations } from './queries';
import { ANNUAL, DEPARTURE, newSignOffValues, signOffFieldsOf, signOffValuesOf, validateSignOff, type SignOffValues } from './signOffForm';
import { endOfTyped } from './status';

export interface SignOffFormProps {
  opened: boolean;
  person: Person;
  /** The sign-off to edit; null records a new one. */
  editing: SignOffRecord | null;
  /** For a new one: the contract it is for (from a contract's people), and its kind. */
  presetContractId?: number | null;
  presetKind?: SignOffKind;
  onClose(): void;
}

/**
 * 登记/编辑保密承诺: the paper commitment as signed — kind, contract (or none: the whole office),
 * dates, 脱密期 for 离岗, witness, copies and where they are kept. Validated with the core's own
 * schema; a refusal from the core is shown at its field and keeps what was typed. Once a new one
 * is saved, its scan can be attached right here.
 */
export function SignOffFormModal(props: SignOffFormProps) {
  const { t } = useTranslation();
  const mutations = useSignOffMutations();
  const witness = useAuthStatus().data?.user?.displayName ?? '';
  const assignments = useAssignmentsOfPerson(props.person.id, false, props.opened);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SignOffRecord | null>(null);
  const messages = { signedDateRequired: t('peopleRecords.signoffs.signedDateRequired'), validUntilRequired: t('peopleRecords.signoffs.validUntilRequired') };
  const form = useForm<SignOffValues>({
    initialValues: newSignOffValues({ witness, today: dayjs().format('YYYY-MM-DD') }),
    validate: (v) => validateSignOff(v, messages),
  });
  const { setValues, resetDirty } = form;

  useEffect(() => {
    if (!props.opened) return;
    const values = props.editing
      ? signOffValuesOf(props.editing)
      : newSignOffValues({ kind: props.presetKind, contractId: props.presetContractId, witness, today: dayjs().format('YYYY-MM-DD') });
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
    const fields = signOffFieldsOf(values, props.editing?.templateVersion ?? null);
    try {
      if (props.editing) {
        const done = await mutations.update.mutateAsync({ ...fields, id: props.editing.id, rev: props.editing.rev });
        notifications.show({ color: 'green', message: t('peopleRecords.signoffs.updated', { name: done.personName, kind: t(`peopleRecords.kind.${done.kind}`) }) });
        close();
      } else {
        const done = await mutations.create.mutateAsync({ ...fields, personId: props.person.id });
        notifications.show({ color: 'green', message: t('peopleRecords.signoffs.created', { name: done.personName, kind: t(`peopleRecords.kind.${done.kind}`) }) });
        setSaved(done);
      }
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field && e.error.field in values) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });

  const v = form.values;
  const annual = v.kind === ANNUAL;
  const end = endOfTyped(v.kind, v.signedDate, null);
  const title = t(props.editing ? 'peopleRecords.signoffs.editTitle' : 'peopleRecords.signoffs.newTitle', { name: personLabel(props.person) });
  return (
    <Modal opened={props.opened} onClose={requestClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {saved ? (
        <SavedThenAttach
          testId="signoff-saved"
          message={t('peopleRecords.signoffs.savedBody', { kind: t(`peopleRecords.kind.${saved.kind}`), date: saved.signedDate })}
          ownerType="signoff"
          ownerUuid={saved.uuid}
          finish={t('peopleRecords.signoffs.finish')}
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
            <SimpleGrid cols={2}>
              <Select
                label={t('peopleRecords.signoffs.fields.kind')}
                withAsterisk
                allowDeselect={false}
                data-autofocus
                data={SIGNOFF_KINDS.map((k) => ({ value: k, label: t(`peopleRecords.kind.${k}`) }))}
                {...form.getInputProps('kind')}
              />
              <ContractSelect
                label={t('peopleRecords.signoffs.fields.contract')}
                placeholder={t('peopleRecords.signoffs.anyContract')}
                clearable
                assigned={assignments.data}
                current={
                  props.editing?.contractId
                    ? { id: props.editing.contractId, mainNumber: props.editing.contractMainNumber ?? '', projectName: props.editing.contractProjectName ?? '' }
                    : null
                }
                value={v.contractId}
                onChange={(id) => form.setFieldValue('contractId', id)}
                error={form.errors.contractId}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={-6} data-testid="signoff-kind-hint">
              {t(`peopleRecords.kindHint.${v.kind}`)}
              {v.contractId === null ? ` ${t('peopleRecords.signoffs.anyContractHint')}` : ''}
            </Text>
            <SimpleGrid cols={2}>
              <DateInput label={t('peopleRecords.signoffs.fields.signedDate')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" {...form.getInputProps('signedDate')} />
              <Stack gap={4}>
                <DateInput
                  label={t('peopleRecords.signoffs.fields.validUntil')}
                  valueFormat="YYYY-MM-DD"
                  placeholder={annual ? t('peopleRecords.signoffs.oneYearPlaceholder') : 'YYYY-MM-DD'}
                  clearable
                  disabled={!annual && v.longTerm}
                  description={annual ? (end ? t('peopleRecords.signoffs.annualHint', { end }) : t('peopleRecords.signoffs.annualHintNoDate')) : undefined}
                  {...form.getInputProps('validUntil')}
                />
                {!annual && (
                  <Checkbox
                    size="xs"
                    label={t('peopleRecords.signoffs.fields.longTerm')}
                    checked={v.longTerm}
                    onChange={(e) => {
                      const longTerm = e.currentTarget.checked;
                      form.setFieldValue('longTerm', longTerm);
                      if (longTerm) form.setFieldValue('validUntil', null);
                      form.clearFieldError('validUntil');
                    }}
                  />
                )}
              </Stack>
            </SimpleGrid>
            {v.kind === DEPARTURE && (
              <Stack gap={4} data-testid="declassify-fields">
                <SimpleGrid cols={2}>
                  <DateInput label={t('peopleRecords.signoffs.fields.declassifyFrom')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable {...form.getInputProps('declassifyFrom')} />
                  <DateInput label={t('peopleRecords.signoffs.fields.declassifyTo')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable {...form.getInputProps('declassifyTo')} />
                </SimpleGrid>
                <Text size="xs" c="dimmed">
                  {t('peopleRecords.signoffs.declassifyHint')}
                </Text>
              </Stack>
            )}
            <SimpleGrid cols={3}>
              <TextInput
                label={t('peopleRecords.signoffs.fields.witness')}
                description={t('peopleRecords.signoffs.witnessHint')}
                maxLength={30}
                {...form.getInputProps('witness')}
              />
              <NumberInput
                label={t('peopleRecords.signoffs.fields.copies')}
                description={t('peopleRecords.signoffs.copiesHint')}
                min={1}
                max={20}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps('copies')}
              />
              <TextInput
                label={t('peopleRecords.signoffs.fields.keptAt')}
                description={t('peopleRecords.signoffs.keptAtHint')}
                placeholder={t('peopleRecords.signoffs.keptAtPlaceholder')}
                maxLength={100}
                {...form.getInputProps('keptAt')}
              />
            </SimpleGrid>
            <Textarea label={t('peopleRecords.signoffs.fields.note')} autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
            {!props.editing && (
              <Text size="xs" c="dimmed">
                {t('peopleRecords.signoffs.attachHint')}
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
