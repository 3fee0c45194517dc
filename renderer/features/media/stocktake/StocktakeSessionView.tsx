import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Paper, Progress, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconArrowBackUp, IconArrowLeft, IconCheck, IconDots, IconFlag, IconQuestionMark, IconScan } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanFeedback, StocktakeItem } from '../../../../common/api/stocktake';
import type { StocktakeResult } from '../../../../common/media/kinds';
import { ListError } from '../../../components/ListError';
import { PrintDialog, type PrintMode } from '../../../components/PrintDialog';
import { PrintMenu } from '../../../components/PrintMenu';
import { useAuthStatus } from '../../auth/queries';
import { messageOf } from '../../../lib/api';
import { useCan } from '../../../lib/useCan';
import { CloseStocktakeModal } from './CloseStocktakeModal';
import { feedbackLine, RESULT_COLORS } from './feedback';
import { useStocktake, useStocktakeMutations } from './queries';
import { useStocktakeView, type ItemFilter } from './store';

type Line = { text: string; color: 'green' | 'orange' | 'red' | 'gray' };
/** What waits for a note before it is marked: a typed code, or a row of the table. */
type PendingNote = { result: '缺失' | '状态不符'; code: string | null; item: StocktakeItem | null };

/**
 * One stocktake, keyboard-first: a big input that keeps the focus (a scanner types the code and
 * Enter), Enter marks 在位, Alt+M 缺失, Alt+D 状态不符 with a note; a coloured line answers each
 * scan; the progress bar, the expected table filtered by unmarked/marked with its row actions, the
 * 账外 findings, printing the 清查表 and the close dialog.
 */
