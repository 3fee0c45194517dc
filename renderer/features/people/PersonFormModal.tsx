import { Alert, Button, Group, Loader, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../common/api/person';
import { checkIdNumber } from '../../../common/people';
import { DateField } from '../../components/DateField';
import { ApiFailure, messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { useActiveOrgs } from '../organisations/queries';
import { EMPTY, today, toFields, validate, type FieldName, type Values } from './formValues';
import { usePersonalData, usePersonMutations } from './queries';

/** Create or edit a person. A refused save keeps every field and shows the core's message at its field. */
export function PersonFormModal(props: { opened: boolean; person: Person | null; onClose(): void; onSaved?(p: Person): void }) {
  return (
    <Modal opened={props.opened} onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} size="lg" padding={0}>
      {props.opened &&
        (props.person ? (
          <EditWithPersonalData person={props.person} onClose={props.onClose} onSaved={props.onSaved} />
        ) : (
          <PersonForm person={null} full={null} onClose={props.onClose} onSaved={props.onSaved} />
        ))}
    </Modal>
  );
}

function Refused({ title, body, onClose }: { title: string; body: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Stack p="lg">
      <Alert color="red" variant="light" title={title}>
        {body}
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Lists and details show the ID number and phone masked, and a save sends the full values: the
 * form reads them through person:reveal (checked against personal.reveal and audited) before it
 * opens. An account without personal.reveal cannot edit a person, and is told so.
 */
function EditWithPersonalData({ person, onClose, onSaved }: { person: Person; onClose(): void; onSaved?(p: Person): void }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can('personal.reveal')) return <Refused title={t('people.form.revealNeededTitle')} body={t('people.form.revealNeeded')} onClose={onClose} />;
  return <EditLoaded person={person} onClose={onClose} onSaved={onSaved} />;
}

function EditLoaded({ person, onClose, onSaved }: { person: Person; onClose(): void; onSaved?(p: Person): void }) {
  const { t } = useTranslation();
  const full = usePersonalData(person);
  if (full.isPending) {
    return (
      <Group p="xl" justify="center">
        <Loader size="sm" />
      </Group>
    );
  }
  if (full.isError) return <Refused title={t('people.form.personalDataUnavailable')} body={messageOf(full.error)} onClose={onClose} />;
  return <PersonForm person={person} full={full.data} onClose={onClose} onSaved={onSaved} />;
}

function PersonForm({
  person,
  full,
  onClose,
  onSaved,
}: {
  person: Person | null;
  full: { idNumber: string; phone: string } | null;
  onClose(): void;
  onSaved?(p: Person): void;
}) {
  const { t } = useTranslation();
  const { create, update } = usePersonMutations();
  const orgs = useActiveOrgs();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: person
      ? {
          name: person.name,
          orgId: String(person.orgId),
          post: person.post,
          idNumber: full?.idNumber ?? '',
          phone: full?.phone ?? '',
          enteredOn: person.enteredOn,
          note: person.note,
        }
      : EMPTY,
    validate: (values) => validate(values, today()),
    validateInputOnBlur: true,
  });
  const saving = create.isPending || update.isPending;
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);

  const orgOptions = (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));
  // A person of a unit voided since keeps it selectable.
  if (person && !orgOptions.some((o) => o.value === String(person.orgId))) orgOptions.push({ value: String(person.orgId), label: person.orgName });

  const idCheck = form.values.idNumber.trim() ? checkIdNumber(form.values.idNumber, today()) : null;

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const fields = toFields(values);
    try {
      const saved = person ? await update.mutateAsync({ ...fields, id: person.id, rev: person.rev }) : await create.mutateAsync(fields);
      notifications.show({ color: 'green', message: t(person ? 'people.updated' : 'people.created', { name: saved.name }) });
      onSaved?.(saved);
      onClose();
    } catch (error) {
      const field = error instanceof ApiFailure ? error.error.field : undefined;
      if (field && field in values) {
        form.setFieldError(field, messageOf(error));
        form.getInputNode(field)?.focus();
      } else {
        setFormError(messageOf(error));
      }
    }
  });

  const field = (name: FieldName) => ({ ...form.getInputProps(name), key: form.key(name) });
  const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="md" p="lg">
        <Text fw={600} size="lg">
          {person ? t('people.form.editTitle', { name: person.name }) : t('people.form.newTitle')}
        </Text>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput label={t('people.fields.name')} withAsterisk data-autofocus maxLength={30} {...field('name')} />
          <Select
            label={t('people.fields.org')}
            withAsterisk
            searchable
            data={orgOptions}
            nothingFoundMessage={t('people.form.noOrg')}
            {...field('orgId')}
          />
          <TextInput label={t('people.fields.post')} placeholder={t('people.form.postPlaceholder')} maxLength={30} {...field('post')} />
          <DateField label={t('people.fields.enteredOn')} {...field('enteredOn')} />
        </SimpleGrid>
        <TextInput
          label={t('people.fields.idNumber')}
          withAsterisk
          maxLength={40}
          styles={mono}
          description={t('people.form.idNumberHint')}
          {...field('idNumber')}
        />
        {idCheck?.ok && !form.errors.idNumber && (
          <Text size="xs" c="green.8" mt={-8} data-testid="id-number-check">
            {[t('people.form.idNumberOk', { birthDate: idCheck.birthDate }), ...idCheck.notes].join('；')}
          </Text>
        )}
        <TextInput
          label={t('people.fields.phone')}
          maxLength={40}
          styles={mono}
          description={t('people.form.phoneHint')}
          {...field('phone')}
        />
        <Textarea label={t('people.fields.note')} autosize minRows={2} maxRows={5} maxLength={500} {...field('note')} />
      </Stack>
      <Group justify="flex-end" gap="sm" px="lg" py="md" bg="var(--mantine-color-gray-0)" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Button variant="default" onClick={requestClose} disabled={saving}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={saving}>
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}
