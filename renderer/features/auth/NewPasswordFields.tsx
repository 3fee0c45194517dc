import { List, PasswordInput, Stack, ThemeIcon } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { characterClasses, DEFAULT_POLICY } from '../../../common/security/policy';

/** New password and its confirmation, with the policy's rules ticked off as the user types. */
export function NewPasswordFields<T extends Record<string, unknown>>(props: {
  form: UseFormReturnType<T>;
  field: keyof T & string;
  confirmField: keyof T & string;
  label?: string;
}) {
  const { t } = useTranslation();
  const value = String(props.field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], props.form.getValues()) ?? '');
  const rules = [
    { ok: [...value].length >= DEFAULT_POLICY.passwordMinLength, label: t('auth.ruleLength', { n: DEFAULT_POLICY.passwordMinLength }) },
    { ok: characterClasses(value) >= DEFAULT_POLICY.passwordMinClasses, label: t('auth.ruleClasses', { n: DEFAULT_POLICY.passwordMinClasses }) },
  ];
  return (
    <Stack gap="xs">
      <PasswordInput label={props.label ?? t('auth.newPassword')} autoComplete="new-password" withAsterisk {...props.form.getInputProps(props.field)} />
      <List spacing={2} size="xs" center>
        {rules.map((r) => (
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
