import type { OrgKind } from '../../common/api/org';
import { ORG_KINDS } from '../../common/api/org';
import { MEDIA_KINDS } from '../../common/media/kinds';
import { SIGNOFF_KINDS } from '../../common/people/signoff';
import { ACCESS_METHODS, ACCESS_SCOPES } from '../../common/ipfilings/status';
import { importField, type ImportRegister } from '../../common/import/registers';
import { cellText, parseDate, type Cell } from '../../common/import/values';
import { ORG_KIND_LABELS } from '../registers/org/labels';
import type { Db } from '../core/open';
import { findPerson, findUnit } from './resolve';

/**
 * Turning a row of a sheet into the input of the channel manual entry uses: cells parsed (dates in
 * the usual forms, kinds by their words), units and people resolved to their ids. What cannot be
 * read is reported at its field; the channel's schema and handler then apply every rule of manual
 * entry to the rest.
 */
export interface RowEnv {
  db: Db;
  today: string;
  /** The unit named in a cell: found, or created when allowed; null with an error at `field` otherwise. */
  unit(name: string, field: string): number | null;
}

export interface RowPlan {
  channel: 'org:create' | 'person:create' | 'signoff:create' | 'media:create' | 'ipfiling:create';
  input: Record<string, unknown>;
  /** A second call once the first has run (the current holder of a medium). */
  then?(output: unknown): { channel: 'media:event'; input: Record<string, unknown> } | null;
  /** What the row becomes, for the preview. */
  summary: string;
}

export type RowCells = (field: string) => Cell;
export type AddError = (field: string, message: string) => void;

/** Which import field a channel's input field comes from, where their names differ. */
export const INPUT_FIELD: Readonly<Record<string, string>> = {
  orgId: 'org',
  personId: 'name',
  responsibleId: 'responsible',
  userIds: 'users',
  holderId: 'holder',
};

const KIND_WORDS: Readonly<Record<string, OrgKind>> = {
  ...Object.fromEntries(ORG_KINDS.map((k) => [ORG_KIND_LABELS[k], k])),
  ...Object.fromEntries(ORG_KINDS.map((k) => [k, k])),
  甲方单位: 'client',
  委托方: 'client',
  乙方单位: 'vendor',
  供应商: 'vendor',
  服务商: 'vendor',
  厂商: 'vendor',
  代理: 'agency',
  招标代理: 'agency',
  采购代理机构: 'agency',
};

const MEDIA_KIND_WORDS: Readonly<Record<string, string>> = {
  u盘: 'U盘',
  优盘: 'U盘',
  usb: 'U盘',
  usb盘: 'U盘',
  闪存盘: 'U盘',
  移动盘: '移动硬盘',
  移动硬盘: '移动硬盘',
  硬盘: '硬盘',
  机械硬盘: '硬盘',
  固态硬盘: '硬盘',
  ssd: '硬盘',
  光盘: '光盘',
  cd: '光盘',
  dvd: '光盘',
  sd卡: 'SD卡',
  tf卡: 'SD卡',
  存储卡: 'SD卡',
  笔记本: '笔记本电脑',
  笔记本电脑: '笔记本电脑',
  其他: '其他',
};

const ACCESS_METHOD_WORDS: Readonly<Record<string, (typeof ACCESS_METHODS)[number]>> = {
  vpn: 'VPN',
  sslvpn: 'VPN',
  堡垒机: '堡垒机',
  运维审计: '堡垒机',
  专线: '专线',
  现场: '现场',
  现场接入: '现场',
  其他: '其他',
};
const ACCESS_SCOPE_WORDS: Readonly<Record<string, (typeof ACCESS_SCOPES)[number]>> = {
  合同范围内: '合同范围内',
  合同内: '合同范围内',
  范围内: '合同范围内',
  超出合同范围: '超出合同范围',
  超出: '超出合同范围',
  超范围: '超出合同范围',
};

const SIGNOFF_KIND_WORDS: Readonly<Record<string, (typeof SIGNOFF_KINDS)[number]>> = {
  上岗: '上岗保密承诺书',
  上岗承诺: '上岗保密承诺书',
  上岗保密承诺: '上岗保密承诺书',
  在岗: '在岗年度承诺',
  年度: '在岗年度承诺',
  年度承诺: '在岗年度承诺',
  在岗承诺: '在岗年度承诺',
  离岗: '离岗保密承诺书',
  离岗承诺: '离岗保密承诺书',
  离岗保密承诺: '离岗保密承诺书',
  专项: '专项保密承诺',
  专项承诺: '专项保密承诺',
  协议: '保密协议',
};

