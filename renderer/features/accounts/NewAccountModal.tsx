import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newAccountSchema } from '../../../common/api/account';
import { ApiFailure, messageOf } from '../../lib/api';
import { useGuardedClose } from '../../lib/useGuardedClose';
import type { IssuedPassword } from './OneTimePasswordModal';
import { useAccountMutations } from './queries';

type Values = { username: string; displayName: string };

/** 新建账户: account name and 姓名; the core answers with a one-time password, shown once by the caller. */
export function NewAccountModal(props: { opened: boolean; onClose(): void; onCreated(issued: IssuedPassword): void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      size="md"
      padding={0}
    >
      {props.opened && <NewAccountForm onClose={props.onClose} onCreated={props.onCreated} />}
    </Modal>
  );
}

function NewAccountForm({ onClose, onCreated }: { onClose(): void; onCreated(issued: IssuedPassword): void }) {
  const { t } = useTranslation();
  const { create } = useAccountMutations();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { username: '', displayName: '' },
    validate: schemaResolver(newAccountSchema, { sync: true }),
    validateInputOnBlur: true,
  });
  const requestClose = useGuardedClose(() => form.isDirty(), onClose);

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync({ username: values.username.trim(), displayName: values.displayName.trim() });
      onClose();
      onCreated({ account: created.account, oneTimePassword: created.oneTimePassword, kind: 'created' });
    } catch (error) {
      if (error instanceof ApiFailure && error.error.field && error.error.field in values) {
        form.setFieldError(error.error.field, error.message);
        form.getInputNode(error.error.field)?.focus();
      } else {
        setFormError(messageOf(error));
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), requestClose())}>
      <Stack gap="md" p="lg">
        <Text fw={600} size="lg">
          {t('accounts.newTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('accounts.newBody')}
        </Text>
        {formError && (
          <Alert color="red" variant="light" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <TextInput
          label={t('accounts.fields.username')}
          description={t('accounts.hints.username')}
          withAsterisk
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          {...form.getInputProps('username')}
          key={form.key('username')}
        />
        <TextInput
          label={t('accounts.fields.displayName')}
          description={t('accounts.hints.displayName')}
          withAsterisk
          autoComplete="off"
          maxLength={30}
          {...form.getInputProps('displayName')}
          key={form.key('displayName')}
        />
      </Stack>
      <Group justify="flex-end" gap="sm" px="lg" py="md" bg="var(--mantine-color-gray-0)" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Button variant="default" onClick={requestClose} disabled={create.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {t('accounts.create')}
        </Button>
      </Group>
    </form>
  );
}
