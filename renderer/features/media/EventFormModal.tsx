import { ActionIcon, Alert, Button, Checkbox, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useInterval } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaEventView, MediumDetail } from '../../../common/api/media';
import { DESTRUCTION_METHODS, HANDOVER_TYPES, INCIDENT_KINDS, incidentDeadlineText, shortInstant, statePhrase, type MediumState } from '../../../common/media';
import { SavedThenAttach } from '../../components/attachments/SavedThenAttach';
import { DateField } from '../../components/DateField';
import { ApiFailure, messageOf } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { useAuthStatus } from '../auth/queries';
import { PersonSelect } from '../people/records/pickers';
import type { RecordableType } from './chain';
import {
  emptyEventValues,
  EVENT_FIELDS,
  eventInputOf,
  formParticipants,
  instantOf,
  IRREVERSIBLE,
  reportDeadline,
  validateEvent,
  type EventField,
  type EventValues,
} from './eventForm';
import { useMediaMutations } from './queries';
import { MEDIA_EVENT_ACTIONS } from './slots';

export interface EventRequest {
  type: RecordableType;
  /** For a 丢失/泄露报告: the earlier, unreported incident it reports (补报). */
  reportOf?: number | null;
}

/**
 * 登记事件: one form per event type, built from its fields (common/media/events.ts). The core
 * checks the event against the state machine and “sign before access”; a refusal lands at its field
 * or above the form, verbatim, and what was typed is kept. Irreversible events ask first. After a
 * hand-over is saved, its signed receipt (交接单) can be printed and its scan attached here.
 */
