import { Group, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, unwrap } from '../../lib/api';
import { ContractSelect, personLabel } from '../people/records/pickers';
import { usePersonOptions } from '../people/records/queries';

export interface AttendeeInfo {
  name: string;
  orgName: string;
}

/** People on post of one unit or one contract, at most the core's page limit. */
const BULK_PAGE = 200;

/**
 * 参加人员 (or any field of several people, e.g. an IP filing's 使用人): many people at once from a searchable list showing each one's unit, or everyone on
 * post of a unit or of a contract in one step. `known` carries the names of those already chosen
 * (an edit), so their chips read right before any search.
 */
export function AttendeePicker(props: {
  value: string[];
  onChange(ids: string[]): void;
  known: ReadonlyMap<string, AttendeeInfo>;
  error?: ReactNode;
  /** The field's label and its “N chosen” hint, when the people picked are not a training's attendees. */
  label?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<Map<string, AttendeeInfo>>(() => new Map(props.known));
  const [bulkNote, setBulkNote] = useState<{ text: string; error: boolean } | null>(null);
  // Remounts the two “add everyone of …” pickers after each use, so they read empty again.
  const [bulkKey, setBulkKey] = useState(0);
  const options = usePersonOptions({ q, status: '在岗' });
  const orgs = useQuery({
    queryKey: ['org:list', 'attendee-units'],
    queryFn: () => unwrap(api().org.list({ q: '', kind: null, status: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 200 })),
  });

  const found = options.data?.rows ?? [];
  const info = new Map(names);
  for (const p of props.known) info.set(p[0], p[1]);
  for (const p of found) info.set(String(p.id), { name: p.name, orgName: p.orgName });
  // The chosen ones stay in the data so their chips keep their names whatever the search shows.
  const ids = [...new Set([...found.map((p) => String(p.id)), ...props.value])];
  const data = ids.filter((id) => info.has(id)).map((id) => ({ value: id, label: personLabel(info.get(id)!) }));

  const remember = (more: Iterable<[string, AttendeeInfo]>) =>
    setNames((m) => {
      const next = new Map(m);
      for (const [id, p] of more) next.set(id, p);
      return next;
    });

  const addAll = async (filter: { orgId: number } | { contractId: number }, source: string) => {
    setBulkNote(null);
    setBulkKey((k) => k + 1);
    try {
      const page = await qc.fetchQuery({
        queryKey: ['person:list', 'attendee-bulk', filter],
        queryFn: () => unwrap(api().person.list({ ...filter, status: '在岗', voided: 'exclude', sort: 'name', dir: 'asc', page: 1, pageSize: BULK_PAGE })),
      });
      remember(page.rows.map((p) => [String(p.id), { name: p.name, orgName: p.orgName }] as [string, AttendeeInfo]));
      const fresh = page.rows.map((p) => String(p.id)).filter((id) => !props.value.includes(id));
      props.onChange([...props.value, ...fresh]);
      const text =
        page.rows.length === 0
          ? t('peopleRecords.trainings.attendees.bulkNone', { source })
          : t('peopleRecords.trainings.attendees.bulkAdded', { source, count: fresh.length, already: page.rows.length - fresh.length });
      setBulkNote({ text: page.total > page.rows.length ? `${text}${t('peopleRecords.trainings.attendees.bulkTruncated', { shown: page.rows.length })}` : text, error: false });
    } catch (e) {
      setBulkNote({ text: messageOf(e), error: true });
    }
  };

  return (
    <Stack gap={6}>
      <MultiSelect
        label={props.label ?? t('peopleRecords.trainings.fields.attendees')}
        description={props.hint ?? t('peopleRecords.trainings.attendees.hint', { count: props.value.length })}
        placeholder={t('peopleRecords.pickers.personPlaceholder')}
        withAsterisk
        searchable
        clearable
        hidePickedOptions
        data={data}
        filter={({ options: o }) => o}
        searchValue={search}
        onSearchChange={setSearch}
        value={props.value}
        onChange={(v) => {
          remember(v.filter((id) => info.has(id)).map((id) => [id, info.get(id)!] as [string, AttendeeInfo]));
          props.onChange(v);
        }}
        error={props.error}
        nothingFoundMessage={options.isFetching ? t('peopleRecords.pickers.searching') : t('peopleRecords.pickers.noPerson')}
        maxDropdownHeight={260}
        renderOption={({ option }) => {
          const p = info.get(option.value);
          return (
            <Group gap="xs" justify="space-between" wrap="nowrap" w="100%">
              <Text size="sm">{p?.name ?? option.label}</Text>
              <Text size="xs" c="dimmed">
                {p?.orgName}
              </Text>
            </Group>
          );
        }}
      />
      <Group gap="sm" align="flex-end" grow>
        <Select
          key={`unit-${bulkKey}`}
          label={t('peopleRecords.trainings.attendees.byUnit')}
          placeholder={t('peopleRecords.trainings.attendees.byUnitPlaceholder')}
          searchable
          size="xs"
          data={(orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
          value={null}
          onChange={(v, option) => {
            if (v) void addAll({ orgId: Number(v) }, option?.label ?? '');
          }}
          nothingFoundMessage={t('peopleRecords.trainings.attendees.noUnit')}
        />
        <ContractSelect
          key={`contract-${bulkKey}`}
          label={t('peopleRecords.trainings.attendees.byContract')}
          placeholder={t('peopleRecords.trainings.attendees.byContractPlaceholder')}
          size="xs"
          value={null}
          onChange={(v, label) => {
            if (v) void addAll({ contractId: Number(v) }, label ?? '');
          }}
        />
      </Group>
      {bulkNote && (
        <Text size="xs" c={bulkNote.error ? 'red.8' : 'teal.8'} data-testid="attendee-bulk-note">
          {bulkNote.text}
        </Text>
      )}
    </Stack>
  );
}
