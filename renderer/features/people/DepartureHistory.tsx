import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartureRecord, Person } from '../../../common/api/person';
import { PrintDialog, type PrintMode } from '../../components/PrintDialog';
import { PrintMenu } from '../../components/PrintMenu';
import { api, unwrap } from '../../lib/api';
import { useCan } from '../../lib/useCan';

const STATE_COLORS = { pending: 'orange', completed: 'green', exception: 'red', cancelled: 'gray' } as const;

function stateOf(d: DepartureRecord): keyof typeof STATE_COLORS {
  if (d.state === 'completed' && d.exceptionReason) return 'exception';
  return d.state;
}

/**
 * A person's 调岗/离岗, the one being processed and the closed ones, each with its 人员离岗交接单
 * to print (a cancelled one has none). Renders nothing for a person who never had one.
 */
export function DepartureHistory({ person }: { person: Pick<Person, 'id' | 'rev' | 'name'> }) {
  const { t } = useTranslation();
  const can = useCan();
  const [printing, setPrinting] = useState<{ departure: DepartureRecord; mode: PrintMode } | null>(null);
  const list = useQuery({
    // Under `person:` so that every change to the person refreshes it.
    queryKey: ['person:departures', person.id, person.rev],
    queryFn: () => unwrap(api().person.departures({ id: person.id })),
  });
  const rows = list.data ?? [];
  if (rows.length === 0) return null;

  const mayPrint = can('registers.print');
  return (
    <Stack gap="xs" data-testid="departure-history">
      <Text fw={600} size="sm">
        {t('people.history.title')}
      </Text>
      <Table withTableBorder verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('people.history.kindDate')}</Table.Th>
            <Table.Th w={100}>{t('people.history.state')}</Table.Th>
            <Table.Th>{t('people.history.detail')}</Table.Th>
            {mayPrint && <Table.Th w={130} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => {
            const state = stateOf(d);
            return (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {t(`people.departureKind.${d.kind}`)} {d.date}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATE_COLORS[state]}>
                    {t(`people.history.states.${state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{t('people.history.started', { name: d.startedByName, at: dayjs(d.startedAt).format('YYYY-MM-DD HH:mm') })}</Text>
                  {d.closedAt && (
                    <Text size="xs">{t('people.history.closed', { name: d.closedByName ?? '', at: dayjs(d.closedAt).format('YYYY-MM-DD HH:mm') })}</Text>
                  )}
                  {d.exceptionReason && (
                    <Text size="xs" c="red">
                      {t('people.history.exception', { reason: d.exceptionReason, items: d.openItems.map((i) => i.label).join('、') })}
                    </Text>
                  )}
                  {d.cancelReason && <Text size="xs">{t('people.history.cancelled', { reason: d.cancelReason })}</Text>}
                </Table.Td>
                {mayPrint && (
                  <Table.Td>
                    {d.state !== 'cancelled' && (
                      <PrintMenu
                        size="xs"
                        disabled={false}
                        allowExport={false}
                        label={t('people.history.printSheet')}
                        onChoose={(mode) => setPrinting({ departure: d, mode })}
                      />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <PrintDialog
        mode={printing?.mode ?? null}
        count={1}
        scope={printing ? t('people.history.printScope', { name: person.name, kind: printing.departure.kind, date: printing.departure.date }) : undefined}
        selection={{ register: 'departureSheet', filter: { personId: person.id, departureId: printing?.departure.id ?? null } }}
        onClose={() => setPrinting(null)}
      />
    </Stack>
  );
}
