import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from './index';
import { orgFieldsSchema, orgFilterSchema } from './org';
import { voidInput } from './common';

const REAL = '9111010857121431XA';

function firstIssue(result: z.ZodSafeParseResult<unknown>): { message: string; path: string } {
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { message: issue.message, path: issue.path.join('.') };
}

describe('orgFieldsSchema (form and router)', () => {
  it('is the very schema the org:create channel validates with', () => {
    expect(contract['org:create'].input).toBe(orgFieldsSchema);
  });

  it('requires a name, also when only spaces were typed', () => {
    expect(firstIssue(orgFieldsSchema.safeParse({ kind: 'client' }))).toEqual(
      expect.objectContaining({ path: 'name' }),
    );
    expect(firstIssue(orgFieldsSchema.safeParse({ name: '   ', kind: 'client' }))).toEqual({
      message: '请填写单位名称',
      path: 'name',
    });
    expect(firstIssue(orgFieldsSchema.safeParse({ name: '', kind: 'client' })).message).toBe('请填写单位名称');
  });

  it('limits the name to 100 characters with a specific message', () => {
    expect(firstIssue(orgFieldsSchema.safeParse({ name: '单'.repeat(101), kind: 'client' }))).toEqual({
      message: '单位名称不能超过 100 个字符',
      path: 'name',
    });
    expect(orgFieldsSchema.safeParse({ name: '单'.repeat(100), kind: 'client' }).success).toBe(true);
  });

  it('asks for the kind', () => {
    expect(firstIssue(orgFieldsSchema.safeParse({ name: '郑州大学' }))).toEqual({ message: '请选择单位类型', path: 'kind' });
    expect(firstIssue(orgFieldsSchema.safeParse({ name: '郑州大学', kind: 'friend' })).message).toBe('请选择单位类型');
  });

  it('fills defaults and trims what was typed', () => {
    const parsed = orgFieldsSchema.parse({ name: '  郑州大学 ', kind: 'client' });
    expect(parsed).toEqual({
      name: '郑州大学',
      shortName: '',
      kind: 'client',
      uscc: '',
      address: '',
      contact: '',
      phone: '',
      email: '',
      note: '',
    });
  });

  it('validates the credit code and stores it normalised', () => {
    expect(orgFieldsSchema.parse({ name: 'a', kind: 'vendor', uscc: '9111 0108 5712 1431 xa' }).uscc).toBe(REAL);
    expect(orgFieldsSchema.parse({ name: 'a', kind: 'vendor', uscc: '   ' }).uscc).toBe('');
    const wrongCheck = firstIssue(orgFieldsSchema.safeParse({ name: 'a', kind: 'vendor', uscc: '9111010857121431XB' }));
    expect(wrongCheck.path).toBe('uscc');
    expect(wrongCheck.message).toContain('第 18 位应为 A');
    expect(firstIssue(orgFieldsSchema.safeParse({ name: 'a', kind: 'vendor', uscc: '91110108' }))).toEqual({
      path: 'uscc',
      message: '统一社会信用代码应为 18 位，当前为 8 位',
    });
  });

  it('explains a malformed phone number and e-mail address with an example', () => {
    expect(firstIssue(orgFieldsSchema.safeParse({ name: 'a', kind: 'client', phone: '12' }))).toEqual({
      path: 'phone',
      message: '电话格式不正确，例如 010-12345678 或 13800138000',
    });
    expect(firstIssue(orgFieldsSchema.safeParse({ name: 'a', kind: 'client', email: 'name@' }))).toEqual({
      path: 'email',
      message: '电子邮箱格式不正确，例如 name@example.cn',
    });
    const ok = orgFieldsSchema.parse({ name: 'a', kind: 'client', phone: ' 010-12345678 ', email: ' name@example.cn ' });
    expect(ok.phone).toBe('010-12345678');
    expect(ok.email).toBe('name@example.cn');
  });

  it('names each optional field in its length message', () => {
    expect(firstIssue(orgFieldsSchema.safeParse({ name: 'a', kind: 'client', shortName: 'x'.repeat(31) }))).toEqual({
      path: 'shortName',
      message: '简称不能超过 30 个字符',
    });
    expect(firstIssue(orgFieldsSchema.safeParse({ name: 'a', kind: 'client', note: 'x'.repeat(501) }))).toEqual({
      path: 'note',
      message: '备注不能超过 500 个字符',
    });
  });
});

describe('org list and void inputs', () => {
  it('lists the first page of 50 active organisations by name unless told otherwise', () => {
    expect(contract['org:list'].input.parse({})).toEqual({
      q: '',
      kind: null,
      status: 'active',
      sort: 'name',
      dir: 'asc',
      page: 1,
      pageSize: 50,
    });
    expect(contract['org:list'].input.safeParse({ pageSize: 201 }).success).toBe(false);
    expect(contract['org:list'].input.safeParse({ page: 0 }).success).toBe(false);
    expect(orgFilterSchema.parse({ q: '  郑州  ' }).q).toBe('郑州');
  });

  it('requires a void reason of at least two characters', () => {
    expect(firstIssue(voidInput.safeParse({ id: 1, rev: 0, reason: ' 错 ' }))).toEqual({
      path: 'reason',
      message: '请填写作废原因（至少 2 个字）',
    });
    expect(voidInput.parse({ id: 1, rev: 0, reason: ' 重复 ' }).reason).toBe('重复');
  });
});
