import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Loader,
  Modal,
  NumberInput,
  Radio,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_KINDS, TERM_KINDS, type Contract } from '../../../common/api/contract';
import { formatYuan, toDaxie } from '../../../common/contracts';
import { DateField } from '../../components/DateField';
import { ApiFailure, api, messageOf, unwrap } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import {
  formPath,
  liveMoney,
  newAgreement,
  newContact,
  newInstallment,
  newNumber,
  toFields,
  validate,
  valuesOf,
  type Values,
} from './formValues';
import { useActiveOrgs } from '../organisations/queries';
import { useContractMutations } from './queries';

/** Create or edit a contract. Validates with the router's own schema; a refused save keeps every field. */
export function ContractFormModal(props: { opened: boolean; contract: Contract | null; onClose(): void; onSaved?(c: Contract): void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      size="min(1200px, 96vw)"
      padding={0}
      scrollAreaComponent={ScrollArea.Autosize}
    >
      {props.opened &&
        (props.contract ? (
          <EditWithContacts contract={props.contract} onClose={props.onClose} onSaved={props.onSaved} />
        ) : (
          <ContractForm contract={null} onClose={props.onClose} onSaved={props.onSaved} />
        ))}
    </Modal>
  );
}

/**
 * Lists and details show contact phones masked; the form edits the real numbers, read through
 * contract:contacts (checked and audited) before the form opens.
 */
