import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CommitmentKind, CommitmentTemplate, CommitmentVersion, commitmentFieldsSchema } from '../../../common/api/commitment';
import { DomainError } from '../../../common/api/result';
import { SIGNOFF_KINDS, type SignOffKind } from '../../../common/people/signoff';
import type { Db } from '../../core/open';

/** Versions of the commitment templates (migration 0011): read, resolved, and saved as the next version. */

export type CommitmentInput = z.output<typeof commitmentFieldsSchema>;

const COLUMNS = `uuid, kind, version, title, body, note, created_at AS createdAt, created_by_name AS createdByName`;

function latestVersion(db: Db, kind: SignOffKind): number {
  return db.prepare('SELECT coalesce(max(version), 0) FROM commitment_templates WHERE kind = ?').pluck().get(kind) as number;
}

/** “第 1 版” or “第 1 版至第 3 版”. */
function versionsText(latest: number): string {
  return latest <= 1 ? '第 1 版' : `第 1 版至第 ${latest} 版`;
}

/** The kind's current (latest) version. Every kind has one from the migration on. */
export function currentTemplate(db: Db, kind: SignOffKind): CommitmentTemplate {
  const row = db.prepare(`SELECT ${COLUMNS} FROM commitment_templates WHERE kind = ? ORDER BY version DESC LIMIT 1`).get(kind) as
    | CommitmentTemplate
    | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到“${kind}”的承诺书模板，数据可能不完整，请联系系统管理员`, 'kind');
  return row;
}

/** One version of a kind; refused at `field` (naming the versions there are) when it does not exist. */
export function getTemplate(db: Db, kind: SignOffKind, version: number, field = 'version'): CommitmentTemplate {
  const row = db.prepare(`SELECT ${COLUMNS} FROM commitment_templates WHERE kind = ? AND version = ?`).get(kind, version) as
    | CommitmentTemplate
    | undefined;
  if (!row) {
    throw new DomainError('NOT_FOUND', `“${kind}”的承诺书模板没有第 ${version} 版，现有${versionsText(latestVersion(db, kind))}`, field);
  }
  return row;
}

/** The version asked for, or the current one for null. */
export function resolveTemplate(db: Db, kind: SignOffKind, version: number | null): CommitmentTemplate {
  return version === null ? currentTemplate(db, kind) : getTemplate(db, kind, version);
}

/**
 * A sign-off's `templateVersion`, when set, must name an existing version of its kind (the
 * migration's triggers are the backstop).
 */
export function requireTemplateVersion(db: Db, kind: SignOffKind, version: number | null): void {
  if (version === null) return;
  const latest = latestVersion(db, kind);
  if (version > latest) {
    throw new DomainError(
      'RULE',
      `“${kind}”的承诺书模板没有第 ${version} 版，现有${versionsText(latest)}；请选择签署时所用的版本，或不填写模板版本`,
      'templateVersion',
    );
  }
}

/** The five kinds in order, each with its current version and every version newest first. */
export function listTemplates(db: Db): CommitmentKind[] {
  const versions = db
    .prepare(`SELECT uuid, kind, version, title, note, created_at AS createdAt, created_by_name AS createdByName
              FROM commitment_templates ORDER BY version DESC`)
    .all() as CommitmentVersion[];
  return SIGNOFF_KINDS.map((kind) => ({
    kind,
    current: currentTemplate(db, kind),
    history: versions.filter((v) => v.kind === kind),
  }));
}

/**
 * Saves the kind's next version from the text the officer edited, starting from `baseVersion`.
 * Refused when another version was saved meanwhile, or when title and body are unchanged.
 */
export function saveTemplate(
  db: Db,
  kind: SignOffKind,
  baseVersion: number,
  fields: CommitmentInput,
  actor: { id: string; name: string },
  at: string,
): { before: CommitmentTemplate; after: CommitmentTemplate } {
  const before = currentTemplate(db, kind);
  if (before.version !== baseVersion) {
    throw new DomainError(
      'CONFLICT',
      `“${kind}”的承诺书模板已由 ${before.createdByName} 于 ${before.createdAt.slice(0, 10)} 保存为第 ${before.version} 版，您修改的是第 ${baseVersion} 版。请复制您的修改，关闭后重新打开再编辑`,
    );
  }
  if (fields.title === before.title && fields.body === before.body) {
    throw new DomainError('RULE', `标题和正文与当前的第 ${before.version} 版相同，没有需要保存的修改`, 'body');
  }
  db.prepare(
    `INSERT INTO commitment_templates (uuid, kind, version, title, body, note, created_at, created_by, created_by_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), kind, before.version + 1, fields.title, fields.body, fields.note, at, actor.id, actor.name);
  return { before, after: getTemplate(db, kind, before.version + 1) };
}
