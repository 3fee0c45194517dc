// Issue 9 (工作台) end to end: a prepared database with one case for each of several rules shows
// exactly those findings on the home screen after login; a finding opens its record; fixing one
// removes it; acknowledging one records the reason in the audit trail; the 保密工作检查表 prints
// and its text is checked.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../common/contracts/civil-date';
import { idCheckDigit } from '../../common/people/id-number';
import { DEFAULT_BACKUP_CONFIG } from '../../common/api/backup';
import { ADMINS, OFFICER, provisionUser, setupOffice, UNIT, value } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { date, dialog, loginInUi, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';
const VENDOR = '北京金山云网络技术有限公司';

const pad = (n: number) => String(n).padStart(2, '0');
const d = new Date();
const TODAY = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();
const findings = (page: Page) => page.getByTestId('finding');
const finding = (page: Page, rule: string) => page.locator(`[data-testid="finding"][data-rule="${rule}"]`);
const pdfText = (path: string) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

test('the home screen shows the findings of a prepared database, opens their records, loses a fixed one, records an acknowledgement and prints the checklist', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    const client = value<{ id: number }>(await h.gate.invoke('org:create', { name: UNIT, kind: 'client' }));
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor' }));
    // One contract: its renewal decision due (ends in 10 days), an installment 5 days overdue, no confidentiality agreement.
    const contract = value<{ id: number }>(
      await h.gate.invoke('contract:create', {
        numbers: [{ number: 'KSY 2024 0516 0003', scheme: '合同编号', isMain: true }],
        projectName: '政务云扩展服务',
        clientOrgId: client.id,
        vendorOrgId: vendor.id,
        signedDate: addDays(TODAY, -300),
        serviceStart: addDays(TODAY, -300),
        serviceEnd: addDays(TODAY, 10),
        amountFen: 67_472_000,
        installments: [{ fen: 67_472_000, condition: '验收合格后', dueDate: addDays(TODAY, -5) }],
      }),
    );
    const person = async (name: string, n: string) =>
      value<{ id: number; rev: number }>(
        await h.gate.invoke('person:create', { name, orgId: vendor.id, post: '运维工程师', idNumber: `${n}${idCheckDigit(n)}`, enteredOn: addDays(TODAY, -200) }),
      );
    // On the contract without a sign-off.
    const zhao = await person('赵驻场', '11010519880415003');
    value(await h.gate.invoke('assignment:create', { personId: zhao.id, contractId: contract.id, role: '驻场运维' }));
    // Signed, leaving: the departure date passed 3 days ago and the checklist is still open.
    const qian = await person('钱离岗', '31011519920308005');
    value(await h.gate.invoke('signoff:create', { personId: qian.id, kind: '上岗保密承诺书', signedDate: addDays(TODAY, -200) }));
    const current = value<{ rev: number }>(await h.gate.invoke('person:get', { id: qian.id }));
    value(await h.gate.invoke('person:startDeparture', { id: qian.id, rev: current.rev, kind: '离岗', date: addDays(TODAY, -3) }));
    value(await h.gate.invoke('auth:logout', {}));
    // The sysadmin has backed up today, so the backup rule finds nothing (db/findings/rules/backup.test.ts covers it).
    value(await h.gate.invoke('auth:login', ADMINS.sysadmin));
    value(await h.gate.invoke('backup:setConfig', { ...DEFAULT_BACKUP_CONFIG, folder: mkdtempSync(join(tmpdir(), 'baomi-home-backups-')) }));
    const { jobId } = value<{ jobId: string }>(await h.gate.invoke('backup:start', {}));
    await expect
      .poll(async () => value<{ state: string }>(await h.gate.invoke('job:status', { jobId })).state, { timeout: 30_000 })
      .toBe('done');
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    await test.step('the home screen is the first page and shows exactly the prepared findings, counted', async () => {
      await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible();
      await expect(findings(page)).toHaveCount(5);
      const rules = await findings(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')).sort());
      expect(rules).toEqual(['contract.installmentDue', 'contract.noAgreement', 'contract.renewalDecision', 'people.departureOpen', 'people.noSignOff']);
      await expect(page.getByTestId('count-严重')).toContainText('1');
      await expect(page.getByTestId('count-警告')).toContainText('4');
      await expect(page.getByTestId('register-contracts')).toHaveText('3');
      await expect(page.getByTestId('register-people')).toHaveText('2');
      // Most serious first.
      await expect(findings(page).first()).toHaveAttribute('data-rule', 'people.noSignOff');
      await expect(finding(page, 'people.noSignOff')).toContainText('赵驻场 作为驻场运维分派在合同“政务云扩展服务”');
      await expect(finding(page, 'contract.installmentDue')).toContainText('已逾期 5 天');
      await shot(page, 'home-01-findings');
    });

    await test.step('filters: the people register only, then due this week', async () => {
      await page.getByRole('button', { name: /人员与保密承诺/ }).click();
      await expect(findings(page)).toHaveCount(2);
      await page.getByRole('button', { name: /人员与保密承诺/ }).click();
      await page.getByTestId('count-week').click();
      const rules = await findings(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
      expect(rules).not.toContain('people.noSignOff');
      expect(rules).toContain('contract.installmentDue');
      await page.getByTestId('count-week').click();
      await expect(findings(page)).toHaveCount(5);
    });

    await test.step('a finding opens its record; fixing it removes it', async () => {
      await finding(page, 'people.noSignOff').getByRole('button', { name: '查看' }).click();
      const drawer = dialog(page);
      await untilSettled(drawer);
      await expect(drawer).toContainText('赵驻场');
      await shot(page, 'home-02-opened-record');
      await page.keyboard.press('Escape');
      await expect(drawer).toHaveCount(0);
      const signed = await page.evaluate(
        (id) => window.baomi.signoff.create({ personId: id, kind: '上岗保密承诺书', signedDate: new Date().toISOString().slice(0, 10) }),
        zhao.id,
      );
      expect(signed.ok).toBe(true);
      await nav(page, '工作台');
      await expect(findings(page)).toHaveCount(4);
      await expect(finding(page, 'people.noSignOff')).toHaveCount(0);
      await expect(page.getByTestId('count-严重')).toContainText('0');
    });

    await test.step('acknowledging one asks for a reason at the field, then hides it and records the reason', async () => {
      await finding(page, 'contract.installmentDue').getByRole('button', { name: '确认' }).click();
      const modal = page.getByRole('dialog', { name: /确认提醒：付款节点到期/ });
      await untilSettled(modal);
      await modal.getByLabel(/理由/).fill('已付');
      await modal.getByRole('button', { name: '确认暂缓' }).click();
      await expect(modal.getByText(/至少 5 个字/)).toBeVisible();
      await modal.getByLabel(/理由/).fill('发票未到，财务待发票到后支付');
      await date(modal, '暂缓至', addDays(TODAY, 14));
      await shot(page, 'home-03-acknowledge');
      await modal.getByRole('button', { name: '确认暂缓' }).click();
      await expect(modal).toHaveCount(0);
      await expect(finding(page, 'contract.installmentDue')).toHaveCount(0);
      const audit = h.core.db.prepare("SELECT summary FROM audit_log WHERE action = 'finding.acknowledge' ORDER BY seq DESC LIMIT 1").get() as { summary: string };
      expect(audit.summary).toContain('理由：发票未到，财务待发票到后支付');
      expect(audit.summary).toContain(`暂缓至 ${addDays(TODAY, 14)}`);
      const showAcknowledged = page.getByRole('switch', { name: /显示已确认的 1 项/ });
      await showAcknowledged.check();
      await expect(finding(page, 'contract.installmentDue')).toContainText('发票未到，财务待发票到后支付');
      await shot(page, 'home-04-acknowledged-shown');
      await showAcknowledged.uncheck();
      await expect(finding(page, 'contract.installmentDue')).toHaveCount(0);
    });

    await test.step('the 保密工作检查表 prints with the findings, the acknowledged one and the signature lines', async () => {
      await page.getByRole('button', { name: '打印检查表' }).click();
      await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
      const printDialog = page.getByRole('dialog', { name: '导出 PDF' });
      await printDialog.getByRole('button', { name: '选择位置并导出' }).click();
      const saved = page.getByText(/已保存到 .*\.pdf/);
      await expect(saved).toBeVisible();
      const path = /已保存到 (.*\.pdf)/.exec((await saved.textContent()) ?? '')![1]!;
      const text = pdfText(path);
      for (const expected of [
        '保密工作检查表',
        `检查日期：${TODAY}`,
        '人员2人（在岗2人）',
        '合同续签待决定',
        '合同未附保密协议',
        '调岗/离岗交接未办结',
        '发票未到，财务待发票到后支付',
        '检查人',
        '单位负责人',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('在岗人员无有效保密承诺');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(SCREENS, 'home-05-checklist')]);
    });

    await shot(page, 'home-06-after');
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
