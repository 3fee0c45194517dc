import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { systemSettingsSchema } from '../../../common/api/settings';
import { api, ApiFailure, messageOf, unwrap } from '../../lib/api';
import { useCan } from '../../lib/useCan';
import { AUTH_STATUS } from '../auth/queries';
import { RecoveryCodeSheet } from '../auth/RecoveryCodeSheet';
import { BackupSection } from '../backup/BackupSection';

/** 系统设置 for the system administrator: the unit printed on every register, the default marking, the recovery code. */
export function SettingsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const settings = useQuery({ queryKey: ['settings:get'], queryFn: () => unwrap(api().settings.get({})) });
  const form = useForm({ initialValues: { unitName: '', marking: '' }, validate: schemaResolver(systemSettingsSchema, { sync: true }) });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (settings.data) {
      setValues(settings.data);
      resetDirty(settings.data);
    }
  }, [settings.data, setValues, resetDirty]);

  const save = useMutation({
    mutationFn: (values: { unitName: string; marking: string }) => unwrap(api().settings.update(values)),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: t('settings.saved') });
      qc.setQueryData(['settings:get'], saved);
      void qc.invalidateQueries({ queryKey: AUTH_STATUS });
      void qc.invalidateQueries({ queryKey: ['app:info'] });
    },
  });
  const [confirming, setConfirming] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const regenerate = useMutation({ mutationFn: () => unwrap(api().recovery.regenerate({ confirm: true })) });

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
    } catch (e) {
      if (e instanceof ApiFailure && e.error.field) form.setFieldError(e.error.field, e.message);
      else notifications.show({ color: 'red', message: messageOf(e) });
    }
  });

  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={2}>{t('settings.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('settings.subtitle')}
        </Text>
      </div>
      {settings.isError && <Alert color="red">{messageOf(settings.error)}</Alert>}
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate aria-label={t('settings.title')}>
          <Stack gap="md">
            <TextInput label={t('setup.unitName')} description={t('setup.unitNameHint')} withAsterisk {...form.getInputProps('unitName')} />
            <TextInput label={t('setup.marking')} description={t('setup.markingHint')} maw={260} {...form.getInputProps('marking')} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Title order={4}>{t('settings.recoveryTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('settings.recoveryBody')}
          </Text>
          <Group>
            <Button variant="light" color="red" onClick={() => setConfirming(true)}>
              {t('settings.regenerate')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {can('backup.manage') && <BackupSection />}

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('settings.regenerate')}>
        <Stack gap="md">
          <Text size="sm">{t('settings.regenerateConfirm')}</Text>
          {regenerate.isError && <Alert color="red">{messageOf(regenerate.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={regenerate.isPending}
              onClick={async () => {
                const r = await regenerate.mutateAsync().catch(() => null);
                if (r) {
                  setConfirming(false);
                  setCode(r.recoveryCode);
                }
              }}
            >
              {t('settings.regenerateSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={code !== null} onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} size="lg">
        {code && <RecoveryCodeSheet code={code} unitName={form.getValues().unitName} doneLabel={t('common.close')} onDone={() => setCode(null)} />}
      </Modal>
    </Stack>
  );
}
