import { Badge, Group, Stack, Text, Textarea, ThemeIcon } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useMemo, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addressLines } from './formValues';

/** Address spaces a filing to the public internet or to special-use space should make the officer look twice at. */
const SPACE_COLORS: Record<string, string> = { 私有地址: 'teal', 公网: 'orange', 混合: 'yellow' };

/** A parser note without its closing “，按 10.1.2.5 登记”, which the line says already. */
const withoutValue = (note: string) => note.replace(/，按 \S+ 登记$/, '');

/**
 * IP 地址/地址段: one entry a line (commas and spaces also separate). Under the box, as the officer
 * types, each entry with its line: the text it is registered as (“已更正为 10.1.2.0/24”), its address
 * space, or the parser's message at the line; then what is wrong with the entries together, and any
 * other message of the form or the core not already said.
 */
export function AddressesField(props: {
  label: string;
  description: string;
  value: string;
  error?: string | null;
  onChange(value: string): void;
  onBlur?(e: FocusEvent<HTMLTextAreaElement>): void;
}) {
  const { t } = useTranslation();
  const [text] = useDebouncedValue(props.value, 200);
  const read = useMemo(() => addressLines(text), [text]);
  const said = new Set([...read.lines.filter((l) => !l.ok).map((l) => l.messages[0]), ...read.problems]);
  // The form's message holds “第 2 项：…” lines; those the lines below show already are not repeated.
  const unsaid = (props.error ?? '')
    .split('\n')
    .filter((m) => m.trim() !== '' && !said.has(m.replace(/^第 \d+ 项：/, '')) && !said.has(m));
  return (
    <Stack gap={4}>
      <Textarea
        label={props.label}
        description={props.description}
        withAsterisk
        autosize
        minRows={3}
        maxRows={10}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        onBlur={props.onBlur}
        error={props.error ? true : undefined}
        data-testid="addresses-input"
      />
      {read.lines.length > 0 && (
        <Stack gap={2} data-testid="address-lines">
          {read.lines.map((l, i) => (
            <Group key={i} gap={6} wrap="nowrap" align="flex-start" data-testid="address-line" data-ok={l.ok}>
              <ThemeIcon size={16} radius="xl" variant="light" color={l.ok ? 'green' : 'red'} mt={2}>
                {l.ok ? <IconCheck size={11} /> : <IconX size={11} />}
              </ThemeIcon>
              <Text size="xs" c="dimmed" w={52} style={{ flexShrink: 0 }}>
                {t('ipfilings.form.line', { line: l.line })}
              </Text>
              {l.ok ? (
                <Group gap={6} wrap="wrap">
                  <Text size="xs" ff="monospace" fw={600}>
                    {l.canonical}
                  </Text>
                  {l.space && (
                    <Badge size="xs" variant="light" color={SPACE_COLORS[l.space] ?? 'gray'}>
                      {l.space}
                    </Badge>
                  )}
                  {l.corrected ? (
                    <Text size="xs" c="orange.8">
                      {t('ipfilings.form.correctedTo', { value: l.canonical, how: l.messages.map(withoutValue).join('；') })}
                    </Text>
                  ) : (
                    l.rewritten && (
                      <Text size="xs" c="dimmed">
                        {t('ipfilings.form.writtenAs', { value: l.canonical })}
                      </Text>
                    )
                  )}
                </Group>
              ) : (
                <Text size="xs" c="red.8">
                  {l.messages[0]}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {[...read.problems, ...unsaid].map((m) => (
        <Text key={m} size="xs" c="red.8" data-testid="addresses-error">
          {m}
        </Text>
      ))}
    </Stack>
  );
}
