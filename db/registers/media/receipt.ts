import type { z } from 'zod';
import type { MediaEventView, MediumDetail } from '../../../common/api/media';
import type { mediaReceiptFilterSchema } from '../../../common/api/mediaprint';
import { DomainError } from '../../../common/api/result';
import { HANDOVER_TYPES, shortInstant, type MediaEvent } from '../../../common/media/events';
import { eventDate } from '../../../common/media/machine';
import type { Db } from '../../core/open';
import type { SheetDefinition } from '../../reports/definition';
import { serialText } from './register';
import { eventOf } from './register-card';
import { responsibleAt } from './register-logs';
import { describeRow, getMedium } from './repo';

type Filter = z.output<typeof mediaReceiptFilterSchema>;
type Field = { label: string; value: string; span?: number };

/**
 * 介质交接单: one hand-over (发放/领用, 借出, 归还, 携带外出, 送外维修, 交回甲方, 销毁) on one A4 page —
 * the medium, what was handed over to whom and on what terms, and the signature lines of the party
 * handing over and the party receiving (with the approver, escort and witnesses where the event has
 * them). The signed paper is scanned and attached to the event (attachment owner `mediaEvent`).
 */

const yes = (done: boolean, how: string) => (done ? `是${how.trim() ? `（${how.trim()}）` : ''}` : '否');

function orgOf(db: Db, personId: number): string {
  return (db.prepare('SELECT o.name FROM people p JOIN organisations o ON o.id = p.org_id WHERE p.id = ?').pluck().get(personId) as string | undefined) ?? '';
}

/** The event's own fields, and who signs for which side. */
function terms(db: Db, event: MediaEvent, view: MediaEventView, keeper: string): { fields: Field[]; signatures: string[] } {
  const from = `交出方（保管人 ${keeper}）`;
  switch (event.type) {
    case '发放/领用':
      return {
        fields: [
          { label: '领用人', value: event.holder.name },
          { label: '所属单位', value: orgOf(db, event.holder.id) },
          { label: '用途', value: event.purpose, span: 2 },
        ],
        signatures: [from, `接收方（领用人 ${event.holder.name}）`],
      };
    case '借出':
      return {
        fields: [
          { label: '借用人', value: event.holder.name },
          { label: '所属单位', value: orgOf(db, event.holder.id) },
          { label: '用途', value: event.purpose },
          { label: '应还日期', value: event.dueBack },
        ],
        signatures: [from, `接收方（借用人 ${event.holder.name}）`],
      };
    case '归还': {
      const giver = view.participants.find((p) => p.role === '归还人')?.name ?? '';
      return {
        fields: [
          { label: '归还人', value: giver },
          { label: '核验人', value: event.checkedBy },
          { label: '核验情况', value: event.condition, span: 2 },
        ],
        signatures: [`交出方（归还人 ${giver}）`, `接收方（核验人 ${event.checkedBy.trim()}）`],
      };
    }
    case '携带外出':
      return {
        fields: [
          { label: '携带人', value: event.carrier.name },
          { label: '所属单位', value: orgOf(db, event.carrier.id) },
          { label: '外出地点', value: event.destination },
          { label: '事由/用途', value: event.purpose },
          { label: '是否加密', value: yes(event.encrypted, event.encryptionMethod) },
          { label: '预计返回日期', value: event.dueBack },
          { label: '审批人', value: event.approver },
        ],
        signatures: [from, `接收方（携带人 ${event.carrier.name}）`, `审批人 ${event.approver.trim()}`],
      };
    case '送外维修':
      return {
        fields: [
          { label: '故障情况', value: event.fault, span: 2 },
          { label: '维修单位', value: event.repairer },
          { label: '保密协议', value: yes(event.repairerAgreement, event.agreementRef) },
          { label: '是否已备份', value: event.backupDone ? '是' : '否' },
          { label: '技术处理', value: yes(event.sanitised, event.sanitisation) },
          { label: '送修人', value: event.sentBy },
          { label: '陪同人', value: event.escort },
          { label: '审批人', value: event.approver },
          { label: '预计修回日期', value: event.expectedBack ?? '' },
        ],
        signatures: [
          `交出方（送修人 ${event.sentBy.trim()}）`,
          `接收方（维修单位 ${event.repairer.trim()} 经手人）`,
          `陪同人 ${event.escort.trim()}`,
          `审批人 ${event.approver.trim()}`,
        ],
      };
    case '交回甲方':
      return {
        fields: [{ label: '甲方接收人', value: event.recipient, span: 2 }],
        signatures: [from, `接收方（甲方接收人 ${event.recipient.trim()}）`],
      };
    case '销毁':
      return {
        fields: [
          { label: '销毁原因', value: event.reason, span: 2 },
          { label: '销毁方式', value: event.method },
          { label: '销毁地点', value: event.place },
          { label: '销毁人', value: event.destroyer },
          { label: '监销人', value: event.witnesses.join('、') },
          { label: '审批人', value: event.approver },
        ],
        signatures: [
          from,
          `接收方（销毁人 ${event.destroyer.trim()}）`,
          ...event.witnesses.filter((w) => w.trim()).map((w) => `监销人 ${w.trim()}`),
          `审批人 ${event.approver.trim()}`,
        ],
      };
    default:
      // Refused before: only hand-overs reach here.
      return { fields: [], signatures: [] };
  }
}

