// Issue 7 (访问IP报备) end to end, as a 保密员 does it through the screens: filings for two reference
// vendors (北京强尼科技 of contract 000, 江苏瑞新 of contract 001) entered with a mistyped address
// corrected at its line, approved; one refused because its user never signed, then rejected; an
// overlapping filing by the other unit warned about and listed under 地址冲突; the lookup answering for
// an address inside a range; the §9 register printed, the whitelist exported as text and CSV and read
// line by line; a renewal linked both ways; a departure revoking its filing from the checklist.
// Only the office, the officer account, the units, the people and their sign-offs are set up through the gate.
import { expect, test, type Locator, type Page } from '@playwright/test';
import dayjs from 'dayjs';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idCheckDigit } from '../../common/people/id-number';
import { maskPhone } from '../../common/privacy/mask';
import { OFFICER, provisionUser, setupOffice, UNIT, value } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { date, dialog, exportRegisterPdf, loginInUi, pick, rows, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';
const QIANGNI = '北京强尼科技有限公司';
const RUIXIN = '江苏瑞新信息技术股份有限公司';
const SIGNED = { name: '李运维', phone: '13911112222', first17: '11010519880415003' };
const UNSIGNED = { name: '周未签', phone: '13822223333', first17: '31011519920308005' };
const OTHER = { name: '吴工程', phone: '13733334444', first17: '32040219900101002' };

const today = dayjs().format('YYYY-MM-DD');
const validTo = dayjs().add(180, 'day').format('YYYY-MM-DD');
/** The other unit's filing ends soon: it is listed as 即将到期. */
const soon = dayjs().add(20, 'day').format('YYYY-MM-DD');
const no = (n: number) => `IP-${dayjs().year()}-${String(n).padStart(4, '0')}`;

const nav = (page: Page, label: string) => page.locator('.mantine-AppShell-navbar').getByText(label, { exact: true }).click();
const notifications = (page: Page) => page.locator('.mantine-Notification-root');
const pdfText = (path: string) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
/** Chooses a view of the page (报备登记 / 地址冲突). */
const tab = (page: Page, name: string) => page.getByRole('radiogroup', { name: '查看' }).getByText(name, { exact: true }).click();
const quiet = (page: Page) => expect(notifications(page)).toHaveCount(0, { timeout: 15_000 });

interface Filing {
  org: string;
  user: string;
  contact: string;
  addresses: string;
  systems: string;
  validTo?: string;
}

/** Fills the filing form (open) and saves it; returns the saved step. */
async function fillAndSave(page: Page, form: Locator, f: Filing): Promise<Locator> {
  await pick(form, page, '报备单位', f.org);
  await form.getByLabel(/^使用人/).fill(f.user.slice(0, 1));
  await page.getByRole('option', { name: new RegExp(`^${f.user}`) }).click();
  await form.getByLabel(/^使用人/).press('Tab');
  await form.getByLabel(/^联系方式/).fill(f.contact);
  await form.getByLabel(/^IP 地址\/地址段/).fill(f.addresses);
  await pick(form, page, '接入方式', 'VPN');
  await form.getByLabel(/^访问系统/).fill(f.systems);
  await form.getByLabel(/^用途/).fill('远程运维');
  await date(form, '有效期结束日', f.validTo ?? validTo);
  await form.getByRole('button', { name: '保存' }).click();
  const saved = form.getByTestId('filing-saved');
  await expect(saved).toBeVisible();
  return saved;
}

test('an officer files, approves, refuses, looks up, prints, exports and revokes access-IP filings', async () => {
  // A long journey on a shared 2-core machine: eight steps, two PDF renderings.
  test.setTimeout(300_000);
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.gate.invoke('auth:login', OFFICER);
    value(await h.gate.invoke('org:create', { name: UNIT, kind: 'client' }));
    const qiangni = value<{ id: number }>(await h.gate.invoke('org:create', { name: QIANGNI, kind: 'vendor' }));
    const ruixin = value<{ id: number }>(await h.gate.invoke('org:create', { name: RUIXIN, kind: 'vendor' }));
    for (const [p, orgId, signs] of [
      [SIGNED, qiangni.id, true],
      [UNSIGNED, qiangni.id, false],
      [OTHER, ruixin.id, true],
    ] as const) {
      const person = value<{ id: number }>(
        await h.gate.invoke('person:create', {
          name: p.name,
          orgId,
          post: '运维工程师',
          idNumber: `${p.first17}${idCheckDigit(p.first17)}`,
          phone: p.phone,
          enteredOn: '2024-05-01',
        }),
      );
      if (signs) {
        value(await h.gate.invoke('signoff:create', { personId: person.id, kind: '上岗保密承诺书', signedDate: '2024-05-20', witness: '王保密', copies: 2, keptAt: '保密办' }));
      }
    }
    value(await h.gate.invoke('auth:logout', {}));
    await h.open();
    await loginInUi(page, OFFICER);

    const detail = page.getByTestId('filing-detail');
    const openFiling = async (number: string) => {
      await tab(page, '报备登记');
      await rows(page).filter({ hasText: number }).click();
      await expect(detail.getByText(number, { exact: true }).first()).toBeVisible();
    };
    const closeFiling = async () => {
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    };
    const approve = async (number: string) => {
      await detail.getByRole('button', { name: '审批通过' }).click();
      const modal = page.getByRole('dialog', { name: `审批通过：${number}` });
      await untilSettled(modal);
      await expect(modal.getByLabel(/^审批人/)).toHaveValue(OFFICER.displayName);
      await modal.getByRole('button', { name: '审批通过' }).click();
      return modal;
    };

    await test.step('the empty register says what to do; a mistyped block is refused at its line, full-width digits corrected', async () => {
      await nav(page, '访问IP报备');
      await expect(page.getByText('还没有访问IP报备')).toBeVisible();
      await expect(page.getByTestId('lookup')).toBeVisible();
      await page.getByRole('button', { name: '新建报备' }).first().click();
      const form = dialog(page);
      await untilSettled(form);
      const addresses = form.getByLabel(/^IP 地址\/地址段/);
      await addresses.fill('10.1.2.3/24\n１９２．１６８．５．１０\n2001:DB8::0001');
      const lines = form.getByTestId('address-line');
      await expect(lines).toHaveCount(3);
      await expect(lines.nth(0)).toHaveAttribute('data-ok', 'false');
      await expect(lines.nth(0)).toContainText('第 1 行');
      await expect(lines.nth(0)).toContainText('10.1.2.3/24 的主机位不为零，网段应写作 10.1.2.0/24');
      await expect(lines.nth(1)).toContainText('已更正为 192.168.5.10');
      await expect(lines.nth(1)).toContainText('私有地址');
      await expect(lines.nth(2)).toContainText('2001:db8::1');
      await expect(lines.nth(2)).toContainText('按 2001:db8::1 登记');
      await pick(form, page, '报备单位', QIANGNI);
      await form.getByLabel(/^联系方式/).click();
      await shot(page, 'ipfilings-01-form-corrections');

      await addresses.fill('10.1.2.0/24\n１９２．１６８．５．１０\n2001:DB8::0001');
      await expect(lines.nth(0)).toHaveAttribute('data-ok', 'true');
      const saved = await fillAndSave(page, form, { org: QIANGNI, user: SIGNED.name, contact: SIGNED.phone, addresses: '10.1.2.0/24\n１９２．１６８．５．１０\n2001:DB8::0001', systems: '教务管理系统' });
      await expect(saved).toContainText(`报备 ${no(1)} 已登记，状态为待审批`);
      await expect(form.getByTestId('saved-notes')).toContainText('已将全角字符转为半角，按 192.168.5.10 登记');
      await expect(form.getByTestId('saved-conflicts')).toHaveCount(0);
      await saved.getByRole('button', { name: '完成' }).click();
      await expect(dialog(page)).toHaveCount(0);
      const row = rows(page).filter({ hasText: no(1) });
      await expect(row).toContainText(QIANGNI);
      await expect(row).toContainText(SIGNED.name);
      await expect(row).toContainText('10.1.2.0/24');
      await expect(row).toContainText('192.168.5.10');
      await expect(row).toContainText('等 3 个');
      await expect(row.getByTestId('filing-status')).toHaveText('待审批');
    });

    await test.step('the signed user’s filing approved from its detail', async () => {
      await openFiling(no(1));
      const modal = await approve(no(1));
      await expect(modal).toHaveCount(0);
      await expect(detail.getByTestId('filing-status')).toHaveText('有效');
      await expect(detail.getByTestId('filing-history')).toContainText(`${today} 审批通过`);
      await expect(detail.getByTestId('filing-address-table')).toContainText('私有地址');
      await expect(detail.getByTestId('contact-value')).toHaveText(maskPhone(SIGNED.phone));
      await closeFiling();
    });

    await test.step('a filing whose user never signed is refused approval with the core’s reason, then rejected', async () => {
      await quiet(page);
      await page.getByRole('button', { name: '新建报备' }).first().click();
      const form = dialog(page);
      await untilSettled(form);
      const saved = await fillAndSave(page, form, { org: QIANGNI, user: UNSIGNED.name, contact: UNSIGNED.phone, addresses: '203.0.113.7', systems: '教务管理系统' });
      await saved.getByRole('button', { name: '完成' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await openFiling(no(2));
      const modal = await approve(no(2));
      await expect(modal.getByTestId('action-error')).toHaveText(`${UNSIGNED.name} 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。`);
      await untilSettled(modal);
      await shot(page, 'ipfilings-02-approval-refused');
      await modal.getByRole('button', { name: '取消' }).click();
      await expect(detail.getByTestId('filing-status')).toHaveText('待审批');
      await detail.getByRole('button', { name: '驳回' }).click();
      const reject = page.getByRole('dialog', { name: `驳回：${no(2)}` });
      await reject.getByLabel(/^驳回原因/).fill('使用人尚未签署保密承诺');
      await reject.getByRole('button', { name: '确认驳回' }).click();
      await expect(reject).toHaveCount(0);
      await expect(detail.getByTestId('rejected-info')).toContainText('使用人尚未签署保密承诺');
      await expect(detail.getByTestId('filing-status')).toHaveText('已驳回');
      await closeFiling();
    });

    await test.step('another unit filing a range inside the first block is warned on save, and both filings show it', async () => {
      await quiet(page);
      await page.getByRole('button', { name: '新建报备' }).first().click();
      const form = dialog(page);
      await untilSettled(form);
      const saved = await fillAndSave(page, form, { org: RUIXIN, user: OTHER.name, contact: OTHER.phone, addresses: '10.1.2.128 - 10.1.2.200', systems: '政务服务平台', validTo: soon });
      const warning = form.getByTestId('saved-conflicts');
      await expect(warning).toContainText(`${no(3)}（${RUIXIN}，${OTHER.name}）与${no(1)}（${QIANGNI}，${SIGNED.name}）的地址冲突`);
      await expect(warning).toContainText(`${no(1)} 的 10.1.2.0/24 包含 ${no(3)} 的 10.1.2.128-10.1.2.200（私有地址）`);
      await expect(warning).toContainText('报备单位不同，使用人不同');
      await expect(notifications(page).filter({ hasText: `已登记报备 ${no(3)}` })).toContainText('的地址冲突');
      await saved.getByRole('button', { name: '完成' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await openFiling(no(3));
      await approve(no(3));
      await expect(detail.getByTestId('filing-status')).toHaveText('即将到期');
      await expect(detail.getByTestId('filing-status-text')).toHaveText('有效（还剩 20 天）');
      await expect(detail.getByTestId('filing-conflicts')).toContainText(`与其他报备的地址冲突 1 处`);
      await expect(detail.getByTestId('filing-conflicts')).toContainText(no(1));
      await quiet(page);
      await untilSettled(page.getByRole('dialog', { name: '报备详情' }));
      await shot(page, 'ipfilings-03-detail');
      await closeFiling();
    });

    await test.step('the conflicts view explains the pair, and its link opens the other filing', async () => {
      await tab(page, '地址冲突');
      const conflicts = page.getByTestId('conflict');
      await expect(conflicts).toHaveCount(1);
      await expect(conflicts).toContainText('包含');
      await expect(conflicts).toContainText('不同单位');
      await expect(conflicts.getByTestId('conflict-message')).toContainText('请核实地址是否填写有误或被他人占用');
      await shot(page, 'ipfilings-04-conflicts');
      await conflicts.getByTestId('conflict-link').filter({ hasText: no(1) }).click();
      await expect(detail.getByText(no(1), { exact: true }).first()).toBeVisible();
      await closeFiling();
      await tab(page, '报备登记');
    });

    await test.step('the lookup, reached with Ctrl+K, names both filings for an address inside the range, and says so for others', async () => {
      await page.getByRole('heading', { name: '访问IP报备' }).click();
      await page.keyboard.press('Control+K');
      const box = page.getByLabel('谁可以从此地址接入？');
      await expect(box).toBeFocused();
      await page.keyboard.type('10.1.2.150');
      const hits = page.getByTestId('lookup-hit');
      await expect(hits).toHaveCount(2);
      await expect(hits.filter({ hasText: no(1) })).toContainText(SIGNED.name);
      await expect(hits.filter({ hasText: no(3) })).toContainText('10.1.2.128-10.1.2.200');
      await expect(page.getByTestId('lookup-answer')).toContainText('10.1.2.150 有 2 项有效报备');
      await quiet(page);
      await shot(page, 'ipfilings-05-lookup');
      await box.fill('10.1.2');
      await expect(page.getByTestId('lookup-invalid')).toContainText('只有 3 段');
      await box.fill('203.0.113.7');
      await expect(page.getByTestId('lookup-none')).toHaveText('没有有效报备包含该地址：203.0.113.7（保留/文档）。如需从该地址接入，请先新建报备并审批。');
      await box.press('Escape');
      await expect(box).toHaveValue('');
      await expect(rows(page)).toHaveCount(3);
      await expect(rows(page).filter({ hasText: no(3) }).getByTestId('filing-status')).toHaveText('即将到期');
      const expiring = page.getByTestId('expiring-item');
      await expect(expiring).toHaveCount(1);
      await expect(expiring).toContainText(`${no(3)}：`);
      await expect(expiring).toContainText('还剩 20 天');
      await shot(page, 'ipfilings-06-list');
    });

    await test.step('the 访问IP报备登记表 printed to PDF: every filing, contacts masked', async () => {
      const path = await exportRegisterPdf(page);
      expect(path).toContain('访问IP报备登记表');
      execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SCREENS, 'ipfilings-pdf-register')]);
      const text = pdfText(path);
      // In filing order, whatever the order on screen.
      expect(text.indexOf(no(1))).toBeLessThan(text.indexOf(no(2)));
      expect(text.indexOf(no(2))).toBeLessThan(text.indexOf(no(3)));
      for (const expected of ['访问IP报备登记表', no(1), no(2), no(3), QIANGNI, RUIXIN, SIGNED.name, UNSIGNED.name, OTHER.name, '10.1.2.0/24', '192.168.5.10', '2001:db8::1', '10.1.2.128-10.1.2.200', '已驳回', '驳回原因：使用人尚未签署保密承诺']) {
        expect(text).toContain(expected);
      }
      for (const p of [SIGNED, UNSIGNED, OTHER]) {
        expect(text).toContain(maskPhone(p.phone));
        expect(text).not.toContain(p.phone);
      }
    });

    const exportWhitelist = async (item: RegExp): Promise<string[]> => {
      await quiet(page);
      await page.getByRole('button', { name: '导出白名单' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      const saved = notifications(page).filter({ hasText: '白名单已保存到' });
      await expect(saved).toBeVisible();
      const path = /白名单已保存到 (\S+?\.(?:txt|csv))/.exec((await saved.textContent()) ?? '')![1]!;
      expect(existsSync(path)).toBe(true);
      return readFileSync(path, 'utf8').split(/\r?\n/);
    };
    await test.step('the whitelist exported as text and as CSV, read line by line', async () => {
      const text = await exportWhitelist(/^文本/);
      expect(text.filter((l) => l.startsWith('# '))).toHaveLength(5);
      expect(text[0]).toContain('访问IP白名单');
      expect(text.find((l) => l.startsWith('# 生成账户'))).toBe(`# 生成账户：${OFFICER.displayName}（${OFFICER.username}）`);
      expect(text.find((l) => l.startsWith('# 筛选条件'))).toBe('# 筛选条件：无（全部当前有效的报备）');
      expect(text.filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['10.1.2.0/24', '192.168.5.10/32', '2001:db8::1/128']);
      expect(text.join('\n')).not.toContain('203.0.113.7');

      const csv = await exportWhitelist(/^CSV/);
      const data = csv.filter((l) => l !== '' && !l.startsWith('#'));
      expect(data).toEqual([
        'cidr,报备编号,单位,使用人,有效期至',
        `10.1.2.0/24,${no(1)},${QIANGNI},${SIGNED.name},${validTo}`,
        `192.168.5.10/32,${no(1)},${QIANGNI},${SIGNED.name},${validTo}`,
        `2001:db8::1/128,${no(1)},${QIANGNI},${SIGNED.name},${validTo}`,
        `10.1.2.128/26,${no(3)},${RUIXIN},${OTHER.name},${soon}`,
        `10.1.2.192/29,${no(3)},${RUIXIN},${OTHER.name},${soon}`,
        `10.1.2.200/32,${no(3)},${RUIXIN},${OTHER.name},${soon}`,
      ]);
      const audited = h.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ipfiling.whitelist'").get() as { n: number };
      expect(audited.n).toBe(2);
    });

    await test.step('a renewal is a new pending filing, linked both ways', async () => {
      await openFiling(no(3));
      await detail.getByRole('button', { name: '续期' }).click();
      const renew = page.getByRole('dialog', { name: `续期：${no(3)}` });
      await untilSettled(renew);
      await expect(renew.getByLabel(/^有效期开始日/)).toHaveValue(dayjs(soon).add(1, 'day').format('YYYY-MM-DD'));
      await renew.getByRole('button', { name: '新建续期报备' }).click();
      await expect(renew).toHaveCount(0);
      await expect(detail.getByText(no(4), { exact: true }).first()).toBeVisible();
      await expect(detail.getByTestId('renewal-links')).toContainText(`本报备续期自 ${no(3)}`);
      await expect(detail.getByTestId('filing-status')).toHaveText('待审批');
      await detail.getByTestId('renewal-links').getByRole('button', { name: no(3) }).click();
      await expect(detail.getByTestId('renewal-links')).toContainText(`本报备已续期为 ${no(4)}（待审批）`);
      await closeFiling();
    });

    await test.step('a departure lists the user’s filing; 撤销报备 on the checklist revokes it and the item turns done', async () => {
      await nav(page, '人员');
      await rows(page).filter({ hasText: SIGNED.name }).click();
      const person = page.getByTestId('person-detail');
      await person.getByRole('button', { name: '办理调岗/离岗' }).click();
      const start = page.getByRole('dialog', { name: `办理调岗/离岗：${SIGNED.name}` });
      await untilSettled(start);
      await start.getByRole('button', { name: '开始办理' }).click();
      await expect(start).toHaveCount(0);
      const item = person.locator(`[data-testid="checklist-item"][data-item="ip:ip:${no(1)}"]`);
      await expect(item).toHaveAttribute('data-done', 'false');
      await expect(item).toContainText(`撤销 IP 报备 ${no(1)}`);
      await untilSettled(page.getByRole('dialog', { name: '人员详情' }));
      await quiet(page);
      await shot(page, 'ipfilings-07-departure-checklist');
      await item.getByRole('button', { name: `撤销报备 ${no(1)}` }).click();
      const revoke = page.getByRole('dialog', { name: `撤销报备：${no(1)}` });
      await untilSettled(revoke);
      await expect(revoke).toContainText('撤销不能恢复');
      await revoke.getByLabel(/^撤销原因/).fill('使用人离岗');
      await revoke.getByRole('button', { name: '确认撤销' }).click();
      await expect(revoke).toHaveCount(0);
      await expect(item).toHaveAttribute('data-done', 'true');
      await expect(item).toContainText('使用人离岗');
      await quiet(page);
      await shot(page, 'ipfilings-08-departure-revoked');
      const state = h.core.db.prepare('SELECT state FROM ip_filings WHERE number = ?').get(no(1)) as { state: string };
      expect(state.state).toBe('已撤销');
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
