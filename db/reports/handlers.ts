import type { reportChannels } from '../../common/api/report';
import { effect, type Handlers } from '../router/handlers';
import { saveFile } from '../core/files';
import { startWorkerJob } from '../workers/host';
import { formatPrintedAt } from './definition';
import type { XlsxExported } from './export';
import { renderRegisterHtml, renderSheetHtml } from './html';
import { auditDetails, prepare, xlsxFileStem, type Prepared } from './prepare';

const html = (p: Prepared) => (p.kind === 'register' ? renderRegisterHtml(p.def, p.rows as never[], p.frame) : renderSheetHtml(p.def, p.frame));

/** The local date, as printed on the page (not the UTC date, which differs before 08:00 in China). */
const stamp = (d: Date) => formatPrintedAt(d).slice(0, 10);

export const reportHandlers: Handlers<typeof reportChannels> = {
  'report:pdf': effect(async (ctx, { selection, options }) => {
    const p = prepare(ctx, selection, options, 'pdf');
    const path = await ctx.shell.chooseSavePath({
      title: '导出 PDF',
      defaultName: `${p.def.fileStem}-${stamp(p.frame.printedAt)}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (!path) {
      ctx.skipAudit();
      return { saved: false, path: null, rows: p.count };
    }
    const pdf = await ctx.shell.htmlToPdf(html(p), { landscape: p.def.orientation === 'landscape' });
    await saveFile(path, pdf);
    ctx.audit(auditDetails(p, '导出 PDF', path, selection));
    return { saved: true, path, rows: p.count };
  }),
  'report:print': effect(async (ctx, { selection, options }) => {
    const p = prepare(ctx, selection, options, 'print');
    const printed = await ctx.shell.printHtml(html(p), { landscape: p.def.orientation === 'landscape' });
    if (!printed) ctx.skipAudit();
    else ctx.audit(auditDetails(p, '打印', null, selection));
    return { printed, rows: p.count };
  }),
  /**
   * The path is chosen here; the rows are chosen, the workbook built and the file written by a
   * worker thread (a 100,000-row register takes seconds). Returns the job to poll; the audit record
   * is written when the file is.
   */
  'report:xlsx': effect(async (ctx, { selection, options }) => {
    const stem = xlsxFileStem(ctx, selection, options);
    const path = await ctx.shell.chooseSavePath({
      title: '导出 Excel',
      defaultName: `${stem}-${stamp(ctx.now())}.xlsx`,
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    ctx.skipAudit();
    if (!path) return { path: null, jobId: null };
    const task = { kind: 'report.xlsx', selection, options, path, session: ctx.session, now: ctx.now().toISOString() } as const;
    const jobId = startWorkerJob<XlsxExported>(ctx, 'report:xlsx', 'report.xlsx', task, (done) => ({ audit: done.audit, value: { path, rows: done.rows } }));
    return { path, jobId };
  }),
};
