import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMediaOverdue } from './queries';

const URGENT = ['已超时', '即将超时', '已逾期'];

/**
 * 逾期/待办 of the register: media past due back, repairs out, losses and leaks to report within 48
 * hours, stocktake findings — each with the core's sentence and a link that opens the medium.
 * Renders nothing when nothing is open.
 */
export function OverdueAlert({ onOpen }: { onOpen(mediumId: number): void }) {
  const { t } = useTranslation();
  const query = useMediaOverdue();
  if (query.isError) {
    return (
      <Alert color="red" variant="light">
        {t('media.overdue.failed', { message: query.error.message })}
      </Alert>
    );
  }
  const items = query.data ?? [];
  if (items.length === 0) return null;
  const urgent = items.filter((i) => URGENT.includes(i.level)).length;
  return (
    <Alert
      color={urgent > 0 ? 'red' : 'orange'}
      variant="light"
      icon={<IconAlertTriangle />}
      title={urgent > 0 ? t('media.overdue.titleUrgent', { count: items.length, urgent }) : t('media.overdue.title', { count: items.length })}
      data-testid="media-overdue"
    >
      <List size="sm" spacing={2}>
        {items.map((i) => (
          <List.Item key={`${i.mediumId}-${i.kind}-${i.seq}`} data-testid="overdue-item">
            <Anchor component="button" type="button" size="sm" fw={600} onClick={() => onOpen(i.mediumId)}>
              {i.number}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {' '}
              {[t(`media.kind.${i.mediumKind}`), i.model].filter(Boolean).join(' ')}
            </Text>
            <Text span size="sm" c={URGENT.includes(i.level) ? 'red.8' : undefined}>
              {' '}
              {t(`media.openItem.${i.kind}`)}：{i.message}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
