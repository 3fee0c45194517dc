import { Alert, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../common/api/person';
import { messageOf } from '../../../lib/api';
import { useTrainingList } from '../../trainings/queries';

/** The most recent sessions shown; the 保密教育 page lists them all. */
const SHOWN = 100;

/** The 保密教育 sessions a person attended (voided ones left out): date, topic, hours, trainer. */
export function PersonTrainingsSection({ person }: { person: Pick<Person, 'id'> }) {
  const { t } = useTranslation();
  const query = useTrainingList({ q: '', from: null, to: null, personId: person.id, voided: 'exclude', dir: 'desc', page: 1, pageSize: SHOWN });
  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <Alert color="red">{messageOf(query.error)}</Alert>;
  const { rows, total } = query.data;
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="person-trainings-empty">
        {t('peopleRecords.personTrainings.empty')}
      </Text>
    );
  }
  // Tenths of an hour summed as integers, so 1.1 + 2.2 shows 3.3.
  const hours = rows.reduce((sum, r) => sum + Math.round(r.hours * 10), 0) / 10;
  return (
    <Stack gap="xs" data-testid="person-trainings">
      <Text size="xs" c="dimmed">
        {total > rows.length ? t('peopleRecords.personTrainings.totalPartial', { count: total, shown: rows.length, hours }) : t('peopleRecords.personTrainings.total', { count: total, hours })}
      </Text>
      <Table withTableBorder fz="sm" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('peopleRecords.trainings.fields.heldOn')}</Table.Th>
            <Table.Th>{t('peopleRecords.trainings.fields.topic')}</Table.Th>
            <Table.Th w={70} ta="right">
              {t('peopleRecords.trainings.fields.hours')}
            </Table.Th>
            <Table.Th w={120}>{t('peopleRecords.trainings.fields.trainer')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="person-training-row">
              <Table.Td>{r.heldOn}</Table.Td>
              <Table.Td>{r.topic}</Table.Td>
              <Table.Td ta="right">{r.hours}</Table.Td>
              <Table.Td>{r.trainer || '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
