// Issue 5 (人员与保密承诺) end to end, as a 保密员 does it through the screens: the people of reference
// contract 004 (北京金山云, KSY 2024 0516 0003) entered on the 人员 page, put on the contract (one as
// 后备（远程）技术支持), two of them signing the 上岗保密承诺书, a 保密教育 with both, access refused to
// the one without a sign-off, a 离岗 blocked by its checklist and completed after the 离岗保密承诺书,
// and the commitment register, the departure sheet and the remote-support list printed to PDF.
// Only the office, the officer account, the units and the contract are set up through the gate.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { idCheckDigit } from '../../common/people/id-number';
import { maskIdNumber, maskPhone } from '../../common/privacy/mask';
import { OFFICER, provisionUser, setupOffice, UNIT, value } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { date, dialog, loginInUi, pick, rows, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';
/** Reference contract 004 as contracts.spec.ts enters it. */
const VENDOR = '北京金山云网络技术有限公司';
const NUMBER = 'KSY 2024 0516 0003';
const PROJECT = '卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务';
const TOPIC = '保密法律法规及本项目保密要求宣贯';

const idNumber = (first17: string) => `${first17}${idCheckDigit(first17)}`;
interface Someone {
  name: string;
  post: string;
  idNumber: string;
  phone: string;
  role: string;
}
/** On site, signs on and later leaves. */
const ONSITE: Someone = { name: '赵驻场', post: '驻场运维工程师', idNumber: idNumber('11010519880415003'), phone: '13911112222', role: '驻场运维' };
/** Back-up (remote) support: listed apart, signs too. */
const REMOTE: Someone = { name: '钱远程', post: '数据库工程师', idNumber: idNumber('31011519920308005'), phone: '13822223333', role: '后备（远程）技术支持' };
/** Never signs: refused access. */
const UNSIGNED: Someone = { name: '孙开发', post: '开发工程师', idNumber: idNumber('44030519950621007'), phone: '13733334444', role: '开发' };
const EVERYONE = [ONSITE, REMOTE, UNSIGNED];

const count = (h: Harness, sql: string, ...params: unknown[]) => (h.core.db.prepare(sql).get(...params) as { n: number }).n;
const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();
const notifications = (page: Page) => page.locator('.mantine-Notification-root');

/** pdftotext of a PDF, whitespace removed (the printed cells wrap anywhere). */
const pdfText = (path: string) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** Every page of a PDF rendered to PNG beside the screenshots. */
function renderPages(path: string, name: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SCREENS, name)]);
}

/**
 * Chooses 导出 PDF from a print menu (opened by `menuButton`, the item named `item`), exports from
 * the print dialog and returns the saved path; waits for the notification to go so the next one is
 * the only one.
 */
async function exportPdf(page: Page, menuButton: Locator, item: string | RegExp): Promise<string> {
  await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
  await menuButton.click();
  await page.getByRole('menuitem', { name: item }).click();
  const printDialog = page.getByRole('dialog', { name: '导出 PDF' });
  await printDialog.getByRole('button', { name: '选择位置并导出' }).click();
  const saved = page.getByText(/已保存到 .*\.pdf/);
  await expect(saved).toBeVisible();
  const path = /已保存到 (.*\.pdf)/.exec((await saved.textContent()) ?? '')![1]!;
  expect(existsSync(path)).toBe(true);
  await expect(printDialog).toHaveCount(0);
  return path;
}

