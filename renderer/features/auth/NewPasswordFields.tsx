import { List, PasswordInput, Stack, ThemeIcon } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { characterClasses, DEFAULT_POLICY } from '../../../common/security/policy';
import { useAuthStatus } from './queries';

/** New password and its confirmation, with the policy's rules ticked off as the user types. */
export function NewPasswordFields<T extends Record<string, unknown>>(props: {
  form: UseFormReturnType<T>;
  field: keyof T & string;
  confirmField: keyof T & string;
  label?: string;
}) {
  const { t } = useTranslation();
  const rules = useAuthStatus().data?.passwordRules ?? { minLength: DEFAULT_POLICY.passwordMinLength, minClasses: DEFAULT_POLICY.passwordMinClasses };
  const value = String(props.field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], props.form.getValues()) ?? '');
  const checks = [
    { ok: [...value].length >= rules.minLength, label: t('auth.ruleLength', { n: rules.minLength }) },
    { ok: characterClasses(value) >= rules.minClasses, label: t('auth.ruleClasses', { n: rules.minClasses }) },
  ];
  return (
    <Stack gap="xs">
      <PasswordInput label={props.label ?? t('auth.newPassword')} autoComplete="new-password" withAsterisk {...props.form.getInputProps(props.field)} />
      <List spacing={2} size="xs" center>
        {checks.map((r) => (
          <List.Item
            key={r.label}
            icon={
              <ThemeIcon size={16} radius="xl" color={r.ok ? 'teal' : 'gray'} variant="light">
                {r.ok ? <IconCheck size={11} /> : <IconX size={11} />}
              </ThemeIcon>
            }
            c={r.ok ? 'teal.8' : 'dimmed'}
          >
            {r.label}
          </List.Item>
        ))}
      </List>
      <PasswordInput label={t('auth.confirmPassword')} autoComplete="new-password" withAsterisk {...props.form.getInputProps(props.confirmField)} />
    </Stack>
  );
}
