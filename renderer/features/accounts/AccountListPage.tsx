import { Alert, Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconLockOpen, IconPlayerPlay, IconPlus, IconShieldCheck, IconUserCog, IconUserOff, IconUsers } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../common/api/account';
import { ADMIN_ROLES } from '../../../common/security/roles';
import type { AdminMode, Role } from '../../../common/security/roles';
import { EmptyState } from '../../components/EmptyState';
import { messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { useAuthStatus } from '../auth/queries';
import { ConfirmActionModal } from './ConfirmActionModal';
import { NewAccountModal } from './NewAccountModal';
import { OneTimePasswordModal, type IssuedPassword } from './OneTimePasswordModal';
import { useAccountList, useAccountMutations } from './queries';
import { RolesModal } from './RolesModal';

const ROLE_COLORS: Record<Role, string> = { sysadmin: 'blue', secadmin: 'grape', auditor: 'teal', officer: 'brand', viewer: 'gray' };

const dateTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const date = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

type Confirming = { kind: 'reset' | 'disable'; account: AccountView };

/**
 * 账户: who may log in on this workstation. The system administrator creates, disables and resets;
 * the security administrator assigns roles and lifts lockouts. Nobody acts on their own account.
 */
export function AccountListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useAuthStatus().data?.user?.username.toLowerCase() ?? null;
  const list = useAccountList();
  const mutations = useAccountMutations();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [assigning, setAssigning] = useState<AccountView | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const canManage = can('accounts.manage');
  const canAssign = can('roles.assign');
  const accounts = list.data?.accounts ?? [];
  const mode: AdminMode = list.data?.mode ?? 'separated';
  const isSelf = (a: AccountView) => a.username.toLowerCase() === me;

  const fail = (error: unknown) => notifications.show({ color: 'red', title: t('common.failed'), message: messageOf(error) });

  const enable = async (a: AccountView) => {
    try {
      const after = await mutations.enable.mutateAsync(a);
      notifications.show({ color: 'green', message: t('accounts.enabled', { username: after.username }) });
    } catch (e) {
      fail(e);
    }
  };
  const unlock = async (a: AccountView) => {
    try {
      const after = await mutations.unlock.mutateAsync(a);
      notifications.show({ color: 'green', message: t('accounts.unlocked', { username: after.username }) });
    } catch (e) {
      fail(e);
    }
  };

  const ask = (kind: Confirming['kind'], account: AccountView) => {
    setConfirmError(null);
    setConfirming({ kind, account });
    setConfirmOpen(true);
  };
  // The subject stays set while the modal animates closed, so its text does not change under the user.
  const closeConfirm = () => setConfirmOpen(false);
  const confirmPending = mutations.resetPassword.isPending || mutations.disable.isPending;
  const runConfirmed = async () => {
    if (!confirming) return;
    setConfirmError(null);
    try {
      if (confirming.kind === 'reset') {
        const r = await mutations.resetPassword.mutateAsync(confirming.account);
        closeConfirm();
        setIssued({ account: r.account, oneTimePassword: r.oneTimePassword, kind: 'reset' });
      } else {
        const after = await mutations.disable.mutateAsync(confirming.account);
        closeConfirm();
        notifications.show({ color: 'green', message: t('accounts.disabled', { username: after.username }) });
      }
    } catch (e) {
      setConfirmError(messageOf(e));
    }
  };

  const actions = (a: AccountView) => {
    if (!canManage && !canAssign) return null;
    if (isSelf(a)) {
      return (
        <Text size="xs" c="dimmed">
          {t('accounts.selfNoActions')}
        </Text>
      );
    }
    const label = (action: string) => `${action} ${a.username}`;
    return (
      <Group gap={6} justify="flex-end" wrap="nowrap">
        {canAssign && a.lockedUntil && (
          <Button size="compact-xs" variant="light" color="orange" leftSection={<IconLockOpen size={14} />} aria-label={label(t('accounts.unlock'))} onClick={() => void unlock(a)}>
            {t('accounts.unlock')}
          </Button>
        )}
        {canAssign && (
          <Button size="compact-xs" variant="light" leftSection={<IconUserCog size={14} />} aria-label={label(t('accounts.assignRoles'))} onClick={() => setAssigning(a)}>
            {t('accounts.assignRoles')}
          </Button>
        )}
        {canManage && !a.roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r)) && (
          <Button size="compact-xs" variant="light" color="gray" leftSection={<IconKey size={14} />} aria-label={label(t('accounts.reset'))} onClick={() => ask('reset', a)}>
            {t('accounts.reset')}
          </Button>
        )}
        {canManage &&
          (a.status === 'active' ? (
            <Button size="compact-xs" variant="light" color="red" leftSection={<IconUserOff size={14} />} aria-label={label(t('accounts.disable'))} onClick={() => ask('disable', a)}>
              {t('accounts.disable')}
            </Button>
          ) : (
            <Button size="compact-xs" variant="light" color="teal" leftSection={<IconPlayerPlay size={14} />} aria-label={label(t('accounts.enable'))} loading={mutations.enable.isPending && mutations.enable.variables?.id === a.id} onClick={() => void enable(a)}>
              {t('accounts.enable')}
            </Button>
          ))}
      </Group>
    );
  };

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>{t('accounts.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('accounts.subtitle')}
          </Text>
        </div>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
            {t('accounts.new')}
          </Button>
        )}
      </Group>

      {list.data && (
        <Paper withBorder p="sm" data-testid="admin-mode">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color="blue" size="lg">
              <IconShieldCheck size={20} />
            </ThemeIcon>
            <div>
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {t('accounts.modeLabel')}
                </Text>
                <Badge tt="none" variant="light" color="blue">
                  {t(`accounts.mode.${mode}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t(`accounts.modeHint.${mode}`)}
              </Text>
            </div>
            <Text size="sm" c="dimmed" ml="auto" style={{ whiteSpace: 'nowrap' }} data-testid="account-total">
              {t('accounts.total', { count: accounts.length, disabled: accounts.filter((a) => a.status === 'disabled').length })}
            </Text>
          </Group>
        </Paper>
      )}

      {list.isError && (
        <Alert color="red" variant="light" title={t('accounts.loadError')}>
          <Group justify="space-between">
            <Text size="sm">{messageOf(list.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      )}

      {list.isSuccess && accounts.length === 0 ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconUsers size={30} />}
            title={t('accounts.empty.title')}
            body={t('accounts.empty.body')}
            action={canManage ? { label: t('accounts.new'), onClick: () => setCreating(true) } : undefined}
          />
        </Paper>
      ) : (
        !list.isError && (
          <DataTable<AccountView>
            withTableBorder
            borderRadius="sm"
            striped
            highlightOnHover
            minHeight={list.isPending ? 240 : undefined}
            fetching={list.isFetching}
            records={accounts}
            idAccessor="id"
            noRecordsText=""
            rowClassName={(a) => (a.status === 'disabled' ? 'row-voided' : undefined)}
            columns={[
              {
                accessor: 'username',
                title: t('accounts.fields.username'),
                render: (a) => (
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" ff="monospace">
                      {a.username}
                    </Text>
                    {isSelf(a) && (
                      <Badge tt="none" size="xs" variant="outline" color="gray">
                        {t('accounts.self')}
                      </Badge>
                    )}
                  </Group>
                ),
              },
              { accessor: 'displayName', title: t('accounts.fields.displayName') },
              {
                accessor: 'roles',
                title: t('accounts.fields.roles'),
                render: (a) =>
                  a.roles.length === 0 ? (
                    <Badge tt="none" variant="outline" color="orange">
                      {t('accounts.noRoles')}
                    </Badge>
                  ) : (
                    <Group gap={4}>
                      {a.roles.map((r) => (
                        <Badge tt="none" key={r} variant="light" color={ROLE_COLORS[r]}>
                          {t(`accounts.role.${r}`)}
                        </Badge>
                      ))}
                    </Group>
                  ),
              },
              {
                accessor: 'status',
                title: t('accounts.fields.status'),
                render: (a) => (
                  <Group gap={4}>
                    <Badge tt="none" variant={a.status === 'active' ? 'light' : 'filled'} color={a.status === 'active' ? 'green' : 'gray'}>
                      {t(`accounts.status.${a.status}`)}
                    </Badge>
                    {a.lockedUntil && (
                      <Tooltip label={t('accounts.lockedHint')}>
                        <Badge tt="none" variant="light" color="red">
                          {t('accounts.lockedUntil', { time: dateTime(a.lockedUntil) })}
                        </Badge>
                      </Tooltip>
                    )}
                    {a.mustChangePassword && (
                      <Tooltip label={t('accounts.mustChangeHint')}>
                        <Badge tt="none" variant="light" color="yellow">
                          {t('accounts.mustChange')}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                ),
              },
              {
                accessor: 'lastLoginAt',
                title: t('accounts.fields.lastLogin'),
                noWrap: true,
                render: (a) =>
                  a.lastLoginAt ? (
                    dateTime(a.lastLoginAt)
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('accounts.neverLoggedIn')}
                    </Text>
                  ),
              },
              { accessor: 'passwordChangedAt', title: t('accounts.fields.passwordChanged'), noWrap: true, render: (a) => date(a.passwordChangedAt) },
              ...(canManage || canAssign
                ? [{ accessor: 'actions', title: t('common.actions'), textAlign: 'right' as const, render: actions }]
                : []),
            ]}
          />
        )
      )}

      <NewAccountModal opened={creating} onClose={() => setCreating(false)} onCreated={setIssued} />
      <OneTimePasswordModal issued={issued} onClose={() => setIssued(null)} />
      <RolesModal account={assigning} mode={mode} onClose={() => setAssigning(null)} />
      <ConfirmActionModal
        opened={confirmOpen}
        title={t(confirming?.kind === 'disable' ? 'accounts.disableTitle' : 'accounts.resetTitle')}
        body={
          confirming
            ? t(confirming.kind === 'disable' ? 'accounts.disableBody' : 'accounts.resetBody', {
                name: confirming.account.displayName,
                username: confirming.account.username,
              })
            : ''
        }
        confirmLabel={t(confirming?.kind === 'disable' ? 'accounts.disableConfirm' : 'accounts.resetConfirm')}
        color={confirming?.kind === 'disable' ? 'red' : undefined}
        pending={confirmPending}
        error={confirmError}
        onConfirm={() => void runConfirmed()}
        onCancel={closeConfirm}
      />
    </Stack>
  );
}
