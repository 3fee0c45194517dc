import { ActionIcon, Alert, Badge, Button, Group, Loader, Menu, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconBan, IconChevronDown, IconChevronRight, IconPencil, IconPlus, IconPrinter, IconSignature } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_ROLES, REMOTE_SUPPORT_ROLE, type Assignment, type ContractPerson } from '../../../../common/api/assignment';
import type { Contract } from '../../../../common/api/contract';
import type { Person } from '../../../../common/api/person';
import { PrintDialog, type PrintMode } from '../../../components/PrintDialog';
import { useCan } from '../../../lib/useCan';
import { messageOf } from '../../../lib/api';
import { AssignmentFormModal } from './AssignmentFormModal';
import { PersonTrainingsSection } from './PersonTrainingsSection';
import { VoidAssignmentModal, periodText } from './AssignmentsSection';
import { useAssignmentMutations, useContractPeople } from './queries';
import { SignOffFormModal } from './SignOffFormModal';
import { SignOffsSection } from './SignOffsSection';
import { SignOffStatusBadge } from './SignOffStatusBadge';

/**
 * The people of one contract, grouped by role: unit, from/to, the sign-off status for this
 * contract (reason on hover). The 后备（远程）技术支持 staff are marked: the agreements require them
 * named apart and bound too. Add a person, register a sign-off for this contract, edit or void.
 */