export function StocktakeSessionView(props: { id: number }) {
  const { t } = useTranslation();
  const view = useStocktakeView();
  const query = useStocktake(props.id);
  const m = useStocktakeMutations();
  const canWrite = useCan()('registers.write');
  const canExport = useCan()('registers.export');
  const me = useAuthStatus().data?.user?.displayName ?? '';
  const [code, setCode] = useState('');
  const [line, setLine] = useState<Line | null>(null);
  const [pending, setPending] = useState<PendingNote | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [printMode, setPrintMode] = useState<PrintMode | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const s = query.data;
  const open = s?.state === 'open' && canWrite;
  const dialogOpen = pending !== null || closing || printMode !== null;

  const focus = () => window.setTimeout(() => input.current?.focus(), 0);
  // The input takes the focus back whenever it is not somewhere else on purpose.
  useEffect(() => {
    if (!open || dialogOpen) return;
    focus();
    const back = () => window.setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) input.current?.focus();
    }, 150);
    document.addEventListener('focusout', back);
    return () => document.removeEventListener('focusout', back);
  }, [open, dialogOpen]);

  const answer = (f: ScanFeedback) => setLine(feedbackLine(t, f));
  const refuse = (e: unknown) => setLine({ text: messageOf(e), color: 'red' });

  const scan = async (result: StocktakeResult, typed: string, withNote = '') => {
    const value = typed.trim();
    if (!s || value === '') return false;
    try {
      const r = await m.scan.mutateAsync({ id: s.id, code: value, result, note: withNote });
      answer(r.feedback);
      setCode('');
      return true;
    } catch (e) {
      refuse(e);
      return false;
    } finally {
      focus();
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      void scan('在位', code);
    } else if (e.key === 'Escape') {
      setCode('');
    } else if (e.altKey && (e.code === 'KeyM' || e.code === 'KeyD')) {
      e.preventDefault();
      if (code.trim()) askNote({ result: e.code === 'KeyM' ? '缺失' : '状态不符', code: code.trim(), item: null });
    }
  };

  const askNote = (p: PendingNote) => {
    setNote('');
    setNoteError(null);
    setPending(p);
  };
  const submitNote = async () => {
    if (!s || !pending) return;
    setNoteError(null);
    try {
      if (pending.item) {
        await m.mark.mutateAsync({ id: s.id, itemId: pending.item.id, result: pending.result, note });
        setLine({ text: t('stocktake.feedback.marked', { number: pending.item.number, kind: pending.item.kind, result: t(`stocktake.results.${pending.result}`) }), color: 'orange' });
      } else {
        const r = await m.scan.mutateAsync({ id: s.id, code: pending.code ?? '', result: pending.result, note });
        answer(r.feedback);
        setCode('');
      }
      setPending(null);
    } catch (e) {
      setNoteError(messageOf(e));
    }
  };

  const markRow = async (item: StocktakeItem, result: StocktakeResult) => {
    if (!s) return;
    if (result !== '在位') return askNote({ result, code: null, item });
    try {
      await m.mark.mutateAsync({ id: s.id, itemId: item.id, result });
      setLine({ text: t('stocktake.feedback.marked', { number: item.number, kind: item.kind, result: t(`stocktake.results.${result}`) }), color: 'green' });
    } catch (e) {
      refuse(e);
    }
  };
  const undo = async (target: { itemId?: number; findingId?: number }) => {
    if (!s) return;
    try {
      await m.unmark.mutateAsync({ id: s.id, ...target });
      setLine(null);
    } catch (e) {
      refuse(e);
    } finally {
      focus();
    }
  };

  if (!s) {
    return (
      <Stack>
        <Button variant="subtle" w="fit-content" leftSection={<IconArrowLeft size={16} />} onClick={() => view.set({ openId: null })}>
          {t('stocktake.session.back')}
        </Button>
        <ListError error={query.isError ? query.error : null} />
      </Stack>
    );
  }

  const c = s.counts;
  const filter = view.itemFilter;
  const items = s.items.filter((i) => (filter === 'all' ? true : filter === 'unmarked' ? i.result === null : i.result !== null));
  const noRecords = filter === 'unmarked' ? (c.expected > 0 ? t('stocktake.session.allMarked') : t('stocktake.session.noneUnmarked')) : t('stocktake.session.noneMarked');

  return (
    <Stack gap="md" h="100%">
      <Group justify="space-between" align="flex-start">
        <div>
          <Button variant="subtle" size="compact-sm" px={0} leftSection={<IconArrowLeft size={16} />} onClick={() => view.set({ openId: null })}>
            {t('stocktake.session.back')}
          </Button>
          <Group gap="sm" mt={4}>
            <Title order={2}>
              {s.number} {s.title}
            </Title>
            <Badge color={s.state === 'open' ? 'blue' : 'gray'} variant="light">
              {t(`stocktake.state.${s.state}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {s.scopeText}
          </Text>
        </div>
        <Group gap="sm">
          <PrintMenu disabled={false} allowExport={canExport} label={t('stocktake.session.print')} onChoose={setPrintMode} />
          {open && (
            <Button color="red" variant="light" onClick={() => setClosing(true)}>
              {t('stocktake.session.close')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md">
        <Group justify="space-between" mb={6}>
          <Text fw={600} data-testid="stocktake-progress">
            {t('stocktake.session.progress', { marked: c.marked, expected: c.expected })}
          </Text>
          <Text size="sm" c="dimmed" data-testid="stocktake-counts">
            {t('stocktake.countsLine', c)}
          </Text>
        </Group>
        <Progress.Root size="lg">
          <Progress.Section value={(c.present / Math.max(1, c.expected)) * 100} color="green" />
          <Progress.Section value={(c.differs / Math.max(1, c.expected)) * 100} color="orange" />
          <Progress.Section value={(c.missing / Math.max(1, c.expected)) * 100} color="red" />
        </Progress.Root>
      </Paper>

      {s.state === 'closed' && (
        <Alert color="gray" variant="light">
          {t('stocktake.session.readOnly', { date: (s.closedAt ?? '').slice(0, 10) })} {t('stocktake.fields.conclusion')}：{s.conclusion}（{t('stocktake.fields.checker')} {s.checker}，
          {t('stocktake.fields.supervisor')} {s.supervisor}）
        </Alert>
      )}
      {s.state === 'open' && !canWrite && (
        <Alert color="gray" variant="light">
          {t('stocktake.session.viewerHint')}
        </Alert>
      )}

      {open && (
        <Paper withBorder p="md">
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              ref={input}
              flex={1}
              size="xl"
              label={t('stocktake.session.scanLabel')}
              placeholder={t('stocktake.session.scanPlaceholder')}
              leftSection={<IconScan size={26} />}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              onKeyDown={onKey}
              autoComplete="off"
              spellCheck={false}
              data-testid="scan-input"
            />
            <Button size="xl" color="green" leftSection={<IconCheck size={20} />} onClick={() => void scan('在位', code)} loading={m.scan.isPending}>
              {t('stocktake.session.markPresent')}
            </Button>
          </Group>
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="dimmed">
              {t('stocktake.session.scanHelp')}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="light" color="red" disabled={!code.trim()} onClick={() => askNote({ result: '缺失', code: code.trim(), item: null })}>
                {t('stocktake.session.markMissing')}
              </Button>
              <Button size="xs" variant="light" color="orange" disabled={!code.trim()} onClick={() => askNote({ result: '状态不符', code: code.trim(), item: null })}>
                {t('stocktake.session.markDiffers')}
              </Button>
            </Group>
          </Group>
          {line && (
            <Paper mt="sm" p="sm" radius="sm" bg={`${line.color}.1`} c={`${line.color}.9`} data-testid="scan-feedback" data-color={line.color}>
              <Text fw={700} size="lg">
                {line.text}
              </Text>
            </Paper>
          )}
        </Paper>
      )}

      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('stocktake.session.filterLabel')}
          value={filter}
          onChange={(v) => view.set({ itemFilter: v as ItemFilter })}
          data={[
            { value: 'all', label: t('stocktake.session.filter.all', { count: c.expected }) },
            { value: 'unmarked', label: t('stocktake.session.filter.unmarked', { count: c.unmarked }) },
            { value: 'marked', label: t('stocktake.session.filter.marked', { count: c.marked }) },
          ]}
        />
      </Group>

      <DataTable<StocktakeItem>
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        minHeight={200}
        idAccessor="id"
        records={items}
        noRecordsText={noRecords}
        data-testid="stocktake-items"
        columns={[
          { accessor: 'number', title: t('stocktake.session.columns.number'), width: 130 },
          { accessor: 'kind', title: t('stocktake.session.columns.kind'), width: 90 },
          { accessor: 'model', title: t('stocktake.session.columns.model') },
          { accessor: 'serial', title: t('stocktake.session.columns.serial'), width: 120 },
          { accessor: 'classification', title: t('stocktake.session.columns.classification'), width: 70 },
          { accessor: 'responsibleName', title: t('stocktake.session.columns.responsible'), width: 90 },
          { accessor: 'bookText', title: t('stocktake.session.columns.book'), width: 170 },
          {
            accessor: 'result',
            title: t('stocktake.session.columns.result'),
            width: 100,
            render: (i) =>
              i.result ? (
                <Badge color={RESULT_COLORS[i.result]} variant="light">
                  {t(`stocktake.results.${i.result}`)}
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('stocktake.session.unmarked')}
                </Text>
              ),
          },
          { accessor: 'note', title: t('stocktake.session.columns.note'), render: (i) => [i.note, i.skipped].filter(Boolean).join('；') },
          ...(open
            ? [
                {
                  accessor: 'actions',
                  title: '',
                  width: 56,
                  render: (i: StocktakeItem) => (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={t('stocktake.session.rowActions', { number: i.number })}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconCheck size={14} />} onClick={() => void markRow(i, '在位')}>
                          {t('stocktake.results.在位')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconQuestionMark size={14} />} onClick={() => void markRow(i, '缺失')}>
                          {t('stocktake.results.缺失')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconFlag size={14} />} onClick={() => void markRow(i, '状态不符')}>
                          {t('stocktake.results.状态不符')}
                        </Menu.Item>
                        {i.result && (
                          <Menu.Item leftSection={<IconArrowBackUp size={14} />} onClick={() => void undo({ itemId: i.id })}>
                            {t('stocktake.session.undo')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  ),
                },
              ]
            : []),
        ]}
      />

      {s.findings.length > 0 && (
        <Paper withBorder p="md" data-testid="stocktake-extras">
          <Title order={4}>
            {t('stocktake.session.extras')}（{s.findings.length}）
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('stocktake.session.extrasHint')}
          </Text>
          <Table>
            <Table.Tbody>
              {s.findings.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td w={230} style={{ whiteSpace: 'nowrap' }}>
                    <Badge color="red" variant="light" mr="xs">
                      {t('stocktake.results.账外')}
                    </Badge>
                    {f.code}
                  </Table.Td>
                  <Table.Td>{[f.description, f.note].filter(Boolean).join('；')}</Table.Td>
                  <Table.Td w={120}>{f.foundByName}</Table.Td>
                  {open && (
                    <Table.Td w={80}>
                      <Button size="compact-xs" variant="subtle" onClick={() => void undo({ findingId: f.id })}>
                        {t('stocktake.session.undo')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t('stocktake.session.noteTitle', { result: t(`stocktake.results.${pending.result}`), number: pending.item?.number ?? pending.code ?? '' }) : ''}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submitNote();
          }}
        >
          <Stack>
            <Textarea
              data-autofocus
              label={t('stocktake.session.noteLabel')}
              required={pending?.result === '状态不符'}
              placeholder={pending ? t(`stocktake.session.notePlaceholder.${pending.result}`) : ''}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={noteError}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  void submitNote();
                }
              }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color={pending?.result === '缺失' ? 'red' : 'orange'} loading={m.mark.isPending || m.scan.isPending}>
                {t('stocktake.session.noteSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <CloseStocktakeModal session={closing ? s : null} defaultChecker={me} onClose={() => setClosing(false)} />
      <PrintDialog
        mode={printMode}
        count={c.expected + c.extras}
        selection={{ register: 'stocktake', filter: { sessionId: s.id } }}
        scope={`${s.number} ${s.title}`}
        onClose={() => setPrintMode(null)}
      />
    </Stack>
  );
}
