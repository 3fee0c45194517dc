import { DomainError } from '../../common/api/result';
import { dataRowIndexes, findHeaderRow, suggestMapping } from '../../common/import/headers';
import { MAX_SAVED_MAPPINGS, type importChannels } from '../../common/api/import';
import { IMPORT_REGISTER_LABELS } from '../../common/import/registers';
import { getSetting, setSetting } from '../core/settings';
import { cellText } from '../../common/import/values';
import { sm3HexSliced } from '../attachments/digest';
import { saveFile } from '../core/files';
import { annotatedXlsx } from './annotate';
import { FileTooLargeError } from '../ports/shell';
import { effect, immediateTx, tx, type HandlerContext, type Handlers } from '../router/handlers';
import { IMPORT_MAX_BYTES, readImportFile, type ImportSheet } from './read';
import { runImport } from './run';
import { dropStagedFile, stageFile, stagedFile } from './staging';

const DIALOG_FILTERS = [
  { name: 'Excel 工作簿或 CSV 文件', extensions: ['xlsx', 'csv'] },
  { name: 'Excel 工作簿', extensions: ['xlsx'] },
  { name: 'CSV 文件', extensions: ['csv'] },
];

function sheetOf(ctx: HandlerContext, token: string, name: string): { file: ReturnType<typeof stagedFile>; sheet: ImportSheet } {
  const file = stagedFile(ctx.db, token, ctx.session.accountId);
  const sheet = file.workbook.sheets.find((s) => s.name === name);
  if (!sheet) throw new DomainError('NOT_FOUND', `文件“${file.fileName}”中没有名为“${name}”的工作表`, 'sheet');
  return { file, sheet };
}

/** The first rows below the header decide how wide the header is (data may run past named columns). */
function headersOf(sheet: ImportSheet, headerRow: number): string[] {
  const width = Math.max(0, ...sheet.rows.slice(headerRow, headerRow + 51).map((r) => r.length));
  return Array.from({ length: width }, (_, c) => cellText(sheet.rows[headerRow]?.[c] ?? null));
}

