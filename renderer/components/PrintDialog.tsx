import { Alert, Autocomplete, Button, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm, schemaResolver } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printOptionsSchema, xlsxJobResultSchema, type ReportInput } from '../../common/api/report';
import { api, messageOf, unwrap } from '../lib/api';
import { waitForJob, type JobProgress } from '../lib/jobs';

export type PrintMode = 'pdf' | 'printer' | 'xlsx';
const MARKINGS = ['内部', '工作秘密', '秘密', '机密'];

/**
 * Prints or exports a register selection with the common frame. Shared by every register:
 * pass what `report:*` channels take as `selection`.
 */
export function PrintDialog(props: {
  mode: PrintMode | null;
  selection: ReportInput['selection'];
  count: number;
  /** What will be printed, when it is not the rows of a register (a sheet about one record). */
  scope?: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['app:info'], queryFn: () => unwrap(api().app.info({})) });
  const [error, setError] = useState<string | null>(null);
  /** Rows written so far by a background Excel export (null when none is running). */
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const form = useForm({
    initialValues: { unitName: '', marking: '内部' },
    validate: schemaResolver(printOptionsSchema, { sync: true }),
  });
  const { setValues } = form;
  useEffect(() => {
    if (props.mode && info.data) setValues({ unitName: info.data.unitName, marking: info.data.marking });
  }, [props.mode, info.data, setValues]);

  const run = useMutation({
    mutationFn: async (options: { unitName: string; marking: string }) => {
      const input = { selection: props.selection, options };
      if (props.mode === 'printer') {
        const r = await unwrap(api().report.print(input));
        return r.printed ? t('print.printed') : null;
      }
      if (props.mode === 'xlsx') {
        // The core asks where to save, then writes the workbook in the background: follow its job.
        const started = await unwrap(api().report.xlsx(input));
        if (!started.jobId) return null;
        setProgress({ done: 0, total: 0 });
        const done = xlsxJobResultSchema.parse(await waitForJob(started.jobId, setProgress, t('print.exportFailed')));
        return t('print.exported', { path: done.path, count: done.rows });
      }
      const r = await unwrap(api().report.pdf(input));
      return r.saved ? t('print.savedTo', { path: r.path }) : null;
    },
    onSettled: () => setProgress(null),
  });

  const close = () => {
    setError(null);
    props.onClose();
  };
  const submit = form.onSubmit(async (options) => {
    setError(null);
    try {
      const message = await run.mutateAsync(options);
      if (message) {
        notifications.show({ color: 'green', message, autoClose: 8000 });
        close();
      }
    } catch (e) {
      setError(messageOf(e));
    }
  });

  const mode = props.mode ?? 'pdf';
  return (
    <Modal opened={props.mode !== null} onClose={close} title={t(`print.dialogTitle.${mode}`)} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{props.scope ?? t('print.scope', { count: props.count })}</Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <TextInput label={t('print.unitName')} description={t('print.unitNameHint')} {...form.getInputProps('unitName')} />
          <Autocomplete
            label={t('print.marking')}
            description={t('print.markingHint')}
            data={MARKINGS}
            {...form.getInputProps('marking')}
          />
          {run.isPending && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                {progress && progress.total > 0 ? t('print.rowsWritten', { done: progress.done, total: progress.total }) : t('print.working')}
              </Text>
              <Progress
                value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : 100}
                animated
                striped
                aria-label={t('print.working')}
              />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={run.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={run.isPending} data-autofocus>
              {t(`print.run.${mode}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
