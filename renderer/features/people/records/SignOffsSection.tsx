import { ActionIcon, Alert, Badge, Button, Group, Loader, Modal, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconPaperclip, IconPencil, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../common/api/person';
import type { SignOffRecord } from '../../../../common/api/signoff';
import { AttachmentPanel } from '../../../components/attachments/AttachmentPanel';
import { VoidReasonModal } from '../../../components/VoidReasonModal';
import { messageOf } from '../../../lib/api';
import { useCan } from '../../../lib/useCan';
import { contractLabel } from './pickers';
import { useSignOffMutations, useSignOffs } from './queries';
import { ANNUAL, DEPARTURE } from './signOffForm';
import { SignOffFormModal } from './SignOffFormModal';
import { RECORD_STATUS_COLORS, recordStatus } from './status';

/** 有效 / 即将到期（还剩 12 天）/ 已过期 / 未生效 / 已作废 of one sign-off. */
function RecordStatusBadge({ signOff, today }: { signOff: SignOffRecord; today: string }) {
  const { t } = useTranslation();
  const { status, daysLeft } = recordStatus(signOff, today);
  const label =
    status === '即将到期' && daysLeft !== null
      ? daysLeft === 0
        ? t('peopleRecords.recordStatus.endsToday')
        : t('peopleRecords.recordStatus.endsIn', { days: daysLeft })
      : t(`peopleRecords.recordStatus.${status}`);
  return (
    <Badge color={RECORD_STATUS_COLORS[status]} variant={status === '已过期' ? 'filled' : 'light'} style={{ flexShrink: 0 }} data-testid="signoff-record-status">
      {label}
    </Badge>
  );
}

/** 有效期至: the date, 一年 for 在岗年度承诺 without one, 长期. */
export function validityText(s: Pick<SignOffRecord, 'kind' | 'validUntil' | 'end'>, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (s.validUntil) return s.validUntil;
  if (s.kind === ANNUAL && s.end) return t('peopleRecords.signoffs.oneYearUntil', { end: s.end });
  return t('peopleRecords.signoffs.longTerm');
}

/**
 * A person's confidentiality sign-offs (保密承诺): kind and contract, dates, 脱密期, witness, copies
 * and where they are kept, the state of each today; add, edit, void, scans.
 */
export function SignOffsSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('registers.write') && !person.voidedAt;
  const [showVoided, setShowVoided] = useState(false);
  const query = useSignOffs(person.id, showVoided);
  const mutations = useSignOffMutations();
  const [form, setForm] = useState<{ editing: SignOffRecord | null } | null>(null);
  const [voiding, setVoiding] = useState<SignOffRecord | null>(null);
  const [scans, setScans] = useState<SignOffRecord | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  const kindOf = (s: SignOffRecord) => t(`peopleRecords.kind.${s.kind}`);

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <Alert color="red">{messageOf(query.error)}</Alert>;
  const rows = query.data;
  return (
    <Stack gap="xs" data-testid="signoffs">
      <Group justify="space-between">
        <Switch size="xs" label={t('peopleRecords.showVoided')} checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} />
        {canWrite && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setForm({ editing: null })}>
            {t('peopleRecords.signoffs.new')}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(canWrite ? 'peopleRecords.signoffs.empty' : 'peopleRecords.signoffs.emptyReadOnly')}
        </Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('peopleRecords.signoffs.columns.kind')}</Table.Th>
              <Table.Th>{t('peopleRecords.signoffs.columns.term')}</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('peopleRecords.signoffs.columns.declassify')}</Table.Th>
              <Table.Th>{t('peopleRecords.signoffs.columns.copies')}</Table.Th>
              <Table.Th w={110}>{t('peopleRecords.signoffs.columns.status')}</Table.Th>
              <Table.Th w={150}>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => {
              const voided = s.voidedAt !== null;
              return (
                <Table.Tr key={s.id} data-testid="signoff-row" className={voided ? 'row-voided' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={500} td={voided ? 'line-through' : undefined}>
                      {kindOf(s)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.contractId === null
                        ? t('peopleRecords.signoffs.allContracts')
                        : contractLabel({ mainNumber: s.contractMainNumber ?? '', projectName: s.contractProjectName ?? '' })}
                    </Text>
                    {voided && (
                      <Text size="xs" c="red.8">
                        {t('peopleRecords.voidedInfo', { date: s.voidedAt?.slice(0, 10) ?? '', reason: s.voidReason ?? '' })}
                      </Text>
                    )}
                    {s.note && (
                      <Text size="xs" c="dimmed">
                        {s.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{t('peopleRecords.signoffs.signedOn', { date: s.signedDate })}</Text>
                    <Text size="xs" c="dimmed">
                      {t('peopleRecords.signoffs.validUntilText', { text: validityText(s, t) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.kind === DEPARTURE ? (
                      s.declassifyFrom && s.declassifyTo ? (
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {s.declassifyFrom}
                          <br />
                          {t('peopleRecords.periodTo', { to: s.declassifyTo })}
                        </Text>
                      ) : (
                        <Text size="xs" c="red.8">
                          {t('peopleRecords.signoffs.declassifyMissing')}
                        </Text>
                      )
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('peopleRecords.signoffs.copiesText', { count: s.copies })}</Text>
                    {s.witness && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {t('peopleRecords.signoffs.witnessText', { name: s.witness })}
                      </Text>
                    )}
                    {s.keptAt && (
                      <Text size="xs" c="dimmed">
                        {s.keptAt}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RecordStatusBadge signOff={s} today={today} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" leftSection={<IconPaperclip size={12} />} style={{ flexShrink: 0 }} onClick={() => setScans(s)}>
                        {t('peopleRecords.signoffs.scans')}
                      </Button>
                      {canWrite && !voided && (
                        <>
                          <Tooltip label={t('common.edit')}>
                            <ActionIcon size="sm" variant="subtle" aria-label={`${t('common.edit')} ${kindOf(s)} ${s.signedDate}`} onClick={() => setForm({ editing: s })}>
                              <IconPencil size={14} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('common.void')}>
                            <ActionIcon size="sm" variant="subtle" color="red" aria-label={`${t('common.void')} ${kindOf(s)} ${s.signedDate}`} onClick={() => setVoiding(s)}>
                              <IconBan size={14} />
                            </ActionIcon>
                          </Tooltip>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      <SignOffFormModal opened={form !== null} person={person} editing={form?.editing ?? null} onClose={() => setForm(null)} />
      <Modal
        opened={scans !== null}
        onClose={() => setScans(null)}
        title={t('peopleRecords.signoffs.scansTitle', { name: person.name, kind: scans ? kindOf(scans) : '', date: scans?.signedDate ?? '' })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {scans && <AttachmentPanel ownerType="signoff" ownerUuid={scans.uuid} canWrite={canWrite && scans.voidedAt === null} />}
      </Modal>
      <VoidReasonModal
        opened={voiding !== null}
        title={t('peopleRecords.signoffs.voidTitle')}
        body={t('peopleRecords.signoffs.voidBody', { name: person.name, kind: voiding ? kindOf(voiding) : '', date: voiding?.signedDate ?? '' })}
        reasonLabel={t('peopleRecords.voidReason')}
        reasonPlaceholder={t('peopleRecords.signoffs.voidReasonPlaceholder')}
        confirmLabel={t('peopleRecords.voidConfirm')}
        pending={mutations.void.isPending}
        onConfirm={async (reason) => {
          if (!voiding) return;
          await mutations.void.mutateAsync({ id: voiding.id, rev: voiding.rev, reason });
          notifications.show({ color: 'green', message: t('peopleRecords.signoffs.voided', { name: person.name, kind: kindOf(voiding) }) });
        }}
        onClose={() => setVoiding(null)}
      />
    </Stack>
  );
}
