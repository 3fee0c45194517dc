import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../db/attachments/samples';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { loginInUi, pick } from './ui';

const SCREENS = 'test-results/screens';
const EXPORTS = 'test-results/exports';
const NUMBER = 'KSY 2024 0516 0003';
const DAXIE = '陆拾柒万肆仟柒佰贰拾元整';

async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}
const count = (h: Harness, sql: string) => (h.core.db.prepare(sql).get() as { n: number }).n;

/** Reference contract 004 as the core takes it (its form journey is contracts.spec.ts). */
async function recordContract004(h: Harness): Promise<void> {
  const client = await h.gate.invoke('org:create', { name: '北京市卫生健康监督所', kind: 'client' });
  const vendor = await h.gate.invoke('org:create', { name: '北京金山云网络技术有限公司', kind: 'vendor', uscc: '9111010857121431XA' });
  if (!client.ok || !vendor.ok) throw new Error('organisations not created');
  const created = await h.gate.invoke('contract:create', {
    numbers: [
      { number: NUMBER, scheme: '合同编号', isMain: true },
      { number: 'JDSHT2024014', scheme: '采购合同号', isMain: false },
    ],
    procurementNumber: '11000024210200081439-XM001',
    projectName: '卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务',
    clientOrgId: (client.value as { id: number }).id,
    vendorOrgId: (vendor.value as { id: number }).id,
    signedDate: '2024-05-20',
    signedPlace: '北京市',
    serviceStart: '2024-05-24',
    serviceEnd: '2025-05-23',
    amountFen: 67_472_000,
    installments: [
      { percent: 50, condition: '自合同签订之日起 20 日内首付款' },
      { percent: 20, condition: '2024 年第三季度末前中期款' },
      { percent: 30, condition: '2025 年财政资金预算批复后 30 个工作日内' },
    ],
    bond: { percent: 5, bank: '乙方开户行', validUntil: '2025-05-23' },
    agreements: [{ kind: '安全保密协议书', signedDate: '2024-05-20', term: { kind: 'untilPublic' } }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
}

test('an officer records the obligations of contract 004, their completion with a report, and prints the summary sheet', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    expect((await h.gate.invoke('auth:login', OFFICER)).ok).toBe(true);
    await recordContract004(h);
    expect((await h.gate.invoke('auth:logout', {})).ok).toBe(true);
    await h.open();
    await loginInUi(page, OFFICER);

    await page.locator('.mantine-AppShell-navbar').getByText('合同', { exact: true }).click();
    await page.locator('table tbody tr').filter({ hasText: NUMBER }).click();
    const detail = page.getByTestId('contract-detail');
    const obligations = page.getByTestId('obligations');
    await expect(obligations).toContainText('还没有登记履行义务');

    await test.step('edit the contract to add a vendor contact: the phone is masked in the detail, full in the form', async () => {
      await detail.getByRole('button', { name: '编辑' }).click();
      const form = page.getByRole('dialog').filter({ hasText: '编辑合同' });
      await form.getByRole('button', { name: '乙方联系人' }).click();
      await form.getByLabel('姓名 1', { exact: true }).fill('金山云项目经理');
      await form.getByLabel('电话 1', { exact: true }).fill('13911112222');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form).toHaveCount(0);
      await expect(page.getByTestId('contract-contacts')).toContainText('金山云项目经理 139****2222');
      await detail.getByRole('button', { name: '编辑' }).click();
      const again = page.getByRole('dialog').filter({ hasText: '编辑合同' });
      await expect(again.getByLabel('电话 1', { exact: true })).toHaveValue('13911112222');
      await again.getByRole('button', { name: '取消' }).click();
      await expect(again).toHaveCount(0);
      expect(count(h, "SELECT count(*) AS n FROM audit_log WHERE action = 'contract.revealContacts'")).toBe(2);
    });

    await test.step('a service level: respond within 15 minutes (第二条 2.1)', async () => {
      await obligations.getByRole('button', { name: '新增履行义务' }).click();
      const form = page.getByRole('dialog', { name: '新增履行义务' });
      await form.getByLabel(/^履行事项/).fill('故障响应');
      await form.getByLabel('合同条款').fill('第二条 2.1');
      await form.getByLabel(/^履行周期/).click();
      await page.getByRole('option', { name: '服务时限（如 1 小时内响应）' }).click();
      await form.getByRole('textbox', { name: '时限', exact: true }).fill('15');
      await form.getByLabel(/^单位/).click();
      await page.getByRole('option', { name: '分钟', exact: true }).click();
      await form.getByLabel('时限内应').fill('响应');
      await expect(form.getByTestId('obligation-schedule-preview')).toHaveText('周期：15 分钟内响应');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form).toHaveCount(0);
      await expect(page.getByTestId('obligation-row').filter({ hasText: '故障响应' })).toContainText('按时限执行');
    });

    await test.step('主机漏洞扫描 20 times a year: the missing count is refused at the field, the form kept', async () => {
      await obligations.getByRole('button', { name: '新增履行义务' }).click();
      const form = page.getByRole('dialog', { name: '新增履行义务' });
      await form.getByLabel(/^履行事项/).fill('主机漏洞扫描');
      await form.getByLabel('合同条款').fill('附件2 第8项');
      await form.getByLabel(/^履行周期/).click();
      await page.getByRole('option', { name: '每年 N 次' }).click();
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('请填写每年次数')).toBeVisible();
      await expect(form.getByLabel(/^履行事项/)).toHaveValue('主机漏洞扫描');
      expect(count(h, "SELECT count(*) AS n FROM contract_obligations WHERE title = '主机漏洞扫描'")).toBe(0);
      await form.getByLabel(/^每年次数/).fill('20');
      await expect(form.getByTestId('obligation-schedule-preview')).toHaveText('周期：每年 20 次');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form).toHaveCount(0);
    });

    const scan = page.getByTestId('obligation-row').filter({ hasText: '主机漏洞扫描' });
    await test.step('never done since the service started in 2024: overdue, on the row and on the contract', async () => {
      // Period 1 runs 2024-05-24 – 2024-06-11 (a year of 365 days split 20 ways).
      await expect(scan.getByTestId('obligation-overdue')).toContainText('应于 2024-06-11 前完成');
      await expect(detail).toContainText('1 项义务逾期');
    });

    await test.step('record the first scan with its report attached', async () => {
      await scan.getByRole('button', { name: '登记完成' }).click();
      const form = page.getByRole('dialog', { name: '登记完成：主机漏洞扫描' });
      await expect(form).toContainText('本期 2024-05-24 至 2024-06-11，已登记 0/1 次。');
      const doneOn = form.getByLabel(/^完成日期/);
      await doneOn.fill('2024-06-05');
      await doneOn.press('Tab');
      await form.getByRole('button', { name: '保存完成记录' }).click();
      await expect(form.getByText('请填写完成情况（至少 2 个字）')).toBeVisible();
      await form.getByLabel(/^完成情况/).fill('完成首次主机漏洞扫描，发现中危漏洞 2 个，已整改；报告已提交甲方');
      await form.getByRole('button', { name: '保存完成记录' }).click();
      await expect(form.getByTestId('completion-saved')).toContainText('已登记 2024-06-05 的完成记录');
      h.shell.openFiles.push({ name: '漏洞扫描报告.pdf', bytes: samplePdf('scan report') });
      await form.getByRole('button', { name: '添加附件' }).click();
      await expect(form).toContainText('漏洞扫描报告.pdf');
      await form.getByRole('button', { name: '完成' }).click();
      await expect(form).toHaveCount(0);
    });

    await test.step('the next period is due now; the record and its report show under the row', async () => {
      await expect(scan.getByTestId('obligation-overdue')).toContainText('应于 2024-06-29 前完成');
      await expect(scan).toContainText('最近 2024-06-05，共 1 次');
      await scan.getByRole('button', { name: '展开“主机漏洞扫描”的完成记录' }).click();
      const record = page.getByTestId('completion-record');
      await expect(record).toContainText('2024-06-05：完成首次主机漏洞扫描');
      await expect(record).toContainText('漏洞扫描报告.pdf');
      await expect(record).toContainText(`${OFFICER.displayName} 于`);
      await obligations.scrollIntoViewIfNeeded();
      await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
      await shot(page, '44-contract-obligations');
    });

    await test.step('print the 合同概要表 to PDF and read it back', async () => {
      await detail.getByRole('button', { name: '打印概要表' }).click();
      await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 PDF' });
      await expect(dialog).toContainText(`将输出合同 ${NUMBER} 的概要表`);
      await dialog.getByRole('button', { name: '选择位置并导出' }).click();
      await expect(page.getByText(/已保存到 .*\.pdf/)).toBeVisible();
      const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      const pdf = join(EXPORTS, `合同概要表-${NUMBER}-${day}.pdf`);
      expect(existsSync(pdf)).toBe(true);
      const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of [
        '合同概要表',
        'KSY202405160003',
        '采购合同号：JDSHT2024014',
        DAXIE,
        '安全保密协议书（保密）',
        '至公开之日',
        '自合同签订之日起20日内首付款',
        '主机漏洞扫描',
        '每年20次',
        '共1次，最近：2024-06-05',
        '故障响应',
        '15分钟内响应',
        '经办人',
      ]) {
        expect(text).toContain(expected);
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SCREENS, '45-contract-summary-sheet')]);
    });

    await test.step('a second contract with the same number, typed differently, is refused at the field, the form kept', async () => {
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
      await page.keyboard.press('Control+n');
      const form = page.getByRole('dialog').filter({ hasText: '新增合同' });
      await form.getByLabel('合同编号 1', { exact: true }).fill('ksy202405160003');
      await form.getByLabel(/^项目名称/).fill('政务云扩展服务续签');
      await pick(form, page, '甲方', '北京市卫生健康监督所');
      await pick(form, page, '乙方', '北京金山云网络技术有限公司');
      await form.getByLabel(/^合同金额/).fill('100000');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText(/合同编号 ksy202405160003 已登记在合同“卫生监督信息化运维项目.*”（KSY 2024 0516 0003）名下/)).toBeVisible();
      await expect(form.getByLabel(/^项目名称/)).toHaveValue('政务云扩展服务续签');
      expect(count(h, 'SELECT count(*) AS n FROM contracts')).toBe(1);
      await form.getByRole('button', { name: '取消' }).click();
      await page.getByRole('button', { name: '放弃修改' }).click();
      await expect(form).toHaveCount(0);
    });

    await test.step('the register list shows the overdue obligation too', async () => {
      await expect(page.locator('table tbody tr').filter({ hasText: NUMBER })).toContainText('1 项义务逾期');
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
