/**
 * Reference documents 000–003 (/work/shared/reference/contracts/) entered through the contract form
 * exactly as they are written: every fact a document states goes into its field, nothing a document
 * leaves out is made up. 004 is the journey of contracts.spec.ts.
 *
 * How each document becomes a register entry — the choices an officer makes where the paper and the
 * register differ — is said beside its data below.
 */
import { maskPhones } from '../../common/privacy/mask';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { AgreementKind } from '../../common/api/contract';
import { CONTRACT_STATUS_LABELS, contractStatus, DEFAULT_RENEWAL_LEAD_DAYS, termEnd } from '../../common/contracts';
import { contractRegister } from '../../db/registers/contracts/register';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness, TIME_ZONE, type Harness } from '../harness/harness';
import { date, dialog, exportRegisterPdf, loginInUi, pick, rows, SCREENS, shot, untilSettled } from './ui';

const EXPORTS = 'test-results/exports';

interface Party {
  name: string;
  kind: 'client' | 'vendor';
  /** As the document abbreviates it (以下简称…); shown beside the name in the form's party list. */
  shortName?: string;
}
interface Contact {
  side: 'client' | 'vendor';
  name: string;
  role: string;
  phone?: string;
  email?: string;
}
interface Installment {
  percent: string;
  condition: string;
  dueDate?: string;
  /** The amount the document itself states for this installment, checked against the calculation. */
  stated?: string;
}
interface Agreement {
  kind: AgreementKind;
  signedDate?: string;
  parties: string;
  term: 'permanent' | 'untilPublic' | { years: string };
  coordClient?: string;
  coordVendor?: string;
}
interface Reference {
  file: string;
  numbers: { scheme: string; number: string }[];
  procurementNumber?: string;
  projectName: string;
  client: Party;
  vendor: Party;
  contacts: Contact[];
  signedDate?: string;
  signedPlace?: string;
  serviceStart?: string;
  serviceEnd?: string;
  /** As the document writes it in figures. */
  amount: string;
  amountYuan: string;
  daxie: string;
  taxRate?: string;
  amountExclTax?: string;
  originals?: { total: string; client: string; vendor: string };
  protectionLevel?: string;
  renewalLeadDays?: string;
  installments: Installment[];
  agreements: Agreement[];
  note?: string;
}

const ZZU: Party = { name: '郑州大学', kind: 'client' };
const QIANGNI: Party = { name: '北京强尼科技有限公司', kind: 'vendor' };
const CZ_OFFICE: Party = { name: '常州市政务服务管理办公室', kind: 'client' };
const RUIXIN: Party = { name: '江苏瑞新信息技术股份有限公司', kind: 'vendor' };
const SASAC: Party = { name: '北京市人民政府国有资产监督管理委员会', kind: 'client', shortName: '市国资委' };
const CAPINFO: Party = { name: '首信云技术有限公司', kind: 'vendor' };

/**
 * 000: not a contract but two agreements 郑州大学 signed with 北京强尼科技有限公司 for one project
 * (网络安全责任协议 + 信息安全保密协议). The officer registers the project once, with both agreements:
 * that is what the register is for — which vendor is bound, by what, on which project.
 * - Neither agreement has a number; the form needs one, so each agreement's title is its number
 *   (scheme 协议名称) — the document's own identification, nothing assigned by us.
 * - Neither agreement has an amount; the form needs one, so it is 0 and the 备注 says so.
 * - Both signature blocks leave 签字日期 blank: no signed date, so the entry is a 草稿 and each
 *   agreement prints 未签 — what the paper shows, even though the signatories' names are on it.
 * - 一式三份: 甲方建设部门 and 乙方 one each, the third filed with the school's 信息化办公室.
 * - The 网络安全责任协议 sets no 保密期限; the form cannot leave it empty and keeps its default.
 * - The 信息安全保密协议 binds from sealing and survives the end of the cooperation (第十二、十三条):
 *   no end, so 永久. It is the register's 保密协议.
 * - Signatories are not designated contacts (no phone, no e-mail): they are named in 协议各方.
 * - No installments, no bond, no USCC, no 等保级别 are stated.
 */
