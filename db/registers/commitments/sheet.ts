import type { z } from 'zod';
import type { CommitmentTemplate, commitmentPrintFilterSchema } from '../../../common/api/commitment';
import { DomainError } from '../../../common/api/result';
import { commitmentValues, fillTemplate } from '../../../common/people/commitment-template';
import { signOffEnd, type SignOffKind } from '../../../common/people/signoff';
import { maskIdNumber } from '../../../common/privacy/mask';
import type { Db } from '../../core/open';
import type { SheetDefinition } from '../../reports/definition';
import { getContract, localDate } from '../contracts/repo';
import { getPerson, revealPerson } from '../people/repo';
import { resolveTemplate } from './templates';

export type CommitmentPrintFilter = z.output<typeof commitmentPrintFilterSchema>;

/** A recorded sign-off this print is a copy of: same person, kind, contract and signed date. */
function recordedSignOff(db: Db, f: CommitmentPrintFilter) {
  if (!f.signDate) return undefined;
  return db
    .prepare(
      `SELECT valid_until AS validUntil, declassify_from AS declassifyFrom, declassify_to AS declassifyTo FROM person_signoffs
       WHERE person_id = ? AND kind = ? AND contract_id IS ? AND signed_date = ? AND voided_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(f.personId, f.kind, f.contractId, f.signDate) as
    | { validUntil: string | null; declassifyFrom: string | null; declassifyTo: string | null }
    | undefined;
}

const doc = (kind: SignOffKind) => (kind === '保密协议' ? '协议' : '承诺书');

/**
 * A commitment of one kind printed for one person to sign: the template's text filled from the
 * person, the contract (optional) and the print options; the signature lines; the copies line;
 * and, in small print, the template version it came from, so the signed scan can be matched.
 *
 * Dates beyond the signing date: taken from a recorded sign-off this is a copy of (same kind,
 * contract and signed date); otherwise 有效期至 of a 在岗年度承诺 is one year from signing and the
 * 脱密期 of a 离岗保密承诺书 starts on the person's departure (pending, or completed). What is not
 * known prints as a line to write on. The ID number is masked unless `fullIdNumber` (the caller
 * checks the permission).
 */
export function commitmentSheet(
  db: Db,
  f: CommitmentPrintFilter,
  unitName: string,
  today: string,
): { def: SheetDefinition; person: { uuid: string; name: string; orgName: string }; template: CommitmentTemplate } {
  const person = getPerson(db, f.personId, today);
  if (person.voidedAt) {
    throw new DomainError('RULE', `人员 ${person.name}（${person.orgName}）已作废，不能为其打印承诺书`, 'personId');
  }
  const contract = f.contractId === null ? null : getContract(db, f.contractId, today);
  if (contract?.voidedAt) {
    throw new DomainError('RULE', `合同“${contract.projectName}”已作废，不能为其打印承诺书，请选择其他合同或不选合同`, 'contractId');
  }
  const template = resolveTemplate(db, f.kind, f.version);
  const recorded = recordedSignOff(db, f);
  const fullId = revealPerson(db, person.id, 'idNumber').value;
  const validUntil = recorded
    ? signOffEnd({ kind: f.kind, signedDate: f.signDate ?? '', validUntil: recorded.validUntil, contractId: null, voided: false })
    : f.kind === '在岗年度承诺' && f.signDate
      ? signOffEnd({ kind: f.kind, signedDate: f.signDate, validUntil: null, contractId: null, voided: false })
      : null;
  const departureDay = f.kind === '离岗保密承诺书' ? (person.departure?.date ?? person.leftOn) : null;
  const values = commitmentValues({
    name: person.name,
    idNumber: f.fullIdNumber ? fullId : maskIdNumber(fullId),
    orgName: person.orgName,
    post: person.post,
    contract,
    signDate: f.signDate,
    validUntil,
    declassifyFrom: recorded ? recorded.declassifyFrom : departureDay,
    declassifyTo: recorded?.declassifyTo ?? null,
    unitName,
  });
  const title = fillTemplate(template.title, values);
  const paragraphs = fillTemplate(template.body, values)
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const signer = f.kind === '保密协议' ? ['乙方（签字）', '日期', '甲方（盖章）', '见证人'] : ['承诺人（签字）', '日期', '见证人'];
  const scope = contract ? ` · 合同：${contract.mainNumber || contract.projectName}` : '';
  return {
    def: {
      title,
      fileStem: `${title}-${person.name}`,
      orientation: 'portrait',
      sections: [
        { kind: 'prose', paragraphs },
        { kind: 'signatures', labels: signer },
        { kind: 'prose', size: 'small', paragraphs: [`本${doc(f.kind)}一式＿＿份，＿＿＿＿＿＿＿＿＿＿＿＿各执一份。`] },
      ],
      signatures: [],
      footnote: `模板：${template.kind} 第 ${template.version} 版（${localDate(new Date(template.createdAt))} 保存）· 承诺人：${person.name}（${person.orgName}）${scope}`,
    },
    person: { uuid: person.uuid, name: person.name, orgName: person.orgName },
    template,
  };
}
