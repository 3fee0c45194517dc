import { Anchor, Badge, Chip, Group, Pagination, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpConflict } from '../../../common/api/ipfiling';
import { CONFLICT_KINDS, type ConflictKind } from '../../../common/ipfilings';
import { EmptyState } from '../../components/EmptyState';
import { ListError } from '../../components/ListError';
import { useConflicts } from './queries';

const KIND_COLORS: Record<ConflictKind, string> = { 同一地址: 'red', 包含: 'orange', 重叠: 'yellow' };
const PAGE_SIZE = 20;

/** One side of a conflict: its number (opens the filing), unit and users. */
function Side({ side, onOpen }: { side: IpConflict['a']; onOpen(id: number): void }) {
  return (
    <Stack gap={0}>
      <Anchor component="button" type="button" size="sm" fw={600} ff="monospace" onClick={() => onOpen(side.id)} data-testid="conflict-link">
        {side.number}
      </Anchor>
      <Text size="xs" c="dimmed">
        {side.orgName}
        {side.users.length > 0 ? ` · ${side.users.join('、')}` : ''}
      </Text>
    </Stack>
  );
}

/** Conflicts as cards: the two filings (links), the kind, who is involved, and each overlapping pair of entries. */
export function ConflictList({ rows, onOpen }: { rows: readonly IpConflict[]; onOpen(id: number): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {rows.map((c) => (
        <Paper key={`${c.a.id}-${c.b.id}`} withBorder p="sm" data-testid="conflict" style={{ borderLeft: `4px solid var(--mantine-color-${KIND_COLORS[c.kind]}-6)` }}>
          <Stack gap={6}>
            <Group gap="md" wrap="nowrap" align="flex-start">
              <Badge color={KIND_COLORS[c.kind]} variant="light" mt={2}>
                {t(`ipfilings.conflicts.kind.${c.kind}`)}
              </Badge>
              <Side side={c.a} onOpen={onOpen} />
              <IconArrowsExchange size={16} style={{ marginTop: 4, flexShrink: 0 }} color="var(--mantine-color-gray-6)" />
              <Side side={c.b} onOpen={onOpen} />
              <Group gap={4} ml="auto">
                {c.differentUnit && (
                  <Badge size="sm" color="red" variant="outline">
                    {t('ipfilings.conflicts.differentUnit')}
                  </Badge>
                )}
                {!c.differentUnit && c.differentPeople && (
                  <Badge size="sm" color="orange" variant="outline">
                    {t('ipfilings.conflicts.differentPeople')}
                  </Badge>
                )}
              </Group>
            </Group>
            <Table withRowBorders={false} verticalSpacing={2} fz="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.a.number}</Table.Th>
                  <Table.Th>{c.b.number}</Table.Th>
                  <Table.Th>{t('ipfilings.conflicts.shared')}</Table.Th>
                  <Table.Th>{t('ipfilings.conflicts.space')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.overlaps.map((o) => (
                  <Table.Tr key={`${o.a}|${o.b}`}>
                    <Table.Td ff="monospace">{o.a}</Table.Td>
                    <Table.Td ff="monospace">{o.b}</Table.Td>
                    <Table.Td ff="monospace">{o.shared}</Table.Td>
                    <Table.Td>{o.space}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" data-testid="conflict-message">
              {c.message}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** 地址冲突: every pair of live filings whose addresses overlap, strongest first, paged by the core. */
export function ConflictsView({ onOpen }: { onOpen(id: number): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ConflictKind | null>(null);
  const [differentUnitOnly, setDifferentUnitOnly] = useState(false);
  const [page, setPage] = useState(1);
  const query = useConflicts({ filingId: null, kind, differentUnitOnly, page, pageSize: PAGE_SIZE });
  const rows = query.data?.rows ?? [];
  const total = query.data?.total ?? 0;
  const filtered = kind !== null || differentUnitOnly;
  return (
    <Stack gap="sm" data-testid="conflicts-view">
      <Group gap="sm">
        <Select
          w={160}
          aria-label={t('ipfilings.conflicts.kindLabel')}
          placeholder={t('ipfilings.conflicts.kindLabel')}
          clearable
          data={CONFLICT_KINDS.map((k) => ({ value: k, label: t(`ipfilings.conflicts.kind.${k}`) }))}
          value={kind}
          onChange={(v) => {
            setKind(v as ConflictKind | null);
            setPage(1);
          }}
        />
        <Chip
          checked={differentUnitOnly}
          onChange={(v) => {
            setDifferentUnitOnly(v);
            setPage(1);
          }}
          variant="outline"
          color="red"
        >
          {t('ipfilings.conflicts.differentUnitOnly')}
        </Chip>
        <Text size="sm" c="dimmed" ml="auto" data-testid="conflict-total">
          {t('ipfilings.conflicts.total', { count: total })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('ipfilings.conflicts.hint')}
      </Text>
      <ListError error={query.isError ? query.error : null} />
      {!query.isPending && total === 0 ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconArrowsExchange size={30} />}
            title={t(filtered ? 'ipfilings.conflicts.noneFiltered' : 'ipfilings.conflicts.none')}
            body={t('ipfilings.conflicts.noneBody')}
          />
        </Paper>
      ) : (
        <ConflictList rows={rows} onOpen={onOpen} />
      )}
      {total > PAGE_SIZE && (
        <Group justify="center">
          <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </Stack>
  );
}
