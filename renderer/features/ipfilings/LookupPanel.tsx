import { Alert, Anchor, Badge, Group, Kbd, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconAlertCircle, IconWorldSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAddress } from '../../../common/ip';
import { messageOf } from '../../lib/api';
import { useLookup } from './queries';

/**
 * “谁可以从此地址接入？”: any address (or block or range) typed here is read as the core reads it and
 * answered with every filing in force that contains it. Ctrl+K or / focuses the box from anywhere on
 * the page; Esc clears it.
 */
export function LookupPanel({ onOpen }: { onOpen(id: number): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [text] = useDebouncedValue(typed.trim(), 200);
  const parsed = text === '' ? null : parseAddress(text);
  const query = useLookup(parsed?.ok ? text : '');
  useHotkeys([
    ['mod+K', () => input.current?.focus()],
    ['/', () => input.current?.focus()],
  ]);
  const answer = parsed?.ok && query.data && !query.isPlaceholderData ? query.data : null;

  return (
    <Paper withBorder p="sm" data-testid="lookup">
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-end">
          <TextInput
            ref={input}
            flex={1}
            maw={420}
            label={t('ipfilings.lookup.label')}
            placeholder={t('ipfilings.lookup.placeholder')}
            leftSection={<IconWorldSearch size={16} />}
            rightSection={query.isFetching ? <Loader size={14} /> : undefined}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && typed !== '') {
                e.stopPropagation();
                setTyped('');
              }
            }}
          />
          <Text size="xs" c="dimmed" pb={8}>
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">K</Kbd> {t('ipfilings.lookup.shortcut')}
          </Text>
        </Group>
        <div data-testid="lookup-answer">
          {parsed === null ? (
            <Text size="xs" c="dimmed">
              {t('ipfilings.lookup.hint')}
            </Text>
          ) : !parsed.ok ? (
            <Text size="sm" c="red.8" data-testid="lookup-invalid">
              <IconAlertCircle size={14} style={{ verticalAlign: -2, marginRight: 4 }} />
              {parsed.message}
            </Text>
          ) : query.isError ? (
            <Alert color="red" variant="light">
              {messageOf(query.error)}
            </Alert>
          ) : !answer ? (
            <Text size="xs" c="dimmed">
              {t('ipfilings.lookup.searching')}
            </Text>
          ) : answer.hits.length === 0 ? (
            <Text size="sm" data-testid="lookup-none">
              {t('ipfilings.lookup.none', { address: answer.address, space: answer.space })}
            </Text>
          ) : (
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {t('ipfilings.lookup.found', { address: answer.address, count: answer.hits.length })}
                </Text>
                <Badge size="sm" variant="light" color="gray">
                  {answer.space}
                </Badge>
              </Group>
              <Table striped verticalSpacing={4} fz="sm" data-testid="lookup-hits">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('ipfilings.fields.number')}</Table.Th>
                    <Table.Th>{t('ipfilings.fields.org')}</Table.Th>
                    <Table.Th>{t('ipfilings.fields.users')}</Table.Th>
                    <Table.Th>{t('ipfilings.fields.accessMethod')}</Table.Th>
                    <Table.Th>{t('ipfilings.fields.systems')}</Table.Th>
                    <Table.Th>{t('ipfilings.fields.validity')}</Table.Th>
                    <Table.Th>{t('ipfilings.lookup.matched')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answer.hits.map((h) => (
                    <Table.Tr key={h.id} data-testid="lookup-hit">
                      <Table.Td>
                        <Anchor component="button" type="button" size="sm" ff="monospace" onClick={() => onOpen(h.id)}>
                          {h.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{h.orgName}</Table.Td>
                      <Table.Td>{h.users.join('、')}</Table.Td>
                      <Table.Td>{h.accessNote ? `${h.accessMethod}（${h.accessNote}）` : h.accessMethod}</Table.Td>
                      <Table.Td>{h.systems}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('ipfilings.period', { from: h.validFrom, to: h.validTo })}</Table.Td>
                      <Table.Td ff="monospace">{h.matched.join('、')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
