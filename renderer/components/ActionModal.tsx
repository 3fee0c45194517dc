import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, messageOf } from '../lib/api';

/**
 * A small form in a modal whose fields the core checks (approve, renew, revoke …): a refusal tied
 * to one of the form's fields is shown at it, any other above the form, verbatim; what was typed is
 * kept. `onSubmit` does the call; the modal closes when it resolves.
 */
export interface ActionModalProps<V extends Record<string, unknown>> {
  opened: boolean;
  title: string;
  initialValues: V;
  confirmLabel: string;
  confirmColor?: string;
  pending: boolean;
  size?: string;
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children(form: UseFormReturnType<V>): ReactNode;
}

export function ActionModal<V extends Record<string, unknown>>(props: ActionModalProps<V>) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'md'}>
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
          <Alert color="red" variant="light" data-testid="action-error" style={{ whiteSpace: 'pre-wrap' }}>
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
