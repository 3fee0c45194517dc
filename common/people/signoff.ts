/**
 * Confidentiality sign-offs of a person (保密承诺) and what follows from them — derived from the
 * recorded sign-offs and a given `today`, never from the clock and never typed by anyone.
 *
 * Rules:
 * - Validity: a sign-off is in force from its signed date through `validUntil`, both days included.
 *   `validUntil: null` means indefinite, except for 在岗年度承诺: without an explicit end it holds
 *   for one year, signed date + 1 year − 1 day (2024-07-01 → 2025-06-30; a term that would end on a
 *   day its month lacks ends on that month's last day: 2024-02-29 → 2025-02-28; see `termEnd`).
 * - A sign-off whose signed date is after today does not count yet; a voided one never counts.
 * - Access (“sign before access”, DESIGN.md §2) needs an access commitment: 上岗保密承诺书 or
 *   保密协议. 在岗年度承诺 renews the on-post commitment and is tracked by
 *   {@link annualRenewalDue}; 专项保密承诺 binds one task; 离岗保密承诺书 closes a post. None of
 *   those three grants access by itself.
 * - Contract scoping: a commitment without a contract (`contractId: null`) binds the person to the
 *   office and covers every contract. When a contract is asked about, that contract's own
 *   commitments and the contract-free ones count; another contract's do not. When no contract is
 *   asked about (access not tied to a contract, e.g. custody of a medium), every access commitment
 *   counts, whatever its contract.
 * - Status: among the commitments that count, the one ending last (indefinite beats any date; a
 *   tie goes to the later signed) is the basis. 有效 while it holds with more than `warnDays` days
 *   left; 即将到期 from `warnDays` days before its end through the end day; 已过期 after it — there
 *   were commitments, all have ended; 未签 when none counts. As days pass with no new sign-off
 *   taking effect the status only moves 有效 → 即将到期 → 已过期.
 */
import { type CivilDate, compareDates, daysBetween, isCivilDate, termEnd } from '../contracts/civil-date';

export const SIGNOFF_KINDS = ['上岗保密承诺书', '保密协议', '在岗年度承诺', '专项保密承诺', '离岗保密承诺书'] as const;
export type SignOffKind = (typeof SIGNOFF_KINDS)[number];

/** Short column labels and a one-line explanation for forms. */
export const SIGNOFF_KIND_LABELS: Record<SignOffKind, { short: string; hint: string }> = {
  上岗保密承诺书: { short: '上岗', hint: '上岗前签署，承诺遵守保密规定；是授予访问权限的依据' },
  保密协议: { short: '协议', hint: '与本单位或就某一合同签订的保密协议；是授予访问权限的依据' },
  在岗年度承诺: { short: '年度', hint: '在岗期间每年重新签署；未填有效期至的，有效期为签署之日起一年' },
  专项保密承诺: { short: '专项', hint: '就某一专项任务或涉密事项签署；不单独作为授予访问权限的依据' },
  离岗保密承诺书: { short: '离岗', hint: '调岗或离岗时签署，并约定脱密期起止日期' },
};

/** Kinds that grant access by themselves. */
export const ACCESS_KINDS: readonly SignOffKind[] = ['上岗保密承诺书', '保密协议'];

export interface SignOff {
  kind: SignOffKind;
  contractId: number | null;
  signedDate: CivilDate;
  /** Last day in force; null = indefinite (one year for 在岗年度承诺). */
  validUntil: CivilDate | null;
  voided: boolean;
  /** 脱密期 of a 离岗保密承诺书, both days included. */
  declassifyFrom?: CivilDate | null;
  declassifyTo?: CivilDate | null;
}

export const SIGNOFF_STATUSES = ['有效', '即将到期', '已过期', '未签'] as const;
export type SignOffStatus = (typeof SIGNOFF_STATUSES)[number];