test('an officer takes the people of a reference contract from sign-on through training to departure and prints their registers', async () => {
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    const client = value<{ id: number }>(await h.gate.invoke('org:create', { name: UNIT, kind: 'client' }));
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor', uscc: '9111010857121431XA' }));
    value(
      await h.gate.invoke('contract:create', {
        numbers: [{ number: NUMBER, scheme: '合同编号', isMain: true }],
        projectName: PROJECT,
        clientOrgId: client.id,
        vendorOrgId: vendor.id,
        signedDate: '2024-05-20',
        serviceStart: '2024-05-24',
        serviceEnd: '2025-05-23',
        amountFen: 67_472_000,
        agreements: [{ kind: '安全保密协议书', signedDate: '2024-05-20', term: { kind: 'untilPublic' } }],
      }),
    );
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    await test.step('three people of the vendor entered on the 人员 page, ID numbers and phones masked in the list', async () => {
      await nav(page, '人员');
      await expect(page.getByText('还没有登记人员')).toBeVisible();
      for (const p of EVERYONE) {
        await page.getByRole('button', { name: '新增人员' }).first().click();
        const form = dialog(page);
        await untilSettled(form);
        await form.getByLabel('姓名').fill(p.name);
        await pick(form, page, '所属单位', VENDOR);
        await form.getByLabel('岗位').fill(p.post);
        await date(form, '入场日期', '2024-05-24');
        await form.getByLabel(/^身份证号码/).fill(p.idNumber);
        await form.getByLabel('手机/电话').fill(p.phone);
        await form.getByRole('button', { name: '保存' }).click();
        await expect(dialog(page)).toHaveCount(0);
      }
      await expect(rows(page)).toHaveCount(3);
      for (const p of EVERYONE) {
        const row = rows(page).filter({ hasText: p.name });
        await expect(row).toContainText(maskIdNumber(p.idNumber));
        await expect(row).toContainText(maskPhone(p.phone));
        await expect(row).not.toContainText(p.idNumber);
        await expect(row).toContainText('在岗');
        await expect(row).toContainText('未签');
      }
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'journey-01-people-list');
    });

    const section = page.getByTestId('contract-people');
    const personRow = (name: string) => section.getByTestId('contract-person-row').filter({ hasText: name });
    await test.step('all three put on the contract from its drawer, the remote one listed apart', async () => {
      await nav(page, '合同');
      await rows(page).filter({ hasText: NUMBER }).click();
      await expect(page.getByTestId('contract-people-empty')).toBeVisible();
      for (const p of EVERYONE) {
        await section.getByRole('button', { name: '添加人员' }).click();
        const form = dialog(page).filter({ hasText: '添加项目人员' });
        await untilSettled(form);
        await form.getByLabel(/^人员/).fill(p.name.slice(0, 1));
        await page.getByRole('option', { name: `${p.name}（${VENDOR}）` }).click();
        await pick(form, page, '项目角色', p.role);
        await date(form, '起始日期', '2024-05-24');
        await form.getByRole('button', { name: '保存' }).click();
        await expect(form).toHaveCount(0);
      }
      await expect(section.getByTestId('remote-support-group')).toContainText('须单独列明并签署保密承诺');
      await expect(personRow(REMOTE.name).getByTestId('remote-support-badge')).toBeVisible();
      for (const p of [ONSITE, UNSIGNED]) await expect(personRow(p.name).getByTestId('remote-support-badge')).toHaveCount(0);
      for (const p of EVERYONE) await expect(personRow(p.name).getByTestId('signoff-status')).toHaveText('未签');
      expect(count(h, 'SELECT count(*) AS n FROM person_assignments WHERE voided_at IS NULL')).toBe(3);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('contract-detail')).toHaveCount(0);
    });

    const detail = page.getByTestId('person-detail');
    const drawer = page.getByRole('dialog', { name: '人员详情' });
    const openPerson = async (name: string) => {
      await nav(page, '人员');
      await rows(page).filter({ hasText: name }).click();
      await expect(detail).toBeVisible();
      await expect(detail.getByText(name, { exact: true }).first()).toBeVisible();
    };
    const closePerson = async () => {
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    };

    await test.step('the 上岗保密承诺书 of two of them registered from the drawer’s 保密承诺 section; access is then allowed', async () => {
      for (const p of [ONSITE, REMOTE]) {
        await openPerson(p.name);
        await expect(detail.getByTestId('access-check')).toContainText('能否授予访问权限：不能');
        await detail.getByTestId('signoffs').getByRole('button', { name: '登记保密承诺' }).click();
        const form = page.getByRole('dialog', { name: `登记保密承诺：${p.name}` });
        await untilSettled(form);
        await expect(form.getByLabel(/^承诺类型/)).toHaveValue('上岗保密承诺书');
        await form.getByLabel('所属合同').fill('KSY');
        await page.getByRole('option', { name: new RegExp(NUMBER) }).click();
        await date(form, '签署日期', '2024-05-23');
        await expect(form.getByLabel('见证人')).toHaveValue(OFFICER.displayName);
        await form.getByLabel('份数').fill('2');
        await form.getByLabel('存放位置').fill('保密办、本人各一份');
        await form.getByRole('button', { name: '保存' }).click();
        await expect(form.getByTestId('signoff-saved')).toContainText('已登记上岗保密承诺书（2024-05-23 签署）');
        await form.getByRole('button', { name: '完成' }).click();
        await expect(form).toHaveCount(0);
        const row = detail.getByTestId('signoff-row');
        await expect(row).toContainText('上岗保密承诺书');
        await expect(row).toContainText(NUMBER);
        await expect(row.getByTestId('signoff-record-status')).toHaveText('有效');
        await expect(detail.getByTestId('signoff-status')).toContainText('上岗保密承诺书（2024-05-23 签署）长期有效。');
        await expect(detail.getByTestId('access-check')).toContainText('能否授予访问权限：可以');
        await closePerson();
      }
      expect(count(h, "SELECT count(*) AS n FROM person_signoffs WHERE kind = '上岗保密承诺书' AND voided_at IS NULL")).toBe(2);
    });

    await test.step('a 保密教育 with both signed people as attendees, recorded on its page', async () => {
      await nav(page, '保密教育');
      await page.getByRole('button', { name: '登记保密教育' }).first().click();
      const form = dialog(page).filter({ hasText: '登记保密教育' });
      await untilSettled(form);
      await date(form, '培训日期', '2024-06-03');
      await form.getByLabel(/^培训主题/).fill(TOPIC);
      await form.getByLabel(/^学时/).fill('2');
      await form.getByLabel('授课人').fill('保密办 王主任');
      for (const p of [ONSITE, REMOTE]) {
        await form.getByLabel(/^参加人员/).fill(p.name.slice(0, 1));
        await page.getByRole('option', { name: new RegExp(`^${p.name}`) }).click();
        await form.getByLabel(/^参加人员/).press('Tab');
      }
      await expect(form).toContainText('已选 2 人');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByTestId('training-saved')).toContainText('2 人参加');
      await form.getByRole('button', { name: '完成' }).click();
      await expect(form).toHaveCount(0);
      const row = rows(page).filter({ hasText: TOPIC });
      await expect(row).toContainText('2024-06-03');
      await expect(row).toContainText('2 人');
      await expect(row).toContainText(ONSITE.name);
      await expect(row).toContainText(REMOTE.name);
    });

    await test.step('the person without a sign-off is refused access in the drawer, with the reason', async () => {
      await openPerson(UNSIGNED.name);
      await expect(detail.getByTestId('signoff-status')).toContainText('未签');
      const access = detail.getByTestId('access-check');
      await expect(access).toContainText('能否授予访问权限：不能');
      await expect(access).toContainText(`${UNSIGNED.name} 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。`);
      await expect(detail.getByTestId('person-trainings-empty')).toBeVisible();
      await untilSettled(drawer);
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'journey-02-unsigned-refused');
      await closePerson();
    });

    await test.step('the signed person’s drawer shows the sign-off, the contract and the training', async () => {
      await openPerson(ONSITE.name);
      await expect(detail.getByTestId('access-check')).toContainText('能否授予访问权限：可以');
      await expect(detail.getByTestId('signoff-row')).toContainText('上岗保密承诺书');
      await expect(detail).toContainText('参与的合同');
      await expect(detail).toContainText(PROJECT);
      await expect(detail.getByTestId('person-training-row')).toContainText(TOPIC);
      await expect(detail).toContainText('共参加 1 次，合计 2 学时');
      await untilSettled(drawer);
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'journey-03-person-detail');
      // The drawer scrolls inside itself: bring its 保密承诺 / 参与的合同 / 保密教育 sections into view.
      await detail.getByTestId('person-training-row').scrollIntoViewIfNeeded();
      await shot(page, 'journey-03-person-sections');
      await detail.getByTestId('signoff-status').scrollIntoViewIfNeeded();
    });

    const checklist = detail.getByTestId('departure-checklist');
    const item = (key: string) => checklist.locator(`[data-testid="checklist-item"][data-item="${key}"]`);
    await test.step('a 离岗 started: the checklist shows the open 离岗保密承诺书 and 办结 is blocked', async () => {
      await detail.getByRole('button', { name: '办理调岗/离岗' }).click();
      const start = page.getByRole('dialog', { name: `办理调岗/离岗：${ONSITE.name}` });
      await untilSettled(start);
      await expect(start.getByRole('radio', { name: '离岗' })).toBeChecked();
      await date(start, '调岗/离岗日期', '2025-05-23');
      await start.getByRole('button', { name: '开始办理' }).click();
      await expect(start).toHaveCount(0);
      await expect(checklist).toContainText('离岗清单（2025-05-23）');
      await expect(item('signoff:departureSignOff')).toHaveAttribute('data-done', 'false');
      await expect(item('signoff:departureSignOff')).toContainText('离岗（2025-05-23）须签署离岗保密承诺书。');
      await expect(item('signoff:declassifyPeriod')).toHaveAttribute('data-done', 'false');
      await expect(checklist.getByTestId('checklist-summary')).toHaveText('还有 2 项未办结。');
      await expect(checklist.getByRole('button', { name: '办结', exact: true })).toBeDisabled();
      await expect(detail.getByTestId('access-check')).toContainText(`${ONSITE.name} 正在办理离岗（2025-05-23），不能授予新的访问权限`);
      await untilSettled(drawer);
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'journey-04-checklist-blocked');
    });

    await test.step('the 离岗保密承诺书 with its 脱密期 registered in the drawer; after a refresh the list is clear and 办结 makes the person 离岗', async () => {
      await detail.getByTestId('signoffs').getByRole('button', { name: '登记保密承诺' }).click();
      const form = page.getByRole('dialog', { name: `登记保密承诺：${ONSITE.name}` });
      await untilSettled(form);
      await pick(form, page, '承诺类型', '离岗保密承诺书');
      await form.getByLabel('所属合同').fill('KSY');
      await page.getByRole('option', { name: new RegExp(NUMBER) }).click();
      await date(form, '签署日期', '2025-05-23');
      await date(form, '脱密期开始日', '2025-05-23');
      await date(form, '脱密期结束日', '2026-05-22');
      await form.getByLabel('份数').fill('2');
      await form.getByLabel('存放位置').fill('保密办、本人各一份');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByTestId('signoff-saved')).toContainText('已登记离岗保密承诺书（2025-05-23 签署）');
      await form.getByRole('button', { name: '完成' }).click();
      await expect(form).toHaveCount(0);

      await checklist.getByRole('button', { name: '刷新清单' }).click();
      await expect(checklist.getByTestId('checklist-summary')).toHaveText('清单各项均已完成，可以办结。');
      await expect(item('signoff:departureSignOff')).toHaveAttribute('data-done', 'true');
      await expect(item('signoff:declassifyPeriod')).toContainText('脱密期 2025-05-23 至 2026-05-22。');
      await expect(checklist.getByRole('button', { name: '办结', exact: true })).toBeEnabled();
      await untilSettled(drawer);
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'journey-05-checklist-cleared');

      await checklist.getByRole('button', { name: '办结', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: `办结离岗：${ONSITE.name}` });
      await expect(confirm).toContainText(`办结后，${ONSITE.name} 的状态改为离岗，离场日期为 2025-05-23`);
      await confirm.getByRole('button', { name: '确认办结' }).click();
      await expect(confirm).toHaveCount(0);
      await expect(checklist).toHaveCount(0);
      await expect(detail.getByTestId('left-info')).toContainText('已于 2025-05-23 离岗');
      await expect(detail.getByTestId('access-check')).toContainText(`${ONSITE.name} 已离岗（2025-05-23），不能授予访问权限。`);
      await expect(detail.getByTestId('departure-history')).toContainText('已办结');
      expect((h.core.db.prepare('SELECT status FROM people WHERE name = ?').get(ONSITE.name) as { status: string }).status).toBe('离岗');
    });

    await test.step('the 人员离岗交接单 printed from the 调岗/离岗记录: masked ID, the 脱密期, media and access sections with 无', async () => {
      const history = detail.getByTestId('departure-history');
      const path = await exportPdf(page, history.getByRole('button', { name: '离岗交接单' }), '导出 PDF…');
      expect(path).toContain(`离岗交接单-${ONSITE.name}`);
      const text = pdfText(path);
      for (const expected of [
        '人员离岗交接单',
        ONSITE.name,
        VENDOR,
        ONSITE.post,
        maskIdNumber(ONSITE.idNumber),
        '离岗日期2025-05-23',
        '已办结',
        '持有介质清退',
        '访问权限终止',
        '离岗保密承诺书',
        '2025-05-23至2026-05-22',
      ]) {
        expect(text).toContain(expected);
      }
      // A closed departure prints 无未办结事项 under each register that held nothing.
      expect(text).toMatch(/持有介质清退.*无.*访问权限终止.*无/);
      expect(text).not.toContain(ONSITE.idNumber);
      expect(text).not.toContain(ONSITE.phone);
      renderPages(path, 'journey-pdf-departure-sheet');
      await closePerson();
    });

    await test.step('the 保密承诺书签订台账 printed from the people list: the three sign-offs, masked, with the 脱密期', async () => {
      await expect(rows(page).filter({ hasText: ONSITE.name })).toContainText('离岗');
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'journey-06-people-list-after');
      const path = await exportPdf(page, page.getByRole('button', { name: '打印承诺书台账' }), '导出 PDF…');
      expect(path).toContain('保密承诺书签订台账');
      const text = pdfText(path);
      for (const expected of ['保密承诺书签订台账', 'KSY202405160003', '2024-05-23', '2025-05-23至2026-05-22', '2024-06-03']) {
        expect(text).toContain(expected);
      }
      for (const p of [ONSITE, REMOTE]) {
        expect(text).toContain(p.name);
        expect(text).toContain(maskIdNumber(p.idNumber));
        expect(text).toContain(maskPhone(p.phone));
      }
      expect(text.match(/上岗保密承诺书/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(text).toContain('离岗保密承诺书');
      for (const p of EVERYONE) {
        expect(text).not.toContain(p.idNumber);
        expect(text).not.toContain(p.phone);
      }
      renderPages(path, 'journey-pdf-signoff-register');
    });

    await test.step('the contract’s 后备（远程）技术支持人员名单 lists only the remote person', async () => {
      await nav(page, '合同');
      await rows(page).filter({ hasText: NUMBER }).click();
      await expect(personRow(REMOTE.name)).toBeVisible();
      const path = await exportPdf(page, section.getByRole('button', { name: '打印名单' }), '后备（远程）技术支持人员名单：导出 PDF…');
      expect(path).toContain('后备远程技术支持人员名单');
      const text = pdfText(path);
      expect(text).toContain('后备（远程）技术支持人员名单');
      expect(text).toContain(REMOTE.name);
      expect(text).toContain(maskIdNumber(REMOTE.idNumber));
      expect(text).not.toContain(REMOTE.idNumber);
      for (const p of [ONSITE, UNSIGNED]) expect(text).not.toContain(p.name);
      renderPages(path, 'journey-pdf-remote-support');
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
