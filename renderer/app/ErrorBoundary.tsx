import { Alert, Button, Center, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';
import i18n from '../i18n';

/** A rendering fault shows a message and a way back instead of a blank window. Stored data is unaffected. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" icon={<IconAlertTriangle />} title={i18n.t('app.crashTitle')} maw={640}>
          <Stack gap="sm">
            <Text size="sm">{i18n.t('app.crashBody')}</Text>
            <Code block>{error.message}</Code>
            <Button variant="light" color="red" onClick={() => this.setState({ error: null })} w="fit-content">
              {i18n.t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
