import { Alert, Button, Grid, Group, List, Loader, Modal, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { schemaResolver, useForm, type FormErrors } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { policySchema } from '../../../common/api/account';
import { DEFAULT_POLICY, POLICY_BOUNDS, type SecurityPolicy } from '../../../common/security/policy';
import { ApiFailure, messageOf } from '../../lib/api';
import { usePolicy, useUpdatePolicy } from './queries';

type Key = keyof SecurityPolicy;
type Values = Record<Key, number | string>;
type Unit = 'chars' | 'classes' | 'days' | 'times' | 'minutes';

type Section = 'password' | 'lockout' | 'session';

/** Which values each part of the page holds, and the unit each is counted in. */
const SECTIONS: Record<Section, { name: Key; unit: Unit }[]> = {
  password: [
    { name: 'passwordMinLength', unit: 'chars' },
    { name: 'passwordMinClasses', unit: 'classes' },
    { name: 'passwordExpiryDays', unit: 'days' },
    { name: 'passwordHistory', unit: 'times' },
  ],
  lockout: [
    { name: 'lockoutThreshold', unit: 'times' },
    { name: 'lockoutMinutes', unit: 'minutes' },
  ],
  session: [{ name: 'idleLockMinutes', unit: 'minutes' }],
};
const UNIT_OF = Object.fromEntries(Object.values(SECTIONS).flatMap((fields) => fields.map((f) => [f.name, f.unit]))) as Record<Key, Unit>;
const KEYS = Object.keys(POLICY_BOUNDS) as Key[];
const resolve = schemaResolver(policySchema, { sync: true });
const MAX_WIDTH = 960;

/** 安全策略: the password, lockout and idle-lock rules, each within the bounds the core enforces. */
export function PolicyPage() {
  const { t } = useTranslation();
  const policy = usePolicy();
  if (policy.data) return <PolicyForm saved={policy.data} />;
  return (
    <Stack gap="md" maw={MAX_WIDTH}>
      <PolicyHeader />
      {policy.isPending && (
        <Group gap="sm" py="xl">
          <Loader size="sm" />
          <Text c="dimmed" size="sm">
            {t('policy.loading')}
          </Text>
        </Group>
      )}
      {policy.isError && (
        <Alert color="red" variant="light" title={t('policy.loadError')}>
          <Group justify="space-between">
            <Text size="sm">{messageOf(policy.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void policy.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

function PolicyHeader({ actions }: { actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <div>
        <Title order={2}>{t('policy.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('policy.subtitle')}
        </Text>
      </div>
      {actions}
    </Group>
  );
}

function PolicyForm({ saved }: { saved: SecurityPolicy }) {
  const { t } = useTranslation();
  const update = useUpdatePolicy();
  const [pending, setPending] = useState<SecurityPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: saved,
    // The contract's own schema; an emptied field gets a plain message instead of a type error.
    validate: (values: Values): FormErrors => {
      const errors = resolve(values);
      for (const k of KEYS) if (values[k] === '') errors[k] = t('policy.required');
      return errors;
    },
    validateInputOnChange: true,
  });

  const unitText = (k: Key, n: number) => `${n} ${t(`policy.units.${UNIT_OF[k]}`)}`;
  const show = (k: Key, n: number) => (k === 'passwordExpiryDays' && n === 0 ? t('policy.never') : unitText(k, n));
  const changes = pending ? KEYS.filter((k) => pending[k] !== saved[k]) : [];

  const submit = form.onSubmit(
    (values) => {
      setError(null);
      // Validated above with the same schema, so this only narrows the type.
      setPending(policySchema.parse(values));
    },
    (errors) => {
      const first = KEYS.find((k) => errors[k]);
      if (first) form.getInputNode(first)?.focus();
    },
  );

  const confirm = async () => {
    if (!pending) return;
    try {
      const after = await update.mutateAsync(pending);
      form.setInitialValues(after);
      form.setValues(after);
      form.resetDirty(after);
      setPending(null);
      notifications.show({ color: 'green', message: t('policy.saved') });
    } catch (e) {
      setPending(null);
      if (e instanceof ApiFailure && e.error.field && (KEYS as string[]).includes(e.error.field)) form.setFieldError(e.error.field, e.message);
      else setError(messageOf(e));
    }
  };

  const section = (key: Section, cols: number) => (
    <Paper withBorder p="md" h="100%">
      <Text fw={600} mb={4}>
        {t(`policy.sections.${key}`)}
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        {t(`policy.sectionHints.${key}`)}
      </Text>
      <SimpleGrid cols={cols} spacing="lg" verticalSpacing="md">
        {SECTIONS[key].map(({ name, unit }) => {
          const [min, max] = POLICY_BOUNDS[name];
          return (
            <NumberInput
              key={form.key(name)}
              label={t(`policy.fields.${name}`)}
              description={
                <>
                  {t(`policy.hints.${name}`)}
                  <br />
                  {t('policy.bounds', { min, max, unit: t(`policy.units.${unit}`) })}
                </>
              }
              withAsterisk
              min={min}
              max={max}
              step={1}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              rightSection={
                <Text size="sm" c="dimmed" pr="xs">
                  {t(`policy.units.${unit}`)}
                </Text>
              }
              rightSectionWidth={56}
              rightSectionPointerEvents="none"
              {...form.getInputProps(name)}
            />
          );
        })}
      </SimpleGrid>
    </Paper>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={MAX_WIDTH}>
        <PolicyHeader
          actions={
            <Group gap="sm" wrap="nowrap">
              <Button variant="subtle" color="gray" onClick={() => form.setValues(DEFAULT_POLICY)}>
                {t('policy.defaults')}
              </Button>
              <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
                {t('policy.revert')}
              </Button>
              <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} disabled={!form.isDirty()}>
                {t('policy.save')}
              </Button>
            </Group>
          }
        />
        {error && (
          <Alert color="red" variant="light" data-testid="form-error">
            {error}
          </Alert>
        )}
        {section('password', 2)}
        <Grid gap="md">
          <Grid.Col span={8}>{section('lockout', 2)}</Grid.Col>
          <Grid.Col span={4}>{section('session', 1)}</Grid.Col>
        </Grid>
      </Stack>

      <Modal opened={pending !== null} onClose={() => !update.isPending && setPending(null)} title={t('policy.confirmTitle')} size="md">
        <Stack gap="md">
          <Text size="sm">{t('policy.confirmBody')}</Text>
          {pending && (
            <List size="sm" spacing={4} data-testid="policy-changes">
              {changes.map((k) => (
                <List.Item key={k}>
                  {t('policy.change', { field: t(`policy.fields.${k}`), from: show(k, saved[k]), to: show(k, pending[k]) })}
                </List.Item>
              ))}
            </List>
          )}
          <Text size="xs" c="dimmed">
            {t('policy.confirmNote')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)} disabled={update.isPending}>
              {t('common.cancel')}
            </Button>
            <Button loading={update.isPending} onClick={() => void confirm()} data-autofocus>
              {t('policy.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
