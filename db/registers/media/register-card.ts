import type { MediaEventView, MediumDetail } from '../../../common/api/media';
import { shortInstant, type MediaEvent } from '../../../common/media/events';
import type { Db } from '../../core/open';
import { formatPrintedAt, type RegisterDefinition, type SheetDefinition, type SheetSection } from '../../reports/definition';
import { serialText } from './register';
import { getMedium } from './repo';

/**
 * 介质履历卡: one medium on one sheet — what it is, who was responsible for it when, and its whole
 * custody chain, corrections included (a corrected event is printed with the 更正 that voided it),
 * then what is still open about it. Printed (or saved as PDF) to be signed and kept with the medium's
 * papers; the logs (register-logs.ts) list only what stands. In Excel the chain is the table, one row
 * an event, the medium's fields above it and its responsible people and open items below.
 */

/** The local day of an ISO instant, as printed. */
const day = (iso: string) => formatPrintedAt(new Date(iso)).slice(0, 10);

/** The typed event of a timeline entry (its `data` are the stored fields). */
export function eventOf(view: MediaEventView): MediaEvent {
  return { ...view.data, type: view.type, seq: view.seq, occurredAt: view.occurredAt, recordedAt: view.recordedAt } as MediaEvent;
}

/** 已发放给 张三 / 借出（张三，应还 2026-03-10）/ 在库 … as the card states it. */
export function currentState(m: MediumDetail): string {
  const who = m.holderName ?? '';
  switch (m.status) {
    case '已发放':
      return `已发放（领用人 ${who}）`;
    case '借出':
      return `借出（借用人 ${who}，应还 ${m.dueBack ?? ''}）`;
    case '外出':
      return `外出（携带人 ${who}，应于 ${m.dueBack ?? ''} 返回）`;
    case '丢失':
      return `丢失${who ? `（丢失时由 ${who} 持有）` : ''}`;
    default:
      return m.status;
  }
}

function participantsText(e: MediaEventView): string {
  return e.participants.map((p) => `${p.role} ${p.name}${p.acknowledged ? '（已签字）' : ''}`).join('\n');
}

function contentText(e: MediaEventView): string {
  return [e.summary, e.note ? `备注：${e.note}` : '', e.correctedBy !== null ? `【已被第 ${e.correctedBy} 条更正，不再有效】` : '', e.attachments ? `附件 ${e.attachments} 份` : '']
    .filter(Boolean)
    .join('\n');
}

/** The medium's fields, as the card's first section and the Excel sheet's facts give them. */
function cardFields(m: MediumDetail): { label: string; value: string; span?: number }[] {
  return [
    { label: '保密编号', value: m.number },
    { label: '介质类别', value: m.kind },
    { label: '品牌型号', value: m.model },
    { label: '序列号', value: serialText(m) },
    { label: '容量', value: m.capacity },
    { label: '密级', value: m.classification },
    { label: '保密期限', value: m.secrecyTerm },
    { label: '责任人', value: m.responsibleName },
    { label: '知悉/使用范围', value: m.scope, span: 2 },
    { label: '所属单位/部门', value: m.orgName },
    { label: '存放地点', value: m.location },
    { label: '关联合同', value: m.contractLabel ?? '', span: 2 },
    { label: '用途', value: m.purpose, span: 2 },
    { label: '启用日期', value: m.enabledOn ?? '' },
    { label: '报备日期', value: m.reportedOn ?? '' },
    { label: '当前状态', value: m.voidedAt ? `已作废（${m.voidedAt.slice(0, 10)}，原因：${m.voidReason ?? ''}）` : currentState(m), span: 2 },
    ...(m.note ? [{ label: '备注', value: m.note, span: 2 }] : []),
  ];
}

/** Who was responsible for the medium when: latest first. */
const responsibleRows = (m: MediumDetail) => [...m.responsibles].reverse().map((r) => [r.name, day(r.from), r.to ? day(r.to) : '至今', r.setByName]);

