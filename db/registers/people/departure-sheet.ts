import type { z } from 'zod';
import type { ChecklistItemView, DepartureRecord, departureSheetFilterSchema, Person } from '../../../common/api/person';
import { DomainError } from '../../../common/api/result';
import { compareDates } from '../../../common/contracts/civil-date';
import { departureCommitment, type SignOff } from '../../../common/people/signoff';
import type { Db } from '../../core/open';
import { formatPrintedAt, type SheetDefinition, type SheetSection } from '../../reports/definition';
import { departureProviders, listDepartures, signOffDepartureProvider, type DepartureProvider } from './departure';
import { describePerson, getPerson, loadSignOffs } from './repo';

type Filter = z.output<typeof departureSheetFilterSchema>;

/**
 * 人员离岗交接单 (REGISTER-FORMATS.md §8): one person's 调岗/离岗 on one A4 page, to be completed
 * and signed on paper.
 *
 * What the registers hold is printed: the media and IP sections are always on the sheet, with the
 * items their checklist providers report (无 when nothing), then any other register's provider.
 * The 离岗保密承诺书 and its 脱密期 come from the sign-offs; 账号注销 (accounts outside this
 * workstation) is a line to tick by hand. A closed departure prints what was stored when it closed: the items left open (by
 * exception) and the sign-offs.
 */

/** The registers' sections every sheet prints, in this order, 无 when the register holds nothing of the person's. */
const FIXED_SECTIONS: readonly { providerId: string; heading: string }[] = [
  { providerId: 'media', heading: '持有介质清退' },
  { providerId: 'ip', heading: '访问权限终止' },
];

const NUMERALS = '一二三四五六七八九十';

/** The local day of an ISO instant, as printed. */
const day = (iso: string) => formatPrintedAt(new Date(iso)).slice(0, 10);

function chooseDeparture(all: readonly DepartureRecord[], person: Person, departureId: number | null): DepartureRecord {
  if (departureId !== null) {
    const chosen = all.find((d) => d.id === departureId);
    if (!chosen) throw new DomainError('NOT_FOUND', `找不到 ${describePerson(person)} 编号为 ${departureId} 的调岗/离岗记录，请刷新后重新选择`);
    if (chosen.state === 'cancelled') {
      throw new DomainError(
        'RULE',
        `${describePerson(person)} 的${chosen.kind}（${chosen.date}）已于 ${day(chosen.closedAt ?? chosen.startedAt)} 撤销办理（原因：${chosen.cancelReason ?? ''}），没有交接单可打印`,
      );
    }
    return chosen;
  }
  const chosen = all.find((d) => d.state === 'pending') ?? all.find((d) => d.state === 'completed');
  if (!chosen) {
    throw new DomainError(
      'RULE',
      `${describePerson(person)} 没有正在办理或已办结的调岗/离岗，无法打印离岗交接单。请先在人员详情中开始办理调岗/离岗`,
    );
  }
  return chosen;
}

function stateText(d: DepartureRecord, openNow: number): string {
  if (d.state === 'pending') {
    const open = openNow > 0 ? `，尚有 ${openNow} 项未办结` : '，清单各项均已办结，待确认完成';
    return `办理中（${day(d.startedAt)} 由 ${d.startedByName} 开始办理${open}）`;
  }
  const by = `${day(d.closedAt ?? d.startedAt)}，${d.closedByName ?? ''}`;
  return d.exceptionReason ? `例外办结（${by}）` : `已办结（${by}）`;
}

/**
 * The sign-offs that speak for this departure. For a closed one, those signed before the first
 * commitment of a later spell on post (a non-离岗 sign-off signed after the departure date): after
 * a reinstatement the 离岗保密承诺书 of this departure still prints, and a later one does not.
 */
function signOffsFor<T extends SignOff>(d: DepartureRecord, signoffs: readonly T[]): T[] {
  if (d.state === 'pending') return [...signoffs];
  const nextSpell = signoffs
    .filter((s) => !s.voided && s.kind !== '离岗保密承诺书' && compareDates(s.signedDate, d.date) > 0)
    .reduce<string | null>((a, s) => (a === null || compareDates(s.signedDate, a) < 0 ? s.signedDate : a), null);
  return nextSpell === null ? [...signoffs] : signoffs.filter((s) => compareDates(s.signedDate, nextSpell) < 0);
}

