import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PLACEHOLDERS_TEXT,
  BLANK,
  checkTemplate,
  chineseDate,
  commitmentValues,
  fillTemplate,
  PLACEHOLDER_NAMES,
  PLACEHOLDERS,
  previewValues,
} from './commitment-template';

describe('placeholders', () => {
  it('are the thirteen the printed commitments are filled from, each described', () => {
    expect(PLACEHOLDER_NAMES).toEqual([
      '姓名',
      '身份证号',
      '所属单位',
      '岗位',
      '合同名称',
      '合同编号',
      '甲方',
      '乙方',
      '签署日期',
      '有效期至',
      '脱密期开始',
      '脱密期结束',
      '填报单位',
    ]);
    for (const p of PLACEHOLDERS) expect(p.description.length).toBeGreaterThan(3);
    expect(ALLOWED_PLACEHOLDERS_TEXT.startsWith('{{姓名}}、{{身份证号}}、')).toBe(true);
  });
});

describe('checkTemplate', () => {
  it('accepts known placeholders, with spaces inside, and lists each used once in order', () => {
    expect(checkTemplate('本人{{姓名}}，系{{ 所属单位 }}{{岗位}}。{{姓名}}')).toEqual({ ok: true, used: ['姓名', '所属单位', '岗位'] });
    expect(checkTemplate('没有占位符，{单个花括号} 也可以。')).toEqual({ ok: true, used: [] });
  });

  it('refuses unknown placeholders, naming each once and listing the allowed ones', () => {
    const r = checkTemplate('本人{{姓名}}，年龄{{年龄}}，电话{{电话}}，再次{{年龄}}');
    expect(r).toEqual({ ok: false, message: `未知的占位符：{{年龄}}、{{电话}}。可用的占位符：${ALLOWED_PLACEHOLDERS_TEXT}` });
    expect(checkTemplate('{{}}')).toMatchObject({ ok: false, message: expect.stringContaining('未知的占位符：{{}}') });
    expect(checkTemplate('{{{姓名}}')).toMatchObject({ ok: false, message: expect.stringContaining('未知的占位符：{{{姓名}}') });
  });

  it('refuses an unclosed placeholder: no }} at all, none on the same line, or another {{ first', () => {
    expect(checkTemplate('本人{{姓名，身份证号')).toEqual({
      ok: false,
      message: `占位符“{{姓名，身份证号”缺少结尾的“}}”。可用的占位符：${ALLOWED_PLACEHOLDERS_TEXT}`,
    });
    expect(checkTemplate('本人{{姓名\n}}')).toMatchObject({ ok: false, message: expect.stringContaining('占位符“{{姓名”缺少结尾的“}}”') });
    expect(checkTemplate('本人{{姓名 {{岗位}}')).toMatchObject({ ok: false, message: expect.stringContaining('缺少结尾的“}}”') });
  });

  it('refuses a stray }} with where it is', () => {
    expect(checkTemplate('本人{姓名}}承诺')).toEqual({ ok: false, message: `“}}”前缺少开头的“{{”（在“本人{姓名}}”处）。可用的占位符：${ALLOWED_PLACEHOLDERS_TEXT}` });
    expect(checkTemplate('{{姓名}}}}')).toMatchObject({ ok: false });
  });
});

describe('fillTemplate', () => {
  it('puts each value in place and a line to write on where a value is missing or empty', () => {
    expect(fillTemplate('本人{{姓名}}，系{{所属单位}}{{岗位}}，合同{{合同编号}}', { 姓名: '张三', 所属单位: '金山云', 岗位: '' })).toBe(
      `本人张三，系金山云${BLANK}，合同${BLANK}`,
    );
    expect(fillTemplate('{{ 姓名 }}', { 姓名: '张三' }, '____')).toBe('张三');
    expect(fillTemplate('{{合同名称}}', { 合同名称: null }, '____')).toBe('____');
  });

  it('does not read a value as a template, and prints its braces full-width', () => {
    expect(fillTemplate('{{姓名}}{{岗位}}', { 姓名: '{{岗位}}', 岗位: 'x}' })).toBe('｛｛岗位｝｝x｝');
  });

  it('throws for a text that checkTemplate refuses', () => {
    expect(() => fillTemplate('{{年龄}}', {})).toThrow(RangeError);
  });

  it('shows placeholders as 〔姓名〕 in previews', () => {
    expect(fillTemplate('本人{{姓名}}，{{填报单位}}', previewValues())).toBe('本人〔姓名〕，〔填报单位〕');
  });
});

