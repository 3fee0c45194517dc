import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A confirmation that stays open while the core works and shows its refusal in place. */
export function ConfirmActionModal(props: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  color?: string;
  pending: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={() => !props.pending && props.onCancel()} title={props.title} size="md">
      <Stack gap="md">
        <Text size="sm">{props.body}</Text>
        {props.error && (
          <Alert color="red" variant="light" data-testid="form-error">
            {props.error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel} disabled={props.pending}>
            {t('common.cancel')}
          </Button>
          <Button color={props.color} loading={props.pending} onClick={props.onConfirm} data-autofocus>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
