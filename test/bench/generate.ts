/**
 * Fills an encrypted database through the real data core (the router, its schemas, rules and
 * audit trail) with seeded, realistic register data at a chosen scale. Scale 1 is a large office:
 * 5,000 contracts with installments, agreements and obligations, 50,000 people with sign-offs,
 * 100,000 media with about 1,000,000 custody events, 100,000 IP filings, 2,000,000 audit records.
 *
 * Calls are grouped into transactions of a few thousand (the router's own transaction becomes a
 * savepoint inside), so generating does not wait for one disk flush per record; what is written is
 * exactly what the app would write.
 */
import type { Result } from '../../common/api/result';
import type { Session } from '../../common/security/roles';
import { openCore, type Core } from '../../db/core';
import { AuthGate, normalizeRecoveryCode } from '../../db/security/gate';
import { deriveKek } from '../../db/security/kdf';
import { unwrapKey } from '../../db/security/wrap';
import { readSlotFile, SLOT_FILE, writeSlotFile } from '../../db/security/slotfile';
import { fakeShell } from '../../db/testing/fixtures';
import { ADMINS, loginAs, OFFICER, provisionUser, setupOffice, value } from '../harness/accounts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFor, clientName, idNumberFor, int, LOCATIONS, MODELS, personName, phoneFor, pick, POSTS, PROJECTS, rng, SYSTEMS, vendorName, type Rand } from './data';

/** Bumped whenever the generated data changes, so cached databases are made again. */
export const GENERATOR_VERSION = 1;
/** Beside the generated database: what was generated, and the recovery code that opens it. */
export const MANIFEST = 'bench.json';

/** The database key of a generated database, unsealed from its recovery slot. */
export async function benchKey(dir: string, recoveryCode: string): Promise<Uint8Array> {
  const recovery = readSlotFile(join(dir, SLOT_FILE))!.slots.find((s) => s.kind === 'recovery')!;
  const kek = await deriveKek(normalizeRecoveryCode(recoveryCode), recovery.kdf);
  const key = unwrapKey(kek, recovery.sealed, recovery.id);
  if (!key) throw new Error('the recovery code of the benchmark database does not open it');
  return key;
}

/** Who records everything: the officer of test/harness/accounts.ts, provisioned as the UI would. */
export const BENCH_OFFICER = OFFICER;

export interface Counts {
  clients: number;
  vendors: number;
  contracts: number;
  people: number;
  media: number;
  /** Custody events per medium beyond 登记入库 (about). */
  eventsPerMedium: number;
  filings: number;
  audit: number;
}

export function countsFor(scale: number): Counts {
  const n = (x: number, min = 1) => Math.max(min, Math.round(x * scale));
  return {
    clients: n(40, 2),
    vendors: n(400, 4),
    contracts: n(5_000, 4),
    people: n(50_000, 20),
    media: n(100_000, 10),
    eventsPerMedium: 9,
    filings: n(100_000, 10),
    audit: n(2_000_000, 100),
  };
}

export interface Generated {
  dir: string;
  scale: number;
  seed: number;
  counts: Record<string, number>;
  seconds: number;
  /** The simulated “today” the data ends on. */
  today: string;
}

const DAY = 86_400_000;
/** People join over the first 85 % of the period. */
const PEOPLE_UNTIL = 0.85;
export const BENCH_START = Date.UTC(2019, 0, 2, 2);
export const BENCH_TODAY = '2026-11-20';
const END = Date.UTC(2026, 10, 20, 2);

class Writer {
  private pending = 0;
  calls = 0;

  constructor(
    readonly core: Core,
    private readonly session: Session,
    /** The simulated time, shared with the gate's clock. */
    private readonly time: { now: Date },
  ) {
    core.db.exec('BEGIN');
  }

  get clock(): Date {
    return this.time.now;
  }

  at(ms: number): void {
    this.time.now = new Date(Math.min(ms, END));
  }

