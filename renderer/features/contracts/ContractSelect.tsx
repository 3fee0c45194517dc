import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { Contract } from '../../../common/api/contract';
import { useContract, useContractOptions } from './queries';

const labelOf = (c: Contract) => `${c.mainNumber}\u3000${c.projectName}`;

/**
 * A searchable contract picker that searches the register itself (number, project, parties), so
 * it finds any contract however many there are; the chosen one stays shown while searching.
 */
export function ContractSelect({
  value,
  onChange,
  ...props
}: { value: number | null; onChange(id: number | null): void } & Omit<SelectProps, 'value' | 'onChange' | 'data' | 'searchValue' | 'onSearchChange' | 'searchable' | 'filter'>) {
  const [search, setSearch] = useState('');
  const selected = useContract(value);
  const selectedLabel = selected.data ? labelOf(selected.data) : null;
  const [q] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 250);
  const options = useContractOptions(q);
  const data = [
    ...(selected.data && selectedLabel ? [{ value: String(selected.data.id), label: selectedLabel }] : []),
    ...(options.data?.rows ?? []).filter((c) => c.id !== value).map((c) => ({ value: String(c.id), label: labelOf(c) })),
  ];
  return (
    <Select
      searchable
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      searchValue={search}
      onSearchChange={setSearch}
      // The register has searched already: what it returned is what matches.
      filter={({ options: found }) => found}
      {...props}
    />
  );
}
