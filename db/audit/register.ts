import type { z } from 'zod';
import type { AuditRecordView, auditFilterSchema } from '../../common/api/audit';
import { DomainError } from '../../common/api/result';
import { ROLE_LABELS } from '../../common/security/labels';
import { ROLES, type Role } from '../../common/security/roles';
import type { Db } from '../core/open';
import type { RegisterDefinition } from '../reports/definition';
import { listAudit, searchWindow } from './handlers';

type Filter = z.output<typeof auditFilterSchema>;

/** Chinese names of the recorded events, as printed; unknown codes are printed as they are. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.setup': '首次设置',
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.lockout': '账户锁定',
  'auth.logout': '退出',
  'auth.lock': '锁屏',
  'auth.unlock': '解锁',
  'auth.passwordChange': '修改密码',
  'auth.recover': '使用恢复码',
  'account.create': '账户创建',
  'account.disable': '账户停用',
  'account.enable': '账户启用',
  'account.resetPassword': '账户重置密码',
  'account.setRoles': '账户分配角色',
  'account.unlock': '账户解除锁定',
  'policy.update': '修改安全策略',
  'org.create': '单位登记',
  'org.update': '单位修改',
  'org.void': '单位作废',
  'import.commit': '导入台账',
  'import.errors': '导出导入检查结果',
  'import.saveMapping': '保存导入对应关系',
  'import.deleteMapping': '删除导入对应关系',
  'contract.create': '合同登记',
  'contract.update': '合同修改',
  'contract.void': '合同作废',
  'contract.terminate': '合同终止',
  'contract.revealContacts': '查看联系人电话',
  'obligation.create': '履行义务登记',
  'obligation.update': '履行义务修改',
  'obligation.void': '履行义务作废',
  'obligation.complete': '履行完成登记',
  'obligation.voidCompletion': '完成记录作废',
  'person.create': '人员登记',
  'person.update': '人员修改',
  'person.void': '人员作废',
  'person.reveal': '查看个人信息',
  'person.startDeparture': '开始办理调岗/离岗',
  'person.completeDeparture': '调岗/离岗办结',
  'person.cancelDeparture': '撤销调岗/离岗办理',
  'person.reinstate': '人员恢复在岗',
  'assignment.create': '人员分派登记',
  'assignment.update': '人员分派修改',
  'assignment.void': '人员分派作废',
  'signoff.create': '保密承诺登记',
  'signoff.update': '保密承诺修改',
  'signoff.void': '保密承诺作废',
  'training.create': '保密教育登记',
  'training.update': '保密教育修改',
  'training.void': '保密教育作废',
  'commitment.save': '承诺书模板保存',
  'media.create': '介质登记',
  'media.update': '介质修改',
  'media.void': '介质作废',
  'media.event': '介质流转登记',
  'media.updateSettings': '修改介质设置',
  'stocktake.start': '开始介质清查',
  'stocktake.mark': '介质清查标记',
  'stocktake.unmark': '撤销清查标记',
  'stocktake.close': '结束介质清查',
  'ipfiling.create': 'IP报备登记',
  'ipfiling.update': 'IP报备修改',
  'ipfiling.approve': 'IP报备批准',
  'ipfiling.reject': 'IP报备驳回',
  'ipfiling.revoke': 'IP报备撤销',
  'ipfiling.renew': 'IP报备续期',
  'ipfiling.void': 'IP报备作废',
  'ipfiling.revealContact': '查看报备联系方式',
  'ipfiling.whitelist': '导出IP白名单',
  'finding.acknowledge': '确认工作台提醒',
  'finding.updateSettings': '修改工作台提醒设置',
  'attachment.add': '添加附件',
  'attachment.saveCopy': '附件另存',
  'attachment.void': '附件作废',
  'report.pdf': '导出PDF',
  'report.print': '打印',
  'report.xlsx': '导出Excel',
  'settings.update': '修改系统设置',
  'recovery.regenerate': '重新生成恢复码',
  'audit.archive': '归档审计记录',
  'audit.view': '查阅审计',
  'audit.verify': '校验审计链',
  'audit.verifyResult': '审计链校验结果',
  'audit.startupCheck': '启动时校验审计链',
  'backup.configure': '修改备份设置',
  'backup.start': '开始备份',
  'backup.create': '备份',
  'backup.verify': '核验备份',
  'backup.verifyResult': '备份核验结果',
  'backup.restore': '从备份恢复',
  'app.startupCheck': '启动检查未通过（只读）',
};

const TARGET_LABELS: Readonly<Record<string, string>> = {
  organisation: '单位',
  contract: '合同',
  obligation: '履行义务',
  person: '人员',
  assignment: '人员分派',
  signoff: '保密承诺',
  training: '保密教育',
  commitment_template: '承诺书模板',
  medium: '存储介质',
  stocktake: '介质清查',
  ipfiling: 'IP 报备',
  finding: '工作台提醒',
  attachment: '附件',
  account: '账户',
  policy: '安全策略',
  register: '台账',
  audit: '审计记录',
  backup: '备份',
  database: '数据库',
};
const REGISTER_TITLES: Readonly<Record<string, string>> = {
  organisations: '单位名录',
  contracts: '合同台账',
  signoffs: '保密承诺书签订台账',
  ipFilings: '访问IP报备登记表',
  ipWhitelist: '访问IP白名单',
  findingsSummary: '保密工作检查表',
  audit: '安全审计记录',
};
const RESULT_LABELS: Readonly<Record<AuditRecordView['result'], string>> = { ok: '成功', failed: '失败', denied: '拒绝' };

export const actionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

export function rolesLabel(roles: string): string {
  return roles
    .split(',')
    .filter(Boolean)
    .map((r) => ((ROLES as readonly string[]).includes(r) ? ROLE_LABELS[r as Role] : r))
    .join('、');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a record is about, in words: 单位 1f0c2a7e…, 台账 单位名录, 审计记录 第 12 条. */
