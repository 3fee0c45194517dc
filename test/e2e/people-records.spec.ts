// The people of a contract, their confidentiality sign-offs and 保密教育, as an officer keeps them:
// people put on a contract (one as 后备（远程）技术支持), a 上岗保密承诺书 registered from the contract,
// a 离岗 form refused at its 脱密期 field, a training with both people and its material, voided.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { samplePdf } from '../../db/attachments/samples';
import { idCheckDigit } from '../../common/people/id-number';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { date, dialog, loginInUi, pick, shot, untilSettled } from './ui';

const VENDOR = '北京金山云网络技术有限公司';
const NUMBER = 'KSY 2024 0516 0003';
const PROJECT = '卫生监督信息化运维项目';
const ONSITE = '张运维';
const REMOTE = '李远程';
const TOPIC = '保密法律法规及本项目保密要求宣贯';

const idNumber = (first17: string) => `${first17}${idCheckDigit(first17)}`;
const count = (h: Harness, sql: string) => (h.core.db.prepare(sql).get() as { n: number }).n;
const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();

/** The units, the contract and two people, through the same client the screens use. */
async function recordThroughClient(page: Page): Promise<void> {
  const people = [
    { name: ONSITE, post: '驻场运维工程师', idNumber: idNumber('11010519850312003') },
    { name: REMOTE, post: '数据库工程师', idNumber: idNumber('11010819900726004') },
  ];
  await page.evaluate(
    async ({ vendorName, number, project, people }) => {
      const value = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      const b = window.baomi;
      const client = value(await b.org.create({ name: '北京市卫生健康监督所', kind: 'client' }));
      const vendor = value(await b.org.create({ name: vendorName, kind: 'vendor', uscc: '9111010857121431XA' }));
      value(
        await b.contract.create({
          numbers: [{ number, scheme: '合同编号', isMain: true }],
          projectName: project,
          clientOrgId: client.id,
          vendorOrgId: vendor.id,
          signedDate: '2024-05-20',
          serviceStart: '2024-05-24',
          serviceEnd: '2025-05-23',
          amountFen: 67_472_000,
          agreements: [{ kind: '安全保密协议书', signedDate: '2024-05-20', term: { kind: 'untilPublic' } }],
        }),
      );
      for (const p of people) value(await b.person.create({ ...p, orgId: vendor.id, enteredOn: '2024-05-24' }));
    },
    { vendorName: VENDOR, number: NUMBER, project: PROJECT, people },
  );
}

/** 添加人员 from the contract: the person picked by searching, the role, from. */
async function addPerson(page: Page, section: Locator, name: string, role: string): Promise<void> {
  await section.getByRole('button', { name: '添加人员' }).click();
  const form = dialog(page).filter({ hasText: '添加项目人员' });
  await untilSettled(form);
  await form.getByLabel(/^人员/).fill(name.slice(0, 1));
  await page.getByRole('option', { name: `${name}（${VENDOR}）` }).click();
  await pick(form, page, '项目角色', role);
  await date(form, '起始日期', '2024-05-24');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toHaveCount(0);
}

const personRow = (section: Locator, name: string) => section.getByTestId('contract-person-row').filter({ hasText: name });

