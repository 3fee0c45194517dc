import { Mark, Stack, Text } from '@mantine/core';
import { fillTemplate, previewValues } from '../../../common/people/commitment-template';

const SAMPLE = /(〔[^〕]+〕)/;

/** One line of a preview, the placeholders (〔姓名〕) marked. */
function Line({ text }: { text: string }) {
  return (
    <>
      {text.split(SAMPLE).map((part, i) =>
        i % 2 === 1 ? (
          <Mark key={i} color="blue" px={2}>
            {part}
          </Mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * A template's title and text as they will print, placeholders shown as 〔姓名〕 and marked.
 * Only for texts `checkTemplate` accepts (stored templates always are).
 */
export function TemplateText({ title, body }: { title: string; body: string }) {
  const values = previewValues();
  const paragraphs = fillTemplate(body, values)
    .split('\n')
    .filter((p) => p.trim() !== '');
  return (
    <Stack gap={6} data-testid="template-text">
      <Text fw={700} size="lg" ta="center">
        <Line text={fillTemplate(title, values)} />
      </Text>
      {paragraphs.map((p, i) => (
        <Text key={i} size="sm" lh={1.8} style={{ textIndent: '2em' }}>
          <Line text={p} />
        </Text>
      ))}
    </Stack>
  );
}
