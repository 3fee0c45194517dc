import { Alert, Button, Group, Modal, Select, Stack, Switch, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentPrintFilter } from '../../../common/api/commitment';
import type { Person } from '../../../common/api/person';
import { SIGNOFF_KIND_LABELS, SIGNOFF_KINDS, type SignOffKind } from '../../../common/people/signoff';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { useCommitmentList, usePersonContracts } from './queries';

interface Choice {
  kind: SignOffKind;
  contractId: number | null;
  /** null: the kind's current version. */
  version: number | null;
  signDate: string | null;
  fullIdNumber: boolean;
}

const INITIAL: Choice = { kind: '上岗保密承诺书', contractId: null, version: null, signDate: null, fullIdNumber: false };

/**
 * Prints a commitment of one kind for `person` to sign (PDF or printer): the kind, the contract
 * (one of the person's), the template version (current by default), the signing date and — for
 * accounts that may reveal personal data — the full ID number. Open while `person` is not null.
 */
export function PrintCommitmentModal({ person, onClose }: { person: Person | null; onClose(): void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>(INITIAL);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  const personId = person?.id ?? null;
  useEffect(() => {
    setChoice(INITIAL);
    setPrintMode(null);
  }, [personId]);

  const filter: CommitmentPrintFilter = { personId: personId ?? 0, ...choice };
  return (
    <>
      <Modal opened={person !== null && printMode === null} onClose={onClose} title={t('commitments.print.title')} size="lg">
        {person && <ChoiceForm person={person} choice={choice} onChange={setChoice} onPrint={setPrintMode} onClose={onClose} />}
      </Modal>
      {person && (
        <PrintDialog
          mode={printMode}
          selection={{ register: 'commitment', filter }}
          count={1}
          scope={t('commitments.print.scope', { kind: choice.kind, name: person.name, org: person.orgName })}
          onClose={() => setPrintMode(null)}
        />
      )}
    </>
  );
}

function ChoiceForm(props: { person: Person; choice: Choice; onChange(c: Choice): void; onPrint(mode: PrintMode): void; onClose(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const { person, choice } = props;
  const set = (patch: Partial<Choice>) => props.onChange({ ...choice, ...patch });
  const templates = useCommitmentList();
  const contracts = usePersonContracts(person.id);
  const kind = templates.data?.find((k) => k.kind === choice.kind);

  const contractOptions = [
    { value: 'none', label: t('commitments.print.contractNone') },
    ...(contracts.data ?? [])
      .filter((a, i, all) => all.findIndex((b) => b.contractId === a.contractId) === i)
      .map((a) => ({ value: String(a.contractId), label: `${a.contractMainNumber ? `${a.contractMainNumber} ` : ''}${a.contractProjectName}（${a.role}）` })),
  ];
  const versionOptions = kind
    ? [
        { value: 'current', label: t('commitments.print.versionCurrent', { version: kind.current.version }) },
        ...kind.history
          .filter((v) => v.version !== kind.current.version)
          .map((v) => ({ value: String(v.version), label: t('commitments.print.versionOld', { version: v.version, date: dayjs(v.createdAt).format('YYYY-MM-DD') }) })),
      ]
    : [];

  return (
    <Stack gap="md">
      <Text size="sm">{t('commitments.print.for', { name: person.name, org: person.orgName })}</Text>
      {(templates.isError || contracts.isError) && (
        <Alert color="red" variant="light">
          {messageOf(templates.error ?? contracts.error)}
        </Alert>
      )}
      <Select
        label={t('commitments.print.kind')}
        description={SIGNOFF_KIND_LABELS[choice.kind].hint}
        allowDeselect={false}
        data={SIGNOFF_KINDS.map((k) => ({ value: k, label: k }))}
        value={choice.kind}
        onChange={(v) => v && set({ kind: v as SignOffKind, version: null })}
        data-autofocus
      />
      <Select
        label={t('commitments.print.contract')}
        description={contracts.data && contracts.data.length === 0 ? t('commitments.print.noContracts') : t('commitments.print.contractHint')}
        allowDeselect={false}
        data={contractOptions}
        value={choice.contractId === null ? 'none' : String(choice.contractId)}
        onChange={(v) => set({ contractId: !v || v === 'none' ? null : Number(v) })}
      />
      <Group grow align="flex-start">
        <Select
          label={t('commitments.print.version')}
          allowDeselect={false}
          data={versionOptions}
          value={choice.version === null ? 'current' : String(choice.version)}
          onChange={(v) => set({ version: !v || v === 'current' ? null : Number(v) })}
        />
        <DateInput
          label={t('commitments.print.signDate')}
          description={t('commitments.print.signDateHint')}
          valueFormat="YYYY-MM-DD"
          placeholder="YYYY-MM-DD"
          clearable
          value={choice.signDate}
          onChange={(v) => set({ signDate: v || null })}
        />
      </Group>
      {can('personal.reveal') && (
        <Switch
          label={t('commitments.print.fullId')}
          description={t('commitments.print.fullIdHint')}
          checked={choice.fullIdNumber}
          onChange={(e) => set({ fullIdNumber: e.currentTarget.checked })}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('common.close')}
        </Button>
        <PrintMenu disabled={!kind} allowExport={false} onChoose={props.onPrint} />
      </Group>
    </Stack>
  );
}
