import { Alert, Button, Group, Loader, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classificationListProblem, formatNumber, MAX_CLASSIFICATIONS, parseNumberPattern } from '../../../common/media';
import { ApiFailure, messageOf } from '../../lib/api';
import { useMediaMutations, useMediaSettings } from './queries';

interface Values {
  numberPattern: string;
  classifications: string[];
}

/**
 * 介质设置: the 保密编号 pattern, with the number it gives, and the 密级 list the forms offer. Both
 * are checked here as the core checks them; numbers already given never change.
 */
export function MediaSettingsModal(props: { opened: boolean; canWrite: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const settings = useMediaSettings();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('media.settings.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {settings.isError ? (
        <Alert color="red" variant="light">
          {messageOf(settings.error)}
        </Alert>
      ) : !settings.data ? (
        <Loader size="sm" />
      ) : (
        props.opened && (
          <SettingsForm
            initial={{ numberPattern: settings.data.numberPattern, classifications: settings.data.classifications }}
            nextNumber={settings.data.nextNumber}
            canWrite={props.canWrite}
            onClose={props.onClose}
          />
        )
      )}
    </Modal>
  );
}

function SettingsForm({ initial, nextNumber, canWrite, onClose }: { initial: Values; nextNumber: string; canWrite: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { updateSettings } = useMediaMutations();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      numberPattern: (v) => {
        const parsed = parseNumberPattern(v);
        return parsed.ok ? null : parsed.message;
      },
      classifications: (list) => classificationListProblem(list.map((c) => c.trim())),
    },
    validateInputOnChange: true,
  });
  const pattern = form.values.numberPattern.trim();
  const parsed = parseNumberPattern(pattern);
  const year = new Date().getFullYear();
  const preview = !parsed.ok
    ? null
    : pattern === initial.numberPattern.trim()
      ? t('media.settings.nextNumber', { number: nextNumber })
      : t('media.settings.newPatternSample', { number: formatNumber(parsed.pattern, year, 1) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await updateSettings.mutateAsync({ numberPattern: values.numberPattern, classifications: values.classifications.map((c) => c.trim()) });
      notifications.show({ color: 'green', message: t('media.settings.saved', { number: saved.nextNumber }) });
      onClose();
    } catch (e) {
      const field = e instanceof ApiFailure ? e.error.field : undefined;
      if (field && field in values) form.setFieldError(field, messageOf(e));
      else setError(messageOf(e));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error && (
          <Alert color="red" variant="light" data-testid="form-error">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('media.settings.numberPattern')}
          description={t('media.settings.numberPatternHint')}
          withAsterisk
          disabled={!canWrite}
          maxLength={40}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-autofocus
          {...form.getInputProps('numberPattern')}
        />
        {preview && (
          <Text size="sm" c="green.8" mt={-8} data-testid="number-preview">
            {preview}
          </Text>
        )}
        <TagsInput
          label={t('media.settings.classifications')}
          description={t('media.settings.classificationsHint', { max: MAX_CLASSIFICATIONS })}
          withAsterisk
          disabled={!canWrite}
          clearable
          maxTags={MAX_CLASSIFICATIONS}
          {...form.getInputProps('classifications')}
        />
        <Text size="xs" c="dimmed">
          {t('media.settings.keptNote')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {canWrite ? t('common.cancel') : t('common.close')}
          </Button>
          {canWrite && (
            <Button type="submit" loading={updateSettings.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