const DOC_000: Reference = {
  file: '000_1f2ddae0d97f745c.txt',
  numbers: [
    { scheme: '协议名称', number: '郑州大学信息系统建设网络安全责任协议' },
    { scheme: '协议名称', number: '郑州大学信息系统建设信息安全保密协议' },
  ],
  projectName: '郑州大学第一临床学院神经系统检查虚拟仿真实验二期项目',
  client: ZZU,
  vendor: QIANGNI,
  contacts: [],
  amount: '0',
  amountYuan: '¥0.00',
  daxie: '零元整',
  originals: { total: '3', client: '1', vendor: '1' },
  installments: [],
  agreements: [
    {
      kind: '网络安全责任协议',
      parties: '甲方：郑州大学（部门负责人 李胜云）；乙方：北京强尼科技有限公司（法人或授权代表 徐亚）',
      term: 'permanent',
    },
    {
      kind: '保密协议',
      parties: '甲方：郑州大学；乙方：北京强尼科技有限公司（法人或授权代表 徐正）',
      term: 'permanent',
    },
  ],
  note: '两份协议均未约定金额（合同金额登记为 0），签字日期均未填写。一式三份：甲方建设部门、乙方各一份，报备学校信息化办公室一份。',
};

/**
 * 001: a service contract with a 保密协议 as 附件二.
 * - No 合同编号 is printed on it; it is known by its 采购项目编号 常采公[2022]0049号, so that is
 *   its number (scheme 采购项目编号) as well as its 采购项目编号.
 * - 签订时间 is 2022年05月; 甲方 dated its signature 2022.5.30 (乙方 only 2022.5): the one full
 *   date on the contract is its 签订日期.
 * - 服务期限 自合同签订之日起一年: from 2022-05-30, ending the day before the anniversary.
 * - 付款: 50% 预付款 after signing (no date), 50% 尾款 before the end of December 2022.
 * - Contacts are the ones with a telephone: 甲方 经办人 王磊, 乙方 委托代理人 杨米分 (two numbers).
 * - 附件二 is dated 2022 年 05 月 only: the form takes whole dates, so its signed date stays empty
 *   and the 备注 keeps the month and the place it was signed.
 * - 保密期限 5 年 from the day both seal it (八(二)), i.e. from signing.
 */
const DOC_001: Reference = {
  file: '001_64dda87a3b239997.txt',
  numbers: [{ scheme: '采购项目编号', number: '常采公[2022]0049号' }],
  procurementNumber: '常采公[2022]0049号',
  projectName: '常州市一体化政务服务平台软件运维网络安全运维服务项目',
  client: CZ_OFFICE,
  vendor: RUIXIN,
  contacts: [
    { side: 'client', name: '王磊', role: '经办人', phone: '85588027' },
    { side: 'vendor', name: '杨米分', role: '委托代理人', phone: '0519-81236533 15851967128' },
  ],
  signedDate: '2022-05-30',
  signedPlace: '常州市政务服务中心锦绣路2号',
  serviceStart: '2022-05-30',
  serviceEnd: termEnd('2022-05-30', 12),
  amount: '¥140000.00',
  amountYuan: '¥140,000.00',
  daxie: '壹拾肆万元整',
  originals: { total: '4', client: '2', vendor: '2' },
  installments: [
    { percent: '50', condition: '合同签订后，支付合同总价的50%作为预付款', stated: '¥70,000.00' },
    { percent: '50', condition: '在2022年12月底前一次性支付剩余50%尾款', dueDate: '2022-12-31', stated: '¥70,000.00' },
  ],
  agreements: [
    {
      kind: '保密协议',
      parties: '甲方：常州市政务服务管理办公室；乙方：江苏瑞新信息技术股份有限公司',
      term: { years: '5' },
    },
  ],
  note: '附件二保密协议：签订日期 2022年05月（未写日），签订地点 常州市政务服务中心1号楼10楼。',
};

/**
 * 002: a government procurement contract with 信息保护协议 as its annex.
 * - 合同号 SXYSR 202506162 is its number; the 合同编号 line is blank; 项目编号 is the procurement's.
 * - Both parties signed 2025-07-29; no place is given. Service runs from signing to 2025-12-31.
 * - ¥3,887,026.00 incl. 6% tax, ¥3,667,005.66 excl.; 70% / 30%, each 15 working days after the invoice.
 * - 等保: the vendor's cloud infrastructure must pass 等保三级 (第一条 一(三)5(3), 第六条 1).
 * - 服务期满前 30 日 the parties confirm renewal (第五条 二 10): 30 renewal lead days.
 * - 指定联系人 with phone and e-mail per 第十三条; their faxes have no field, the 备注 keeps them.
 * - The 信息保护协议 takes effect with the main contract (四), so it carries the contract's date; its
 *   obligations outlive the contract and 第八条 8 makes confidentiality 永久.
 */