const name = fc.constantFrom(...PLACEHOLDER_NAMES);
const anyValue = fc.option(fc.string({ maxLength: 12 }), { nil: undefined });
const values = fc.record(Object.fromEntries(PLACEHOLDER_NAMES.map((n) => [n, anyValue])) as Record<string, typeof anyValue>);
/** Text with no braces at all. */
const plain = fc.string({ maxLength: 20 }).map((s) => s.replace(/[{}]/g, ''));
/** A valid template: plain text and known placeholders, in any order. */
const template = fc
  .array(fc.oneof(plain, name.map((n) => `{{${n}}}`), fc.constantFrom('{', '}', '｛')), { maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((t) => checkTemplate(t).ok);

describe('properties', () => {
  it('filling a template never leaves {{ or }}, whatever the values', () => {
    fc.assert(
      fc.property(template, values, (t, v) => {
        const filled = fillTemplate(t, v);
        expect(filled).not.toContain('{{');
        expect(filled).not.toContain('}}');
      }),
    );
  });

  it('any text is either refused by checkTemplate or fills without {{ or }}', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), values, (t, v) => {
        if (checkTemplate(t).ok) expect(fillTemplate(t, v)).not.toMatch(/\{\{|\}\}/);
        else expect(() => fillTemplate(t, v)).toThrow(RangeError);
      }),
    );
  });

  it('an unknown placeholder is always refused, named in the message', () => {
    const unknown = fc
      .string({ minLength: 1, maxLength: 8 })
      .map((s) => s.replace(/[{}\n]/g, ''))
      .filter((s) => !(PLACEHOLDER_NAMES as readonly string[]).includes(s.trim()));
    fc.assert(
      fc.property(template, unknown, template, (before, n, after) => {
        const r = checkTemplate(`${before}{{${n}}}${after}`);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toContain(ALLOWED_PLACEHOLDERS_TEXT);
      }),
    );
  });

  it('a text without placeholders fills to itself', () => {
    const noPlaceholders = fc.string({ maxLength: 60 }).filter((s) => !s.includes('{{') && !s.includes('}}'));
    fc.assert(
      fc.property(noPlaceholders, values, (t, v) => {
        expect(fillTemplate(t, v)).toBe(t);
      }),
    );
  });
});

describe('commitmentValues', () => {
  it('fills from the person, the contract and the print options, dates the Chinese way', () => {
    const v = commitmentValues({
      name: '张三',
      idNumber: '110*************3X',
      orgName: '北京金山云网络技术有限公司',
      post: '运维工程师',
      contract: { projectName: '政务云扩展服务', mainNumber: 'KSY 2024 0516 0003', clientName: '北京市卫生健康监督所', vendorName: '北京金山云网络技术有限公司' },
      signDate: '2025-03-01',
      validUntil: '2026-02-28',
      declassifyFrom: null,
      declassifyTo: null,
      unitName: '北京市卫生健康监督所',
    });
    expect(v).toMatchObject({ 姓名: '张三', 合同编号: 'KSY 2024 0516 0003', 签署日期: '2025年3月1日', 有效期至: '2026年2月28日', 脱密期开始: null });
    expect(fillTemplate('{{甲方}}与{{乙方}}，{{脱密期开始}}', v, '__')).toBe('北京市卫生健康监督所与北京金山云网络技术有限公司，__');
  });

  it('leaves the contract placeholders blank when no contract is chosen', () => {
    const v = commitmentValues({
      name: '李四',
      idNumber: 'x',
      orgName: 'o',
      post: '',
      contract: null,
      signDate: null,
      validUntil: null,
      declassifyFrom: '2025-07-01',
      declassifyTo: '2026-06-30',
      unitName: 'u',
    });
    expect([v.合同名称, v.合同编号, v.甲方, v.乙方, v.签署日期]).toEqual([null, null, null, null, null]);
    expect(v.脱密期结束).toBe('2026年6月30日');
    expect(chineseDate('2025-13-01')).toBeNull();
  });
});
