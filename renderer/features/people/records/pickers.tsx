import { Group, Select, Text, type ComboboxItem, type ComboboxItemGroup, type MantineSize, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignment } from '../../../../common/api/assignment';
import type { Contract } from '../../../../common/api/contract';
import type { Person } from '../../../../common/api/person';
import { useContractOptions, usePersonOptions } from './queries';

/** 张三（北京某某科技有限公司） */
export const personLabel = (p: { name: string; orgName: string }) => `${p.name}（${p.orgName}）`;
/** KSY 2024 0516 0003, an ideographic space, then 卫生监督信息化运维项目 */
export const contractLabel = (c: { mainNumber: string; projectName: string }) => (c.mainNumber ? `${c.mainNumber}\u3000${c.projectName}` : c.projectName);

/** The core searched already: the options shown are its answer, not filtered again by label. */
const asAnswered: OptionsFilter = ({ options }) => options;

/**
 * What to ask the core for: the words typed, but nothing while the box only shows the label of
 * the option chosen (Select puts it there).
 */
function useSearchTerm(search: string, chosenLabel: string | undefined): string {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  return debounced === chosenLabel?.trim() ? '' : debounced;
}

interface PickerProps {
  label: string;
  value: string | null;
  /** With the label shown for the value chosen. */
  onChange(value: string | null, label?: string): void;
  size?: MantineSize;
  error?: ReactNode;
  description?: ReactNode;
  withAsterisk?: boolean;
  autoFocus?: boolean;
}

/** A person on post (not voided), searched by name, post or unit; the unit and post shown with each. */
export function PersonSelect(props: PickerProps & { excludeIds?: readonly number[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Person | null>(null);
  const q = useSearchTerm(search, chosen ? personLabel(chosen) : undefined);
  const options = usePersonOptions({ q, status: '在岗' });
  const rows = options.data?.rows ?? [];
  const byId = useMemo(() => new Map(rows.map((p) => [String(p.id), p])), [rows]);
  const data = rows.filter((p) => !props.excludeIds?.includes(p.id)).map((p) => ({ value: String(p.id), label: personLabel(p) }));
  return (
    <Select
      label={props.label}
      size={props.size}
      description={props.description}
      withAsterisk={props.withAsterisk}
      data-autofocus={props.autoFocus || undefined}
      placeholder={t('peopleRecords.pickers.personPlaceholder')}
      searchable
      clearable
      data={data}
      filter={asAnswered}
      searchValue={search}
      onSearchChange={setSearch}
      value={props.value}
      onChange={(v, option) => {
        setChosen(v === null ? null : (byId.get(v) ?? chosen));
        props.onChange(v, option?.label);
      }}
      error={props.error}
      nothingFoundMessage={options.isFetching ? t('peopleRecords.pickers.searching') : t('peopleRecords.pickers.noPerson')}
      maxDropdownHeight={280}
      renderOption={({ option }) => {
        const p = byId.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <Text size="sm">{option.label}</Text>
            {p?.post && (
              <Text size="xs" c="dimmed">
                {p.post}
              </Text>
            )}
          </Group>
        );
      }}
    />
  );
}

/**
 * A contract (not voided): the person's own contracts first when given, then any other, searched
 * by number or project name. Cleared means “no contract” when the field is optional.
 */
export function ContractSelect(
  props: PickerProps & {
    /** The person's assignments (contracts listed first). */
    assigned?: readonly Pick<Assignment, 'contractId' | 'contractMainNumber' | 'contractProjectName'>[];
    /** The contract already recorded, so that an edit shows it even when no longer listed. */
    current?: { id: number; mainNumber: string; projectName: string } | null;
    placeholder?: string;
    clearable?: boolean;
  },
) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState<string | undefined>(undefined);
  const mine = new Map<string, string>();
  for (const a of props.assigned ?? []) mine.set(String(a.contractId), contractLabel({ mainNumber: a.contractMainNumber, projectName: a.contractProjectName }));
  const initialLabel = props.value === null ? undefined : (mine.get(props.value) ?? (props.current && String(props.current.id) === props.value ? contractLabel(props.current) : undefined));
  const q = useSearchTerm(search, chosenLabel ?? initialLabel);
  const options = useContractOptions(q);
  const typed = q.toLowerCase();
  const mineShown = [...mine].filter(([, label]) => typed === '' || label.toLowerCase().includes(typed));
  const others = (options.data?.rows ?? []).filter((c: Contract) => !mine.has(String(c.id))).map((c) => [String(c.id), contractLabel(c)] as const);
  if (props.current && !mine.has(String(props.current.id)) && !others.some(([id]) => id === String(props.current!.id))) {
    others.unshift([String(props.current.id), contractLabel(props.current)]);
  }
  const item = ([value, label]: readonly [string, string]): ComboboxItem => ({ value, label });
  const data: ComboboxItemGroup<ComboboxItem>[] = [];
  if (mineShown.length > 0) data.push({ group: t('peopleRecords.pickers.assignedContracts'), items: mineShown.map(item) });
  if (others.length > 0) data.push({ group: mine.size > 0 ? t('peopleRecords.pickers.otherContracts') : t('peopleRecords.pickers.contracts'), items: others.map(item) });
  return (
    <Select
      label={props.label}
      size={props.size}
      description={props.description}
      withAsterisk={props.withAsterisk}
      data-autofocus={props.autoFocus || undefined}
      placeholder={props.placeholder ?? t('peopleRecords.pickers.contractPlaceholder')}
      searchable
      clearable={props.clearable}
      data={data}
      filter={asAnswered}
      searchValue={search}
      onSearchChange={setSearch}
      value={props.value}
      onChange={(v, option) => {
        setChosenLabel(option?.label);
        props.onChange(v, option?.label);
      }}
      error={props.error}
      nothingFoundMessage={options.isFetching ? t('peopleRecords.pickers.searching') : t('peopleRecords.pickers.noContract')}
      maxDropdownHeight={300}
    />
  );
}
