import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { date, dialog, exportRegisterPdf, loginInUi, pick, rows, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';
const CLIENT = '北京市卫生健康监督所';
const KINGSOFT = { name: '北京金山云网络技术有限公司', uscc: '9111010857121431XA' };
const PROJECT = '卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务';
const DAXIE = '陆拾柒万肆仟柒佰贰拾元整';

const count = (h: Harness, sql: string) => (h.core.db.prepare(sql).get() as { n: number }).n;

test('an officer records contract 004 with installments, bond and agreement, sees it, opens it and prints the register', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    expect((await h.gate.invoke('auth:login', OFFICER)).ok).toBe(true);
    expect((await h.gate.invoke('org:create', { name: CLIENT, kind: 'client' })).ok).toBe(true);
    expect((await h.gate.invoke('org:create', { name: KINGSOFT.name, kind: 'vendor', uscc: KINGSOFT.uscc })).ok).toBe(true);
    expect((await h.gate.invoke('auth:logout', {})).ok).toBe(true);
    await h.open();
    await loginInUi(page, OFFICER);

    await page.locator('.mantine-AppShell-navbar').getByText('合同', { exact: true }).click();
    await expect(page.getByRole('heading', { name: '合同', exact: true })).toBeVisible();
    await expect(page.getByText('还没有登记任何合同')).toBeVisible();
    await page.keyboard.press('Control+n');
    const form = dialog(page);
    await expect(form.getByText('新增合同')).toBeVisible();

    await test.step('fill contract 004 with three mistakes: they are refused at the field and the form is kept', async () => {
      await form.getByLabel('合同编号 1', { exact: true }).fill('KSY 2024 0516 0003');
      await form.getByRole('button', { name: '添加编号' }).click();
      await form.getByLabel('编号类别 2', { exact: true }).fill('采购合同号');
      await form.getByLabel('合同编号 2', { exact: true }).fill('JDSHT2024014');
      await form.getByLabel('采购项目编号').fill('11000024210200081439-XM001');
      await form.getByLabel('项目名称').fill(PROJECT);
      await pick(form, page, '甲方', CLIENT);
      await pick(form, page, '乙方', KINGSOFT.name);
      await date(form, '签订日期', '2024-05-20');
      await form.getByLabel('签订地点').fill('北京市');
      await date(form, '服务开始日', '2024-05-24');
      await date(form, '服务结束日', '2024-05-01'); // before the start
      await form.getByLabel('合同金额').fill('12.345'); // beyond 分
      await form.getByLabel('合同金额').press('Tab');
      for (let i = 1; i <= 3; i++) {
        await form.getByRole('button', { name: '添加付款节点' }).click();
        await expect(form.getByLabel(`比例或金额 ${i}`, { exact: true })).toBeVisible();
      }
      await form.getByLabel('比例或金额 1', { exact: true }).fill('50');
      await form.getByLabel('付款条件 1', { exact: true }).fill('自合同签订之日起 20 日内首付款');
      await date(form, '应付日期 1', '2024-06-09');
      await date(form, '付款日期 1', '2024-06-05');
      await form.getByLabel('比例或金额 2', { exact: true }).fill('20');
      await form.getByLabel('付款条件 2', { exact: true }).fill('2024 年第三季度末前中期款');
      await form.getByLabel('比例或金额 3', { exact: true }).fill('20'); // adds up to 90
      await form.getByLabel('付款条件 3', { exact: true }).fill('2025 年财政资金预算批复后 30 个工作日内');
      await form.getByLabel('有履约保函').check();
      await form.getByLabel('保函比例或金额', { exact: true }).fill('5');
      await form.getByLabel('开具银行').fill('乙方开户行');
      await date(form, '保函有效期至', '2025-05-23');
      await form.getByRole('button', { name: '添加协议' }).click();
      await pick(form, page, '协议类型', '安全保密协议书');
      await date(form, '协议签订日期', '2024-05-20');
      await pick(form, page, '保密期限', '至公开之日');

      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('服务结束日 2024-05-01 早于开始日 2024-05-24')).toBeVisible();
      await expect(form.getByText('金额最多两位小数（到分）：“12.345”')).toBeVisible();
      await expect(form.getByTestId('amount-daxie')).toContainText('—');
      expect(count(h, 'SELECT count(*) AS n FROM contracts')).toBe(0);

      await date(form, '服务结束日', '2025-05-23');
      await form.getByLabel('合同金额').fill('¥674,720.00');
      await expect(form.getByTestId('amount-daxie')).toContainText(DAXIE);
      await expect(form.getByTestId('installment-total')).toContainText('各期比例合计 90%');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByRole('alert').filter({ hasText: '各期比例合计 90%，应为 100%' })).toBeVisible();
      await expect(form.getByLabel('项目名称')).toHaveValue(PROJECT);
      await expect(form.getByLabel('合同编号 2', { exact: true })).toHaveValue('JDSHT2024014');
      expect(count(h, 'SELECT count(*) AS n FROM contracts')).toBe(0);

      await form.getByLabel('比例或金额 3', { exact: true }).fill('30');
      await expect(form.getByTestId('installment-total')).toContainText('合计 ¥674,720.00，合同金额 ¥674,720.00');
      await expect(form.getByText('¥202,416.00')).toBeVisible();
      await shot(page, '41-contract-form');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      expect(count(h, 'SELECT count(*) AS n FROM contracts')).toBe(1);
    });

    const row = rows(page).filter({ hasText: 'KSY 2024 0516 0003' });
    await test.step('the list shows it with numbers, parties, amount and status', async () => {
      await expect(row).toContainText('JDSHT2024014');
      await expect(row).toContainText(CLIENT);
      await expect(row).toContainText(KINGSOFT.name);
      await expect(row).toContainText('¥674,720.00');
      await expect(row).toContainText('已到期');
      await expect(row).not.toContainText('无保密协议');
      await page.getByLabel('搜索').fill('ksy202405160003');
      await expect(rows(page)).toHaveCount(1);
      await page.getByLabel('搜索').fill('');
      await shot(page, '40-contracts-list');
    });

    await test.step('the detail shows everything read-only with 大写 and paid/unpaid', async () => {
      await row.click();
      const detail = page.getByTestId('contract-detail');
      await expect(detail).toContainText(DAXIE);
      await expect(detail).toContainText('已付 ¥337,360.00');
      await expect(detail).toContainText('未付 ¥337,360.00');
      await expect(detail).toContainText('安全保密协议书');
      await expect(detail).toContainText('5%（¥33,736.00）');
      await expect(detail).toContainText('还没有附件');
      // The contract's own history: who recorded it.
      await expect(page.getByTestId('contract-history')).toContainText('登记合同');
      await expect(page.getByTestId('contract-history')).toContainText(OFFICER.displayName);
      await untilSettled(page.getByRole('dialog'));
      await shot(page, '42-contract-detail');
      await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
      await expect(page.getByTestId('contract-detail')).toHaveCount(0);
    });

    await test.step('print the register to PDF', async () => {
      const pdf = await exportRegisterPdf(page);
      expect(pdf.startsWith(join(EXPORTS, '合同台账-'))).toBe(true);
      expect(existsSync(pdf)).toBe(true);
      // Cells wrap within their column: read in content order (-raw) and compare without whitespace.
      // The register prints numbers as typed: KSY 2024 0516 0003, 采购合同号：JDSHT2024014.
      const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of ['合同台账', 'KSY202405160003', '采购合同号：JDSHT2024014', DAXIE, '¥674,720.00', '安全保密协议书：2024-05-20／至公开之日', CLIENT]) expect(text).toContain(expected);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENS, '43-contracts-printed')]);
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
