import { Alert, Anchor, Badge, Button, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconCheck, IconCircleCheck, IconCircleX, IconEye, IconFilePlus, IconPencil, IconPlayerStop, IconRefresh, IconX } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpFiling } from '../../../common/api/ipfiling';
import { AttachmentPanel } from '../../components/attachments/AttachmentPanel';
import { DetailHeading, DetailItem } from '../../components/Detail';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { api, messageOf, unwrap } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { ConflictList } from './ConflictsView';
import { FilingStatusBadge } from './FilingBadges';
import { ApproveModal, RejectModal, RenewModal, RevokeModal } from './FilingActionModals';
import { FilingFormModal } from './FilingFormModal';
import { useConflicts, useFiling, useFilingMutations } from './queries';

type Layer = 'edit' | 'approve' | 'reject' | 'revoke' | 'renew' | 'void';

const KIND_KEYS = { single: 'ipfilings.addressKind.single', cidr: 'ipfilings.addressKind.cidr', range: 'ipfilings.addressKind.range' } as const;

/** What may be done to a filing in its status (the core checks again). */
export function filingActions(f: IpFiling): Layer[] {
  if (f.voidedAt) return [];
  switch (f.status) {
    case '待审批':
      return ['edit', 'approve', 'reject', 'revoke', 'void'];
    case '有效':
    case '未生效':
      return f.renewedBy ? ['revoke', 'void'] : ['renew', 'revoke', 'void'];
    case '已过期':
      return f.renewedBy ? ['void'] : ['renew', 'void'];
    default:
      return ['void'];
  }
}

