import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_ROLES, REMOTE_SUPPORT_ROLE, assignmentFieldsSchema, type Assignment, type AssignmentFields, type AssignmentRole } from '../../../../common/api/assignment';
import type { Person } from '../../../../common/api/person';
import { ApiFailure, messageOf } from '../../../lib/api';
import { useGuardedClose } from '../../../lib/useGuardedClose';
import { ContractSelect, PersonSelect, contractLabel, personLabel } from './pickers';
import { useAssignmentMutations } from './queries';

interface Values {
  personId: string | null;
  contractId: string | null;
  role: AssignmentRole | null;
  roleNote: string;
  from: string | null;
  to: string | null;
}

const EMPTY: Values = { personId: null, contractId: null, role: null, roleNote: '', from: null, to: null };

export interface ContractRef {
  id: number;
  mainNumber: string;
  projectName: string;
}

const fieldsOf = (v: Values): AssignmentFields => ({ role: v.role as AssignmentRole, roleNote: v.roleNote, from: v.from, to: v.to });

/**
 * 分派人员: a person's role on a contract, from/to. Opened from a person (pick the contract), from a
 * contract (pick the person), or on an assignment to edit (both fixed).
 */
export function AssignmentFormModal(props: {
  opened: boolean;
  /** The person, when adding from the person's page. */
  person?: Person | null;
  /** The contract, when adding from the contract's page. */
  contract?: ContractRef | null;
  /** People already on the contract, left out of the picker. */
  excludePersonIds?: readonly number[];
  editing: Assignment | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const mutations = useAssignmentMutations();
  const [error, setError] = useState<string | null>(null);
  const personFixed = props.editing !== null || Boolean(props.person);
  const contractFixed = props.editing !== null || Boolean(props.contract);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!personFixed && !v.personId) errors.personId = t('peopleRecords.assignments.personRequired');
      if (!contractFixed && !v.contractId) errors.contractId = t('peopleRecords.assignments.contractRequired');
      const parsed = assignmentFieldsSchema.safeParse(fieldsOf(v));
      if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'role')] ??= issue.message;
      return errors;
    },
  });
  const { setValues, resetDirty } = form;

  useEffect(() => {
    if (!props.opened) return;
    const e = props.editing;
    const values: Values = e
      ? { personId: String(e.personId), contractId: String(e.contractId), role: e.role, roleNote: e.roleNote, from: e.from, to: e.to }
      : { ...EMPTY, personId: props.person ? String(props.person.id) : null, contractId: props.contract ? String(props.contract.id) : null };
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
    try {
      const saved = props.editing
        ? await mutations.update.mutateAsync({ ...fieldsOf(values), id: props.editing.id, rev: props.editing.rev })
        : await mutations.create.mutateAsync({ ...fieldsOf(values), personId: Number(values.personId), contractId: Number(values.contractId) });
      notifications.show({
        color: 'green',
        message: t(props.editing ? 'peopleRecords.assignments.updated' : 'peopleRecords.assignments.created', {
          name: saved.personName,
          contract: saved.contractProjectName,
          role: t(`peopleRecords.role.${saved.role}`),
        }),
      });
      close();
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field && e.error.field in values) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  });

  const e = props.editing;
  const title = e
    ? t('peopleRecords.assignments.editTitle', { name: e.personName })
    : props.person
      ? t('peopleRecords.assignments.newTitle', { name: personLabel(props.person) })
      : t('peopleRecords.assignments.addPersonTitle');
  const fixedContract = e ? { mainNumber: e.contractMainNumber, projectName: e.contractProjectName } : props.contract;
  return (
    <Modal opened={props.opened} onClose={requestClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" data-testid="form-error">
              {error}
            </Alert>
          )}
          {contractFixed && fixedContract && (
            <Text size="sm">
              {t('peopleRecords.assignments.fields.contract')}：{contractLabel(fixedContract)}
            </Text>
          )}
          {e && (
            <Text size="sm">
              {t('peopleRecords.assignments.fields.person')}：{e.personName}
            </Text>
          )}
          {!personFixed && (
            <PersonSelect
              label={t('peopleRecords.assignments.fields.person')}
              description={t('peopleRecords.assignments.personHint')}
              withAsterisk
              autoFocus
              excludeIds={props.excludePersonIds}
              value={form.values.personId}
              onChange={(id) => form.setFieldValue('personId', id)}
              error={form.errors.personId}
            />
          )}
          {!contractFixed && (
            <ContractSelect
              label={t('peopleRecords.assignments.fields.contract')}
              withAsterisk
              autoFocus
              value={form.values.contractId}
              onChange={(id) => form.setFieldValue('contractId', id)}
              error={form.errors.contractId}
            />
          )}
          <SimpleGrid cols={2}>
            <Select
              label={t('peopleRecords.assignments.fields.role')}
              placeholder={t('peopleRecords.assignments.rolePlaceholder')}
              withAsterisk
              allowDeselect={false}
              data={ASSIGNMENT_ROLES.map((r) => ({ value: r, label: t(`peopleRecords.role.${r}`) }))}
              {...form.getInputProps('role')}
            />
            <TextInput
              label={t('peopleRecords.assignments.fields.roleNote')}
              placeholder={t('peopleRecords.assignments.roleNotePlaceholder')}
              withAsterisk={form.values.role === '其他'}
              maxLength={30}
              {...form.getInputProps('roleNote')}
            />
          </SimpleGrid>
          {form.values.role === REMOTE_SUPPORT_ROLE && (
            <Text size="xs" c="orange.8" data-testid="remote-role-hint">
              {t('peopleRecords.assignments.remoteHint')}
            </Text>
          )}
          <SimpleGrid cols={2}>
            <DateInput label={t('peopleRecords.assignments.fields.from')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable {...form.getInputProps('from')} />
            <DateInput label={t('peopleRecords.assignments.fields.to')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable {...form.getInputProps('to')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            {t('peopleRecords.assignments.periodHint')}
          </Text>
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
