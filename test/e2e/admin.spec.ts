import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMINS, OFFICER, VIEWER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { loginInUi } from './ui';

const SCREENS = 'test-results/screens';

async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

const dialog = (page: Page) => page.getByRole('dialog');
const nav = (page: Page) => page.getByRole('navigation');
const navItem = (page: Page, name: string) => nav(page).getByText(name, { exact: true });
const row = (page: Page, username: string) => page.locator('table tbody tr').filter({ hasText: username });

function rolesOf(h: Harness, username: string): string[] {
  return (
    h.core.db
      .prepare('SELECT r.role FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE a.username = ? ORDER BY r.role')
      .all(username) as { role: string }[]
  ).map((r) => r.role);
}
function accountRow(h: Harness, username: string) {
  return h.core.db.prepare('SELECT id, rev, status, must_change_password AS mustChange FROM accounts WHERE username = ?').get(username) as
    | { id: number; rev: number; status: string; mustChange: number }
    | undefined;
}
const auditCount = (h: Harness, action: string) =>
  (h.core.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;
const storedPolicy = (h: Harness) =>
  JSON.parse((h.core.db.prepare("SELECT value FROM settings WHERE key = 'security.policy'").get() as { value: string }).value) as Record<string, number>;

async function logout(page: Page) {
  await page.getByRole('button', { name: '账户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

test('administrators: the sysadmin creates an account, the secadmin assigns its role and sets the policy, the user starts', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  let oneTimePassword = '';
  try {
    await setupOffice(h.gate);
    await h.open();

    await test.step('the sysadmin sees only the accounts page and cannot act on their own account', async () => {
      await loginInUi(page, ADMINS.sysadmin);
      await expect(page.getByRole('heading', { name: '账户', exact: true })).toBeVisible();
      await expect(navItem(page, '账户')).toBeVisible();
      for (const hidden of ['单位', '安全策略', '审计记录']) await expect(navItem(page, hidden)).toHaveCount(0);
      await expect(page.getByTestId('admin-mode')).toContainText('三员分立');
      await expect(row(page, ADMINS.sysadmin.username)).toContainText('本人账户，不能在此操作');
      await expect(row(page, ADMINS.sysadmin.username).getByRole('button')).toHaveCount(0);
      // No administrator can reset another administrator's password (the recovery code is their way back).
      await expect(row(page, ADMINS.auditor.username).getByRole('button', { name: `重置密码 ${ADMINS.auditor.username}` })).toHaveCount(0);
      await expect(row(page, ADMINS.auditor.username).getByRole('button', { name: `停用 ${ADMINS.auditor.username}` })).toBeVisible();
      // Role assignment belongs to the security administrator.
      await expect(page.getByRole('button', { name: /^分配角色/ })).toHaveCount(0);
    });

    await test.step('a taken account name is refused at the field; the new account gets a one-time password shown once', async () => {
      await page.getByRole('button', { name: '新建账户' }).click();
      const form = dialog(page);
      await form.getByLabel('账户名').fill(ADMINS.secadmin.username);
      await form.getByLabel('姓名').fill(OFFICER.displayName);
      await form.getByRole('button', { name: '创建并生成一次性密码' }).click();
      await expect(form.getByText(`账户名 ${ADMINS.secadmin.username} 已被“${ADMINS.secadmin.displayName}”使用`)).toBeVisible();
      await expect(form.getByLabel('姓名')).toHaveValue(OFFICER.displayName);
      await shot(page, '19-new-account-refused');
      expect(accountRow(h, OFFICER.username)).toBeUndefined();

      await form.getByLabel('账户名').fill(OFFICER.username);
      await form.getByRole('button', { name: '创建并生成一次性密码' }).click();
      const otp = page.getByRole('dialog', { name: '账户已创建' });
      await expect(otp).toContainText(`${OFFICER.displayName}（${OFFICER.username}）的一次性密码`);
      await expect(otp).toContainText('此密码只显示这一次');
      await expect(otp).toContainText('首次登录时必须修改');
      oneTimePassword = (await otp.getByTestId('one-time-password').innerText()).trim();
      expect(oneTimePassword).toMatch(/^\S{16}$/);
      await expect(otp).toHaveCSS('opacity', '1');
      await shot(page, '21-otp');

      const stored = accountRow(h, OFFICER.username);
      expect(stored).toMatchObject({ status: 'active', mustChange: 1 });
      expect(rolesOf(h, OFFICER.username)).toEqual([]);
      expect(auditCount(h, 'account.create')).toBe(1);

      await otp.getByRole('button', { name: '我已记下，关闭' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      // Gone from the page once closed.
      await expect(page.getByText(oneTimePassword)).toHaveCount(0);
      const created = row(page, OFFICER.username);
      await expect(created).toContainText(OFFICER.displayName);
      await expect(created).toContainText('未分配角色');
      await expect(created).toContainText('待修改密码');
      await expect(created).toContainText('从未登录');
      await shot(page, '20-accounts');
      await logout(page);
    });

    await test.step('the secadmin sees accounts and the policy, not the registers', async () => {
      await loginInUi(page, ADMINS.secadmin);
      await expect(navItem(page, '账户')).toBeVisible();
      await expect(navItem(page, '安全策略')).toBeVisible();
      for (const hidden of ['单位', '审计记录']) await expect(navItem(page, hidden)).toHaveCount(0);
      await navItem(page, '账户').click();
      await expect(page.getByRole('heading', { name: '账户', exact: true })).toBeVisible();
      // Account management belongs to the system administrator.
      await expect(page.getByRole('button', { name: '新建账户' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /^重置密码/ })).toHaveCount(0);
      await expect(row(page, ADMINS.secadmin.username).getByRole('button')).toHaveCount(0);
    });

    await test.step('an administrator role with 保密员 is refused by the rule; 保密员 alone is assigned', async () => {
      await page.getByRole('button', { name: `分配角色 ${OFFICER.username}` }).click();
      const form = dialog(page);
      await expect(form).toContainText('三员分立');
      await form.getByRole('checkbox', { name: '保密员' }).check();
      await form.getByRole('checkbox', { name: '安全审计员' }).check();
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('管理员角色不能与保密员、查阅角色由同一账户兼任')).toBeVisible();
      await expect(form.getByRole('checkbox', { name: '保密员' })).toBeChecked();
      await expect(form.getByRole('checkbox', { name: '安全审计员' })).toBeChecked();
      await expect(form).toHaveCSS('opacity', '1');
      await shot(page, '22-roles');
      expect(rolesOf(h, OFFICER.username)).toEqual([]);

      await form.getByRole('checkbox', { name: '安全审计员' }).uncheck();
      await expect(form.getByText('管理员角色不能与保密员、查阅角色由同一账户兼任')).toHaveCount(0);
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(page.getByText(`已为 ${OFFICER.username} 分配角色：保密员`)).toBeVisible();
      await expect(row(page, OFFICER.username)).toContainText('保密员');
      await expect(row(page, OFFICER.username)).not.toContainText('未分配角色');
      expect(rolesOf(h, OFFICER.username)).toEqual(['officer']);
      expect(auditCount(h, 'account.setRoles')).toBe(1);
    });

    await test.step('the idle lock is changed within its bounds; a value outside them is refused at the field', async () => {
      await navItem(page, '安全策略').click();
      await expect(page.getByRole('heading', { name: '安全策略', exact: true })).toBeVisible();
      const idle = page.getByRole('textbox', { name: '无操作自动锁屏' });
      await expect(idle).toHaveValue('10');
      await expect(page.getByText('允许范围：1–60 分钟')).toBeVisible();
      await expect(page.getByText('允许范围：0–365 天')).toBeVisible();
      await shot(page, '23-policy');

      await idle.fill('90');
      await expect(page.getByText('不能大于 60')).toBeVisible();
      await page.getByRole('button', { name: '保存安全策略' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(idle).toHaveValue('90');
      await shot(page, '24-policy-refused');
      expect(storedPolicy(h).idleLockMinutes).toBe(10);

      await idle.fill('15');
      await expect(page.getByText('不能大于 60')).toHaveCount(0);
      await page.getByRole('button', { name: '保存安全策略' }).click();
      const confirm = page.getByRole('dialog', { name: '保存安全策略' });
      await expect(confirm.getByTestId('policy-changes')).toHaveText('无操作自动锁屏：10 分钟 → 15 分钟');
      await expect(confirm).toHaveCSS('opacity', '1');
      await shot(page, '25-policy-confirm');
      await confirm.getByRole('button', { name: '确认保存' }).click();
      await expect(page.getByText('安全策略已保存并生效')).toBeVisible();
      await expect(page.getByRole('button', { name: '保存安全策略' })).toBeDisabled();
      expect(storedPolicy(h)).toMatchObject({ idleLockMinutes: 15, passwordMinLength: 10, lockoutThreshold: 5 });
      expect(auditCount(h, 'policy.update')).toBe(1);
      await logout(page);
    });

    await test.step('the new user logs in with the one-time password, must change it, then sees the registers', async () => {
      await page.getByLabel('账户名').fill(OFFICER.username);
      await page.getByLabel('密码').fill(oneTimePassword);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('heading', { name: '请修改密码' })).toBeVisible({ timeout: 15_000 });
      await page.getByLabel('当前密码').fill(oneTimePassword);
      await page.getByLabel(/^新密码/).fill(OFFICER.password);
      await page.getByLabel('再次输入新密码').fill(OFFICER.password);
      await page.getByRole('button', { name: '修改密码' }).click();
      await expect(page.getByRole('button', { name: '账户菜单' })).toContainText(OFFICER.displayName, { timeout: 15_000 });
      await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible();
      await expect(navItem(page, '单位')).toBeVisible();
      for (const hidden of ['账户', '安全策略', '审计记录']) await expect(navItem(page, hidden)).toHaveCount(0);
      expect(accountRow(h, OFFICER.username)).toMatchObject({ mustChange: 0 });
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});

test('administrators: unlock, disable with the coverage rule, enable, reset; no action on one’s own account', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, VIEWER);
    // Five wrong passwords lock the viewer out (the default policy).
    for (let i = 0; i < 5; i++) expect((await h.gate.invoke('auth:login', { username: VIEWER.username, password: 'wrong-Password-1' })).ok).toBe(false);
    await h.open();

    await test.step('the secadmin sees the lockout and lifts it', async () => {
      await loginInUi(page, ADMINS.secadmin);
      const viewer = row(page, VIEWER.username);
      await expect(viewer).toContainText('锁定至');
      await expect(viewer).toContainText('查阅');
      await shot(page, '26-locked');
      await viewer.getByRole('button', { name: `解除锁定 ${VIEWER.username}` }).click();
      await expect(page.getByText(`已解除 ${VIEWER.username} 的登录锁定`)).toBeVisible();
      await expect(viewer).not.toContainText('锁定至');
      await expect(viewer.getByRole('button', { name: /^解除锁定/ })).toHaveCount(0);
      expect(auditCount(h, 'account.unlock')).toBe(1);

      // The router refuses an action on one's own account whatever the page shows.
      const self = accountRow(h, ADMINS.secadmin.username)!;
      const refused = await page.evaluate((ref) => window.baomi.account.setRoles({ ...ref, roles: ['secadmin', 'officer'] }), { id: self.id, rev: self.rev });
      expect(refused).toMatchObject({ ok: false, error: { code: 'RULE' } });
      await logout(page);
    });

    await test.step('the sysadmin cannot disable the only auditor; disables and enables the viewer', async () => {
      await loginInUi(page, ADMINS.sysadmin);
      await page.getByRole('button', { name: `停用 ${ADMINS.auditor.username}` }).click();
      let confirm = page.getByRole('dialog', { name: '停用账户' });
      await expect(confirm).toContainText(`${ADMINS.auditor.displayName}（${ADMINS.auditor.username}）`);
      await confirm.getByRole('button', { name: '确认停用' }).click();
      await expect(confirm.getByTestId('form-error')).toHaveText('至少需要保留一个启用的安全审计员账户');
      await confirm.getByRole('button', { name: '取消' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      expect(accountRow(h, ADMINS.auditor.username)?.status).toBe('active');

      await page.getByRole('button', { name: `停用 ${VIEWER.username}` }).click();
      confirm = page.getByRole('dialog', { name: '停用账户' });
      await confirm.getByRole('button', { name: '确认停用' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(row(page, VIEWER.username)).toContainText('停用');
      expect(accountRow(h, VIEWER.username)?.status).toBe('disabled');
      await shot(page, '27-disabled');

      await page.getByRole('button', { name: `启用 ${VIEWER.username}` }).click();
      await expect(page.getByText(`已启用账户 ${VIEWER.username}`)).toBeVisible();
      await expect(page.getByRole('button', { name: `停用 ${VIEWER.username}` })).toBeVisible();
      expect(accountRow(h, VIEWER.username)?.status).toBe('active');
    });

    await test.step('the page reads in English too', async () => {
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
      await expect(page.getByTestId('admin-mode')).toContainText('Three separate administrators');
      await expect(row(page, VIEWER.username)).toContainText('Viewer');
      await shot(page, '28-accounts-en');
      await page.getByText('中文', { exact: true }).click();
      await expect(page.getByRole('heading', { name: '账户', exact: true })).toBeVisible();
    });

    let resetPassword = '';
    await test.step('a password reset is confirmed, names the account and shows a new one-time password', async () => {
      await page.getByRole('button', { name: `重置密码 ${VIEWER.username}` }).click();
      const confirm = page.getByRole('dialog', { name: '重置密码' });
      await expect(confirm).toContainText(`${VIEWER.displayName}（${VIEWER.username}）`);
      await confirm.getByRole('button', { name: '重置并生成一次性密码' }).click();
      const otp = page.getByRole('dialog', { name: '密码已重置' });
      resetPassword = (await otp.getByTestId('one-time-password').innerText()).trim();
      expect(resetPassword).toMatch(/^\S{16}$/);
      await otp.getByRole('button', { name: '我已记下，关闭' }).click();
      await expect(row(page, VIEWER.username)).toContainText('待修改密码');
      expect(accountRow(h, VIEWER.username)?.mustChange).toBe(1);
      expect(auditCount(h, 'account.resetPassword')).toBe(1);
      expect(h.consoleErrors).toEqual([]);
    });

    await test.step('the old password no longer opens the account; the one-time one does, with a forced change', async () => {
      expect((await h.gate.invoke('auth:login', { username: VIEWER.username, password: VIEWER.password })).ok).toBe(false);
      const status = await h.gate.invoke('auth:login', { username: VIEWER.username, password: resetPassword });
      expect(status).toMatchObject({ ok: true, value: { user: { mustChangePassword: true } } });
    });
  } finally {
    await h.close();
  }
});