/** Hand-overs to a person who will use the medium: the receipt carries their promise. */
const USER_RECEIVES: readonly string[] = ['发放/领用', '借出', '携带外出'];
const USER_PROMISE = '接收方承诺按保密规定使用和保管，不复制、不转借，不带离规定场所（经审批携带外出的除外），按期归还。';

/** 发放/领用、借出、归还、携带外出、送外维修、交回甲方、销毁 */
const HANDOVERS_TEXT = HANDOVER_TYPES.join('、');

/** The receipt of one hand-over event; refused for other events and for events voided by a correction. */
export function selectMediaReceipt(db: Db, filter: Filter, now: string, today: string): { medium: MediumDetail; view: MediaEventView; def: SheetDefinition } {
  const medium = getMedium(db, filter.mediumId, now, today);
  const view = medium.timeline.find((e) => e.seq === filter.seq);
  if (!view) throw new DomainError('NOT_FOUND', `${describeRow(medium)}没有第 ${filter.seq} 条记录，请刷新后重新选择`);
  const what = `${describeRow(medium)}第 ${view.seq} 条记录（${view.type}）`;
  if (!HANDOVER_TYPES.includes(view.type)) {
    throw new DomainError('RULE', `${what}不是交接，没有交接单可打印；交接单只用于${HANDOVERS_TEXT}`);
  }
  if (view.correctedBy !== null) {
    throw new DomainError('RULE', `${what}已被第 ${view.correctedBy} 条更正，不再有效，不能打印交接单`);
  }
  const event = eventOf(view);
  const keeper = responsibleAt(db, medium.id, event.occurredAt);
  const { fields, signatures } = terms(db, event, view, keeper);
  const subtitle = `${medium.number}（${medium.kind}）\u3000第 ${view.seq} 条 ${view.type}\u3000${eventDate(view.occurredAt)}`;
  return {
    medium,
    view,
    def: {
      title: '介质交接单',
      subtitle,
      fileStem: `介质交接单-${medium.number}-第${view.seq}条`,
      orientation: 'portrait',
      sections: [
        {
          kind: 'fields',
          heading: '一、介质',
          perLine: 2,
          fields: [
            { label: '保密编号', value: medium.number },
            { label: '介质类别', value: medium.kind },
            { label: '品牌型号', value: medium.model },
            { label: '序列号', value: serialText(medium) },
            { label: '容量', value: medium.capacity },
            { label: '密级', value: medium.classification },
            { label: '责任人', value: keeper },
            { label: '所属单位', value: medium.orgName },
          ],
        },
        {
          kind: 'fields',
          heading: `二、${view.type}`,
          perLine: 2,
          fields: [
            { label: '交接类型', value: view.type },
            { label: '交接时间', value: shortInstant(view.occurredAt) },
            ...fields,
            { label: '经办人', value: view.recordedByName },
            { label: '登记序号', value: `履历第 ${view.seq} 条` },
            ...(view.note ? [{ label: '备注', value: view.note, span: 2 }] : []),
          ],
        },
        {
          kind: 'text',
          heading: '三、确认',
          text:
            `交接双方已当面清点、核对上述介质及其状态，确认无误。${USER_RECEIVES.includes(view.type) ? USER_PROMISE : ''}\n` +
            `本单经签字后，请扫描并作为附件上传到该介质履历第 ${view.seq} 条记录（${view.type}），原件由保密员存档。`,
        },
      ],
      signatures: [...signatures, '日期'],
    },
  };
}
