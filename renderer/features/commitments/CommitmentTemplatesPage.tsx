import { Alert, Badge, Button, Grid, Group, Loader, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconPencil, IconPrinter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentKind } from '../../../common/api/commitment';
import type { Person } from '../../../common/api/person';
import type { SignOffKind } from '../../../common/people/signoff';
import { messageOf } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { ChoosePersonModal } from './ChoosePersonModal';
import { CommitmentEditorModal } from './CommitmentEditorModal';
import { PrintCommitmentModal } from './PrintCommitmentModal';
import { useCommitmentList, useCommitmentVersion } from './queries';
import { TemplateText } from './TemplateText';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/**
 * 承诺书模板: the five kinds with their current version; a kind's text and version history;
 * editing saves a new version (registers.write); 打印承诺书 fills a kind for a person.
 */
export function CommitmentTemplatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useCommitmentList();
  const [selected, setSelected] = useState<SignOffKind | null>(null);
  const [editing, setEditing] = useState<CommitmentKind | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [printFor, setPrintFor] = useState<Person | null>(null);
  const kinds = list.data ?? [];
  const current = kinds.find((k) => k.kind === selected) ?? kinds[0];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>{t('commitments.title')}</Title>
          <Text c="dimmed" size="sm" maw={860}>
            {t('commitments.subtitle')}
          </Text>
        </div>
        {can('registers.print') && (
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => setChoosing(true)} style={{ flexShrink: 0 }}>
            {t('commitments.print.action')}
          </Button>
        )}
      </Group>

      {list.isError && (
        <Alert color="red" variant="light" title={t('commitments.loadFailed')}>
          {messageOf(list.error)}
        </Alert>
      )}
      {list.isPending && <Loader />}

      {current && (
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder p={0} role="list" aria-label={t('commitments.kinds')}>
              {kinds.map((k) => (
                <KindItem key={k.kind} k={k} active={k.kind === current.kind} onClick={() => setSelected(k.kind)} />
              ))}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <KindDetail key={current.kind} k={current} canWrite={can('registers.write')} onEdit={() => setEditing(current)} />
          </Grid.Col>
        </Grid>
      )}

      <CommitmentEditorModal kind={editing} onClose={() => setEditing(null)} />
      <ChoosePersonModal
        opened={choosing}
        onClose={() => setChoosing(false)}
        onChosen={(p) => {
          setChoosing(false);
          setPrintFor(p);
        }}
      />
      <PrintCommitmentModal person={printFor} onClose={() => setPrintFor(null)} />
    </Stack>
  );
}

function KindItem({ k, active, onClick }: { k: CommitmentKind; active: boolean; onClick(): void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      role="listitem"
      aria-current={active ? 'true' : undefined}
      onClick={onClick}
      w="100%"
      px="md"
      py="sm"
      bg={active ? 'var(--mantine-color-brand-0)' : undefined}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', borderLeft: `3px solid ${active ? 'var(--mantine-color-brand-8)' : 'transparent'}` }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm">
          {k.kind}
        </Text>
        <Badge variant="light" size="sm">
          {t('commitments.versionN', { version: k.current.version })}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        {t('commitments.savedBy', { name: k.current.createdByName, date: day(k.current.createdAt) })}
      </Text>
    </UnstyledButton>
  );
}

function KindDetail({ k, canWrite, onEdit }: { k: CommitmentKind; canWrite: boolean; onEdit(): void }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<number | null>(null);
  const old = useCommitmentVersion(k.kind, viewing !== null && viewing !== k.current.version ? viewing : null);
  const shown = viewing === null || viewing === k.current.version ? k.current : old.data;
  return (
    <Stack gap="md">
      <Paper withBorder p="lg">
        <Group justify="space-between" mb="sm">
          <Group gap="xs">
            <Title order={4}>{k.kind}</Title>
            <Badge variant="light">{t('commitments.versionN', { version: shown?.version ?? viewing ?? k.current.version })}</Badge>
          </Group>
          {canWrite && (
            <Button size="xs" leftSection={<IconPencil size={14} />} onClick={onEdit}>
              {t('commitments.edit')}
            </Button>
          )}
        </Group>
        {shown && shown.version !== k.current.version && (
          <Alert color="yellow" variant="light" mb="sm">
            <Group justify="space-between">
              <Text size="sm">{t('commitments.viewingOld', { version: shown.version, current: k.current.version })}</Text>
              <Button size="compact-xs" variant="subtle" onClick={() => setViewing(null)}>
                {t('commitments.backToCurrent')}
              </Button>
            </Group>
          </Alert>
        )}
        {old.isError && (
          <Alert color="red" variant="light" mb="sm">
            {messageOf(old.error)}
          </Alert>
        )}
        {shown ? <TemplateText title={shown.title} body={shown.body} /> : <Loader size="sm" />}
        <Text size="xs" c="dimmed" mt="md">
          {t('commitments.textHint')}
        </Text>
      </Paper>

      <Paper withBorder p="lg">
        <Title order={5} mb="sm">
          {t('commitments.history')}
        </Title>
        <Table fz="sm" data-testid="commitment-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('commitments.col.version')}</Table.Th>
              <Table.Th w={170}>{t('commitments.col.title')}</Table.Th>
              <Table.Th>{t('commitments.col.note')}</Table.Th>
              <Table.Th w={90}>{t('commitments.col.by')}</Table.Th>
              <Table.Th w={130}>{t('commitments.col.at')}</Table.Th>
              <Table.Th w={80} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {k.history.map((v) => {
              const isShown = (shown?.version ?? k.current.version) === v.version;
              return (
                <Table.Tr key={v.version} bg={isShown ? 'var(--mantine-color-gray-0)' : undefined}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4} wrap="nowrap">
                      {t('commitments.versionN', { version: v.version })}
                      {v.version === k.current.version && (
                        <Badge size="xs" variant="outline">
                          {t('commitments.current')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{v.title}</Table.Td>
                  <Table.Td>{v.note}</Table.Td>
                  <Table.Td>{v.createdByName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{time(v.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    {isShown ? (
                      <Text size="xs" c="dimmed">
                        {t('commitments.viewing')}
                      </Text>
                    ) : (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`${t('commitments.view')} ${t('commitments.versionN', { version: v.version })}`}
                        onClick={() => setViewing(v.version)}
                      >
                        {t('commitments.view')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
