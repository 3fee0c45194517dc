import { describe, expect, it } from 'vitest';
import { contract } from './index';
import { mediaEventInputSchema, mediumFieldsSchema } from './media';

const issues = (schema: { safeParse(v: unknown): { error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('the media contract (form and router)', () => {
  it('registers a medium with defaults for what is left out; an empty number asks the core for the next one', () => {
    expect(contract['media:create'].input.parse({ kind: 'U盘', classification: '内部', responsibleId: 1, orgId: 2 })).toMatchObject({
      number: '',
      model: '',
      contractId: null,
      enabledOn: null,
      reportedOn: null,
      registeredAt: null,
    });
  });

  it('reports problems of the record at their field, in Chinese', () => {
    const base = { kind: 'U盘', classification: '内部', responsibleId: 1, orgId: 2 };
    expect(issues(mediumFieldsSchema, { ...base, kind: 'U 盘' })).toEqual([['kind', '请选择介质类别（U盘、移动硬盘、硬盘、光盘、SD卡、笔记本电脑、其他）']]);
    expect(issues(mediumFieldsSchema, { ...base, number: 'JZ 2026 0001' })).toEqual([['number', '保密编号中不能有空格']]);
    expect(issues(mediumFieldsSchema, { ...base, responsibleId: undefined })).toEqual([['responsibleId', '请选择责任人']]);
    expect(issues(mediumFieldsSchema, { ...base, enabledOn: '2026-02-30' })).toEqual([['enabledOn', '启用日期应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20']]);
  });

  it('takes one event at a time by its type; confirmations default to not given, for the core to refuse with its reason', () => {
    const repair = mediaEventInputSchema.parse({ id: 1, rev: 0, type: '送外维修', repairer: '某公司' });
    expect(repair).toMatchObject({ type: '送外维修', backupDone: false, sanitised: false, repairerAgreement: false, occurredAt: null, acknowledged: [] });
    expect(issues(mediaEventInputSchema, { id: 1, rev: 0, type: '登记入库' })).toEqual([['type', '请选择记录类型']]);
    expect(issues(mediaEventInputSchema, { id: 1, rev: 0, type: '借出', holderId: 3, dueBack: '' })).toEqual([['dueBack', '应还日期应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20']]);
    expect(issues(mediaEventInputSchema, { id: 1, rev: 0, type: '归还', occurredAt: '2026-03-02 10:00' })).toEqual([
      ['occurredAt', '发生时间应为带时区的日期时间，如 2026-03-02T10:30:00+08:00'],
    ]);
    expect(issues(mediaEventInputSchema, { id: 1, rev: 0, type: '更正', corrects: 2, reason: ' ' })).toEqual([['reason', '请填写更正原因（至少 2 个字）']]);
  });
});
