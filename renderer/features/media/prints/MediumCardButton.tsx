import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintDialog, type PrintMode } from '../../../components/PrintDialog';
import { PrintMenu } from '../../../components/PrintMenu';
import { useCan } from '../../../lib/useCan';

/**
 * 履历卡 for a medium's detail: the 介质履历卡 (its fields, who was responsible when, its whole
 * chain with corrections), as PDF, on the printer or (with registers.export) in Excel, the chain as
 * rows. Renders nothing without registers.print.
 */
export function MediumCardButton(props: { mediumId: number; number: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const can = useCan();
  const [mode, setMode] = useState<PrintMode | null>(null);
  if (!can('registers.print')) return null;
  return (
    <>
      <PrintMenu disabled={false} allowExport={can('registers.export')} size={props.size} label={t('mediaPrints.card')} onChoose={setMode} />
      <PrintDialog
        mode={mode}
        count={1}
        scope={t('mediaPrints.cardScope', { number: props.number })}
        selection={{ register: 'mediaCard', filter: { id: props.mediumId } }}
        onClose={() => setMode(null)}
      />
    </>
  );
}
