import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { orgRegister } from '../registers/org/register';
import { sampleOrg } from '../testing/sample-orgs';
import { readWorkbook } from '../testing/workbook';
import type { PrintFrame } from './definition';
import { registerToXlsx } from './xlsx';

const frame: PrintFrame = {
  unitName: '郑州市某某局',
  marking: '内部&机密',
  printedBy: '王保密',
  printedAt: new Date(2025, 5, 2, 14, 5),
  selection: '类型：甲方',
};

async function readSheet(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = await readWorkbook(bytes);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe('registerToXlsx', () => {
  const rows = [
    sampleOrg({ name: '北京市卫生健康监督所', shortName: '卫监所', uscc: '9111010857121431XA', phone: '010-12345678' }),
    sampleOrg({ name: '=HYPERLINK("http://evil.example","点我")', kind: 'vendor' }),
    sampleOrg({ name: '+86 可疑', contact: '-1+1', address: '@SUM(1)', note: '\t=cmd' }),
  ];

  it('produces a workbook with the title, unit, date, marking and selection above the table', async () => {
    const ws = await readSheet(await registerToXlsx(orgRegister, rows, frame));
    expect(ws.name).toBe('单位名录');
    expect(ws.getCell('A1').value).toBe('单位名录');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell(1, orgRegister.columns.length + 1).isMerged).toBe(true);
    expect(ws.getCell('A2').value).toBe('填报单位：郑州市某某局');
    expect(ws.getCell(2, orgRegister.columns.length + 1).value).toBe('打印日期：2025年6月2日');
    expect(ws.getCell('A3').value).toBe('标识：内部&机密\u3000筛选条件：类型：甲方');
  });

  it('has the 序号 + column header row, repeated on every printed page', async () => {
    const ws = await readSheet(await registerToXlsx(orgRegister, rows, frame));
    expect(rowValues(ws, 4)).toEqual(['序号', ...orgRegister.columns.map((c) => c.header)]);
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9); // A4
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('writes one numbered row per record with the register’s values', async () => {
    const ws = await readSheet(await registerToXlsx(orgRegister, rows, frame));
    expect(rowValues(ws, 5)).toEqual([1, '北京市卫生健康监督所', '卫监所', '甲方', '9111010857121431XA', '', '', '010-12345678', '', '']);
    expect(ws.getCell(6, 1).value).toBe(2);
    expect(ws.getCell(6, 4).value).toBe('乙方');
    expect(ws.getCell(7, 1).value).toBe(3);
    expect(ws.getCell(8, 1).value).toBe('共 3 条');
    expect(rowValues(ws, 10)).toEqual(['制表人：', '', '审核人：', '', '日期：', '']);
  });

  it('neutralises cells that start with =, +, -, @ or a tab, so nothing is evaluated', async () => {
    const ws = await readSheet(await registerToXlsx(orgRegister, rows, frame));
    expect(ws.getCell(6, 2).value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(ws.getCell(7, 2).value).toBe(`'+86 可疑`);
    expect(ws.getCell(7, 7).value).toBe(`'-1+1`);
    expect(ws.getCell(7, 6).value).toBe(`'@SUM(1)`);
    expect(ws.getCell(7, 10).value).toBe(`'\t=cmd`);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
      }),
    );
  });

  it('puts the marking and page numbers in the printed header and footer, escaping &', async () => {
    const ws = await readSheet(await registerToXlsx(orgRegister, rows, frame));
    expect(ws.headerFooter.oddHeader).toBe('&L&B内部&&机密&R单位名录');
    expect(ws.headerFooter.oddFooter).toBe('&L打印：王保密 2025-06-02 14:05&C第 &P 页 共 &N 页');
  });

  it('puts a subtitle under the title and moves the table down by one row', async () => {
    const ws = await readSheet(await registerToXlsx({ ...orgRegister, subtitle: '政务云扩展服务　KSY 2024 0516 0003' }, rows, frame));
    expect(ws.getCell('A1').value).toBe('单位名录');
    expect(ws.getCell('A2').value).toBe('政务云扩展服务　KSY 2024 0516 0003');
    expect(ws.getCell(2, orgRegister.columns.length + 1).isMerged).toBe(true);
    expect(ws.getCell('A3').value).toBe('填报单位：郑州市某某局');
    expect(ws.getCell('A4').value).toBe('标识：内部&机密\u3000筛选条件：类型：甲方');
    expect(rowValues(ws, 5)).toEqual(['序号', ...orgRegister.columns.map((c) => c.header)]);
    expect(ws.pageSetup.printTitlesRow).toBe('5:5');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getCell(6, 2).value).toBe('北京市卫生健康监督所');
  });

  it('writes an empty register with its frame', async () => {
    const ws = await readSheet(await registerToXlsx(orgRegister, [], { ...frame, marking: '', selection: '' }));
    expect(rowValues(ws, 4)[0]).toBe('序号');
    expect(ws.getCell(5, 1).value).toBe('共 0 条');
  });

  it('names the worksheet without the characters Excel refuses, and writes totals and a footnote under the rows', async () => {
    const def = { ...orgRegister, title: '介质借用/归还登记簿', totals: (r: readonly unknown[]) => [`合计：共 ${r.length} 家`], footnote: '经更正作废的记录不列入本表。' };
    const ws = await readSheet(await registerToXlsx(def, rows, frame));
    expect(ws.name).toBe('介质借用-归还登记簿');
    expect(ws.getCell('A1').value).toBe('介质借用/归还登记簿');
    expect(ws.getCell(8, 1).value).toBe('共 3 条');
    expect(ws.getCell(9, 1).value).toBe('合计：共 3 家');
    expect(ws.getCell(12, 1).value).toBe('经更正作废的记录不列入本表。');
  });
});