export function ContractPeopleSection({ contract }: { contract: Pick<Contract, 'id' | 'mainNumber' | 'projectName' | 'voidedAt'> }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('registers.write') && !contract.voidedAt;
  const [showVoided, setShowVoided] = useState(false);
  const query = useContractPeople(contract.id, showVoided);
  const mutations = useAssignmentMutations();
  const [form, setForm] = useState<{ editing: Assignment | null } | null>(null);
  const [voiding, setVoiding] = useState<Assignment | null>(null);
  const [signing, setSigning] = useState<Person | null>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [printing, setPrinting] = useState<{ remoteOnly: boolean; mode: PrintMode } | null>(null);
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <Alert color="red">{messageOf(query.error)}</Alert>;
  const { people, remoteSupport } = query.data;
  const groups = ASSIGNMENT_ROLES.map((role) => ({ role, rows: people.filter((p) => p.role === role) })).filter((g) => g.rows.length > 0);
  const live = people.filter((p) => p.voidedAt === null);
  const columns = canWrite ? 6 : 5;

  return (
    <Stack gap="xs" data-testid="contract-people">
      <Group justify="space-between">
        <Group gap="sm">
          <Switch size="xs" label={t('peopleRecords.showVoided')} checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} />
          {live.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('peopleRecords.contractPeople.count', { count: new Set(live.map((p) => p.personId)).size })}
              {remoteSupport.length > 0 && ` · ${t('peopleRecords.contractPeople.remoteCount', { count: remoteSupport.filter((p) => p.voidedAt === null).length })}`}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          {can('registers.print') && live.length > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} rightSection={<IconChevronDown size={12} />}>
                  {t('peopleRecords.contractPeople.print')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(remoteSupport.some((p) => p.voidedAt === null) ? [false, true] : [false]).map((remoteOnly) =>
                  (['pdf', 'printer', ...(can('registers.export') ? ['xlsx' as const] : [])] as const).map((mode) => (
                    <Menu.Item key={`${String(remoteOnly)}-${mode}`} onClick={() => setPrinting({ remoteOnly, mode })}>
                      {t(remoteOnly ? 'peopleRecords.contractPeople.printRemote' : 'peopleRecords.contractPeople.printAll', { mode: t(`print.${mode}`) })}
                    </Menu.Item>
                  )),
                )}
              </Menu.Dropdown>
            </Menu>
          )}
          {canWrite && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setForm({ editing: null })}>
              {t('peopleRecords.contractPeople.add')}
            </Button>
          )}
        </Group>
      </Group>
      <PrintDialog
        mode={printing?.mode ?? null}
        count={printing?.remoteOnly ? remoteSupport.filter((p) => p.voidedAt === null).length : live.length}
        scope={
          printing
            ? t(printing.remoteOnly ? 'peopleRecords.contractPeople.printRemoteScope' : 'peopleRecords.contractPeople.printAllScope', {
                contract: contract.projectName || contract.mainNumber,
              })
            : undefined
        }
        selection={{ register: 'contractPeople', filter: { contractId: contract.id, remoteOnly: printing?.remoteOnly ?? false } }}
        onClose={() => setPrinting(null)}
      />
      {people.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="contract-people-empty">
          {t(canWrite ? 'peopleRecords.contractPeople.empty' : 'peopleRecords.contractPeople.emptyReadOnly')}
        </Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28} />
              <Table.Th>{t('peopleRecords.contractPeople.columns.person')}</Table.Th>
              <Table.Th>{t('peopleRecords.contractPeople.columns.org')}</Table.Th>
              <Table.Th>{t('peopleRecords.contractPeople.columns.period')}</Table.Th>
              <Table.Th>
                <Tooltip label={t('peopleRecords.contractPeople.signOffScope')} multiline w={280}>
                  <span>{t('peopleRecords.contractPeople.columns.signOff')}</span>
                </Tooltip>
              </Table.Th>
              {canWrite && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map(({ role, rows }) => {
              const remote = role === REMOTE_SUPPORT_ROLE;
              return (
                <Fragment key={role}>
                  <Table.Tr bg={remote ? 'orange.0' : 'gray.0'} data-testid={remote ? 'remote-support-group' : 'role-group'}>
                    <Table.Td colSpan={columns}>
                      <Group gap="xs">
                        <Text size="sm" fw={600} c={remote ? 'orange.9' : undefined}>
                          {t(`peopleRecords.role.${role}`)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('peopleRecords.contractPeople.count', { count: rows.length })}
                        </Text>
                        {remote && (
                          <Text size="xs" c="orange.9">
                            {t('peopleRecords.contractPeople.remoteNote')}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {rows.map((row) => (
                    <Fragment key={row.id}>
                      <PersonRow
                        row={row}
                        remote={remote}
                        canWrite={canWrite}
                        expanded={open.has(row.id)}
                        onToggle={() => toggle(row.id)}
                        onSign={setSigning}
                        onEdit={(a) => setForm({ editing: a })}
                        onVoid={setVoiding}
                      />
                      {open.has(row.id) && (
                        <Table.Tr>
                          <Table.Td colSpan={columns} bg="gray.0">
                            <Stack gap="xs" p={4} data-testid="contract-person-records">
                              <Text size="sm" fw={600}>
                                {t('peopleRecords.contractPeople.signOffsOf', { name: row.person.name })}
                              </Text>
                              <SignOffsSection person={row.person} />
                              <Text size="sm" fw={600} mt="xs">
                                {t('peopleRecords.contractPeople.trainingsOf', { name: row.person.name })}
                              </Text>
                              <PersonTrainingsSection person={row.person} />
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  ))}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      <AssignmentFormModal
        opened={form !== null}
        contract={form?.editing ? null : contract}
        editing={form?.editing ?? null}
        onClose={() => setForm(null)}
      />
      <VoidAssignmentModal assignment={voiding} pending={mutations.void.isPending} onVoid={(input) => mutations.void.mutateAsync(input)} onClose={() => setVoiding(null)} />
      {signing && <SignOffFormModal opened person={signing} editing={null} presetContractId={contract.id} onClose={() => setSigning(null)} />}
    </Stack>
  );
}

function PersonRow(props: {
  row: ContractPerson;
  remote: boolean;
  canWrite: boolean;
  expanded: boolean;
  onToggle(): void;
  onSign(p: Person): void;
  onEdit(a: Assignment): void;
  onVoid(a: Assignment): void;
}) {
  const { t } = useTranslation();
  const { row, remote } = props;
  const p = row.person;
  const voided = row.voidedAt !== null;
  const writable = props.canWrite && !voided;
  return (
    <Table.Tr data-testid="contract-person-row" className={voided ? 'row-voided' : undefined}>
      <Table.Td>
        <ActionIcon
          size="sm"
          variant="subtle"
          aria-label={t(props.expanded ? 'peopleRecords.contractPeople.collapse' : 'peopleRecords.contractPeople.expand', { name: p.name })}
          onClick={props.onToggle}
        >
          {props.expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        </ActionIcon>
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          <Text size="sm" fw={500} td={voided ? 'line-through' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {p.name}
          </Text>
          {remote && (
            <Badge size="xs" color="orange" variant="light" style={{ flexShrink: 0 }} data-testid="remote-support-badge">
              {t('peopleRecords.assignments.remoteBadge')}
            </Badge>
          )}
          {p.departure ? (
            <Badge size="xs" color="grape" variant="light" style={{ flexShrink: 0 }}>
              {t('peopleRecords.contractPeople.departing', { kind: p.departure.kind })}
            </Badge>
          ) : (
            p.status !== '在岗' && (
              <Badge size="xs" color="gray" variant="outline" style={{ flexShrink: 0 }}>
                {p.status}
              </Badge>
            )
          )}
        </Group>
        {(p.post || row.roleNote) && (
          <Text size="xs" c="dimmed">
            {[p.post, row.roleNote && t('peopleRecords.contractPeople.roleNoteText', { note: row.roleNote })].filter(Boolean).join(' · ')}
          </Text>
        )}
        {voided && (
          <Text size="xs" c="red.8">
            {t('peopleRecords.voidedInfo', { date: row.voidedAt?.slice(0, 10) ?? '', reason: row.voidReason ?? '' })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{p.orgName}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {periodText(row, t)}
        </Text>
      </Table.Td>
      <Table.Td>
        <SignOffStatusBadge signOff={p.signOff} />
      </Table.Td>
      {props.canWrite && (
        <Table.Td>
          {writable && (
            <Group gap={4} wrap="nowrap" justify="flex-end">
              {!p.voidedAt && (
                <Button size="compact-xs" variant="light" leftSection={<IconSignature size={12} />} onClick={() => props.onSign(p)}>
                  {t('peopleRecords.contractPeople.registerSignOff')}
                </Button>
              )}
              <Tooltip label={t('peopleRecords.contractPeople.editAssignment')}>
                <ActionIcon size="sm" variant="subtle" aria-label={`${t('peopleRecords.contractPeople.editAssignment')} ${p.name}`} onClick={() => props.onEdit(row)}>
                  <IconPencil size={14} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('peopleRecords.contractPeople.voidAssignment')}>
                <ActionIcon size="sm" variant="subtle" color="red" aria-label={`${t('peopleRecords.contractPeople.voidAssignment')} ${p.name}`} onClick={() => props.onVoid(row)}>
                  <IconBan size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
