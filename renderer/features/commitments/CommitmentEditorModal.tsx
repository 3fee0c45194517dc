import { Alert, Button, Grid, Group, Modal, Paper, ScrollArea, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commitmentFieldsSchema, type CommitmentKind } from '../../../common/api/commitment';
import { checkTemplate, PLACEHOLDERS, placeholderToken } from '../../../common/people/commitment-template';
import { ApiFailure, messageOf } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import { useSaveCommitment } from './queries';
import { TemplateText } from './TemplateText';

type Values = { title: string; body: string; note: string };

/** Edits a kind's text; saving (after a confirmation) makes the kind's next version. */
export function CommitmentEditorModal(props: { kind: CommitmentKind | null; onClose(): void }) {
  return (
    <Modal
      opened={props.kind !== null}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      size="min(1180px, 96vw)"
      padding={0}
    >
      {props.kind && <Editor k={props.kind} onClose={props.onClose} />}
    </Modal>
  );
}

function Editor({ k, onClose }: { k: CommitmentKind; onClose(): void }) {
  const { t } = useTranslation();
  const save = useSaveCommitment();
  const [formError, setFormError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { title: k.current.title, body: k.current.body, note: '' },
    validate: schemaResolver(commitmentFieldsSchema, { sync: true }),
  });
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);
  const version = k.current.version;
  const next = version + 1;

  /** Puts `{{name}}` where the cursor is in the text (or replaces the selection). */
  const insert = (name: string) => {
    const token = placeholderToken(name);
    const el = bodyRef.current;
    const value = form.getValues().body;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    form.setFieldValue('body', value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = form.onSubmit((values) => {
    setFormError(null);
    modals.openConfirmModal({
      title: t('commitments.editor.confirmTitle', { next }),
      children: <Text size="sm">{t('commitments.editor.confirmBody', { kind: k.kind, version, next })}</Text>,
      labels: { confirm: t('commitments.editor.confirm'), cancel: t('common.cancel') },
      onConfirm: async () => {
        try {
          const saved = await save.mutateAsync({ ...values, kind: k.kind, baseVersion: version });
          notifications.show({ color: 'green', message: t('commitments.editor.saved', { kind: k.kind, version: saved.version }) });
          onClose();
        } catch (error) {
          if (error instanceof ApiFailure && error.error.field && error.error.field in values) {
            form.setFieldError(error.error.field, error.message);
          } else {
            setFormError(messageOf(error));
          }
        }
      },
    });
  });

  const { title, body } = form.getValues();
  const titleCheck = checkTemplate(title);
  const bodyCheck = checkTemplate(body);
  const problem = !titleCheck.ok ? titleCheck.message : !bodyCheck.ok ? bodyCheck.message : null;

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="md" p="lg">
        <div>
          <Text fw={600} size="lg">
            {t('commitments.editor.title', { kind: k.kind })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('commitments.editor.intro', { version, next })}
          </Text>
        </div>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={6}>
            <Stack gap="sm">
              <TextInput label={t('commitments.editor.fields.title')} withAsterisk maxLength={60} {...form.getInputProps('title')} />
              <Textarea
                ref={bodyRef}
                label={t('commitments.editor.fields.body')}
                description={t('commitments.editor.bodyHint')}
                withAsterisk
                maxLength={10000}
                styles={{ input: { height: 'max(200px, calc(100dvh - 470px))' } }}
                data-autofocus
                {...form.getInputProps('body')}
              />
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  {t('commitments.editor.placeholders')}
                </Text>
                <Group gap={6} data-testid="placeholder-chips">
                  {PLACEHOLDERS.map((p) => (
                    <Tooltip key={p.name} label={p.description} multiline w={260} openDelay={300}>
                      <Button size="compact-xs" variant="light" color="blue" onClick={() => insert(p.name)}>
                        {placeholderToken(p.name)}
                      </Button>
                    </Tooltip>
                  ))}
                </Group>
              </Stack>
            </Stack>
          </Grid.Col>
          <Grid.Col span={6}>
            <Stack gap={6} h="100%">
              <Text size="sm" fw={500}>
                {t('commitments.editor.preview')}
              </Text>
              <Paper withBorder p="md" bg="var(--mantine-color-gray-0)" data-testid="template-preview">
                <ScrollArea h="max(240px, calc(100dvh - 420px))">
                  {problem ? (
                    <Alert color="orange" variant="light">
                      {t('commitments.editor.previewInvalid', { message: problem })}
                    </Alert>
                  ) : (
                    <TemplateText title={title} body={body} />
                  )}
                </ScrollArea>
              </Paper>
              <Text size="xs" c="dimmed">
                {t('commitments.editor.previewHint')}
              </Text>
              <TextInput
                mt="xs"
                label={t('commitments.editor.fields.note')}
                placeholder={t('commitments.editor.notePlaceholder')}
                maxLength={200}
                {...form.getInputProps('note')}
              />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <Group justify="flex-end" gap="sm" px="lg" py="md" bg="var(--mantine-color-gray-0)" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Button variant="default" onClick={requestClose} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('commitments.editor.save')}
        </Button>
      </Group>
    </form>
  );
}
