import { Alert, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../common/api/attachment';
import { messageOf } from '../../lib/api';
import { PdfViewer } from './pdf/PdfViewer';
import { useAttachmentBytes } from './queries';
import { useObjectUrl } from './useObjectUrl';

/**
 * Shows an attachment from its bytes: images in an <img> from a blob: URL, PDFs drawn onto
 * canvases by pdf.js (pdf/PdfViewer.tsx), the same in Electron as in any Chromium. Neither offers
 * a download or print of its own: taking the file out goes through 另存副本, which is audited.
 * Closing the preview releases the bytes, the blob: URL and the pdf.js document.
 */
export function AttachmentPreviewModal({ attachment, onClose }: { attachment: Attachment | null; onClose(): void }) {
  const { t } = useTranslation();
  const file = useAttachmentBytes(attachment?.id ?? null);
  const isPdf = file.data?.mimeType === 'application/pdf';
  const url = useObjectUrl(isPdf ? undefined : file.data?.bytes, file.data?.mimeType);
  const name = attachment?.fileName ?? '';

  return (
    <Modal
      opened={attachment !== null}
      onClose={onClose}
      title={t('attachments.previewTitle', { name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="80%"
      centered
    >
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
        {file.data && isPdf && <PdfViewer bytes={file.data.bytes} name={name} />}
        {url && file.data && !isPdf && (
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
