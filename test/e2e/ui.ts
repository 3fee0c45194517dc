import { expect, type Page } from '@playwright/test';

/** Logs in through the login screen, as a user would. */
export async function loginInUi(page: Page, user: { username: string; password: string; displayName: string }): Promise<void> {
  await page.getByLabel('账户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '账户菜单' })).toContainText(user.displayName, { timeout: 15_000 });
}
