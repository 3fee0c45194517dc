import { describe, expect, it } from 'vitest';
import { orgRegister } from '../registers/org/register';
import { sampleOrg } from '../testing/sample-orgs';
import type { PrintFrame, RegisterDefinition } from './definition';
import { escapeHtml, renderRegisterHtml, renderSheetHtml } from './html';

// Local wall-clock time, as the workstation prints it.
const frame: PrintFrame = {
  unitName: '郑州市某某局',
  marking: '内部',
  printedBy: '王保密',
  printedAt: new Date(2025, 5, 2, 14, 5),
  selection: '类型：甲方',
};
const rows = [
  sampleOrg({ name: '北京市卫生健康监督所', uscc: '9111010857121431XA' }),
  sampleOrg({ name: '郑州大学', kind: 'vendor' }),
  sampleOrg({ name: '<script>alert("x")</script> & Co', note: "O'Reilly" }),
];

const count = (text: string, part: string) => text.split(part).length - 1;

describe('renderRegisterHtml', () => {
  const html = renderRegisterHtml(orgRegister, rows, frame);

  it('carries the title, the unit and the print date', () => {
    expect(html).toContain('<title>单位名录</title>');
    expect(html).toContain('<h1>单位名录</h1>');
    expect(html).toContain('填报单位：郑州市某某局');
    expect(html).toContain('打印日期：2025年6月2日');
    expect(html).toContain('筛选条件：类型：甲方');
  });

  it('puts the marking, the title, the printed-by line and the page counter in @page margin boxes', () => {
    const page = html.slice(html.indexOf('@page'), html.indexOf('* {'));
    expect(page).toMatch(/@top-left \{ content: "内部";/);
    expect(page).toMatch(/@top-right \{ content: "单位名录";/);
    expect(page).toContain('@bottom-left { content: "打印：王保密\u30002025-06-02 14:05";');
    expect(page).toContain('content: "第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(page).toContain('size: A4 landscape');
  });

  it('numbers the rows (序号) and counts them', () => {
    expect(html).toContain('<th>序号</th>');
    for (const n of [1, 2, 3]) expect(html).toContain(`<tr><td class="center">${n}</td>`);
    expect(html).not.toContain('<tr><td class="center">4</td>');
    expect(html).toContain('共 3 条');
    for (const col of orgRegister.columns) expect(html).toContain(`<th>${col.header}</th>`);
    expect(html).toContain('<td class="left">9111010857121431XA</td>');
    expect(html).toContain('<td class="center">乙方</td>');
  });

  it('keeps the count and the signatures with the last rows, never on a page of their own', () => {
    expect(html).toMatch(/\.total \{[^}]*break-before: avoid;/);
    expect(html).toMatch(/\.signatures \{[^}]*break-before: avoid;/);
  });

  it('prints the signature labels', () => {
    for (const label of ['制表人', '审核人', '日期']) expect(html).toContain(`<span class="sig">${label}：<span class="line"></span></span>`);
    const custom: RegisterDefinition<{ a: string }> = {
      title: '签字测试',
      fileStem: 't',
      orientation: 'portrait',
      columns: [{ header: 'A', width: 1, value: (r) => r.a }],
      signatures: ['交接人', '监销人'],
    };
    const other = renderRegisterHtml(custom, [{ a: 'x' }], frame);
    expect(other).toContain('交接人：');
    expect(other).toContain('监销人：');
    expect(other).not.toContain('审核人：');
    expect(other).toContain('size: A4 portrait');
  });

  it('escapes HTML in cells, so a name with <script> is shown, not run', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('O&#39;Reilly');
    expect(html).not.toMatch(/<script/i);
  });

  it('is self-contained: a CSP forbidding scripts, no external resources', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/\s(src|href)=/i);
  });

  it('keeps user text in the margin boxes inside the style sheet', () => {
    const hostile = renderRegisterHtml(orgRegister, rows, {
      ...frame,
      marking: '</style><h1>伪造',
      printedBy: '"};body{display:none}</STYLE ',
    });
    // the only end tag of the style sheet is ours, so the marking cannot inject markup
    expect(hostile.match(/<\/style/gi)).toHaveLength(1);
    expect(count(hostile, '<h1>')).toBe(1);
    expect(hostile).toContain('<h1>单位名录</h1>');
    // and the text is still what is printed: CSS escapes of < and >
    expect(hostile).toContain('@top-left { content: "\\00003c/style\\00003e\\00003ch1\\00003e伪造";');
    expect(hostile).toContain('content: "打印：\\"};body{display:none}\\00003c/STYLE \u30002025-06-02 14:05";');
  });

  it('shows an empty register as （无记录） and 共 0 条', () => {
    const empty = renderRegisterHtml(orgRegister, [], { ...frame, unitName: '', selection: '' });
    expect(empty).toContain(`<td class="center empty" colspan="${orgRegister.columns.length + 1}">（无记录）</td>`);
    expect(empty).toContain('共 0 条');
    expect(empty).not.toContain('筛选条件');
    // with no unit name, a blank line to fill in by hand
    expect(empty).toContain('填报单位：<span class="sig"><span class="line"></span></span>');
  });

  it('marks voided records in the note column', () => {
    const voided = sampleOrg({ name: '作废单位', voidedAt: '2025-06-01T00:00:00Z', voidReason: '重复登记', note: '原备注' });
    expect(renderRegisterHtml(orgRegister, [voided], frame)).toContain('【已作废：重复登记】原备注');
  });

  it('prints a register’s totals after the count, escaped, and its footnote after the signatures', () => {
    const def = { ...orgRegister, totals: (r: readonly unknown[]) => [`合计：<甲方> ${r.length} 家`], footnote: '经更正作废的记录不列入本表。' };
    const out = renderRegisterHtml(def, rows, frame);
    expect(out).toContain('<div class="total">共 3 条</div>\n<div class="total">合计：&lt;甲方&gt; 3 家</div>');
    expect(out.indexOf('<div class="footnote">经更正作废的记录不列入本表。</div>')).toBeGreaterThan(out.indexOf('<div class="signatures">'));
  });

  it('prints a register’s subtitle under the title', () => {
    const withSubtitle = renderRegisterHtml({ ...orgRegister, subtitle: '政务云扩展服务　KSY 2024 0516 0003' }, rows, frame);
    expect(withSubtitle).toContain('<h1>单位名录</h1>\n<div class="subtitle">政务云扩展服务　KSY 2024 0516 0003</div>');
    expect(html).not.toContain('class="subtitle"');
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderSheetHtml tables', () => {
  const columns = [
    { header: '保密编号', width: 10 },
    { header: '归还日期', width: 8, align: 'center' as const },
  ];

  it('adds ruled blank rows to fill in by hand, under a note', () => {
    const html = renderSheetHtml(
      {
        title: '交接单',
        fileStem: 't',
        orientation: 'portrait',
        sections: [{ kind: 'table', heading: '持有介质清退', note: '请手工填写', columns, rows: [], empty: '无', blankRows: 3 }],
      },
      frame,
    );
    expect(html).toContain('<h2>持有介质清退</h2><div class="note">请手工填写</div><table>');
    expect(count(html, '<tr class="blank"><td></td><td></td></tr>')).toBe(3);
    expect(html).not.toContain('class="center empty"');
    expect(html).toMatch(/tr\.blank td \{ height: 8mm; \}/);
  });

  it('prints the rows, else the empty text in one cell', () => {
    const sheet = (rows: string[][]) =>
      renderSheetHtml({ title: '交接单', fileStem: 't', orientation: 'portrait', sections: [{ kind: 'table', columns, rows, empty: '无' }] }, frame);
    expect(sheet([['JZ-2025-0007', '2025-06-30']])).toContain('<tr><td class="left">JZ-2025-0007</td><td class="center">2025-06-30</td></tr>');
    expect(sheet([])).toContain('<tr><td class="center empty" colspan="2">无</td></tr>');
    expect(sheet([])).not.toContain('class="note"');
  });
});

describe('renderSheetHtml: a document to sign', () => {
  const html = renderSheetHtml(
    {
      title: '上岗保密承诺书',
      fileStem: '上岗保密承诺书-张三',
      orientation: 'portrait',
      sections: [
        { kind: 'prose', paragraphs: ['本人张三<b>，现郑重承诺：', '一、保守秘密。'] },
        { kind: 'signatures', labels: ['承诺人（签字）', '日期'] },
        { kind: 'prose', size: 'small', paragraphs: ['本承诺书一式＿＿份。'] },
      ],
      signatures: [],
      footnote: '模板：上岗保密承诺书 第 2 版 <v2>',
    },
    { ...frame, selection: '' },
  );

  it('prints paragraphs escaped and indented, the signature lines where placed, and the footnote last', () => {
    expect(html).toContain('<div class="prose"><p>本人张三&lt;b&gt;，现郑重承诺：</p><p>一、保守秘密。</p></div>');
    expect(html).toContain('<div class="signatures"><span class="sig">承诺人（签字）：<span class="line"></span></span><span class="sig">日期：');
    expect(html).toContain('<div class="prose small"><p>本承诺书一式＿＿份。</p></div>');
    expect(html).toMatch(/\.prose p \{[^}]*text-indent: 2em;/);
    expect(count(html, '<div class="signatures">')).toBe(1);
    expect(html.indexOf('本承诺书一式')).toBeLessThan(html.indexOf('<div class="footnote">模板：上岗保密承诺书 第 2 版 &lt;v2&gt;</div>'));
    expect(html.indexOf('<div class="footnote">')).toBeGreaterThan(html.indexOf('<div class="signatures">'));
  });
});
