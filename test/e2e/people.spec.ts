import { expect, test } from '@playwright/test';
import { loginAs, OFFICER, provisionUser, setupOffice, value, VIEWER } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { date, dialog, loginInUi, pick, rows, shot, untilSettled } from './ui';

const VENDOR = '北京金山云网络技术有限公司';
const CLIENT = '北京市卫生健康监督所';
/** 110105 1985-03-12 104, check character X (GB 11643). */
const ID_X = '11010519850312104X';
const ID_X_MASKED = '110*************4X';
const ID_LINA = '320583199007151236';

const one = <T>(h: Harness, sql: string, ...params: unknown[]) => h.core.db.prepare(sql).get(...params) as T;
const count = (h: Harness, sql: string, ...params: unknown[]) => one<{ n: number }>(h, sql, ...params).n;
const audits = (h: Harness, action: string) => count(h, 'SELECT count(*) AS n FROM audit_log WHERE action = ?', action);

test('an officer records people, reveals an ID number, checks access and takes two people through departure', async () => {
  const h = await launchHarness({ headless: true, saveDir: 'test-results/exports' });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.open();
    await loginInUi(page, OFFICER);
    const nav = page.locator('.mantine-AppShell-navbar');

    await test.step('with no unit yet the register says to record one first, and leads there', async () => {
      await nav.getByText('人员', { exact: true }).click();
      await expect(page.getByRole('heading', { name: '人员', exact: true })).toBeVisible();
      await expect(page.getByText('还没有登记人员')).toBeVisible();
      await expect(page.getByText(/还没有登记任何单位。请先到“单位”中登记/)).toBeVisible();
      await expect(page.getByRole('button', { name: '新增人员' })).toBeDisabled();
      await page.getByRole('button', { name: '先去登记单位' }).click();
      await expect(page.getByRole('heading', { name: '单位', exact: true })).toBeVisible();

      await page.getByRole('button', { name: '登记第一个单位' }).click();
      let form = dialog(page);
      await form.getByLabel('单位名称').fill(VENDOR);
      await form.getByText('乙方', { exact: true }).click();
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await page.keyboard.press('Control+n');
      form = dialog(page);
      await form.getByLabel('单位名称').fill(CLIENT);
      await form.getByText('甲方', { exact: true }).click();
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      expect(count(h, 'SELECT count(*) AS n FROM organisations')).toBe(2);
    });

    await test.step('a wrong check character is refused at the field with the GB 11643 message; a lowercase x is stored upper-case', async () => {
      await nav.getByText('人员', { exact: true }).click();
      await expect(page.getByText('还没有登记人员')).toBeVisible();
      await page.keyboard.press('Control+n');
      const form = dialog(page);
      await expect(form.getByText('新增人员')).toBeVisible();
      await form.getByLabel('姓名').fill('张伟');
      await pick(form, page, '所属单位', VENDOR);
      await form.getByLabel('岗位').fill('驻场运维工程师');
      await date(form, '入场日期', '2024-03-01');
      await form.getByLabel(/^身份证号码/).fill('110105198503121041');
      await form.getByLabel('手机/电话').fill('13812345678');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('校验码不符：第 18 位应为 X，现为 1，请核对号码是否抄错')).toBeVisible();
      await expect(form.getByText(/按 GB 11643 核对出生日期和第 18 位校验码/)).toBeVisible();
      await expect(form.getByLabel('姓名')).toHaveValue('张伟');
      await untilSettled(form);
      await shot(page, '61-person-form-errors');
      expect(count(h, 'SELECT count(*) AS n FROM people')).toBe(0);

      await form.getByLabel(/^身份证号码/).fill(ID_X.toLowerCase());
      await expect(form.getByTestId('id-number-check')).toContainText('出生日期 1985-03-12');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      expect(one<{ id_number: string }>(h, "SELECT id_number FROM people WHERE name = '张伟'").id_number).toBe(ID_X);
      const row = rows(page).filter({ hasText: '张伟' });
      await expect(row).toContainText(ID_X_MASKED);
      await expect(row).toContainText('138****5678');
      await expect(row).toContainText('在岗');
      await expect(row).toContainText('未签');
      await expect(row).not.toContainText(ID_X);
    });

    await test.step('the same number again, typed with spaces, is refused naming the holder; another number is recorded', async () => {
      await page.getByRole('button', { name: '新增人员' }).click();
      const form = dialog(page);
      await form.getByLabel('姓名').fill('李娜');
      await pick(form, page, '所属单位', VENDOR);
      await form.getByLabel(/^身份证号码/).fill('110105 19850312 104X');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText(`身份证号码 ${ID_X_MASKED} 已登记为 张伟（${VENDOR}），同一人不能重复登记`)).toBeVisible();
      expect(count(h, 'SELECT count(*) AS n FROM people')).toBe(1);
      await form.getByLabel(/^身份证号码/).fill(ID_LINA);
      await form.getByRole('button', { name: '保存' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(rows(page)).toHaveCount(2);
      await page.getByLabel('搜索').fill('运维');
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText('张伟');
      await page.getByLabel('搜索').fill('');
      await expect(rows(page)).toHaveCount(2);
      await shot(page, '60-people-list');
    });

    const detail = page.getByTestId('person-detail');
    await test.step('the detail reveals the ID number for this view only, audited; access is refused while nothing is signed', async () => {
      await rows(page).filter({ hasText: '张伟' }).click();
      await expect(detail).toBeVisible();
      await expect(detail.getByTestId('idNumber-value')).toHaveText(ID_X_MASKED);
      expect(audits(h, 'person.reveal')).toBe(0);
      await detail.getByRole('button', { name: '显示完整身份证号码' }).click();
      await expect(detail.getByTestId('idNumber-value')).toHaveText(ID_X);
      expect(audits(h, 'person.reveal')).toBe(1);
      await expect(detail.getByTestId('phone-value')).toHaveText('138****5678');

      await expect(detail.getByTestId('signoff-status')).toContainText('未签');
      await expect(detail.getByTestId('signoff-status')).toContainText('未签署上岗保密承诺书或保密协议。');
      const access = detail.getByTestId('access-check');
      await expect(access).toContainText('能否授予访问权限：不能');
      await expect(access).toContainText('张伟 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。');
      await untilSettled(page.getByRole('dialog', { name: '人员详情' }));
      await shot(page, '62-person-detail');

      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
      await rows(page).filter({ hasText: '张伟' }).click();
      await expect(detail.getByTestId('idNumber-value')).toHaveText(ID_X_MASKED);
    });

    await test.step('editing reads the full values through reveal and saves them back unchanged', async () => {
      await detail.getByRole('button', { name: '编辑' }).click();
      const form = page.getByRole('dialog').filter({ hasText: '编辑人员：张伟' });
      await expect(form.getByLabel(/^身份证号码/)).toHaveValue(ID_X);
      await expect(form.getByLabel('手机/电话')).toHaveValue('13812345678');
      expect(audits(h, 'person.reveal')).toBe(3);
      await form.getByLabel('岗位').fill('驻场运维组长');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form).toHaveCount(0);
      await expect(detail).toContainText('驻场运维组长');
      expect(one<{ id_number: string; phone: string }>(h, "SELECT id_number, phone FROM people WHERE name = '张伟'")).toEqual({
        id_number: ID_X,
        phone: '13812345678',
      });
    });

    const checklist = detail.getByTestId('departure-checklist');
    /** A checklist item by provider and key. */
    const item = (key: string) => checklist.locator(`[data-testid="checklist-item"][data-item="${key}"]`);
    await test.step('starting a 离岗 opens its checklist: the exit commitment is open and 办结 is blocked', async () => {
      await detail.getByRole('button', { name: '办理调岗/离岗' }).click();
      const start = page.getByRole('dialog', { name: '办理调岗/离岗：张伟' });
      // Escape closes the modal only; the drawer stays.
      await page.keyboard.press('Escape');
      await expect(start).toHaveCount(0);
      await expect(detail).toBeVisible();
      await detail.getByRole('button', { name: '办理调岗/离岗' }).click();
      await expect(start.getByRole('radio', { name: '离岗' })).toBeChecked();
      await date(start, '调岗/离岗日期', '2025-06-30');
      await start.getByRole('button', { name: '开始办理' }).click();
      await expect(start).toHaveCount(0);

      await expect(checklist).toContainText('离岗清单（2025-06-30）');
      await expect(checklist).toContainText('保密承诺');
      await expect(item('signoff:departureSignOff')).toHaveAttribute('data-done', 'false');
      await expect(item('signoff:departureSignOff')).toContainText('离岗（2025-06-30）须签署离岗保密承诺书。');
      await expect(item('signoff:declassifyPeriod')).toHaveAttribute('data-done', 'false');
      await expect(checklist.getByTestId('checklist-summary')).toHaveText('还有 2 项未办结。');
      await expect(checklist.getByRole('button', { name: '办结', exact: true })).toBeDisabled();
      await expect(detail.getByTestId('access-check')).toContainText('张伟 正在办理离岗（2025-06-30），不能授予新的访问权限');
      await untilSettled(page.getByRole('dialog', { name: '人员详情' }));
      await shot(page, '63-departure-checklist');

      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
      await expect(rows(page).filter({ hasText: '张伟' })).toContainText('办理中');
      await page.getByText('只看办理中').click();
      await expect(rows(page)).toHaveCount(1);
      await page.getByText('只看办理中').click();
      await expect(rows(page)).toHaveCount(2);
    });

    await test.step('completion by exception needs a reason of five characters, says it is audited, and makes the person 离岗', async () => {
      await rows(page).filter({ hasText: '张伟' }).click();
      await checklist.getByRole('button', { name: '例外办结' }).click();
      const modal = page.getByRole('dialog', { name: '例外办结离岗：张伟' });
      await expect(modal.getByTestId('exception-open-items')).toContainText('签署离岗保密承诺书');
      await expect(modal).toContainText('例外办结的原因和上述未办结事项将记入审计记录');
      await modal.getByLabel(/^例外原因/).fill('已离职');
      await modal.getByRole('button', { name: '确认例外办结' }).click();
      await expect(modal.getByText('请填写例外办结的原因（至少 5 个字），说明未办结事项为何可以例外处理')).toBeVisible();
      expect(one<{ status: string }>(h, "SELECT status FROM people WHERE name = '张伟'").status).toBe('在岗');
      await untilSettled(modal);
      await shot(page, '64-departure-exception');

      await modal.getByLabel(/^例外原因/).fill('本人已离京，离岗保密承诺书由原单位代签后补交');
      await modal.getByRole('button', { name: '确认例外办结' }).click();
      await expect(modal).toHaveCount(0);
      await expect(checklist).toHaveCount(0);
      await expect(detail.getByTestId('left-info')).toContainText('已于 2025-06-30 离岗');
      await expect(detail.getByTestId('access-check')).toContainText('张伟 已离岗（2025-06-30），不能授予访问权限。');
      expect(one<{ status: string; left_on: string }>(h, "SELECT status, left_on FROM people WHERE name = '张伟'")).toEqual({
        status: '离岗',
        left_on: '2025-06-30',
      });
      const summary = one<{ summary: string }>(h, "SELECT summary FROM audit_log WHERE action = 'person.completeDeparture'").summary;
      expect(summary).toContain('例外办结');
      expect(summary).toContain('本人已离京');
      expect(summary).toContain('签署离岗保密承诺书');
    });

    await test.step('reinstating puts the person back on post from a new date', async () => {
      await detail.getByRole('button', { name: '恢复在岗' }).click();
      const modal = page.getByRole('dialog', { name: '恢复在岗：张伟' });
      await date(modal, '新的入场日期', '2025-05-01');
      await modal.getByRole('button', { name: '确认恢复' }).click();
      await expect(modal.getByText('入场日期 2025-05-01 早于离场日期 2025-06-30，请核对')).toBeVisible();
      await date(modal, '新的入场日期', '2025-09-01');
      await modal.getByRole('button', { name: '确认恢复' }).click();
      await expect(modal).toHaveCount(0);
      await expect(detail.getByTestId('left-info')).toHaveCount(0);
      await expect(detail.getByRole('button', { name: '办理调岗/离岗' })).toBeVisible();
      expect(one<{ status: string; entered_on: string; left_on: string | null }>(h, "SELECT status, entered_on, left_on FROM people WHERE name = '张伟'")).toEqual({
        status: '在岗',
        entered_on: '2025-09-01',
        left_on: null,
      });
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    });

    await test.step('a second person signs the exit commitment meanwhile: after a refresh the list is clear and 办结 completes it', async () => {
      await rows(page).filter({ hasText: '李娜' }).click();
      await detail.getByRole('button', { name: '办理调岗/离岗' }).click();
      const start = page.getByRole('dialog', { name: '办理调岗/离岗：李娜' });
      await start.getByText('调岗', { exact: true }).click();
      await date(start, '调岗/离岗日期', '2025-07-01');
      await start.getByRole('button', { name: '开始办理' }).click();
      await expect(checklist).toContainText('调岗清单（2025-07-01）');

      // The transfer is called off: cancelled with a reason, the person is simply on post again.
      await checklist.getByRole('button', { name: '撤销办理' }).click();
      const cancel = page.getByRole('dialog', { name: '撤销调岗/离岗办理' });
      await cancel.getByLabel(/^撤销原因/).fill('调岗计划取消');
      await cancel.getByRole('button', { name: '确认撤销' }).click();
      await expect(cancel).toHaveCount(0);
      await expect(checklist).toHaveCount(0);
      expect(one<{ state: string; cancel_reason: string }>(h, 'SELECT state, cancel_reason FROM person_departures ORDER BY id DESC LIMIT 1')).toEqual({
        state: 'cancelled',
        cancel_reason: '调岗计划取消',
      });

      await detail.getByRole('button', { name: '办理调岗/离岗' }).click();
      await date(start, '调岗/离岗日期', '2025-07-15');
      await start.getByRole('button', { name: '开始办理' }).click();
      await expect(start).toHaveCount(0);
      await expect(checklist.getByTestId('checklist-summary')).toHaveText('还有 2 项未办结。');

      // The sign-off screen is another register's; record the commitment through the app's client.
      const personId = one<{ id: number }>(h, "SELECT id FROM people WHERE name = '李娜'").id;
      const signed = await page.evaluate(
        (id) =>
          window.baomi.signoff.create({
            personId: id,
            kind: '离岗保密承诺书',
            signedDate: '2025-07-15',
            declassifyFrom: '2025-07-15',
            declassifyTo: '2026-07-14',
          }),
        personId,
      );
      expect(signed.ok).toBe(true);
      await checklist.getByRole('button', { name: '刷新清单' }).click();
      await expect(checklist.getByTestId('checklist-summary')).toHaveText('清单各项均已完成，可以办结。');
      await expect(item('signoff:departureSignOff')).toHaveAttribute('data-done', 'true');
      await expect(item('signoff:declassifyPeriod')).toContainText('脱密期 2025-07-15 至 2026-07-14。');
      await expect(checklist.getByRole('button', { name: '例外办结' })).toHaveCount(0);
      await checklist.getByRole('button', { name: '办结', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: '办结离岗：李娜' });
      await expect(confirm).toContainText('办结后，李娜 的状态改为离岗，离场日期为 2025-07-15');
      await confirm.getByRole('button', { name: '确认办结' }).click();
      await expect(confirm).toHaveCount(0);
      await expect(detail.getByTestId('left-info')).toContainText('已于 2025-07-15 离岗');
      expect(one<{ status: string }>(h, "SELECT status FROM people WHERE name = '李娜'").status).toBe('离岗');
      expect(one<{ summary: string }>(h, "SELECT summary FROM audit_log WHERE action = 'person.completeDeparture' ORDER BY seq DESC LIMIT 1").summary).toContain(
        '清单各项均已完成',
      );
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
      await expect(rows(page).filter({ hasText: '李娜' })).toContainText('离岗');
      await pick(page.locator('main'), page, '状态', '离岗');
      await expect(rows(page)).toHaveCount(1);
      await shot(page, '65-people-list-after');
    });

    await test.step('filtered by a contract, the list shows its people with the sign-off scoped to it; access is then allowed', async () => {
      // Contracts, assignments and sign-offs have their own screens; record them through the app's client.
      const ids = {
        client: one<{ id: number }>(h, 'SELECT id FROM organisations WHERE name = ?', CLIENT).id,
        vendor: one<{ id: number }>(h, 'SELECT id FROM organisations WHERE name = ?', VENDOR).id,
        person: one<{ id: number }>(h, "SELECT id FROM people WHERE name = '张伟'").id,
      };
      const recorded = await page.evaluate(async ({ client, vendor, person }) => {
        const contract = await window.baomi.contract.create({
          numbers: [{ number: 'KSY-2025-0088', scheme: '合同编号', isMain: true }],
          projectName: '政务云平台运维服务',
          clientOrgId: client,
          vendorOrgId: vendor,
          amountFen: 10_000_000,
        });
        if (!contract.ok) return contract;
        const assigned = await window.baomi.assignment.create({ personId: person, contractId: contract.value.id, role: '驻场运维' });
        if (!assigned.ok) return assigned;
        return window.baomi.signoff.create({ personId: person, contractId: contract.value.id, kind: '上岗保密承诺书', signedDate: '2025-09-01' });
      }, ids);
      expect(recorded.ok).toBe(true);

      // Choosing the chosen status again clears the filter.
      await pick(page.locator('main'), page, '状态', '离岗');
      await expect(rows(page)).toHaveCount(2);
      const contractFilter = page.locator('main').getByLabel('合同', { exact: true });
      await contractFilter.fill('0088');
      await page.getByRole('option', { name: /KSY-2025-0088/ }).click();
      await expect(rows(page)).toHaveCount(1);
      await expect(page.getByRole('columnheader', { name: '保密承诺（本合同）' })).toBeVisible();
      const row = rows(page).first();
      await expect(row).toContainText('张伟');
      await expect(row).toContainText('有效');
      await shot(page, '66-people-by-contract');

      await row.click();
      await expect(detail.getByTestId('access-check')).toContainText('能否授予访问权限：可以');
      await expect(detail.getByTestId('signoff-status')).toContainText('上岗保密承诺书（2025-09-01 签署）长期有效。');
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    });

    await test.step('a person record voided with a reason leaves the list in use and shows under 已作废', async () => {
      // Choosing the chosen contract again clears the filter.
      await page.locator('main').getByLabel('合同', { exact: true }).click();
      await page.getByRole('option', { name: /KSY-2025-0088/ }).click();
      await expect(rows(page)).toHaveCount(2);
      await rows(page).filter({ hasText: '李娜' }).click();
      await detail.getByRole('button', { name: '作废' }).click();
      const modal = page.getByRole('dialog', { name: '作废人员记录' });
      await modal.getByLabel(/^作废原因/).fill('重复登记');
      await modal.getByRole('button', { name: '确认作废' }).click();
      await expect(modal).toHaveCount(0);
      await expect(detail).toContainText('该人员记录已于');
      await expect(detail.getByRole('button', { name: '编辑' })).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(rows(page)).toHaveCount(1);
      await pick(page.locator('main'), page, '作废记录', '已作废');
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText('李娜');
      await expect(rows(page).first()).toContainText('已作废');
    });
  } finally {
    await h.close();
  }
});

