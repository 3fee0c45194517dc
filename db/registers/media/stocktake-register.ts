import type { StocktakeDetail } from '../../../common/api/stocktake';
import { EXTRA_RESULT } from '../../../common/api/stocktake';
import type { Db } from '../../core/open';
import { formatPrintedAt, type RegisterDefinition } from '../../reports/definition';
import { getStocktake } from './stocktake';

/** One line of the 清查表: an expected medium, or a 账外 finding after them. */
export interface StocktakeLine {
  number: string;
  kind: string;
  model: string;
  serial: string;
  classification: string;
  responsible: string;
  book: string;
  result: string;
  note: string;
}

/** The local day of an ISO instant, as printed. */
const day = (iso: string) => formatPrintedAt(new Date(iso)).slice(0, 10);

function lines(s: StocktakeDetail): StocktakeLine[] {
  const expected = s.items.map((i) => ({
    number: i.number,
    kind: i.kind,
    model: i.model,
    serial: i.serial,
    classification: i.classification,
    responsible: i.responsibleName,
    book: i.bookText,
    result: i.result ?? (s.state === 'open' ? '未标记' : ''),
    note: [i.note, i.skipped].filter(Boolean).join('\n'),
  }));
  const extras = s.findings.map((f) => ({
    number: f.number ?? f.code,
    kind: f.kind ?? '',
    model: '',
    serial: f.number && f.number !== f.code ? f.code : '',
    classification: '',
    responsible: '',
    book: f.mediumId === null ? '账面无记录' : '不在清查范围',
    result: EXTRA_RESULT,
    note: [f.description, f.note].filter(Boolean).join('\n'),
  }));
  return [...expected, ...extras];
}

export const stocktakeFileStem = (number: string) => `介质清查表-${number}`;

/**
 * 介质清查(盘点)表 (REGISTER-FORMATS.md §6) of one session: 清查日期, 清查人, 应有数量 and 实有数量
 * above the table; per medium 保密编号, 类别, 型号, 序列号, 密级, 责任人, 账面状态 (when the session
 * started), 清查结果 and 说明, then the 账外 findings; the totals and the 清查结论 after it, and the
 * signature lines of the 清查人 and the 监督人. An open session prints as a working copy: its
 * unmarked media read 未标记 and the conclusion says the stocktake is still under way.
 */
export function selectStocktakeRegister(db: Db, sessionId: number): { session: StocktakeDetail; def: RegisterDefinition<StocktakeLine>; rows: StocktakeLine[] } {
  const s = getStocktake(db, sessionId);
  const c = s.counts;
  const open = s.state === 'open';
  const dates = open ? `${day(s.startedAt)} 起（进行中）` : day(s.startedAt) === day(s.closedAt!) ? day(s.startedAt) : `${day(s.startedAt)} 至 ${day(s.closedAt!)}`;
  const def: RegisterDefinition<StocktakeLine> = {
    title: '介质清查表',
    subtitle: `${s.number}\u3000${s.title}`,
    fileStem: stocktakeFileStem(s.number),
    orientation: 'landscape',
    fontSize: 9,
    facts: [
      { label: '清查日期', value: dates },
      { label: '清查范围', value: s.scopeText },
      { label: '清查人', value: s.checker },
      { label: '监督人', value: s.supervisor },
      { label: '应有数量', value: `${c.expected} 件` },
      { label: '实有数量', value: open ? `${c.found} 件（尚有 ${c.unmarked} 件未标记）` : `${c.found} 件` },
    ],
    columns: [
      { header: '保密编号', width: 10, value: (r) => r.number },
      { header: '类别', width: 6, align: 'center', value: (r) => r.kind },
      { header: '型号', width: 10, value: (r) => r.model },
      { header: '序列号', width: 10, value: (r) => r.serial },
      { header: '密级', width: 4.5, align: 'center', value: (r) => r.classification },
      { header: '责任人', width: 5.5, align: 'center', value: (r) => r.responsible },
      { header: '账面状态', width: 11, value: (r) => r.book },
      { header: '清查结果', width: 6, align: 'center', value: (r) => r.result },
      { header: '说明', width: 16, value: (r) => r.note },
    ],
    closing: [
      {
        label: '合计',
        value:
          `应有 ${c.expected} 件，实有 ${c.found} 件（在位 ${c.present} 件，状态不符 ${c.differs} 件），缺失 ${c.missing} 件` +
          `${open ? `，未标记 ${c.unmarked} 件` : ''}，账外 ${c.extras} 件`,
      },
      { label: '清查结论', value: open ? '（清查进行中，尚未结束）' : s.conclusion },
    ],
    signatures: ['清查人', '监督人', '审核人', '日期'],
  };
  return { session: s, def, rows: lines(s) };
}
