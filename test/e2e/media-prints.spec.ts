// Issue 6 (介质保管) end to end, the printed part, as a 保密员 does it from the media screens: the
// home screen's 查看 on an overdue loan opens the medium; its timeline offers a 交接单 on each
// hand-over (not on 登记入库) and the drawer a 履历卡; the list header's 打印台账 prints §1 介质登记台账
// and the logs §2 借用/归还, §3 携带外出, §4 送外维修 and §5 销毁 (with totals) — each PDF's text is
// checked for its rows — and 介质清查 leads to the stocktake page. The office, the people and the
// media's chains are set up through the gate; the printing is done on the screens.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { idCheckDigit } from '../../common/people/id-number';
import { OFFICER, provisionUser, setupOffice, UNIT, value } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { loginInUi, rows, SCREENS, shot, untilSettled } from './ui';

const VENDOR = '北京金山云网络技术有限公司';
const idNumber = (first17: string) => `${first17}${idCheckDigit(first17)}`;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const at = (offset: number, time = '10:00') => `${day(offset)}T${time}:00+08:00`;
const YEAR = new Date().getFullYear();
const no = (n: number) => `JZ-${YEAR}-${String(n).padStart(4, '0')}`;
/** Lent to 张三 20 days ago, due 10 days ago: overdue (a finding on the home screen). */
const LENT = no(1);
/** Taken out by 李四 and back. */
const TAKEN = no(2);
/** Repaired and back. */
const REPAIRED = no(3);
/** Destroyed: a 光盘 and a U盘, for the totals. */
const DISC = no(4);
const STICK = no(5);

const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();
const notifications = (page: Page) => page.locator('.mantine-Notification-root');
const drawer = (page: Page) => page.getByRole('dialog', { name: '介质详情' });

/** pdftotext of a PDF, whitespace removed (the printed cells wrap anywhere). */
const pdfText = (path: string) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** Exports from the open 导出 PDF dialog and returns the saved path, once the notification has gone. */
async function savePdf(page: Page): Promise<string> {
  const printDialog = page.getByRole('dialog', { name: '导出 PDF' });
  await printDialog.getByRole('button', { name: '选择位置并导出' }).click();
  const saved = page.getByText(/已保存到 .*\.pdf/);
  await expect(saved).toBeVisible();
  const path = /已保存到 (.*\.pdf)/.exec((await saved.textContent()) ?? '')![1]!;
  expect(existsSync(path)).toBe(true);
  await expect(printDialog).toHaveCount(0);
  await expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });
  return path;
}

/** 导出 PDF… from a PrintMenu (the 交接单 or the 履历卡). */
async function menuPdf(page: Page, button: Locator): Promise<string> {
  await button.click();
  await page.getByRole('menuitem', { name: '导出 PDF…' }).click();
  return savePdf(page);
}

/** 打印台账 → `register` in the list header, then 导出 PDF from its setup. */
async function registerPdf(page: Page, register: string, name: string): Promise<string> {
  await page.getByTestId('media-print-menu').click();
  await page.getByTestId(`media-print-${register}`).click();
  const setup = page.getByRole('dialog', { name: `打印“${name}”` });
  await untilSettled(setup);
  await setup.getByRole('button', { name: '导出 PDF…' }).click();
  return savePdf(page);
}

