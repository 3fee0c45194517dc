import { ActionIcon, Alert, Badge, Button, Group, Loader, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REMOTE_SUPPORT_ROLE, type Assignment } from '../../../../common/api/assignment';
import type { Person } from '../../../../common/api/person';
import { VoidReasonModal } from '../../../components/VoidReasonModal';
import { messageOf } from '../../../lib/api';
import { useCan } from '../../../lib/useCan';
import { AssignmentFormModal } from './AssignmentFormModal';
import { useAssignmentMutations, useAssignmentsOfPerson } from './queries';

/** 项目负责人 / 其他（测试）/ 开发（前端）, with the remote support role marked. */
export function RoleText({ role, roleNote }: Pick<Assignment, 'role' | 'roleNote'>) {
  const { t } = useTranslation();
  const label = role === '其他' && roleNote ? roleNote : t(`peopleRecords.role.${role}`);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">
        {label}
        {roleNote && role !== '其他' ? `（${roleNote}）` : ''}
      </Text>
      {role === REMOTE_SUPPORT_ROLE && (
        <Tooltip label={t('peopleRecords.assignments.remoteHint')} multiline w={280}>
          <Badge size="xs" color="orange" variant="light" data-testid="remote-support-badge">
            {t('peopleRecords.assignments.remoteBadge')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** from/to of an assignment: “2024-05-24 至 今”. */
export function periodText(a: Pick<Assignment, 'from' | 'to'>, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (a.from && a.to) return t('peopleRecords.period', { from: a.from, to: a.to });
  if (a.from) return t('peopleRecords.assignments.since', { from: a.from });
  if (a.to) return t('peopleRecords.periodTo', { to: a.to });
  return t('peopleRecords.assignments.periodOpen');
}

/** Why a person takes no new assignment, or null when they may. */
export function notAssignableReason(person: Person, t: (key: string, o?: Record<string, unknown>) => string): string | null {
  if (person.voidedAt) return t('peopleRecords.assignments.personVoided');
  if (person.departure) return t('peopleRecords.assignments.personDeparting', { kind: person.departure.kind, date: person.departure.date });
  if (person.status !== '在岗') return t('peopleRecords.assignments.personLeft', { status: person.status });
  return null;
}

/** The contracts a person works on: role, from/to; add (pick a contract), edit, void. */
export function AssignmentsSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('registers.write') && !person.voidedAt;
  const [showVoided, setShowVoided] = useState(false);
  const query = useAssignmentsOfPerson(person.id, showVoided);
  const mutations = useAssignmentMutations();
  const [form, setForm] = useState<{ editing: Assignment | null } | null>(null);
  const [voiding, setVoiding] = useState<Assignment | null>(null);
  const blocked = notAssignableReason(person, t);

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <Alert color="red">{messageOf(query.error)}</Alert>;
  const rows = query.data;
  return (
    <Stack gap="xs" data-testid="person-assignments">
      <Group justify="space-between">
        <Switch size="xs" label={t('peopleRecords.showVoided')} checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} />
        {canWrite && (
          <Tooltip label={blocked} disabled={blocked === null} multiline w={280}>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={blocked !== null} onClick={() => setForm({ editing: null })}>
              {t('peopleRecords.assignments.new')}
            </Button>
          </Tooltip>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(canWrite && blocked === null ? 'peopleRecords.assignments.empty' : 'peopleRecords.assignments.emptyReadOnly')}
        </Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('peopleRecords.assignments.columns.contract')}</Table.Th>
              <Table.Th>{t('peopleRecords.assignments.columns.role')}</Table.Th>
              <Table.Th>{t('peopleRecords.assignments.columns.period')}</Table.Th>
              {canWrite && <Table.Th w={80}>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => {
              const voided = a.voidedAt !== null;
              return (
                <Table.Tr key={a.id} data-testid="person-assignment-row" className={voided ? 'row-voided' : undefined}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" td={voided ? 'line-through' : undefined}>
                      {a.contractMainNumber}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {a.contractProjectName}
                    </Text>
                    {voided && (
                      <Text size="xs" c="red.8">
                        {t('peopleRecords.voidedInfo', { date: a.voidedAt?.slice(0, 10) ?? '', reason: a.voidReason ?? '' })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RoleText role={a.role} roleNote={a.roleNote} />
                  </Table.Td>
                  <Table.Td>{periodText(a, t)}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      {!voided && (
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={t('common.edit')}>
                            <ActionIcon size="sm" variant="subtle" aria-label={`${t('common.edit')} ${a.contractProjectName}`} onClick={() => setForm({ editing: a })}>
                              <IconPencil size={14} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('common.void')}>
                            <ActionIcon size="sm" variant="subtle" color="red" aria-label={`${t('common.void')} ${a.contractProjectName}`} onClick={() => setVoiding(a)}>
                              <IconBan size={14} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      <AssignmentFormModal opened={form !== null} person={form?.editing ? null : person} editing={form?.editing ?? null} onClose={() => setForm(null)} />
      <VoidAssignmentModal assignment={voiding} pending={mutations.void.isPending} onVoid={(input) => mutations.void.mutateAsync(input)} onClose={() => setVoiding(null)} />
    </Stack>
  );
}

/** 作废分派 with a reason; shared by the person's and the contract's lists. */
export function VoidAssignmentModal(props: {
  assignment: Assignment | null;
  pending: boolean;
  onVoid(input: { id: number; rev: number; reason: string }): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const a = props.assignment;
  const role = a ? (a.role === '其他' && a.roleNote ? a.roleNote : t(`peopleRecords.role.${a.role}`)) : '';
  return (
    <VoidReasonModal
      opened={a !== null}
      title={t('peopleRecords.assignments.voidTitle')}
      body={t('peopleRecords.assignments.voidBody', { name: a?.personName ?? '', contract: a?.contractProjectName ?? '', role })}
      reasonLabel={t('peopleRecords.voidReason')}
      reasonPlaceholder={t('peopleRecords.assignments.voidReasonPlaceholder')}
      confirmLabel={t('peopleRecords.voidConfirm')}
      pending={props.pending}
      onConfirm={async (reason) => {
        if (!a) return;
        await props.onVoid({ id: a.id, rev: a.rev, reason });
        notifications.show({ color: 'green', message: t('peopleRecords.assignments.voided', { name: a.personName, contract: a.contractProjectName }) });
      }}
      onClose={props.onClose}
    />
  );
}