test('an officer puts people on a contract, registers their sign-offs and records a 保密教育 with its material', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.open();
    await loginInUi(page, OFFICER);
    await recordThroughClient(page);

    await nav(page, '合同');
    await page.locator('table tbody tr').filter({ hasText: NUMBER }).click();
    const section = page.getByTestId('contract-people');

    await test.step('the empty section says what to do', async () => {
      await expect(page.getByTestId('contract-people-empty')).toContainText('点击“添加人员”');
    });

    await test.step('add the on-site engineer and the back-up (remote) support, the latter marked apart', async () => {
      await section.getByRole('button', { name: '添加人员' }).click();
      const form = dialog(page).filter({ hasText: '添加项目人员' });
      await untilSettled(form);
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('请选择人员')).toBeVisible();
      await expect(form.getByText('请选择项目角色')).toBeVisible();
      await shot(page, '70-contract-add-person');
      await form.getByRole('button', { name: '取消' }).click();
      await expect(form).toHaveCount(0);

      await addPerson(page, section, ONSITE, '驻场运维');
      await addPerson(page, section, REMOTE, '后备（远程）技术支持');
      await expect(section.getByTestId('role-group')).toContainText('驻场运维');
      await expect(section.getByTestId('remote-support-group')).toContainText('须单独列明并签署保密承诺');
      await expect(personRow(section, REMOTE).getByTestId('remote-support-badge')).toBeVisible();
      await expect(personRow(section, ONSITE).getByTestId('remote-support-badge')).toHaveCount(0);
      for (const name of [ONSITE, REMOTE]) await expect(personRow(section, name).getByTestId('signoff-status')).toHaveText('未签');
      expect(count(h, "SELECT count(*) AS n FROM person_assignments WHERE role = '后备（远程）技术支持' AND voided_at IS NULL")).toBe(1);
    });

    await test.step('a 上岗保密承诺书 registered from the contract turns the badge to 有效', async () => {
      await personRow(section, ONSITE).getByRole('button', { name: '登记保密承诺' }).click();
      const form = dialog(page).filter({ hasText: `登记保密承诺：${ONSITE}` });
      await untilSettled(form);
      await expect(form.getByLabel(/^承诺类型/)).toHaveValue('上岗保密承诺书');
      await expect(form.getByLabel('所属合同')).toHaveValue(new RegExp(PROJECT));
      await expect(form.getByLabel('见证人')).toHaveValue(OFFICER.displayName);
      await date(form, '签署日期', '2024-05-23');
      await form.getByLabel('份数').fill('3');
      await form.getByLabel('存放位置').fill('保密办、人事处、本人各一份');
      await shot(page, '71-signoff-form');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByTestId('signoff-saved')).toContainText('已登记上岗保密承诺书（2024-05-23 签署）');
      h.shell.openFiles.push({ name: '上岗保密承诺书-张运维.pdf', bytes: samplePdf('signed commitment') });
      await form.getByRole('button', { name: '添加附件' }).click();
      await expect(form.getByTestId('attachment-row')).toContainText('上岗保密承诺书-张运维.pdf');
      await form.getByRole('button', { name: '完成' }).click();
      await expect(form).toHaveCount(0);
      const badge = personRow(section, ONSITE).getByTestId('signoff-status');
      await expect(badge).toHaveText('有效');
      await expect(badge).toHaveAttribute('aria-label', /上岗保密承诺书（2024-05-23 签署）长期有效/);
      await expect(personRow(section, REMOTE).getByTestId('signoff-status')).toHaveText('未签');
    });

    await test.step('a 离岗保密承诺书 with only the start of its 脱密期 is refused at the end field, nothing stored', async () => {
      await personRow(section, REMOTE).getByRole('button', { name: '登记保密承诺' }).click();
      const form = dialog(page).filter({ hasText: `登记保密承诺：${REMOTE}` });
      await untilSettled(form);
      await pick(form, page, '承诺类型', '离岗保密承诺书');
      await expect(form.getByTestId('signoff-kind-hint')).toContainText('约定脱密期起止日期');
      await date(form, '脱密期开始日', '2025-06-01');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('请填写脱密期结束日')).toBeVisible();
      await expect(form.getByLabel('脱密期开始日')).toHaveValue('2025-06-01');
      await shot(page, '72-signoff-declassify-refused');
      expect(count(h, "SELECT count(*) AS n FROM person_signoffs WHERE kind = '离岗保密承诺书'")).toBe(0);
      await form.getByRole('button', { name: '取消' }).click();
      await page.getByRole('button', { name: '放弃修改' }).click();
      await expect(form).toHaveCount(0);
    });

    await test.step('the person’s sign-offs, with the scan, show under their row', async () => {
      await section.getByRole('button', { name: `展开 ${ONSITE} 的保密承诺和保密教育` }).click();
      const records = section.getByTestId('contract-person-records');
      const row = records.getByTestId('signoff-row');
      await expect(row).toContainText('上岗保密承诺书');
      await expect(row).toContainText(NUMBER);
      await expect(row).toContainText('有效期至 长期');
      await expect(row).toContainText('保密办、人事处、本人各一份');
      await expect(row.getByTestId('signoff-record-status')).toHaveText('有效');
      await expect(records.getByTestId('person-trainings-empty')).toBeVisible();
      await row.getByRole('button', { name: '扫描件' }).click();
      const scans = page.getByRole('dialog', { name: `${ONSITE} 的上岗保密承诺书（2024-05-23 签署）扫描件` });
      await expect(scans.getByTestId('attachment-row')).toContainText('上岗保密承诺书-张运维.pdf');
      await page.keyboard.press('Escape');
      await expect(scans).toHaveCount(0);
      await page.getByRole('heading', { name: '项目人员' }).evaluate((el) => el.scrollIntoView());
      await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
      await shot(page, '73-contract-people');
    });

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('contract-detail')).toHaveCount(0);

    await test.step('the 保密教育 page starts empty and says what to do', async () => {
      await nav(page, '保密教育');
      await expect(page.getByTestId('empty-state')).toContainText('还没有登记保密教育');
      await shot(page, '74-trainings-empty');
    });

    await test.step('record a session: one attendee searched, the other added with everyone of the contract; attach the material', async () => {
      await page.getByRole('button', { name: '登记保密教育' }).first().click();
      const form = dialog(page).filter({ hasText: '登记保密教育' });
      await untilSettled(form);
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByText('请填写培训主题（至少 2 个字）')).toBeVisible();
      await expect(form.getByText('请至少选择一名参加人员')).toBeVisible();
      await date(form, '培训日期', '2024-06-03');
      await form.getByLabel(/^培训主题/).fill(TOPIC);
      await form.getByLabel(/^学时/).fill('1.5');
      await form.getByLabel('授课人').fill('保密办 王主任');
      await form.getByLabel(/^参加人员/).fill('张');
      await page.getByRole('option', { name: new RegExp(`^${ONSITE}`) }).click();
      await form.getByLabel(/^参加人员/).press('Tab');
      await form.getByLabel('加入某合同的全部人员').click();
      await page.getByRole('option', { name: new RegExp(PROJECT) }).click();
      await expect(form.getByTestId('attendee-bulk-note')).toContainText('的 1 人（1 人此前已选）');
      await expect(form).toContainText('已选 2 人');
      await shot(page, '75-training-form');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form.getByTestId('training-saved')).toContainText('2 人参加');
      h.shell.openFiles.push({ name: '保密教育课件.pdf', bytes: samplePdf('training slides') });
      await form.getByRole('button', { name: '添加附件' }).click();
      await expect(form.getByTestId('attachment-row')).toContainText('保密教育课件.pdf');
      await form.getByRole('button', { name: '完成' }).click();
      await expect(form).toHaveCount(0);
      const row = page.locator('table tbody tr').filter({ hasText: TOPIC });
      await expect(row).toContainText('2024-06-03');
      await expect(row).toContainText('1.5');
      await expect(row).toContainText(`2 人：${REMOTE}、${ONSITE}`);
      await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
      await shot(page, '76-trainings-list');
    });

    await test.step('the detail lists the attendees and the material', async () => {
      await page.locator('table tbody tr').filter({ hasText: TOPIC }).click();
      const detail = page.getByTestId('training-detail');
      await expect(detail.getByTestId('training-attendees')).toContainText(ONSITE);
      await expect(detail.getByTestId('training-attendees')).toContainText(REMOTE);
      await expect(detail.getByTestId('attachment-row')).toContainText('保密教育课件.pdf');
      await untilSettled(page.locator('.mantine-Drawer-content'));
      await shot(page, '77-training-detail');
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    });

    await test.step('the session shows among the person’s trainings on the contract', async () => {
      await nav(page, '合同');
      await page.locator('table tbody tr').filter({ hasText: NUMBER }).click();
      await section.getByRole('button', { name: `展开 ${REMOTE} 的保密承诺和保密教育` }).click();
      const records = section.getByTestId('contract-person-records');
      await expect(records.getByTestId('person-training-row')).toContainText(TOPIC);
      await expect(records).toContainText('共参加 1 次，合计 1.5 学时');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('contract-detail')).toHaveCount(0);
    });

    await test.step('void the session with a reason: it leaves the list, kept and audited', async () => {
      await nav(page, '保密教育');
      await page.locator('table tbody tr').filter({ hasText: TOPIC }).click();
      const detail = page.getByTestId('training-detail');
      await detail.getByRole('button', { name: '作废', exact: true }).click();
      const confirm = dialog(page).filter({ hasText: '作废保密教育记录' });
      await untilSettled(confirm);
      await confirm.getByRole('button', { name: '确认作废' }).click();
      await expect(confirm.getByText('请填写作废原因（至少 2 个字）')).toBeVisible();
      await confirm.getByLabel(/^作废原因/).fill('重复登记，保留纸质签到表对应的记录');
      await shot(page, '78-training-void');
      await confirm.getByRole('button', { name: '确认作废' }).click();
      await expect(confirm).toHaveCount(0);
      await expect(detail).toContainText('原因：重复登记，保留纸质签到表对应的记录');
      await expect(detail.getByRole('button', { name: '作废', exact: true })).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(page.getByText('另有 1 条已作废的记录')).toBeVisible();
      await page.getByRole('button', { name: '显示作废记录' }).click();
      await expect(page.locator('table tbody tr').filter({ hasText: TOPIC })).toContainText('已作废');
      expect(count(h, 'SELECT count(*) AS n FROM trainings WHERE voided_at IS NOT NULL')).toBe(1);
      expect(count(h, "SELECT count(*) AS n FROM audit_log WHERE action = 'training.void'")).toBe(1);
      await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
      await shot(page, '79-trainings-voided');
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
