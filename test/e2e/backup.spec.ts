import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMINS, loginAs, OFFICER, provisionUser, setupOffice, value } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { dialog, loginInUi, SCREENS, untilSettled } from './ui';

const KEPT = '北京金山云网络技术有限公司';
const ADDED = '神州数码系统集成服务有限公司';

/** The window as the user sees it (the page scrolls inside the app's frame, so not the full page). */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), animations: 'disabled' });
}

async function logoutInUi(page: Page): Promise<void> {
  await page.getByRole('button', { name: '账户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 30_000 });
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation').getByText('系统设置').click();
  await expect(page.getByRole('heading', { name: '数据备份' })).toBeVisible();
}

async function officerAddsOrganisation(h: Harness, name: string): Promise<void> {
  await loginAs(h.gate, OFFICER);
  value(await h.gate.invoke('org:create', { name, kind: 'vendor' }));
  value(await h.gate.invoke('auth:logout', {}));
}

test('the system administrator backs up, verifies and restores; the old data and the restore are back in the trail', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  const folder = mkdtempSync(join(tmpdir(), 'baomi-backups-'));
  try {
    const recoveryCode = await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await officerAddsOrganisation(h, KEPT);
    await h.open();
    await loginInUi(page, ADMINS.sysadmin);
    const section = page.getByTestId('backup-section');

    await test.step('the sysadmin chooses the backup folder and saves the settings', async () => {
      await openSettings(page);
      await expect(section.getByTestId('backup-status')).toContainText('尚未选择备份文件夹');
      await expect(section.getByRole('button', { name: '立即备份' })).toBeDisabled();
      h.shell.folders.push(folder);
      await section.getByRole('button', { name: '选择…' }).click();
      await expect(section.getByLabel('备份文件夹')).toHaveValue(folder);
      const settings = section.getByRole('form', { name: '备份设置' });
      await settings.getByLabel('保留份数').fill('');
      await settings.getByRole('button', { name: '保存' }).click();
      await expect(settings.getByText('请填写保留份数')).toBeVisible();
      await settings.getByLabel('保留份数').fill('10');
      await settings.getByRole('button', { name: '保存' }).click();
      await expect(page.getByText('备份设置已保存')).toBeVisible();
      await expect(section.getByTestId('backup-status')).toContainText('还没有成功的备份');
      await expect(section.getByTestId('backup-list-empty')).toContainText('备份文件夹中还没有备份');
    });

    await test.step('backs up now, with a progress bar, and sees the backup in the folder', async () => {
      await section.getByRole('button', { name: '立即备份' }).click();
      await expect(section.getByTestId('backup-progress')).toBeVisible();
      await expect(page.getByText(/已备份到 .*\.bmbak，并已读回校验/)).toBeVisible({ timeout: 30_000 });
      await expect(section.getByTestId('backup-status')).toContainText('备份正常');
      const list = section.getByTestId('backup-list');
      await expect(list.locator('tbody tr')).toHaveCount(1);
      await expect(list.locator('tbody tr').first()).toContainText('手动备份');
      await expect(list.locator('tbody tr').first()).toContainText('单位 1');
      await expect(list.locator('tbody tr').first()).not.toContainText('合同 0');
      expect(readdirSync(folder).filter((f) => f.endsWith('.bmbak'))).toHaveLength(1);
      await section.getByRole('heading', { name: '数据备份' }).scrollIntoViewIfNeeded();
      await shot(page, 'backup-01-settings');
    });

    let withAdded = '';
    await test.step('the officer records another organisation afterwards', async () => {
      await logoutInUi(page); // with 退出时备份 on, this makes a second backup
      const before = new Set(readdirSync(folder));
      await officerAddsOrganisation(h, ADDED); // and so does the officer's logout, with the new organisation
      withAdded = readdirSync(folder).find((f) => f.endsWith('.bmbak') && !before.has(f))!;
      expect(withAdded).toBeDefined();
    });

    let backupTime = '';
    await test.step('the sysadmin verifies the manual backup: every check is listed', async () => {
      await loginInUi(page, ADMINS.sysadmin);
      await openSettings(page);
      const manual = section.getByTestId('backup-list').locator('tbody tr').filter({ hasText: '手动备份' });
      await expect(manual).toHaveCount(1);
      await manual.getByRole('button', { name: '校验' }).click();
      const report = dialog(page).getByTestId('backup-report');
      await expect(report).toBeVisible({ timeout: 30_000 });
      await expect(report).toContainText('核验通过：这份备份可以恢复');
      const checks = report.getByTestId('backup-check');
      await expect(checks).toHaveText([/^文件结构/, /^清单校验码/, /^内容摘要/, /^数据库完整性/, /^记录数/, /^审计链/]);
      await expect(report.getByTestId('backup-counts')).toContainText('单位1');
      await untilSettled(dialog(page));
      await shot(page, 'backup-02-verify-report');
    });

    await test.step('restores it after typing the backup time', async () => {
      await dialog(page).getByRole('button', { name: '恢复此备份…' }).click();
      const confirm = page.getByRole('dialog', { name: '确认从备份恢复' });
      await expect(confirm).toContainText('kept-before-restore');
      const label = (await confirm.getByText(/^请输入备份时间 .* 以确认$/).textContent())!;
      backupTime = /请输入备份时间 (.*) 以确认/.exec(label)![1]!;
      expect(backupTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      await confirm.getByRole('textbox').fill('2000-01-01 00:00');
      await confirm.getByRole('button', { name: '恢复' }).click();
      await expect(confirm.getByText(`输入的时间与备份时间 ${backupTime} 不一致`)).toBeVisible();
      await confirm.getByRole('textbox').fill(backupTime);
      await untilSettled(confirm);
      await shot(page, 'backup-03-restore-confirm');
      await confirm.getByRole('button', { name: '恢复' }).click();
      const notice = page.getByTestId('restore-notice');
      await expect(notice).toBeVisible({ timeout: 30_000 });
      await expect(notice).toContainText(`数据已恢复为 ${backupTime} 的备份`);
      await expect(notice).toContainText('kept-before-restore');
      await shot(page, 'backup-04-restored-login');
      expect(existsSync(join(h.dataDir, 'kept-before-restore'))).toBe(true);
    });

    await test.step('the officer finds the data as it was at the backup', async () => {
      await loginInUi(page, OFFICER);
      await page.getByRole('navigation').getByText('单位', { exact: true }).click();
      await expect(page.getByText(KEPT)).toBeVisible();
      await expect(page.getByText(ADDED)).toHaveCount(0);
      await logoutInUi(page);
    });

    await test.step('the auditor sees the restore in the audit trail', async () => {
      await loginInUi(page, ADMINS.auditor);
      const restored = page.locator('table tbody tr').filter({ hasText: '从备份恢复' });
      await expect(restored.first()).toBeVisible();
      await expect(restored.first()).toContainText('李系统');
      await logoutInUi(page);
    });

    await test.step('with no password known, the later backup is restored from the login screen with the recovery code', async () => {
      await page.getByRole('button', { name: '从备份恢复' }).click();
      await expect(page.getByRole('heading', { name: '从备份恢复' })).toBeVisible();
      await page.getByRole('button', { name: '选择备份文件并核验' }).click();
      await expect(page.getByText('恢复码为 24 位字母和数字（可带或不带短横线）')).toBeVisible();
      await page.getByLabel('恢复码').fill(recoveryCode);
      h.shell.openPaths.push(join(folder, withAdded));
      await page.getByRole('button', { name: '选择备份文件并核验' }).click();
      const report = page.getByTestId('backup-report');
      await expect(report).toContainText('核验通过：这份备份可以恢复', { timeout: 30_000 });
      await expect(report).toContainText('退出时备份');
      await page.getByRole('button', { name: '恢复此备份…' }).click();
      const confirm = page.getByRole('dialog', { name: '确认从备份恢复' });
      const label = (await confirm.getByText(/^请输入备份时间 .* 以确认$/).textContent())!;
      await confirm.getByRole('textbox').fill(/请输入备份时间 (.*) 以确认/.exec(label)![1]!);
      await confirm.getByRole('button', { name: '恢复' }).click();
      await expect(page.getByTestId('restore-notice')).toBeVisible({ timeout: 30_000 });
      await shot(page, 'backup-05-restored-with-recovery-code');
      await loginInUi(page, OFFICER);
      await page.getByRole('navigation').getByText('单位', { exact: true }).click();
      await expect(page.getByText(ADDED)).toBeVisible();
    });
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
