import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../common/api/media';
import { daysBetween } from '../../../common/contracts';
import type { MediaStatus } from '../../../common/media';

export const STATUS_COLORS: Record<MediaStatus, string> = {
  在库: 'green',
  已发放: 'blue',
  借出: 'cyan',
  外出: 'orange',
  维修中: 'grape',
  已交回: 'gray',
  已销毁: 'dark',
  丢失: 'red',
};

/** The status the custody chain leads to; a voided medium says so instead. */
export function MediaStatusBadge({ medium }: { medium: Pick<Medium, 'status' | 'voidedAt' | 'needsAttention'> }) {
  const { t } = useTranslation();
  if (medium.voidedAt) {
    return (
      <Badge color="gray" variant="outline">
        {t('media.voidedBadge')}
      </Badge>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATUS_COLORS[medium.status]} variant="light" data-testid="media-status">
        {t(`media.status.${medium.status}`)}
      </Badge>
      {medium.needsAttention && (
        <Tooltip label={t('media.needsAttention')}>
          <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-label={t('media.needsAttention')} />
        </Tooltip>
      )}
    </Group>
  );
}

/** The due date, red once past with the days overdue under it (due on today is not yet overdue). */
export function DueBack({ due, today }: { due: string | null; today: string }) {
  const { t } = useTranslation();
  if (!due) return <>—</>;
  if (due >= today) return <Text size="sm">{due}</Text>;
  return (
    <Stack gap={0} data-overdue="true">
      <Text size="sm" c="red.8" fw={600}>
        {due}
      </Text>
      <Text size="xs" c="red.8">
        {t('media.overdueDays', { count: daysBetween(due, today) })}
      </Text>
    </Stack>
  );
}
