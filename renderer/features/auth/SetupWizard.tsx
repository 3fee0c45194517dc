import {
  Alert,
  Button,
  Divider,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblems, DEFAULT_POLICY } from '../../../common/security/policy';
import type { AdminMode } from '../../../common/security/roles';
import { api, ApiFailure, messageOf, unwrap } from '../../lib/api';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields } from './NewPasswordFields';
import { RecoveryCodeSheet } from './RecoveryCodeSheet';
import { AUTH_STATUS } from './queries';

type Admin = { username: string; displayName: string; password: string; confirm: string };
const emptyAdmin = (): Admin => ({ username: '', displayName: '', password: '', confirm: '' });

/** Each card keeps its own place in the form, so switching the mode never moves one person's data to another role. */
const SLOTS: Record<AdminMode, { slot: string; index: number }[]> = {
  separated: [
    { slot: 'sysadmin', index: 0 },
    { slot: 'secadmin', index: 1 },
    { slot: 'auditor', index: 2 },
  ],
  combined: [
    { slot: 'combinedAdmin', index: 0 },
    { slot: 'auditor', index: 2 },
  ],
};

/** First run: the unit, the administration mode, the administrators, and the recovery code shown once. */
export function SetupWizard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { unitName: '', marking: '内部', mode: 'separated' as AdminMode, accounts: [emptyAdmin(), emptyAdmin(), emptyAdmin()] },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (step === 0) {
        if (values.unitName.trim().length < 2) errors.unitName = t('setup.unitRequired');
        return errors;
      }
      const seen = new Set<string>();
      SLOTS[values.mode].forEach(({ index: i }) => {
        const a = values.accounts[i]!;
        const name = a.username.trim();
        if (!/^[A-Za-z0-9._-]{2,32}$/.test(name)) errors[`accounts.${i}.username`] = t('setup.usernameFormat');
        else if (seen.has(name.toLowerCase())) errors[`accounts.${i}.username`] = t('setup.usernameDuplicate');
        seen.add(name.toLowerCase());
        if (!a.displayName.trim()) errors[`accounts.${i}.displayName`] = t('setup.displayNameRequired');
        const problems = passwordProblems(a.password, DEFAULT_POLICY, name);
        if (problems.length) errors[`accounts.${i}.password`] = problems.join('；');
        if (a.confirm !== a.password) errors[`accounts.${i}.confirm`] = t('auth.passwordsDiffer');
      });
      return errors;
    },
  });
  const { mode } = form.getValues();

  const next = () => {
    if (!form.validate().hasErrors) setStep(1);
  };

  const submit = async () => {
    if (form.validate().hasErrors) return;
    setError(null);
    setSaving(true);
    const v = form.getValues();
    try {
      const r = await unwrap(
        api().auth.setup({
          unitName: v.unitName,
          marking: v.marking,
          mode: v.mode,
          accounts: SLOTS[v.mode].map(({ index }) => {
            const { confirm: _c, ...a } = v.accounts[index]!;
            return a;
          }),
        }),
      );
      setRecoveryCode(r.recoveryCode);
      setStep(2);
    } catch (e) {
      // The core numbers accounts as sent; map back to the card they came from.
      const field = e instanceof ApiFailure ? e.error.field?.replace(/^accounts\.(\d+)/, (_m, n: string) => `accounts.${SLOTS[v.mode][Number(n)]?.index ?? n}`) : undefined;
      if (e instanceof ApiFailure && field) form.setFieldError(field, e.message);
      else setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  const finish = () => {
    setRecoveryCode(null);
    void qc.invalidateQueries({ queryKey: AUTH_STATUS });
  };

  return (
    <AuthLayout width={760}>
      <Stack gap="lg">
        <div>
          <Title order={3}>{t('setup.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('setup.subtitle')}
          </Text>
        </div>
        <Stepper active={step} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label={t('setup.stepUnit')}>
            <Stack gap="md" mt="md">
              <TextInput label={t('setup.unitName')} description={t('setup.unitNameHint')} withAsterisk data-autofocus {...form.getInputProps('unitName')} />
              <TextInput label={t('setup.marking')} description={t('setup.markingHint')} maw={240} {...form.getInputProps('marking')} />
              <Group justify="flex-end">
                <Button onClick={next}>{t('setup.next')}</Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepAdmins')}>
            <Stack gap="md" mt="md">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('setup.mode')}
                </Text>
                <SegmentedControl
                  aria-label={t('setup.mode')}
                  data={[
                    { value: 'separated', label: t('setup.modeSeparated') },
                    { value: 'combined', label: t('setup.modeCombined') },
                  ]}
                  {...form.getInputProps('mode')}
                />
                <Text size="xs" c="dimmed">
                  {t(mode === 'separated' ? 'setup.modeSeparatedHint' : 'setup.modeCombinedHint')}
                </Text>
              </Stack>
              {error && (
                <Alert color="red" variant="light">
                  {error}
                </Alert>
              )}
              {SLOTS[mode].map(({ slot, index: i }) => (
                <Paper key={`${mode}-${slot}`} withBorder p="md" data-testid={`admin-${slot}`}>
                  <Text fw={600} mb="xs">
                    {t(`setup.role.${slot}`)}
                  </Text>
                  <SimpleGrid cols={2}>
                    <TextInput label={t('auth.username')} withAsterisk {...form.getInputProps(`accounts.${i}.username`)} />
                    <TextInput label={t('setup.displayName')} withAsterisk {...form.getInputProps(`accounts.${i}.displayName`)} />
                  </SimpleGrid>
                  <Divider my="sm" variant="dashed" />
                  <NewPasswordFields form={form} field={`accounts.${i}.password` as never} confirmField={`accounts.${i}.confirm` as never} label={t('setup.initialPassword')} />
                </Paper>
              ))}
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(0)} disabled={saving}>
                  {t('setup.back')}
                </Button>
                <Button onClick={submit} loading={saving}>
                  {t('setup.create')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepRecovery')}>
            <Stack mt="md">
              {recoveryCode && <RecoveryCodeSheet code={recoveryCode} unitName={form.getValues().unitName} doneLabel={t('setup.finish')} onDone={finish} />}
            </Stack>
          </Stepper.Step>
        </Stepper>
      </Stack>
    </AuthLayout>
  );
}
