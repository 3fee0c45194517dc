import { ActionIcon, Alert, Badge, Button, Group, Loader, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconBan, IconCheck, IconChevronDown, IconChevronRight, IconPencil, IconPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Completion, Obligation } from '../../../../common/api/obligation';
import { AttachmentPanel } from '../../../components/attachments/AttachmentPanel';
import { VoidReasonModal } from '../../../components/VoidReasonModal';
import { messageOf } from '../../../lib/api';
import { CompletionModal } from './CompletionModal';
import { ObligationFormModal } from './ObligationFormModal';
import { useObligationMutations, useObligations } from './queries';

/** The state of an obligation today, as a badge: 逾期 12 天, 30 天后到期, 已全部完成 … */
export function NextDueBadge({ obligation }: { obligation: Obligation }) {
  const { t } = useTranslation();
  const next = obligation.next;
  if (obligation.voidedAt) return <Badge color="gray" variant="outline">{t('obligations.voided')}</Badge>;
  switch (next.state) {
    case 'due': {
      const color = next.overdue ? 'red' : next.daysLeft <= 15 ? 'orange' : 'blue';
      const label = next.overdue
        ? t('obligations.next.overdue', { days: -next.daysLeft })
        : next.daysLeft === 0
          ? t('obligations.next.today')
          : t('obligations.next.due', { days: next.daysLeft });
      return (
        <Stack gap={2} align="flex-start" data-testid={next.overdue ? 'obligation-overdue' : 'obligation-due'}>
          <Badge color={color} variant={next.overdue ? 'filled' : 'light'}>
            {label}
          </Badge>
          <Text size="xs" c={next.overdue ? 'red.8' : 'dimmed'}>
            {t('obligations.next.dueDate', { date: next.due })}
          </Text>
        </Stack>
      );
    }
    case 'complete':
      return <Badge color="green" variant="light">{t('obligations.next.complete')}</Badge>;
    case 'limit':
      return <Badge color="grape" variant="light">{t('obligations.next.limit')}</Badge>;
    case 'unscheduled':
      return (
        <Tooltip label={next.reason} multiline w={260}>
          <Badge color="gray" variant="light">{t('obligations.next.unscheduled')}</Badge>
        </Tooltip>
      );
  }
}

function CompletionRow({ completion, canWrite, onVoid }: { completion: Completion; canWrite: boolean; onVoid(c: Completion): void }) {
  const { t } = useTranslation();
  const voided = completion.voidedAt !== null;
  return (
    <Stack gap={4} p="xs" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }} data-testid="completion-record">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0}>
          <Text size="sm" fw={600} td={voided ? 'line-through' : undefined}>
            {completion.doneOn}：{completion.description}
          </Text>
          <Text size="xs" c="dimmed">
            {t('obligations.completion.recordedBy', { name: completion.createdByName, at: completion.createdAt.slice(0, 10) })}
            {voided && ` · ${t('obligations.completion.voidedInfo', { date: completion.voidedAt?.slice(0, 10) ?? '', reason: completion.voidReason ?? '' })}`}
          </Text>
        </Stack>
        {canWrite && !voided && (
          <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconBan size={12} />} onClick={() => onVoid(completion)}>
            {t('common.void')}
          </Button>
        )}
      </Group>
      <AttachmentPanel ownerType="completion" ownerUuid={completion.uuid} canWrite={canWrite && !voided} />
    </Stack>
  );
}

