import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useExpiring } from './queries';

/**
 * Approved filings ending within 30 days and those ended in the last 30 days, earliest first, each
 * with the core's message (which says whether a renewal is under way); a number opens the filing.
 * Renders nothing when none is due.
 */
export function ExpiringAlert({ onOpen }: { onOpen(id: number): void }) {
  const { t } = useTranslation();
  const query = useExpiring();
  if (query.isError) {
    return (
      <Alert color="red" variant="light">
        {t('ipfilings.expiring.failed', { message: query.error.message })}
      </Alert>
    );
  }
  const due = query.data ?? [];
  if (due.length === 0) return null;
  const expired = due.filter((d) => d.expired).length;
  return (
    <Alert
      color={expired > 0 ? 'red' : 'orange'}
      variant="light"
      icon={<IconAlertTriangle />}
      title={expired > 0 ? t('ipfilings.expiring.titleExpired', { count: due.length, expired }) : t('ipfilings.expiring.title', { count: due.length })}
      data-testid="expiring-alert"
    >
      <List size="sm" spacing={2}>
        {due.map((d) => (
          <List.Item key={d.filing.id} data-testid="expiring-item">
            <Anchor component="button" type="button" size="sm" fw={600} c={d.expired ? 'red.8' : undefined} onClick={() => onOpen(d.filing.id)}>
              {d.filing.number}
            </Anchor>
            <Text span size="sm">
              ：{d.message}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
