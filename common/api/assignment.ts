import { z } from 'zod';
import { channel } from './channel';
import { voidInput, recordMeta } from './common';
import { personSchema } from './person';
import { compareDates, isCivilDate } from '../contracts/civil-date';

/**
 * Assignments (人员分派) of people to contracts: the role a person plays on a contract and from/to.
 * A contract's page lists its people; the remote/back-up support staff (后备（远程）技术支持) print
 * on their own list, as the reference agreements require them to be named and to sign too.
 */

export const ASSIGNMENT_ROLES = ['项目负责人', '驻场运维', '开发', '后备（远程）技术支持', '安全保密协调责任人', '其他'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const REMOTE_SUPPORT_ROLE: AssignmentRole = '后备（远程）技术支持';

const date = (label: string) =>
  z.string().trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });
const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), date(label).nullable());

const assignmentObject = z.object({
  role: z.enum(ASSIGNMENT_ROLES, { error: '请选择项目角色' }),
  /** What 其他 means here (e.g. 测试); optional words for the other roles. */
  roleNote: z.string().trim().max(30, { error: '角色说明不能超过 30 个字符' }).default(''),
  from: optionalDate('起始日期').default(null),
  to: optionalDate('截止日期').default(null),
});

function checkAssignment(a: z.output<typeof assignmentObject>, ctx: z.RefinementCtx): void {
  if (a.role === '其他' && a.roleNote === '') {
    ctx.addIssue({ code: 'custom', path: ['roleNote'], message: '角色为“其他”时，请填写角色说明，如“测试”' });
  }
  if (a.from && a.to && isCivilDate(a.from) && isCivilDate(a.to) && compareDates(a.to, a.from) < 0) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `截止日期 ${a.to} 早于起始日期 ${a.from}` });
  }
}

/** The fields an officer types; shared by the form and the router. */
export const assignmentFieldsSchema = assignmentObject.superRefine(checkAssignment);
export type AssignmentFields = z.input<typeof assignmentFieldsSchema>;

export const assignmentSchema = z
  .object({
    personId: z.number().int(),
    personName: z.string(),
    contractId: z.number().int(),
    contractProjectName: z.string(),
    contractMainNumber: z.string(),
    role: z.enum(ASSIGNMENT_ROLES),
    roleNote: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  })
  .extend(recordMeta.shape);
export type Assignment = z.output<typeof assignmentSchema>;

/** An assignment with its person; the person's sign-off status is scoped to the contract. */
export const contractPersonSchema = assignmentSchema.extend({ person: personSchema });
export type ContractPerson = z.output<typeof contractPersonSchema>;

/**
 * The printed list of a contract's people (合同人员名单), or with `remoteOnly` of its
 * 后备（远程）技术支持 staff alone (后备（远程）技术支持人员名单).
 */
export const contractPeopleFilterSchema = z.object({
  contractId: z.number({ error: '请选择合同' }).int().positive({ error: '请选择合同' }),
  remoteOnly: z.boolean().default(false),
});

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };
const refs = z.object({
  personId: z.number({ error: '请选择人员' }).int().positive({ error: '请选择人员' }),
  contractId: z.number({ error: '请选择合同' }).int().positive({ error: '请选择合同' }),
});

export const assignmentChannels = {
  'assignment:create': channel({
    input: refs.extend(assignmentObject.shape).superRefine(checkAssignment),
    output: assignmentSchema,
    permission: 'registers.write',
    audit: 'assignment.create',
  }),
  'assignment:update': channel({
    input: assignmentObject.extend(idRev).superRefine(checkAssignment),
    output: assignmentSchema,
    permission: 'registers.write',
    audit: 'assignment.update',
  }),
  'assignment:void': channel({
    input: voidInput,
    output: assignmentSchema,
    permission: 'registers.write',
    audit: 'assignment.void',
  }),
  /** A person's contracts, newest first. */
  'assignment:listByPerson': channel({
    input: z.object({ personId: z.number().int().positive(), includeVoided: z.boolean().default(false) }),
    output: z.array(assignmentSchema),
    permission: 'registers.read',
    audit: null,
  }),
  /**
   * A contract's people by role, then name; `remoteSupport` are those of them in the role
   * 后备（远程）技术支持, for the list that prints on its own.
   */
  'assignment:listByContract': channel({
    input: z.object({ contractId: z.number().int().positive(), includeVoided: z.boolean().default(false) }),
    output: z.object({ people: z.array(contractPersonSchema), remoteSupport: z.array(contractPersonSchema) }),
    permission: 'registers.read',
    audit: null,
  }),
};
