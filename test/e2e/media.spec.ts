// Issue 6 (介质保管) end to end, the screens' part, as a 保密员 does it: the register empty, its
// settings with the number preview, two media registered by the pattern, one issued to a holder
// with a valid sign-off after a refusal for a person without, taken out with approval and
// encryption, refused for repair without sanitisation (the reason at the field), repaired properly,
// a wrong record corrected, destroyed with a witness; the other lent past its due date (red in the
// list, in the overdue alert), listed on its borrower's departure checklist until returned (the
// checklist's 打开介质 leads to it), then reported lost with the 48-hour deadline. The people and sign-offs are set up through
// the gate; everything else is done on the screens.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { idCheckDigit } from '../../common/people/id-number';
import { OFFICER, provisionUser, setupOffice, UNIT, value } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { date, dialog, loginInUi, pick, rows, shot, untilSettled } from './ui';

const VENDOR = '北京金山云网络技术有限公司';
const idNumber = (first17: string) => `${first17}${idCheckDigit(first17)}`;
const PEOPLE = [
  { name: '王保密', idNumber: idNumber('11010519800101001'), signed: true },
  { name: '张三', idNumber: idNumber('11010519880415003'), signed: true },
  { name: '李四', idNumber: idNumber('31011519920308005'), signed: true },
  { name: '孙未签', idNumber: idNumber('44030519950621007'), signed: false },
];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const YEAR = new Date().getFullYear();
const A = `JZ-${YEAR}-0001`;
const B = `JZ-${YEAR}-0002`;

const one = <T>(h: Harness, sql: string, ...params: unknown[]) => h.core.db.prepare(sql).get(...params) as T;
const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();
const notifications = (page: Page) => page.locator('.mantine-Notification-root');
const drawer = (page: Page) => page.getByRole('dialog', { name: '介质详情' });

/** Opens 登记事件 → `type` in the medium's drawer and returns the event form. */
async function openEvent(page: Page, number: string, type: string): Promise<Locator> {
  await drawer(page).getByRole('button', { name: '登记事件' }).click();
  await page.getByRole('menuitem', { name: type, exact: true }).click();
  const form = page.getByRole('dialog', { name: `${type} · ${number}` });
  await untilSettled(form);
  return form;
}

/** The items of the 登记事件 menu, then closes it. */
async function eventMenu(page: Page): Promise<string[]> {
  await drawer(page).getByRole('button', { name: '登记事件' }).click();
  await expect(page.getByRole('menuitem').first()).toBeVisible();
  const items = await page.getByRole('menuitem').allTextContents();
  await drawer(page).getByRole('button', { name: '登记事件' }).click();
  await expect(page.getByRole('menuitem')).toHaveCount(0);
  return items;
}

/** The input labelled exactly `label` (a required field's label ends with “ *”). */
const field = (form: Locator, label: string) => form.getByLabel(new RegExp(`^${label.replace(/[()（）.*+?]/g, '\\$&')}( \\*)?$`));

/** Chooses a person in a person picker labelled `label` by typing the start of the name. */
async function person(form: Locator, page: Page, label: string, name: string): Promise<void> {
  await field(form, label).fill(name.slice(0, 1));
  await page.getByRole('option', { name: new RegExp(`^${name}（`) }).click();
}

/** A hand-over is saved: its scan may be attached; 完成 closes the form. */
async function finishHandover(form: Locator): Promise<void> {
  await expect(form.getByTestId('event-saved')).toBeVisible();
  await form.getByRole('button', { name: '完成' }).click();
  await expect(form).toHaveCount(0);
}

const timelineEvents = (page: Page) => drawer(page).getByTestId('timeline-event');