export const PERSON_STATUSES = ['在岗', '调岗', '离岗'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export interface Person {
  name: string;
  status: PersonStatus;
  /** The day the person left the post (调岗 or 离岗). */
  leftOn?: CivilDate | null;
}

export const DEFAULT_SIGNOFF_WARN_DAYS = 30;

export interface SignOffQuery {
  today: CivilDate;
  /** The contract access is asked for; omitted or null: access not tied to a contract. */
  contractId?: number | null;
  warnDays?: number;
}

export interface SignOffStatusResult<T extends SignOff = SignOff> {
  status: SignOffStatus;
  /** One Chinese sentence for the officer. */
  reason: string;
  /** Last day of the basis; null when indefinite or 未签. */
  validUntil: CivilDate | null;
  /** The sign-off the status rests on; null when 未签. */
  basis: T | null;
}

/** Last day a sign-off is in force, null when indefinite (rules in the module comment). */
export function signOffEnd(signoff: SignOff): CivilDate | null {
  if (signoff.validUntil) return signoff.validUntil;
  return signoff.kind === '在岗年度承诺' ? termEnd(signoff.signedDate, 12) : null;
}

function checkArgs(today: CivilDate, warnDays: number): void {
  if (!isCivilDate(today)) throw new RangeError(`today “${today}” is not a YYYY-MM-DD date`);
  if (!Number.isInteger(warnDays) || warnDays < 0) {
    throw new RangeError(`提前提醒天数应为 0 以上的整数，收到 ${warnDays}`);
  }
}

/** Negative when `a` ends before `b`; indefinite ends last. */
function compareEnds(a: CivilDate | null, b: CivilDate | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareDates(a, b);
}

/** The sign-off ending last; ties go to the later signed, then to the first listed. */
function endingLast<T extends SignOff>(signoffs: readonly T[]): T | null {
  let best: T | null = null;
  for (const s of signoffs) {
    if (!best) {
      best = s;
      continue;
    }
    const byEnd = compareEnds(signOffEnd(s), signOffEnd(best));
    if (byEnd > 0 || (byEnd === 0 && compareDates(s.signedDate, best.signedDate) > 0)) best = s;
  }
  return best;
}

const inScope = (s: SignOff, contractId: number | null | undefined) =>
  contractId === undefined || contractId === null || s.contractId === null || s.contractId === contractId;

const signed = (s: SignOff) => `${s.kind}（${s.signedDate} 签署）`;

/** Access commitments that count for the query, and the near misses that explain a 未签. */
function accessCommitments<T extends SignOff>(signoffs: readonly T[], today: CivilDate, contractId: number | null | undefined) {
  const access = signoffs.filter((s) => ACCESS_KINDS.includes(s.kind));
  const live = access.filter((s) => !s.voided);
  const scoped = live.filter((s) => inScope(s, contractId));
  return {
    effective: scoped.filter((s) => compareDates(s.signedDate, today) <= 0),
    pending: scoped.filter((s) => compareDates(s.signedDate, today) > 0),
    otherContract: live.filter((s) => !inScope(s, contractId)),
    voided: access.filter((s) => s.voided && inScope(s, contractId)),
  };
}

/**
 * Why no commitment counts, as a phrase to follow a person's name: “未签署…” or “的…尚未生效”.
 * A future-dated commitment is named first, then one for another contract, then voided ones.
 */
function missing(found: ReturnType<typeof accessCommitments>, contractId: number | null | undefined): string {
  const pending = [...found.pending].sort((a, b) => compareDates(a.signedDate, b.signedDate))[0];
  if (pending) return `的${pending.kind}签署日期为 ${pending.signedDate}，在今天之后，尚未生效`;
  const what = contractId == null ? '上岗保密承诺书或保密协议' : '适用于该合同的上岗保密承诺书或保密协议';
  const other = found.otherContract[0];
  if (other) return `未签署${what}（已登记的${other.kind}只适用于其他合同）`;
  if (found.voided.length > 0) return `未签署${what}（已登记的均已作废）`;
  return `未签署${what}`;
}

/** Derived sign-off status of a person for access (rules in the module comment). */
export function signOffStatus<T extends SignOff>(signoffs: readonly T[], query: SignOffQuery): SignOffStatusResult<T> {
  const { today, contractId, warnDays = DEFAULT_SIGNOFF_WARN_DAYS } = query;
  checkArgs(today, warnDays);
  const found = accessCommitments(signoffs, today, contractId);
  const basis = endingLast(found.effective);
  if (!basis) {
    return { status: '未签', reason: `${missing(found, contractId).replace(/^的/, '')}。`, validUntil: null, basis: null };
  }
  const end = signOffEnd(basis);
  if (end === null) return { status: '有效', reason: `${signed(basis)}长期有效。`, validUntil: null, basis };
  const left = daysBetween(today, end);
  if (left < 0) {
    return { status: '已过期', reason: `${signed(basis)}已于 ${end} 到期，请重新签署。`, validUntil: end, basis };
  }
  if (left <= warnDays) {
    const when = left === 0 ? `今天（${end}）到期` : `将于 ${end} 到期，还剩 ${left} 天`;
    return { status: '即将到期', reason: `${signed(basis)}${when}，请安排续签。`, validUntil: end, basis };
  }
  return { status: '有效', reason: `${signed(basis)}有效至 ${end}。`, validUntil: end, basis };
}

export type MayAccess = { allowed: true; warning?: string } | { allowed: false; reason: string };

/**
 * “Sign before access”: whether a person may be granted access now (made custodian or holder of a
 * medium, named on an IP filing). A person recorded as 调岗 or 离岗 is refused whatever the
 * sign-offs say — the status is what counts, a future `leftOn` included; otherwise the person
 * needs a sign-off status of 有效 or 即将到期 (the latter allowed, with a warning).
 */
export function mayAccess(person: Person, signoffs: readonly SignOff[], query: SignOffQuery): MayAccess {
  const name = person.name.trim() || '该人员';
  const on = person.leftOn ? `（${person.leftOn}）` : '';
  if (person.status === '离岗') return { allowed: false, reason: `${name} 已离岗${on}，不能授予访问权限。` };
  if (person.status === '调岗') {
    return { allowed: false, reason: `${name} 已调岗${on}，不能授予访问权限。如仍需访问，请先将其恢复为在岗并登记保密承诺。` };
  }
  const s = signOffStatus(signoffs, query);
  const kind = s.basis?.kind ?? '保密承诺';
  switch (s.status) {
    case '有效':
      return { allowed: true };
    case '即将到期':
      return {
        allowed: true,
        warning: `${name} 的${kind}${s.validUntil === query.today ? `今天（${s.validUntil}）` : `将于 ${s.validUntil} `}到期，请安排续签。`,
      };
    case '已过期':
      return { allowed: false, reason: `${name} 的${kind}已于 ${s.validUntil} 到期，不能授予访问权限。请先重新签署保密承诺。` };
    case '未签': {
      const why = missing(accessCommitments(signoffs, query.today, query.contractId), query.contractId);
      const advice = why.startsWith('的') ? '请核对签署日期。' : '请先登记保密承诺。';
      return { allowed: false, reason: `${name} ${why}，不能授予访问权限。${advice}` };
    }
  }
}

export interface RenewalDue<T extends SignOff = SignOff> {
  /** The latest 在岗年度承诺 of its contract scope. */
  basis: T;
  contractId: number | null;
  validUntil: CivilDate;
  /** Days from today to the end; negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  message: string;
}

/**
 * 在岗年度承诺 to re-sign: per contract scope (each contractId, and null, on its own), the latest
 * one in force or ended — voided and future-dated ones do not count — when its end is at most
 * `warnDays` days ahead or already past. Superseded ones are not reported. Only people on post
 * re-sign: the caller passes the sign-offs of 在岗 people. Sorted by end, earliest first.
 */
export function annualRenewalDue<T extends SignOff>(
  signoffs: readonly T[],
  query: { today: CivilDate; warnDays?: number },
): RenewalDue<T>[] {
  const { today, warnDays = DEFAULT_SIGNOFF_WARN_DAYS } = query;
  checkArgs(today, warnDays);
  const byScope = new Map<number | null, T[]>();
  for (const s of signoffs) {
    if (s.kind !== '在岗年度承诺' || s.voided || compareDates(s.signedDate, today) > 0) continue;
    byScope.set(s.contractId, [...(byScope.get(s.contractId) ?? []), s]);
  }
  const due: RenewalDue<T>[] = [];
  for (const [contractId, group] of byScope) {
    const basis = endingLast(group);
    const end = basis && signOffEnd(basis);
    if (!basis || !end) continue;
    const daysLeft = daysBetween(today, end);
    if (daysLeft > warnDays) continue;
    const message =
      daysLeft < 0
        ? `在岗年度承诺（${basis.signedDate} 签署）已于 ${end} 到期，逾期 ${-daysLeft} 天，请重新签署。`
        : daysLeft === 0
          ? `在岗年度承诺（${basis.signedDate} 签署）今天（${end}）到期，请重新签署。`
          : `在岗年度承诺（${basis.signedDate} 签署）将于 ${end} 到期，还剩 ${daysLeft} 天，请安排重新签署。`;
    due.push({ basis, contractId, validUntil: end, daysLeft, overdue: daysLeft < 0, message });
  }
  return due.sort((a, b) => compareDates(a.validUntil, b.validUntil));
}

export interface Departure {
  kind: '调岗' | '离岗';
  date: CivilDate;
}

export interface DepartureItem {
  key: 'departureSignOff' | 'declassifyPeriod';
  label: string;
  done: boolean;
  detail: string;
}

function exitCommitments<T extends SignOff>(signoffs: readonly T[]): { exit: T | null; latestExit: T | null; latestOther: T | null } {
  const live = signoffs.filter((s) => !s.voided);
  const latestOther = live
    .filter((s) => s.kind !== '离岗保密承诺书')
    .reduce<T | null>((a, s) => (!a || compareDates(s.signedDate, a.signedDate) > 0 ? s : a), null);
  const latestExit = live
    .filter((s) => s.kind === '离岗保密承诺书')
    .reduce<T | null>((a, s) => (!a || compareDates(s.signedDate, a.signedDate) > 0 ? s : a), null);
  const exit = latestExit && (!latestOther || compareDates(latestExit.signedDate, latestOther.signedDate) >= 0) ? latestExit : null;
  return { exit, latestExit, latestOther };
}

/**
 * The 离岗保密承诺书 that counts for a departure (rules of {@link checkDeparture}): the latest one
 * not voided, unless another live sign-off was signed after it; null when none counts.
 */
export function departureCommitment<T extends SignOff>(signoffs: readonly T[]): T | null {
  return exitCommitments(signoffs).exit;
}

/**
 * The sign-off part of a departure checklist (DESIGN.md §2 "Departure closes everything"): a
 * 离岗保密承诺书 signed, and its 脱密期 set with end ≥ start. A 离岗保密承诺书 counts for this
 * departure when it is not voided and no other live sign-off was signed after it (one followed by
 * a later commitment belongs to an earlier spell on post).
 */
export function checkDeparture(departure: Departure, signoffs: readonly SignOff[]): DepartureItem[] {
  const { exit, latestExit, latestOther } = exitCommitments(signoffs);

  const signItem: DepartureItem = exit
    ? { key: 'departureSignOff', label: '签署离岗保密承诺书', done: true, detail: `已于 ${exit.signedDate} 签署离岗保密承诺书。` }
    : {
        key: 'departureSignOff',
        label: '签署离岗保密承诺书',
        done: false,
        detail:
          latestExit && latestOther
            ? `已登记的离岗保密承诺书（${latestExit.signedDate}）早于其后签署的${latestOther.kind}（${latestOther.signedDate}），属于此前的离岗，请就本次${departure.kind}（${departure.date}）重新签署。`
            : `${departure.kind}（${departure.date}）须签署离岗保密承诺书。`,
      };

  const from = exit?.declassifyFrom;
  const to = exit?.declassifyTo;
  let period: Pick<DepartureItem, 'done' | 'detail'>;
  if (!exit) period = { done: false, detail: '签署离岗保密承诺书时约定脱密期起止日期。' };
  else if (!from || !to || !isCivilDate(from) || !isCivilDate(to)) period = { done: false, detail: '离岗保密承诺书未填写脱密期起止日期。' };
  else if (compareDates(to, from) < 0) period = { done: false, detail: `脱密期结束日 ${to} 早于开始日 ${from}，请更正。` };
  else period = { done: true, detail: `脱密期 ${from} 至 ${to}。` };

  return [signItem, { key: 'declassifyPeriod', label: '设定脱密期', ...period }];
}

export interface SignOffProblem {
  field: keyof SignOff;
  message: string;
}

/** Problems with one sign-off as recorded, each tied to the form field to show it under. */
export function checkSignOff(signoff: SignOff): SignOffProblem[] {
  const problems: SignOffProblem[] = [];
  if (!SIGNOFF_KINDS.includes(signoff.kind)) problems.push({ field: 'kind', message: '请选择承诺类型' });
  const dates = [
    ['signedDate', '签署日期'],
    ['validUntil', '有效期至'],
    ['declassifyFrom', '脱密期开始日'],
    ['declassifyTo', '脱密期结束日'],
  ] as const;
  for (const [field, label] of dates) {
    const value = signoff[field];
    if ((field === 'signedDate' || value) && !isCivilDate(value)) {
      problems.push({ field, message: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });
    }
  }
  if (problems.length > 0) return problems;
  const { signedDate, validUntil, declassifyFrom: from, declassifyTo: to } = signoff;
  if (validUntil && compareDates(validUntil, signedDate) < 0) {
    problems.push({ field: 'validUntil', message: `有效期至 ${validUntil} 早于签署日期 ${signedDate}` });
  }
  if (signoff.kind !== '离岗保密承诺书') {
    if (from || to) problems.push({ field: from ? 'declassifyFrom' : 'declassifyTo', message: '只有离岗保密承诺书需要填写脱密期' });
  } else if (from && !to) {
    problems.push({ field: 'declassifyTo', message: '请填写脱密期结束日' });
  } else if (to && !from) {
    problems.push({ field: 'declassifyFrom', message: '请填写脱密期开始日' });
  } else if (from && to && compareDates(to, from) < 0) {
    problems.push({ field: 'declassifyTo', message: `脱密期结束日 ${to} 早于开始日 ${from}` });
  }
  return problems;
}
