import { Alert, Button, Group, List, Loader, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpFiling, SavedFiling } from '../../../common/api/ipfiling';
import { ACCESS_METHODS, ACCESS_SCOPES } from '../../../common/ipfilings';
import { SavedThenAttach } from '../../components/attachments/SavedThenAttach';
import { DateField } from '../../components/DateField';
import { ApiFailure, messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { ContractSelect } from '../contracts/ContractSelect';
import { useActiveOrgs } from '../organisations/queries';
import { AttendeePicker, type AttendeeInfo } from '../trainings/AttendeePicker';
import { AddressesField } from './AddressesField';
import { filingField, filingFieldsOf, filingValuesOf, newFilingValues, validateFiling, type FilingField, type FilingValues } from './formValues';
import { useFilingContact, useFilingMutations } from './queries';

const today = () => dayjs().format('YYYY-MM-DD');

/**
 * 新建报备, or 编辑 one still 待审批. A refused save keeps every field and shows the core's message
 * at its field; a new filing then offers its scans (SavedThenAttach). What the core noted (address
 * corrections, sign-off warnings) and the conflicts it found are told, never silently dropped.
 */
export function FilingFormModal(props: { opened: boolean; filing: IpFiling | null; onClose(): void; onSaved?(saved: SavedFiling): void }) {
  return (
    <Modal opened={props.opened} onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} size="xl" padding={0}>
      {props.opened &&
        (props.filing ? (
          <EditWithContact filing={props.filing} onClose={props.onClose} onSaved={props.onSaved} />
        ) : (
          <FilingForm filing={null} contact="" onClose={props.onClose} onSaved={props.onSaved} />
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

/** The list shows 联系方式 masked; a save sends it whole, so editing reads it first (personal.reveal, audited). */
function EditWithContact({ filing, onClose, onSaved }: { filing: IpFiling; onClose(): void; onSaved?(saved: SavedFiling): void }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can('personal.reveal')) return <Refused title={t('ipfilings.form.revealNeededTitle')} body={t('ipfilings.form.revealNeeded')} onClose={onClose} />;
  return <EditLoaded filing={filing} onClose={onClose} onSaved={onSaved} />;
}

function EditLoaded({ filing, onClose, onSaved }: { filing: IpFiling; onClose(): void; onSaved?(saved: SavedFiling): void }) {
  const { t } = useTranslation();
  const contact = useFilingContact(filing);
  if (contact.isPending) {
    return (
      <Group p="xl" justify="center">
        <Loader size="sm" />
      </Group>
    );
  }
  if (contact.isError) return <Refused title={t('ipfilings.form.contactUnavailable')} body={messageOf(contact.error)} onClose={onClose} />;
  return <FilingForm filing={filing} contact={contact.data.contact} onClose={onClose} onSaved={onSaved} />;
}

/** The core's notes and conflicts after a save, as one list for the notification and the saved step. */
export function SaveFindings({ saved }: { saved: SavedFiling }) {
  const { t } = useTranslation();
  return (
    <>
      {saved.conflicts.length > 0 && (
        <Alert color="orange" variant="light" title={t('ipfilings.saved.conflictsTitle', { count: saved.conflicts.length })} data-testid="saved-conflicts">
          <List size="sm" spacing={4}>
            {saved.conflicts.map((c) => (
              <List.Item key={`${c.a.id}-${c.b.id}`}>{c.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {saved.notes.length > 0 && (
        <Alert color="blue" variant="light" title={t('ipfilings.saved.notesTitle')} data-testid="saved-notes">
          <List size="sm" spacing={4}>
            {saved.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}

function FilingForm({ filing, contact, onClose, onSaved }: { filing: IpFiling | null; contact: string; onClose(): void; onSaved?(saved: SavedFiling): void }) {
  const { t } = useTranslation();
  const { create, update } = useFilingMutations();
  const orgs = useActiveOrgs();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<SavedFiling | null>(null);
  const form = useForm<FilingValues>({
    mode: 'controlled',
    initialValues: filing ? filingValuesOf(filing, contact) : newFilingValues(today()),
    validate: validateFiling,
    validateInputOnBlur: true,
  });
  const saving = create.isPending || update.isPending;
  const requestClose = useGuardedClose(() => form.isDirty() && created === null, onClose);
  const known = useMemo(() => new Map<string, AttendeeInfo>((filing?.users ?? []).map((u) => [String(u.id), { name: u.name, orgName: u.orgName }])), [filing]);

  const orgOptions = (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));
  if (filing && !orgOptions.some((o) => o.value === String(filing.orgId))) orgOptions.push({ value: String(filing.orgId), label: filing.orgName });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const fields = filingFieldsOf(values);
    try {
      const saved = filing ? await update.mutateAsync({ ...fields, id: filing.id, rev: filing.rev }) : await create.mutateAsync(fields);
      const conflicts = saved.conflicts.length;
      notifications.show({
        color: conflicts > 0 ? 'orange' : 'green',
        title: t(filing ? 'ipfilings.saved.updated' : 'ipfilings.saved.created', { number: saved.filing.number }),
        message: conflicts > 0 ? saved.conflicts.map((c) => c.message).join('\n') : t('ipfilings.saved.noConflicts'),
        autoClose: conflicts > 0 ? 12_000 : 5_000,
        style: { whiteSpace: 'pre-wrap' },
      });
      onSaved?.(saved);
      if (filing) onClose();
      else setCreated(saved);
    } catch (error) {
      const path = error instanceof ApiFailure ? error.error.field : undefined;
      const field = path ? filingField(path) : undefined;
      if (field && field in values) {
        form.setFieldError(field, messageOf(error));
        form.getInputNode(field)?.focus();
      } else {
        setFormError(messageOf(error));
      }
    }
  });

  const field = (name: FilingField) => ({ ...form.getInputProps(name), key: form.key(name) });
  const v = form.values;

  if (created) {
    return (
      <Stack gap="md" p="lg">
        <Text fw={600} size="lg">
          {t('ipfilings.form.newTitle')}
        </Text>
        <SaveFindings saved={created} />
        <SavedThenAttach
          testId="filing-saved"
          message={t('ipfilings.saved.attach', { number: created.filing.number })}
          ownerType="ipFiling"
          ownerUuid={created.filing.uuid}
          finish={t('ipfilings.saved.finish')}
          onFinish={onClose}
        />
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="md" p="lg">
        <Text fw={600} size="lg">
          {filing ? t('ipfilings.form.editTitle', { number: filing.number }) : t('ipfilings.form.newTitle')}
        </Text>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <Select
            label={t('ipfilings.fields.org')}
            withAsterisk
            searchable
            allowDeselect={false}
            data-autofocus
            data={orgOptions}
            nothingFoundMessage={t('ipfilings.form.noOrg')}
            {...field('orgId')}
          />
          <ContractSelect
            label={t('ipfilings.fields.contract')}
            description={t('ipfilings.form.contractHint')}
            placeholder={t('ipfilings.form.contractPlaceholder')}
            clearable
            nothingFoundMessage={t('ipfilings.form.noContract')}
            value={v.contractId === null ? null : Number(v.contractId)}
            onChange={(id) => form.setFieldValue('contractId', id === null ? null : String(id))}
            error={form.errors.contractId}
          />
        </SimpleGrid>
        <AttendeePicker
          label={t('ipfilings.fields.users')}
          hint={t('ipfilings.form.usersHint', { count: v.userIds.length })}
          value={v.userIds}
          onChange={(ids) => form.setFieldValue('userIds', ids)}
          known={known}
          error={form.errors.userIds}
        />
        <SimpleGrid cols={2}>
          <TextInput label={t('ipfilings.fields.contact')} withAsterisk maxLength={100} description={t('ipfilings.form.contactHint')} {...field('contact')} />
          <DateField label={t('ipfilings.fields.appliedOn')} withAsterisk {...field('appliedOn')} />
        </SimpleGrid>
        <AddressesField
          label={t('ipfilings.fields.addresses')}
          description={t('ipfilings.form.addressesHint')}
          value={v.addresses}
          error={form.errors.addresses as string | undefined}
          onChange={(text) => form.setFieldValue('addresses', text)}
          onBlur={() => form.validateField('addresses')}
        />
        <Textarea
          label={t('ipfilings.fields.macs')}
          description={t('ipfilings.form.macsHint')}
          autosize
          minRows={1}
          maxRows={5}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...field('macs')}
        />
        <SimpleGrid cols={2}>
          <Select
            label={t('ipfilings.fields.accessMethod')}
            withAsterisk
            allowDeselect={false}
            data={ACCESS_METHODS.map((m) => ({ value: m, label: t(`ipfilings.accessMethod.${m}`) }))}
            {...field('accessMethod')}
          />
          <TextInput
            label={t('ipfilings.fields.accessNote')}
            withAsterisk={v.accessMethod === '其他'}
            placeholder={t('ipfilings.form.accessNotePlaceholder')}
            maxLength={200}
            {...field('accessNote')}
          />
          <TextInput label={t('ipfilings.fields.systems')} withAsterisk maxLength={200} placeholder={t('ipfilings.form.systemsPlaceholder')} {...field('systems')} />
          <TextInput label={t('ipfilings.fields.purpose')} withAsterisk maxLength={500} placeholder={t('ipfilings.form.purposePlaceholder')} {...field('purpose')} />
        </SimpleGrid>
        <Group align="flex-end" gap="md" grow>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('ipfilings.fields.scope')}
            </Text>
            <SegmentedControl
              aria-label={t('ipfilings.fields.scope')}
              data={ACCESS_SCOPES.map((s) => ({ value: s, label: t(`ipfilings.scope.${s}`) }))}
              {...field('scope')}
            />
          </Stack>
          <TextInput
            label={t('ipfilings.fields.approvalRef')}
            withAsterisk={v.scope === '超出合同范围'}
            disabled={v.scope !== '超出合同范围'}
            placeholder={t('ipfilings.form.approvalRefPlaceholder')}
            maxLength={60}
            {...field('approvalRef')}
          />
        </Group>
        <SimpleGrid cols={2}>
          <DateField label={t('ipfilings.fields.validFrom')} withAsterisk {...field('validFrom')} />
          <DateField label={t('ipfilings.fields.validTo')} withAsterisk {...field('validTo')} />
        </SimpleGrid>
        <Textarea label={t('ipfilings.fields.note')} autosize minRows={2} maxRows={5} maxLength={1000} {...field('note')} />
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
