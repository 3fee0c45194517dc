import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICER, VIEWER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { loginInUi } from './ui';

const SCREENS = 'test-results/screens';
const EXPORTS = 'test-results/exports';
const KINGSOFT = { name: '北京金山云网络技术有限公司', short: '金山云', uscc: '9111010857121431XA' };
const CLIENT = '北京市卫生健康监督所';
const AGENCY = '华诚博远工程咨询有限公司';

function count(h: Harness, sql: string, ...params: unknown[]): number {
  return (h.core.db.prepare(sql).get(...params) as { n: number }).n;
}
const orgCount = (h: Harness) => count(h, 'SELECT count(*) AS n FROM organisations');
const auditCount = (h: Harness, action: string) => count(h, 'SELECT count(*) AS n FROM audit_log WHERE action = ?', action);

async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

const dialog = (page: Page) => page.getByRole('dialog');
const rows = (page: Page) => page.locator('table tbody tr');

async function search(page: Page, q: string, expected: string[]) {
  await page.getByLabel('搜索').fill(q);
  for (const name of expected) await expect(rows(page).filter({ hasText: name })).toHaveCount(1);
  await expect(rows(page)).toHaveCount(expected.length);
}

test('an officer records, edits, searches, voids, prints and exports organisations', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.open();
    await loginInUi(page, OFFICER);
    // After login the home screen (工作台) shows; the register is one click away.
    await page.locator('.mantine-AppShell-navbar').getByText('单位', { exact: true }).click();

    await test.step('the empty register says what to do', async () => {
      await expect(page.getByText('还没有登记任何单位')).toBeVisible();
      await shot(page, '01-empty');
      await page.getByRole('button', { name: '登记第一个单位' }).click();
    });

    await test.step('a bad credit code is refused at the field, the form is kept, nothing is written', async () => {
      const form = dialog(page);
      await form.getByLabel('单位名称').fill(KINGSOFT.name);
      await form.getByLabel('简称').fill(KINGSOFT.short);
      await form.getByText('乙方', { exact: true }).click();
      await form.getByLabel('统一社会信用代码').fill('9111010857121431XB');
      await form.getByLabel('联系人').fill('王磊');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText(/校验位不符.*应为 A/)).toBeVisible();
      await expect(form.getByLabel('单位名称')).toHaveValue(KINGSOFT.name);
      await expect(form.getByLabel('联系人')).toHaveValue('王磊');
      await shot(page, '02-form-error');
      expect(orgCount(h)).toBe(0);
      expect(auditCount(h, 'org.create')).toBe(0);

      await form.getByLabel('统一社会信用代码').fill(KINGSOFT.uscc.toLowerCase());
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(rows(page).filter({ hasText: KINGSOFT.name })).toContainText(KINGSOFT.uscc);
      expect(orgCount(h)).toBe(1);
    });

    await test.step('more organisations by keyboard; a duplicate code is refused naming the holder', async () => {
      await page.keyboard.press('Control+n');
      let form = dialog(page);
      await form.getByLabel('单位名称').fill(CLIENT);
      await form.getByText('甲方', { exact: true }).click();
      await form.getByLabel('地址').fill('北京市西城区');
      await form.getByLabel('单位名称').press('Enter');
      await expect(dialog(page)).toHaveCount(0);

      await page.getByRole('button', { name: '新增单位' }).click();
      form = dialog(page);
      await form.getByLabel('单位名称').fill(AGENCY);
      await form.getByText('代理机构', { exact: true }).click();
      await form.getByLabel('统一社会信用代码').fill(KINGSOFT.uscc);
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText(`统一社会信用代码 ${KINGSOFT.uscc} 已登记在单位“${KINGSOFT.name}”名下`)).toBeVisible();
      await expect(form.getByLabel('单位名称')).toHaveValue(AGENCY);
      expect(orgCount(h)).toBe(2);
      await form.getByLabel('统一社会信用代码').fill('');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(page.getByTestId('org-total')).toHaveText('共 3 条');
    });

    await test.step('edit: a bad phone is refused, a good one saved and audited with before/after', async () => {
      await page.getByRole('button', { name: `编辑 ${KINGSOFT.name}` }).click();
      const form = dialog(page);
      await expect(form.getByLabel('单位名称')).toHaveValue(KINGSOFT.name);
      await form.getByLabel('电话').fill('电话号码');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('电话格式不正确')).toBeVisible();
      await form.getByLabel('电话').fill('010-62927777');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(rows(page).filter({ hasText: KINGSOFT.name })).toContainText('010-62927777');
      const audit = h.core.db
        .prepare("SELECT before_json AS b, after_json AS a FROM audit_log WHERE action = 'org.update'")
        .get() as { b: string; a: string };
      expect(JSON.parse(audit.b).phone).toBe('');
      expect(JSON.parse(audit.a).phone).toBe('010-62927777');
    });

    await test.step('Chinese substring search with 2 (LIKE) and 4 (trigram) characters and by code', async () => {
      await search(page, '金山', [KINGSOFT.name]);
      await search(page, '卫生健康', [CLIENT]);
      await search(page, '1431XA', [KINGSOFT.name]);
      await search(page, '北京', [KINGSOFT.name, CLIENT]);
      await page.getByLabel('搜索').fill('不存在的单位');
      await expect(page.getByText('没有符合条件的单位').first()).toBeVisible();
      await page.getByRole('button', { name: '清除筛选' }).click();
      await expect(rows(page)).toHaveCount(3);
      await shot(page, '03-list');
    });

    await test.step('void needs a reason and keeps the record', async () => {
      await page.getByRole('button', { name: `作废 ${AGENCY}` }).click();
      const form = dialog(page);
      await form.getByRole('button', { name: '确认作废' }).click();
      await expect(form.getByText('请填写作废原因')).toBeVisible();
      await form.getByLabel('作废原因').fill('重复登记，代理机构不参与本台账');
      await form.getByRole('button', { name: '确认作废' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(rows(page)).toHaveCount(2);
      await page.getByRole('combobox', { name: '状态' }).click();
      await page.getByRole('option', { name: '已作废' }).click();
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText('重复登记，代理机构不参与本台账');
      await shot(page, '04-voided');
      await page.getByRole('combobox', { name: '状态' }).click();
      await page.getByRole('option', { name: '在用' }).click();
      await expect(rows(page)).toHaveCount(2);
      expect(orgCount(h)).toBe(3);
    });

    await test.step('print the register to PDF: the frame and the rows are in the file', async () => {
      await page.getByRole('button', { name: '打印与导出' }).click();
      await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
      const form = dialog(page);
      await expect(form.getByLabel('填报单位')).toHaveValue(CLIENT);
      await form.getByLabel('密级标识').fill('内');
      await page.getByRole('option', { name: '内部', exact: true }).click();
      await expect(form.getByLabel('密级标识')).toHaveValue('内部');
      await shot(page, '05-print-dialog');
      await form.getByRole('button', { name: '选择位置并导出' }).click();
      await expect(page.getByText(/已保存到 .*\.pdf/)).toBeVisible();
      const pdf = join(EXPORTS, `单位名录-${new Date().toISOString().slice(0, 10)}.pdf`);
      expect(existsSync(pdf)).toBe(true);
      // Table cells wrap, so compare without whitespace.
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of ['单位名录', KINGSOFT.name, KINGSOFT.uscc, CLIENT, '010-62927777', '第1页共1页', '内部', `填报单位：${CLIENT}`, '制表人', '审核人', '共2条', `打印：${OFFICER.displayName}`]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain(AGENCY);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENS, '06-printed')]);
      expect(auditCount(h, 'report.pdf')).toBe(1);
    });

    await test.step('export to Excel and send to the printer', async () => {
      await page.getByRole('button', { name: '打印与导出' }).click();
      await page.getByRole('menuitem', { name: '导出 Excel…' }).click();
      await dialog(page).getByRole('button', { name: '选择位置并导出' }).click();
      await expect(page.getByText(/已保存到 .*\.xlsx/)).toBeVisible();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(EXPORTS, `单位名录-${new Date().toISOString().slice(0, 10)}.xlsx`));
      const sheet = wb.worksheets[0];
      const cells = (sheet?.getSheetValues() ?? []).flat().map(String);
      expect(cells).toContain(KINGSOFT.name);
      expect(cells).toContain(CLIENT);

      await page.getByRole('button', { name: '打印与导出' }).click();
      await page.getByRole('menuitem', { name: '打印…' }).click();
      await dialog(page).getByRole('button', { name: '打开打印对话框' }).click();
      await expect(page.getByText('已发送到打印机')).toBeVisible();
      expect(h.shell.printed).toHaveLength(1);
      expect(h.shell.printed[0]).toContain(KINGSOFT.name);
      expect(auditCount(h, 'report.xlsx')).toBe(1);
      expect(auditCount(h, 'report.print')).toBe(1);
    });

    await test.step('every write left exactly one audit record', async () => {
      expect(auditCount(h, 'org.create')).toBe(3);
      expect(auditCount(h, 'org.update')).toBe(1);
      expect(auditCount(h, 'org.void')).toBe(1);
    });

    await test.step('the interface switches to English', async () => {
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Organisations' })).toBeVisible();
      await shot(page, '07-english');
      await page.getByText('中文', { exact: true }).click();
      await expect(page.getByRole('heading', { name: '单位', exact: true })).toBeVisible();
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});

test('a viewer reads and prints but cannot record or change', async () => {
  const h = await launchHarness({ headless: true });
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await provisionUser(h.gate, VIEWER);
    // The officer records an organisation through the same gate the page uses.
    expect((await h.gate.invoke('auth:login', OFFICER)).ok).toBe(true);
    expect((await h.gate.invoke('org:create', { name: CLIENT, kind: 'client' })).ok).toBe(true);
    expect((await h.gate.invoke('auth:logout', {})).ok).toBe(true);
    await h.open();
    await loginInUi(h.page, VIEWER);
    await h.page.locator('.mantine-AppShell-navbar').getByText('单位', { exact: true }).click();
    await expect(rows(h.page).filter({ hasText: CLIENT })).toHaveCount(1);
    await expect(h.page.getByRole('button', { name: '新增单位' })).toHaveCount(0);
    await expect(h.page.getByRole('button', { name: `编辑 ${CLIENT}` })).toHaveCount(0);
    await expect(h.page.getByRole('button', { name: '打印与导出' })).toBeVisible();
    // The router refuses regardless of what the page shows.
    const refused = await h.page.evaluate(() => window.baomi.org.create({ name: '越权单位', kind: 'other' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(orgCount(h)).toBe(1);
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
