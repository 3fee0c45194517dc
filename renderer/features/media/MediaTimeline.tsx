import { Badge, Button, Group, Paper, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconBox,
  IconCheck,
  IconClipboardCheck,
  IconFlame,
  IconHandGrab,
  IconPaperclip,
  IconPlaneDeparture,
  IconAlertOctagon,
  IconPencilCancel,
  IconTool,
  IconBuildingBank,
  IconHomeMove,
  IconToolsOff,
  IconUserShare,
} from '@tabler/icons-react';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaEventView, MediumDetail } from '../../../common/api/media';
import { HANDOVER_TYPES, shortInstant, type MediaEventType } from '../../../common/media';
import { AttachmentPanel } from '../../components/attachments/AttachmentPanel';
import { MEDIA_EVENT_ACTIONS } from './slots';

const ICONS: Record<MediaEventType, ComponentType<{ size?: number }>> = {
  登记入库: IconBox,
  '发放/领用': IconUserShare,
  借出: IconArrowForwardUp,
  归还: IconArrowBackUp,
  携带外出: IconPlaneDeparture,
  外出返回: IconHomeMove,
  送外维修: IconTool,
  修回: IconToolsOff,
  交回甲方: IconBuildingBank,
  销毁: IconFlame,
  '丢失/泄露报告': IconAlertOctagon,
  清查结果: IconClipboardCheck,
  更正: IconPencilCancel,
};

const COLORS: Partial<Record<MediaEventType, string>> = { 销毁: 'dark', '丢失/泄露报告': 'red', 更正: 'gray', 交回甲方: 'gray', 送外维修: 'grape', 携带外出: 'orange' };

/**
 * The custody chain (履历), oldest first: each event's type, time, sentence, people and their
 * signatures, who recorded it, its attachments (the signed receipt scan) and, for a hand-over, the
 * receipt's actions; an event voided by a 更正 is struck through and says by which.
 */
export function MediaTimeline({ medium, canWrite }: { medium: MediumDetail; canWrite: boolean }) {
  const events = medium.timeline;
  return (
    <Timeline active={events.length - 1} bulletSize={26} lineWidth={2} data-testid="media-timeline">
      {events.map((e) => (
        <Timeline.Item key={e.id} bullet={<EventBullet event={e} />} color={e.correctedBy !== null ? 'gray' : (COLORS[e.type] ?? 'brand')}>
          <TimelineEvent medium={medium} event={e} canWrite={canWrite} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function EventBullet({ event }: { event: MediaEventView }) {
  const Icon = ICONS[event.type];
  return <Icon size={14} />;
}

function TimelineEvent({ medium, event: e, canWrite }: { medium: MediumDetail; event: MediaEventView; canWrite: boolean }) {
  const { t } = useTranslation();
  const [showFiles, setShowFiles] = useState(false);
  const corrected = e.correctedBy !== null;
  const handover = HANDOVER_TYPES.includes(e.type);
  return (
    <Stack gap={4} data-testid="timeline-event" data-type={e.type} data-seq={e.seq} data-corrected={corrected}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={700} td={corrected ? 'line-through' : undefined}>
          {t('media.timeline.seq', { seq: e.seq })} {t(`media.eventType.${e.type}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {shortInstant(e.occurredAt)}
        </Text>
        {corrected && (
          <Badge size="sm" color="gray" variant="outline" data-testid="corrected-by">
            {t('media.timeline.correctedBy', { seq: e.correctedBy })}
          </Badge>
        )}
      </Group>
      <Text size="sm" td={corrected ? 'line-through' : undefined} c={corrected ? 'dimmed' : undefined}>
        {e.summary}
      </Text>
      {e.participants.length > 0 && (
        <Group gap={6}>
          {e.participants.map((p, i) => (
            <Tooltip key={i} label={t(p.acknowledged ? 'media.timeline.signed' : 'media.timeline.notSigned')}>
              <Badge
                size="sm"
                variant={p.acknowledged ? 'light' : 'outline'}
                color={p.acknowledged ? 'green' : 'gray'}
                leftSection={p.acknowledged ? <IconCheck size={10} /> : <IconHandGrab size={10} />}
                data-testid="participant"
              >
                {p.role} {p.name}
                {p.acknowledged ? ` · ${t('media.timeline.signedShort')}` : ''}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      )}
      {e.note && (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {t('media.timeline.note', { note: e.note })}
        </Text>
      )}
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('media.timeline.recorded', { name: e.recordedByName, at: shortInstant(e.recordedAt) })}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPaperclip size={12} />}
          onClick={() => setShowFiles((s) => !s)}
          aria-expanded={showFiles}
          data-testid="event-attachments"
        >
          {t('media.timeline.attachments', { count: e.attachments })}
        </Button>
        {handover && MEDIA_EVENT_ACTIONS.map((Action, i) => <Action key={i} medium={medium} event={e} />)}
      </Group>
      {showFiles && (
        <Paper withBorder p="xs">
          <AttachmentPanel ownerType="mediaEvent" ownerUuid={e.uuid} canWrite={canWrite} />
        </Paper>
      )}
    </Stack>
  );
}