/** One filing: all its fields, its addresses classified, its history, its conflicts, its scans, and the actions its status allows. */
export function FilingDetailDrawer(props: { id: number | null; onClose(): void; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const query = useFiling(props.id);
  const f = query.data;
  const can = useCan();
  const canWrite = can('registers.write');
  const [layer, setLayer] = useState<Layer | null>(null);
  const mutations = useFilingMutations();
  const shownFor = (l: Layer) => (layer === l && f ? f : null);
  const close = () => setLayer(null);
  const actions = f && canWrite ? filingActions(f) : [];
  const button = (l: Layer, icon: ReactNode, label: string, color?: string) =>
    actions.includes(l) && (
      <Button size="xs" variant={l === 'approve' ? 'filled' : 'default'} color={color} leftSection={icon} onClick={() => setLayer(l)}>
        {label}
      </Button>
    );

  return (
    <>
      <Drawer
        opened={props.id !== null}
        onClose={props.onClose}
        closeOnEscape={layer === null}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        position="right"
        size="min(900px, 94vw)"
        title={
          <Text fw={600} size="lg">
            {t('ipfilings.detail.title')}
          </Text>
        }
      >
        {query.isError && (
          <Alert color="red" variant="light">
            {messageOf(query.error)}
          </Alert>
        )}
        {!f ? (
          query.isPending && props.id !== null ? <Loader /> : null
        ) : (
          <Stack gap="sm" data-testid="filing-detail">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="sm">
                  <Text fw={700} size="xl" ff="monospace" td={f.voidedAt ? 'line-through' : undefined}>
                    {f.number}
                  </Text>
                  <FilingStatusBadge filing={f} />
                </Group>
                <Text size="sm" c="dimmed">
                  {[f.orgName, f.users.map((u) => u.name).join('、')].filter(Boolean).join(' · ')}
                </Text>
                {f.statusText !== f.status && (
                  <Text size="sm" data-testid="filing-status-text">
                    {f.statusText}
                  </Text>
                )}
              </Stack>
              {actions.length > 0 && (
                <Group gap="xs" justify="flex-end">
                  {button('approve', <IconCheck size={14} />, t('ipfilings.actions.approve'))}
                  {button('edit', <IconPencil size={14} />, t('common.edit'))}
                  {button('reject', <IconX size={14} />, t('ipfilings.actions.reject'), 'red')}
                  {button('renew', <IconRefresh size={14} />, t('ipfilings.actions.renew'))}
                  {button('revoke', <IconPlayerStop size={14} />, t(f.state === '待审批' ? 'ipfilings.actions.withdraw' : 'ipfilings.actions.revoke'), 'red')}
                  {button('void', <IconBan size={14} />, t('common.void'), 'red')}
                </Group>
              )}
            </Group>

            {f.voidedAt && (
              <Alert color="gray" variant="light">
                {t('ipfilings.detail.voidedInfo', { date: f.voidedAt.slice(0, 10), reason: f.voidReason ?? '' })}
              </Alert>
            )}
            {f.state === '已驳回' && (
              <Alert color="grape" variant="light" data-testid="rejected-info">
                {t('ipfilings.detail.rejectedInfo', { date: f.rejectedOn ?? '', reason: f.rejectReason ?? '' })}
              </Alert>
            )}
            {f.state === '已撤销' && (
              <Alert color="gray" variant="light" data-testid="revoked-info">
                {t('ipfilings.detail.revokedInfo', { date: f.revokedOn ?? '', reason: f.revokeReason ?? '' })}
              </Alert>
            )}
            {(f.renews || f.renewedBy) && (
              <Alert color="blue" variant="light" icon={<IconFilePlus />} data-testid="renewal-links">
                <Stack gap={2}>
                  {f.renews && (
                    <Text size="sm">
                      {t('ipfilings.detail.renews')}
                      <Anchor component="button" type="button" ff="monospace" onClick={() => props.onOpen(f.renews!.id)}>
                        {f.renews.number}
                      </Anchor>
                      （{t(`ipfilings.status.${f.renews.status}`)}）
                    </Text>
                  )}
                  {f.renewedBy && (
                    <Text size="sm">
                      {t('ipfilings.detail.renewedBy')}
                      <Anchor component="button" type="button" ff="monospace" onClick={() => props.onOpen(f.renewedBy!.id)}>
                        {f.renewedBy.number}
                      </Anchor>
                      （{t(`ipfilings.status.${f.renewedBy.status}`)}）
                    </Text>
                  )}
                </Stack>
              </Alert>
            )}

            <FilingConflicts filing={f} onOpen={props.onOpen} />

            <DetailHeading>{t('ipfilings.detail.sections.filing')}</DetailHeading>
            <SimpleGrid cols={3}>
              <DetailItem label={t('ipfilings.fields.org')}>{f.orgName}</DetailItem>
              <DetailItem label={t('ipfilings.fields.users')}>
                {f.users.map((u) => (u.status === '在岗' && !u.voided ? u.name : `${u.name}（${u.voided ? t('ipfilings.detail.userVoided') : u.status}）`)).join('、')}
              </DetailItem>
              <DetailItem label={t('ipfilings.fields.contact')}>
                <ContactValue key={`${f.id}-${f.rev}`} filing={f} />
              </DetailItem>
              <DetailItem label={t('ipfilings.fields.accessMethod')}>{f.accessNote ? `${f.accessMethod}（${f.accessNote}）` : f.accessMethod}</DetailItem>
              <DetailItem label={t('ipfilings.fields.systems')}>{f.systems}</DetailItem>
              <DetailItem label={t('ipfilings.fields.purpose')}>{f.purpose}</DetailItem>
              <DetailItem label={t('ipfilings.fields.scope')}>
                {f.scope === '超出合同范围' ? t('ipfilings.detail.outOfScope', { ref: f.approvalRef }) : t(`ipfilings.scope.${f.scope}`)}
              </DetailItem>
              <DetailItem label={t('ipfilings.fields.contract')}>{f.contractName ? [f.contractNumber, f.contractName].filter(Boolean).join('\u3000') : ''}</DetailItem>
              <DetailItem label={t('ipfilings.fields.validity')}>{t('ipfilings.period', { from: f.validFrom, to: f.validTo })}</DetailItem>
              <DetailItem label={t('ipfilings.fields.appliedOn')}>{f.appliedOn}</DetailItem>
              <DetailItem label={t('ipfilings.fields.approver')}>{f.approver}</DetailItem>
              <DetailItem label={t('ipfilings.fields.approvedOn')}>{f.approvedOn}</DetailItem>
            </SimpleGrid>
            {f.note && (
              <DetailItem label={t('ipfilings.fields.note')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {f.note}
                </Text>
              </DetailItem>
            )}

            <DetailHeading>{t('ipfilings.detail.sections.addresses', { count: f.addresses.length })}</DetailHeading>
            <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="filing-address-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ipfilings.fields.addresses')}</Table.Th>
                  <Table.Th>{t('ipfilings.detail.addressKind')}</Table.Th>
                  <Table.Th>{t('ipfilings.detail.family')}</Table.Th>
                  <Table.Th>{t('ipfilings.detail.space')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.addresses.map((a) => (
                  <Table.Tr key={a.text}>
                    <Table.Td ff="monospace">{a.text}</Table.Td>
                    <Table.Td>{t(KIND_KEYS[a.kind])}</Table.Td>
                    <Table.Td>IPv{a.family}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={a.space === '公网' ? 'orange' : a.space === '私有地址' ? 'teal' : 'gray'}>
                        {a.space}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {f.macs.length > 0 && (
              <DetailItem label={t('ipfilings.fields.macs')}>
                <Text size="sm" ff="monospace">
                  {f.macs.join('、')}
                </Text>
              </DetailItem>
            )}

            <DetailHeading>{t('ipfilings.detail.sections.history')}</DetailHeading>
            <FilingHistory filing={f} />

            <DetailHeading>{t('ipfilings.detail.sections.attachments')}</DetailHeading>
            <AttachmentPanel ownerType="ipFiling" ownerUuid={f.uuid} canWrite={canWrite && !f.voidedAt} />
          </Stack>
        )}
      </Drawer>

      {/* Beside the drawer, not inside it: a modal's events must not reach the drawer. */}
      <FilingFormModal opened={layer === 'edit'} filing={shownFor('edit')} onClose={close} />
      <ApproveModal filing={shownFor('approve')} onClose={close} />
      <RejectModal filing={shownFor('reject')} onClose={close} />
      <RevokeModal filing={shownFor('revoke')} onClose={close} />
      <RenewModal filing={shownFor('renew')} onClose={close} onRenewed={(saved) => props.onOpen(saved.filing.id)} />
      <VoidReasonModal
        opened={layer === 'void'}
        title={t('ipfilings.void.title', { number: f?.number ?? '' })}
        body={t('ipfilings.void.body', { number: f?.number ?? '' })}
        reasonLabel={t('ipfilings.void.reason')}
        reasonPlaceholder={t('ipfilings.void.placeholder')}
        confirmLabel={t('ipfilings.void.confirm')}
        pending={mutations.void.isPending}
        onConfirm={async (reason) => {
          if (!f) return;
          const voided = await mutations.void.mutateAsync({ filing: f, reason });
          notifications.show({ color: 'green', message: t('ipfilings.void.done', { number: voided.number }) });
        }}
        onClose={close}
      />
    </>
  );
}

/** The conflicts this filing takes part in, as an alert naming the other filings; nothing when there are none. */
function FilingConflicts({ filing, onOpen }: { filing: IpFiling; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const live = !filing.voidedAt && (filing.state === '待审批' || filing.status === '有效' || filing.status === '未生效');
  const query = useConflicts({ filingId: filing.id, kind: null, differentUnitOnly: false, page: 1, pageSize: 50 }, live);
  const rows = query.data?.rows ?? [];
  if (!live || rows.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('ipfilings.detail.conflictsTitle', { count: query.data?.total ?? rows.length })} data-testid="filing-conflicts">
      <ConflictList rows={rows} onOpen={(id) => id !== filing.id && onOpen(id)} />
    </Alert>
  );
}

/** 状态记录: what happened to the filing, in order, from its own dates. */
function FilingHistory({ filing: f }: { filing: IpFiling }) {
  const { t } = useTranslation();
  const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
  const items: { key: string; title: string; body: string; color: string; icon: ReactNode }[] = [
    { key: 'applied', title: t('ipfilings.history.applied', { date: f.appliedOn }), body: t('ipfilings.history.recorded', { at: at(f.createdAt) }), color: 'blue', icon: <IconFilePlus size={12} /> },
  ];
  if (f.renews) items.push({ key: 'renews', title: t('ipfilings.history.renews', { number: f.renews.number }), body: '', color: 'blue', icon: <IconRefresh size={12} /> });
  if (f.approvedOn) items.push({ key: 'approved', title: t('ipfilings.history.approved', { date: f.approvedOn }), body: t('ipfilings.history.approver', { name: f.approver ?? '' }), color: 'green', icon: <IconCircleCheck size={12} /> });
  if (f.rejectedOn) items.push({ key: 'rejected', title: t('ipfilings.history.rejected', { date: f.rejectedOn }), body: f.rejectReason ?? '', color: 'grape', icon: <IconCircleX size={12} /> });
  if (f.revokedOn) items.push({ key: 'revoked', title: t('ipfilings.history.revoked', { date: f.revokedOn }), body: f.revokeReason ?? '', color: 'gray', icon: <IconPlayerStop size={12} /> });
  if (f.status === '已过期') items.push({ key: 'expired', title: t('ipfilings.history.expired', { date: f.validTo }), body: '', color: 'red', icon: <IconX size={12} /> });
  if (f.renewedBy) items.push({ key: 'renewedBy', title: t('ipfilings.history.renewedBy', { number: f.renewedBy.number, status: t(`ipfilings.status.${f.renewedBy.status}`) }), body: '', color: 'blue', icon: <IconRefresh size={12} /> });
  if (f.voidedAt) items.push({ key: 'voided', title: t('ipfilings.history.voided', { date: f.voidedAt.slice(0, 10) }), body: f.voidReason ?? '', color: 'gray', icon: <IconBan size={12} /> });
  return (
    <Timeline bulletSize={20} lineWidth={2} active={items.length - 1} data-testid="filing-history">
      {items.map((i) => (
        <Timeline.Item key={i.key} title={i.title} bullet={i.icon} color={i.color}>
          {i.body && (
            <Text size="xs" c="dimmed">
              {i.body}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** 联系方式 masked, with 显示 for an account holding personal.reveal: the full value for this view only, audited by the core. */
function ContactValue({ filing }: { filing: IpFiling }) {
  const { t } = useTranslation();
  const can = useCan();
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const reveal = async () => {
    setPending(true);
    setError(null);
    try {
      setFull((await unwrap(api().ipfiling.contact({ id: filing.id }))).contact);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" ff="monospace" data-testid="contact-value">
          {full ?? filing.contactMasked}
        </Text>
        {can('personal.reveal') && !full && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconEye size={12} />} loading={pending} aria-label={t('ipfilings.detail.revealContact')} onClick={reveal}>
            {t('ipfilings.detail.reveal')}
          </Button>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