/** “2024-01-01 至 2024-12-31” as its two dates; null when it is not two dates. */
function periodOf(text: string): [string, string] | null {
  const parts = text.split(/\s*(?:至|到|~|～|—|–|－－|--)\s*/);
  if (parts.length !== 2) return null;
  const from = parseDate(parts[0]!);
  const to = parseDate(parts[1]!);
  return from.ok && to.ok && from.value && to.value ? [from.value, to.value] : null;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function word<T extends string>(text: string, table: Readonly<Record<string, T>>, known: readonly T[]): T | string {
  if (text === '') return '';
  const hit = table[fold(text)] ?? table[text] ?? known.find((k) => fold(k) === fold(text));
  return hit ?? text;
}

/** Shared readers of a row's cells. */
function reader(cells: RowCells, addError: AddError, register: ImportRegister) {
  const label = (field: string) => importField(register, field)?.label ?? field;
  return {
    text: (field: string) => cellText(cells(field)),
    date(field: string): string | null {
      const parsed = parseDate(cells(field), label(field));
      if (!parsed.ok) {
        addError(field, parsed.message);
        return null;
      }
      return parsed.value;
    },
    label,
  };
}

/** An ID number Excel stored as a number has lost its last digits beyond 15 significant ones. */
function idNumberCell(cell: Cell, addError: AddError): string {
  if (typeof cell === 'number' && cell > 2 ** 53) {
    addError('idNumber', '身份证号码在表格中被存成了数字，末几位已丢失：请把该列设为“文本”格式、重新录入号码后再导入');
    return '';
  }
  return cellText(cell);
}

export function planRow(register: ImportRegister, cells: RowCells, env: RowEnv, addError: AddError, unitKind: OrgKind): RowPlan {
  const r = reader(cells, addError, register);
  switch (register) {
    case 'organisations': {
      const kindText = r.text('kind');
      const kind = kindText === '' ? unitKind : word(kindText, KIND_WORDS, ORG_KINDS);
      if (kindText !== '' && !(ORG_KINDS as readonly string[]).includes(kind)) {
        addError('kind', `类型“${kindText}”不正确，应为甲方、乙方、代理机构或其他`);
      }
      const name = r.text('name');
      return {
        channel: 'org:create',
        input: {
          name,
          shortName: r.text('shortName'),
          kind,
          uscc: r.text('uscc'),
          address: r.text('address'),
          contact: r.text('contact'),
          phone: r.text('phone'),
          email: r.text('email'),
          note: r.text('note'),
        },
        summary: `单位“${name}”`,
      };
    }
    case 'people': {
      const name = r.text('name');
      const unitName = r.text('org');
      const orgId = unitName ? env.unit(unitName, 'org') : null;
      return {
        channel: 'person:create',
        input: {
          name,
          orgId: orgId ?? undefined,
          post: r.text('post'),
          idNumber: idNumberCell(cells('idNumber'), addError),
          phone: r.text('phone'),
          enteredOn: r.date('enteredOn'),
          note: r.text('note'),
        },
        summary: `人员“${name}”（${unitName}）`,
      };
    }
    case 'signoffs': {
      const name = r.text('name');
      const idText = idNumberCell(cells('idNumber'), addError);
      const unitName = r.text('org');
      const unit = unitName ? findUnit(env.db, unitName) : null;
      if (unitName && !unit) addError('org', `单位名录中没有“${unitName}”，请核对单位名称`);
      let personId: number | undefined;
      if (idText || name) {
        const found = findPerson(env.db, idText || name, unit?.id ?? null, env.today, idText ? '身份证号码' : '姓名');
        if (found.ok) personId = found.id;
        else addError(idText ? 'idNumber' : 'name', found.message);
      }
      const kindText = r.text('kind');
      const kind = word(kindText, SIGNOFF_KIND_WORDS, SIGNOFF_KINDS);
      if (kindText !== '' && !(SIGNOFF_KINDS as readonly string[]).includes(kind)) {
        addError('kind', `承诺类型“${kindText}”不正确，应为${SIGNOFF_KINDS.join('、')}之一`);
      }
      let declassifyFrom = r.date('declassifyFrom');
      let declassifyTo = r.date('declassifyTo');
      const period = r.text('declassifyPeriod');
      if (period && (declassifyFrom === null || declassifyTo === null)) {
        const both = periodOf(period);
        if (both) {
          declassifyFrom ??= both[0];
          declassifyTo ??= both[1];
        } else addError('declassifyPeriod', `脱密期“${period}”无法识别，请写成“2024-01-01 至 2024-12-31”`);
      }
      const copiesText = r.text('copies').replace(/份$/, '');
      const copies = copiesText === '' ? undefined : /^\d+$/.test(copiesText) ? Number(copiesText) : copiesText;
      return {
        channel: 'signoff:create',
        input: {
          personId,
          kind,
          signedDate: r.date('signedDate') ?? undefined,
          validUntil: r.date('validUntil'),
          declassifyFrom,
          declassifyTo,
          witness: r.text('witness'),
          copies,
          keptAt: r.text('keptAt'),
          note: r.text('note'),
        },
        summary: `${name} ${kind}`,
      };
    }
    case 'media': {
      const unitName = r.text('org');
      const orgId = unitName ? env.unit(unitName, 'org') : null;
      const person = (field: string): number | undefined => {
        const text = r.text(field);
        if (!text) return undefined;
        const found = findPerson(env.db, text, orgId, env.today, r.label(field));
        if (!found.ok) {
          addError(field, found.message);
          return undefined;
        }
        return found.id;
      };
      const responsibleId = person('responsible');
      const holderText = r.text('holder');
      const holderId = person('holder');
      const number = r.text('number');
      const kindText = r.text('kind');
      const kind = word(kindText, MEDIA_KIND_WORDS, MEDIA_KINDS);
      if (kindText !== '' && !(MEDIA_KINDS as readonly string[]).includes(kind)) {
        addError('kind', `介质类别“${kindText}”不在可选范围内，应为${MEDIA_KINDS.join('、')}之一`);
      }
      return {
        channel: 'media:create',
        input: {
          number,
          kind,
          model: r.text('model'),
          serial: r.text('serial'),
          assetNumber: r.text('assetNumber'),
          capacity: r.text('capacity'),
          classification: r.text('classification'),
          secrecyTerm: r.text('secrecyTerm'),
          scope: r.text('scope'),
          responsibleId,
          orgId: orgId ?? undefined,
          location: r.text('location'),
          purpose: r.text('purpose'),
          enabledOn: r.date('enabledOn'),
          reportedOn: r.date('reportedOn'),
          note: r.text('note'),
        },
        then: (output) => {
          if (!holderText || holderId === undefined) return null;
          const { medium } = output as { medium: { id: number; rev: number } };
          return { channel: 'media:event', input: { type: '发放/领用', id: medium.id, rev: medium.rev, holderId, purpose: r.text('purpose'), note: '导入时的当前持有人' } };
        },
        summary: `${kind || '介质'} ${number || '（编号按规则生成）'}${holderText ? `，持有人 ${holderText}` : ''}`,
      };
    }
    case 'ipFilings': {
      const unitName = r.text('org');
      const orgId = unitName ? env.unit(unitName, 'org') : null;
      const userText = r.text('users');
      const userIds: number[] = [];
      for (const name of userText.split(/[、,，;；/\n]+/).map((s) => s.trim()).filter(Boolean)) {
        const found = findPerson(env.db, name, orgId, env.today, '使用人');
        if (found.ok) userIds.push(found.id);
        else addError('users', found.message);
      }
      let validFrom = r.date('validFrom');
      let validTo = r.date('validTo');
      const period = r.text('validPeriod');
      if (period && (validFrom === null || validTo === null)) {
        const both = periodOf(period);
        if (both) {
          validFrom ??= both[0];
          validTo ??= both[1];
        } else {
          addError('validPeriod', `有效期“${period}”无法识别，请写成“2026-01-01 至 2026-12-31”`);
        }
      }
      const method = r.text('accessMethod');
      const scope = r.text('scope');
      return {
        channel: 'ipfiling:create',
        input: {
          orgId: orgId ?? undefined,
          userIds: userIds.length > 0 ? userIds : userText ? [] : undefined,
          contact: r.text('contact'),
          addresses: r.text('addresses'),
          macs: r.text('macs'),
          accessMethod: word(method, ACCESS_METHOD_WORDS, ACCESS_METHODS),
          accessNote: r.text('accessNote'),
          systems: r.text('systems'),
          purpose: r.text('purpose'),
          scope: scope === '' ? undefined : word(scope, ACCESS_SCOPE_WORDS, ACCESS_SCOPES),
          approvalRef: r.text('approvalRef'),
          validFrom: validFrom ?? undefined,
          validTo: validTo ?? undefined,
          appliedOn: r.date('appliedOn') ?? undefined,
          note: r.text('note'),
        },
        summary: `IP 报备：${unitName} ${userText}，${r.text('addresses').split(/\s+/)[0] ?? ''}`,
      };
    }
  }
}
