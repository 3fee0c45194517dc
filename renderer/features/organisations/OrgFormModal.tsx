import { Alert, Button, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, orgFieldsSchema, type Org } from '../../../common/api/org';
import { ApiFailure, messageOf } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { useOrgMutations } from './queries';

type Values = {
  name: string;
  shortName: string;
  kind: Org['kind'];
  uscc: string;
  address: string;
  contact: string;
  phone: string;
  email: string;
  note: string;
};

const EMPTY: Values = { name: '', shortName: '', kind: 'vendor', uscc: '', address: '', contact: '', phone: '', email: '', note: '' };

function valuesOf(org: Org | null): Values {
  if (!org) return EMPTY;
  const { name, shortName, kind, uscc, address, contact, phone, email, note } = org;
  return { name, shortName, kind, uscc, address, contact, phone, email, note };
}

/** Create or edit an organisation. Validates with the router's own schema; a refused save keeps every field. */
export function OrgFormModal(props: { opened: boolean; org: Org | null; onClose(): void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      size="lg"
      padding={0}
    >
      {props.opened && <OrgForm org={props.org} onClose={props.onClose} />}
    </Modal>
  );
}

function OrgForm({ org, onClose }: { org: Org | null; onClose(): void }) {
  const { t } = useTranslation();
  const { create, update } = useOrgMutations();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(org),
    validate: schemaResolver(orgFieldsSchema, { sync: true }),
    validateInputOnBlur: true,
  });
  const saving = create.isPending || update.isPending;
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = org ? await update.mutateAsync({ ...values, id: org.id, rev: org.rev }) : await create.mutateAsync(values);
      notifications.show({ color: 'green', message: t(org ? 'org.updated' : 'org.created', { name: saved.name }) });
      onClose();
    } catch (error) {
      if (error instanceof ApiFailure && error.error.field && error.error.field in values) {
        form.setFieldError(error.error.field, error.message);
        form.getInputNode(error.error.field)?.focus();
      } else {
        setFormError(messageOf(error));
      }
    }
  });

  const field = (name: keyof Values) => ({ ...form.getInputProps(name), key: form.key(name) });

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="md" p="lg">
        <Text fw={600} size="lg">
          {t(org ? 'org.editTitle' : 'org.newTitle')}
        </Text>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <TextInput label={t('org.fields.name')} withAsterisk data-autofocus maxLength={100} {...field('name')} />
        <SimpleGrid cols={2}>
          <TextInput label={t('org.fields.shortName')} maxLength={30} {...field('shortName')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('org.fields.kind')} <Text span c="red">*</Text>
            </Text>
            <SegmentedControl
              fullWidth
              aria-label={t('org.fields.kind')}
              data={ORG_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
              {...field('kind')}
            />
          </Stack>
        </SimpleGrid>
        <TextInput
          label={t('org.fields.uscc')}
          description={t('org.hints.uscc')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          maxLength={24}
          {...field('uscc')}
          onChange={(e) => form.setFieldValue('uscc', e.currentTarget.value.toUpperCase())}
        />
        <TextInput label={t('org.fields.address')} maxLength={200} {...field('address')} />
        <SimpleGrid cols={3}>
          <TextInput label={t('org.fields.contact')} maxLength={30} {...field('contact')} />
          <TextInput label={t('org.fields.phone')} placeholder={t('org.hints.phone')} maxLength={40} {...field('phone')} />
          <TextInput label={t('org.fields.email')} maxLength={100} {...field('email')} />
        </SimpleGrid>
        <Textarea label={t('org.fields.note')} autosize minRows={2} maxRows={5} maxLength={500} {...field('note')} />
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
