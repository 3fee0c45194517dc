import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconFileImport, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportSheetInput } from '../../../common/api/import';
import { ORG_KINDS, type OrgKind } from '../../../common/api/org';
import { applySavedMapping, toSavedFields, type ImportMapping } from '../../../common/import/headers';
import { IMPORT_FIELDS, IMPORT_REGISTERS, type ImportRegister } from '../../../common/import/registers';
import { EmptyState } from '../../components/EmptyState';
import { messageOf } from '../../lib/api';
import { columnLetter, useImportMutations, useSavedMappings } from './queries';

type Opened = Extract<Awaited<ReturnType<ReturnType<typeof useImportMutations>['open']['mutateAsync']>>, { opened: true }>;

const STATUS_COLORS = { ok: 'green', error: 'red', duplicate: 'orange' } as const;
/** Rows listed on the page; the downloaded check result has them all. */
const SHOWN_ROWS = 500;

export function ImportPage() {
  const { t } = useTranslation();
  const m = useImportMutations();
  const [register, setRegister] = useState<ImportRegister>('media');
  const [file, setFile] = useState<Opened | null>(null);
  const [sheetName, setSheetName] = useState('');
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [createUnits, setCreateUnits] = useState(false);
  const [unitKind, setUnitKind] = useState<OrgKind>('vendor');
  const [onlyValid, setOnlyValid] = useState(true);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mappingName, setMappingName] = useState('');
  const saved = useSavedMappings(register);

  const sheet = file?.sheets.find((s) => s.name === sheetName) ?? null;
  const fields = IMPORT_FIELDS[register];
  const input = (): ImportSheetInput => ({ token: file!.token, register, sheet: sheetName, headerRow: sheet!.headerRow, mapping, createUnits, unitKind });
  const fail = (error: unknown) => notifications.show({ color: 'red', message: messageOf(error) });

  const chooseSheet = (opened: Opened, name: string) => {
    setSheetName(name);
    setMapping(opened.sheets.find((s) => s.name === name)?.suggested ?? {});
    setPreview(null);
  };
  const choose = () =>
    m.open.mutate(register, {
      onSuccess: (result) => {
        if (!result.opened) return;
        setFile(result);
        chooseSheet(result, result.sheet);
      },
      onError: fail,
    });
  const changed = (next: ImportMapping) => {
    setMapping(next);
    setPreview(null);
  };
  const runPreview = () => m.preview.mutate(input(), { onSuccess: setPreview, onError: fail });

  const commit = () => {
    if (!preview) return;
    const skipped = preview.total - preview.ok;
    modals.openConfirmModal({
      title: t('import.confirmTitle'),
      children: (
        <Stack gap="xs">
          <Text size="sm">{t('import.confirmBody', { count: onlyValid ? preview.ok : preview.total, register: t(`import.registers.${register}`) })}</Text>
          {onlyValid && skipped > 0 && <Text size="sm" c="orange">{t('import.confirmSkip', { count: skipped })}</Text>}
        </Stack>
      ),
      labels: { confirm: t('import.confirm'), cancel: t('import.cancel') },
      onConfirm: () =>
        m.commit.mutate(
          { ...input(), onlyValid },
          {
            onSuccess: (done) => {
              notifications.show({ color: 'green', message: t('import.done', { imported: done.imported, skipped: done.skipped }) });
              setFile(null);
              setPreview(null);
            },
            onError: fail,
          },
        ),
    });
  };

  const columnOptions = (sheet?.headers ?? []).map((header, i) => ({
    value: String(i),
    label: header ? t('import.columnName', { letter: columnLetter(i), header }) : t('import.columnBlank', { letter: columnLetter(i) }),
  }));

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('import.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('import.subtitle')}
        </Text>
      </div>
      <Group align="flex-end">
        <Select
          label={t('import.register')}
          data={IMPORT_REGISTERS.map((r) => ({ value: r, label: t(`import.registers.${r}`) }))}
          value={register}
          allowDeselect={false}
          onChange={(v) => {
            setRegister(v as ImportRegister);
            setFile(null);
            setPreview(null);
          }}
          w={200}
        />
        <Button leftSection={<IconFileSpreadsheet size={16} />} onClick={choose} loading={m.open.isPending}>
          {file ? t('import.chooseAnother') : t('import.chooseFile')}
        </Button>
      </Group>

      {!file && <EmptyState icon={<IconFileImport size={28} />} title={t('import.emptyTitle')} body={t('import.emptyBody')} />}

      {file && sheet && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('import.fileInfo', { name: file.fileName, size: `${(file.size / 1024).toFixed(1)} KB`, format: file.format === 'xlsx' ? t('import.formatXlsx') : t('import.formatCsv', { encoding: (file.encoding ?? '').toUpperCase() }), sm3: file.sm3.slice(0, 16) })}
            </Text>
            <Group align="flex-end">
              <Select
                label={t('import.sheet')}
                data={file.sheets.map((s) => ({ value: s.name, label: `${s.name}${s.hidden ? t('import.hidden') : ''}` }))}
                value={sheetName}
                allowDeselect={false}
                onChange={(v) => v && chooseSheet(file, v)}
                w={240}
              />
              <Text size="sm" pb={6}>
                {t('import.headerRow', { row: sheet.headerRow + 1, count: sheet.rowCount })}
              </Text>
              {(saved.data ?? []).length > 0 && (
                <Select
                  label={t('import.savedMappings')}
                  placeholder={t('import.applyMapping')}
                  data={(saved.data ?? []).map((s) => s.name)}
                  value={null}
                  onChange={(name) => {
                    const found = saved.data?.find((s) => s.name === name);
                    if (found) changed(applySavedMapping(register, found, sheet.headers));
                  }}
                  w={220}
                />
              )}
            </Group>
            <Title order={4}>{t('import.mapping')}</Title>
            <Text size="sm" c="dimmed">
              {t('import.mappingHint')}
            </Text>
            <Table withTableBorder striped data-testid="import-mapping" maw={720}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={200}>{t('import.field')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((f) => (
                  <Table.Tr key={f.key}>
                    <Table.Td>
                      {t(`import.fields.${register}.${f.key}`)}
                      {f.required && <Text span c="red"> *</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t(`import.fields.${register}.${f.key}`)}
                        size="xs"
                        data={[{ value: '', label: t('import.notImported') }, ...columnOptions]}
                        value={mapping[f.key] === null || mapping[f.key] === undefined ? '' : String(mapping[f.key])}
                        allowDeselect={false}
                        onChange={(v) => changed({ ...mapping, [f.key]: v ? Number(v) : null })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group align="flex-end">
              <TextInput label={t('import.mappingName')} placeholder={t('import.mappingNamePlaceholder')} value={mappingName} onChange={(e) => setMappingName(e.currentTarget.value)} w={240} />
              <Button
                variant="default"
                disabled={mappingName.trim() === ''}
                loading={m.saveMapping.isPending}
                onClick={() =>
                  m.saveMapping.mutate(
                    { register, name: mappingName.trim(), fields: toSavedFields(register, mapping, sheet.headers) },
                    { onSuccess: () => notifications.show({ color: 'green', message: t('import.mappingSaved', { name: mappingName.trim() }) }), onError: fail },
                  )
                }
              >
                {t('import.saveMapping')}
              </Button>
            </Group>
            {register !== 'organisations' && register !== 'signoffs' && (
              <Group align="center">
                <Checkbox label={t('import.createUnits')} checked={createUnits} onChange={(e) => { setCreateUnits(e.currentTarget.checked); setPreview(null); }} />
                {createUnits && (
                  <Select
                    aria-label={t('import.unitKind')}
                    size="xs"
                    data={ORG_KINDS.map((k) => ({ value: k, label: t(`import.unitKinds.${k}`) }))}
                    value={unitKind}
                    allowDeselect={false}
                    onChange={(v) => { setUnitKind(v as OrgKind); setPreview(null); }}
                    w={140}
                  />
                )}
              </Group>
            )}
            <Group>
              <Button onClick={runPreview} loading={m.preview.isPending}>
                {t('import.preview')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {file && preview && (
        <Paper withBorder p="md" data-testid="import-preview">
          <Stack gap="sm">
            <Group gap="xs">
              <Text fw={500}>{t('import.counts', preview)}</Text>
            </Group>
            {preview.missingColumns.length > 0 && (
              <Alert color="red" icon={<IconAlertTriangle size={16} />}>
                {t('import.missingColumns', { fields: preview.missingColumns.join('”“') })}
              </Alert>
            )}
            {preview.unitsToCreate.length > 0 && (
              <Alert color={createUnits ? 'blue' : 'orange'}>{t('import.unitsToCreate', { units: preview.unitsToCreate.join('、') })}</Alert>
            )}
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('import.line')}</Table.Th>
                  <Table.Th w={100}>{t('import.status')}</Table.Th>
                  <Table.Th>{t('import.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.slice(0, SHOWN_ROWS).map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[row.status]} variant="light">
                        {t(`import.statusLabel.${row.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {row.status === 'ok' ? (
                        <Text size="sm">{row.summary}</Text>
                      ) : (
                        <Stack gap={2}>
                          {row.errors.map((e, i) => (
                            <Text key={i} size="sm" c="red">
                              {e.column === null ? e.message : t('import.cellError', { letter: columnLetter(e.column), message: e.message })}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {preview.rows.length > SHOWN_ROWS && <Text size="sm" c="dimmed">{t('import.moreRows', { shown: SHOWN_ROWS })}</Text>}
            <Group justify="space-between">
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                disabled={preview.total === preview.ok}
                loading={m.errors.isPending}
                onClick={() => m.errors.mutate(input(), { onSuccess: (r) => r.saved && notifications.show({ color: 'green', message: t('import.errorsSaved', { path: r.path }) }), onError: fail })}
              >
                {t('import.downloadErrors')}
              </Button>
              <Group>
                <Checkbox label={t('import.onlyValid')} checked={onlyValid} onChange={(e) => setOnlyValid(e.currentTarget.checked)} />
                <Button
                  leftSection={<IconFileImport size={16} />}
                  disabled={preview.ok === 0 || preview.missingColumns.length > 0 || (!onlyValid && preview.ok !== preview.total)}
                  loading={m.commit.isPending}
                  onClick={commit}
                >
                  {t('import.commit')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
