import { Alert, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../common/api/attachment';
import { messageOf } from '../../lib/api';
import { useAttachmentBytes } from './queries';
import { useObjectUrl } from './useObjectUrl';

/**
 * Shows an attachment from its bytes: images in an <img>, PDFs in Chromium's own viewer inside an
 * iframe. The viewer's toolbar is hidden (`#toolbar=0`): its download and print buttons would take
 * the file out without the audit record that 另存副本 leaves.
 */
export function AttachmentPreviewModal({ attachment, onClose }: { attachment: Attachment | null; onClose(): void }) {
  const { t } = useTranslation();
  const file = useAttachmentBytes(attachment?.id ?? null);
  const url = useObjectUrl(file.data?.bytes, file.data?.mimeType);
  const name = attachment?.fileName ?? '';

  return (
    <Modal opened={attachment !== null} onClose={onClose} title={t('attachments.previewTitle', { name })} size="80%" centered>
      <Stack gap="sm">
        {file.isPending && (
          <Center h="60vh">
            <Group gap="sm">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                {t('attachments.previewLoading')}
              </Text>
            </Group>
          </Center>
        )}
        {file.isError && (
          <Alert color="red" variant="light" title={t('common.failed')}>
            {messageOf(file.error)}
          </Alert>
        )}
        {url && file.data?.mimeType === 'application/pdf' && (
          <iframe
            src={`${url}#toolbar=0&navpanes=0`}
            title={name}
            data-testid="attachment-preview-pdf"
            style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-3)' }}
          />
        )}
        {url && file.data && file.data.mimeType !== 'application/pdf' && (
          <Center mih="30vh" bg="var(--mantine-color-gray-1)" p="sm">
            <img
              src={url}
              alt={name}
              draggable={false}
              data-testid="attachment-preview-image"
              style={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain', display: 'block' }}
            />
          </Center>
        )}
        <Text size="xs" c="dimmed">
          {t('attachments.previewNote')}
        </Text>
      </Stack>
    </Modal>
  );
}
