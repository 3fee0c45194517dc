import { ActionIcon, Alert, Badge, Button, Drawer, Group, Loader, Paper, SimpleGrid, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  IconAlertTriangle,
  IconBan,
  IconCheck,
  IconCircleCheck,
  IconCircleX,
  IconClockHour4,
  IconDoorExit,
  IconEye,
  IconEyeOff,
  IconPencil,
  IconPrinter,
  IconRefresh,
  IconUserCheck,
} from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Fragment, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person, REVEAL_FIELDS } from '../../../common/api/person';
import { DetailHeading, DetailItem } from '../../components/Detail';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { api, messageOf, unwrap } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { PrintCommitmentModal } from '../commitments/PrintCommitmentModal';
import { CHECKLIST_ACTIONS } from './checklistActions';
import { DepartureHistory } from './DepartureHistory';
import { AssignmentsSection } from './records/AssignmentsSection';
import { PersonTrainingsSection } from './records/PersonTrainingsSection';
import { SignOffsSection } from './records/SignOffsSection';
import { CancelDepartureModal, CompleteDepartureModal, ReinstateModal, StartDepartureModal } from './DepartureModals';
import { PersonStatusBadge, SignOffBadge } from './PersonBadges';
import { PersonFormModal } from './PersonFormModal';
import { invalidatePeople, useDepartureChecklist, useMayAccess, usePerson, usePersonMutations } from './queries';

/**
 * The person's records kept by the other registers, each a section of the drawer after the
 * person's own data, in this order. Each section takes the person as shown
 * (`{ person }`), e.g. `{ title: 'people.detail.sections.signOffs', Section: SignOffsSection }`.
 */
export const PERSON_RECORD_SECTIONS: { title: string; Section: ComponentType<{ person: Person }> }[] = [
  { title: 'peopleRecords.signoffs.heading', Section: SignOffsSection },
  { title: 'peopleRecords.assignments.heading', Section: AssignmentsSection },
  { title: 'peopleRecords.personTrainings.heading', Section: PersonTrainingsSection },
];

type Layer = 'edit' | 'void' | 'start' | 'complete' | 'cancel' | 'reinstate' | 'commitment';

