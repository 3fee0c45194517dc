import { Button, Checkbox, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconFileSpreadsheet, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaFilter } from '../../../../common/api/media';
import type { MediaLogRegister } from '../../../../common/api/mediaprint';
import type { ReportInput } from '../../../../common/api/report';
import { DateField } from '../../../components/DateField';
import { PrintDialog, type PrintMode } from '../../../components/PrintDialog';
import { useCan } from '../../../lib/useCan';

/** §1 then the logs §2–§5, as REGISTER-FORMATS.md orders them. */
const REGISTERS = ['media', 'mediaLoans', 'mediaTakeOuts', 'mediaRepairs', 'mediaDestructions'] as const;
type MediaRegisterId = (typeof REGISTERS)[number];

export interface MediaPeriod {
  from: string | null;
  to: string | null;
}

/** The log's selection: the list filter's kind, 密级, unit, contract and search, the period and “open only”. */
export function logSelection(register: MediaLogRegister, filter: MediaFilter, period: MediaPeriod, openOnly: boolean): ReportInput['selection'] {
  return {
    register,
    filter: {
      q: filter.q ?? '',
      kind: filter.kind ?? null,
      classification: filter.classification ?? null,
      orgId: filter.orgId ?? null,
      contractId: filter.contractId ?? null,
      from: period.from,
      to: period.to,
      openOnly: register !== 'mediaDestructions' && openOnly,
    },
  };
}

const dateOf = (v: unknown): string | null => (typeof v === 'string' && v ? v.slice(0, 10) : null);

/**
 * 打印台账 for the media list's header: the 存储介质登记台账 (§1) with the list's filter, and the
 * logs (§2 借用/归还, §3 携带外出, §4 送外维修, §5 销毁) for a period (`period`, editable before
 * printing) with the list's kind, 密级, unit, contract and search. Then PDF, printer or Excel.
 * Renders nothing without registers.print.
 */
export function MediaPrintMenu(props: { filter: MediaFilter; period?: MediaPeriod; disabled?: boolean; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const can = useCan();
  const [register, setRegister] = useState<MediaRegisterId | null>(null);
  const [period, setPeriod] = useState<MediaPeriod>({ from: null, to: null });
  const [openOnly, setOpenOnly] = useState(false);
  const [mode, setMode] = useState<PrintMode | null>(null);
  if (!can('registers.print')) return null;

  const choose = (id: MediaRegisterId) => {
    setPeriod(props.period ?? { from: null, to: null });
    setOpenOnly(false);
    setRegister(id);
  };
  const close = () => {
    setMode(null);
    setRegister(null);
  };
  const badPeriod = period.from !== null && period.to !== null && period.to < period.from;
  const isLog = register !== null && register !== 'media';
  const selection: ReportInput['selection'] =
    register === null || register === 'media' ? { register: 'media', filter: props.filter } : logSelection(register, props.filter, period, openOnly);
  const periodText = !period.from && !period.to
    ? t('mediaPrints.scope.allPeriods')
    : period.from && period.to
      ? t('mediaPrints.scope.fromTo', { from: period.from, to: period.to })
      : period.from
        ? t('mediaPrints.scope.fromOnly', { from: period.from })
        : t('mediaPrints.scope.toOnly', { to: period.to });
  const name = register ? t(`mediaPrints.registers.${register}`) : '';
  const scope = isLog ? t('mediaPrints.scope.log', { name, period: periodText }) : t('mediaPrints.scope.media');

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size={props.size}
            leftSection={<IconPrinter size={16} />}
            rightSection={<IconChevronDown size={14} />}
            disabled={props.disabled}
            data-testid="media-print-menu"
          >
            {t('mediaPrints.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {REGISTERS.map((id) => (
            <Menu.Item key={id} onClick={() => choose(id)} data-testid={`media-print-${id}`}>
              <Text size="sm">{t(`mediaPrints.registers.${id}`)}</Text>
              <Text size="xs" c="dimmed">
                {t(`mediaPrints.hints.${id}`)}
              </Text>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>

      <Modal opened={register !== null && mode === null} onClose={close} title={t('mediaPrints.setupTitle', { name })} size="md">
        <Stack gap="md">
          {isLog && register ? (
            <>
              <Group grow align="flex-start">
                <DateField
                  label={t('mediaPrints.from')}
                  description={t('mediaPrints.periodHint', { event: t(`mediaPrints.event.${register}`) })}
                  value={period.from}
                  onChange={(v) => setPeriod((p) => ({ ...p, from: dateOf(v) }))}
                />
                <DateField
                  label={t('mediaPrints.to')}
                  description={' '}
                  value={period.to}
                  onChange={(v) => setPeriod((p) => ({ ...p, to: dateOf(v) }))}
                  error={badPeriod ? t('mediaPrints.periodError') : undefined}
                />
              </Group>
              {register !== 'mediaDestructions' && (
                <Checkbox label={t(`mediaPrints.openOnly.${register}`)} checked={openOnly} onChange={(e) => setOpenOnly(e.currentTarget.checked)} />
              )}
              <Text size="xs" c="dimmed">
                {t('mediaPrints.correctedNote')}
              </Text>
            </>
          ) : (
            <Text size="sm">{t('mediaPrints.filterScope')}</Text>
          )}
          <Text size="sm" fw={500}>
            {t('mediaPrints.choose')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" leftSection={<IconFileTypePdf size={16} />} disabled={badPeriod} onClick={() => setMode('pdf')}>
              {t('print.pdf')}
            </Button>
            <Button variant="default" leftSection={<IconPrinter size={16} />} disabled={badPeriod} onClick={() => setMode('printer')}>
              {t('print.printer')}
            </Button>
            {can('registers.export') && (
              <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} disabled={badPeriod} onClick={() => setMode('xlsx')}>
                {t('print.xlsx')}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>

      <PrintDialog mode={mode} count={0} scope={scope} selection={selection} onClose={close} />
    </>
  );
}
