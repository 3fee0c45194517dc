import type { z } from 'zod';
import { REMOTE_SUPPORT_ROLE, type ContractPerson, type contractPeopleFilterSchema } from '../../../common/api/assignment';
import type { Contract } from '../../../common/api/contract';
import type { Db } from '../../core/open';
import type { RegisterDefinition } from '../../reports/definition';
import { getContract } from '../contracts/repo';
import { listPeopleOfContract, roleText } from './assignments';

type Filter = z.output<typeof contractPeopleFilterSchema>;

function post(p: ContractPerson): string {
  const left = p.person.status === '在岗' ? '' : `（已${p.person.status} ${p.person.leftOn ?? ''}）`;
  return [p.person.post, left].filter(Boolean).join('\n');
}

function period(p: ContractPerson): string {
  if (!p.from && !p.to) return '';
  if (!p.to) return `${p.from} 起`;
  return `${p.from ?? ''}\n至${p.to}`;
}

/** The status for this contract as of the print date, with its end: 有效\n至 2025-05-19. */
function signOffText(p: ContractPerson): string {
  const s = p.person.signOff;
  if (s.status === '未签') return s.status;
  return `${s.status}\n${s.validUntil ? `至 ${s.validUntil}` : '长期'}`;
}

/** 政务云扩展服务、KSY 2024 0516 0003、甲方：…、乙方：…, separated by ideographic spaces. */
function contractLine(c: Pick<Contract, 'projectName' | 'mainNumber' | 'clientName' | 'vendorName' | 'voidedAt'>): string {
  return [c.projectName, c.mainNumber, `甲方：${c.clientName}`, `乙方：${c.vendorName}`, c.voidedAt ? '（合同已作废）' : '']
    .filter(Boolean)
    .join('\u3000');
}

/**
 * 合同人员名单 of a contract, or 后备（远程）技术支持人员名单: its people as assigned (not voided), by
 * role then name, with the sign-off status for this contract as of the print date.
 */
export function contractPeopleRegister(c: Contract, remoteOnly: boolean): RegisterDefinition<ContractPerson> {
  const title = remoteOnly ? `${REMOTE_SUPPORT_ROLE}人员名单` : '合同人员名单';
  return {
    title,
    subtitle: contractLine(c),
    fileStem: `${remoteOnly ? '后备远程技术支持人员名单' : '合同人员名单'}-${c.mainNumber || c.projectName}`,
    orientation: 'landscape',
    fontSize: 9,
    columns: [
      { header: '姓名', width: 6, value: (p) => p.person.name },
      { header: '所属单位', width: 14.5, value: (p) => p.person.orgName },
      { header: '岗位', width: 9, value: post },
      { header: '项目角色', width: 9, value: roleText },
      { header: '起止日期', width: 7.5, align: 'center', value: period },
      { header: '保密承诺状态', width: 7.5, align: 'center', value: signOffText },
      { header: '承诺签订日期', width: 7.5, align: 'center', value: (p) => p.person.signOff.signedDate ?? '—' },
      { header: '身份证号\n（脱敏）', width: 11, align: 'center', value: (p) => p.person.idNumberMasked },
      { header: '联系方式\n（脱敏）', width: 8.5, align: 'center', value: (p) => p.person.phoneMasked },
    ],
  };
}

/** The contract, its list's definition and the people on it (`assignment:listByContract`'s data). */
export function selectContractPeople(
  db: Db,
  filter: Filter,
  today: string,
): { contract: Contract; def: RegisterDefinition<ContractPerson>; rows: ContractPerson[] } {
  const contract = getContract(db, filter.contractId, today);
  const { people, remoteSupport } = listPeopleOfContract(db, filter.contractId, false, today);
  return { contract, def: contractPeopleRegister(contract, filter.remoteOnly), rows: filter.remoteOnly ? remoteSupport : people };
}
