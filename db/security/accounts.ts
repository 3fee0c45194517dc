import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/api/result';
import { hmacSm3, toHex } from '../../common/crypto/sm3';
import { ROLE_LABELS } from '../../common/security/labels';
import { ROLES, roleSetProblem, type AdminMode, type Role } from '../../common/security/roles';
import type { Db } from '../core/open';

export interface Account {
  id: number;
  uuid: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  roles: Role[];
  rev: number;
  createdAt: string;
  updatedAt: string;
}

interface AccountRow extends Omit<Account, 'roles' | 'mustChangePassword'> {
  mustChangePassword: number;
  roleList: string | null;
}

const SELECT = `SELECT a.id, a.uuid, a.username, a.display_name AS displayName, a.status,
  a.must_change_password AS mustChangePassword, a.password_changed_at AS passwordChangedAt,
  a.last_login_at AS lastLoginAt, a.rev, a.created_at AS createdAt, a.updated_at AS updatedAt,
  (SELECT group_concat(role) FROM account_roles r WHERE r.account_id = a.id) AS roleList
  FROM accounts a`;

function fromRow(row: AccountRow): Account {
  const { roleList, mustChangePassword, ...rest } = row;
  const held = new Set((roleList ?? '').split(',').filter(Boolean));
  return { ...rest, mustChangePassword: mustChangePassword === 1, roles: ROLES.filter((r) => held.has(r)) };
}

export function findAccountByUsername(db: Db, username: string): Account | null {
  const row = db.prepare(`${SELECT} WHERE a.username = ?`).get(username) as AccountRow | undefined;
  return row ? fromRow(row) : null;
}

export function getAccount(db: Db, id: number): Account {
  const row = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AccountRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的账户，请刷新列表`);
  return fromRow(row);
}

export function getAccountByUuid(db: Db, uuid: string): Account | null {
  const row = db.prepare(`${SELECT} WHERE a.uuid = ?`).get(uuid) as AccountRow | undefined;
  return row ? fromRow(row) : null;
}

export function listAccounts(db: Db): Account[] {
  return (db.prepare(`${SELECT} ORDER BY a.status, a.username`).all() as AccountRow[]).map(fromRow);
}

export function checkRoleSet(roles: readonly Role[], mode: AdminMode): void {
  const problem = roleSetProblem(roles, mode);
  if (problem) throw new DomainError('RULE', problem, 'roles');
}

/** Each administrator role must stay with at least one active account. */
export function requireAdminRolesCovered(db: Db): void {
  for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
    const n = (
      db
        .prepare(
          `SELECT count(*) AS n FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE r.role = ? AND a.status = 'active'`,
        )
        .get(role) as { n: number }
    ).n;
    if (n === 0) throw new DomainError('RULE', `至少需要保留一个启用的${ROLE_LABELS[role]}账户`);
  }
}

export function createAccount(
  db: Db,
  input: { username: string; displayName: string; roles: Role[]; mustChangePassword: boolean },
  mode: AdminMode,
  actor: string,
  at: string,
  options: { allowNoRoles?: boolean } = {},
): Account {
  if (!(options.allowNoRoles && input.roles.length === 0)) checkRoleSet(input.roles, mode);
  const existing = findAccountByUsername(db, input.username);
  if (existing) throw new DomainError('DUPLICATE', `账户名 ${input.username} 已被“${existing.displayName}”使用`, 'username');
  const info = db
    .prepare(
      `INSERT INTO accounts (uuid, username, display_name, must_change_password, password_changed_at, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), input.username, input.displayName, input.mustChangePassword ? 1 : 0, at, at, actor, at, actor);
  const id = Number(info.lastInsertRowid);
  const insertRole = db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)');
  for (const role of input.roles) insertRole.run(id, role);
  return getAccount(db, id);
}

export function setRoles(db: Db, id: number, roles: Role[], mode: AdminMode, actor: string, at: string): { before: Account; after: Account } {
  checkRoleSet(roles, mode);
  const before = getAccount(db, id);
  db.prepare('DELETE FROM account_roles WHERE account_id = ?').run(id);
  const insertRole = db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)');
  for (const role of roles) insertRole.run(id, role);
  db.prepare('UPDATE accounts SET rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(at, actor, id);
  requireAdminRolesCovered(db);
  return { before, after: getAccount(db, id) };
}

export function setStatus(db: Db, id: number, status: Account['status'], actor: string, at: string): { before: Account; after: Account } {
  const before = getAccount(db, id);
  db.prepare('UPDATE accounts SET status = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(status, at, actor, id);
  requireAdminRolesCovered(db);
  return { before, after: getAccount(db, id) };
}

/** A keyed fingerprint of a password for the reuse check; the key never leaves memory. */
export function passwordFingerprint(historyKey: Uint8Array, accountUuid: string, password: string): string {
  return toHex(hmacSm3(historyKey, new TextEncoder().encode(`${accountUuid}\u0000${password.normalize('NFC')}`)));
}

export function recentlyUsed(db: Db, accountId: number, fingerprint: string, count: number): boolean {
  const rows = db
    .prepare('SELECT fingerprint FROM password_history WHERE account_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
    .all(accountId, count) as { fingerprint: string }[];
  return rows.some((r) => r.fingerprint === fingerprint);
}

export function recordPasswordChange(db: Db, accountId: number, fingerprint: string, mustChange: boolean, actor: string, at: string): void {
  db.prepare('INSERT INTO password_history (account_id, fingerprint, created_at) VALUES (?, ?, ?)').run(accountId, fingerprint, at);
  db.prepare(
    'UPDATE accounts SET must_change_password = ?, password_changed_at = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?',
  ).run(mustChange ? 1 : 0, at, at, actor, accountId);
}

export function recordLogin(db: Db, accountId: number, at: string): void {
  db.prepare('UPDATE accounts SET last_login_at = ? WHERE id = ?').run(at, accountId);
}
