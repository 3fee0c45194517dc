import { Divider, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a record's detail view; empty shows a dash. */
export function DetailItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children === '' || children === null || children === undefined ? '—' : children}
      </Text>
    </Stack>
  );
}

/** The heading of a part of a record's detail view, ruled below. */
export function DetailHeading({ children }: { children: ReactNode }) {
  return (
    <>
      <Title order={5} c="brand.8" mt="sm">
        {children}
      </Title>
      <Divider mt={-8} />
    </>
  );
}
