import { Alert, Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AttachmentOwnerType } from '../../../common/api/attachment';
import { AttachmentPanel } from './AttachmentPanel';

/**
 * The second step of a form whose record carries a scan: the record is saved (said in `message`),
 * now its signed copy or material can be attached before `finish` closes the dialog. `actions`
 * (e.g. printing the form to sign) sit between the message and the attachments.
 */
export function SavedThenAttach(props: {
  testId: string;
  message: string;
  ownerType: AttachmentOwnerType;
  ownerUuid: string;
  finish: string;
  onFinish(): void;
  actions?: ReactNode;
}) {
  return (
    <Stack gap="sm" data-testid={props.testId}>
      <Alert color="green" variant="light">
        {props.message}
      </Alert>
      {props.actions}
      <AttachmentPanel ownerType={props.ownerType} ownerUuid={props.ownerUuid} canWrite />
      <Group justify="flex-end">
        <Button onClick={props.onFinish}>{props.finish}</Button>
      </Group>
    </Stack>
  );
}
