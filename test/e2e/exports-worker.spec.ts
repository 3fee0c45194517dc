// Long exports run in a worker thread: the print dialog follows the job's progress (rows written)
// and reports the saved file; the IP whitelist shows a working notice, then the result or the
// reason it was not written.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { dialog, loginInUi, shot } from './ui';

const EXPORTS = 'test-results/exports-worker';
const ORGS = 20_000;

test('a large register is exported to Excel with a progress bar, and the whitelist reports its outcome', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.open();
    await loginInUi(page, OFFICER);
    const db = h.core.db;
    const now = new Date().toISOString();
    const insert = db.prepare(
      `INSERT INTO organisations (uuid, name, name_key, kind, created_at, created_by, updated_at, updated_by)
       VALUES (lower(hex(randomblob(16))), ?, ?, 'vendor', ?, 'seed', ?, 'seed')`,
    );
    db.transaction(() => {
      for (let i = 1; i <= ORGS; i++) insert.run(`测试科技有限公司第${i}分公司`, `ceshi${i}`, now, now);
    })();
    await page.locator('.mantine-AppShell-navbar').getByText('单位', { exact: true }).click();

    await test.step('the print dialog shows the rows written while the worker runs', async () => {
      await page.getByRole('button', { name: '打印与导出' }).click();
      await page.getByRole('menuitem', { name: '导出 Excel…' }).click();
      await dialog(page).getByRole('button', { name: '选择位置并导出' }).click();
      await expect(dialog(page).getByText(/正在写入 Excel：\d+ \/ 20000 条/)).toBeVisible({ timeout: 30_000 });
      await shot(page, 'exports-worker-01-progress');
      const saved = page.getByText(/已保存到 .*\.xlsx（共 20000 条记录）/);
      await expect(saved).toBeVisible({ timeout: 60_000 });
      await shot(page, 'exports-worker-02-saved');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(EXPORTS, `单位名录-${new Date().toISOString().slice(0, 10)}.xlsx`));
      expect(wb.worksheets[0]!.getCell(5 + ORGS, 1).value).toBe(`共 ${ORGS} 条`);
      expect((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'report.xlsx'").get() as { n: number }).n).toBe(1);
    });

    await test.step('an empty whitelist is not written, and the notice says why', async () => {
      await page.locator('.mantine-AppShell-navbar').getByText('访问IP报备', { exact: true }).click();
      await page.getByRole('button', { name: '导出白名单' }).click();
      await page.getByRole('menuitem', { name: /^文本/ }).click();
      await expect(page.getByText(/当前有效的 IP 报备为 0 项，白名单为空，未导出/)).toBeVisible({ timeout: 30_000 });
      await shot(page, 'exports-worker-03-whitelist-empty');
      expect((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ipfiling.whitelist'").get() as { n: number }).n).toBe(0);
    });
  } finally {
    await h.close();
  }
});
