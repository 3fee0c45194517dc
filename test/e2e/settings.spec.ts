import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { ADMINS, setupOffice } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { loginInUi } from './ui';

test('the system administrator changes the reporting unit and makes a new recovery code', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    const oldCode = await setupOffice(h.gate);
    await h.open();
    await loginInUi(page, ADMINS.sysadmin);
    await page.getByRole('navigation').getByText('系统设置').click();
    await expect(page.getByRole('heading', { name: '系统设置' })).toBeVisible();
    await expect(page.getByLabel('填报单位')).toHaveValue('北京市卫生健康监督所');
    await page.getByLabel('填报单位').fill('');
    await page.getByRole('form', { name: '系统设置' }).getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('请填写填报单位名称')).toBeVisible();
    await page.getByLabel('填报单位').fill('北京市卫生健康委员会监督所');
    await page.getByRole('form', { name: '系统设置' }).getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('系统设置已保存')).toBeVisible();
    mkdirSync('test-results/screens', { recursive: true });
    await page.screenshot({ path: 'test-results/screens/16-settings.png' });

    await page.getByRole('button', { name: '重新生成恢复码' }).click();
    await page.getByRole('button', { name: '作废旧码并生成新码' }).click();
    const code = page.getByTestId('recovery-code');
    await expect(code).toHaveText(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){5}$/);
    const newCode = (await code.textContent())!;
    expect(newCode).not.toBe(oldCode);
    await expect(page.getByRole('button', { name: '关闭' })).toBeDisabled();
    await page.getByLabel('我已打印或抄写恢复码并妥善保管').check();
    await page.getByRole('button', { name: '关闭' }).click();

    await page.getByRole('button', { name: '账户菜单' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect(page.getByText('北京市卫生健康委员会监督所')).toBeVisible();
    expect(h.gate.core).toBeNull();
    expect(await h.gate.invoke('auth:recover', { recoveryCode: oldCode, username: ADMINS.sysadmin.username, newPassword: 'Renewed#Pass2026' })).toMatchObject({ ok: false });
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
