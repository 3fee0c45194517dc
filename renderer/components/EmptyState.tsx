import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyState(props: { icon: ReactNode; title: string; body: string; action?: { label: string; onClick(): void } }) {
  return (
    <Stack align="center" gap="xs" py={64} px="md" data-testid="empty-state">
      <ThemeIcon size={56} radius="xl" variant="light" color="gray">
        {props.icon}
      </ThemeIcon>
      <Title order={4} mt="sm">
        {props.title}
      </Title>
      <Text c="dimmed" ta="center" maw={460} size="sm">
        {props.body}
      </Text>
      {props.action && (
        <Button mt="md" onClick={props.action.onClick}>
          {props.action.label}
        </Button>
      )}
    </Stack>
  );
}
