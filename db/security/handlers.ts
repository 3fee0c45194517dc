import { randomInt, randomUUID } from 'node:crypto';
import type { accountChannels, AccountView } from '../../common/api/account';
import { DomainError } from '../../common/api/result';
import { ROLE_LABELS } from '../../common/security/labels';
import { ADMIN_ROLES } from '../../common/security/roles';
import type { SecurityPolicy } from '../../common/security/policy';
import { getSetting, setSetting } from '../core/settings';
import { preparedTx, tx, type HandlerContext, type Handlers, type SecurityServices } from '../router/handlers';
import { createAccount, getAccount, listAccounts, recordPasswordChange, setRoles, setStatus, type Account } from './accounts';

function security(ctx: HandlerContext): SecurityServices {
  if (!ctx.security) throw new DomainError('RULE', '账户功能需要通过登录进入');
  return ctx.security;
}

function view(ctx: HandlerContext, account: Account): AccountView {
  const lock = security(ctx).lockouts()[account.username.toLowerCase()];
  const lockedUntil = lock?.lockedUntil && new Date(lock.lockedUntil).getTime() > ctx.now().getTime() ? lock.lockedUntil : null;
  const { createdAt: _c, updatedAt: _u, ...rest } = account;
  return { ...rest, lockedUntil };
}

/** A one-time password that meets any allowed policy: 16 characters from all four classes. */
export function oneTimePassword(): string {
  // No look-alike characters (0/O, 1/l/I) and only two easy symbols: it is read out or copied by hand.
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#@'];
  const chars = sets.map((set) => set.charAt(randomInt(set.length)));
  const all = sets.join('');
  while (chars.length < 16) chars.push(all.charAt(randomInt(all.length)));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function requireRev(account: Account, rev: number): void {
  if (account.rev !== rev) throw new DomainError('CONFLICT', `账户 ${account.username} 已被其他操作修改，请刷新后重试`);
}

function refuseSelf(ctx: HandlerContext, account: Account, what: string): void {
  if (account.uuid === ctx.session.accountId) throw new DomainError('RULE', `不能${what}自己的账户`);
}

const at = (ctx: HandlerContext) => ctx.now().toISOString();

export const accountHandlers: Handlers<typeof accountChannels> = {
  'account:list': tx((ctx) => ({ accounts: listAccounts(ctx.db).map((a) => view(ctx, a)), mode: getSetting(ctx.db, 'security.mode') })),

  'account:create': preparedTx(
    async (ctx, input) => {
      const password = oneTimePassword();
      const uuid = randomUUID();
      return { password, uuid, slot: await security(ctx).sealAccountSlot({ uuid, username: input.username }, password) };
    },
    (ctx, input, prepared) => {
      const created = createAccount(ctx.db, { ...input, roles: [], mustChangePassword: true }, security(ctx).mode(), ctx.session.accountId, at(ctx), {
        allowNoRoles: true,
      });
      ctx.db.prepare('UPDATE accounts SET uuid = ? WHERE id = ?').run(prepared.uuid, created.id);
      recordPasswordChange(ctx.db, created.id, security(ctx).passwordFingerprint(prepared.uuid, prepared.password), true, ctx.session.accountId, at(ctx));
      const account = getAccount(ctx.db, created.id);
      ctx.audit({ targetType: 'account', targetId: account.uuid, summary: `创建账户 ${account.username}（${account.displayName}），已生成一次性密码`, after: account });
      ctx.afterCommit(() => security(ctx).storeSlot(prepared.slot));
      return { account: view(ctx, account), oneTimePassword: prepared.password };
    },
  ),

  'account:resetPassword': preparedTx(
    async (ctx, input) => {
      const account = getAccount(ctx.db, input.id);
      const password = oneTimePassword();
      return { password, slot: await security(ctx).sealAccountSlot(account, password) };
    },
    (ctx, input, prepared) => {
      const before = getAccount(ctx.db, input.id);
      requireRev(before, input.rev);
      refuseSelf(ctx, before, '重置');
      // Otherwise one administrator could take over another's account (三员分立).
      if (before.roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r))) {
        throw new DomainError('RULE', `${before.username} 是管理员账户，密码不能由他人重置；遗忘密码时请本人使用恢复码设置新密码`);
      }
      recordPasswordChange(ctx.db, before.id, security(ctx).passwordFingerprint(before.uuid, prepared.password), true, ctx.session.accountId, at(ctx));
      const account = getAccount(ctx.db, input.id);
      ctx.audit({ targetType: 'account', targetId: account.uuid, summary: `重置账户 ${account.username} 的密码（一次性密码，下次登录须修改）` });
      ctx.afterCommit(() => {
        security(ctx).storeSlot(prepared.slot);
        security(ctx).clearLockout(account.username);
      });
      return { account: view(ctx, account), oneTimePassword: prepared.password };
    },
  ),

  'account:disable': tx((ctx, input) => {
    const current = getAccount(ctx.db, input.id);
    requireRev(current, input.rev);
    refuseSelf(ctx, current, '停用');
    const { before, after } = setStatus(ctx.db, input.id, 'disabled', ctx.session.accountId, at(ctx));
    ctx.audit({ targetType: 'account', targetId: after.uuid, summary: `停用账户 ${after.username}`, before, after });
    return view(ctx, after);
  }),

  'account:enable': tx((ctx, input) => {
    requireRev(getAccount(ctx.db, input.id), input.rev);
    const { before, after } = setStatus(ctx.db, input.id, 'active', ctx.session.accountId, at(ctx));
    ctx.audit({ targetType: 'account', targetId: after.uuid, summary: `启用账户 ${after.username}`, before, after });
    return view(ctx, after);
  }),

  'account:setRoles': tx((ctx, input) => {
    const current = getAccount(ctx.db, input.id);
    requireRev(current, input.rev);
    refuseSelf(ctx, current, '修改');
    const { before, after } = setRoles(ctx.db, input.id, input.roles, security(ctx).mode(), ctx.session.accountId, at(ctx));
    const names = after.roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
    ctx.audit({ targetType: 'account', targetId: after.uuid, summary: `为账户 ${after.username} 分配角色：${names}`, before: { roles: before.roles }, after: { roles: after.roles } });
    return view(ctx, after);
  }),

  'account:unlock': tx((ctx, input) => {
    const account = getAccount(ctx.db, input.id);
    requireRev(account, input.rev);
    refuseSelf(ctx, account, '解锁');
    ctx.audit({ targetType: 'account', targetId: account.uuid, summary: `解除账户 ${account.username} 的登录锁定` });
    ctx.afterCommit(() => security(ctx).clearLockout(account.username));
    return { ...view(ctx, account), lockedUntil: null };
  }),

  'policy:get': tx((ctx) => ({ ...security(ctx).policy() })),

  'policy:update': tx((ctx, input) => {
    const before = security(ctx).policy();
    const after: SecurityPolicy = { ...input };
    setSetting(ctx.db, 'security.policy', after);
    ctx.audit({ targetType: 'policy', targetId: 'security', summary: '修改安全策略', before, after });
    ctx.afterCommit(() => security(ctx).storePolicy(after));
    return after;
  }),
};