/** The items left open by an exception, one line per register: 保密承诺：签署离岗保密承诺书、设定脱密期 */
function openItemsText(items: readonly ChecklistItemView[]): string {
  const byRegister = new Map<string, string[]>();
  for (const i of items) byRegister.set(i.providerLabel, [...(byRegister.get(i.providerLabel) ?? []), i.label]);
  return [...byRegister].map(([register, labels]) => `${register}：${labels.join('、')}`).join('\n');
}

function itemRows(items: readonly ChecklistItemView[]): string[][] {
  return items.map((i) => [i.label, `${i.done ? '已办结' : '未办结'}：${i.detail}`, '']);
}

const ITEM_COLUMNS = [
  { header: '事项', width: 14 },
  { header: '办理情况', width: 24 },
  { header: '核验人', width: 8, align: 'center' as const },
];

/** The sheet of a person's departure (the filter's rules of choice in departureSheetFilterSchema). */
export function selectDepartureSheet(db: Db, filter: Filter, today: string): { person: Person; departure: DepartureRecord; def: SheetDefinition } {
  const person = getPerson(db, filter.personId, today);
  const history = listDepartures(db, person.id);
  const departure = chooseDeparture(history, person, filter.departureId);
  const providers = departureProviders();
  const pending = departure.state === 'pending';

  /** Items per provider: reported now for a pending departure; for a closed one, those stored as left open. */
  const itemsOf = (p: DepartureProvider): ChecklistItemView[] =>
    pending
      ? p.items(db, person.id, today).map((item) => ({ providerId: p.id, providerLabel: p.label, ...item }))
      : departure.openItems.filter((i) => i.providerId === p.id);
  const reported = new Map(providers.map((p) => [p.id, itemsOf(p)]));
  const openNow = pending ? [...reported.values()].flat().filter((i) => !i.done).length : 0;
  const nothing = pending ? '无' : '无未办结事项';

  const sections: SheetSection[] = [];
  let n = 0;
  const heading = (text: string) => `${NUMERALS[n++] ?? String(n)}、${text}`;

  sections.push({
    kind: 'fields',
    heading: heading('人员信息'),
    perLine: 2,
    fields: [
      { label: '姓名', value: person.name },
      { label: '所属单位', value: person.orgName },
      { label: '岗位', value: person.post },
      { label: '身份证号', value: person.idNumberMasked },
      { label: '类别', value: departure.kind },
      { label: `${departure.kind}日期`, value: departure.date },
      { label: '办理状态', value: stateText(departure, openNow), span: 2 },
      ...(departure.exceptionReason
        ? [
            { label: '例外原因', value: departure.exceptionReason, span: 2 },
            { label: '未办结事项', value: openItemsText(departure.openItems), span: 2 },
          ]
        : []),
    ],
  });

  for (const fixed of FIXED_SECTIONS) {
    sections.push({ kind: 'table', heading: heading(fixed.heading), columns: ITEM_COLUMNS, rows: itemRows(reported.get(fixed.providerId) ?? []), empty: nothing });
  }

  sections.push({
    kind: 'fields',
    heading: heading('账号注销'),
    perLine: 2,
    fields: [
      { label: '系统账号', value: '□ 已全部注销\u3000\u3000□ 无系统账号' },
      { label: '注销日期', value: '' },
    ],
  });

  const exit = departureCommitment(signOffsFor(departure, loadSignOffs(db, person.id)));
  const declassify = exit?.declassifyFrom && exit.declassifyTo ? `${exit.declassifyFrom} 至 ${exit.declassifyTo}` : exit ? '未约定' : '';
  sections.push({
    kind: 'fields',
    heading: heading('离岗保密承诺书'),
    perLine: 2,
    fields: [
      { label: '签订日期', value: exit ? exit.signedDate : '未签署' },
      { label: '脱密期起止', value: declassify },
    ],
  });

  const known = new Set([signOffDepartureProvider.id, ...FIXED_SECTIONS.map((h) => h.providerId)]);
  for (const p of providers.filter((x) => !known.has(x.id))) {
    sections.push({ kind: 'table', heading: heading(p.label), columns: ITEM_COLUMNS, rows: itemRows(reported.get(p.id) ?? []), empty: nothing });
  }

  return {
    person,
    departure,
    def: {
      title: '人员离岗交接单',
      subtitle: `${describePerson(person)}\u3000${departure.kind} ${departure.date}`,
      fileStem: `离岗交接单-${person.name}`,
      orientation: 'portrait',
      sections,
      signatures: ['经办人', '审批人', '本人', '日期'],
    },
  };
}
