import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applySavedMapping, dataRowIndexes, findHeaderRow, isSignatureRow, missingRequired, normalizeHeader, suggestMapping, tableEndsAt, toSavedFields } from './headers';
import { IMPORT_FIELDS, IMPORT_REGISTERS } from './registers';

describe('suggestMapping', () => {
  it('maps the columns of a media register written with the usual variants', () => {
    const headers = ['序号', '介质编号', '类型', '品牌/型号', '序列号（SN）', '容量', '密级', '保管人', '所属部门', '存放位置', '启用时间', '领用人', '备注'];
    const m = suggestMapping('media', headers);
    expect(m).toMatchObject({
      number: 1,
      kind: 2,
      model: 3,
      serial: 4,
      capacity: 5,
      classification: 6,
      responsible: 7,
      org: 8,
      location: 9,
      enabledOn: 10,
      holder: 11,
      note: 12,
      assetNumber: null,
    });
  });

  it('prefers the printed label to an alias and uses each column once', () => {
    // “编号” is an alias of 保密编号, but the sheet has the label itself further right.
    const m = suggestMapping('media', ['编号', '保密编号', 'SN', '*密级']);
    expect(m.number).toBe(1);
    expect(m.serial).toBe(2);
    expect(m.classification).toBe(3);
    expect(Object.values(m).filter((c) => c === 0)).toHaveLength(0);
  });

  it('maps the 单位名录 the app exports', () => {
    const m = suggestMapping('organisations', ['单位名称', '简称', '类型', '统一社会信用代码', '地址', '联系人', '电话', '电子邮箱', '备注']);
    expect(m).toEqual({ name: 0, shortName: 1, kind: 2, uscc: 3, address: 4, contact: 5, phone: 6, email: 7, note: 8 });
  });

  it('never maps two fields to one column or a field to a column outside the row (property)', () => {
    const names = IMPORT_REGISTERS.flatMap((r) => IMPORT_FIELDS[r].flatMap((f) => [f.label, ...f.aliases]));
    const header = fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.constantFrom(...IMPORT_REGISTERS), fc.array(header, { maxLength: 30 }), (register, headers) => {
        const m = suggestMapping(register, headers);
        const used = Object.values(m).filter((c): c is number => c !== null);
        expect(new Set(used).size).toBe(used.length);
        for (const c of used) expect(c).toBeLessThan(headers.length);
        expect(Object.keys(m).sort()).toEqual(IMPORT_FIELDS[register].map((f) => f.key).sort());
      }),
    );
  });

  it('recognises every field by its own label whatever the column order (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...IMPORT_REGISTERS).chain((register) => fc.tuple(fc.constant(register), fc.shuffledSubarray([...IMPORT_FIELDS[register]]))),
        ([register, fields]) => {
          const m = suggestMapping(register, fields.map((f) => ` ${f.label} `));
          fields.forEach((f, i) => expect(m[f.key]).toBe(i));
        },
      ),
    );
  });
});

describe('findHeaderRow', () => {
  it('skips the title, unit and date lines above the header', () => {
    const rows = [['单位名录'], ['填报单位：某某局', null, '打印日期：2026年1月1日'], [], ['单位名称', '类型', '统一社会信用代码'], ['某某公司', '乙方', '']];
    expect(findHeaderRow('organisations', rows)).toBe(3);
  });
  it('answers the first row when none names a field', () => {
    expect(findHeaderRow('people', [['a', 'b'], ['c']])).toBe(0);
  });
});

describe('missingRequired', () => {
  it('names the required columns a mapping leaves out', () => {
    const m = suggestMapping('people', ['姓名', '身份证号']);
    expect(missingRequired('people', m)).toEqual(['所属单位']);
  });
});

describe('normalizeHeader', () => {
  it('folds width, case, spaces and required marks', () => {
    expect(normalizeHeader(' *ＩＰ 地址：')).toBe('ip地址');
    expect(normalizeHeader('S / N')).toBe('s/n');
  });
});

describe('rows below the table', () => {
  it('ends the table at the count line and passes over signature lines', () => {
    expect(tableEndsAt(['共 12 条'])).toBe(true);
    expect(tableEndsAt([null, '合计：3 件'])).toBe(true);
    expect(tableEndsAt(['共享存储'])).toBe(false);
    expect(isSignatureRow(['制表人：', '', '审核人：', null, '日期：'])).toBe(true);
    expect(isSignatureRow(['张三', '审核人：'])).toBe(false);
    expect(isSignatureRow([])).toBe(false);
  });
});

describe('saved mappings', () => {
  it('follow their columns by header when a later file orders them differently', () => {
    const first = ['编号', '设备类型', '保管', '单位'];
    const mapping = { ...suggestMapping('media', first), kind: 1, responsible: 2, org: 3 };
    const saved = { name: '信息中心介质表', fields: toSavedFields('media', mapping, first) };
    expect(saved.fields).toEqual({ number: '编号', kind: '设备类型', responsible: '保管', org: '单位' });
    const later = applySavedMapping('media', saved, ['单位', ' 保管 ', '备注', '设备类型']);
    expect(later).toMatchObject({ org: 0, responsible: 1, kind: 3, number: null, note: null });
  });
});

describe('dataRowIndexes', () => {
  it('lists the record rows between the header and the count line', () => {
    const rows = [['标题'], ['单位名称'], ['甲'], [], ['制表人：', '审核人：'], ['乙'], ['共 2 条'], ['丙']];
    expect(dataRowIndexes(rows, 1)).toEqual([2, 5]);
  });
});