const DOC_002: Reference = {
  file: '002_3aaabd6dc3e1fdad.txt',
  numbers: [{ scheme: '合同号', number: 'SXYSR 202506162' }],
  procurementNumber: '0686-2511BE080986Z',
  projectName: '市国资委政务云资源租用服务项目',
  client: SASAC,
  vendor: CAPINFO,
  contacts: [
    { side: 'client', name: '陈京伟', role: '指定联系人', phone: '010-55528398', email: 'xinxihuachu@gzw.beijing.gov.cn' },
    { side: 'vendor', name: '娄伟国', role: '指定联系人', phone: '18618252509', email: 'louweiguo@capinfo.com.cn' },
  ],
  signedDate: '2025-07-29',
  serviceStart: '2025-07-29',
  serviceEnd: '2025-12-31',
  amount: '¥3,887,026.00',
  amountYuan: '¥3,887,026.00',
  daxie: '叁佰捌拾捌万柒仟零贰拾陆元整',
  taxRate: '6',
  amountExclTax: '3,667,005.66',
  originals: { total: '6', client: '3', vendor: '3' },
  protectionLevel: '3',
  renewalLeadDays: '30',
  installments: [
    {
      percent: '70',
      condition: '合同签订生效后，甲方收到乙方开具的合同总金额70%的增值税普通发票后15个工作日内',
      stated: '¥2,720,918.20',
    },
    {
      percent: '30',
      condition: '完成项目验收后，且甲方收到乙方开具的合同总金额30%的增值税普通发票后15个工作日内',
      stated: '¥1,166,107.80',
    },
  ],
  agreements: [
    {
      kind: '信息保护协议',
      signedDate: '2025-07-29',
      parties: '甲方：北京市人民政府国有资产监督管理委员会；乙方：首信云技术有限公司',
      term: 'permanent',
    },
  ],
  note: '传真：甲方 010-55528398，乙方 010-82358550。',
};

const ENTERED = [DOC_000, DOC_001, DOC_002];

const count = (h: Harness, sql: string) => (h.core.db.prepare(sql).get() as { n: number }).n;
const mainOf = (r: Reference) => r.numbers[0]!.number;
const partyLabel = (p: Party) => (p.shortName ? `${p.name}（${p.shortName}）` : p.name);
/** The workstation's date, as the core derives statuses with it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
/** The status the register must show today, derived from the document's dates. */
const expectedStatus = (r: Reference) =>
  CONTRACT_STATUS_LABELS[
    contractStatus({ signedDate: r.signedDate, start: r.serviceStart, end: r.serviceEnd }, today(), Number(r.renewalLeadDays ?? DEFAULT_RENEWAL_LEAD_DAYS))
  ];

async function fillAgreement(group: Locator, page: Page, a: Agreement): Promise<void> {
  await pick(group, page, '协议类型', a.kind);
  if (a.signedDate) await date(group, '协议签订日期', a.signedDate);
  await group.getByLabel('协议各方').fill(a.parties);
  if (a.term === 'permanent') await expect(group.getByLabel(/^保密期限/)).toHaveValue('永久'); // the default
  else if (a.term === 'untilPublic') await pick(group, page, '保密期限', '至公开之日');
  else {
    await pick(group, page, '保密期限', '年限');
    await group.getByLabel('年限', { exact: true }).fill(a.term.years);
  }
  if (a.coordClient) await group.getByLabel('甲方保密协调人').fill(a.coordClient);
  if (a.coordVendor) await group.getByLabel('乙方保密协调人').fill(a.coordVendor);
}

