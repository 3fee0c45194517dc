import { Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_TYPES, type MediaEventType } from '../../../../common/media/events';
import { PrintDialog, type PrintMode } from '../../../components/PrintDialog';
import { PrintMenu } from '../../../components/PrintMenu';
import { useCan } from '../../../lib/useCan';

/**
 * 打印交接单 for one hand-over event of a medium's timeline (发放/领用, 借出, 归还, 携带外出, 送外维修,
 * 交回甲方, 销毁): the one-page 介质交接单 with both parties' signature lines, whose signed scan is then
 * attached to the event. Renders nothing for other events, for an event voided by a correction
 * (`corrected`), and without registers.print.
 */
export function ReceiptButton(props: { mediumId: number; seq: number; type: MediaEventType; corrected?: boolean; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const can = useCan();
  const [mode, setMode] = useState<PrintMode | null>(null);
  if (!can('registers.print') || !HANDOVER_TYPES.includes(props.type) || props.corrected) return null;
  return (
    <>
      <Tooltip label={t('mediaPrints.receiptTooltip')} openDelay={500} withinPortal>
        <span data-testid={`receipt-${props.seq}`}>
          <PrintMenu disabled={false} allowExport={false} size={props.size ?? 'xs'} label={t('mediaPrints.receipt')} onChoose={setMode} />
        </span>
      </Tooltip>
      <PrintDialog
        mode={mode}
        count={1}
        scope={t('mediaPrints.receiptScope', { seq: props.seq, type: props.type })}
        selection={{ register: 'mediaReceipt', filter: { mediumId: props.mediumId, seq: props.seq } }}
        onClose={() => setMode(null)}
      />
    </>
  );
}
