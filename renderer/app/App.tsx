import { Alert, AppShell, Badge, Center, Group, Loader, NavLink, ScrollArea, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../common/security/labels';
import { OrgListPage } from '../features/organisations/OrgListPage';
import { LANGUAGES, type Language } from '../i18n';
import { api, messageOf, unwrap } from '../lib/api';
import { useUi } from './store';

/** Registers that exist; the navigation lists only these. */
const PAGES = [{ id: 'organisations', icon: IconBuildingCommunity, label: 'nav.organisations', Page: OrgListPage }] as const;

export function App() {
  const { t } = useTranslation();
  const { language, setLanguage } = useUi();
  const info = useQuery({ queryKey: ['app:info'], queryFn: () => unwrap(api().app.info({})) });
  const current = PAGES[0];

  if (info.isPending) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Loader />
          <Text c="dimmed">{t('app.loading')}</Text>
        </Stack>
      </Center>
    );
  }
  if (info.isError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" icon={<IconAlertTriangle />} title={t('app.name')} maw={560}>
          {t('app.connectionError', { message: messageOf(info.error) })}
        </Alert>
      </Center>
    );
  }
  const { data } = info;

  return (
    <AppShell header={{ height: data.developmentKey ? 84 : 56 }} navbar={{ width: 208, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        {data.developmentKey && (
          <Group h={28} px="md" gap="xs" bg="yellow.2" data-testid="dev-key-banner">
            <IconAlertTriangle size={16} />
            <Text size="xs">{t('app.devKeyBanner')}</Text>
          </Group>
        )}
        <Group h={56} px="md" justify="space-between">
          <Group gap="sm">
            <IconShieldLock size={26} color="var(--mantine-color-brand-8)" />
            <Title order={3} fw={700}>
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" ml="xs">
              {data.unitName || t('app.unitNotSet')}
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
            <Group gap={6}>
              <Text size="sm">{data.user.displayName}</Text>
              {data.user.roles.map((r) => (
                <Badge key={r} variant="light" size="sm">
                  {ROLE_LABELS[r]}
                </Badge>
              ))}
            </Group>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          <Text size="xs" c="dimmed" fw={600} px="sm" py={6}>
            {t('nav.registers')}
          </Text>
          {PAGES.map((p) => (
            <NavLink key={p.id} active={p.id === current.id} label={t(p.label)} leftSection={<p.icon size={18} />} variant="filled" />
          ))}
        </ScrollArea>
        <Text size="xs" c="dimmed" px="sm" mt="auto">
          v{data.version}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        <current.Page />
      </AppShell.Main>
    </AppShell>
  );
}