test('an officer prints the media registers, a history card and a hand-over receipt from the media screens', async () => {
  test.setTimeout(300_000);
  const h: Harness = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    const client = value<{ id: number }>(await h.gate.invoke('org:create', { name: UNIT, kind: 'client' }));
    const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: VENDOR, kind: 'vendor', uscc: '9111010857121431XA' }));
    const person = async (name: string, first17: string, orgId: number) => {
      const p = value<{ id: number }>(await h.gate.invoke('person:create', { name, orgId, idNumber: idNumber(first17), post: '运维' }));
      value(await h.gate.invoke('signoff:create', { personId: p.id, kind: '上岗保密承诺书', signedDate: day(-60), witness: '张保密', copies: 2, keptAt: '保密办' }));
      return p.id;
    };
    const keeper = await person('王保密', '11010519800101001', client.id);
    const zhang = await person('张三', '11010519880415003', vendor.id);
    const li = await person('李四', '31011519920308005', vendor.id);

    const medium = async (kind: string, model: string, serial: string) =>
      value<{ medium: { id: number; number: string } }>(
        await h.gate.invoke('media:create', {
          kind,
          model,
          serial,
          capacity: '64GB',
          classification: '内部',
          responsibleId: keeper,
          orgId: client.id,
          location: '保密室2号保密柜',
          registeredAt: at(-30, '09:00'),
        }),
      ).medium;
    const record = async (id: number, input: Record<string, unknown>) => {
      const { rev } = value<{ rev: number }>(await h.gate.invoke('media:get', { id }));
      value(await h.gate.invoke('media:event', { id, rev, ...input }));
    };

    const lent = await medium('U盘', '金士顿 DT 64GB', 'KS-64-A001');
    await record(lent.id, { type: '借出', holderId: zhang, purpose: '数据交换', dueBack: day(-10), occurredAt: at(-20), acknowledged: ['借用人'] });
    const taken = await medium('移动硬盘', '西部数据 My Passport', 'WD-1T-B002');
    await record(taken.id, {
      type: '携带外出',
      carrierId: li,
      approver: '刘处长',
      destination: '市政务云机房',
      purpose: '系统巡检',
      encrypted: true,
      encryptionMethod: 'SM4全盘加密',
      dueBack: day(-5),
      occurredAt: at(-6),
    });
    await record(taken.id, { type: '外出返回', checkResult: '封条完好无异常', occurredAt: at(-5) });
    const repaired = await medium('U盘', '闪迪 CZ73', 'SD-CZ-C003');
    await record(repaired.id, {
      type: '送外维修',
      fault: '无法识别',
      repairer: '某某数据恢复有限公司',
      repairerAgreement: true,
      agreementRef: 'BM-2026-03',
      backupDone: true,
      sanitised: true,
      sanitisation: '低级格式化',
      sentBy: '王保密',
      escort: '赵陪同',
      approver: '刘处长',
      occurredAt: at(-9),
    });
    await record(repaired.id, { type: '修回', result: '更换主控芯片', occurredAt: at(-3) });
    const disc = await medium('光盘', '威宝 DVD-R', 'VB-DVD-D004');
    await record(disc.id, { type: '销毁', reason: '项目结束', method: '物理粉碎', place: '保密室', destroyer: '王保密', witnesses: ['刘处长'], approver: '刘处长', occurredAt: at(-2) });
    const stick = await medium('U盘', '爱国者 U210', 'AG-U2-E005');
    await record(stick.id, { type: '销毁', reason: '介质报废', method: '消磁', place: '保密室', destroyer: '王保密', witnesses: ['刘处长', '陈监督'], approver: '刘处长', occurredAt: at(-1) });
    expect([lent, taken, repaired, disc, stick].map((m) => m.number)).toEqual([LENT, TAKEN, REPAIRED, DISC, STICK]);
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    await test.step('the home screen’s 查看 on the overdue loan opens the medium on the media page', async () => {
      const overdue = page.locator('[data-testid="finding"][data-rule="media.overdueReturn"]');
      await expect(overdue).toContainText(LENT);
      await overdue.getByRole('button', { name: '查看' }).click();
      await expect(page.getByRole('heading', { name: '介质保管' })).toBeVisible();
      await untilSettled(drawer(page));
      await expect(drawer(page)).toContainText(LENT);
      await expect(drawer(page).getByTestId('medium-state')).toContainText('张三');
    });

    await test.step('the timeline offers a 交接单 on the 借出, none on 登记入库; the 交接单 printed to PDF', async () => {
      await expect(drawer(page).getByTestId('receipt-2')).toBeVisible();
      await expect(drawer(page).getByTestId('receipt-1')).toHaveCount(0);
      await drawer(page).getByTestId('receipt-2').scrollIntoViewIfNeeded();
      await untilSettled(drawer(page));
      await shot(page, 'media-prints-01-timeline');
      const path = await menuPdf(page, drawer(page).getByTestId('receipt-2').getByRole('button', { name: '交接单' }));
      const text = pdfText(path);
      expect(text).toContain('介质交接单');
      expect(text).toContain(`${LENT}（U盘）第2条借出`);
      for (const part of ['借用人张三', '用途数据交换', `应还日期${day(-10)}`, '交出方（保管人王保密）', '接收方（借用人张三）']) expect(text).toContain(part);
    });

    await test.step('the 履历卡 printed to PDF: the fields and the chain', async () => {
      const path = await menuPdf(page, drawer(page).getByRole('button', { name: '履历卡' }));
      const text = pdfText(path);
      expect(text).toContain('介质履历卡');
      expect(text).toContain(`${LENT}（U盘，金士顿DT64GB）`);
      for (const part of ['序列号KS-64-A001', '三、流转履历', '登记入库，存放于保密室2号保密柜', `借给张三，用途：数据交换，应还${day(-10)}`, '借用人张三（已签字）', '保管责任人']) {
        expect(text).toContain(part);
      }
      await page.keyboard.press('Escape');
      await expect(drawer(page)).toHaveCount(0);
    });

    await test.step('the list header offers 打印台账 with the five registers and 介质清查', async () => {
      await expect(rows(page)).toHaveCount(5);
      await expect(page.getByTestId('media-stocktake-link')).toBeVisible();
      await page.getByTestId('media-print-menu').click();
      await expect(page.getByRole('menuitem')).toHaveCount(5);
      await untilSettled(page.getByRole('menu'));
      await shot(page, 'media-prints-02-list-print-menu');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menuitem')).toHaveCount(0);
    });

    await test.step('§1 介质登记台账: every medium with its derived status', async () => {
      const text = pdfText(await registerPdf(page, 'media', '存储介质登记台账'));
      expect(text).toContain('存储介质登记台账');
      for (const n of [LENT, TAKEN, REPAIRED, DISC, STICK]) expect(text).toContain(n);
      for (const part of ['KS-64-A001', 'WD-1T-B002', '西部数据MyPassport', '共5条']) expect(text).toContain(part);
    });

    await test.step('§2 借用/归还登记簿: the loan, not returned', async () => {
      const text = pdfText(await registerPdf(page, 'mediaLoans', '介质借用/归还登记簿'));
      expect(text).toContain('介质借用/归还登记簿');
      expect(text).toContain(`${LENT}U盘内部张三${VENDOR}数据交换${day(-20)}${day(-10)}`);
      expect(text).toContain('共1条');
    });

    await test.step('§3 携带外出: approval, encryption and the return', async () => {
      const text = pdfText(await registerPdf(page, 'mediaTakeOuts', '介质携带外出审批登记'));
      expect(text).toContain('介质携带外出审批登记');
      for (const part of [`${day(-6)}${TAKEN}内部李四市政务云机房系统巡检`, 'SM4全盘加密', '刘处长', '封条完好无异常', '共1条']) expect(text).toContain(part);
    });

    await test.step('§4 送外维修: agreement, backup, sanitisation and the result', async () => {
      const text = pdfText(await registerPdf(page, 'mediaRepairs', '送外维修登记表'));
      expect(text).toContain('送外维修登记表');
      for (const part of [REPAIRED, '某某数据恢复有限公司', 'BM-2026-03', '低级格式化', '赵陪同', day(-9), day(-3), '更换主控芯片', '共1条']) expect(text).toContain(part);
    });

    await test.step('§5 销毁登记表: both destructions and the totals per kind; its page rendered', async () => {
      const path = await registerPdf(page, 'mediaDestructions', '介质销毁登记表');
      const text = pdfText(path);
      expect(text).toContain('介质销毁登记表');
      for (const part of [`${DISC}光盘VB-DVD-D004`, `${STICK}U盘AG-U2-E005`, '物理粉碎', '消磁', '陈监督', '共2条', '合计：U盘1件，光盘1件；共2件']) {
        expect(text).toContain(part);
      }
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', path, join(SCREENS, 'media-prints-03-destructions')]);
    });

    await test.step('介质清查 leads to the stocktake page', async () => {
      await page.getByTestId('media-stocktake-link').click();
      await expect(page.getByRole('heading', { name: '介质清查', exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: '开始清查' }).first()).toBeVisible();
      await nav(page, '介质保管');
      await expect(page.getByTestId('media-print-menu')).toBeVisible();
    });
  } finally {
    await h.close();
  }
});
