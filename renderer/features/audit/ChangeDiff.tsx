import { Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, roleLabels } from './labels';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Key order does not make two values different. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlain(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Bookkeeping fields every record carries; they change with every edit and are not what the user changed. */
const SYSTEM_FIELDS = new Set(['id', 'uuid', 'rev', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** Field-by-field comparison of a record's before/after; values that are not objects become one row. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if ((b === undefined || isPlain(b)) && (a === undefined || isPlain(a))) {
    const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
    return keys.map((key) => {
      const bv = b?.[key];
      const av = a?.[key];
      return { key, before: bv, after: av, changed: b !== undefined && a !== undefined && canonical(bv) !== canonical(av) };
    });
  }
  return [{ key: '', before: b, after: a, changed: b !== undefined && a !== undefined && canonical(b) !== canonical(a) }];
}

function Value({ field, value }: { field: string; value: unknown }): ReactNode {
  const { t } = useTranslation();
  if (value === undefined || value === null) return <Text c="dimmed">—</Text>;
  if (value === '') return <Text c="dimmed" size="sm">{t('audit.detail.empty')}</Text>;
  if (typeof value === 'boolean') return t(value ? 'audit.detail.yes' : 'audit.detail.no');
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatTime(value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return field === 'roles' ? roleLabels(t, value.join(',')).join('、') : value.join('、');
  }
  return (
    <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

/** The before/after of one audit record, as a table of fields with the changed ones highlighted. */
export function ChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.detail.noChanges')}
      </Text>
    );
  }
  const both = hasBefore && hasAfter;
  // Changed fields first, so they are seen without scrolling; the rest keep their recorded order.
  const all = diffRows(before, after);
  const own = (r: DiffRow) => !SYSTEM_FIELDS.has(r.key);
  // What the user changed first, then the unchanged fields, the bookkeeping fields last.
  const rows = [
    ...all.filter((r) => r.changed && own(r)),
    ...all.filter((r) => !r.changed && own(r)),
    ...all.filter((r) => !own(r)).map((r) => ({ ...r, changed: false })),
  ];
  const changed = all.filter((r) => r.changed && own(r)).length;
  const label = (key: string) => {
    if (key === '') return t('audit.detail.value');
    return i18n.exists(`audit.fields.${key}`) ? t(`audit.fields.${key}`) : key;
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {both ? t('audit.detail.changesHint') : t(hasAfter ? 'audit.detail.onlyAfter' : 'audit.detail.onlyBefore')}
        </Text>
        {both && (
          <Badge color={changed ? 'yellow' : 'gray'} variant="light" data-testid="audit-changed-count">
            {t('audit.detail.changedCount', { count: changed })}
          </Badge>
        )}
      </Group>
      <Table withTableBorder withColumnBorders verticalSpacing={6} fz="sm" layout="fixed" data-testid="audit-diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('audit.detail.field')}</Table.Th>
            {both ? (
              <>
                <Table.Th>{t('audit.detail.before')}</Table.Th>
                <Table.Th>{t('audit.detail.after')}</Table.Th>
              </>
            ) : (
              <Table.Th>{t('audit.detail.value')}</Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-changed={r.changed || undefined} bg={r.changed ? 'yellow.1' : undefined}>
              <Table.Td>
                <Text size="sm" fw={r.changed ? 700 : 500}>
                  {label(r.key)}
                </Text>
                {r.key !== '' && label(r.key) !== r.key && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {r.key}
                  </Text>
                )}
              </Table.Td>
              {both ? (
                <>
                  <Table.Td style={{ wordBreak: 'break-word' }} c={r.changed ? 'red.9' : undefined}>
                    <Value field={r.key} value={r.before} />
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }} c={r.changed ? 'green.9' : undefined} fw={r.changed ? 700 : undefined}>
                    <Value field={r.key} value={r.after} />
                  </Table.Td>
                </>
              ) : (
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  <Value field={r.key} value={hasAfter ? r.after : r.before} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
