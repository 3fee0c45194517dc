import { Alert, Button, Group, List, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEPARTURE_KINDS, type DepartureChecklist, type DepartureKind, type Person } from '../../../common/api/person';
import { DateField } from '../../components/DateField';
import { VoidReasonModal } from '../../components/VoidReasonModal';
import { ApiFailure, messageOf } from '../../lib/api';
import { usePersonMutations } from './queries';

const today = () => dayjs().format('YYYY-MM-DD');

/**
 * A small form in a modal whose fields the core checks: a refusal tied to one of `fields` is shown
 * at it, any other above the form; what was typed is kept.
 */
interface ActionModalProps<V extends Record<string, unknown>> {
  opened: boolean;
  title: string;
  initialValues: V;
  confirmLabel: string;
  confirmColor?: string;
  pending: boolean;
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children(form: UseFormReturnType<V>): ReactNode;
}

function ActionModal<V extends Record<string, unknown>>(props: ActionModalProps<V>) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="md">
      {props.opened && <ActionForm {...props} />}
    </Modal>
  );
}

function ActionForm<V extends Record<string, unknown>>(props: ActionModalProps<V>) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<V>({ initialValues: props.initialValues });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (e) {
      const field = e instanceof ApiFailure ? e.error.field : undefined;
      if (field && field in values) form.setFieldError(field, messageOf(e));
      else setError(messageOf(e));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error && (
          <Alert color="red" variant="light" data-testid="action-error">
            {error}
          </Alert>
        )}
        {props.children(form)}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={props.confirmColor} loading={props.pending}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 办理调岗/离岗: the kind and the day; once started, the person's checklist shows in the detail. */
