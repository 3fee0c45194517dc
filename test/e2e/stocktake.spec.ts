// Issue 6 item 4 (介质清查) end to end: three media on the books, a stocktake started on the 介质清查
// page, two media found by typing their codes as a scanner would (one by its serial number), a code
// of no medium recorded as 账外, the stocktake closed with the third still unmarked — it becomes
// 缺失, gets its 清查结果 in its custody chain and is flagged among the media's open items — and the
// §6 介质清查表 exported to PDF and its text checked. The office, the officer, the unit, the people
// and the media are set up through the gate; everything else happens on the screen.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { idCheckDigit } from '../../common/people/id-number';
import { OFFICER, provisionUser, setupOffice, value } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { dialog, loginInUi, rows, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';
const VENDOR = '北京金山云网络技术有限公司';
const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();
const notifications = (page: Page) => page.locator('.mantine-Notification-root');
/** pdftotext of a PDF, whitespace removed (the printed cells wrap anywhere). */
const pdfText = (path: string) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

interface Medium {
  id: number;
  number: string;
}

test('an officer counts the media: two scanned, one unknown code, the third missing, flagged and printed', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor' }));
    const keeper = value<{ id: number }>(
      await h.gate.invoke('person:create', { name: '王保密', orgId: vendor.id, post: '保密员', idNumber: `11010519900101001${idCheckDigit('11010519900101001')}`, enteredOn: '2024-05-01' }),
    );
    value(await h.gate.invoke('signoff:create', { personId: keeper.id, kind: '上岗保密承诺书', signedDate: localDay(), witness: '刘处长', copies: 2, keptAt: '保密办' }));
    const register = async (fields: Record<string, unknown>) =>
      value<{ medium: Medium }>(
        await h.gate.invoke('media:create', { classification: '内部', responsibleId: keeper.id, orgId: vendor.id, location: '保密室 2 号柜', ...fields }),
      ).medium;
    const usb = await register({ kind: 'U盘', model: '金士顿 DTX 64G', serial: 'KS64-0001' });
    const disk = await register({ kind: '移动硬盘', model: '希捷 1TB', serial: 'WX41A9C7' });
    const laptop = await register({ kind: '笔记本电脑', model: '联想 ThinkPad X1', serial: 'PF3ABC12' });
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    await test.step('a stocktake of every registered medium is started; its list of three is frozen', async () => {
      await nav(page, '介质清查');
      await expect(page.getByText('还没有介质清查')).toBeVisible();
      await page.getByRole('button', { name: '开始清查' }).first().click();
      const form = dialog(page);
      await untilSettled(form);
      await form.getByLabel(/^清查名称/).fill('2026年一季度介质清查');
      await form.getByRole('button', { name: '开始清查' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(page.getByRole('heading', { name: /QC-\d{4}-001 2026年一季度介质清查/ })).toBeVisible();
      await expect(page.getByTestId('stocktake-progress')).toHaveText('已标记 0 / 应有 3 件');
      await expect(rows(page)).toHaveCount(3);
    });

    const scan = page.getByTestId('scan-input');
    const items = page.getByTestId('stocktake-items').locator('tbody tr');
    const feedback = page.getByTestId('scan-feedback');
    await test.step('two media typed as a scanner does — code and Enter — the input keeps the focus', async () => {
      await expect(scan).toBeFocused();
      await page.keyboard.type(usb.number.toLowerCase());
      await page.keyboard.press('Enter');
      await expect(feedback).toHaveText(`${usb.number} U盘 在位 ✓`);
      await expect(feedback).toHaveAttribute('data-color', 'green');
      await expect(scan).toHaveValue('');
      await expect(scan).toBeFocused();
      await page.keyboard.type('wx41a9c7');
      await page.keyboard.press('Enter');
      await expect(feedback).toHaveText(`${disk.number} 移动硬盘 在位 ✓（按序列号 wx41a9c7）`);
      await page.keyboard.type(usb.number);
      await page.keyboard.press('Enter');
      await expect(feedback).toHaveText(`${usb.number} U盘 已标记为在位，无需重复扫描`);
      await page.keyboard.type('JZ-1999-0042');
      await page.keyboard.press('Enter');
      await expect(feedback).toHaveText('未找到该编号“JZ-1999-0042”：已记为账外介质；如系输入错误，请在账外介质中撤销');
      await expect(feedback).toHaveAttribute('data-color', 'red');
      await expect(page.getByTestId('stocktake-extras')).toContainText('JZ-1999-0042');
      await expect(page.getByTestId('stocktake-progress')).toHaveText('已标记 2 / 应有 3 件');
      await expect(page.getByTestId('stocktake-counts')).toHaveText('应有 3 件 · 已标记 2 件 · 实有 2 件 · 缺失 0 · 状态不符 0 · 账外 1');
      await page.getByText('未标记 1', { exact: true }).click();
      await expect(items).toHaveCount(1);
      await expect(items.first()).toContainText(laptop.number);
      await page.getByText('全部 3', { exact: true }).click();
      await expect(items).toHaveCount(3);
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'stocktake-01-session');
    });

    await test.step('closing lists the unmarked laptop, which becomes 缺失', async () => {
      await page.getByRole('button', { name: '结束清查…' }).click();
      const form = dialog(page);
      await untilSettled(form);
      await expect(form.getByTestId('close-summary')).toHaveText('应有 3 件，实有 2 件（在位 2，状态不符 0），缺失 0 件，账外 1 件。');
      await expect(form.getByTestId('close-unmarked')).toContainText('以下 1 件介质尚未标记，结束后将按“缺失”登记：');
      await expect(form.getByTestId('close-unmarked')).toContainText(`${laptop.number} 笔记本电脑 联想 ThinkPad X1（在库）`);
      await expect(form.getByLabel(/^清查人/)).toHaveValue(OFFICER.displayName);
      await form.getByLabel(/^清查结论/).fill('笔记本电脑 1 台未见实物，已责成责任人说明去向');
      await form.getByLabel(/^监督人/).fill('刘处长');
      await shot(page, 'stocktake-02-close-dialog');
      await form.getByRole('button', { name: '确认结束清查' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(page.getByText('清查 QC-', { exact: false }).first()).toBeVisible();
      await expect(page.getByTestId('stocktake-counts')).toHaveText('应有 3 件 · 已标记 3 件 · 实有 2 件 · 缺失 1 · 状态不符 0 · 账外 1');
      await expect(items.filter({ hasText: laptop.number })).toContainText('缺失');
      await expect(scan).toHaveCount(0);
    });

    await test.step('the missing laptop has its 清查结果 and is flagged among the media open items', async () => {
      const overdue = value<{ number: string; kind: string; message: string }[]>(await h.gate.invoke('media:overdue', {}));
      expect(overdue.map((i) => [i.number, i.kind])).toEqual([[laptop.number, '清查异常']]);
      const chain = value<{ timeline: { type: string; data: Record<string, unknown> }[]; needsAttention: boolean }>(await h.gate.invoke('media:get', { id: laptop.id }));
      expect(chain.needsAttention).toBe(true);
      expect(chain.timeline.at(-1)).toMatchObject({ type: '清查结果', data: { result: '缺失' } });
      await page.getByRole('button', { name: '返回清查列表' }).click();
      const flags = page.getByTestId('stocktake-flags');
      await expect(flags).toContainText(laptop.number);
      await expect(flags).toContainText('清查结果为缺失');
      await expect(rows(page).filter({ hasText: '2026年一季度介质清查' })).toContainText('已结束');
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'stocktake-03-list');
    });

    await test.step('the §6 介质清查表 exported to PDF', async () => {
      await rows(page).filter({ hasText: '2026年一季度介质清查' }).click();
      await page.getByRole('button', { name: '打印清查表' }).click();
      await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
      const printDialog = page.getByRole('dialog', { name: '导出 PDF' });
      await printDialog.getByRole('button', { name: '选择位置并导出' }).click();
      const saved = page.getByText(/已保存到 .*\.pdf/);
      await expect(saved).toBeVisible();
      const path = /已保存到 (.*\.pdf)/.exec((await saved.textContent()) ?? '')![1]!;
      expect(existsSync(path)).toBe(true);
      const text = pdfText(path);
      for (const expected of [
        '介质清查表',
        '2026年一季度介质清查',
        '清查人：张保密',
        '监督人：刘处长',
        '应有数量：3件',
        '实有数量：2件',
        `${usb.number}U盘金士顿DTX64GKS64-0001内部王保密在库在位`,
        `${laptop.number}笔记本电脑联想ThinkPadX1PF3ABC12内部王保密在库缺失清查结束时仍未找到`,
        'JZ-1999-0042',
        '账外',
        '合计：应有3件，实有2件（在位2件，状态不符0件），缺失1件，账外1件',
        '清查结论：笔记本电脑1台未见实物，已责成责任人说明去向',
        '第1页共1页',
      ]) {
        expect(text).toContain(expected);
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SCREENS, 'stocktake-04-sheet')]);
    });
  } finally {
    await h.close();
  }
});
