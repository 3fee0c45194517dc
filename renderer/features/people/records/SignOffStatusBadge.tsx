import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../common/api/person';
import { SIGNOFF_STATUS_COLORS } from './status';

/**
 * A person's sign-off status as the core derived it (for any contract, or for the contract the list
 * was asked for), with the core's one-sentence reason on hover.
 */
export function SignOffStatusBadge({ signOff }: { signOff: Person['signOff'] }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={signOff.reason} multiline w={300}>
      <Badge
        color={SIGNOFF_STATUS_COLORS[signOff.status]}
        variant={signOff.status === '已过期' ? 'filled' : signOff.status === '未签' ? 'outline' : 'light'}
        data-testid="signoff-status"
        aria-label={`${t(`peopleRecords.status.${signOff.status}`)}：${signOff.reason}`}
        tabIndex={0}
      >
        {t(`peopleRecords.status.${signOff.status}`)}
      </Badge>
    </Tooltip>
  );
}
