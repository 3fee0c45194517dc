import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The search box of a register list, with a button that clears it. */
export function SearchInput(props: { value: string; placeholder: string; maw: number; onChange(value: string): void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      flex={1}
      maw={props.maw}
      leftSection={<IconSearch size={16} />}
      placeholder={props.placeholder}
      aria-label={t('common.search')}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      rightSection={
        props.value ? (
          <ActionIcon variant="subtle" color="gray" onClick={() => props.onChange('')} aria-label={t('common.close')}>
            <IconX size={14} />
          </ActionIcon>
        ) : null
      }
    />
  );
}
