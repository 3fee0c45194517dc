import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium, MediumDetail } from '../../../common/api/media';
import { MEDIA_KINDS } from '../../../common/media';
import { DateField } from '../../components/DateField';
import { ApiFailure, messageOf } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { ContractSelect } from '../contracts/ContractSelect';
import { useActiveOrgs } from '../organisations/queries';
import { PersonSelect } from '../people/records/pickers';
import { instantOf } from './eventForm';
import { EMPTY_MEDIUM, mediumFieldsOf, mediumValuesOf, validateMedium, type MediumField, type MediumValues } from './mediumForm';
import { useMediaMutations, useMediaSettings } from './queries';

/** 登记介质 / 编辑介质. A refused save keeps every field and shows the core's message at its field. */
export function MediumFormModal(props: { opened: boolean; medium: Medium | null; onClose(): void; onSaved?(m: MediumDetail): void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      size="xl"
      padding={0}
    >
      {props.opened && <MediumForm medium={props.medium} onClose={props.onClose} onSaved={props.onSaved} />}
    </Modal>
  );
}

type Values = MediumValues & { registeredAt: string };

function MediumForm({ medium, onClose, onSaved }: { medium: Medium | null; onClose(): void; onSaved?(m: MediumDetail): void }) {
  const { t } = useTranslation();
  const { create, update } = useMediaMutations();
  const settings = useMediaSettings();
  const orgs = useActiveOrgs();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { ...(medium ? mediumValuesOf(medium) : EMPTY_MEDIUM), registeredAt: '' },
    validate: (values) => {
      const errors: Partial<Record<keyof Values, string>> = validateMedium(values);
      if (values.registeredAt.trim() && !instantOf(values.registeredAt)) errors.registeredAt = t('media.events.badTime');
      return errors;
    },
    validateInputOnBlur: true,
  });
  const saving = create.isPending || update.isPending;
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);

  const orgOptions = (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));
  if (medium && !orgOptions.some((o) => o.value === String(medium.orgId))) orgOptions.push({ value: String(medium.orgId), label: medium.orgName });
  const classifications = [...(settings.data?.classifications ?? [])];
  if (medium && !classifications.includes(medium.classification)) classifications.push(medium.classification);
  const numberFixed = medium?.inUse ?? false;

  const submit = form.onSubmit(async ({ registeredAt, ...values }) => {
    setFormError(null);
    const fields = mediumFieldsOf(values);
    try {
      const { medium: saved, warning } = medium
        ? await update.mutateAsync({ ...fields, id: medium.id, rev: medium.rev })
        : await create.mutateAsync({ ...fields, registeredAt: registeredAt.trim() ? instantOf(registeredAt) : null });
      notifications.show({ color: 'green', message: t(medium ? 'media.updated' : 'media.created', { number: saved.number }) });
      if (warning) notifications.show({ color: 'yellow', message: warning, autoClose: 10_000 });
      onSaved?.(saved);
      onClose();
    } catch (error) {
      const field = error instanceof ApiFailure ? error.error.field : undefined;
      if (field && field in form.values) {
        form.setFieldError(field, messageOf(error));
        form.getInputNode(field)?.focus();
      } else {
        setFormError(messageOf(error));
      }
    }
  });

  const field = (name: MediumField | 'registeredAt') => ({ ...form.getInputProps(name), key: form.key(name) });
  const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
  const numberHint = numberFixed
    ? t('media.form.numberFixed')
    : medium
      ? t('media.form.numberEditable')
      : settings.data
        ? t('media.form.numberNext', { next: settings.data.nextNumber })
        : '';

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="sm" p="lg">
        <Text fw={600} size="lg">
          {medium ? t('media.form.editTitle', { number: medium.number }) : t('media.form.newTitle')}
        </Text>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={3}>
          <TextInput
            label={t('media.fields.number')}
            placeholder={medium ? undefined : settings.data?.nextNumber}
            description={numberHint}
            disabled={numberFixed}
            maxLength={40}
            styles={mono}
            data-testid="number-input"
            {...field('number')}
          />
          <Select
            label={t('media.fields.kind')}
            withAsterisk
            allowDeselect={false}
            data-autofocus
            data={MEDIA_KINDS.map((k) => ({ value: k, label: t(`media.kind.${k}`) }))}
            {...field('kind')}
          />
          <Select
            label={t('media.fields.classification')}
            withAsterisk
            allowDeselect={false}
            data={classifications}
            nothingFoundMessage={t('media.form.noClassifications')}
            {...field('classification')}
          />
          <TextInput label={t('media.fields.model')} maxLength={60} {...field('model')} />
          <TextInput label={t('media.fields.serial')} description={t('media.form.serialHint')} maxLength={60} styles={mono} {...field('serial')} />
          <TextInput label={t('media.fields.capacity')} placeholder={t('media.form.capacityPlaceholder')} maxLength={20} {...field('capacity')} />
          <TextInput label={t('media.fields.assetNumber')} description={t('media.form.assetNumberHint')} maxLength={40} {...field('assetNumber')} />
          <TextInput label={t('media.fields.secrecyTerm')} placeholder={t('media.form.secrecyTermPlaceholder')} maxLength={30} {...field('secrecyTerm')} />
          <TextInput label={t('media.fields.location')} placeholder={t('media.form.locationPlaceholder')} maxLength={60} {...field('location')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <PersonSelect
            label={t('media.fields.responsible')}
            description={t('media.form.responsibleHint')}
            withAsterisk
            value={form.values.responsibleId}
            onChange={(id) => form.setFieldValue('responsibleId', id)}
            error={form.errors.responsibleId}
          />
          <Select
            label={t('media.fields.org')}
            withAsterisk
            searchable
            data={orgOptions}
            nothingFoundMessage={t('media.form.noOrg')}
            {...field('orgId')}
          />
        </SimpleGrid>
        <ContractSelect
          label={t('media.fields.contract')}
          placeholder={t('media.form.noContract')}
          clearable
          value={form.values.contractId}
          onChange={(id) => form.setFieldValue('contractId', id)}
          error={form.errors.contractId}
        />
        <SimpleGrid cols={2}>
          <TextInput label={t('media.fields.scope')} maxLength={100} {...field('scope')} />
          <TextInput label={t('media.fields.purpose')} maxLength={100} {...field('purpose')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <DateField label={t('media.fields.enabledOn')} {...field('enabledOn')} />
          <DateField label={t('media.fields.reportedOn')} description={t('media.form.reportedOnHint')} {...field('reportedOn')} />
          {!medium && (
            <TextInput
              label={t('media.form.registeredAt')}
              placeholder="YYYY-MM-DD HH:mm"
              description={t('media.form.registeredAtHint')}
              {...field('registeredAt')}
            />
          )}
        </SimpleGrid>
        <Textarea label={t('media.fields.note')} autosize minRows={2} maxRows={5} maxLength={500} {...field('note')} />
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