export function StartDepartureModal({ person, onClose }: { person: Person | null; onClose(): void }) {
  const { t } = useTranslation();
  const { startDeparture } = usePersonMutations();
  return (
    <ActionModal<{ kind: DepartureKind; date: string | null }>
      opened={person !== null}
      title={t('people.departure.startTitle', { name: person?.name ?? '' })}
      initialValues={{ kind: '离岗', date: today() }}
      confirmLabel={t('people.departure.startConfirm')}
      pending={startDeparture.isPending}
      onClose={onClose}
      onSubmit={async ({ kind, date }) => {
        if (!person) return;
        await startDeparture.mutateAsync({ person, kind, date: date ?? '' });
        notifications.show({ color: 'green', message: t('people.departure.started', { name: person.name, kind: t(`people.departureKind.${kind}`) }) });
      }}
    >
      {(form) => (
        <>
          <Text size="sm">{t('people.departure.startBody')}</Text>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('people.departure.kind')}
            </Text>
            <SegmentedControl
              aria-label={t('people.departure.kind')}
              data={DEPARTURE_KINDS.map((k) => ({ value: k, label: t(`people.departureKind.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            {form.errors['kind'] && (
              <Text size="xs" c="red">
                {form.errors['kind']}
              </Text>
            )}
          </Stack>
          <DateField label={t('people.departure.date')} withAsterisk clearable={false} {...form.getInputProps('date')} />
        </>
      )}
    </ActionModal>
  );
}

/**
 * 办结: with the list clear, a confirmation; with items open, an exception whose reason the core
 * checks (at least 5 characters) and records, with the open items, in the audit trail.
 */
export function CompleteDepartureModal({
  person,
  checklist,
  onClose,
}: {
  person: Person | null;
  checklist: DepartureChecklist | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { completeDeparture } = usePersonMutations();
  const open = checklist?.items.filter((i) => !i.done) ?? [];
  const byException = open.length > 0;
  const kind = person?.departure ? t(`people.departureKind.${person.departure.kind}`) : '';
  const date = person?.departure?.date ?? '';
  return (
    <ActionModal<{ exception: string }>
      opened={person !== null && checklist !== undefined}
      title={t(byException ? 'people.departure.exceptionTitle' : 'people.departure.completeTitle', { name: person?.name ?? '', kind })}
      initialValues={{ exception: '' }}
      confirmLabel={t(byException ? 'people.departure.exceptionConfirm' : 'people.departure.completeConfirm')}
      confirmColor={byException ? 'orange' : undefined}
      pending={completeDeparture.isPending}
      onClose={onClose}
      onSubmit={async ({ exception }) => {
        if (!person) return;
        const done = await completeDeparture.mutateAsync({ person, exception: byException ? exception : null });
        notifications.show({ color: 'green', message: t('people.departure.completed', { name: done.name, status: t(`people.status.${done.status}`) }) });
      }}
    >
      {(form) =>
        byException ? (
          <>
            <Text size="sm">{t('people.departure.exceptionBody', { count: open.length })}</Text>
            <List size="sm" spacing={4} data-testid="exception-open-items">
              {open.map((i) => (
                <List.Item key={`${i.providerId}:${i.key}`}>
                  {i.label}：{i.detail}
                </List.Item>
              ))}
            </List>
            <Textarea
              label={t('people.departure.exceptionReason')}
              placeholder={t('people.departure.exceptionPlaceholder')}
              withAsterisk
              data-autofocus
              autosize
              minRows={2}
              maxLength={500}
              {...form.getInputProps('exception')}
            />
            <Alert color="orange" variant="light">
              {t('people.departure.exceptionAudit', { kind, date })}
            </Alert>
          </>
        ) : (
          <Text size="sm">{t('people.departure.completeBody', { name: person?.name ?? '', kind, date })}</Text>
        )
      }
    </ActionModal>
  );
}

/** 撤销办理: the departure did not happen; the person stays 在岗. */
export function CancelDepartureModal({ person, onClose }: { person: Person | null; onClose(): void }) {
  const { t } = useTranslation();
  const { cancelDeparture } = usePersonMutations();
  const d = person?.departure;
  return (
    <VoidReasonModal
      opened={person !== null}
      title={t('people.departure.cancelTitle')}
      body={t('people.departure.cancelBody', { name: person?.name ?? '', kind: d ? t(`people.departureKind.${d.kind}`) : '', date: d?.date ?? '' })}
      reasonLabel={t('people.departure.cancelReason')}
      reasonPlaceholder={t('people.departure.cancelPlaceholder')}
      confirmLabel={t('people.departure.cancelConfirm')}
      pending={cancelDeparture.isPending}
      onConfirm={async (reason) => {
        if (!person) return;
        await cancelDeparture.mutateAsync({ person, reason });
        notifications.show({ color: 'green', message: t('people.departure.cancelled', { name: person.name }) });
      }}
      onClose={onClose}
    />
  );
}

/** 恢复在岗 after a completed 调岗/离岗, from a new 入场日期. */
export function ReinstateModal({ person, onClose }: { person: Person | null; onClose(): void }) {
  const { t } = useTranslation();
  const { reinstate } = usePersonMutations();
  return (
    <ActionModal<{ enteredOn: string | null }>
      opened={person !== null}
      title={t('people.reinstate.title', { name: person?.name ?? '' })}
      initialValues={{ enteredOn: today() }}
      confirmLabel={t('people.reinstate.confirm')}
      pending={reinstate.isPending}
      onClose={onClose}
      onSubmit={async ({ enteredOn }) => {
        if (!person) return;
        const done = await reinstate.mutateAsync({ person, enteredOn: enteredOn ?? '' });
        notifications.show({ color: 'green', message: t('people.reinstate.done', { name: done.name }) });
      }}
    >
      {(form) => (
        <>
          <Text size="sm">
            {t('people.reinstate.body', { status: person ? t(`people.status.${person.status}`) : '', date: person?.leftOn ?? '' })}
          </Text>
          <DateField label={t('people.reinstate.enteredOn')} withAsterisk clearable={false} {...form.getInputProps('enteredOn')} />
        </>
      )}
    </ActionModal>
  );
}