/** 履行义务 of one contract: schedule, next due, completion records with their reports. */
export function ObligationsSection({ contractId, canWrite }: { contractId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const [showVoided, setShowVoided] = useState(false);
  const query = useObligations(contractId, showVoided);
  const mutations = useObligationMutations();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [form, setForm] = useState<{ editing: Obligation | null } | null>(null);
  const [completing, setCompleting] = useState<Obligation | null>(null);
  const [voiding, setVoiding] = useState<Obligation | null>(null);
  const [voidingCompletion, setVoidingCompletion] = useState<Completion | null>(null);

  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <Alert color="red">{messageOf(query.error)}</Alert>;
  const rows = query.data;
  return (
    <Stack gap="xs" data-testid="obligations">
      <Group justify="space-between">
        <Switch size="xs" label={t('obligations.showVoided')} checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} />
        {canWrite && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setForm({ editing: null })}>
            {t('obligations.new')}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(canWrite ? 'obligations.empty' : 'obligations.emptyReadOnly')}
        </Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28} />
              <Table.Th>{t('obligations.fields.title')}</Table.Th>
              <Table.Th>{t('obligations.fields.clause')}</Table.Th>
              <Table.Th>{t('obligations.fields.kind')}</Table.Th>
              <Table.Th>{t('obligations.nextDue')}</Table.Th>
              <Table.Th>{t('obligations.lastDone')}</Table.Th>
              {canWrite && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => {
              const live = o.completions.filter((c) => c.voidedAt === null);
              const expanded = open.has(o.id);
              const writable = canWrite && !o.voidedAt;
              return (
                <Fragment key={o.id}>
                  <Table.Tr data-testid="obligation-row" style={o.voidedAt ? { opacity: 0.6 } : undefined}>
                    <Table.Td>
                      <ActionIcon size="sm" variant="subtle" aria-label={t(expanded ? 'obligations.collapse' : 'obligations.expand', { title: o.title })} onClick={() => toggle(o.id)}>
                        {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} td={o.voidedAt ? 'line-through' : undefined}>
                        {o.title}
                      </Text>
                      {o.note && (
                        <Text size="xs" c="dimmed">
                          {o.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{o.clause}</Table.Td>
                    <Table.Td>{o.scheduleText}</Table.Td>
                    <Table.Td>
                      <NextDueBadge obligation={o} />
                      {o.next.state === 'due' && o.next.required > 1 && (
                        <Text size="xs" c="dimmed">
                          {t('obligations.next.progress', { done: o.next.done, required: o.next.required })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {live.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          {t('obligations.neverDone')}
                        </Text>
                      ) : (
                        <Text size="xs">{t('obligations.lastDoneText', { date: live[0]!.doneOn, count: live.length })}</Text>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        {writable && (
                          <Group gap={4} wrap="nowrap">
                            {o.next.state !== 'limit' && (
                              <Button size="compact-xs" variant="light" color="green" leftSection={<IconCheck size={12} />} onClick={() => setCompleting(o)}>
                                {t('obligations.complete.action')}
                              </Button>
                            )}
                            <Tooltip label={t('common.edit')}>
                              <ActionIcon size="sm" variant="subtle" aria-label={`${t('common.edit')} ${o.title}`} onClick={() => setForm({ editing: o })}>
                                <IconPencil size={14} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t('common.void')}>
                              <ActionIcon size="sm" variant="subtle" color="red" aria-label={`${t('common.void')} ${o.title}`} onClick={() => setVoiding(o)}>
                                <IconBan size={14} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {expanded && (
                  <Table.Tr>
                    <Table.Td colSpan={canWrite ? 7 : 6} bg="gray.0">
                        <Stack gap="xs" data-testid="completion-records">
                          {o.voidedAt && (
                            <Text size="xs" c="dimmed">
                              {t('obligations.voidedInfo', { date: o.voidedAt.slice(0, 10), reason: o.voidReason ?? '' })}
                            </Text>
                          )}
                          {o.next.state === 'unscheduled' && !o.voidedAt && (
                            <Text size="xs" c="dimmed">
                              {o.next.reason}
                            </Text>
                          )}
                          {o.completions.length === 0 ? (
                            <Text size="xs" c="dimmed">
                              {t('obligations.noCompletions')}
                            </Text>
                          ) : (
                            o.completions.map((c) => <CompletionRow key={c.id} completion={c} canWrite={writable} onVoid={setVoidingCompletion} />)
                          )}
                        </Stack>
                    </Table.Td>
                  </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      <ObligationFormModal opened={form !== null} contractId={contractId} editing={form?.editing ?? null} onClose={() => setForm(null)} />
      <CompletionModal obligation={completing} onClose={() => setCompleting(null)} />
      <VoidReasonModal
        opened={voiding !== null}
        title={t('obligations.voidTitle')}
        body={t('obligations.voidBody', { title: voiding?.title ?? '' })}
        reasonLabel={t('contracts.voidReason')}
        reasonPlaceholder={t('obligations.voidReasonPlaceholder')}
        confirmLabel={t('contracts.voidConfirm')}
        pending={mutations.void.isPending}
        onConfirm={async (reason) => {
          if (!voiding) return;
          await mutations.void.mutateAsync({ obligation: voiding, reason });
          notifications.show({ color: 'green', message: t('obligations.voidedDone', { title: voiding.title }) });
        }}
        onClose={() => setVoiding(null)}
      />
      <VoidReasonModal
        opened={voidingCompletion !== null}
        title={t('obligations.completion.voidTitle')}
        body={t('obligations.completion.voidBody', { date: voidingCompletion?.doneOn ?? '' })}
        reasonLabel={t('contracts.voidReason')}
        reasonPlaceholder={t('obligations.completion.voidReasonPlaceholder')}
        confirmLabel={t('contracts.voidConfirm')}
        pending={mutations.voidCompletion.isPending}
        onConfirm={async (reason) => {
          if (!voidingCompletion) return;
          await mutations.voidCompletion.mutateAsync({ id: voidingCompletion.id, reason });
          notifications.show({ color: 'green', message: t('obligations.completion.voided') });
        }}
        onClose={() => setVoidingCompletion(null)}
      />
    </Stack>
  );
}