  day(offsetDays = 0): string {
    return new Date(this.clock.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  }

  async call<T>(channel: string, payload: unknown): Promise<T> {
    const result = (await this.core.router.invoke(channel, this.session, payload)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)} ← ${JSON.stringify(payload).slice(0, 400)}`);
    this.calls += 1;
    if (++this.pending >= 2_000) this.commit();
    return result.value;
  }

  commit(): void {
    this.core.db.exec('COMMIT');
    this.pending = 0;
    this.core.db.exec('BEGIN');
  }

  finish(): void {
    this.core.db.exec('COMMIT');
  }
}

/** The password each account has after generation. */
export const renewed = (password: string): string => `${password}-1`;

export type Progress = (phase: string, done: number, total: number) => void;

/** Spreads `total` steps of a phase over [from, to) of the simulated years. */
const timeline = (from: number, to: number, total: number) => (i: number) => from + ((to - from) * i) / Math.max(1, total);

interface MediumRef {
  id: number;
  rev: number;
  status: string;
}

export async function generate(options: { dir: string; scale: number; seed?: number; onProgress?: Progress }): Promise<Generated> {
  const started = performance.now();
  const seed = options.seed ?? 20261121;
  const counts = countsFor(options.scale);
  const progress = options.onProgress ?? (() => undefined);
  // First-run setup and the officer's account through the login gate, as an office would.
  const time = { now: new Date(BENCH_START) };
  const gate = new AuthGate({ dataDir: options.dir, shell: fakeShell(), appVersion: 'bench', workstation: 'BENCH-PC', now: () => time.now });
  const recoveryCode = await setupOffice(gate);
  await provisionUser(gate, OFFICER);
  await loginAs(gate, OFFICER);
  const user = gate.status().user!;
  gate.logout();
  // The data core is then driven directly with the key the recovery slot unseals: through the gate,
  // every write would also rewrite the key-slot file with the trail's head, which is written once
  // at the end instead.
  const slotPath = join(options.dir, SLOT_FILE);
  const key = await benchKey(options.dir, recoveryCode);
  const core = await openCore({
    dataDir: options.dir,
    keySource: { kind: 'account', getKey: () => Promise.resolve(key) },
    shell: fakeShell(),
    appVersion: 'bench',
    workstation: 'BENCH-PC',
    now: () => time.now,
  });
  const w = new Writer(core, { accountId: user.accountId, username: user.username, displayName: user.displayName, roles: user.roles }, time);
  const r: Rand = rng(seed);
  const span = END - BENCH_START;
  const at = (fraction: number) => BENCH_START + span * fraction;

  // Units: the client offices and the vendors.
  const clients: number[] = [];
  const vendors: number[] = [];
  for (let i = 0; i < counts.clients; i++) {
    clients.push((await w.call<{ id: number }>('org:create', { name: clientName(r, i), kind: 'client' })).id);
  }
  for (let i = 0; i < counts.vendors; i++) {
    const name = vendorName(r, Math.floor(i / 200));
    vendors.push((await w.call<{ id: number }>('org:create', { name: `${name}${i % 200 === 0 ? '' : `（${i % 200}）`}`, kind: 'vendor' })).id);
  }
  progress('单位', counts.clients + counts.vendors, counts.clients + counts.vendors);

  // Contracts over seven years, each with three installments, a confidentiality agreement and two obligations.
  const contracts: { id: number; vendor: number }[] = [];
  const atContract = timeline(0, 0.9, counts.contracts);
  for (let i = 0; i < counts.contracts; i++) {
    w.at(at(atContract(i)));
    const vendor = pick(r, vendors);
    const signed = w.day();
    const years = int(r, 1, 3);
    const amountFen = int(r, 5, 2_000) * 1_000_000;
    const c = await w.call<{ id: number }>('contract:create', {
      numbers: [{ number: `HT-${signed.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`, scheme: '合同编号', isMain: true }],
      procurementNumber: `CG${signed.replaceAll('-', '')}${String(i).padStart(4, '0')}`,
      projectName: `${pick(r, PROJECTS)}（${signed.slice(0, 4)}）`,
      clientOrgId: pick(r, clients),
      vendorOrgId: vendor,
      signedDate: signed,
      serviceStart: w.day(10),
      serviceEnd: w.day(10 + 365 * years - 1),
      amountFen,
      contacts: [{ side: 'vendor', name: personName(r), phone: phoneFor(r), role: '项目经理' }],
      installments: [
        { percent: 30, condition: '合同签订后 15 个工作日内', dueDate: w.day(25), paidDate: w.day(24) },
        { percent: 60, condition: '初验合格后', dueDate: w.day(200) },
        { percent: 10, condition: '终验合格满一年后', dueDate: w.day(365 * years) },
      ],
      agreements: [{ kind: pick(r, ['保密协议', '安全保密协议书'] as const), signedDate: signed, parties: '甲方、乙方', term: { kind: 'years', years: 5, from: null } }],
    });
    contracts.push({ id: c.id, vendor });
    await w.call('obligation:create', { contractId: c.id, title: '提交安全运维季度报告', clause: '第五条第（三）款', kind: 'quarterly', atLeast: 1 });
    await w.call('obligation:create', { contractId: c.id, title: '上线前安全测评', clause: '第六条', kind: 'once', due: w.day(120) });
    if (i % 500 === 499) progress('合同', i + 1, counts.contracts);
  }

  // People of the vendors, each with a 上岗保密承诺书 signed on entry.
  const people: { id: number; org: number }[] = [];
  const atPerson = timeline(0, PEOPLE_UNTIL, counts.people);
  for (let i = 0; i < counts.people; i++) {
    w.at(at(atPerson(i)));
    const org = pick(r, vendors);
    const p = await w.call<{ id: number }>('person:create', {
      name: personName(r),
      orgId: org,
      post: pick(r, POSTS),
      idNumber: idNumberFor(i),
      phone: phoneFor(r),
      enteredOn: w.day(),
    });
    await w.call('signoff:create', { personId: p.id, kind: '上岗保密承诺书', signedDate: w.day(), witness: '王保密', copies: 2, keptAt: '保密办' });
    people.push({ id: p.id, org });
    if (i % 2_000 === 1_999) progress('人员', i + 1, counts.people);
  }
  const keepers = people.slice(0, Math.max(3, Math.ceil(people.length / 500)));
  /** Someone already registered (and signed) at the simulated time `fraction`. */
  const someoneBy = (fraction: number) => people[Math.floor(r() * Math.max(keepers.length, Math.min(people.length, (people.length * fraction) / PEOPLE_UNTIL)))]!;

  // Media registered over the years, then their custody chains grown round by round so that each
  // medium's history spreads across the period.
  const media: MediumRef[] = [];
  const kinds = Object.keys(MODELS);
  const atMedium = timeline(0.05, 0.4, counts.media);
  for (let i = 0; i < counts.media; i++) {
    w.at(at(atMedium(i)));
    const kind = pick(r, kinds);
    const created = await w.call<{ medium: { id: number; rev: number; status: string } }>('media:create', {
      kind,
      model: pick(r, MODELS[kind]!),
      serial: `SN${(seed % 997).toString(36).toUpperCase()}${String(i).padStart(8, '0')}`,
      capacity: kind === '光盘' ? '4.7GB' : pick(r, ['32GB', '64GB', '128GB', '1TB', '2TB']),
      classification: pick(r, ['内部', '内部', '内部', '秘密', '公开']),
      responsibleId: pick(r, keepers).id,
      orgId: pick(r, vendors),
      location: pick(r, LOCATIONS),
      purpose: '项目数据交换',
      enabledOn: w.day(),
    });
    media.push(created.medium);
    if (i % 5_000 === 4_999) progress('介质', i + 1, counts.media);
  }
  const rounds = counts.eventsPerMedium;
  let events = 0;
  for (let round = 0; round < rounds; round++) {
    const last = round === rounds - 1;
    for (let i = 0; i < media.length; i++) {
      const m = media[i]!;
      if (m.status === '已销毁' || m.status === '已交回' || m.status === '丢失') continue;
      const fraction = 0.4 + (0.6 * (round * media.length + i)) / (rounds * media.length);
      w.at(at(fraction));
      const holder = someoneBy(fraction).id;
      let input: Record<string, unknown>;
      if (m.status === '在库') {
        const x = r();
        if (last && x < 0.03) input = { type: '销毁', reason: '项目结束，数据已无保存价值', method: pick(r, ['物理粉碎', '消磁']), place: '保密室', destroyer: '王保密', witnesses: ['刘处长'], approver: '刘处长' };
        else if (x < 0.35) input = { type: '发放/领用', holderId: holder, purpose: '驻场运维' };
        else if (x < 0.75) input = { type: '借出', holderId: holder, purpose: '数据交换', dueBack: w.day(14) };
        else if (x < 0.93) input = { type: '携带外出', carrierId: holder, approver: '刘处长', destination: '市政务云机房', purpose: '系统巡检', encrypted: true, encryptionMethod: 'SM4 全盘加密', dueBack: w.day(3) };
        else input = { type: '送外维修', fault: '无法识别', repairer: '某某数据恢复有限公司', repairerAgreement: true, agreementRef: 'BM-维修-01', backupDone: true, sanitised: true, sanitisation: '数据已清除（低级格式化）', sentBy: '王保密', escort: '赵陪同', approver: '刘处长', expectedBack: w.day(20) };
      } else if (m.status === '外出') input = { type: '外出返回', checkResult: '封签完好，未发现异常' };
      else if (m.status === '维修中') input = { type: '修回', result: '已修复，数据未恢复' };
      else if (last && r() < 0.5) continue; // held at the end of the period: open items, overdue ones
      else input = { type: '归还', checkedBy: '王保密', condition: '完好' };
      const saved = await w.call<{ medium: MediumRef }>('media:event', { id: m.id, rev: m.rev, ...input });
      media[i] = saved.medium;
      events += 1;
    }
    progress('介质履历', round + 1, rounds);
  }

  // IP filings: most approved, some pending, refused, revoked or expired.
  const atFiling = timeline(0.3, 1, counts.filings);
  let filings = 0;
  for (let i = 0; i < counts.filings; i++) {
    w.at(at(atFiling(i)));
    const person = someoneBy(atFiling(i));
    const addresses = Array.from({ length: int(r, 1, 3) }, () => addressFor(r)).join('\n');
    const saved = await w.call<{ filing: { id: number; rev: number } }>('ipfiling:create', {
      orgId: person.org,
      userIds: [person.id],
      contact: phoneFor(r),
      addresses,
      accessMethod: pick(r, ['VPN', 'VPN', '堡垒机', '专线', '现场']),
      systems: pick(r, SYSTEMS),
      purpose: '远程运维',
      validFrom: w.day(),
      validTo: w.day(int(r, 90, 730)),
      appliedOn: w.day(),
    });
    filings += 1;
    const x = r();
    if (x < 0.85) {
      const approved = await w.call<{ filing: { id: number; rev: number } }>('ipfiling:approve', { id: saved.filing.id, rev: saved.filing.rev, approver: '李处长', approvedOn: w.day() });
      if (x < 0.05) await w.call('ipfiling:revoke', { id: approved.filing.id, rev: approved.filing.rev, reason: '项目人员调整，停止远程接入', revokedOn: w.day() });
    } else if (x < 0.9) await w.call('ipfiling:reject', { id: saved.filing.id, rev: saved.filing.rev, reason: '超出合同约定的访问范围' });
    if (i % 5_000 === 4_999) progress('IP报备', i + 1, counts.filings);
  }
  w.commit();

  // The rest of the audit trail: the logins, prints and exports of seven years of office work.
  const have = w.core.trail.head()?.seq ?? 0;
  const more = Math.max(0, counts.audit - have);
  const actions = [
    { action: 'auth.login', channel: 'auth:login', summary: '登录' },
    { action: 'auth.logout', channel: 'auth:logout', summary: '退出登录' },
    { action: 'report.print', channel: 'report:print', summary: '打印 介质登记台账' },
    { action: 'report.xlsx', channel: 'report:xlsx', summary: '导出 人员承诺书签订台账 (xlsx)' },
  ];
  const actor = { actorId: user.accountId, actorName: user.displayName, actorRoles: user.roles.join(','), workstation: 'BENCH-PC' };
  for (let i = 0; i < more; i++) {
    const a = actions[i % actions.length]!;
    w.core.trail.append({ at: new Date(at(i / more)).toISOString(), ...actor, ...a });
    if (i % 5_000 === 4_999) {
      w.commit();
      if (i % 100_000 === 99_999) progress('审计记录', have + i + 1, counts.audit);
    }
  }
  w.finish();
  w.core.db.exec('ANALYZE');
  w.core.db.pragma('wal_checkpoint(TRUNCATE)');
  // The trail's head kept outside the database, as the gate keeps it after every write.
  const head = w.core.trail.head()!;
  writeSlotFile(slotPath, { ...readSlotFile(slotPath)!, auditHead: { ...head, tag: w.core.trail.headTag(head) } });
  const total = (table: string) => w.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const result: Generated = {
    dir: options.dir,
    scale: options.scale,
    seed,
    counts: {
      orgs: total('organisations'),
      contracts: total('contracts'),
      people: total('people'),
      media: total('media'),
      mediaEvents: total('media_events'),
      ipFilings: total('ip_filings'),
      audit: total('audit_log'),
      routerCalls: w.calls,
      eventsRecorded: events,
      filingsCreated: filings,
    },
    seconds: (performance.now() - started) / 1000,
    today: BENCH_TODAY,
  };
  core.close();
  // Passwords set seven simulated years ago would have expired: everyone renews theirs today.
  time.now = new Date();
  for (const who of [OFFICER, ...Object.values(ADMINS)]) {
    await loginAs(gate, who);
    value(await gate.invoke('auth:changePassword', { currentPassword: who.password, newPassword: renewed(who.password) }));
  }
  gate.close();
  writeFileSync(join(options.dir, MANIFEST), JSON.stringify({ ...result, version: GENERATOR_VERSION, recoveryCode }, null, 2));
  return result;
}
