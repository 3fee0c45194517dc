import { Alert, Badge, Button, Drawer, Group, Loader, Modal, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconBan, IconEye, IconEyeOff, IconPaperclip, IconPencil, IconPlayerStop } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_KINDS, type Contract } from '../../../common/api/contract';
import { formatYuan } from '../../../common/contracts';
import { DetailHeading, DetailItem } from '../../components/Detail';
import { AttachmentPanel } from '../../components/attachments/AttachmentPanel';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { api, messageOf, unwrap } from '../../lib/api';
import { unlessDialogOpen } from '../../lib/overlays';
import { useCan } from '../../lib/useCan';
import { STATUS_COLORS } from './labels';
import { ContractPeopleSection } from '../people/records/ContractPeopleSection';
import { ObligationsSection } from './obligations/ObligationsSection';
import { useContract, useContractHistory } from './queries';

/** Everything recorded about one contract, read-only, with its attachments and the writer's actions. */
export function ContractDetailDrawer(props: {
  id: number | null;
  canWrite: boolean;
  onClose(): void;
  onEdit(c: Contract): void;
  onTerminate(c: Contract): void;
  onVoid(c: Contract): void;
}) {
  const { t } = useTranslation();
  const query = useContract(props.id);
  const c = query.data;
  const [scans, setScans] = useState<{ uuid: string; kind: string } | null>(null);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  return (
    <Drawer opened={props.id !== null} onClose={unlessDialogOpen(props.onClose)} closeButtonProps={{ 'aria-label': t('common.close') }} position="right" size="min(900px, 92vw)" title={<Text fw={600} size="lg">{t('contracts.detail.title')}</Text>}>
      {query.isError && (
        <Alert color="red" variant="light">
          {messageOf(query.error)}
        </Alert>
      )}
      {!c ? (
        query.isPending && props.id !== null ? <Loader /> : null
      ) : (
        <Stack gap="sm" data-testid="contract-detail">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Text fw={700} size="xl" ff="monospace">
                {c.mainNumber}
              </Text>
              <Text size="md">{c.projectName}</Text>
              <Group gap="xs">
                <Badge color={STATUS_COLORS[c.status]} variant="light">
                  {t(`contracts.status.${c.status}`)}
                </Badge>
                {!c.hasConfidentialityAgreement && (
                  <Badge color="red" variant="outline">
                    {t('contracts.noAgreementBadge')}
                  </Badge>
                )}
                {c.overdueObligations > 0 && (
                  <Badge color="red" variant="filled">
                    {t('obligations.overdueBadge', { count: c.overdueObligations })}
                  </Badge>
                )}
                {c.voidedAt && (
                  <Badge color="gray" variant="outline">
                    {t('contracts.voidedBadge')}
                  </Badge>
                )}
              </Group>
            </Stack>
            <Group gap="xs">
              <PrintMenu size="xs" disabled={false} allowExport={false} label={t('contracts.detail.printSheet')} onChoose={setPrintMode} />
            {props.canWrite && !c.voidedAt && (
              <>
                <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => props.onEdit(c)}>
                  {t('common.edit')}
                </Button>
                {c.status !== 'terminated' && (
                  <Button size="xs" variant="default" color="orange" leftSection={<IconPlayerStop size={14} />} onClick={() => props.onTerminate(c)}>
                    {t('contracts.terminate')}
                  </Button>
                )}
                <Button size="xs" variant="default" color="red" leftSection={<IconBan size={14} />} onClick={() => props.onVoid(c)}>
                  {t('common.void')}
                </Button>
              </>
            )}
            </Group>
          </Group>
          {c.voidedAt && (
            <Alert color="gray" variant="light">
              {t('contracts.voidedInfo', { date: c.voidedAt.slice(0, 10), reason: c.voidReason ?? '' })}
            </Alert>
          )}
          {c.status === 'terminated' && (
            <Alert color="dark" variant="light">
              {t('contracts.terminatedInfo', { date: c.terminatedOn ?? '', reason: c.terminationReason ?? '' })}
            </Alert>
          )}

          <DetailHeading>{t('contracts.form.sections.numbers')}</DetailHeading>
          <SimpleGrid cols={3}>
            {c.numbers.map((n) => (
              <DetailItem key={n.number} label={`${n.scheme}${n.isMain ? `（${t('contracts.fields.isMain')}）` : ''}`}>
                <Text ff="monospace" size="sm">
                  {n.number}
                </Text>
              </DetailItem>
            ))}
            <DetailItem label={t('contracts.fields.procurementNumber')}>{c.procurementNumber}</DetailItem>
          </SimpleGrid>

          <DetailHeading>{t('contracts.form.sections.basics')}</DetailHeading>
          <SimpleGrid cols={2}>
            <DetailItem label={t('contracts.fields.client')}>{c.clientName}</DetailItem>
            <DetailItem label={t('contracts.fields.vendor')}>{c.vendorName}</DetailItem>
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <DetailItem label={t('contracts.fields.signedDate')}>{c.signedDate ?? t('contracts.unsigned')}</DetailItem>
            <DetailItem label={t('contracts.fields.signedPlace')}>{c.signedPlace}</DetailItem>
            <DetailItem label={t('contracts.fields.servicePeriod')}>{c.serviceStart || c.serviceEnd ? `${c.serviceStart ?? ''} 至 ${c.serviceEnd ?? ''}` : ''}</DetailItem>
          </SimpleGrid>

          <DetailHeading>{t('contracts.form.sections.money')}</DetailHeading>
          <SimpleGrid cols={3}>
            <DetailItem label={t('contracts.fields.amount')}>
              <Text fw={600} ff="monospace" size="sm">
                {formatYuan(c.amountFen)}
              </Text>
            </DetailItem>
            <DetailItem label={t('contracts.fields.daxie')}>
              <Text fw={600} size="sm">
                {c.amountDaxie}
              </Text>
            </DetailItem>
            <DetailItem label={t('contracts.detail.paidUnpaid')}>
              {t('contracts.detail.paid', { amount: formatYuan(c.paidFen) })} ／ {t('contracts.detail.unpaid', { amount: formatYuan(c.unpaidFen) })}
            </DetailItem>
            <DetailItem label={t('contracts.fields.taxRate')}>{c.taxRatePercent === null ? '' : `${c.taxRatePercent}%`}</DetailItem>
            <DetailItem label={t('contracts.fields.amountExclTax')}>{c.amountExclTaxFen === null ? '' : formatYuan(c.amountExclTaxFen)}</DetailItem>
            <DetailItem label={t('contracts.detail.originals')}>
              {c.originals.total ? t('contracts.detail.originalsText', { total: c.originals.total, client: c.originals.client, vendor: c.originals.vendor }) : ''}
            </DetailItem>
            <DetailItem label={t('contracts.fields.protectionLevel')}>{c.protectionLevel ? t('contracts.levelN', { n: c.protectionLevel }) : ''}</DetailItem>
            <DetailItem label={t('contracts.fields.renewalLeadDays')}>{c.renewalLeadDays}</DetailItem>
          </SimpleGrid>

          <DetailHeading>{t('contracts.form.sections.installments')}</DetailHeading>
          {c.installments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contracts.form.noInstallments')}
            </Text>
          ) : (
            <Table withTableBorder striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('contracts.fields.share')}</Table.Th>
                  <Table.Th ta="right">{t('contracts.fields.installmentAmount')}</Table.Th>
                  <Table.Th>{t('contracts.fields.condition')}</Table.Th>
                  <Table.Th>{t('contracts.fields.dueDate')}</Table.Th>
                  <Table.Th>{t('contracts.fields.invoiceNumber')}</Table.Th>
                  <Table.Th>{t('contracts.fields.paidDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.installments.map((i) => (
                  <Table.Tr key={i.seq}>
                    <Table.Td>{i.seq}</Table.Td>
                    <Table.Td>{i.percent !== null ? `${i.percent}%` : t('contracts.detail.fixed')}</Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {formatYuan(i.amountFen)}
                    </Table.Td>
                    <Table.Td>{i.condition}</Table.Td>
                    <Table.Td>{i.dueDate}</Table.Td>
                    <Table.Td>{i.invoiceNumber}</Table.Td>
                    <Table.Td>
                      {i.paid ? (
                        <Badge size="sm" color="green" variant="light">
                          {t('contracts.detail.paidOn', { date: i.paidDate ?? '' })}
                        </Badge>
                      ) : (
                        <Badge size="sm" color="gray" variant="light">
                          {t('contracts.detail.unpaidBadge')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}

          <DetailHeading>{t('contracts.form.sections.bond')}</DetailHeading>
          {c.bond ? (
            <SimpleGrid cols={4}>
              <DetailItem label={t('contracts.fields.bondShare')}>
                {c.bond.percent !== null ? `${c.bond.percent}%（${formatYuan(c.bond.amountFen)}）` : formatYuan(c.bond.amountFen)}
              </DetailItem>
              <DetailItem label={t('contracts.fields.bondBank')}>{c.bond.bank}</DetailItem>
              <DetailItem label={t('contracts.fields.bondValidUntil')}>{c.bond.validUntil}</DetailItem>
              <DetailItem label={t('contracts.fields.bondReturnedOn')}>{c.bond.returnedOn}</DetailItem>
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              {t('contracts.form.noBond')}
            </Text>
          )}

          <DetailHeading>{t('contracts.form.sections.agreements')}</DetailHeading>
          {c.agreements.length === 0 ? (
            <Text size="sm" c="red.8">
              {t('contracts.form.noAgreements')}
            </Text>
          ) : (
            <Table withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contracts.fields.agreementKind')}</Table.Th>
                  <Table.Th>{t('contracts.fields.agreementSigned')}</Table.Th>
                  <Table.Th>{t('contracts.fields.agreementParties')}</Table.Th>
                  <Table.Th>{t('contracts.fields.termKind')}</Table.Th>
                  <Table.Th>{t('contracts.detail.coordinators')}</Table.Th>
                  <Table.Th>{t('contracts.detail.agreementScans')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.agreements.map((a) => (
                  <Table.Tr key={a.uuid}>
                    <Table.Td>
                      {a.kind}
                      {CONFIDENTIALITY_KINDS.includes(a.kind) && (
                        <Badge ml={6} size="xs" variant="light">
                          {t('contracts.detail.confidential')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{a.signedDate ?? ''}</Table.Td>
                    <Table.Td>{a.parties}</Table.Td>
                    <Table.Td>
                      {a.term.kind === 'years'
                        ? a.term.from
                          ? t('contracts.detail.termYears', { years: a.term.years ?? '', from: a.term.from })
                          : t('contracts.detail.termYearsFromSigning', { years: a.term.years ?? '' })
                        : t(`contracts.term.${a.term.kind}`)}
                    </Table.Td>
                    <Table.Td>
                      {[a.coordinators.client && `甲：${a.coordinators.client}`, a.coordinators.vendor && `乙：${a.coordinators.vendor}`].filter(Boolean).join('　')}
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" leftSection={<IconPaperclip size={12} />} onClick={() => setScans({ uuid: a.uuid, kind: a.kind })}>
                        {t('contracts.detail.agreementScans')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}

          <DetailHeading>{t('obligations.heading')}</DetailHeading>
          <ObligationsSection contractId={c.id} canWrite={props.canWrite && !c.voidedAt} />

          <DetailHeading>{t('peopleRecords.contractPeople.heading')}</DetailHeading>
          <ContractPeopleSection contract={c} />

          <DetailHeading>{t('contracts.form.sections.contacts')}</DetailHeading>
          <Contacts contract={c} />

          {c.note && (
            <>
              <DetailHeading>{t('contracts.fields.note')}</DetailHeading>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.note}
              </Text>
            </>
          )}

          <DetailHeading>{t('contracts.detail.attachments')}</DetailHeading>
          <AttachmentPanel ownerType="contract" ownerUuid={c.uuid} canWrite={props.canWrite && !c.voidedAt} />

          <DetailHeading>{t('contracts.detail.history')}</DetailHeading>
          <ContractHistory id={c.id} rev={c.rev} />
          <PrintDialog
            mode={printMode}
            selection={{ register: 'contractSheet', filter: { id: c.id } }}
            count={1}
            scope={t('contracts.detail.printSheetScope', { number: c.mainNumber })}
            onClose={() => setPrintMode(null)}
          />
          <Modal opened={scans !== null} onClose={() => setScans(null)} title={t('contracts.detail.agreementScansTitle', { kind: scans?.kind ?? '' })} size="lg">
            {scans && <AttachmentPanel ownerType="agreement" ownerUuid={scans.uuid} canWrite={props.canWrite && !c.voidedAt} />}
          </Modal>
        </Stack>
      )}
    </Drawer>
  );
}

function ContractHistory({ id, rev }: { id: number; rev: number }) {
  const { t } = useTranslation();
  const history = useContractHistory(id, rev);
  if (history.isPending) return <Loader size="sm" />;
  if (history.isError) return <Alert color="red">{messageOf(history.error)}</Alert>;
  if (history.data.length === 0) return <Text size="sm" c="dimmed">{t('contracts.detail.historyEmpty')}</Text>;
  return (
    <Stack gap={6} data-testid="contract-history">
      {history.data.map((h) => (
        <Group key={h.seq} gap="sm" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" w={130} style={{ flexShrink: 0 }}>
            {dayjs(h.at).format('YYYY-MM-DD HH:mm')}
          </Text>
          <Text size="xs" w={70} style={{ flexShrink: 0 }}>
            {h.actorName}
          </Text>
          <Text size="xs">{h.summary}</Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Contacts with phones masked; whoever may reveal personal data can show the full numbers (audited). */
function Contacts({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const can = useCan();
  const [full, setFull] = useState<Contract['contacts'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (contract.contacts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('contracts.form.noContacts')}
      </Text>
    );
  }
  const shown = full ?? contract.contacts;
  const reveal = async () => {
    setPending(true);
    setError(null);
    try {
      setFull(await unwrap(api().contract.contacts({ id: contract.id })));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Stack gap={4} data-testid="contract-contacts">
      {shown.map((p, i) => (
        <Text size="sm" key={i}>
          {p.side === 'client' ? t('contracts.fields.client') : t('contracts.fields.vendor')}：{p.name}
          {p.role && `（${p.role}）`} {p.phone} {p.email}
        </Text>
      ))}
      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}
      {can('personal.reveal') && contract.contacts.some((p) => p.phone) && (
        <Group gap="xs">
          {full ? (
            <Button size="compact-xs" variant="subtle" leftSection={<IconEyeOff size={12} />} onClick={() => setFull(null)}>
              {t('contracts.detail.hidePhones')}
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" leftSection={<IconEye size={12} />} loading={pending} onClick={reveal}>
              {t('contracts.detail.revealPhones')}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('contracts.detail.revealHint')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
