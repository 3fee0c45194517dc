import type { Permission, Role } from './roles';

/** zh-CN names used in messages the core returns. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  sysadmin: '系统管理员',
  secadmin: '安全保密管理员',
  auditor: '安全审计员',
  officer: '保密员',
  viewer: '查阅',
};

export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  'registers.read': '查阅台账',
  'registers.write': '登记和修改台账',
  'registers.print': '打印台账',
  'registers.export': '导出台账',
  'registers.import': '导入台账',
  'personal.reveal': '查看完整个人信息',
  'accounts.read': '查看账户',
  'accounts.manage': '管理账户',
  'roles.assign': '分配角色',
  'policy.manage': '设置安全策略',
  'backup.manage': '备份与恢复',
  'settings.manage': '系统设置',
  'audit.read': '查阅审计记录',
};
