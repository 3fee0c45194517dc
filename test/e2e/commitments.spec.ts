import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICER, provisionUser, setupOffice, UNIT, value } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { exportRegisterPdf, loginInUi, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';
const NUMBER = 'KSY 2024 0516 0003';
const PROJECT = '政务云扩展服务';
const VENDOR = '北京金山云网络技术有限公司';
/** The published sample of GB 11643; printed masked as 110*************2X. */
const ID_NUMBER = '11010519491231002X';
const ADDED = '八、本人已于{{签署日期}}阅读本承诺书全文，理解各项义务。';

test('an officer edits the 上岗保密承诺书 into version 2 and prints it for a person to PDF', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    const client = value<{ id: number }>(await h.gate.invoke('org:create', { name: UNIT, kind: 'client' }));
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor' }));
    const contract = value<{ id: number }>(
      await h.gate.invoke('contract:create', {
        numbers: [{ number: NUMBER, scheme: '合同编号', isMain: true }],
        projectName: PROJECT,
        clientOrgId: client.id,
        vendorOrgId: vendor.id,
        signedDate: '2024-05-20',
        serviceStart: '2024-05-24',
        serviceEnd: '2025-05-23',
        amountFen: 67_472_000,
      }),
    );
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    await test.step('a person on the contract, recorded through the client as the people screens would', async () => {
      const created = await page.evaluate(
        async ({ orgId, contractId, idNumber }) => {
          const person = await window.baomi.person.create({ name: '刘运维', orgId, post: '驻场运维工程师', idNumber, phone: '13800138000' });
          if (!person.ok) return person;
          return window.baomi.assignment.create({ personId: person.value.id, contractId, role: '驻场运维' });
        },
        { orgId: vendor.id, contractId: contract.id, idNumber: ID_NUMBER },
      );
      expect(created.ok).toBe(true);
    });

    await page.locator('.mantine-AppShell-navbar').getByText('承诺书模板', { exact: true }).click();
    await expect(page.getByRole('heading', { name: '承诺书模板', exact: true })).toBeVisible();
    const kinds = page.getByRole('list', { name: '承诺类型' });

    await test.step('five kinds, each at version 1; the first shows its text with placeholders as 〔姓名〕', async () => {
      await expect(kinds.getByRole('listitem')).toHaveCount(5);
      for (const kind of ['上岗保密承诺书', '保密协议', '在岗年度承诺', '专项保密承诺', '离岗保密承诺书']) {
        await expect(kinds.getByRole('listitem').filter({ hasText: kind })).toContainText('第 1 版');
      }
      await expect(page.getByTestId('template-text')).toContainText('本人〔姓名〕，身份证号码〔身份证号〕');
      await kinds.getByRole('listitem').filter({ hasText: '离岗保密承诺书' }).click();
      await expect(page.getByTestId('template-text')).toContainText('脱密期自〔脱密期开始〕起至〔脱密期结束〕止');
      await kinds.getByRole('listitem').filter({ hasText: '上岗保密承诺书' }).click();
      await shot(page, 'commitments-01-templates');
    });

    await test.step('edit: an unknown placeholder is refused at the field; a new paragraph with a chip saves as version 2', async () => {
      await page.getByRole('button', { name: '编辑' }).click();
      const editor = page.getByRole('dialog').filter({ hasText: '编辑“上岗保密承诺书”模板' });
      await untilSettled(editor);
      const body = editor.getByLabel(/^正文/);
      await body.press('Control+End');
      await body.pressSequentially('\n九、{{年龄}}');
      await expect(editor.getByTestId('template-preview')).toContainText('未知的占位符：{{年龄}}');
      await editor.getByRole('button', { name: '保存为新版本' }).click();
      await expect(editor.getByText(/正文：未知的占位符：\{\{年龄\}\}。可用的占位符：\{\{姓名\}\}/)).toBeVisible();

      const text = await body.inputValue();
      await body.fill(text.replace('\n九、{{年龄}}', `\n${ADDED.replace('{{签署日期}}', '')}`));
      // Put the cursor after “本人已于” and insert the date from its chip.
      const at = (await body.inputValue()).indexOf('本人已于') + '本人已于'.length;
      await body.evaluate((el: HTMLTextAreaElement, pos) => el.setSelectionRange(pos, pos), at);
      await editor.getByTestId('placeholder-chips').getByRole('button', { name: '{{签署日期}}' }).click();
      await expect(body).toHaveValue(new RegExp(ADDED.replace(/[{}]/g, '\\$&')));
      await expect(editor.getByTestId('template-preview')).toContainText('八、本人已于〔签署日期〕阅读本承诺书全文');
      await editor.getByLabel('修改说明').fill('增加第八条：阅读确认');
      await shot(page, 'commitments-02-editor');

      await editor.getByRole('button', { name: '保存为新版本' }).click();
      const confirm = page.getByRole('dialog', { name: '保存为第 2 版？' });
      await expect(confirm).toContainText('已登记的保密承诺仍保留其签署时的版本（第 1 版及更早），不受影响');
      await confirm.getByRole('button', { name: '确认保存' }).click();
      await expect(page.getByText('已保存“上岗保密承诺书”模板第 2 版')).toBeVisible();
      await expect(editor).toHaveCount(0);
    });

    await test.step('version 2 is current; the history keeps version 1, which can still be read', async () => {
      await expect(kinds.getByRole('listitem').filter({ hasText: '上岗保密承诺书' })).toContainText('第 2 版');
      await expect(page.getByTestId('template-text')).toContainText('八、本人已于〔签署日期〕阅读本承诺书全文');
      const history = page.getByTestId('commitment-history');
      await expect(history.locator('tbody tr')).toHaveCount(2);
      await expect(history.locator('tbody tr').nth(0)).toContainText('增加第八条：阅读确认');
      await expect(history.locator('tbody tr').nth(0)).toContainText(OFFICER.displayName);
      await expect(history.locator('tbody tr').nth(1)).toContainText('系统');
      await history.getByRole('button', { name: '查看 第 1 版' }).click();
      await expect(page.getByText('正在查看第 1 版，当前使用的是第 2 版。')).toBeVisible();
      await expect(page.getByTestId('template-text')).not.toContainText('八、本人已于');
      await page.getByRole('button', { name: '返回当前版本' }).click();
      await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'commitments-03-history');
    });

    await test.step('print the 上岗保密承诺书 for 刘运维 on the contract to PDF, ID number masked', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: '打印承诺书' }).click();
      const chooser = page.getByRole('dialog', { name: '打印承诺书：选择人员' });
      await chooser.getByLabel('人员').fill('刘运');
      await page.getByRole('option', { name: /刘运维（北京金山云网络技术有限公司）/ }).click();
      await chooser.getByRole('button', { name: '下一步' }).click();

      const form = page.getByRole('dialog', { name: '打印承诺书', exact: true });
      await untilSettled(form);
      await expect(form).toContainText(`为 刘运维（${VENDOR}）打印`);
      await expect(form.getByLabel('模板版本')).toHaveValue('当前版本（第 2 版）');
      await form.getByLabel('合同').click();
      await page.getByRole('option', { name: `${NUMBER} ${PROJECT}（驻场运维）` }).click();
      const signDate = form.getByLabel('签署日期');
      await signDate.fill('2025-03-03');
      await signDate.press('Tab');
      await expect(form.getByLabel('打印完整身份证号')).not.toBeChecked();
      // Choosing from the selects scrolled the page under the modal; a full-page shot wants it at the top.
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'commitments-04-print');

      const path = await exportRegisterPdf(page);
      expect(existsSync(path)).toBe(true);
      expect(path).toContain('上岗保密承诺书-刘运维-');
      const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of [
        '上岗保密承诺书',
        '本人刘运维，身份证号码110*************2X，系北京金山云网络技术有限公司驻场运维工程师',
        `因参与${PROJECT}（合同编号：KSY202405160003）的工作`,
        `在${UNIT}的工作场所`,
        '八、本人已于2025年3月3日阅读本承诺书全文',
        '承诺人（签字）：',
        '见证人：',
        '本承诺书一式＿＿份',
        '模板：上岗保密承诺书第2版',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain(ID_NUMBER);
      expect(text).not.toContain('{{');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(SCREENS, 'commitments-05-printed')]);
      const audit = h.core.db
        .prepare("SELECT summary FROM audit_log WHERE action = 'report.pdf' ORDER BY seq DESC LIMIT 1")
        .pluck()
        .get() as string;
      expect(audit).toContain('导出 PDF“上岗保密承诺书”（刘运维，北京金山云网络技术有限公司，模板第 2 版）');
    });
  } finally {
    await h.close();
  }
});
