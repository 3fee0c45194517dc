import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { deriveKek } from '../../db/security/kdf';
import { readSlotFile } from '../../db/security/slotfile';
import { unwrapKey } from '../../db/security/wrap';
import { corruptPageOf } from '../../db/testing/pages';
import { loginAs, OFFICER, provisionUser, setupOffice, value } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { dialog, loginInUi, SCREENS, shot } from './ui';

test('a damaged database opens read-only: the officer reads the registers, sees what is wrong and what to do, and cannot change anything', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await loginAs(h.gate, OFFICER);
    for (let i = 0; i < 120; i++) {
      value(await h.gate.invoke('org:create', { name: `测试单位${String(i).padStart(3, '0')}`, kind: 'vendor', note: '备注'.repeat(30) }));
    }
    value(await h.gate.invoke('auth:logout', {}));

    // A page of the audit trail goes bad on disk while the app is closed.
    const slot = readSlotFile(h.gate.slotPath)!.slots.find((s) => s.username === OFFICER.username)!;
    const key = unwrapKey(await deriveKek(OFFICER.password, slot.kdf), slot.sealed, slot.id)!;
    corruptPageOf(h.gate.dbPath, 'audit_log', key);
    const damaged = readFileSync(h.gate.dbPath);

    await h.open();
    await loginInUi(page, OFFICER);
    const panel = page.getByTestId('startup-health');
    await expect(panel.getByRole('heading', { name: '数据库已以只读方式打开' })).toBeVisible();
    await expect(panel).toContainText('快速完整性检查');
    await expect(panel).toContainText('数据库文件已损坏');
    await expect(panel).toContainText('由系统管理员从最近一次有效的备份恢复数据库');
    // The registers can still be read (the home screen comes first; the units are one click away).
    await page.locator('.mantine-AppShell-navbar').getByText('单位', { exact: true }).click();
    await expect(page.locator('table tbody tr').first()).toContainText('测试单位000');
    await panel.getByRole('button', { name: '显示详细信息' }).click();
    await expect(panel.locator('pre')).toContainText('unable to get the page');
    await shot(page, 'startup-01-read-only');

    // A change is refused with the reason, at once, and the form is kept.
    await page.getByRole('button', { name: '新增单位' }).click();
    const form = dialog(page);
    await form.getByLabel('单位名称').fill('北京金山云网络技术有限公司');
    await form.getByText('乙方', { exact: true }).click();
    await form.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(/数据库处于只读状态，不能保存修改/)).toBeVisible();
    await expect(form.getByLabel('单位名称')).toHaveValue('北京金山云网络技术有限公司');
    await page.screenshot({ path: `${SCREENS}/startup-02-change-refused.png` });

    // Nothing was written into the damaged file.
    expect(readFileSync(h.gate.dbPath).equals(damaged)).toBe(true);
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
