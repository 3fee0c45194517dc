import type { Finding } from '../../common/api/findings';
import type { CivilDate } from '../../common/contracts/civil-date';
import { FINDING_REGISTER_LABELS, FINDING_REGISTERS, FINDING_SEVERITIES, SEVERITY_RANK } from '../../common/findings';
import type { Session } from '../../common/security/roles';
import type { Db } from '../core/open';
import type { RegisterDefinition, SheetDefinition } from '../reports/definition';
import { evaluate } from './evaluate';

/**
 * 保密工作检查表: the office's periodic self-inspection on one sheet — the registers' totals, the
 * findings of every rule as of the day (counts, then each with a column to write the remedy in),
 * the findings set aside by an acknowledgement with its reason, and the conclusion and signatures
 * filled in by hand. Exported to Excel as the list of findings under the same title.
 */

interface Totals {
  contracts: number;
  contractsInForce: number;
  people: number;
  peopleOnPost: number;
  signOffs: number;
  media: number;
  mediaKept: number;
  filings: number;
  filingsInForce: number;
}

function totals(db: Db, day: CivilDate): Totals {
  return db
    .prepare(
      `SELECT
         (SELECT count(*) FROM contracts WHERE voided_at IS NULL) AS contracts,
         (SELECT count(*) FROM contracts WHERE voided_at IS NULL AND signed_date IS NOT NULL AND signed_date <= @day
            AND (terminated_on IS NULL OR terminated_on > @day) AND (service_end IS NULL OR service_end >= @day)) AS contractsInForce,
         (SELECT count(*) FROM people WHERE voided_at IS NULL) AS people,
         (SELECT count(*) FROM people WHERE voided_at IS NULL AND status = '在岗') AS peopleOnPost,
         (SELECT count(*) FROM person_signoffs WHERE voided_at IS NULL) AS signOffs,
         (SELECT count(*) FROM media WHERE voided_at IS NULL) AS media,
         (SELECT count(*) FROM media WHERE voided_at IS NULL AND status IN ('在库', '已发放', '借出', '外出', '维修中')) AS mediaKept,
         (SELECT count(*) FROM ip_filings WHERE voided_at IS NULL) AS filings,
         (SELECT count(*) FROM ip_filings WHERE voided_at IS NULL AND state = '有效' AND valid_from <= @day AND valid_to >= @day) AS filingsInForce`,
    )
    .get({ day }) as Totals;
}

const bySeverityThenRegister = (a: Finding, b: Finding) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
  FINDING_REGISTERS.indexOf(a.register) - FINDING_REGISTERS.indexOf(b.register) ||
  (a.due ?? '9').localeCompare(b.due ?? '9');

export const FINDINGS_SUMMARY_TITLE = '保密工作检查表';
export const findingsSummaryFileStem = (day: string) => `${FINDINGS_SUMMARY_TITLE}-${day}`;

/** The findings as one register, for Excel. */
export const findingsRegister: RegisterDefinition<Finding> = {
  title: FINDINGS_SUMMARY_TITLE,
  fileStem: FINDINGS_SUMMARY_TITLE,
  orientation: 'landscape',
  columns: [
    { header: '严重程度', width: 4, align: 'center', value: (f) => f.severity },
    { header: '台账', width: 6, value: (f) => FINDING_REGISTER_LABELS[f.register] },
    { header: '问题', width: 9, value: (f) => f.title },
    { header: '对象', width: 10, value: (f) => f.subject },
    { header: '情况说明', width: 26, value: (f) => f.message },
    { header: '期限', width: 5, align: 'center', value: (f) => f.due ?? '' },
    { header: '确认暂缓', width: 10, value: (f) => (f.acknowledged ? `暂缓至 ${f.acknowledged.until}：${f.acknowledged.reason}（${f.acknowledged.byName}）` : '') },
  ],
  signatures: ['检查人', '保密员', '单位负责人', '日期'],
};

export function findingsSummary(
  db: Db,
  session: Session,
  now: Date,
  day: CivilDate,
): { def: SheetDefinition; rows: Finding[]; subtitle: string } {
  const all = evaluate(db, session, now, day).sort(bySeverityThenRegister);
  const open = all.filter((f) => !f.acknowledged);
  const set = all.filter((f) => f.acknowledged);
  const t = totals(db, day);
  const subtitle = `检查日期：${day}`;
  const def: SheetDefinition = {
    title: FINDINGS_SUMMARY_TITLE,
    subtitle,
    fileStem: findingsSummaryFileStem(day),
    orientation: 'landscape',
    sections: [
      {
        kind: 'fields',
        heading: '一、台账概况',
        perLine: 3,
        fields: [
          { label: '合同', value: `${t.contracts} 份（履行中 ${t.contractsInForce} 份）` },
          { label: '人员', value: `${t.people} 人（在岗 ${t.peopleOnPost} 人）` },
          { label: '保密承诺', value: `${t.signOffs} 份` },
          { label: '存储介质', value: `${t.media} 件（在用 ${t.mediaKept} 件）` },
          { label: '访问IP报备', value: `${t.filings} 份（有效 ${t.filingsInForce} 份）` },
          { label: '检查发现', value: `${open.length} 项（另有确认暂缓 ${set.length} 项）` },
        ],
      },
      {
        kind: 'table',
        heading: '二、检查发现汇总',
        columns: [{ header: '台账', width: 10 }, ...FINDING_SEVERITIES.map((s) => ({ header: s, width: 5, align: 'center' as const })), { header: '合计', width: 5, align: 'center' }],
        rows: [
          ...FINDING_REGISTERS.map((r) => {
            const of = open.filter((f) => f.register === r);
            return [FINDING_REGISTER_LABELS[r], ...FINDING_SEVERITIES.map((s) => String(of.filter((f) => f.severity === s).length)), String(of.length)];
          }),
          ['合计', ...FINDING_SEVERITIES.map((s) => String(open.filter((f) => f.severity === s).length)), String(open.length)],
        ],
        empty: '无',
      },
      {
        kind: 'table',
        heading: '三、检查发现明细',
        columns: [
          { header: '序号', width: 3, align: 'center' },
          { header: '严重程度', width: 4, align: 'center' },
          { header: '问题', width: 9 },
          { header: '对象', width: 10 },
          { header: '情况说明', width: 24 },
          { header: '期限', width: 5, align: 'center' },
          { header: '整改措施及完成时间', width: 10 },
        ],
        rows: open.map((f, i) => [String(i + 1), f.severity, f.title, f.subject, f.message, f.due ?? '', '']),
        empty: '未发现问题，各台账一切正常',
      },
      {
        kind: 'table',
        heading: '四、确认暂缓处理的事项',
        columns: [
          { header: '问题', width: 9 },
          { header: '对象', width: 10 },
          { header: '暂缓理由', width: 20 },
          { header: '暂缓至', width: 5, align: 'center' },
          { header: '确认人', width: 5, align: 'center' },
        ],
        rows: set.map((f) => [f.title, f.subject, f.acknowledged!.reason, f.acknowledged!.until, f.acknowledged!.byName]),
        empty: '无',
      },
      {
        kind: 'fields',
        heading: '五、检查结论',
        perLine: 1,
        fields: [
          { label: '检查结论', value: '' },
          { label: '整改要求', value: '' },
        ],
      },
    ],
    signatures: ['检查人', '保密员', '单位负责人', '日期'],
  };
  return { def, rows: all, subtitle };
}