/** One person: data (ID number and phone masked, revealable), sign-off, access, the departure workflow and the actions. */
export function PersonDetailDrawer(props: { id: number | null; onClose(): void }) {
  const { t } = useTranslation();
  const query = usePerson(props.id);
  const p = query.data;
  const can = useCan();
  const canWrite = can('registers.write');
  const [layer, setLayer] = useState<Layer | null>(null);
  const mutations = usePersonMutations();
  const checklist = useDepartureChecklist(p ?? { id: 0, rev: 0, departure: null });
  const shownFor = (l: Layer) => (layer === l && p ? p : null);
  const close = () => setLayer(null);

  return (
    <>
      <Drawer
        opened={props.id !== null}
        onClose={props.onClose}
        // The modals opened from here close on Escape themselves; the drawer stays.
        closeOnEscape={layer === null}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        position="right"
        size="min(860px, 92vw)"
        title={
          <Text fw={600} size="lg">
            {t('people.detail.title')}
          </Text>
        }
      >
        {query.isError && (
          <Alert color="red" variant="light">
            {messageOf(query.error)}
          </Alert>
        )}
        {!p ? (
          query.isPending && props.id !== null ? <Loader /> : null
        ) : (
          <Stack gap="sm" data-testid="person-detail">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="sm">
                  <Text fw={700} size="xl" td={p.voidedAt ? 'line-through' : undefined}>
                    {p.name}
                  </Text>
                  <PersonStatusBadge person={p} withDeparture={false} />
                  {!p.voidedAt && <SignOffBadge signOff={p.signOff} muted={p.status !== '在岗'} />}
                </Group>
                <Text size="sm" c="dimmed">
                  {[p.orgName, p.post].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              {(canWrite || can('registers.print')) && !p.voidedAt && (
                <Group gap="xs" justify="flex-end">
                  {can('registers.print') && (
                    <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => setLayer('commitment')}>
                      {t('people.detail.printCommitment')}
                    </Button>
                  )}
                  {canWrite && (
                  <>
                  <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setLayer('edit')}>
                    {t('common.edit')}
                  </Button>
                  {p.status === '在岗' && !p.departure && (
                    <Button size="xs" variant="default" color="orange" leftSection={<IconDoorExit size={14} />} onClick={() => setLayer('start')}>
                      {t('people.departure.start')}
                    </Button>
                  )}
                  {p.status !== '在岗' && (
                    <Button size="xs" variant="default" leftSection={<IconUserCheck size={14} />} onClick={() => setLayer('reinstate')}>
                      {t('people.reinstate.action')}
                    </Button>
                  )}
                  <Button size="xs" variant="default" color="red" leftSection={<IconBan size={14} />} onClick={() => setLayer('void')}>
                    {t('common.void')}
                  </Button>
                  </>
                  )}
                </Group>
              )}
            </Group>

            {p.voidedAt && (
              <Alert color="gray" variant="light">
                {t('people.detail.voidedInfo', { date: p.voidedAt.slice(0, 10), reason: p.voidReason ?? '' })}
              </Alert>
            )}
            {p.status !== '在岗' && (
              <Alert color="gray" variant="light" data-testid="left-info">
                {t(p.status === '离岗' ? 'people.detail.leftInfo' : 'people.detail.transferredInfo', { date: p.leftOn ?? '' })}
              </Alert>
            )}

            {p.departure && (
              <DepartureChecklistPanel
                person={p}
                checklist={checklist}
                canWrite={canWrite && !p.voidedAt}
                onComplete={() => setLayer('complete')}
                onCancel={() => setLayer('cancel')}
              />
            )}

            <DetailHeading>{t('people.detail.sections.person')}</DetailHeading>
            <SimpleGrid cols={3}>
              <DetailItem label={t('people.fields.org')}>{p.orgName}</DetailItem>
              <DetailItem label={t('people.fields.post')}>{p.post}</DetailItem>
              <DetailItem label={t('people.fields.status')}>
                {p.departure
                  ? t('people.detail.statusDeparting', { status: t(`people.status.${p.status}`), kind: t(`people.departureKind.${p.departure.kind}`) })
                  : t(`people.status.${p.status}`)}
              </DetailItem>
              <DetailItem label={t('people.fields.idNumber')}>
                <Revealable key={`id-${p.id}-${p.rev}`} person={p} field="idNumber" masked={p.idNumberMasked} />
              </DetailItem>
              <DetailItem label={t('people.fields.phone')}>
                <Revealable key={`phone-${p.id}-${p.rev}`} person={p} field="phone" masked={p.phoneMasked} />
              </DetailItem>
              <DetailItem label={t('people.fields.lastTrainingOn')}>{p.lastTrainingOn ?? t('people.noTraining')}</DetailItem>
              <DetailItem label={t('people.fields.enteredOn')}>{p.enteredOn}</DetailItem>
              <DetailItem label={t('people.fields.leftOn')}>{p.leftOn}</DetailItem>
              <DetailItem label={t('people.fields.updatedAt')}>{dayjs(p.updatedAt).format('YYYY-MM-DD HH:mm')}</DetailItem>
            </SimpleGrid>
            {can('personal.reveal') && (p.idNumberMasked || p.phoneMasked) && (
              <Text size="xs" c="dimmed">
                {t('people.detail.revealHint')}
              </Text>
            )}
            {p.note && (
              <DetailItem label={t('people.fields.note')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.note}
                </Text>
              </DetailItem>
            )}

            <DetailHeading>{t('people.detail.sections.signOffAccess')}</DetailHeading>
            <SimpleGrid cols={2}>
              <Paper withBorder p="sm" data-testid="signoff-status">
                <Stack gap={6}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t('people.fields.signOff')}
                    </Text>
                    <SignOffBadge signOff={p.signOff} muted={p.status !== '在岗' || p.voidedAt !== null} />
                  </Group>
                  <Text size="sm">{p.signOff.reason}</Text>
                </Stack>
              </Paper>
              <AccessCheck person={p} />
            </SimpleGrid>

            <DepartureHistory person={p} />

            {PERSON_RECORD_SECTIONS.map(({ title, Section }) => (
              <Fragment key={title}>
                <DetailHeading>{t(title)}</DetailHeading>
                <Section person={p} />
              </Fragment>
            ))}
          </Stack>
        )}
      </Drawer>

      {/* Beside the drawer, not inside it: a modal's events must not reach the drawer. */}
      <PersonFormModal opened={layer === 'edit'} person={shownFor('edit')} onClose={close} />
      <PrintCommitmentModal person={shownFor('commitment')} onClose={close} />
      <VoidReasonModal
        opened={layer === 'void'}
        title={t('people.voidTitle')}
        body={t('people.voidBody', { name: p?.name ?? '' })}
        reasonLabel={t('people.voidReason')}
        reasonPlaceholder={t('people.voidReasonPlaceholder')}
        confirmLabel={t('people.voidConfirm')}
        pending={mutations.void.isPending}
        onConfirm={async (reason) => {
          if (!p) return;
          const voided = await mutations.void.mutateAsync({ person: p, reason });
          notifications.show({ color: 'green', message: t('people.voided', { name: voided.name }) });
        }}
        onClose={close}
      />
      <StartDepartureModal person={shownFor('start')} onClose={close} />
      <CompleteDepartureModal person={shownFor('complete')} checklist={checklist.data} onClose={close} />
      <CancelDepartureModal person={shownFor('cancel')} onClose={close} />
      <ReinstateModal person={shownFor('reinstate')} onClose={close} />
    </>
  );
}

