import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../common/api/person';
import { messageOf } from '../../lib/api';
import { usePersonSearch } from './queries';

const label = (p: Person) => `${p.name}（${p.orgName}）${p.post ? ` · ${p.post}` : ''}`;

/** Whom to print a commitment for: a search over the people register (name, post, unit). */
export function ChoosePersonModal(props: { opened: boolean; onClose(): void; onChosen(person: Person): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('commitments.print.chooseTitle')} size="md">
      {props.opened && <Chooser onClose={props.onClose} onChosen={props.onChosen} />}
    </Modal>
  );
}

function Chooser({ onClose, onChosen }: { onClose(): void; onChosen(person: Person): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Person | null>(null);
  // Once a person is chosen the input shows their label, which is not a search.
  const [q] = useDebouncedValue(chosen && search === label(chosen) ? '' : search.trim(), 250);
  const people = usePersonSearch(q);
  const rows = people.data?.rows ?? [];
  const options = [...(chosen && !rows.some((p) => p.id === chosen.id) ? [chosen] : []), ...rows];
  return (
    <Stack gap="md">
      {people.isError && (
        <Alert color="red" variant="light">
          {messageOf(people.error)}
        </Alert>
      )}
      <Select
        label={t('commitments.print.person')}
        placeholder={t('commitments.print.personPlaceholder')}
        searchable
        data-autofocus
        searchValue={search}
        onSearchChange={setSearch}
        // The core searches; every row it returns is a match.
        filter={({ options: all }) => all}
        data={options.map((p) => ({ value: String(p.id), label: label(p) }))}
        value={chosen ? String(chosen.id) : null}
        onChange={(v) => setChosen(options.find((p) => String(p.id) === v) ?? null)}
        nothingFoundMessage={people.isFetching ? '…' : t('commitments.print.noPerson')}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button disabled={!chosen} onClick={() => chosen && onChosen(chosen)}>
          {t('commitments.print.next')}
        </Button>
      </Group>
    </Stack>
  );
}
