import { Alert, AppShell, Avatar, Badge, Button, Group, Menu, Modal, NavLink, ScrollArea, SegmentedControl, Text, Title, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconKey, IconLock, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../common/api/auth';
import { rolesGrant } from '../../common/security/roles';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm';
import { authCalls, useAuthAction } from '../features/auth/queries';
import { StartupHealthPanel } from '../features/startup/StartupHealthPanel';
import { LANGUAGES, type Language } from '../i18n';
import { PAGES } from './pages';
import { useOpenIntent, useUi } from './store';
import { useIdleLock } from './useIdleLock';

/** The application frame for a logged-in account: header, the pages its roles allow, the user menu. */
export function Shell({ status }: { status: AuthStatus }) {
  const { t } = useTranslation();
  const { language, setLanguage, page, setPage } = useUi();
  const [changing, setChanging] = useState(false);
  const lock = useAuthAction(authCalls.lock);
  const logout = useAuthAction(authCalls.logout);
  const user = status.user!;
  const pages = PAGES.filter((p) => rolesGrant(user.roles, p.permission));
  const current = pages.find((p) => p.id === page) ?? pages[0];

  const doLock = useCallback(() => lock.mutate(undefined), [lock]);
  useOpenIntent('password', useCallback(() => setChanging(true), []));
  useIdleLock(status.idleLockMinutes, doLock, true);
  useHotkeys([['mod+L', doLock]]);

  const groups = (['registers', 'administration'] as const).map((g) => ({ g, items: pages.filter((p) => p.group === g) })).filter((x) => x.items.length);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 208, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h={56} px="md" justify="space-between">
          <Group gap="sm">
            <IconShieldLock size={26} color="var(--mantine-color-brand-8)" />
            <Title order={3} fw={700}>
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" ml="xs">
              {status.unitName}
            </Text>
          </Group>
          <Group gap="md">
            <SegmentedControl
              size="xs"
              aria-label={t('app.language')}
              data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
              value={language}
              onChange={(v) => setLanguage(v as Language)}
            />
            <Menu position="bottom-end" width={200}>
              <Menu.Target>
                <UnstyledButton aria-label={t('app.userMenu')}>
                  <Group gap={8}>
                    <Avatar size={28} color="brand" radius="xl">
                      {user.displayName.slice(-2)}
                    </Avatar>
                    <Text size="sm">{user.displayName}</Text>
                    {user.roles.map((r) => (
                      <Badge key={r} variant="light" size="sm">
                        {t(`accounts.role.${r}`)}
                      </Badge>
                    ))}
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.username}</Menu.Label>
                <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)}>
                  {t('auth.changePassword')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLock size={16} />} onClick={doLock} rightSection={<Text size="xs" c="dimmed">Ctrl+L</Text>}>
                  {t('auth.lock')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => logout.mutate(undefined)}>
                  {t('auth.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {groups.map(({ g, items }) => (
            <div key={g}>
              <Text size="xs" c="dimmed" fw={600} px="sm" py={6}>
                {t(`nav.${g}`)}
              </Text>
              {items.map((p) => (
                <NavLink key={p.id} active={p.id === current?.id} label={t(p.label)} leftSection={<p.icon size={18} />} variant="filled" onClick={() => setPage(p.id)} />
              ))}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <StartupHealthPanel
          restoreAction={
            rolesGrant(user.roles, 'backup.manage') ? (
              <Button size="xs" variant="white" color="red" onClick={() => setPage('settings')} data-testid="startup-restore">
                {t('startup.openRestore')}
              </Button>
            ) : undefined
          }
        />
        {status.auditAlert && (
          <Alert color="red" variant="filled" icon={<IconAlertTriangle />} mb="md" data-testid="audit-alert">
            {status.auditAlert}
          </Alert>
        )}
        {current ? <current.Page /> : <Text c="dimmed">{t('app.noPages')}</Text>}
      </AppShell.Main>
      <Modal opened={changing} onClose={() => setChanging(false)} title={t('auth.changePassword')}>
        <ChangePasswordForm forced={false} onDone={() => setChanging(false)} onCancel={() => setChanging(false)} />
      </Modal>
    </AppShell>
  );
}
