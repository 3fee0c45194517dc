import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BackupReport } from '../../common/api/backup';
import { SCHEMA_VERSION } from '../core/migrate';
import type { Slot } from '../security/slotfile';
import { countMismatch } from './counts';
import { inspectImage } from './create';
import { BackupFormatError, digestRange, macMatches, readBackupTrailer, type Manifest, type ParsedBackup } from './format';

export interface BackupSecrets {
  username?: string;
  password?: string;
  recoveryCode?: string;
}

export interface VerifyBackupOptions {
  path: string;
  /** This installation's key, when someone is logged in. */
  currentKey: Uint8Array | null;
  installationId: string | null;
  /** Opens a key slot of the backup with a secret; null when the secret is wrong. */
  unseal(slot: Slot, secret: string): Promise<Uint8Array | null>;
  secrets?: BackupSecrets;
  workDir: string;
  now: Date;
  /** Keep the checked database image (for a restore) instead of removing it. */
  keepImage?: boolean;
  onProgress?(done: number, total: number): void;
}

export interface VerifiedBackup {
  report: BackupReport;
  manifest: Manifest | null;
  /** The key that opened it (the caller wipes it). */
  key: Uint8Array | null;
  /** The checked database image in the work folder, when asked to keep it and every check passed. */
  imagePath: string | null;
}

const normalizeCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

async function keyFor(parsed: ParsedBackup, o: VerifyBackupOptions): Promise<{ key: Uint8Array; from: 'current' | 'password' | 'recovery' } | null> {
  if (o.currentKey && macMatches(parsed, o.currentKey)) return { key: new Uint8Array(o.currentKey), from: 'current' };
  const s = o.secrets ?? {};
  if (s.recoveryCode) {
    const slot = parsed.manifest.slots.find((x) => x.kind === 'recovery');
    const key = slot ? await o.unseal(slot, normalizeCode(s.recoveryCode)) : null;
    if (key && macMatches(parsed, key)) return { key, from: 'recovery' };
  }
  if (s.username && s.password) {
    const name = s.username.trim().toLowerCase();
    const slot = parsed.manifest.slots.find((x) => x.kind === 'account' && x.username?.toLowerCase() === name);
    const key = slot ? await o.unseal(slot, s.password) : null;
    if (key && macMatches(parsed, key)) return { key, from: 'password' };
  }
  return null;
}

/**
 * The restore drill: checks a backup file without touching the live database — its structure,
 * the manifest's MAC under the key, the image's length and SM3 digest, SQLite's integrity_check
 * of the image opened read-only, the record counts and the whole audit chain up to the
 * manifest's head. Every check is reported; the first failure is the report's problem.
 */