test('an officer registers media and keeps their custody chain from issue to destruction, loan, departure and loss', async () => {
  test.setTimeout(300_000);
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    const client = value<{ id: number }>(await h.gate.invoke('org:create', { name: UNIT, kind: 'client' }));
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor', uscc: '9111010857121431XA' }));
    for (const p of PEOPLE) {
      const created = value<{ id: number }>(
        await h.gate.invoke('person:create', { name: p.name, orgId: p.name === '王保密' ? client.id : vendor.id, idNumber: p.idNumber, post: '运维' }),
      );
      if (p.signed) {
        value(await h.gate.invoke('signoff:create', { personId: created.id, kind: '上岗保密承诺书', signedDate: day(-60), witness: '张保密', copies: 2, keptAt: '保密办' }));
      }
    }
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    await test.step('the empty register says what to do; the settings preview the next number and a new pattern', async () => {
      await nav(page, '介质保管');
      await expect(page.getByText('还没有登记介质')).toBeVisible();
      await page.getByRole('button', { name: '介质设置' }).click();
      const settings = page.getByRole('dialog', { name: '介质设置' });
      await untilSettled(settings);
      await expect(settings.getByTestId('number-preview')).toHaveText(`下一个介质的保密编号：${A}`);
      await settings.getByLabel(/^保密编号规则/).fill('BM-{YY}-{000}');
      await expect(settings.getByTestId('number-preview')).toContainText(`BM-${String(YEAR).slice(2)}-001`);
      await settings.getByLabel(/^保密编号规则/).fill('BM-{YY}{000}');
      await expect(settings.getByText('年份和序号之间须有分隔字符')).toBeVisible();
      await shot(page, 'media-01-settings');
      await settings.getByRole('button', { name: '取消' }).click();
      await expect(settings).toHaveCount(0);
    });

    await test.step('two media registered with numbers from the pattern; the second registered a month ago', async () => {
      await page.getByRole('button', { name: '登记介质' }).first().click();
      let form = dialog(page).filter({ hasText: '登记介质' });
      await untilSettled(form);
      await expect(form.getByTestId('number-input')).toHaveAttribute('placeholder', A);
      await pick(form, page, '介质类别', 'U盘');
      await pick(form, page, '密级', '内部');
      await form.getByLabel('品牌型号').fill('金士顿 DT 64GB');
      await field(form, '序列号').fill('KS-64-A001');
      await form.getByLabel('容量').fill('64GB');
      await form.getByLabel('存放地点').fill('保密室2号保密柜');
      await person(form, page, '责任人', '王保密');
      await pick(form, page, '所属单位', UNIT);
      await shot(page, 'media-02-form');
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form).toHaveCount(0);
      await expect(drawer(page)).toContainText(A);
      await expect(timelineEvents(page)).toHaveCount(1);
      await expect(timelineEvents(page).first()).toContainText('登记入库，存放于 保密室2号保密柜');
      await page.keyboard.press('Escape');
      await expect(drawer(page)).toHaveCount(0);

      await page.getByRole('button', { name: '登记介质' }).first().click();
      form = dialog(page).filter({ hasText: '登记介质' });
      await untilSettled(form);
      await expect(form.getByTestId('number-input')).toHaveAttribute('placeholder', B);
      await pick(form, page, '介质类别', '移动硬盘');
      await pick(form, page, '密级', '秘密');
      await form.getByLabel('品牌型号').fill('西部数据 My Passport 1TB');
      await field(form, '序列号').fill('WD-1T-B002');
      await person(form, page, '责任人', '王保密');
      await pick(form, page, '所属单位', UNIT);
      await form.getByLabel('登记入库时间').fill(`${day(-30)} 09:00`);
      await form.getByRole('button', { name: '保存' }).click();
      await expect(form).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(rows(page)).toHaveCount(2);
      await expect(rows(page).filter({ hasText: A })).toContainText('在库');
    });

    await test.step('issue refused to a person without a sign-off, at the field; issued to one with a valid sign-off', async () => {
      await rows(page).filter({ hasText: A }).click();
      expect(await eventMenu(page)).toEqual(['发放/领用', '借出', '携带外出', '送外维修', '交回甲方', '销毁', '丢失/泄露报告']);
      let form = await openEvent(page, A, '发放/领用');
      await person(form, page, '领用人', '孙未签');
      await form.getByLabel('用途').fill('数据交换');
      await form.getByRole('button', { name: '登记发放/领用' }).click();
      await expect(form.getByText('孙未签 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。')).toBeVisible();
      await shot(page, 'media-03-issue-refused');
      await form.getByRole('button', { name: '取消' }).click();
      await page.getByRole('button', { name: '放弃修改' }).click();
      await expect(form).toHaveCount(0);

      form = await openEvent(page, A, '发放/领用');
      await person(form, page, '领用人', '张三');
      await form.getByLabel('用途').fill('数据交换');
      await field(form, '领用人：张三').check();
      await form.getByRole('button', { name: '登记发放/领用' }).click();
      await expect(form.getByTestId('event-saved')).toContainText('请点下方“交接单”打印');
      await expect(form.getByRole('button', { name: '添加附件' })).toBeVisible();
      await finishHandover(form);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('已发放给 张三');
      await expect(timelineEvents(page).nth(1)).toContainText('领用人 张三 · 已签字');

      // In use now: the number is fixed.
      await drawer(page).getByRole('button', { name: '编辑' }).click();
      const edit = dialog(page).filter({ hasText: `编辑介质 ${A}` });
      await untilSettled(edit);
      await expect(edit.getByTestId('number-input')).toBeDisabled();
      await expect(edit).toContainText('介质已启用，保密编号不能再修改。');
      await edit.getByRole('button', { name: '取消' }).click();
      await expect(edit).toHaveCount(0);
    });

    await test.step('returned, then taken out with written approval and encryption, and back', async () => {
      let form = await openEvent(page, A, '归还');
      await expect(field(form, '归还核验人')).toHaveValue(OFFICER.displayName);
      await form.getByLabel('核验情况').fill('完好');
      await form.getByRole('button', { name: '登记归还' }).click();
      await finishHandover(form);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('在库');

      form = await openEvent(page, A, '携带外出');
      await person(form, page, '携带人', '张三');
      await field(form, '外出地点').fill('市政务云机房');
      await field(form, '事由').fill('系统巡检');
      await date(form, '预计返回日期', day(3));
      await field(form, '审批人').fill('刘处长');
      await form.getByRole('button', { name: '登记携带外出' }).click();
      await expect(form.getByText('对介质加密并确认已加密')).toBeVisible();
      await form.getByLabel('已对介质加密').check();
      await field(form, '加密方式').fill('SM4 全盘加密');
      await shot(page, 'media-04-take-out');
      await form.getByRole('button', { name: '登记携带外出' }).click();
      await finishHandover(form);
      await expect(drawer(page).getByTestId('medium-state')).toContainText(`由 张三 携带外出（应于 ${day(3)} 返回）`);

      form = await openEvent(page, A, '外出返回');
      await field(form, '返回检查情况').fill('封条完好，无异常');
      await form.getByRole('button', { name: '登记外出返回' }).click();
      await expect(form).toHaveCount(0);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('在库');
    });

    await test.step('repair without sanitisation refused with the reason at the field; repaired properly; a wrong 修回 corrected', async () => {
      let form = await openEvent(page, A, '送外维修');
      await form.getByLabel('故障情况').fill('无法识别');
      await field(form, '维修单位').fill('某某数据恢复有限公司');
      await form.getByLabel('维修单位已签订保密协议').check();
      await form.getByLabel('保密协议编号').fill('BM-2026-03');
      await form.getByLabel('涉密资料已备份').check();
      await field(form, '陪同人').fill('赵陪同');
      await field(form, '审批人').fill('刘处长');
      await form.getByRole('button', { name: '登记送外维修' }).click();
      const refusal = `介质 ${A}（U盘）当前在库，送外维修前还须：对介质作技术处理（清除数据或拆除存储部件）并确认已处理；填写技术处理方式。`;
      await expect(form.getByText(refusal)).toBeVisible();
      await shot(page, 'media-05-repair-refused');
      await form.getByLabel('已作技术处理（清除数据或拆除存储部件）').check();
      await field(form, '技术处理方式').fill('数据已清除（低级格式化）');
      await form.getByRole('button', { name: '登记送外维修' }).click();
      await finishHandover(form);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('在“某某数据恢复有限公司”维修中');
      await expect(drawer(page).getByTestId('open-items')).toContainText('维修未修回');

      form = await openEvent(page, A, '修回');
      await field(form, '维修结果').fill('更换主控芯片');
      await form.getByRole('button', { name: '登记修回' }).click();
      await expect(form).toHaveCount(0);

      await drawer(page).getByRole('button', { name: '登记事件' }).click();
      await page.getByRole('menuitem', { name: '更正最近一条记录…' }).click();
      form = page.getByRole('dialog', { name: `更正 · ${A}` });
      await expect(field(form, '要更正的记录')).toHaveValue(/^第 7 条 修回/);
      await field(form, '更正原因').fill('维修单位尚未交回，误登记修回');
      await form.getByRole('button', { name: '登记更正' }).click();
      await expect(form).toHaveCount(0);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('维修中');
      const corrected = drawer(page).locator('[data-testid="timeline-event"][data-seq="7"]');
      await expect(corrected).toHaveAttribute('data-corrected', 'true');
      await expect(corrected.getByTestId('corrected-by')).toHaveText('已被第 8 条更正');

      form = await openEvent(page, A, '修回');
      await field(form, '维修结果').fill('更换主控芯片，数据未恢复');
      await form.getByRole('button', { name: '登记修回' }).click();
      await expect(form).toHaveCount(0);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('在库');
    });

    await test.step('destroyed with a witness after confirmation: nothing but a correction follows', async () => {
      const form = await openEvent(page, A, '销毁');
      await field(form, '销毁原因').fill('项目结束，介质报废');
      await pick(form, page, '销毁方式', '物理粉碎');
      await field(form, '销毁地点').fill('保密室');
      await expect(field(form, '销毁人')).toHaveValue(OFFICER.displayName);
      await field(form, '审批人').fill('刘处长');
      await form.getByLabel('监销人 1').fill(OFFICER.displayName);
      await form.getByRole('button', { name: '登记销毁' }).click();
      await page.getByRole('dialog', { name: '确认销毁？' }).getByRole('button', { name: '确认销毁' }).click();
      await expect(form.getByText(/由销毁人以外的人监销（监销人 张保密 就是销毁人）/)).toBeVisible();
      await form.getByLabel('监销人 1').fill('刘处长');
      await shot(page, 'media-06-destroy');
      await form.getByRole('button', { name: '登记销毁' }).click();
      const confirm = page.getByRole('dialog', { name: '确认销毁？' });
      await expect(confirm).toContainText('不能再登记其他事件');
      await confirm.getByRole('button', { name: '确认销毁' }).click();
      await finishHandover(form);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('已销毁');
      expect(await eventMenu(page)).toEqual(['更正最近一条记录…']);
      await expect(timelineEvents(page)).toHaveCount(10);
      await expect(timelineEvents(page).last()).toContainText('监销人 刘处长');
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await drawer(page).locator('[data-testid="timeline-event"][data-seq="5"]').scrollIntoViewIfNeeded();
      await untilSettled(drawer(page));
      await shot(page, 'media-07-timeline');
      await page.keyboard.press('Escape');
      await expect(drawer(page)).toHaveCount(0);
    });

    await test.step('the second medium lent a while ago is overdue: red in the list and in the overdue alert', async () => {
      await rows(page).filter({ hasText: B }).click();
      const form = await openEvent(page, B, '借出');
      await person(form, page, '借用人', '李四');
      await form.getByLabel('用途').fill('现场备份');
      await date(form, '应还日期', day(-10));
      await form.getByLabel('发生时间').fill(`${day(-20)} 10:00`);
      await form.getByRole('button', { name: '登记借出' }).click();
      await finishHandover(form);
      await page.keyboard.press('Escape');
      await expect(drawer(page)).toHaveCount(0);
      const row = rows(page).filter({ hasText: B });
      await expect(row).toContainText('借出');
      await expect(row).toContainText('李四');
      await expect(row.locator('[data-overdue="true"]')).toHaveText(`${day(-10)}已逾期 10 天`);
      const alert = page.getByTestId('media-overdue');
      await expect(alert).toContainText(`${B}`);
      await expect(alert).toContainText(`李四 借用，应于 ${day(-10)} 归还，已逾期 10 天`);
      await expect(rows(page).filter({ hasText: A })).toContainText('已销毁');
      await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
      await shot(page, 'media-08-list');
    });

    await test.step("the borrower's departure checklist lists the medium until it is returned from there", async () => {
      await nav(page, '人员');
      await rows(page).filter({ hasText: '李四' }).click();
      const detail = page.getByRole('dialog', { name: '人员详情' });
      await detail.getByRole('button', { name: '办理调岗/离岗' }).click();
      const start = page.getByRole('dialog', { name: '办理调岗/离岗：李四' });
      await date(start, '调岗/离岗日期', day(7));
      await start.getByRole('button', { name: '开始办理' }).click();
      await expect(start).toHaveCount(0);
      const item = detail.locator(`[data-testid="checklist-item"][data-item="media:media:${B}"]`);
      await expect(item).toHaveAttribute('data-done', 'false');
      await expect(item).toContainText(`归还介质 ${B}（移动硬盘，西部数据 My Passport 1TB）`);
      await shot(page, 'media-09-checklist');

      await item.getByRole('button', { name: `打开介质 ${B}` }).click();
      await expect(page.getByRole('heading', { name: '介质保管' })).toBeVisible();
      await expect(drawer(page)).toContainText(B);
      const form = await openEvent(page, B, '归还');
      await form.getByLabel('核验情况').fill('完好，数据已清除');
      await form.getByRole('button', { name: '登记归还' }).click();
      await finishHandover(form);
      await page.keyboard.press('Escape');
      await expect(drawer(page)).toHaveCount(0);
      await nav(page, '人员');
      await rows(page).filter({ hasText: '李四' }).click();
      await expect(item).toHaveAttribute('data-done', 'true');
      await expect(item).toContainText(`已于 ${day(0)} 归还，核验人 ${OFFICER.displayName}`);
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    });

    await test.step('a loss reported after confirmation, with the 48-hour deadline shown live and then listed as open', async () => {
      await nav(page, '介质保管');
      await rows(page).filter({ hasText: B }).click();
      await expect(rows(page).filter({ hasText: B })).toContainText('在库');
      const form = await openEvent(page, B, '丢失/泄露报告');
      await expect(form.getByRole('radio', { name: '丢失' })).toBeChecked();
      await expect(form.getByTestId('incident-deadline')).toContainText('须在');
      await expect(form.getByTestId('incident-deadline')).toContainText(/还剩 4[78] 小时/);
      await field(form, '事件经过').fill('出差途中遗失，已报警');
      await field(form, '报告对象（甲方联系人）').fill('甲方保密办 陈工');
      await shot(page, 'media-10-loss');
      await form.getByRole('button', { name: '登记丢失/泄露报告' }).click();
      await page.getByRole('dialog', { name: '确认丢失/泄露报告？' }).getByRole('button', { name: '确认丢失/泄露报告' }).click();
      await expect(form).toHaveCount(0);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('已报告丢失');
      await expect(drawer(page).getByTestId('open-items')).toContainText('尚未向甲方书面报告');
      expect(await eventMenu(page)).toEqual(['归还', '丢失/泄露报告', '更正最近一条记录…']);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('media-overdue')).toContainText('待向甲方报告');
      await expect(rows(page).filter({ hasText: B })).toContainText('丢失');
      expect(one<{ status: string }>(h, 'SELECT status FROM media WHERE number = ?', B).status).toBe('丢失');
    });

    await test.step('the written report to the client recorded from the open item closes it', async () => {
      await page.getByTestId('media-overdue').getByRole('button', { name: B }).click();
      await drawer(page).getByTestId('open-items').getByRole('button', { name: '登记补报' }).click();
      const form = page.getByRole('dialog', { name: `丢失/泄露报告 · ${B}` });
      await untilSettled(form);
      await expect(field(form, '报告')).toHaveValue(/^补报第 4 条丢失事件/);
      await expect(field(form, '报告对象（甲方联系人）')).toHaveValue('甲方保密办 陈工');
      await expect(form.getByLabel('已向甲方书面报告')).toBeChecked();
      await form.getByRole('button', { name: '登记丢失/泄露报告' }).click();
      await expect(form).toHaveCount(0);
      await expect(drawer(page).getByTestId('open-items')).toHaveCount(0);
      await expect(timelineEvents(page).last()).toContainText('补报第 4 条丢失事件：已于');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('media-overdue')).toHaveCount(0);
    });
  } finally {
    await h.close();
  }
});
