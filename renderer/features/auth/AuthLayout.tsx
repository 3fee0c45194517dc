import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The frame of the screens before the registers: setup, login, lock, password change. */
export function AuthLayout(props: { unitName?: string; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-1)" p="xl">
      <Stack w={props.width ?? 420} gap="lg">
        <Stack gap={4} align="center">
          <Group gap="xs">
            <IconShieldLock size={34} color="var(--mantine-color-brand-8)" />
            <Title order={1} size={28}>
              {t('app.name')}
            </Title>
          </Group>
          {props.unitName && <Text c="dimmed">{props.unitName}</Text>}
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {props.children}
        </Paper>
      </Stack>
    </Center>
  );
}