function EditWithContacts({ contract, onClose, onSaved }: { contract: Contract; onClose(): void; onSaved?(c: Contract): void }) {
  const { t } = useTranslation();
  const contacts = useQuery({
    queryKey: ['contract:contacts', contract.id, contract.rev],
    queryFn: () => unwrap(api().contract.contacts({ id: contract.id })),
    gcTime: 0,
    retry: false,
  });
  if (contacts.isPending) {
    return (
      <Group p="xl" justify="center">
        <Loader size="sm" />
      </Group>
    );
  }
  if (contacts.isError) {
    return (
      <Stack p="lg">
        <Alert color="red" variant="light" title={t('contracts.form.contactsUnavailable')}>
          {messageOf(contacts.error)}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return <ContractForm contract={{ ...contract, contacts: contacts.data }} onClose={onClose} onSaved={onSaved} />;
}

function Section({ title, children, right }: { title: string; children: ReactNode; right?: ReactNode }) {
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={4} c="brand.8">
          {title}
        </Title>
        {right}
      </Group>
      <Divider mt={-6} />
      {children}
    </Stack>
  );
}

function ContractForm({ contract, onClose, onSaved }: { contract: Contract | null; onClose(): void; onSaved?(c: Contract): void }) {
  const { t } = useTranslation();
  const { create, update } = useContractMutations();
  const parties = useActiveOrgs();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(contract),
    validate,
    validateInputOnBlur: true,
  });
  const saving = create.isPending || update.isPending;
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);
  const v = form.values;
  const live = liveMoney(v);

  const orgOptions = (parties.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.shortName ? `${o.name}（${o.shortName}）` : o.name }));
  // An edited contract may name a party voided since; keep it selectable.
  if (contract) {
    for (const [id, name] of [
      [contract.clientOrgId, contract.clientName],
      [contract.vendorOrgId, contract.vendorName],
    ] as const) {
      if (!orgOptions.some((o) => o.value === String(id))) orgOptions.push({ value: String(id), label: name });
    }
  }

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      const { fields } = toFields(values);
      try {
        const saved = contract ? await update.mutateAsync({ ...fields, id: contract.id, rev: contract.rev }) : await create.mutateAsync(fields);
        notifications.show({ color: 'green', message: t(contract ? 'contracts.updated' : 'contracts.created', { number: saved.mainNumber }) });
        onSaved?.(saved);
        onClose();
      } catch (error) {
        if (error instanceof ApiFailure && error.error.field) {
          const path = formPath(error.error.field);
          form.setFieldError(path, error.message);
          setFormError(t('contracts.form.refused'));
          form.getInputNode(path)?.focus();
        } else {
          setFormError(messageOf(error));
        }
      }
    },
    () => setFormError(t('contracts.form.fixErrors')),
  );

  const field = (name: string) => ({ ...form.getInputProps(name), key: form.key(name) });
  // A refused plan stays marked until the live check says it now adds up.
  const planError = live.totals && live.planProblems.length === 0 ? null : form.errors['installments'];
  const numbersError = form.errors['numbers'];

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Group px="lg" py="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} justify="space-between">
        <Text fw={600} size="lg">
          {contract ? t('contracts.form.editTitle', { number: contract.mainNumber }) : t('contracts.form.newTitle')}
        </Text>
      </Group>
      <Stack gap="xl" p="lg">
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}

        <Section
          title={t('contracts.form.sections.numbers')}
          right={
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('numbers', newNumber(false))}>
              {t('contracts.form.addNumber')}
            </Button>
          }
        >
          {numbersError && (
            <Text c="red" size="sm">
              {numbersError}
            </Text>
          )}
          <Radio.Group
            value={String(v.numbers.findIndex((n) => n.isMain))}
            onChange={(i) => form.setFieldValue('numbers', v.numbers.map((n, j) => ({ ...n, isMain: String(j) === i })))}
          >
            <Stack gap="xs">
              {v.numbers.map((n, i) => (
                <Group key={n.key} align="flex-start" wrap="nowrap">
                  <TextInput
                    w={160}
                    label={i === 0 ? t('contracts.fields.scheme') : undefined}
                    aria-label={`${t('contracts.fields.scheme')} ${i + 1}`}
                    maxLength={20}
                    {...field(`numbers.${i}.scheme`)}
                  />
                  <TextInput
                    flex={1}
                    label={i === 0 ? t('contracts.fields.number') : undefined}
                    aria-label={`${t('contracts.fields.number')} ${i + 1}`}
                    withAsterisk={i === 0}
                    data-autofocus={i === 0 || undefined}
                    maxLength={60}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    {...field(`numbers.${i}.number`)}
                  />
                  <Radio value={String(i)} label={t('contracts.fields.isMain')} aria-label={`${t('contracts.fields.isMain')} ${i + 1}`} mt={i === 0 ? 32 : 8} />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={i === 0 ? 28 : 4}
                    disabled={v.numbers.length === 1}
                    aria-label={`${t('contracts.form.removeNumber')} ${i + 1}`}
                    onClick={() => {
                      const rest = v.numbers.filter((_, j) => j !== i);
                      if (n.isMain && rest[0]) rest[0] = { ...rest[0], isMain: true };
                      form.setFieldValue('numbers', rest);
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          </Radio.Group>
          <TextInput label={t('contracts.fields.procurementNumber')} maxLength={60} {...field('procurementNumber')} />
        </Section>

        <Section title={t('contracts.form.sections.basics')}>
          <TextInput label={t('contracts.fields.projectName')} withAsterisk maxLength={200} {...field('projectName')} />
          <SimpleGrid cols={2}>
            <Select label={t('contracts.fields.client')} withAsterisk searchable data={orgOptions} nothingFoundMessage={t('contracts.form.noOrg')} {...field('clientOrgId')} />
            <Select label={t('contracts.fields.vendor')} withAsterisk searchable data={orgOptions} nothingFoundMessage={t('contracts.form.noOrg')} {...field('vendorOrgId')} />
          </SimpleGrid>
          <SimpleGrid cols={4}>
            <DateField label={t('contracts.fields.signedDate')} description={t('contracts.form.signedHint')} {...field('signedDate')} />
            <TextInput label={t('contracts.fields.signedPlace')} description=" " maxLength={100} {...field('signedPlace')} />
            <DateField label={t('contracts.fields.serviceStart')} description=" " {...field('serviceStart')} />
            <DateField label={t('contracts.fields.serviceEnd')} description=" " {...field('serviceEnd')} />
          </SimpleGrid>
        </Section>

        <Section title={t('contracts.form.sections.money')}>
          <SimpleGrid cols={3}>
            <TextInput
              label={t('contracts.fields.amount')}
              withAsterisk
              placeholder="674,720.00"
              description={t('contracts.form.amountHint')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...field('amount')}
            />
            <TextInput label={t('contracts.fields.taxRate')} placeholder="6" rightSection="%" description=" " {...field('taxRate')} />
            <TextInput label={t('contracts.fields.amountExclTax')} description=" " {...field('amountExclTax')} />
          </SimpleGrid>
          <Group gap="xs" data-testid="amount-daxie">
            <Text size="sm" c="dimmed">
              {t('contracts.fields.daxie')}：
            </Text>
            <Text size="sm" fw={600}>
              {live.amountFen !== null ? toDaxie(live.amountFen) : '—'}
            </Text>
            {live.amountFen !== null && (
              <Text size="sm" c="dimmed">
                （{formatYuan(live.amountFen)}）
              </Text>
            )}
          </Group>
          <SimpleGrid cols={5}>
            <NumberInput label={t('contracts.fields.originalsTotal')} min={0} max={99} allowDecimal={false} {...field('originalsTotal')} />
            <NumberInput label={t('contracts.fields.originalsClient')} min={0} max={99} allowDecimal={false} {...field('originalsClient')} />
            <NumberInput label={t('contracts.fields.originalsVendor')} min={0} max={99} allowDecimal={false} {...field('originalsVendor')} />
            <Select
              label={t('contracts.fields.protectionLevel')}
              clearable
              data={['1', '2', '3', '4', '5'].map((l) => ({ value: l, label: t('contracts.levelN', { n: l }) }))}
              {...field('protectionLevel')}
            />
            <NumberInput label={t('contracts.fields.renewalLeadDays')} min={0} max={365} allowDecimal={false} {...field('renewalLeadDays')} />
          </SimpleGrid>
        </Section>

        <Section
          title={t('contracts.form.sections.installments')}
          right={
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('installments', newInstallment())}>
              {t('contracts.form.addInstallment')}
            </Button>
          }
        >
          {v.installments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contracts.form.noInstallments')}
            </Text>
          ) : (
            <Table withTableBorder verticalSpacing={6} layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>#</Table.Th>
                  <Table.Th w={210}>{t('contracts.fields.share')}</Table.Th>
                  <Table.Th>{t('contracts.fields.condition')}</Table.Th>
                  <Table.Th w={140}>{t('contracts.fields.dueDate')}</Table.Th>
                  <Table.Th w={130}>{t('contracts.fields.invoiceNumber')}</Table.Th>
                  <Table.Th w={140}>{t('contracts.fields.paidDate')}</Table.Th>
                  <Table.Th w={120} ta="right">
                    {t('contracts.fields.installmentAmount')}
                  </Table.Th>
                  <Table.Th w={44} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.installments.map((row, i) => (
                  <Table.Tr key={row.key} style={{ verticalAlign: 'top' }}>
                    <Table.Td pt={12}>{i + 1}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" align="flex-start">
                        <SegmentedControl
                          size="xs"
                          aria-label={`${t('contracts.fields.shareMode')} ${i + 1}`}
                          data={[
                            { value: 'percent', label: '%' },
                            { value: 'amount', label: '¥' },
                          ]}
                          {...field(`installments.${i}.mode`)}
                        />
                        <TextInput
                          size="xs"
                          flex={1}
                          aria-label={`${t('contracts.fields.share')} ${i + 1}`}
                          placeholder={row.mode === 'percent' ? '50' : '10000.00'}
                          rightSection={row.mode === 'percent' ? '%' : '元'}
                          {...field(`installments.${i}.share`)}
                        />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Textarea size="xs" autosize minRows={1} maxRows={3} maxLength={200} aria-label={`${t('contracts.fields.condition')} ${i + 1}`} {...field(`installments.${i}.condition`)} />
                    </Table.Td>
                    <Table.Td>
                      <DateField size="xs" aria-label={`${t('contracts.fields.dueDate')} ${i + 1}`} {...field(`installments.${i}.dueDate`)} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput size="xs" maxLength={40} aria-label={`${t('contracts.fields.invoiceNumber')} ${i + 1}`} {...field(`installments.${i}.invoiceNumber`)} />
                    </Table.Td>
                    <Table.Td>
                      <DateField size="xs" aria-label={`${t('contracts.fields.paidDate')} ${i + 1}`} {...field(`installments.${i}.paidDate`)} />
                    </Table.Td>
                    <Table.Td ta="right" pt={12} ff="monospace" fz="sm">
                      {live.rows[i] !== null && live.rows[i] !== undefined ? formatYuan(live.rows[i]) : '—'}
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={`${t('contracts.form.removeInstallment')} ${i + 1}`} onClick={() => form.removeListItem('installments', i)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {v.installments.length > 0 && (
            <Group gap="lg" data-testid="installment-total">
              <Text size="sm">
                {live.totals && live.amountFen !== null
                  ? t('contracts.form.planTotal', { sum: formatYuan(live.totals.sumFen), amount: formatYuan(live.amountFen) })
                  : t('contracts.form.planIncomplete')}
              </Text>
              {live.totals && live.planProblems.length === 0 && (
                <Text size="sm" c="green.8">
                  {t('contracts.form.planOk')}
                </Text>
              )}
              {live.planProblems.map((m) => (
                <Text key={m} size="sm" c="orange.8">
                  {m}
                </Text>
              ))}
            </Group>
          )}
          {planError && (
            <Text c="red" size="sm" role="alert">
              {planError}
            </Text>
          )}
        </Section>

        <Section title={t('contracts.form.sections.bond')} right={<Switch label={t('contracts.form.hasBond')} {...form.getInputProps('hasBond', { type: 'checkbox' })} />}>
          {v.hasBond ? (
            <SimpleGrid cols={4}>
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('contracts.fields.bondShare')}
                </Text>
                <Group gap={4} wrap="nowrap" align="flex-start">
                  <SegmentedControl
                    size="xs"
                    aria-label={t('contracts.fields.shareMode')}
                    data={[
                      { value: 'percent', label: '%' },
                      { value: 'amount', label: '¥' },
                    ]}
                    {...field('bondMode')}
                  />
                  <TextInput flex={1} aria-label={t('contracts.fields.bondShare')} rightSection={v.bondMode === 'percent' ? '%' : '元'} {...field('bondShare')} />
                </Group>
              </Stack>
              <TextInput label={t('contracts.fields.bondBank')} maxLength={100} {...field('bondBank')} />
              <DateField label={t('contracts.fields.bondValidUntil')} {...field('bondValidUntil')} />
              <DateField label={t('contracts.fields.bondReturnedOn')} {...field('bondReturnedOn')} />
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              {t('contracts.form.noBond')}
            </Text>
          )}
        </Section>

        <Section
          title={t('contracts.form.sections.agreements')}
          right={
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('agreements', newAgreement())}>
              {t('contracts.form.addAgreement')}
            </Button>
          }
        >
          {v.agreements.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('contracts.form.noAgreements')}
            </Text>
          )}
          {v.agreements.map((a, i) => (
            <Stack
              key={a.key}
              role="group"
              aria-label={t('contracts.form.agreementN', { n: i + 1 })}
              gap="xs"
              p="sm"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
            >
              <Group align="flex-start" wrap="nowrap">
                <Select
                  w={200}
                  label={t('contracts.fields.agreementKind')}
                  allowDeselect={false}
                  data={[...AGREEMENT_KINDS]}
                  {...field(`agreements.${i}.kind`)}
                />
                <DateField w={150} label={t('contracts.fields.agreementSigned')} {...field(`agreements.${i}.signedDate`)} />
                <TextInput flex={1} label={t('contracts.fields.agreementParties')} maxLength={200} {...field(`agreements.${i}.parties`)} />
                <ActionIcon variant="subtle" color="red" mt={28} aria-label={`${t('contracts.form.removeAgreement')} ${i + 1}`} onClick={() => form.removeListItem('agreements', i)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Group align="flex-start" wrap="nowrap">
                <Select
                  w={200}
                  label={t('contracts.fields.termKind')}
                  allowDeselect={false}
                  data={TERM_KINDS.map((k) => ({ value: k, label: t(`contracts.term.${k}`) }))}
                  {...field(`agreements.${i}.termKind`)}
                />
                {a.termKind === 'years' && (
                  <>
                    <TextInput w={100} label={t('contracts.fields.termYears')} rightSection="年" {...field(`agreements.${i}.termYears`)} />
                    <DateField w={150} label={t('contracts.fields.termFrom')} placeholder={t('contracts.form.fromSigning')} {...field(`agreements.${i}.termFrom`)} />
                  </>
                )}
                <TextInput flex={1} label={t('contracts.fields.coordClient')} maxLength={30} {...field(`agreements.${i}.coordClient`)} />
                <TextInput flex={1} label={t('contracts.fields.coordVendor')} maxLength={30} {...field(`agreements.${i}.coordVendor`)} />
              </Group>
            </Stack>
          ))}
        </Section>

        <Section
          title={t('contracts.form.sections.contacts')}
          right={
            <Group gap="xs">
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('contacts', newContact('client'))}>
                {t('contracts.form.addClientContact')}
              </Button>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('contacts', newContact('vendor'))}>
                {t('contracts.form.addVendorContact')}
              </Button>
            </Group>
          }
        >
          {v.contacts.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('contracts.form.noContacts')}
            </Text>
          )}
          {v.contacts.map((p, i) => (
            <Group key={p.key} align="flex-start" wrap="nowrap">
              <SegmentedControl
                mt={4}
                aria-label={`${t('contracts.fields.side')} ${i + 1}`}
                data={[
                  { value: 'client', label: t('contracts.fields.client') },
                  { value: 'vendor', label: t('contracts.fields.vendor') },
                ]}
                {...field(`contacts.${i}.side`)}
              />
              <TextInput w={140} placeholder={t('contracts.fields.contactName')} aria-label={`${t('contracts.fields.contactName')} ${i + 1}`} maxLength={30} {...field(`contacts.${i}.name`)} />
              <TextInput w={140} placeholder={t('contracts.fields.contactRole')} aria-label={`${t('contracts.fields.contactRole')} ${i + 1}`} maxLength={30} {...field(`contacts.${i}.role`)} />
              <TextInput w={170} placeholder={t('contracts.fields.contactPhone')} aria-label={`${t('contracts.fields.contactPhone')} ${i + 1}`} maxLength={40} {...field(`contacts.${i}.phone`)} />
              <TextInput flex={1} placeholder={t('contracts.fields.contactEmail')} aria-label={`${t('contracts.fields.contactEmail')} ${i + 1}`} maxLength={100} {...field(`contacts.${i}.email`)} />
              <ActionIcon variant="subtle" color="red" mt={4} aria-label={`${t('contracts.form.removeContact')} ${i + 1}`} onClick={() => form.removeListItem('contacts', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Section>

        <Section title={t('contracts.fields.note')}>
          <Textarea aria-label={t('contracts.fields.note')} autosize minRows={2} maxRows={6} maxLength={1000} {...field('note')} />
        </Section>
      </Stack>
      <Group
        justify="flex-end"
        gap="sm"
        px="lg"
        py="md"
        bg="var(--mantine-color-gray-0)"
        style={{ borderTop: '1px solid var(--mantine-color-gray-3)', position: 'sticky', bottom: 0, zIndex: 2 }}
      >
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

