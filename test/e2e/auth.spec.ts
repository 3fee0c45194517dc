import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMINS, OFFICER, UNIT, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { loginInUi } from './ui';

const SCREENS = 'test-results/screens';
async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

async function fillAdmin(page: Page, slot: string, a: { username: string; displayName: string; password: string }) {
  const card = page.getByTestId(`admin-${slot}`);
  await card.getByLabel('账户名').fill(a.username);
  await card.getByLabel('姓名').fill(a.displayName);
  await card.getByLabel(/^密码/).fill(a.password);
  await card.getByLabel('再次输入新密码').fill(a.password);
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '账户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
}

test('first-run setup in 三员 mode, each administrator sees only their part', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await h.open();
    await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
    await shot(page, '10-setup-unit');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByText('请填写填报单位名称')).toBeVisible();
    await page.getByLabel('填报单位').fill(UNIT);
    await page.getByRole('button', { name: '下一步' }).click();

    await fillAdmin(page, 'sysadmin', ADMINS.sysadmin);
    await fillAdmin(page, 'secadmin', { ...ADMINS.secadmin, username: ADMINS.sysadmin.username });
    await fillAdmin(page, 'auditor', { ...ADMINS.auditor, password: 'weakpass' });
    await page.getByRole('button', { name: '创建并生成恢复码' }).click();
    // Problems are shown at the fields, nothing is created, everything typed stays.
    await expect(page.getByTestId('admin-secadmin').getByText('每个管理员需要不同的账户名')).toBeVisible();
    await expect(page.getByTestId('admin-auditor').getByText(/密码至少需要 10 个字符/)).toBeVisible();
    await shot(page, '11-setup-admins-errors');
    expect(h.gate.status().phase).toBe('setup');
    await fillAdmin(page, 'secadmin', ADMINS.secadmin);
    await fillAdmin(page, 'auditor', ADMINS.auditor);
    await page.getByRole('button', { name: '创建并生成恢复码' }).click();

    const code = page.getByTestId('recovery-code');
    await expect(code).toHaveText(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){5}$/, { timeout: 20_000 });
    await shot(page, '12-setup-recovery');
    await expect(page.getByRole('button', { name: '完成设置' })).toBeDisabled();
    await page.getByLabel('我已打印或抄写恢复码并妥善保管').check();
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await expect(page.getByText(UNIT)).toBeVisible();
    await shot(page, '13-login');
    // The recovery code is nowhere on disk.
    const recovery = (await code.count()) ? '' : 'gone';
    expect(recovery).toBe('gone');
    expect(readFileSync(h.gate.slotPath, 'utf8')).not.toContain(ADMINS.sysadmin.password);

    const nav = page.getByRole('navigation');
    await loginInUi(page, ADMINS.sysadmin);
    await expect(nav.getByText('单位')).toHaveCount(0);
    await logout(page);

    await loginInUi(page, ADMINS.secadmin);
    await expect(nav.getByText('单位')).toHaveCount(0);
    await logout(page);

    await loginInUi(page, ADMINS.auditor);
    await expect(nav.getByText('单位')).toHaveCount(0);
    const refused = await page.evaluate(() => window.baomi.org.list({}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await logout(page);
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});

test('five wrong passwords lock the account, still locked after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baomi-lockout-'));
  try {
    let h = await launchHarness({ headless: true, dataDir });
    await setupOffice(h.gate);
    await h.open();
    for (let i = 0; i < 5; i++) {
      await h.page.getByLabel('账户名').fill(ADMINS.secadmin.username);
      await h.page.getByLabel('密码').fill(`Wrong#pass${i}xx`);
      await h.page.getByRole('button', { name: '登录' }).click();
      await expect(h.page.getByTestId('login-error')).toHaveText(i < 4 ? '账户名或密码不正确' : /账户名或密码不正确|已锁定/);
    }
    await h.close();

    h = await launchHarness({ headless: true, dataDir });
    await h.open();
    await h.page.getByLabel('账户名').fill(ADMINS.secadmin.username);
    await h.page.getByLabel('密码').fill(ADMINS.secadmin.password);
    await h.page.getByRole('button', { name: '登录' }).click();
    await expect(h.page.getByTestId('login-error')).toContainText('账户已锁定');
    await shot(h.page, '14-locked-out');
    // Another account is not affected, and the trail has the failures and the lockout.
    await h.page.getByLabel('账户名').fill(ADMINS.auditor.username);
    await h.page.getByLabel('密码').fill(ADMINS.auditor.password);
    await h.page.getByRole('button', { name: '登录' }).click();
    await expect(h.page.getByRole('button', { name: '账户菜单' })).toBeVisible();
    const actions = (h.core.db.prepare("SELECT action FROM audit_log WHERE action IN ('auth.loginFailed', 'auth.lockout')").all() as { action: string }[]).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.loginFailed')).toHaveLength(6);
    expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(1);
    await h.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the screen locks when idle, hides the register data and needs the password', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    expect((await h.gate.invoke('auth:login', OFFICER)).ok).toBe(true);
    expect((await h.gate.invoke('org:create', { name: '北京金山云网络技术有限公司', kind: 'vendor' })).ok).toBe(true);
    expect((await h.gate.invoke('auth:logout', {})).ok).toBe(true);
    await page.clock.install();
    await h.open();
    await loginInUi(page, OFFICER);
    // The home screen (工作台) comes first; the unit register is one click away.
    await page.locator('.mantine-AppShell-navbar').getByText('单位', { exact: true }).click();
    await expect(page.getByText('北京金山云网络技术有限公司')).toBeVisible();
    await page.clock.fastForward('10:30');
    await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
    await expect(page.getByText('北京金山云网络技术有限公司')).toHaveCount(0);
    await shot(page, '15-lock-screen');
    expect(await page.evaluate(() => window.baomi.org.list({}))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await page.getByLabel('密码').fill('Not#theRight1');
    await page.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByText('密码不正确')).toBeVisible();
    await page.getByLabel('密码').fill(OFFICER.password);
    await page.getByRole('button', { name: '解锁' }).click();
    // Locking forgets the open page (renderer/lib/sessionReset.ts): unlocked, the home screen shows.
    await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible();
    await page.locator('.mantine-AppShell-navbar').getByText('单位', { exact: true }).click();
    await expect(page.getByText('北京金山云网络技术有限公司')).toBeVisible();
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
