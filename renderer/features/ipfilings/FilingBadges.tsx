import { Badge, Stack, Text, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IpFiling } from '../../../common/api/ipfiling';
import type { IpFilingStatus } from '../../../common/ipfilings';

export const FILING_STATUS_COLORS: Record<IpFilingStatus, string> = {
  待审批: 'blue',
  未生效: 'cyan',
  有效: 'green',
  已过期: 'red',
  已驳回: 'grape',
  已撤销: 'gray',
};

/**
 * The status as the core derives it today: 已过期 after the end day, 即将到期 (orange, with the
 * days left) while in force with 30 days or fewer, 已作废 for a voided record.
 */
export function FilingStatusBadge({ filing, size }: { filing: Pick<IpFiling, 'status' | 'expiring' | 'statusText' | 'voidedAt'>; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  if (filing.voidedAt) {
    return (
      <Badge color="gray" variant="outline" size={size} data-testid="filing-status">
        {t('ipfilings.voidedBadge')}
      </Badge>
    );
  }
  const badge = (
    <Badge color={filing.expiring ? 'orange' : FILING_STATUS_COLORS[filing.status]} variant="light" size={size} data-testid="filing-status">
      {filing.expiring ? t('ipfilings.statusFilter.即将到期') : t(`ipfilings.status.${filing.status}`)}
    </Badge>
  );
  return filing.statusText !== filing.status ? <Tooltip label={filing.statusText}>{badge}</Tooltip> : badge;
}

/** The first two addresses of a filing, one a line, then “等 N 个”. */
export function AddressesSummary({ addresses }: { addresses: readonly { text: string }[] }) {
  const { t } = useTranslation();
  const shown = addresses.slice(0, 2);
  const rest = addresses.length - shown.length;
  return (
    <Stack gap={0} data-testid="filing-addresses">
      {shown.map((a) => (
        <Text key={a.text} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {a.text}
        </Text>
      ))}
      {rest > 0 && (
        <Text size="xs" c="dimmed">
          {t('ipfilings.moreAddresses', { count: addresses.length })}
        </Text>
      )}
    </Stack>
  );
}
