import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconFolder } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { backupConfigSchema, DEFAULT_BACKUP_CONFIG, type BackupConfig } from '../../../common/api/backup';
import { ApiFailure, messageOf } from '../../lib/api';
import { useBackupConfig, useChooseFolder, useSaveBackupConfig } from './queries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Folder, schedule, backup on exit, how many to keep and when to warn. */
export function BackupSettingsForm() {
  const { t } = useTranslation();
  const config = useBackupConfig();
  const save = useSaveBackupConfig();
  const choose = useChooseFolder();
  const form = useForm<BackupConfig>({ initialValues: DEFAULT_BACKUP_CONFIG, validate: schemaResolver(backupConfigSchema, { sync: true }) });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (config.data) {
      setValues(config.data);
      resetDirty(config.data);
    }
  }, [config.data, setValues, resetDirty]);

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      notifications.show({ color: 'green', message: t('backup.config.saved') });
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field) form.setFieldError(e.error.field, e.message);
      else notifications.show({ color: 'red', message: messageOf(e) });
    }
  });

  const chooseFolder = async () => {
    try {
      const { folder } = await choose.mutateAsync();
      if (folder) form.setFieldValue('folder', folder);
    } catch (e) {
      notifications.show({ color: 'red', message: messageOf(e) });
    }
  };

  const schedule = form.getValues().schedule;
  return (
    <form onSubmit={submit} noValidate aria-label={t('backup.config.title')}>
      <Stack gap="md">
        <Title order={5}>{t('backup.config.title')}</Title>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t('backup.config.folder')}
            description={t('backup.config.folderHint')}
            value={form.getValues().folder ?? ''}
            placeholder={t('backup.config.folderNone')}
            error={form.errors.folder}
            readOnly
            style={{ flex: 1 }}
          />
          <Button variant="default" leftSection={<IconFolder size={16} />} onClick={() => void chooseFolder()} loading={choose.isPending}>
            {t('backup.config.choose')}
          </Button>
        </Group>
        <SimpleGrid cols={3} spacing="md">
          <Select
            label={t('backup.config.schedule')}
            data={(['off', 'daily', 'weekly'] as const).map((v) => ({ value: v, label: t(`backup.config.scheduleOptions.${v}`) }))}
            allowDeselect={false}
            {...form.getInputProps('schedule')}
          />
          {schedule === 'weekly' && (
            <Select
              label={t('backup.config.weekday')}
              data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`backup.config.weekdays.${d}`) }))}
              allowDeselect={false}
              value={String(form.getValues().weekday)}
              onChange={(v) => v && form.setFieldValue('weekday', Number(v))}
              error={form.errors.weekday}
            />
          )}
          {schedule !== 'off' && <TextInput label={t('backup.config.time')} description={t('backup.config.timeHint')} placeholder="17:30" maxLength={5} {...form.getInputProps('time')} />}
        </SimpleGrid>
        <Switch label={t('backup.config.onExit')} {...form.getInputProps('onExit', { type: 'checkbox' })} />
        <SimpleGrid cols={3} spacing="md">
          <NumberInput label={t('backup.config.keep')} description={t('backup.config.keepHint')} min={1} max={100} allowDecimal={false} {...form.getInputProps('keep')} />
          <NumberInput
            label={t('backup.config.maxAgeDays')}
            description={t('backup.config.maxAgeDaysHint')}
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('maxAgeDays')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