export function EventFormModal(props: { medium: MediumDetail; state: MediumState; request: EventRequest | null; onClose(): void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<{ medium: MediumDetail; event: MediaEventView } | null>(null);
  const close = () => {
    setSaved(null);
    props.onClose();
  };
  const type = props.request?.type;
  return (
    <Modal
      opened={props.request !== null}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      size="lg"
      title={type ? t('media.events.formTitle', { type: t(`media.eventType.${type}`), number: props.medium.number }) : ''}
    >
      {props.request &&
        (saved ? (
          <SavedThenAttach
            testId="event-saved"
            message={t('media.events.savedHandover', { seq: saved.event.seq, type: t(`media.eventType.${saved.event.type}`) })}
            ownerType="mediaEvent"
            ownerUuid={saved.event.uuid}
            finish={t('media.events.finish')}
            onFinish={close}
            actions={
              MEDIA_EVENT_ACTIONS.length > 0 && (
                <Group gap="xs">
                  {MEDIA_EVENT_ACTIONS.map((Action, i) => (
                    <Action key={i} medium={saved.medium} event={saved.event} />
                  ))}
                </Group>
              )
            }
          />
        ) : (
          <EventForm
            medium={props.medium}
            state={props.state}
            request={props.request}
            onClose={close}
            onHandover={(medium, event) => setSaved({ medium, event })}
          />
        ))}
    </Modal>
  );
}

const nameOf = (label: string | undefined) => (label ?? '').replace(/（.*$/, '');

function EventForm({
  medium,
  state,
  request,
  onClose,
  onHandover,
}: {
  medium: MediumDetail;
  state: MediumState;
  request: EventRequest;
  onClose(): void;
  onHandover(medium: MediumDetail, event: MediaEventView): void;
}) {
  const { t } = useTranslation();
  const { event: record } = useMediaMutations();
  const officer = useAuthStatus().data?.user?.displayName ?? '';
  const [error, setError] = useState<string | null>(null);
  const { type } = request;
  const last = state.chain[state.chain.length - 1];
  const initial = (): EventValues => {
    const v = emptyEventValues(new Date(), request.reportOf ?? null);
    const holder = state.holder;
    return {
      ...v,
      checkedBy: officer,
      sentBy: officer,
      destroyer: officer,
      carrierId: holder ? String(holder.id) : null,
      carrierName: holder?.name ?? '',
      corrects: last && last.type !== '登记入库' ? String(last.seq) : null,
      reportedTo: state.incidents.find((i) => String(i.seq) === v.reportOf)?.reportedTo ?? '',
    };
  };
  const form = useForm<EventValues>({
    initialValues: initial(),
    validate: (v) => validateEvent(type, v, t('media.events.badTime')),
  });
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);
  const v = form.values;
  const fields = EVENT_FIELDS[type];
  const people = formParticipants(type, v, state.holder);
  const roles = [...new Set(people.map((p) => p.role))];
  // Signatures of roles no longer in the event (a witness removed) are not sent.
  const { setFieldValue } = form;
  const ackKey = roles.join('|');
  useEffect(() => {
    const kept = v.acknowledged.filter((r) => roles.includes(r));
    if (kept.length !== v.acknowledged.length) setFieldValue('acknowledged', kept);
  }, [ackKey]);

  const send = async (values: EventValues) => {
    setError(null);
    try {
      const { medium: after, warning } = await record.mutateAsync(eventInputOf(type, values, medium));
      const event = after.timeline[after.timeline.length - 1]!;
      notifications.show({ color: 'green', message: t('media.events.saved', { number: after.number, seq: event.seq, type: t(`media.eventType.${type}`) }) });
      if (warning) notifications.show({ color: 'yellow', message: warning, autoClose: 10_000 });
      if (HANDOVER_TYPES.includes(type)) onHandover(after, event);
      else onClose();
    } catch (e) {
      const field = e instanceof ApiFailure ? e.error.field : undefined;
      if (field && field !== 'type' && field in values) {
        form.setFieldError(field, messageOf(e));
        const node = form.getInputNode(field);
        node?.focus();
        node?.scrollIntoView?.({ block: 'center' });
      } else setError(messageOf(e));
    }
  };
  const submit = form.onSubmit((values) => {
    if (!IRREVERSIBLE.includes(type) || (type === '丢失/泄露报告' && values.reportOf !== null)) return void send(values);
    modals.openConfirmModal({
      title: t('media.events.confirmTitle', { type: t(`media.eventType.${type}`) }),
      children: <Text size="sm">{t(`media.events.confirm.${type === '丢失/泄露报告' ? 'incident' : type === '销毁' ? 'destroy' : 'handBack'}`, { number: medium.number })}</Text>,
      labels: { confirm: t('media.events.confirmAction', { type: t(`media.eventType.${type}`) }), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void send(values),
    });
  });

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('media.events.current', { state: statePhrase(state) })}
        </Text>
        {error && (
          <Alert color="red" variant="light" data-testid="event-error">
            {error}
          </Alert>
        )}
        {type === '丢失/泄露报告' && state.incidents.length > 0 && (
          <Select
            label={t('media.events.fields.reportOf')}
            allowDeselect={false}
            data={[
              { value: 'new', label: t('media.events.newIncident') },
              ...state.incidents.map((i) => ({
                value: String(i.seq),
                label: t('media.events.lateReport', { seq: i.seq, incident: i.incident, at: shortInstant(i.discoveredAt) }),
              })),
            ]}
            value={v.reportOf ?? 'new'}
            onChange={(value) => {
              const reportOf = value === 'new' || value === null ? null : value;
              form.setValues({ reportOf, reported: reportOf !== null || v.reported, reportedAt: reportOf !== null && !v.reportedAt ? emptyEventValues(new Date(), 1).reportedAt : v.reportedAt });
            }}
            error={form.errors.reportOf}
          />
        )}
        <EventFields type={type} form={form} fields={fields} state={state} medium={medium} />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('media.events.fields.occurredAt')}
            placeholder={t('media.events.nowPlaceholder')}
            description={t('media.events.occurredAtHint')}
            {...form.getInputProps('occurredAt')}
          />
          {roles.length > 0 && (
            <Checkbox.Group
              label={t('media.events.fields.acknowledged')}
              description={t('media.events.acknowledgedHint')}
              {...form.getInputProps('acknowledged')}
            >
              <Stack gap={6} mt={6}>
                {roles.map((role) => (
                  <Checkbox
                    key={role}
                    value={role}
                    label={`${role}：${people
                      .filter((p) => p.role === role)
                      .map((p) => p.name)
                      .join('、')}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        </SimpleGrid>
        <Textarea label={t('media.events.fields.note')} autosize minRows={1} maxRows={4} maxLength={500} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={requestClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={IRREVERSIBLE.includes(type) ? 'red' : undefined} loading={record.isPending}>
            {t('media.events.submit', { type: t(`media.eventType.${type}`) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EventFields({
  type,
  form,
  fields,
  state,
  medium,
}: {
  type: RecordableType;
  form: UseFormReturnType<EventValues>;
  fields: readonly EventField[];
  state: MediumState;
  medium: MediumDetail;
}) {
  const { t } = useTranslation();
  const v = form.values;
  const label = (f: EventField) => t(`media.events.fields.${labelKey(type, f)}`);
  const text = (f: EventField, props: { required?: boolean; max?: number; placeholder?: string } = {}) => (
    <TextInput
      key={f}
      label={label(f)}
      withAsterisk={props.required}
      maxLength={props.max ?? 100}
      placeholder={props.placeholder}
      {...form.getInputProps(f)}
    />
  );
  const check = (f: EventField) => <Checkbox key={f} label={label(f)} {...form.getInputProps(f, { type: 'checkbox' })} />;
  const out: ReactNode[] = [];
  for (const f of fields) {
    if (type === '丢失/泄露报告' && v.reportOf !== null && (f === 'incident' || f === 'discoveredAt' || f === 'circumstances')) continue;
    switch (f) {
      case 'holderId':
      case 'carrierId': {
        const nameField = f === 'holderId' ? 'holderName' : 'carrierName';
        out.push(
          <PersonSelect
            key={f}
            label={label(f)}
            description={t('media.events.personHint')}
            withAsterisk
            autoFocus
            value={v[f]}
            onChange={(id, chosen) => form.setValues({ [f]: id, [nameField]: nameOf(chosen) })}
            error={form.errors[f]}
          />,
        );
        break;
      }
      case 'dueBack':
      case 'expectedBack':
        out.push(<DateField key={f} label={label(f)} withAsterisk={f === 'dueBack'} {...form.getInputProps(f)} />);
        break;
      case 'encrypted':
      case 'repairerAgreement':
      case 'backupDone':
      case 'sanitised':
      case 'reported':
        out.push(check(f));
        break;
      case 'reportedAt':
        if (v.reported) out.push(text(f, { required: true, placeholder: 'YYYY-MM-DD HH:mm' }));
        break;
      case 'method':
        out.push(
          <Select key={f} label={label(f)} withAsterisk data={[...DESTRUCTION_METHODS]} {...form.getInputProps(f)} />,
        );
        break;
      case 'witnesses':
        out.push(<Witnesses key={f} form={form} label={label(f)} />);
        break;
      case 'incident':
        out.push(
          <Stack key={f} gap={4}>
            <Text size="sm" fw={500}>
              {label(f)}
            </Text>
            <SegmentedControl data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`media.incident.${k}`) }))} {...form.getInputProps(f)} />
            {form.errors[f] && (
              <Text size="xs" c="red">
                {form.errors[f]}
              </Text>
            )}
          </Stack>,
        );
        break;
      case 'discoveredAt':
        out.push(
          <Stack key={f} gap={4}>
            {text(f, { required: true, placeholder: 'YYYY-MM-DD HH:mm' })}
            <IncidentDeadline discoveredAt={v.discoveredAt} reported={v.reported} />
          </Stack>,
        );
        break;
      case 'corrects':
        out.push(
          <Select
            key={f}
            label={label(f)}
            withAsterisk
            description={t('media.events.correctsHint')}
            allowDeselect={false}
            data={medium.timeline
              .filter((e) => e.type !== '登记入库' && e.type !== '更正' && e.correctedBy === null)
              .reverse()
              .map((e) => ({ value: String(e.seq), label: `${t('media.timeline.seq', { seq: e.seq })} ${t(`media.eventType.${e.type}`)}：${e.summary}` }))}
            {...form.getInputProps(f)}
          />,
        );
        break;
      case 'checkResult':
      case 'fault':
      case 'result':
      case 'circumstances':
        out.push(<Textarea key={f} label={label(f)} withAsterisk={f !== 'fault'} autosize minRows={2} maxRows={5} maxLength={f === 'circumstances' ? 500 : 200} {...form.getInputProps(f)} />);
        break;
      case 'reason':
        out.push(<Textarea key={f} label={label(f)} withAsterisk autosize minRows={2} maxRows={4} maxLength={200} {...form.getInputProps(f)} />);
        break;
      case 'purpose':
        out.push(text(f, { required: type === '携带外出', max: 100 }));
        break;
      case 'condition':
      case 'agreementRef':
      case 'encryptionMethod':
      case 'sanitisation':
        out.push(text(f, { required: f === 'encryptionMethod' || f === 'sanitisation', max: 100, placeholder: t(`media.events.placeholders.${f}`) }));
        break;
      default:
        out.push(text(f, { required: f !== 'sentBy', max: 60 }));
    }
  }
  const hint = HINTS[type];
  return (
    <>
      {hint && (
        <Text size="xs" c="dimmed">
          {t(`media.events.hints.${hint}`)}
        </Text>
      )}
      {state.status === '丢失' && type === '归还' && (
        <Alert color="orange" variant="light">
          {t('media.events.foundAfterLoss')}
        </Alert>
      )}
      <SimpleGrid cols={2}>{out}</SimpleGrid>
    </>
  );
}

const HINTS: Partial<Record<RecordableType, string>> = {
  携带外出: 'takeOut',
  送外维修: 'repair',
  销毁: 'destroy',
  '丢失/泄露报告': 'incident',
  更正: 'correction',
};

/** The label key of a field where it differs by event type (领用人 / 借用人, 用途 / 事由, 原因 …). */
function labelKey(type: RecordableType, f: EventField): string {
  if (f === 'holderId') return type === '借出' ? 'borrower' : 'holder';
  if (f === 'purpose' && type === '携带外出') return 'errand';
  if (f === 'dueBack' && type === '携带外出') return 'dueBackOut';
  if (f === 'reason') return type === '销毁' ? 'destroyReason' : 'correctionReason';
  return f;
}

/** 监销人: one or more names, none of them the destroyer (the core checks). */
function Witnesses({ form, label }: { form: UseFormReturnType<EventValues>; label: string }) {
  const { t } = useTranslation();
  const list = form.values.witnesses;
  return (
    <Stack gap={4}>
      {list.map((_, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-end">
          <TextInput
            flex={1}
            label={i === 0 ? label : undefined}
            aria-label={`${label} ${i + 1}`}
            withAsterisk={i === 0}
            maxLength={30}
            {...form.getInputProps(`witnesses.${i}`)}
            error={i === 0 ? form.errors.witnesses : undefined}
          />
          {list.length > 1 && (
            <ActionIcon variant="subtle" color="gray" mb={4} aria-label={t('media.events.removeWitness')} onClick={() => form.removeListItem('witnesses', i)}>
              <IconX size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {list.length < 5 && (
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => form.insertListItem('witnesses', '')} w="fit-content">
          {t('media.events.addWitness')}
        </Button>
      )}
    </Stack>
  );
}

/** The 48-hour report deadline of the discovery typed, counting down while the form is open. */
function IncidentDeadline({ discoveredAt, reported }: { discoveredAt: string; reported: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  const interval = useInterval(() => setNow(new Date()), 30_000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, []);
  const at = instantOf(discoveredAt);
  if (!at) return null;
  const { hoursLeft, overdue } = reportDeadline(at, now);
  const deadline = incidentDeadlineText(at);
  return (
    <Text size="xs" c={reported ? 'dimmed' : overdue || hoursLeft < 24 ? 'red.8' : 'orange.8'} fw={reported ? undefined : 600} data-testid="incident-deadline">
      {overdue ? t('media.events.deadlinePassed', { deadline }) : t('media.events.deadline', { deadline, hours: hoursLeft })}
    </Text>
  );
}