export const importHandlers: Handlers<typeof importChannels> = {
  'import:mappings': tx((ctx, { register }) => getSetting(ctx.db, 'import.mappings')[register] ?? []),
  'import:saveMapping': tx((ctx, { register, name, fields }) => {
    const all = getSetting(ctx.db, 'import.mappings');
    const before = all[register] ?? [];
    const replaced = before.some((m) => m.name === name);
    if (!replaced && before.length >= MAX_SAVED_MAPPINGS) {
      throw new DomainError('RULE', `每种台账最多保存 ${MAX_SAVED_MAPPINGS} 个对应关系，请先删除不再使用的`, 'name');
    }
    const after = [...before.filter((m) => m.name !== name), { name, fields }];
    setSetting(ctx.db, 'import.mappings', { ...all, [register]: after });
    ctx.audit({
      targetType: 'settings',
      targetId: 'import.mappings',
      summary: `${replaced ? '更新' : '保存'}${IMPORT_REGISTER_LABELS[register]}导入的列对应关系“${name}”`,
      after: { register, name, fields },
    });
    return after;
  }),
  'import:deleteMapping': tx((ctx, { register, name }) => {
    const all = getSetting(ctx.db, 'import.mappings');
    const before = all[register] ?? [];
    if (!before.some((m) => m.name === name)) throw new DomainError('NOT_FOUND', `没有名为“${name}”的对应关系，可能已被删除`);
    const after = before.filter((m) => m.name !== name);
    setSetting(ctx.db, 'import.mappings', { ...all, [register]: after });
    ctx.audit({ targetType: 'settings', targetId: 'import.mappings', summary: `删除${IMPORT_REGISTER_LABELS[register]}导入的列对应关系“${name}”`, before: { register, name } });
    return after;
  }),
  'import:open': effect(async (ctx, { register }) => {
    let chosen;
    try {
      chosen = await ctx.shell.chooseOpenFile({ title: `导入${IMPORT_REGISTER_LABELS[register]}台账`, filters: DIALOG_FILTERS, maxBytes: IMPORT_MAX_BYTES });
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        throw new DomainError('RULE', `文件“${error.fileName}”超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件分批导入`);
      }
      throw error;
    }
    if (!chosen) return { opened: false as const };
    const workbook = await readImportFile(chosen.name, chosen.bytes);
    const sm3 = await sm3HexSliced(chosen.bytes);
    const file = stageFile(ctx.db, { owner: ctx.session.accountId, fileName: chosen.name, size: chosen.bytes.length, sm3, workbook });
    const sheets = workbook.sheets.map((sheet) => {
      const headerRow = findHeaderRow(register, sheet.rows);
      const headers = headersOf(sheet, headerRow);
      return {
        name: sheet.name,
        hidden: sheet.hidden,
        rowCount: dataRowIndexes(sheet.rows, headerRow).length,
        headerRow,
        headers,
        suggested: suggestMapping(register, headers),
      };
    });
    const first = sheets.find((s) => !s.hidden) ?? sheets[0]!;
    return { opened: true as const, token: file.token, fileName: file.fileName, size: file.size, sm3, format: workbook.format, encoding: workbook.encoding, sheets, sheet: first.name };
  }),
  'import:preview': tx((ctx, input) => {
    const { sheet } = sheetOf(ctx, input.token, input.sheet);
    const run = runImport(ctx, sheet, input, true);
    const count = (status: string) => run.rows.filter((r) => r.status === status).length;
    return {
      total: run.rows.length,
      ok: count('ok'),
      errors: count('error'),
      duplicates: count('duplicate'),
      rows: run.rows,
      unitsToCreate: run.unitsToCreate,
      missingColumns: run.missingColumns,
    };
  }),
  'import:errors': effect(async (ctx, input) => {
    const { file, sheet } = sheetOf(ctx, input.token, input.sheet);
    // Checked before the dialog opens: the check runs synchronously and is rolled back.
    const run = runImport(ctx, sheet, input, true);
    const bad = run.rows.filter((r) => r.status !== 'ok').length;
    const stem = file.fileName.replace(/\.[^.]*$/, '');
    const path = await ctx.shell.chooseSavePath({ title: '保存导入检查结果', defaultName: `${stem}-检查结果.xlsx`, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (!path) {
      ctx.skipAudit();
      return { saved: false, path: null, rows: bad };
    }
    await saveFile(path, await annotatedXlsx(sheet, input.headerRow, run.rows));
    ctx.audit({
      targetType: 'import',
      targetId: file.sm3,
      summary: `导出${IMPORT_REGISTER_LABELS[input.register]}导入检查结果：文件“${file.fileName}”（SM3 ${file.sm3}），有误 ${bad} 行，保存到 ${path}`,
    });
    return { saved: true, path, rows: bad };
  }),
  'import:commit': immediateTx((ctx, input) => {
    const { file, sheet } = sheetOf(ctx, input.token, input.sheet);
    const label = IMPORT_REGISTER_LABELS[input.register];
    const run = runImport(ctx, sheet, input, false);
    if (run.missingColumns.length > 0) {
      throw new DomainError('RULE', `必填的列“${run.missingColumns.join('”“')}”尚未对应到表格中的列，未导入任何记录`, 'mapping');
    }
    const bad = run.rows.filter((r) => r.status !== 'ok');
    const good = run.rows.length - bad.length;
    if (bad.length > 0 && !input.onlyValid) {
      const first = bad[0]!;
      throw new DomainError('RULE', `有 ${bad.length} 行有误（如第 ${first.line} 行：${first.summary}），未导入任何记录。请修改后重新导入，或选择“只导入无误的行”`);
    }
    if (good === 0) throw new DomainError('RULE', '没有可导入的行，未导入任何记录');
    const at = ctx.now().toISOString();
    for (const audit of run.audits) {
      ctx.trail.append({
        ...audit.details,
        at,
        actorId: ctx.session.accountId,
        actorName: ctx.session.displayName,
        actorRoles: ctx.session.roles.join(','),
        workstation: ctx.env.workstation,
        action: audit.action,
        channel: audit.channel,
      });
    }
    const units = run.unitsCreated.length > 0 ? `，新登记单位 ${run.unitsCreated.length} 个（${run.unitsCreated.join('、')}）` : '';
    const skipped = bad.length > 0 ? `，跳过有误的 ${bad.length} 行（第 ${bad.map((r) => r.line).join('、')} 行）` : '';
    ctx.audit({
      targetType: 'import',
      targetId: file.sm3,
      summary: `导入${label}：文件“${file.fileName}”（SM3 ${file.sm3}）工作表“${sheet.name}”，导入 ${good} 条${skipped}${units}`,
      after: { register: input.register, fileName: file.fileName, size: file.size, sm3: file.sm3, sheet: sheet.name, imported: good, skipped: bad.length, unitsCreated: run.unitsCreated },
    });
    ctx.afterCommit(() => dropStagedFile(ctx.db, file.token));
    return { imported: good, skipped: bad.length, unitsCreated: run.unitsCreated, fileName: file.fileName, sm3: file.sm3 };
  }),
};
