import type { findingChannels } from '../../common/api/findings';
import { MAX_ACKNOWLEDGE_DAYS } from '../../common/api/findings';
import { DomainError } from '../../common/api/result';
import { addDays } from '../../common/contracts/civil-date';
import { localDate } from '../registers/contracts/repo';
import { tx, type Handlers } from '../router/handlers';
import { recordAcknowledgement } from './acknowledgements';
import { evaluate, listFindings } from './evaluate';
import { readLeads, writeLeads } from './leads';
import { RULES } from './registry';

const settings = (db: Parameters<typeof readLeads>[0]) => ({
  leads: readLeads(db, RULES),
  rules: RULES.map((r) => ({ id: r.id, register: r.register, severity: r.severity, title: r.title, description: r.description })),
});

export const findingHandlers: Handlers<typeof findingChannels> = {
  'findings:list': tx((ctx, filter) => listFindings(ctx.db, ctx.session, ctx.now(), localDate(ctx.now()), filter)),
  'findings:acknowledge': tx((ctx, input) => {
    const today = localDate(ctx.now());
    if (input.until < today) throw new DomainError('INVALID_INPUT', `有效期至 ${input.until} 早于今天（${today}），请选择今天或以后的日期`, 'until');
    const latest = addDays(today, MAX_ACKNOWLEDGE_DAYS);
    if (input.until > latest) {
      throw new DomainError('INVALID_INPUT', `确认最长有效一年：有效期至不能晚于 ${latest}。到期后如仍需暂缓，可再次确认`, 'until');
    }
    const rule = RULES.find((r) => r.id === input.ruleId);
    const finding = rule && evaluate(ctx.db, ctx.session, ctx.now(), today, [rule]).find((f) => f.key === input.key);
    if (!finding) throw new DomainError('NOT_FOUND', '该提醒已不存在（可能已经处理），请刷新工作台');
    const ack = recordAcknowledgement(
      ctx.db,
      { ruleId: input.ruleId, key: input.key, reason: input.reason, until: input.until, subject: finding.subject },
      { id: ctx.session.accountId, name: ctx.session.displayName },
      ctx.now().toISOString(),
    );
    ctx.audit({
      targetType: 'finding',
      targetId: ack.uuid,
      summary: `确认提醒“${finding.title}”（${finding.subject}），暂缓至 ${input.until}，理由：${input.reason}`,
      after: { ruleId: input.ruleId, key: input.key, reason: input.reason, until: input.until, message: finding.message },
    });
    const { uuid: _uuid, ...view } = ack;
    return view;
  }),
  'findings:settings': tx((ctx) => settings(ctx.db)),
  'findings:updateSettings': tx((ctx, { values }) => {
    const { before, after } = writeLeads(ctx.db, RULES, values);
    const changed = readLeads(ctx.db, RULES)
      .filter((l) => before[l.key] !== after[l.key])
      .map((l) => `${l.label} ${before[l.key]}→${after[l.key]}${l.unit}`);
    ctx.audit({ targetType: 'settings', targetId: 'findings.leads', summary: changed.length ? `修改工作台提醒设置：${changed.join('，')}` : '保存工作台提醒设置（无改动）', before, after });
    return settings(ctx.db);
  }),
};
