import {
  DEFAULT_SIGNATURES,
  formatPrintDate,
  formatPrintedAt,
  type PrintFrame,
  type RegisterDefinition,
} from './definition';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/**
 * A CSS string literal (for @page margin boxes). `<` and `>` are written as CSS escapes: the
 * HTML parser ends the <style> element at any `</style`, even inside a CSS string.
 */
const cssString = (s: string) =>
  `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[<>]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(6, '0')}`)
    .replace(/[\r\n\f]+/g, ' ')}"`;

/**
 * The register as one self-contained HTML document: no scripts, no external resources.
 * The marking, page numbers and printed-by line sit in @page margin boxes, so they appear
 * on every page both in PDF and on paper; the table header repeats on every page.
 */
export function renderRegisterHtml<Row>(def: RegisterDefinition<Row>, rows: readonly Row[], frame: PrintFrame): string {
  const totalWidth = 4 + def.columns.reduce((s, c) => s + c.width, 0);
  const pct = (w: number) => `${((w / totalWidth) * 100).toFixed(2)}%`;
  const cols = [`<col style="width:${pct(4)}">`, ...def.columns.map((c) => `<col style="width:${pct(c.width)}">`)].join('');
  const head = ['<th>序号</th>', ...def.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`)].join('');
  const body = rows.length
    ? rows
        .map((row, i) => {
          const cells = def.columns
            .map((c) => `<td class="${c.align ?? 'left'}">${escapeHtml(c.value(row))}</td>`)
            .join('');
          return `<tr><td class="center">${escapeHtml(def.rowNumber ? def.rowNumber(row, i) : String(i + 1))}</td>${cells}</tr>`;
        })
        .join('\n')
    : `<tr><td class="center empty" colspan="${def.columns.length + 1}">（无记录）</td></tr>`;
  const signatures = (def.signatures ?? DEFAULT_SIGNATURES)
    .map((s) => `<span class="sig">${escapeHtml(s)}：<span class="line"></span></span>`)
    .join('');
  const footer = `打印：${frame.printedBy}\u3000${formatPrintedAt(frame.printedAt)}`;
  const size = def.orientation === 'landscape' ? 'A4 landscape' : 'A4 portrait';

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(def.title)}</title>
<style>
@page {
  size: ${size};
  margin: 16mm 12mm 15mm 12mm;
  @top-left { content: ${cssString(frame.marking)}; font: 700 12pt "Noto Sans CJK SC", "Microsoft YaHei", "SimHei", sans-serif; }
  @top-right { content: ${cssString(def.title)}; font: 9pt "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #555; }
  @bottom-left { content: ${cssString(footer)}; font: 8pt "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 9pt "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 9.5pt/1.35 "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Microsoft YaHei", serif; color: #000; }
h1 { font: 700 18pt "Noto Sans CJK SC", "SimHei", "Microsoft YaHei", sans-serif; text-align: center; letter-spacing: 0.2em; margin: 0 0 4mm; }
.meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 1.5mm; }
.selection { font-size: 8.5pt; color: #333; margin-bottom: 1.5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 1.2mm 1.2mm; vertical-align: middle; overflow-wrap: anywhere; white-space: pre-line; }
th { background: #eee; font: 700 9.5pt "Noto Sans CJK SC", "SimHei", "Microsoft YaHei", sans-serif; text-align: center; }
td { font-size: ${def.fontSize ?? 9.5}pt; }
th { font-size: ${Math.min(9.5, (def.fontSize ?? 9.5) + 0.5)}pt; }
td.center { text-align: center; } td.right { text-align: right; } td.empty { color: #555; padding: 6mm; }
.total { margin-top: 1.5mm; font-size: 9pt; break-before: avoid; }
.signatures { display: flex; gap: 14mm; margin-top: 9mm; break-inside: avoid; break-before: avoid; font-size: 10.5pt; }
.sig { display: inline-flex; align-items: flex-end; }
.sig .line { display: inline-block; width: 40mm; border-bottom: 0.75pt solid #000; margin-left: 1mm; }
</style></head>
<body>
<h1>${escapeHtml(def.title)}</h1>
<div class="meta"><span>填报单位：${escapeHtml(frame.unitName) || '<span class="sig"><span class="line"></span></span>'}</span><span>打印日期：${formatPrintDate(frame.printedAt)}</span></div>
${frame.selection ? `<div class="selection">筛选条件：${escapeHtml(frame.selection)}</div>` : ''}
<table><colgroup>${cols}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
<div class="total">共 ${rows.length} 条</div>
<div class="signatures">${signatures}</div>
</body></html>`;
}
