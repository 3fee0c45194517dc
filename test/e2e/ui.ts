import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the journeys' screenshots and rendered printouts land. */
export const SCREENS = 'test-results/screens';

/** Logs in through the login screen, as a user would. */
export async function loginInUi(page: Page, user: { username: string; password: string; displayName: string }): Promise<void> {
  await page.getByLabel('账户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '账户菜单' })).toContainText(user.displayName, { timeout: 15_000 });
}

/** A full-page screenshot into SCREENS. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

/** The open dialog (modal or drawer). */
export const dialog = (page: Page): Locator => page.getByRole('dialog');
/** The rows of the page's data table. */
export const rows = (page: Page): Locator => page.locator('table tbody tr');

const labelled = (form: Locator, label: string) => form.getByLabel(new RegExp(`^${label}( \\*)?$`));

/** Chooses `option` in the select labelled `label` (a required field's label ends with “ *”). */
export async function pick(form: Locator, page: Page, label: string, option: string): Promise<void> {
  await labelled(form, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types a YYYY-MM-DD date into the date input labelled `label` and leaves it, as a user would. */
export async function date(form: Locator, label: string, value: string): Promise<void> {
  const input = labelled(form, label);
  await input.fill(value);
  await input.press('Tab');
  await expect(input).toHaveValue(value);
}

/**
 * Waits until `locator` (a modal or drawer) has finished moving in: no finite animation or
 * transition running in the page and the element at rest (no transform, fully opaque), so a
 * screenshot shows it where it stays.
 */
export async function untilSettled(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await expect
    .poll(() =>
      locator.evaluate((el) => {
        const moving = el.ownerDocument
          .getAnimations()
          .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
        const style = getComputedStyle(el);
        const still = style.transform === 'none' || style.transform === 'matrix(1, 0, 0, 1, 0, 0)';
        return moving.length === 0 && still && style.opacity === '1';
      }),
    )
    .toBe(true);
}

/**
 * Exports the register on screen to PDF through 打印与导出 → 导出 PDF… and returns the file's path,
 * as the app reports it (the file is named by the workstation's date).
 */
export async function exportRegisterPdf(page: Page): Promise<string> {
  await page.getByRole('button', { name: '打印与导出' }).click();
  await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
  await dialog(page).getByRole('button', { name: '选择位置并导出' }).click();
  const saved = page.getByText(/已保存到 .*\.pdf/);
  await expect(saved).toBeVisible();
  return /已保存到 (.*\.pdf)/.exec((await saved.textContent()) ?? '')![1]!;
}