/** A masked value with 显示 for an account holding personal.reveal: the full value for this view only, audited by the core. */
function Revealable({ person, field, masked }: { person: Person; field: (typeof REVEAL_FIELDS)[number]; masked: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [full, setFull] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!masked) return <>—</>;
  const label = t(`people.fields.${field}`);
  const reveal = async () => {
    setPending(true);
    setError(null);
    try {
      setFull((await unwrap(api().person.reveal({ id: person.id, field }))).value);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" ff="monospace" data-testid={`${field}-value`}>
          {full ?? masked}
        </Text>
        {can('personal.reveal') &&
          (full ? (
            <Tooltip label={t('people.detail.hide')}>
              <ActionIcon size="sm" variant="subtle" aria-label={t('people.detail.hideField', { field: label })} onClick={() => setFull(null)}>
                <IconEyeOff size={14} />
              </ActionIcon>
            </Tooltip>
          ) : (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconEye size={12} />}
              loading={pending}
              aria-label={t('people.detail.revealField', { field: label })}
              onClick={reveal}
            >
              {t('people.detail.reveal')}
            </Button>
          ))}
      </Group>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** “能否授予访问权限” as the core answers it today (person:mayAccess, not tied to a contract). */
function AccessCheck({ person }: { person: Person }) {
  const { t } = useTranslation();
  const access = useMayAccess(person);
  const title = t('people.access.title');
  if (access.isPending) return <Loader size="sm" />;
  if (access.isError) {
    return (
      <Alert color="red" variant="light" title={title}>
        {messageOf(access.error)}
      </Alert>
    );
  }
  const a = access.data;
  if (!a.allowed) {
    return (
      <Alert color="red" variant="light" icon={<IconCircleX />} title={`${title}：${t('people.access.refused')}`} data-testid="access-check">
        {a.reason}
      </Alert>
    );
  }
  return (
    <Alert
      color={a.warning ? 'yellow' : 'green'}
      variant="light"
      icon={a.warning ? <IconAlertTriangle /> : <IconCircleCheck />}
      title={`${title}：${t('people.access.allowed')}`}
      data-testid="access-check"
    >
      {a.warning ?? t('people.access.allowedBody')}
    </Alert>
  );
}

/** The checklist of the pending departure, grouped by the register that asks for each item, with 办结 / 例外办结 / 撤销办理. */
function DepartureChecklistPanel({
  person,
  checklist,
  canWrite,
  onComplete,
  onCancel,
}: {
  person: Person;
  checklist: ReturnType<typeof useDepartureChecklist>;
  canWrite: boolean;
  onComplete(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const d = person.departure!;
  const kind = t(`people.departureKind.${d.kind}`);
  const data = checklist.data;
  const groups = new Map<string, NonNullable<typeof data>['items']>();
  for (const item of data?.items ?? []) groups.set(item.providerLabel, [...(groups.get(item.providerLabel) ?? []), item]);
  const open = data?.open ?? 0;

  return (
    <Paper withBorder p="md" style={{ borderLeft: '4px solid var(--mantine-color-orange-6)' }} data-testid="departure-checklist">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={600}>{t('people.departure.checklistTitle', { kind, date: d.date })}</Text>
            <Text size="xs" c="dimmed">
              {t('people.departure.startedBy', { name: d.startedByName, at: dayjs(d.startedAt).format('YYYY-MM-DD HH:mm') })}
            </Text>
          </Stack>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconRefresh size={14} />}
            loading={checklist.isFetching}
            onClick={() => void invalidatePeople(qc)}
          >
            {t('people.departure.refresh')}
          </Button>
        </Group>
        {checklist.isError && (
          <Alert color="red" variant="light">
            {messageOf(checklist.error)}
          </Alert>
        )}
        {checklist.isPending ? (
          <Loader size="sm" />
        ) : (
          <>
            {data && data.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('people.departure.noItems')}
              </Text>
            )}
            {[...groups].map(([provider, items]) => (
              <Stack key={provider} gap={6}>
                <Text size="xs" fw={700} c="dimmed">
                  {provider}
                </Text>
                {items.map((i) => {
                  const Action = i.done ? undefined : CHECKLIST_ACTIONS[i.providerId];
                  return (
                  <Group key={`${i.providerId}:${i.key}`} gap="sm" wrap="nowrap" align="flex-start" data-testid="checklist-item" data-item={`${i.providerId}:${i.key}`} data-done={i.done}>
                    <ThemeIcon size="sm" radius="xl" variant="light" color={i.done ? 'green' : 'orange'} mt={2}>
                      {i.done ? <IconCheck size={12} /> : <IconClockHour4 size={12} />}
                    </ThemeIcon>
                    <Stack gap={0} flex={1}>
                      <Text size="sm" fw={500}>
                        {i.label}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {i.detail}
                      </Text>
                    </Stack>
                    {Action && <Action person={person} item={i} canWrite={canWrite} />}
                    <Badge size="sm" variant="light" color={i.done ? 'green' : 'orange'}>
                      {t(i.done ? 'people.departure.itemDone' : 'people.departure.itemOpen')}
                    </Badge>
                  </Group>
                  );
                })}
              </Stack>
            ))}
            <Text size="sm" c={open > 0 ? 'orange.8' : 'green.8'} data-testid="checklist-summary">
              {open > 0 ? t('people.departure.openSummary', { count: open }) : t('people.departure.clearSummary')}
            </Text>
          </>
        )}
        {canWrite && data && (
          <Group gap="xs">
            <Tooltip label={t('people.departure.completeBlocked', { count: open })} disabled={open === 0} multiline w={280}>
              <Button size="xs" leftSection={<IconCheck size={14} />} disabled={open > 0} onClick={onComplete}>
                {t('people.departure.complete')}
              </Button>
            </Tooltip>
            {open > 0 && (
              <Button size="xs" variant="light" color="orange" onClick={onComplete}>
                {t('people.departure.completeByException')}
              </Button>
            )}
            <Button size="xs" variant="subtle" color="gray" onClick={onCancel}>
              {t('people.departure.cancel')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
