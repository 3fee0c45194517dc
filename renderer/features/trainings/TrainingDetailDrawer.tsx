import { Alert, Badge, Button, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconBan, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Training } from '../../../common/api/training';
import { AttachmentPanel } from '../../components/attachments/AttachmentPanel';
import { DetailHeading as Heading, DetailItem as Item } from '../../components/Detail';
import { messageOf } from '../../lib/api';
import { unlessDialogOpen } from '../../lib/overlays';
import { useTraining } from './queries';

/** One 保密教育 session: what, when, who taught, who attended, and its material as attachments. */
export function TrainingDetailDrawer(props: { id: number | null; canWrite: boolean; onClose(): void; onEdit(t: Training): void; onVoid(t: Training): void }) {
  const { t } = useTranslation();
  const query = useTraining(props.id);
  const s = query.data;
  const writable = props.canWrite && s !== undefined && s.voidedAt === null;
  return (
    <Drawer
      opened={props.id !== null}
      onClose={unlessDialogOpen(props.onClose)}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      position="right"
      size="min(820px, 92vw)"
      title={<Text fw={600} size="lg">{t('peopleRecords.trainings.detailTitle')}</Text>}
    >
      {query.isError && (
        <Alert color="red" variant="light">
          {messageOf(query.error)}
        </Alert>
      )}
      {!s ? (
        query.isPending && props.id !== null ? <Loader /> : null
      ) : (
        <Stack gap="sm" data-testid="training-detail">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Text fw={700} size="xl" td={s.voidedAt ? 'line-through' : undefined}>
                {s.topic}
              </Text>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('peopleRecords.trainings.summary', { date: s.heldOn, hours: s.hours, count: s.attendees.length })}
                </Text>
                {s.voidedAt && (
                  <Badge color="gray" variant="outline">
                    {t('peopleRecords.trainings.voidedBadge')}
                  </Badge>
                )}
              </Group>
            </Stack>
            {writable && (
              <Group gap="xs">
                <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => props.onEdit(s)}>
                  {t('common.edit')}
                </Button>
                <Button size="xs" variant="default" color="red" leftSection={<IconBan size={14} />} onClick={() => props.onVoid(s)}>
                  {t('common.void')}
                </Button>
              </Group>
            )}
          </Group>
          {s.voidedAt && (
            <Alert color="gray" variant="light">
              {t('peopleRecords.voidedInfo', { date: s.voidedAt.slice(0, 10), reason: s.voidReason ?? '' })}
            </Alert>
          )}
          <SimpleGrid cols={3}>
            <Item label={t('peopleRecords.trainings.fields.heldOn')}>{s.heldOn}</Item>
            <Item label={t('peopleRecords.trainings.fields.hours')}>{s.hours}</Item>
            <Item label={t('peopleRecords.trainings.fields.trainer')}>{s.trainer}</Item>
          </SimpleGrid>
          {s.note && (
            <Item label={t('peopleRecords.trainings.fields.note')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.note}
              </Text>
            </Item>
          )}

          <Heading>{t('peopleRecords.trainings.attendeesHeading', { count: s.attendees.length })}</Heading>
          <Table withTableBorder striped fz="sm" verticalSpacing={4} data-testid="training-attendees">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>#</Table.Th>
                <Table.Th>{t('peopleRecords.trainings.attendees.name')}</Table.Th>
                <Table.Th>{t('peopleRecords.trainings.attendees.org')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.attendees.map((a, i) => (
                <Table.Tr key={a.personId}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{a.orgName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>

          <Heading>{t('peopleRecords.trainings.material')}</Heading>
          <AttachmentPanel ownerType="training" ownerUuid={s.uuid} canWrite={writable} />
        </Stack>
      )}
    </Drawer>
  );
}
