import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { personLabel } from './pickers';
import { useRenewals } from './queries';

/**
 * 在岗年度承诺 to re-sign (people on post whose yearly commitment ends within 30 days or has
 * ended), overdue first, each with the core's message. Renders nothing when none is due.
 */
export function RenewalsAlert() {
  const { t } = useTranslation();
  const query = useRenewals();
  if (query.isError) {
    return (
      <Alert color="red" variant="light">
        {t('peopleRecords.renewals.failed', { message: query.error.message })}
      </Alert>
    );
  }
  const due = query.data ?? [];
  if (due.length === 0) return null;
  // The core sorts by days left, so overdue ones come first; kept stable here whatever it does.
  const sorted = [...due].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.daysLeft - b.daysLeft);
  const overdue = sorted.filter((r) => r.overdue).length;
  return (
    <Alert
      color={overdue > 0 ? 'red' : 'orange'}
      variant="light"
      icon={<IconAlertTriangle />}
      title={overdue > 0 ? t('peopleRecords.renewals.titleOverdue', { count: sorted.length, overdue }) : t('peopleRecords.renewals.title', { count: sorted.length })}
      data-testid="renewals-alert"
    >
      <List size="sm" spacing={2}>
        {sorted.map((r) => (
          <List.Item key={`${r.person.id}-${r.signOff.id}`} data-testid="renewal-item">
            <Text span size="sm" fw={600} c={r.overdue ? 'red.8' : undefined}>
              {personLabel(r.person)}
            </Text>
            {r.signOff.contractProjectName && (
              <Text span size="sm" c="dimmed">
                {' '}
                {t('peopleRecords.renewals.contract', { name: r.signOff.contractProjectName })}
              </Text>
            )}
            <Text span size="sm">
              ：{r.message}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
