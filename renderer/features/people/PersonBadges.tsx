import { Badge, Stack, Text, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../common/api/person';
import { DEPARTING_COLOR, PERSON_STATUS_COLORS, SIGNOFF_STATUS_COLORS } from './labels';

/** 在岗 / 调岗 / 离岗, 办理中 while a departure is pending, 已作废 for a voided record. */
export function PersonStatusBadge({ person, size, withDeparture = true }: { person: Person; size?: BadgeProps['size']; withDeparture?: boolean }) {
  const { t } = useTranslation();
  if (person.voidedAt) {
    return (
      <Badge color="gray" variant="outline" size={size}>
        {t('people.voidedBadge')}
      </Badge>
    );
  }
  if (person.departure) {
    const d = person.departure;
    return (
      <Stack gap={2} align="flex-start">
        <Tooltip label={t('people.departingHint', { kind: t(`people.departureKind.${d.kind}`), date: d.date })}>
          <Badge color={DEPARTING_COLOR} variant="light" size={size}>
            {t('people.departing')}
          </Badge>
        </Tooltip>
        {withDeparture && (
          <Text size="xs" c="dimmed">
            {t(`people.departureKind.${d.kind}`)} {d.date}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Badge color={PERSON_STATUS_COLORS[person.status]} variant="light" size={size}>
      {t(`people.status.${person.status}`)}
    </Badge>
  );
}

/**
 * 有效 / 即将到期 / 已过期 / 未签, with the reason in a tooltip; in grey for a person no longer on
 * post (`muted`), whom no commitment makes eligible for access anyway.
 */
export function SignOffBadge({ signOff, size, muted = false }: { signOff: Person['signOff']; size?: BadgeProps['size']; muted?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={signOff.reason} multiline w={300}>
      <Badge color={muted ? 'gray' : SIGNOFF_STATUS_COLORS[signOff.status]} variant={signOff.status === '未签' ? 'outline' : 'light'} size={size}>
        {t(`people.signOffStatus.${signOff.status}`)}
      </Badge>
    </Tooltip>
  );
}