/** Types a reference document into the open 新增合同 form, section by section, as an officer would. */
async function fillContract(form: Locator, page: Page, r: Reference): Promise<void> {
  for (const [i, n] of r.numbers.entries()) {
    if (i > 0) await form.getByRole('button', { name: '添加编号' }).click();
    await form.getByLabel(`编号类别 ${i + 1}`, { exact: true }).fill(n.scheme);
    await form.getByLabel(`合同编号 ${i + 1}`, { exact: true }).fill(n.number);
  }
  if (r.procurementNumber) await form.getByLabel('采购项目编号').fill(r.procurementNumber);
  await form.getByLabel('项目名称').fill(r.projectName);
  await pick(form, page, '甲方', partyLabel(r.client));
  await pick(form, page, '乙方', partyLabel(r.vendor));
  if (r.signedDate) await date(form, '签订日期', r.signedDate);
  if (r.signedPlace) await form.getByLabel('签订地点').fill(r.signedPlace);
  if (r.serviceStart) await date(form, '服务开始日', r.serviceStart);
  if (r.serviceEnd) await date(form, '服务结束日', r.serviceEnd);

  await form.getByLabel('合同金额').fill(r.amount);
  await expect(form.getByTestId('amount-daxie')).toContainText(r.daxie);
  if (r.taxRate) await form.getByLabel('税率').fill(r.taxRate);
  if (r.amountExclTax) await form.getByLabel('不含税金额').fill(r.amountExclTax);
  if (r.originals) {
    await form.getByLabel('一式（份）').fill(r.originals.total);
    await form.getByLabel('甲方执（份）').fill(r.originals.client);
    await form.getByLabel('乙方执（份）').fill(r.originals.vendor);
  }
  if (r.protectionLevel) await pick(form, page, '等保级别', `第${r.protectionLevel}级`);
  if (r.renewalLeadDays) await form.getByLabel('续签提前天数').fill(r.renewalLeadDays);

  for (const [k, inst] of r.installments.entries()) {
    const i = k + 1;
    await form.getByRole('button', { name: '添加付款节点' }).click();
    await form.getByLabel(`比例或金额 ${i}`, { exact: true }).fill(inst.percent);
    await form.getByLabel(`付款条件 ${i}`, { exact: true }).fill(inst.condition);
    if (inst.dueDate) await date(form, `应付日期 ${i}`, inst.dueDate);
  }
  if (r.installments.length > 0) await expect(form.getByTestId('installment-total')).toContainText('与合同金额一致');
  // The amounts the document states for each installment are what the shares come to.
  for (const inst of r.installments) if (inst.stated) await expect(form.getByText(inst.stated, { exact: true }).first()).toBeVisible();

  for (const [k, a] of r.agreements.entries()) {
    await form.getByRole('button', { name: '添加协议' }).click();
    await fillAgreement(form.getByRole('group', { name: `附属协议 ${k + 1}` }), page, a);
  }

  for (const [k, c] of r.contacts.entries()) {
    const i = k + 1;
    await form.getByRole('button', { name: c.side === 'client' ? '甲方联系人' : '乙方联系人' }).click();
    await form.getByLabel(`姓名 ${i}`, { exact: true }).fill(c.name);
    await form.getByLabel(`职责 ${i}`, { exact: true }).fill(c.role);
    if (c.phone) await form.getByLabel(`电话 ${i}`, { exact: true }).fill(c.phone);
    if (c.email) await form.getByLabel(`电子邮箱 ${i}`, { exact: true }).fill(c.email);
  }
  if (r.note) await form.getByLabel('备注', { exact: true }).fill(r.note);
}