test('a reader sees people masked, the access check and no way to reveal or change anything', async () => {
  const h = await launchHarness({ headless: true, saveDir: 'test-results/exports' });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await provisionUser(h.gate, VIEWER);
    await loginAs(h.gate, OFFICER);
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor' }));
    value(await h.gate.invoke('person:create', { name: '王芳', orgId: vendor.id, idNumber: ID_LINA, phone: '010-62927777', post: '驻场运维' }));
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, VIEWER);

    await page.locator('.mantine-AppShell-navbar').getByText('人员', { exact: true }).click();
    const row = rows(page).filter({ hasText: '王芳' });
    await expect(row).toContainText('320*************36');
    await expect(row).toContainText('010-****7777');
    await expect(page.getByRole('button', { name: '新增人员' })).toHaveCount(0);
    await row.click();
    const detail = page.getByTestId('person-detail');
    await expect(detail.getByTestId('access-check')).toContainText('能否授予访问权限：不能');
    await expect(detail.getByTestId('idNumber-value')).toHaveText('320*************36');
    // A reader may print (the commitment to sign) but neither reveal, change nor add anything.
    await expect(detail.getByRole('button', { name: '打印承诺书' })).toBeVisible();
    for (const name of ['显示', '编辑', '作废', '办理调岗/离岗', '恢复在岗', '添加', '登记', '分派']) {
      await expect(detail.getByRole('button', { name: new RegExp(name) })).toHaveCount(0);
    }
    await expect(detail).not.toContainText('“显示”只在本次查看中显示完整号码');
    expect(count(h, "SELECT count(*) AS n FROM audit_log WHERE action = 'person.reveal'")).toBe(0);
  } finally {
    await h.close();
  }
});
