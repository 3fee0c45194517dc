import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADMINS, OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { loginInUi } from './ui';

const SCREENS = 'test-results/screens';
const EXPORTS = resolve('test-results/exports');
const ORG = { name: '北京金山云网络技术有限公司', uscc: '9111010857121431XA', contact: '王磊' };

// The harness page runs in Asia/Shanghai; the data core (this process) must count the same calendar days.
const zone = process.env.TZ;
test.beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
test.afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), animations: 'disabled' });
}

const rows = (page: Page) => page.locator('table tbody tr');
const seqOf = (h: Harness, action: string) =>
  (h.core.db.prepare('SELECT seq FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1').get(action) as { seq: number }).seq;

async function chooseEvent(page: Page, label: string | null) {
  const select = page.getByRole('combobox', { name: '事件类型' });
  if (label === null) {
    await page.getByRole('button', { name: '清除事件类型' }).click();
    await expect(select).toHaveValue('');
    return;
  }
  await select.click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await expect(select).toHaveValue(label);
}

test('the auditor reads, filters, verifies and prints the audit trail, and finds a tampered record', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);

    await test.step('the officer mistypes the password once, then records an organisation and corrects it', async () => {
      const refused = await h.gate.invoke('auth:login', { username: OFFICER.username, password: 'Wrong#Password1' });
      expect(refused.ok).toBe(false);
      expect((await h.gate.invoke('auth:login', { username: OFFICER.username, password: OFFICER.password })).ok).toBe(true);
      const created = await h.gate.invoke('org:create', { name: ORG.name, kind: 'vendor', uscc: ORG.uscc, contact: ORG.contact });
      expect(created.ok).toBe(true);
      const org = (created as { value: { id: number; rev: number } }).value;
      const updated = await h.gate.invoke('org:update', { id: org.id, rev: org.rev, name: ORG.name, kind: 'vendor', uscc: ORG.uscc, contact: '李娜', phone: '010-62927777' });
      expect(updated.ok).toBe(true);
      expect((await h.gate.invoke('auth:logout', {})).ok).toBe(true);
    });

    await h.open();
    await loginInUi(page, ADMINS.auditor);

    await test.step('the auditor sees the audit trail and nothing else', async () => {
      const nav = page.getByRole('navigation');
      await expect(nav).toContainText('审计记录');
      for (const other of ['单位', '账户', '安全策略']) await expect(nav.getByText(other, { exact: true })).toHaveCount(0);
      await expect(page.getByRole('heading', { name: '审计记录', exact: true })).toBeVisible();
      await expect(rows(page).first()).toBeVisible();
      // Newest first: the auditor's own login heads the list.
      await expect(rows(page).first()).toContainText('赵审计');
      await expect(rows(page).first()).toContainText('登录');
      await expect(rows(page).filter({ hasText: '单位修改' })).toHaveCount(1);
      await shot(page, '30-audit-list');
    });

    await test.step('the failed login is found by event type and account', async () => {
      await chooseEvent(page, '登录失败');
      await expect(rows(page)).toHaveCount(1);
      const failure = rows(page).first();
      await expect(failure).toContainText(OFFICER.username);
      await expect(failure).toContainText('失败');
      await page.getByRole('textbox', { name: '账户', exact: true }).fill('nobody');
      await expect(page.getByText('换一个日期范围或事件类型')).toBeVisible();
      await page.getByRole('textbox', { name: '账户', exact: true }).fill(OFFICER.username);
      await expect(rows(page)).toHaveCount(1);
      await page.getByRole('button', { name: '清除筛选' }).click();
      await expect(page.getByRole('combobox', { name: '事件类型' })).toHaveValue('');
    });

    await test.step('the organisation record is found by date and event type, and opened', async () => {
      await page.getByRole('button', { name: '起始日期' }).click();
      // Today, as the date picker marks it.
      await page.locator('[data-today]:not([data-outside])').click();
      await expect(page.getByRole('button', { name: '起始日期' })).toHaveText(/\d{4}-\d{2}-\d{2}/);
      await chooseEvent(page, '单位登记');
      await expect(rows(page)).toHaveCount(1);
      const record = rows(page).first();
      await expect(record).toContainText(OFFICER.displayName);
      await expect(record).toContainText('保密员');
      await expect(record).toContainText(`登记单位“${ORG.name}”`);
      await expect(record).toContainText('成功');

      await record.click();
      const drawer = page.getByRole('dialog', { name: `第 ${seqOf(h, 'org.create')} 条审计记录` });
      await expect(drawer).toBeVisible();
      const diff = drawer.getByTestId('audit-diff');
      await expect(diff.locator('tr').filter({ hasText: '统一社会信用代码' })).toContainText(ORG.uscc);
      await expect(diff.locator('tr').filter({ hasText: '联系人' })).toContainText(ORG.contact);
      await expect(diff.locator('tr').filter({ hasText: 'name' }).first()).toContainText(ORG.name);
      await expect(drawer.getByText('org:create')).toBeVisible();
      await expect(drawer.getByTestId('audit-mac')).toHaveText(/^[0-9a-f]{64}$/);
      await page.keyboard.press('Escape');
      await expect(drawer).toHaveCount(0);
    });

    await test.step('the correction shows what changed, field by field', async () => {
      await chooseEvent(page, '单位修改');
      await expect(rows(page)).toHaveCount(1);
      await rows(page).first().click();
      const drawer = page.getByRole('dialog', { name: `第 ${seqOf(h, 'org.update')} 条审计记录` });
      const diff = drawer.getByTestId('audit-diff');
      await expect(diff.locator('tr[data-changed]').filter({ hasText: '联系人' })).toContainText(`${ORG.contact}李娜`);
      await expect(diff.locator('tr[data-changed]').filter({ hasText: '电话' })).toContainText('010-62927777');
      await expect(diff.locator('tr:not([data-changed])').filter({ hasText: '统一社会信用代码' })).toContainText(ORG.uscc);
      await expect(drawer.getByTestId('audit-changed-count')).toHaveText(/^\d+ 个字段被修改$/);
      await shot(page, '31-audit-detail');
      await page.keyboard.press('Escape');
      await expect(drawer).toHaveCount(0);
    });

    await test.step('verification passes', async () => {
      await page.getByRole('button', { name: '校验审计链' }).click();
      const result = page.getByTestId('audit-verify-result');
      await expect(result).toContainText('审计链校验通过');
      await expect(result).toContainText(/通过：\d+ 条记录/);
      await shot(page, '32-audit-verify');
    });

    await test.step('the filtered audit register is exported to PDF, and the export is itself recorded', async () => {
      mkdirSync(EXPORTS, { recursive: true });
      const pdf = join(EXPORTS, '安全审计记录-e2e.pdf');
      rmSync(pdf, { force: true });
      h.shell.savePaths.push(pdf);
      await chooseEvent(page, null);
      await expect(rows(page).filter({ hasText: '审计链校验结果' })).toHaveCount(1);
      await page.getByRole('button', { name: '打印与导出' }).click();
      await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByLabel('填报单位')).toHaveValue('北京市卫生健康监督所');
      await dialog.getByRole('button', { name: '选择位置并导出' }).click();
      await expect(page.getByText(/已保存到 .*\.pdf/)).toBeVisible();
      expect(existsSync(pdf)).toBe(true);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of ['安全审计记录', ORG.name, '单位登记', '登录失败', '审计链校验结果', '审计员', '审核人', `打印：${ADMINS.auditor.displayName}`, '筛选条件：日期：']) {
        expect(text).toContain(expected);
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENS, '33-audit-printed')]);
      const recorded = h.core.db.prepare("SELECT actor_name AS who, target_id AS register FROM audit_log WHERE action = 'report.pdf'").all();
      expect(recorded).toEqual([{ who: ADMINS.auditor.displayName, register: 'audit' }]);
    });

    await test.step('a record changed behind the application is found by verification', async () => {
      const seq = seqOf(h, 'org.create');
      h.core.db.exec('DROP TRIGGER audit_log_no_update');
      h.core.db.prepare('UPDATE audit_log SET summary = ? WHERE seq = ?').run('登记单位“某某公司”', seq);
      h.core.db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
      expect(() => h.core.db.prepare('UPDATE audit_log SET summary = ? WHERE seq = ?').run('x', seq)).toThrow(/append-only/);

      await page.getByRole('button', { name: '校验审计链' }).click();
      const result = page.getByTestId('audit-verify-result');
      await expect(result).toContainText('审计链校验未通过');
      await expect(result).toContainText(`未通过：第 ${seq} 条审计记录`);
      await chooseEvent(page, '单位登记');
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText('登记单位“某某公司”');
      await shot(page, '34-audit-tampered');
      await result.getByRole('button', { name: `查看第 ${seq} 条` }).click();
      await expect(page.getByRole('dialog', { name: `第 ${seq} 条审计记录` })).toContainText('登记单位“某某公司”');
    });

    await test.step('the page reads in English too', async () => {
      await page.keyboard.press('Escape');
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
      await expect(rows(page).first()).toContainText('Organisation recorded');
      await shot(page, '35-audit-english');
      await page.getByText('中文', { exact: true }).click();
      await expect(page.getByRole('heading', { name: '审计记录', exact: true })).toBeVisible();
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