const openItemsText = (m: MediumDetail) => m.openItems.map((i) => `${i.kind}：${i.message}`).join('\n');

const CARD_TITLE = '介质履历卡';
const CARD_SIGNATURES = ['保管责任人', '保密员', '审核人', '日期'];
const cardSubtitle = (m: MediumDetail) => `${m.number}（${m.kind}${m.model ? `，${m.model}` : ''}）`;

export function mediumCard(m: MediumDetail): SheetDefinition {
  const sections: SheetSection[] = [
    {
      kind: 'fields',
      heading: '一、介质信息',
      perLine: 2,
      fields: cardFields(m),
    },
    {
      kind: 'table',
      heading: '二、责任人',
      columns: [
        { header: '责任人', width: 10, align: 'center' },
        { header: '起', width: 10, align: 'center' },
        { header: '止', width: 10, align: 'center' },
        { header: '经办人', width: 10, align: 'center' },
      ],
      rows: responsibleRows(m),
      empty: '无',
    },
    {
      kind: 'table',
      heading: '三、流转履历',
      columns: [
        { header: '序号', width: 4, align: 'center' },
        { header: '时间', width: 10, align: 'center' },
        { header: '记录', width: 8, align: 'center' },
        { header: '内容', width: 34 },
        { header: '相关人员', width: 14 },
        { header: '经办人', width: 7, align: 'center' },
      ],
      rows: m.timeline.map((e) => [String(e.seq), shortInstant(e.occurredAt).replace(' ', '\n'), e.type, contentText(e), participantsText(e), e.recordedByName]),
      empty: '无',
    },
  ];
  if (m.openItems.length > 0) {
    sections.push({ kind: 'text', heading: '四、待处理事项', text: openItemsText(m) });
  }
  return {
    title: CARD_TITLE,
    subtitle: cardSubtitle(m),
    fileStem: `${CARD_TITLE}-${m.number}`,
    orientation: 'portrait',
    sections,
    signatures: CARD_SIGNATURES,
  };
}

/** The card in Excel: the chain as rows (numbered by their 序号), the fields above, the rest below. */
export function mediumCardRegister(m: MediumDetail): RegisterDefinition<MediaEventView> {
  return {
    title: CARD_TITLE,
    subtitle: cardSubtitle(m),
    fileStem: `${CARD_TITLE}-${m.number}`,
    orientation: 'landscape',
    facts: cardFields(m)
      .filter((f) => f.value.trim() !== '')
      .map(({ label, value }) => ({ label, value })),
    rowNumber: (e) => String(e.seq),
    columns: [
      { header: '时间', width: 10, align: 'center', value: (e) => shortInstant(e.occurredAt) },
      { header: '记录', width: 8, align: 'center', value: (e) => e.type },
      { header: '内容', width: 34, value: contentText },
      { header: '相关人员', width: 14, value: participantsText },
      { header: '经办人', width: 7, align: 'center', value: (e) => e.recordedByName },
    ],
    closing: [
      { label: '责任人', value: responsibleRows(m).map(([name, from, to, by]) => `${name}（${to === '至今' ? `${from} 起至今` : `${from} 至 ${to}`}，经办人 ${by}）`).join('；') || '无' },
      ...(m.openItems.length > 0 ? [{ label: '待处理事项', value: openItemsText(m) }] : []),
    ],
    signatures: CARD_SIGNATURES,
  };
}

/** The card of one medium (not voided or voided: a voided one says so). */
export function selectMediumCard(
  db: Db,
  id: number,
  now: string,
  today: string,
): { medium: MediumDetail; def: SheetDefinition; xlsx: { def: RegisterDefinition<MediaEventView>; rows: MediaEventView[] } } {
  const medium = getMedium(db, id, now, today);
  return { medium, def: mediumCard(medium), xlsx: { def: mediumCardRegister(medium), rows: medium.timeline } };
}