test('an officer enters reference documents 000–003 through the form, finds them, opens each and prints the register', async () => {
  test.setTimeout(300_000);
  const h = await launchHarness({ headless: true, saveDir: EXPORTS });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    expect((await h.gate.invoke('auth:login', OFFICER)).ok).toBe(true);
    // None of 000–003 states a unified social credit code: the organisations are recorded without one.
    for (const p of [ZZU, QIANGNI, CZ_OFFICE, RUIXIN, SASAC, CAPINFO]) {
      expect((await h.gate.invoke('org:create', { name: p.name, kind: p.kind, ...(p.shortName ? { shortName: p.shortName } : {}) })).ok).toBe(true);
    }
    expect((await h.gate.invoke('auth:logout', {})).ok).toBe(true);
    await h.open();
    await loginInUi(page, OFFICER);
    await page.locator('.mantine-AppShell-navbar').getByText('合同', { exact: true }).click();
    await expect(page.getByRole('heading', { name: '合同', exact: true })).toBeVisible();

    for (const [k, r] of ENTERED.entries()) {
      await test.step(`enter ${r.file} through the form`, async () => {
        await page.getByRole('button', { name: '新增合同' }).click();
        const form = dialog(page);
        await expect(form.getByText('新增合同')).toBeVisible();
        await fillContract(form, page, r);
        await shot(page, `5${k}-reference-${r.file.slice(0, 3)}-form`);
        await form.getByRole('button', { name: '保存' }).click();
        await expect(dialog(page)).toHaveCount(0);
        await expect(rows(page).filter({ hasText: mainOf(r) })).toHaveCount(1);
        expect(count(h, 'SELECT count(*) AS n FROM contracts')).toBe(k + 1);
      });
    }

    await test.step('003 is a blank template: what it states is typed, the register refuses it for the parties and numbers it leaves blank', async () => {
      // 003 is a 安全保密协议 template for an education bureau: 甲方, 乙方, project ("XXX项目"), both
      // 安全保密协调责任人 and the dates are blank lines; it has no number and no amount. Of a contract
      // record it states only its kind and its 保密期限 (永久, §9). Filling the blanks would be
      // inventing a contract, so the officer types what is there and the register — rightly — does
      // not take it: a template is registered when it is signed with a vendor for a project.
      await page.getByRole('button', { name: '新增合同' }).click();
      const form = dialog(page);
      await form.getByRole('button', { name: '添加协议' }).click();
      const agreement = form.getByRole('group', { name: '附属协议 1' });
      await fillAgreement(agreement, page, { kind: '安全保密协议书', parties: '', term: 'permanent' });
      await form.getByRole('button', { name: '保存' }).click();
      for (const message of ['请填写合同编号', '请填写项目名称', '请选择甲方', '请选择乙方', '请填写金额']) {
        await expect(form.getByText(message, { exact: true })).toBeVisible();
      }
      await expect(form.getByTestId('form-error')).toBeVisible();
      await expect(agreement.getByLabel(/^协议类型/)).toHaveValue('安全保密协议书');
      expect(count(h, 'SELECT count(*) AS n FROM contracts')).toBe(ENTERED.length);
      await form.getByText('请填写合同编号', { exact: true }).scrollIntoViewIfNeeded();
      await shot(page, '53-reference-003-refused');
      await form.getByRole('button', { name: '取消' }).click();
      await page.getByRole('button', { name: '放弃修改' }).click();
      await expect(dialog(page)).toHaveCount(0);
    });

    await test.step('the list shows each entry with numbers, parties, amount and the status its dates give today', async () => {
      await expect(rows(page)).toHaveCount(ENTERED.length);
      for (const r of ENTERED) {
        const row = rows(page).filter({ hasText: mainOf(r) });
        for (const n of r.numbers.slice(1)) await expect(row).toContainText(`${n.scheme}：${n.number}`);
        await expect(row).toContainText(r.client.name);
        await expect(row).toContainText(r.vendor.name);
        await expect(row).toContainText(r.amountYuan);
        await expect(row).toContainText(r.signedDate ?? '未签订');
        await expect(row.getByText(expectedStatus(r), { exact: true })).toBeVisible();
        await expect(row).not.toContainText('无保密协议');
      }
      await shot(page, '54-reference-list');
    });

    await test.step('search by a contract number and by two characters of a party', async () => {
      const search = page.getByLabel('搜索');
      await search.fill('sxysr202506162'); // 002's 合同号 as typed without its space, in lower case
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText(mainOf(DOC_002));
      await search.fill('常采公[2022]0049号');
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText(DOC_001.projectName);
      await search.fill('瑞新');
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText(RUIXIN.name);
      await search.fill('北京'); // 000's vendor and 002's client
      await expect(rows(page)).toHaveCount(2);
      await expect(rows(page).filter({ hasText: mainOf(DOC_000) })).toHaveCount(1);
      await expect(rows(page).filter({ hasText: mainOf(DOC_002) })).toHaveCount(1);
      await search.fill('');
      await expect(rows(page)).toHaveCount(ENTERED.length);
    });

    for (const r of ENTERED) {
      await test.step(`the detail of ${r.file} shows what was typed`, async () => {
        await rows(page).filter({ hasText: mainOf(r) }).click();
        const drawer = dialog(page);
        const detail = page.getByTestId('contract-detail');
        await expect(detail).toContainText(r.daxie);
        await expect(detail).toContainText(r.projectName);
        await expect(detail.getByText(expectedStatus(r), { exact: true })).toBeVisible();
        for (const n of r.numbers) await expect(detail).toContainText(n.number);
        for (const inst of r.installments) if (inst.stated) await expect(detail).toContainText(inst.stated);
        for (const a of r.agreements) await expect(detail).toContainText(a.parties);
        for (const c of r.contacts) {
          const side = c.side === 'client' ? '甲方' : '乙方';
          // Phones are personal data: masked in the detail (DESIGN.md §4).
          await expect(detail).toContainText([`${side}：${c.name}（${c.role}）`, c.phone && maskPhones(c.phone), c.email].filter(Boolean).join(' '));
        }
        if (r.contacts.some((c) => c.phone)) {
          await detail.getByRole('button', { name: '显示完整电话' }).click();
          for (const c of r.contacts) if (c.phone) await expect(page.getByTestId('contract-contacts')).toContainText(c.phone);
          await detail.getByRole('button', { name: '隐藏完整电话' }).click();
        }
        for (const a of r.agreements) if (typeof a.term === 'object') await expect(detail).toContainText(`${a.term.years} 年（自签订之日起）`);
        if (r.originals) await expect(detail).toContainText(`一式 ${r.originals.total} 份（甲方 ${r.originals.client} 份，乙方 ${r.originals.vendor} 份）`);
        if (r.protectionLevel) await expect(detail).toContainText(`第${r.protectionLevel}级`);
        if (r.amountExclTax) await expect(detail).toContainText(`¥${r.amountExclTax}`);
        await expect(page.getByTestId('contract-history')).toContainText('登记合同');
        await untilSettled(drawer);
        await shot(page, `55-reference-${r.file.slice(0, 3)}-detail`);
        await detail.getByRole('heading', { name: '附属协议（保密协议等）' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await shot(page, `55-reference-${r.file.slice(0, 3)}-detail-agreements`);
        await drawer.getByRole('button', { name: '关闭' }).click();
        await expect(detail).toHaveCount(0);
      });
    }

    await test.step('print the 合同台账 to PDF: every entry with its number, project, 大写 and confidentiality agreement', async () => {
      const pdf = await exportRegisterPdf(page);
      const layout = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(layout).toContain('合同台账');
      expect(layout).toMatch(new RegExp(`共\\s*${ENTERED.length}\\s*条`)); // 003 was not registered
      const column = (header: string) => readColumn(pdf, header);
      const [numbers, projects, amounts, agreements, statuses, contacts] = ['合同编号', '项目名称', '合同金额', '保密协议', '状态', '联系人'].map(column);
      for (const r of ENTERED) {
        expect(numbers).toContain(mainOf(r).replace(/\s+/g, ''));
        expect(projects).toContain(r.projectName);
        expect(amounts).toContain(r.amountYuan + r.daxie);
        expect(statuses).toContain(expectedStatus(r));
        for (const c of r.contacts) expect(contacts).toContain(`${c.side === 'client' ? '甲' : '乙'}：${c.name}${maskPhones(c.phone ?? '').replace(/\s+/g, '')}`);
      }
      expect(agreements).toContain('保密协议：未签／永久'); // 000: the 信息安全保密协议, undated
      expect(agreements).toContain('保密协议：未签／5年'); // 001: 附件二, dated to the month only
      expect(agreements).toContain('信息保护协议：2025-07-29／永久'); // 002
      expect(agreements).not.toContain('网络安全责任协议'); // 000's other agreement is no confidentiality agreement
      // The signatures close the last page of rows, never a page of their own.
      const signed = layout.split('\f').find((p) => p.includes('制表人'));
      expect(signed).toMatch(/共\s*\d+\s*条/);
      expect(signed).toContain('合同编号');
      // Dates, phone numbers and statuses stay whole on their line: the register's widths are made for them.
      for (const whole of ['2025-12-31', '2023-05-29', '051*-****6533', '010-****8398', expectedStatus(DOC_002)]) {
        expect(layout).toContain(whole);
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SCREENS, '56-reference-printed')]);
    });

    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});

/**
 * One column of the printed register read top to bottom with `pdftotext -layout`, cropped to the
 * column, without whitespace: a cell wraps within its column, so a long value is whole only when
 * read down it. The column's place on the page comes from the register's own widths (A4 landscape,
 * 12 mm side margins, the 序号 column of width 4 in front; see db/reports/html.ts).
 */
function readColumn(pdf: string, header: string): string {
  const mm = 72 / 25.4;
  const columns = contractRegister.columns;
  const index = columns.findIndex((c) => c.header.startsWith(header));
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  const total = 4 + columns.reduce((s, c) => s + c.width, 0);
  const before = 4 + columns.slice(0, index).reduce((s, c) => s + c.width, 0);
  const unit = ((297 - 2 * 12) * mm) / total;
  // pdftotext crops in whole points; the cells' 1.2 mm padding keeps the text clear of the rounding.
  const left = Math.round(12 * mm + before * unit);
  const right = Math.round(12 * mm + (before + columns[index]!.width) * unit);
  const args = ['-layout', '-x', String(left), '-y', '0', '-W', String(right - left), '-H', String(Math.ceil(210 * mm)), pdf, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, '');
}
