import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/api/result';
import { decodeText, parseCsv, readImportFile, IMPORT_MAX_ROWS } from './read';

async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

/** GBK bytes of a few known characters (单位名称 / 北京 / 某某), as Chinese Excel writes CSV. */
const GBK: Record<string, number[]> = {
  单: [0xb5, 0xa5],
  位: [0xce, 0xbb],
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  北: [0xb1, 0xb1],
  京: [0xbe, 0xa9],
};
const gbk = (text: string) => new Uint8Array([...text].flatMap((ch) => GBK[ch] ?? [ch.charCodeAt(0)]));

describe('readImportFile: xlsx', () => {
  it('reads merged cells as their value, formulas as their cached result, hidden sheets marked, formula-like text as text', async () => {
    const bytes = await xlsxBytes((wb) => {
      const hidden = wb.addWorksheet('旧表');
      hidden.state = 'hidden';
      hidden.addRow(['不应首选']);
      const ws = wb.addWorksheet('介质台账');
      ws.addRow(['存储介质登记台账']);
      ws.mergeCells('A1:C1');
      ws.addRow(['保密编号', '容量', '启用日期']);
      ws.addRow(['JZ-1', { formula: '16*4', result: 64 }, new Date(Date.UTC(2024, 4, 20))]);
      ws.addRow(['=cmd|"/c calc"!A1', { formula: 'NOW()' }, '2024年5月20日']);
      ws.addRow(['JZ-3', { richText: [{ text: '1' }, { text: 'TB' }] }, null]);
    });
    const wb = await readImportFile('介质.xlsx', bytes);
    expect(wb.format).toBe('xlsx');
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['旧表', true],
      ['介质台账', false],
    ]);
    const rows = wb.sheets[1]!.rows;
    expect(rows[0]).toEqual(['存储介质登记台账', '存储介质登记台账', '存储介质登记台账']);
    expect(rows[2]).toEqual(['JZ-1', 64, '2024-05-20']);
    expect(rows[3]).toEqual(['=cmd|"/c calc"!A1', null, '2024年5月20日']);
    expect(rows[4]).toEqual(['JZ-3', '1TB']);
  });

  it('refuses a password-protected or old .xls file, a corrupt and a truncated one, in Chinese', async () => {
    const cfb = new Uint8Array(512);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(readImportFile('加密.xlsx', cfb))).toContain('设有打开密码');
    const good = await xlsxBytes((wb) => wb.addWorksheet('表').addRow(['单位名称']));
    expect(await refusal(readImportFile('半截.xlsx', good.subarray(0, Math.floor(good.length / 2))))).toContain('文件已损坏、不完整');
    expect(await refusal(readImportFile('假的.xlsx', new TextEncoder().encode('not a workbook')))).toContain('不是有效的 .xlsx 文件');
    expect(await refusal(readImportFile('空.csv', new Uint8Array()))).toContain('空文件');
    expect(await refusal(readImportFile('图片.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])))).toContain('不支持文件“图片.png”的格式');
  });

  it('refuses a sheet over the row limit', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('大表');
      for (let i = 0; i < IMPORT_MAX_ROWS + 50; i++) ws.addRow([`单位${i}`]);
    });
    expect(await refusal(readImportFile('大表.xlsx', bytes))).toContain('分批导入');
  });
});

describe('readImportFile: csv', () => {
  it('reads UTF-8 with and without a BOM', async () => {
    const text = '单位名称,电话\n"北京某某公司, 北京",010-12345678\n';
    const plain = await readImportFile('a.csv', new TextEncoder().encode(text));
    const bom = await readImportFile('a.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    for (const wb of [plain, bom]) {
      expect(wb.encoding).toBe('utf-8');
      expect(wb.sheets[0]!.rows).toEqual([
        ['单位名称', '电话'],
        ['北京某某公司, 北京', '010-12345678'],
      ]);
    }
  });

  it('reads GBK bytes written by Chinese Excel as GB18030', async () => {
    const wb = await readImportFile('gbk.csv', gbk('单位名称\r\n北京\r\n'));
    expect(wb.encoding).toBe('gb18030');
    expect(wb.sheets[0]!.rows).toEqual([['单位名称'], ['北京']]);
  });

  it('reads a GBK file made by iconv', async () => {
    const bytes = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: '姓名,所属单位,身份证号码\n张三,北京金山云网络技术有限公司,11010519491231002X\n' });
    const wb = await readImportFile('人员.csv', new Uint8Array(bytes));
    expect(wb.encoding).toBe('gb18030');
    expect(wb.sheets[0]!.rows[1]).toEqual(['张三', '北京金山云网络技术有限公司', '11010519491231002X']);
  });

  it('parses quotes, doubled quotes, line breaks in fields, tabs as separators', () => {
    expect(parseCsv('a,"b ""x""\nc",d\r\n')).toEqual([['a', 'b "x"\nc', 'd']]);
    expect(parseCsv('姓名\t岗位\n张三\t运维\n')).toEqual([
      ['姓名', '岗位'],
      ['张三', '运维'],
    ]);
    expect(decodeText(new TextEncoder().encode('北京')).encoding).toBe('utf-8');
  });

  it('refuses binary content', async () => {
    expect(await refusal(readImportFile('x.csv', new Uint8Array([0x41, 0x00, 0x42])))).toContain('二进制');
  });
});