export async function verifyBackup(o: VerifyBackupOptions): Promise<VerifiedBackup> {
  const checks: BackupReport['checks'] = [];
  const file = basename(o.path);
  const base = { token: null, file, path: o.path, verifiedAt: o.now.toISOString() };
  const failed = (name: string, detail: string, manifest: Manifest | null, keyFrom: BackupReport['keyFrom'] = null): VerifiedBackup => {
    checks.push({ name, ok: false, detail });
    return {
      report: { ...base, ...describe(manifest), keyFrom, ok: false, checks, problem: detail },
      manifest,
      key: null,
      imagePath: null,
    };
  };

  let parsed: ParsedBackup;
  try {
    parsed = await readBackupTrailer(o.path);
  } catch (error) {
    if (error instanceof BackupFormatError) return failed('文件结构', error.message, null);
    const code = (error as NodeJS.ErrnoException).code;
    return failed('文件结构', code === 'ENOENT' ? '找不到备份文件（可移动介质是否已插入？）' : '无法读取备份文件', null);
  }
  checks.push({ name: '文件结构', ok: true, detail: '文件头、清单和结尾标记齐全' });
  const { manifest } = parsed;

  const found = await keyFor(parsed, o);
  if (!found) {
    const foreign = o.installationId !== null && manifest.installationId !== o.installationId;
    const withSecret = Boolean(o.secrets?.recoveryCode || o.secrets?.password);
    const detail = withSecret
      ? '输入的恢复码或密码打不开这份备份，或备份清单已被改动。请核对后重试'
      : foreign || !o.currentKey
        ? '这份备份不是本机这套保密台账生成的（数据库密钥不同），本机密钥打不开它。如需核验，请输入该备份的恢复码或当时的账户密码'
        : '备份清单的校验码与本机密钥不符：清单已被改动，不能使用';
    return failed('清单校验码', detail, manifest);
  }
  const { key, from } = found;
  checks.push({ name: '清单校验码', ok: true, detail: from === 'current' ? '清单由本机数据库密钥签发，未被改动' : '清单校验码正确（以该备份的密钥槽解开密钥）' });
  const fail = (name: string, detail: string) => {
    key.fill(0);
    return failed(name, detail, manifest, from);
  };

  if (parsed.imageBytes !== manifest.content.bytes) {
    return fail('内容摘要', `备份内容长度为 ${parsed.imageBytes} 字节，清单记载 ${manifest.content.bytes} 字节：文件被截断或被改动`);
  }
  mkdirSync(o.workDir, { recursive: true });
  const imagePath = join(o.workDir, `verify-${randomUUID()}.db`);
  let keep = false;
  try {
    const src = await open(o.path, 'r');
    const out = await open(imagePath, 'wx', 0o600);
    let digest: string;
    try {
      digest = await digestRange(src, parsed.imageOffset, parsed.imageBytes, (done) => o.onProgress?.(done, parsed.imageBytes), async (chunk) => {
        await out.write(chunk);
      });
      await out.sync();
    } finally {
      await src.close();
      await out.close();
    }
    if (digest !== manifest.content.sm3) return fail('内容摘要', '备份内容的 SM3 摘要与清单不符：文件已被改动或损坏，不能使用');
    checks.push({ name: '内容摘要', ok: true, detail: `SM3 ${digest.slice(0, 16)}… 与清单一致` });
    if (manifest.schemaVersion > SCHEMA_VERSION) {
      return fail('版本', `备份由较新版本的保密台账生成（数据结构版本 ${manifest.schemaVersion}，本程序支持到 ${SCHEMA_VERSION}），请先安装新版本`);
    }

    let image;
    try {
      image = inspectImage(imagePath, key, 'integrity_check');
    } catch {
      return fail('数据库完整性', '备份中的数据库无法打开：已损坏或不是本程序的数据库');
    }
    try {
      if (image.integrity) return fail('数据库完整性', `integrity_check 未通过：${image.integrity}`);
      checks.push({ name: '数据库完整性', ok: true, detail: 'integrity_check 通过' });
      const mismatch = countMismatch(manifest.counts, image.counts);
      if (mismatch) return fail('记录数', mismatch);
      checks.push({ name: '记录数', ok: true, detail: '各台账记录数与清单一致' });
      const chain = image.trail.verify({ expectedHead: manifest.auditHead });
      if (!chain.ok) return fail('审计链', `审计链校验未通过：${chain.broken.reason}`);
      checks.push({ name: '审计链', ok: true, detail: `${chain.checked} 条审计记录逐条校验通过，链头与清单一致` });
    } finally {
      image.db.close();
    }
    keep = Boolean(o.keepImage);
    return {
      report: { ...base, ...describe(manifest), keyFrom: from, ok: true, checks, problem: null },
      manifest,
      key,
      imagePath: keep ? imagePath : null,
    };
  } finally {
    if (!keep) await rm(imagePath, { force: true }).catch(() => undefined);
  }
}

function describe(manifest: Manifest | null) {
  return {
    createdAt: manifest?.createdAt ?? null,
    createdBy: manifest?.createdBy ?? null,
    kind: manifest?.kind ?? null,
    appVersion: manifest?.appVersion ?? null,
    schemaVersion: manifest?.schemaVersion ?? null,
    counts: manifest?.counts ?? null,
    auditHeadSeq: manifest?.auditHead?.seq ?? null,
  };
}