export function targetLabel(type: string | null, id: string | null, name: string | null = null): string {
  if (!type) return id ?? '';
  const label = TARGET_LABELS[type] ?? type;
  if (name) return `${label} ${name}`;
  if (id === null) return label;
  if (type === 'register') return `${label} ${REGISTER_TITLES[id] ?? id}`;
  if (type === 'audit') return `${label} 第 ${id} 条`;
  return `${label} ${UUID.test(id) ? `${id.slice(0, 8)}…` : id}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The workstation's local wall-clock time, with seconds. */
export function formatAuditTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export const auditRegister: RegisterDefinition<AuditRecordView> = {
  title: '安全审计记录',
  fileStem: '安全审计记录',
  orientation: 'landscape',
  rowNumber: (r) => String(r.seq),
  columns: [
    { header: '时间', width: 10, align: 'center', value: (r) => formatAuditTime(r.at) },
    { header: '账户', width: 7, value: (r) => r.actorName },
    { header: '角色', width: 6, value: (r) => rolesLabel(r.actorRoles) },
    { header: '事件', width: 8, value: (r) => actionLabel(r.action) },
    { header: '对象', width: 8, value: (r) => targetLabel(r.targetType, r.targetId, r.targetName) },
    { header: '结果', width: 3.5, align: 'center', value: (r) => RESULT_LABELS[r.result] },
    { header: '终端', width: 6, value: (r) => r.workstation },
    { header: '摘要', width: 21, value: (r) => r.summary },
  ],
  signatures: ['审计员', '审核人', '日期'],
};

/** An A4 page holds about 25 records; beyond this a printout is no longer a register anyone reads. */
export const MAX_AUDIT_REGISTER_ROWS = 10_000;

export function selectAuditRegister(db: Db, asked: Filter, limit = MAX_AUDIT_REGISTER_ROWS, now = new Date()): { rows: AuditRecordView[]; selection: string } {
  const { filter } = searchWindow(asked, now);
  const { rows, total } = listAudit(db, filter, { page: 1, pageSize: limit });
  if (total > limit) {
    throw new DomainError('RULE', `符合条件的审计记录有 ${total} 条，超过单次输出上限 ${limit} 条。请缩小日期范围或增加筛选条件后分次输出。`);
  }
  const dates =
    filter.from && filter.to ? `${filter.from} 至 ${filter.to}` : filter.from ? `${filter.from} 起` : filter.to ? `至 ${filter.to}` : '';
  const parts = [
    dates ? `日期：${dates}` : '',
    filter.actor ? `账户：${filter.actor}` : '',
    filter.action ? `事件：${actionLabel(filter.action)}` : '',
    filter.targetType ? `对象：${TARGET_LABELS[filter.targetType] ?? filter.targetType}` : '',
    filter.q ? `检索：${filter.q}` : '',
    filter.dir === 'desc' ? '排序：按时间由近及远' : '排序：按时间先后',
  ].filter(Boolean);
  return { rows, selection: parts.join('；') };
}
