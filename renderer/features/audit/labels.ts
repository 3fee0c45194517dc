import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { AuditRecordView } from '../../../common/api/audit';
import { ROLES, type Role } from '../../../common/security/roles';

const ACTION_CODE = /^[a-z]+\.[a-zA-Z]+$/;

/** The event's name in the UI language; codes without a translation are shown as they are. */
export function actionLabel(t: TFunction, exists: (key: string) => boolean, code: string): string {
  const key = `audit.actions.${code}`;
  return ACTION_CODE.test(code) && exists(key) ? t(key) : code;
}

export function roleLabels(t: TFunction, roles: string): string[] {
  return roles
    .split(',')
    .filter(Boolean)
    .map((r) => ((ROLES as readonly string[]).includes(r) ? t(`audit.roles.${r as Role}`) : r));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a record is about: 单位 1f0c2a7e…, 台账 单位名录, 审计记录 第 12 条. `full` keeps long ids whole. */
export function targetLabel(
  t: TFunction,
  exists: (key: string) => boolean,
  record: Pick<AuditRecordView, 'targetType' | 'targetId'> & { targetName?: string | null },
  full = false,
): string {
  const { targetType: type, targetId: id } = record;
  if (!type) return id ?? '';
  const label = exists(`audit.targets.${type}`) ? t(`audit.targets.${type}`) : type;
  if (record.targetName) return `${label} ${record.targetName}`;
  if (id === null) return label;
  if (type === 'register') return `${label} ${exists(`audit.registers.${id}`) ? t(`audit.registers.${id}`) : id}`;
  if (type === 'audit') return `${label} ${t('audit.targetRecord', { seq: id })}`;
  return `${label} ${!full && UUID.test(id) ? `${id.slice(0, 8)}…` : id}`;
}

/** Instants are shown in the workstation's local time. */
export const formatTime = (iso: string): string => {
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
};

export const RESULT_COLORS: Record<AuditRecordView['result'], string> = { ok: 'green', failed: 'red', denied: 'orange' };
