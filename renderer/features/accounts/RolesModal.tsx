import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../common/api/account';
import { ADMIN_ROLES, ROLES, type AdminMode, type Role } from '../../../common/security/roles';
import { ApiFailure, messageOf } from '../../lib/api';
import { useAccountMutations } from './queries';

const ROLE_GROUPS: { key: 'admin' | 'registers'; roles: readonly Role[] }[] = [
  { key: 'admin', roles: ADMIN_ROLES },
  { key: 'registers', roles: ROLES.filter((r) => !(ADMIN_ROLES as readonly Role[]).includes(r)) },
];

/**
 * 分配角色. The rules (三员分立, administrators apart from register roles) are the core's: whatever it
 * refuses is shown at the checkboxes, and the ticks are kept.
 */
export function RolesModal(props: { account: AccountView | null; mode: AdminMode; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.account !== null} onClose={props.onClose} title={t('accounts.rolesTitle')} size="lg">
      {props.account && <RolesForm account={props.account} mode={props.mode} onClose={props.onClose} />}
    </Modal>
  );
}

function RolesForm({ account, mode, onClose }: { account: AccountView; mode: AdminMode; onClose(): void }) {
  const { t } = useTranslation();
  const { setRoles } = useAccountMutations();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ roles: Role[] }>({
    mode: 'controlled',
    initialValues: { roles: account.roles },
    onValuesChange: () => setFormError(null),
  });

  const submit = form.onSubmit(async ({ roles }) => {
    setFormError(null);
    // Keep the order of the role table, whatever order they were ticked in.
    const ordered = ROLES.filter((r) => roles.includes(r));
    try {
      const saved = await setRoles.mutateAsync({ account, roles: ordered });
      const names = saved.roles.map((r) => t(`accounts.role.${r}`)).join('、');
      notifications.show({ color: 'green', message: t('accounts.rolesSaved', { username: saved.username, roles: names }) });
      onClose();
    } catch (error) {
      if (error instanceof ApiFailure && error.error.field === 'roles') form.setFieldError('roles', error.message);
      else setFormError(messageOf(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('accounts.rolesBody', { name: account.displayName, username: account.username })}</Text>
        <Alert variant="light" color="blue" p="sm">
          <Text size="sm">{t(`accounts.rolesRules.${mode}`)}</Text>
        </Alert>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <Checkbox.Group label={t('accounts.fields.roles')} {...form.getInputProps('roles')}>
          <Stack gap="md" mt="xs">
            {ROLE_GROUPS.map((g) => (
              <Stack key={g.key} gap="xs">
                <Text size="xs" c="dimmed" fw={600}>
                  {t(`accounts.roleGroups.${g.key}`)}
                </Text>
                {g.roles.map((r) => (
                  <Checkbox key={r} value={r} label={t(`accounts.role.${r}`)} description={t(`accounts.roleHint.${r}`)} />
                ))}
              </Stack>
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={setRoles.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={setRoles.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
