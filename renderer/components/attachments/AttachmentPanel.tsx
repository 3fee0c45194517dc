import { ActionIcon, Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconDeviceFloppy, IconEye, IconFileTypeJpg, IconFileTypePdf, IconFileTypePng, IconPaperclip, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTACHMENT_MAX_BYTES,
  formatBytes,
  type Attachment,
  type AttachmentMime,
  type AttachmentOwnerType,
} from '../../../common/api/attachment';
import { messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { EmptyState } from '../EmptyState';
import { AttachmentPreviewModal } from './AttachmentPreviewModal';
import { useAttachmentList, useAttachmentMutations } from './queries';
import { VoidAttachmentModal } from './VoidAttachmentModal';

const TYPE_ICONS: Record<AttachmentMime, typeof IconFileTypePdf> = {
  'application/pdf': IconFileTypePdf,
  'image/png': IconFileTypePng,
  'image/jpeg': IconFileTypeJpg,
};
const TYPE_COLORS: Record<AttachmentMime, string> = { 'application/pdf': 'red.7', 'image/png': 'blue.7', 'image/jpeg': 'teal.7' };

const dateTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const shortDigest = (hex: string) => `${hex.slice(0, 8)}…${hex.slice(-4)}`;

export interface AttachmentPanelProps {
  ownerType: AttachmentOwnerType;
  ownerUuid: string;
  /** Whether the user may add and void here (registers.write, and the owner record is not voided). */
  canWrite: boolean;
}

/**
 * The attachments of one register record: list, add (through the file dialog of the shell),
 * preview, save a copy, void. Shared by every register that keeps attachments.
 */
export function AttachmentPanel({ ownerType, ownerUuid, canWrite }: AttachmentPanelProps) {
  const { t } = useTranslation();
  const owner = useMemo(() => ({ ownerType, ownerUuid }), [ownerType, ownerUuid]);
  const [showVoided, setShowVoided] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const [voiding, setVoiding] = useState<Attachment | null>(null);
  const list = useAttachmentList(owner, showVoided);
  const mutations = useAttachmentMutations(owner);
  const canExport = useCan()('registers.export');
  const limit = formatBytes(ATTACHMENT_MAX_BYTES).replace(' ', '\u00a0'); // “20 MB” stays on one line
  const rows = list.data ?? [];

  const add = async () => {
    setAddError(null);
    try {
      const result = await mutations.add.mutateAsync();
      if (result.added) notifications.show({ color: 'green', message: t('attachments.added', { name: result.attachment.fileName }) });
    } catch (error) {
      setAddError(messageOf(error));
    }
  };

  const saveCopy = async (attachment: Attachment) => {
    try {
      const result = await mutations.saveCopy.mutateAsync(attachment.id);
      if (result.saved) notifications.show({ color: 'green', message: t('attachments.saved', { path: result.path }), autoClose: 8000 });
    } catch (error) {
      notifications.show({ color: 'red', title: t('common.failed'), message: messageOf(error), autoClose: false });
    }
  };

  const table = (
    <Table verticalSpacing="xs" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('attachments.columns.name')}</Table.Th>
          <Table.Th w={90} ta="right">
            {t('attachments.columns.size')}
          </Table.Th>
          <Table.Th w={150}>{t('attachments.columns.sm3')}</Table.Th>
          <Table.Th w={170}>{t('attachments.columns.added')}</Table.Th>
          <Table.Th w={160} ta="right">
            {t('common.actions')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((a) => {
          const Icon = TYPE_ICONS[a.mimeType];
          return (
            <Table.Tr key={a.id} className={a.voidedAt ? 'row-voided' : undefined} data-testid="attachment-row">
              <Table.Td>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Icon size={20} color={`var(--mantine-color-${TYPE_COLORS[a.mimeType].replace('.', '-')})`} aria-hidden />
                  <Stack gap={0} miw={0}>
                    <Anchor component="button" type="button" size="sm" ta="left" td={a.voidedAt ? 'line-through' : undefined} onClick={() => setPreviewing(a)}>
                      {a.fileName}
                    </Anchor>
                    {a.voidedAt && (
                      <Text size="xs" c="red.8">
                        {t('attachments.voidedInfo', { date: dateTime(a.voidedAt), by: a.voidedByName ?? '', reason: a.voidReason ?? '' })}
                      </Text>
                    )}
                  </Stack>
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(a.size)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={t('attachments.sm3Full', { digest: a.sm3 })} ff="monospace" multiline maw={340} style={{ wordBreak: 'break-all' }}>
                  <Text size="xs" ff="monospace" data-testid="attachment-sm3" tabIndex={0} aria-label={t('attachments.sm3Full', { digest: a.sm3 })}>
                    {shortDigest(a.sm3)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.createdByName}</Text>
                <Text size="xs" c="dimmed">
                  {dateTime(a.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t('attachments.preview')}>
                    <ActionIcon variant="subtle" aria-label={`${t('attachments.preview')} ${a.fileName}`} onClick={() => setPreviewing(a)}>
                      <IconEye size={16} />
                    </ActionIcon>
                  </Tooltip>
                  {canExport && (
                    <Tooltip label={t('attachments.saveCopy')}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('attachments.saveCopy')} ${a.fileName}`}
                        loading={mutations.saveCopy.isPending && mutations.saveCopy.variables === a.id}
                        onClick={() => void saveCopy(a)}
                      >
                        <IconDeviceFloppy size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  {a.voidedAt ? (
                    <Badge color="gray" variant="outline" size="sm" style={{ flexShrink: 0 }}>
                      {t('attachments.voidedBadge')}
                    </Badge>
                  ) : (
                    canWrite && (
                      <Tooltip label={t('attachments.void')}>
                        <ActionIcon variant="subtle" color="red" aria-label={`${t('attachments.void')} ${a.fileName}`} onClick={() => setVoiding(a)}>
                          <IconBan size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );

  return (
    <Paper withBorder p="md" data-testid="attachment-panel">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Title order={4}>{t('attachments.title')}</Title>
              {rows.length > 0 && (
                <Badge variant="light" color="gray">
                  {t('attachments.count', { count: rows.length })}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('attachments.types', { limit })}
            </Text>
          </div>
          <Group gap="sm">
            <Switch size="xs" label={t('attachments.showVoided')} checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} />
            {canWrite && (
              <Button size="xs" leftSection={<IconPlus size={14} />} loading={mutations.add.isPending} onClick={() => void add()}>
                {t('attachments.add')}
              </Button>
            )}
          </Group>
        </Group>

        {addError && (
          <Alert color="red" variant="light" title={t('attachments.addFailed')} withCloseButton onClose={() => setAddError(null)} data-testid="attachment-add-error">
            {addError}
          </Alert>
        )}
        {list.isError && (
          <Alert color="red" variant="light" title={t('common.failed')}>
            {messageOf(list.error)}
          </Alert>
        )}

        {list.isPending ? (
          <Center py="lg">
            <Loader size="sm" />
          </Center>
        ) : rows.length === 0 && !list.isError ? (
          <EmptyState
            icon={<IconPaperclip size={26} />}
            title={t('attachments.empty.title')}
            body={canWrite ? t('attachments.empty.body', { limit }) : t('attachments.empty.bodyReadOnly')}
          />
        ) : (
          rows.length > 0 && table
        )}
      </Stack>

      <AttachmentPreviewModal attachment={previewing} onClose={() => setPreviewing(null)} />
      <VoidAttachmentModal attachment={voiding} mutation={mutations.void} onClose={() => setVoiding(null)} />
    </Paper>
  );
}
