import { Alert, Button, Drawer, Group, List, Loader, Menu, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBan, IconChevronDown, IconPencil, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediumDetail } from '../../../common/api/media';
import { describeMedium, statePhrase, type MediumState } from '../../../common/media';
import { DetailHeading, DetailItem } from '../../components/Detail';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { allowedEvents, stateOf } from './chain';
import { localInstantOf } from './eventForm';
import { EventFormModal, type EventRequest } from './EventFormModal';
import { DueBack, MediaStatusBadge } from './MediaBadges';
import { MediaTimeline } from './MediaTimeline';
import { MediumFormModal } from './MediumFormModal';
import { useMedium, useMediaMutations } from './queries';
import { MEDIUM_ACTIONS } from './slots';

type Layer = 'edit' | 'void';

/** One medium: its data, the state its chain leads to, what is open, the 履历 and the events its state allows. */
export function MediumDetailDrawer(props: { id: number | null; onClose(): void }) {
  const { t } = useTranslation();
  const query = useMedium(props.id);
  const m = query.data;
  const can = useCan();
  const canWrite = can('registers.write') && !m?.voidedAt;
  const [layer, setLayer] = useState<Layer | null>(null);
  const [request, setRequest] = useState<EventRequest | null>(null);
  const mutations = useMediaMutations();
  const state = useMemo(() => (m ? safeState(m) : null), [m]);
  const busy = layer !== null || request !== null;

  return (
    <>
      <Drawer
        opened={props.id !== null}
        onClose={props.onClose}
        closeOnEscape={!busy}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        position="right"
        size="min(900px, 94vw)"
        title={
          <Text fw={600} size="lg">
            {t('media.detail.title')}
          </Text>
        }
      >
        {query.isError && (
          <Alert color="red" variant="light">
            {messageOf(query.error)}
          </Alert>
        )}
        {!m ? (
          query.isPending && props.id !== null ? <Loader /> : null
        ) : (
          <Stack gap="sm" data-testid="medium-detail">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="sm">
                  <Text fw={700} size="xl" ff="monospace" td={m.voidedAt ? 'line-through' : undefined}>
                    {m.number}
                  </Text>
                  <MediaStatusBadge medium={m} />
                </Group>
                <Text size="sm" c="dimmed">
                  {[t(`media.kind.${m.kind}`), m.model, m.capacity, m.classification].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              <Group gap="xs" justify="flex-end">
                {!m.voidedAt && MEDIUM_ACTIONS.map((Action, i) => <Action key={i} medium={m} />)}
                {canWrite && state && <EventMenu state={state} onChoose={setRequest} />}
                {canWrite && (
                  <>
                    <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setLayer('edit')}>
                      {t('common.edit')}
                    </Button>
                    <Button size="xs" variant="default" color="red" leftSection={<IconBan size={14} />} onClick={() => setLayer('void')}>
                      {t('common.void')}
                    </Button>
                  </>
                )}
              </Group>
            </Group>

            {m.voidedAt && (
              <Alert color="gray" variant="light">
                {t('media.detail.voidedInfo', { date: m.voidedAt.slice(0, 10), reason: m.voidReason ?? '' })}
              </Alert>
            )}
            {state === null && (
              <Alert color="red" variant="light">
                {t('media.detail.chainUnreadable')}
              </Alert>
            )}

            <Paper withBorder p="sm" data-testid="medium-state">
              <SimpleGrid cols={3}>
                <DetailItem label={t('media.detail.state')}>{state ? statePhrase(state) : t(`media.status.${m.status}`)}</DetailItem>
                <DetailItem label={t('media.fields.holder')}>{m.holderName}</DetailItem>
                <DetailItem label={t('media.fields.dueBack')}>
                  <DueBack due={m.dueBack} today={dayjs().format('YYYY-MM-DD')} />
                </DetailItem>
              </SimpleGrid>
            </Paper>

            {m.openItems.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={t('media.detail.openItems', { count: m.openItems.length })} data-testid="open-items">
                <List size="sm" spacing={4}>
                  {m.openItems.map((i) => (
                    <List.Item key={`${i.kind}-${i.seq}`}>
                      <Text span size="sm" fw={600} c={i.level && i.level !== '待报告' ? 'red.8' : undefined}>
                        {t(`media.openItem.${i.kind}`)}
                      </Text>
                      ：{i.message}
                      {canWrite && i.kind === '丢失/泄露待报告' && (
                        <Button size="compact-xs" variant="light" color="red" ml="xs" onClick={() => setRequest({ type: '丢失/泄露报告', reportOf: i.seq })}>
                          {t('media.detail.reportNow')}
                        </Button>
                      )}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}

            <DetailHeading>{t('media.detail.sections.medium')}</DetailHeading>
            <SimpleGrid cols={3}>
              <DetailItem label={t('media.fields.kind')}>{t(`media.kind.${m.kind}`)}</DetailItem>
              <DetailItem label={t('media.fields.model')}>{m.model}</DetailItem>
              <DetailItem label={t('media.fields.serial')}>{m.serial}</DetailItem>
              <DetailItem label={t('media.fields.capacity')}>{m.capacity}</DetailItem>
              <DetailItem label={t('media.fields.assetNumber')}>{m.assetNumber}</DetailItem>
              <DetailItem label={t('media.fields.classification')}>{m.classification}</DetailItem>
              <DetailItem label={t('media.fields.secrecyTerm')}>{m.secrecyTerm}</DetailItem>
              <DetailItem label={t('media.fields.scope')}>{m.scope}</DetailItem>
              <DetailItem label={t('media.fields.purpose')}>{m.purpose}</DetailItem>
              <DetailItem label={t('media.fields.responsible')}>{m.responsibleName}</DetailItem>
              <DetailItem label={t('media.fields.org')}>{m.orgName}</DetailItem>
              <DetailItem label={t('media.fields.location')}>{m.location}</DetailItem>
              <DetailItem label={t('media.fields.enabledOn')}>{m.enabledOn}</DetailItem>
              <DetailItem label={t('media.fields.reportedOn')}>{m.reportedOn}</DetailItem>
              <DetailItem label={t('media.fields.updatedAt')}>{dayjs(m.updatedAt).format('YYYY-MM-DD HH:mm')}</DetailItem>
            </SimpleGrid>
            <DetailItem label={t('media.fields.contract')}>{m.contractLabel}</DetailItem>
            {m.note && (
              <DetailItem label={t('media.fields.note')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {m.note}
                </Text>
              </DetailItem>
            )}
            {m.responsibles.length > 1 && (
              <DetailItem label={t('media.detail.responsibles')}>
                <List size="sm" spacing={2}>
                  {m.responsibles.map((r, i) => (
                    <List.Item key={i}>
                      {t(r.to ? 'media.detail.responsiblePeriod' : 'media.detail.responsibleSince', {
                        name: r.name,
                        from: r.from.slice(0, 10),
                        to: r.to?.slice(0, 10) ?? '',
                        by: r.setByName,
                      })}
                    </List.Item>
                  ))}
                </List>
              </DetailItem>
            )}

            <DetailHeading>{t('media.detail.sections.timeline')}</DetailHeading>
            <MediaTimeline medium={m} canWrite={canWrite} />
          </Stack>
        )}
      </Drawer>

      {/* Beside the drawer, not inside it: a modal's events must not reach the drawer. */}
      {m && state && <EventFormModal medium={m} state={state} request={request} onClose={() => setRequest(null)} />}
      <MediumFormModal opened={layer === 'edit' && !!m} medium={layer === 'edit' && m ? m : null} onClose={() => setLayer(null)} />
      <VoidReasonModal
        opened={layer === 'void'}
        title={t('media.voidTitle')}
        body={t('media.voidBody', { medium: m ? describeMedium(m) : '' })}
        reasonLabel={t('media.voidReason')}
        reasonPlaceholder={t('media.voidReasonPlaceholder')}
        confirmLabel={t('media.voidConfirm')}
        pending={mutations.void.isPending}
        onConfirm={async (reason) => {
          if (!m) return;
          const voided = await mutations.void.mutateAsync({ medium: m, reason });
          notifications.show({ color: 'green', message: t('media.voided', { number: voided.number }) });
        }}
        onClose={() => setLayer(null)}
      />
    </>
  );
}

/** The replay of the chain; null for a chain the rules never allowed (the core reports it too). */
function safeState(m: MediumDetail): MediumState | null {
  try {
    return stateOf(m);
  } catch {
    return null;
  }
}

/** 登记事件: only the events the state machine allows for the medium now. */
function EventMenu({ state, onChoose }: { state: MediumState; onChoose(request: EventRequest): void }) {
  const { t } = useTranslation();
  const allowed = allowedEvents(state, localInstantOf(new Date()));
  if (allowed.length === 0) return null;
  const main = allowed.filter((type) => type !== '更正');
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" leftSection={<IconPlus size={14} />} rightSection={<IconChevronDown size={14} />}>
          {t('media.events.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {main.map((type) => (
          <Menu.Item key={type} onClick={() => onChoose({ type })} color={type === '销毁' || type === '丢失/泄露报告' ? 'red' : undefined}>
            {t(`media.eventType.${type}`)}
          </Menu.Item>
        ))}
        {allowed.includes('更正') && (
          <>
            {main.length > 0 && <Menu.Divider />}
            <Menu.Item onClick={() => onChoose({ type: '更正' })}>{t('media.events.correctLast')}</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
