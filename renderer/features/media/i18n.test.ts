// Every text of the media screens comes from i18n: each key they use exists in Chinese and in
// English, and every value of the core they label (kinds, statuses, event types, open items) and
// every event field the forms show has its label. A missing key would show as the bare key.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, INCIDENT_KINDS, MEDIA_KINDS, MEDIA_STATUSES } from '../../../common/media';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';
import { EVENT_FIELDS } from './eventForm';

const sources: Record<string, string> = import.meta.glob(['./*.{ts,tsx}', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true });

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

const literalKeys = [...new Set(Object.values(sources).flatMap((text) => [...text.matchAll(/'(media\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1]!)))];

/** The label keys the event forms build (see labelKey in EventFormModal.tsx). */
const FIELD_LABELS = [
  ...new Set([...Object.values(EVENT_FIELDS).flat(), 'holder', 'borrower', 'errand', 'dueBackOut', 'destroyReason', 'correctionReason']),
].filter((f) => f !== 'holderId' && f !== 'reason');

describe('media i18n', () => {
  it('reads the screens and finds the keys they use', () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['./MediaListPage.tsx', './EventFormModal.tsx', './MediaTimeline.tsx']));
    expect(literalKeys).toEqual(expect.arrayContaining(['media.new', 'media.events.menu', 'media.timeline.correctedBy']));
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('every key used, every value of the core and every event field has a %s text', (_lang, messages) => {
    const keys = [
      ...literalKeys,
      'nav.media',
      ...MEDIA_KINDS.map((k) => `media.kind.${k}`),
      ...MEDIA_STATUSES.map((s) => `media.status.${s}`),
      ...EVENT_TYPES.map((e) => `media.eventType.${e}`),
      ...INCIDENT_KINDS.map((k) => `media.incident.${k}`),
      ...['逾期未还', '逾期未返回', '维修未修回', '丢失/泄露待报告', '清查异常'].map((k) => `media.openItem.${k}`),
      ...FIELD_LABELS.map((f) => `media.events.fields.${f}`),
      ...['takeOut', 'repair', 'destroy', 'incident', 'correction'].map((h) => `media.events.hints.${h}`),
      ...['destroy', 'handBack', 'incident'].map((c) => `media.events.confirm.${c}`),
      ...['condition', 'agreementRef', 'encryptionMethod', 'sanitisation'].map((p) => `media.events.placeholders.${p}`),
    ];
    expect(keys.filter((key) => typeof lookup(messages, key) !== 'string')).toEqual([]);
  });
});
