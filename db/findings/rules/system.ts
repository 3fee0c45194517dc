import { DEFAULT_POLICY } from '../../../common/security/policy';
import { formatPrintedAt } from '../../reports/definition';
import { getSetting } from '../../core/settings';
import type { Found, Rule } from '../rule';

/**
 * Rules about the workstation itself: the audit trail's last verification and the signed-in
 * account's password. (The backup rule — last good backup too old, folder missing — joins them
 * from the backup register: db/findings/rules/backup.ts, listed in the registry.)
 */

/** The last verification of the audit chain (a full one, or a failed start-up check) failed. */
const auditVerification: Rule = {
  id: 'system.auditVerification',
  register: 'system',
  severity: '严重',
  title: '审计记录校验未通过',
  description: '最近一次审计链校验（完整校验或启动时校验）没有通过，审计记录可能被篡改或损坏。',
  query: () => ({
    sql: `SELECT seq, at, summary FROM audit_log WHERE action IN ('audit.verifyResult', 'audit.startupCheck') ORDER BY seq DESC LIMIT 1`,
    params: {},
  }),
  find(ctx) {
    const last = ctx.db
      .prepare(`SELECT seq, at, result, summary FROM audit_log WHERE action IN ('audit.verifyResult', 'audit.startupCheck') ORDER BY seq DESC LIMIT 1`)
      .get() as { seq: number; at: string; result: string; summary: string } | undefined;
    if (!last || last.result !== 'failed') return [];
    return [
      {
        key: `audit:${last.seq}`,
        subject: '安全审计记录',
        message: `${formatPrintedAt(new Date(last.at))} 的审计链校验未通过（${last.summary}）。请立即通知安全审计员核查，并保留现场；核查后由审计员重新完整校验。`,
        due: last.at.slice(0, 10),
        target: null,
      },
    ];
  },
};

const DAY = 86_400_000;

const passwordExpiry: Rule = {
  id: 'system.passwordExpiry',
  register: 'system',
  severity: '提示',
  title: '登录密码即将到期',
  description: '当前账户的登录密码临近安全策略规定的有效期。',
  leads: [{ key: 'system.passwordDays', label: '密码到期提前提醒天数', hint: '登录密码到期前多少天开始提醒修改', unit: '天', defaultValue: 14, min: 1, max: 60 }],
  find(ctx) {
    const days = { ...DEFAULT_POLICY, ...getSetting(ctx.db, 'security.policy') }.passwordExpiryDays;
    if (days === 0) return [];
    const account = ctx.db.prepare('SELECT password_changed_at AS changedAt FROM accounts WHERE uuid = ?').get(ctx.session.accountId) as
      | { changedAt: string }
      | undefined;
    if (!account) return [];
    const expires = new Date(new Date(account.changedAt).getTime() + days * DAY);
    const left = Math.ceil((expires.getTime() - ctx.now.getTime()) / DAY);
    if (left > ctx.lead('system.passwordDays')) return [];
    const when = formatPrintedAt(expires);
    const found: Found = {
      key: `password:${ctx.session.accountId}:${account.changedAt}`,
      subject: `账户 ${ctx.session.username}`,
      message: `登录密码将于 ${when} 到期（还剩 ${Math.max(left, 0)} 天），到期后登录时必须修改。请在右上角账户菜单中修改密码。`,
      due: when.slice(0, 10),
      target: { page: 'password', id: null },
    };
    return [found];
  },
};

export const systemRules: readonly Rule[] = [auditVerification, passwordExpiry];
