import {
  DEFAULT_SIGNATURES,
  formatPrintDate,
  formatPrintedAt,
  type LabelledText,
  type PrintFrame,
  type RegisterDefinition,
  type SheetDefinition,
  type SheetSection,
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

const FONT_SANS = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/** 制表人：____ 审核人：____ …; nothing for no labels. */
function signatureLines(labels: readonly string[]): string {
  if (labels.length === 0) return '';
  return `<div class="signatures">${labels.map((s) => `<span class="sig">${escapeHtml(s)}：<span class="line"></span></span>`).join('')}</div>`;
}

/**
 * One self-contained printable HTML document: no scripts, no external resources. The marking,
 * the title, page numbers and the printed-by line sit in @page margin boxes, so they appear on
 * every page both in PDF and on paper. The first page carries the title, the reporting unit and
 * the print date; the body and its own CSS come from the register or sheet.
 */
function printDocument(opts: {
  title: string;
  subtitle?: string;
  orientation: 'landscape' | 'portrait';
  frame: PrintFrame;
  css: string;
  body: string;
  signatures: readonly string[];
  footnote?: string;
}): string {
  const { frame } = opts;
  const footer = `打印：${frame.printedBy}\u3000${formatPrintedAt(frame.printedAt)}`;
  const size = opts.orientation === 'landscape' ? 'A4 landscape' : 'A4 portrait';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(opts.title)}</title>
<style>
@page {
  size: ${size};
  margin: 16mm 12mm 15mm 12mm;
  @top-left { content: ${cssString(frame.marking)}; font: 700 12pt "Noto Sans CJK SC", "Microsoft YaHei", "SimHei", sans-serif; }
  @top-right { content: ${cssString(opts.title)}; font: 9pt ${FONT_SANS}; color: #555; }
  @bottom-left { content: ${cssString(footer)}; font: 8pt ${FONT_SANS}; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 9pt ${FONT_SANS}; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 9.5pt/1.35 "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Microsoft YaHei", serif; color: #000; }
h1 { font: 700 18pt "Noto Sans CJK SC", "SimHei", "Microsoft YaHei", sans-serif; text-align: center; letter-spacing: 0.2em; margin: 0 0 4mm; }
.subtitle { text-align: center; font-size: 11pt; margin: -2mm 0 4mm; }
.meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 1.5mm; }
.selection { font-size: 8.5pt; color: #333; margin-bottom: 1.5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 1.2mm 1.2mm; vertical-align: middle; overflow-wrap: anywhere; white-space: pre-line; }
th { background: #eee; font: 700 9.5pt "Noto Sans CJK SC", "SimHei", "Microsoft YaHei", sans-serif; text-align: center; }
td.center { text-align: center; } td.right { text-align: right; } td.empty { color: #555; padding: 6mm; }
.signatures { display: flex; flex-wrap: wrap; gap: 6mm 14mm; margin-top: 9mm; break-inside: avoid; break-before: avoid; font-size: 10.5pt; }
.sig { display: inline-flex; align-items: flex-end; white-space: nowrap; }
.sig .line { display: inline-block; width: 40mm; border-bottom: 0.75pt solid #000; margin-left: 1mm; }
.footnote { margin-top: 8mm; font-size: 7.5pt; color: #444; break-before: avoid; }
${opts.css}
</style></head>
<body>
<h1>${escapeHtml(opts.title)}</h1>
${opts.subtitle ? `<div class="subtitle">${escapeHtml(opts.subtitle)}</div>` : ''}
<div class="meta"><span>填报单位：${escapeHtml(frame.unitName) || '<span class="sig"><span class="line"></span></span>'}</span><span>打印日期：${formatPrintDate(frame.printedAt)}</span></div>
${frame.selection ? `<div class="selection">筛选条件：${escapeHtml(frame.selection)}</div>` : ''}
${opts.body}
${signatureLines(opts.signatures)}
${opts.footnote ? `<div class="footnote">${escapeHtml(opts.footnote)}</div>` : ''}
</body></html>`;
}

/** The register: its table, with the header repeated on every page, and the row count. */
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
  return printDocument({
    title: def.title,
    subtitle: def.subtitle,
    orientation: def.orientation,
    frame,
    signatures: def.signatures ?? DEFAULT_SIGNATURES,
    footnote: def.footnote,
    css: `td { font-size: ${def.fontSize ?? 9.5}pt; }
th { font-size: ${Math.min(9.5, (def.fontSize ?? 9.5) + 0.5)}pt; }
.total { margin-top: 1.5mm; font-size: 9pt; break-before: avoid; }
.facts { display: flex; flex-wrap: wrap; gap: 1mm 8mm; font-size: 10pt; margin-bottom: 2mm; }
.closing { margin-top: 3mm; font-size: 10pt; break-inside: avoid; break-before: avoid; }
.closing p { margin: 0 0 1.5mm; white-space: pre-line; }
.closing b, .facts b { font-family: ${FONT_SANS}; }`,
    body: `${labelled('facts', def.facts, 'span')}<table><colgroup>${cols}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
<div class="total">共 ${rows.length} 条</div>
${(def.totals?.(rows) ?? []).map((line) => `<div class="total">${escapeHtml(line)}</div>`).join('\n')}
${labelled('closing', def.closing, 'p')}`,
  });
}

/** Labelled lines (a register's facts or closing lines); nothing when there are none. */
function labelled(cls: string, lines: readonly LabelledText[] | undefined, tag: 'span' | 'p'): string {
  if (!lines?.length) return '';
  return `<div class="${cls}">${lines.map((l) => `<${tag}><b>${escapeHtml(l.label)}：</b>${escapeHtml(l.value)}</${tag}>`).join('')}</div>\n`;
}

function renderSection(section: SheetSection): string {
  const heading = section.heading ? `<h2>${escapeHtml(section.heading)}</h2>` : '';
  switch (section.kind) {
    case 'fields': {
      const per = section.perLine;
      const lines: string[] = [];
      let line: string[] = [];
      let used = 0;
      for (const f of section.fields) {
        const span = Math.min(per, Math.max(1, f.span ?? 1));
        if (used + span > per) {
          lines.push(line.join('') + (used < per ? `<td colspan="${(per - used) * 2}"></td>` : ''));
          line = [];
          used = 0;
        }
        line.push(`<th class="label">${escapeHtml(f.label)}</th><td colspan="${span * 2 - 1}">${escapeHtml(f.value)}</td>`);
        used += span;
      }
      if (line.length) lines.push(line.join('') + (used < per ? `<td colspan="${(per - used) * 2}"></td>` : ''));
      const cols = Array.from({ length: per }, () => '<col class="label"><col>').join('');
      return `${heading}<table class="fields"><colgroup>${cols}</colgroup><tbody>${lines.map((l) => `<tr>${l}</tr>`).join('')}</tbody></table>`;
    }
    case 'table': {
      const total = section.columns.reduce((s, c) => s + c.width, 0);
      const cols = section.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
      const head = section.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
      const blanks = Array.from({ length: section.blankRows ?? 0 }, () => `<tr class="blank">${section.columns.map(() => '<td></td>').join('')}</tr>`);
      const filled = section.rows.map(
        (r) => `<tr>${r.map((v, i) => `<td class="${section.columns[i]?.align ?? 'left'}">${escapeHtml(v)}</td>`).join('')}</tr>`,
      );
      const rows =
        filled.length + blanks.length > 0
          ? [...filled, ...blanks].join('')
          : `<tr><td class="center empty" colspan="${section.columns.length}">${escapeHtml(section.empty)}</td></tr>`;
      const note = section.note ? `<div class="note">${escapeHtml(section.note)}</div>` : '';
      return `${heading}${note}<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'text':
      return `${heading}<div class="text">${escapeHtml(section.text)}</div>`;
    case 'prose':
      return `${heading}<div class="prose${section.size === 'small' ? ' small' : ''}">${section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`;
    case 'signatures':
      return `${heading}${signatureLines(section.labels)}`;
  }
}

/** A sheet about one record: its sections one after another, then the signature lines. */
export function renderSheetHtml(def: SheetDefinition, frame: PrintFrame): string {
  return printDocument({
    title: def.title,
    subtitle: def.subtitle,
    orientation: def.orientation,
    frame,
    signatures: def.signatures ?? DEFAULT_SIGNATURES,
    footnote: def.footnote,
    css: `h2 { font: 700 11pt ${FONT_SANS}; margin: 4mm 0 1.5mm; break-after: avoid; }
td { font-size: 9.5pt; }
table.fields col.label { width: 24mm; }
table.fields th.label { background: #f4f4f4; font-size: 9pt; text-align: left; font-weight: 700; }
.text { border: 0.75pt solid #000; padding: 1.5mm; white-space: pre-line; font-size: 9.5pt; }
.note { font-size: 8.5pt; color: #333; margin: -0.5mm 0 1mm; }
tr.blank td { height: 8mm; }
.prose { margin-top: 3mm; }
.prose p { margin: 0 0 2mm; text-indent: 2em; font-size: 12pt; line-height: 1.75; text-align: justify; }
.prose.small p { font-size: 10.5pt; margin-top: 6mm; }`,
    body: def.sections.map(renderSection).join('\n'),
  });
}
