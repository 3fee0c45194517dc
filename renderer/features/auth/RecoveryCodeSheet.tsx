import { Alert, Button, Checkbox, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A recovery code shown once: the warning, the code, print, and a confirmation before it disappears. */
export function RecoveryCodeSheet(props: { code: string; unitName: string; doneLabel: string; onDone(): void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <Stack gap="md" className="recovery-sheet">
      <Alert color="orange" icon={<IconAlertTriangle />} title={t('setup.recoveryTitle')}>
        {t('setup.recoveryWarning')}
      </Alert>
      <Paper withBorder p="lg" ta="center">
        <Text size="sm" c="dimmed" mb="xs">
          {t('setup.recoveryFor', { unit: props.unitName })}
        </Text>
        <Code fz={24} fw={700} data-testid="recovery-code" style={{ letterSpacing: '0.08em' }}>
          {props.code}
        </Code>
      </Paper>
      <Group justify="space-between" className="no-print">
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          {t('setup.printRecovery')}
        </Button>
        <Stack gap="xs" align="flex-end">
          <Checkbox label={t('setup.recoveryStored')} checked={stored} onChange={(e) => setStored(e.currentTarget.checked)} />
          <Button disabled={!stored} onClick={props.onDone}>
            {props.doneLabel}
          </Button>
        </Stack>
      </Group>
    </Stack>
  );
}
