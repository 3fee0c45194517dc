import type { z } from 'zod';
import { CHANNEL_NAME, type ChannelDef, type ContractShape } from '../../common/api/channel';
import { DomainError, fail, ok, type Result } from '../../common/api/result';
import { rolesGrant, type Session } from '../../common/security/roles';
import { PERMISSION_LABELS, ROLE_LABELS } from '../../common/security/labels';
import type { AuditDetails, AuditHead, AuditRecord, AuditTrail } from '../audit/log';
import { DISK_FULL_MESSAGE, isDiskFull } from '../core/errors';
import { HealthState, READ_ONLY_MESSAGE } from '../core/health';
import { Jobs } from '../jobs/jobs';
import { noWorkers, type WorkerHost } from '../workers/host';
import type { Db } from '../core/open';
import type { ShellPort } from '../ports/shell';
import type { CoreEnv, Handler, HandlerContext, Handlers, SecurityServices } from './handlers';

export interface RouterDeps<C extends ContractShape> {
  db: Db;
  contract: C;
  handlers: Handlers<C>;
  shell: ShellPort;
  env: CoreEnv;
  /** The chained audit trail every write records into. */
  trail: AuditTrail;
  /** Called after a transaction that appended to the trail has committed (to keep the head outside the database). */
  onAuditHead?: (head: AuditHead) => void;
  security?: SecurityServices | null;
  jobs?: Jobs;
  /** Worker threads with their own connection to the database file (the core's). */
  workers?: WorkerHost;
  now?: () => Date;
  /** The start-up checks; while one has failed the database is read-only. */
  health?: HealthState;
  /**
   * While the database is read-only, audit records of reads (viewing the trail, revealing an ID
   * number, printing) go here instead, to enter the trail once the database is writable again
   * (the login gate keeps them in the key slot file). Without it, audited channels are refused.
   */
  deferAudit?: (record: AuditRecord) => void;
  /** Where unexpected errors are reported (never shown to the user). */
  logError?: (error: unknown, channel: string) => void;
}

export interface Router {
  invoke(channel: unknown, session: Session | null, payload: unknown): Promise<Result<unknown>>;
  readonly channels: readonly string[];
}

const INTERNAL_MESSAGE = '操作未完成：程序内部错误，数据未作改动。请重试，如仍失败请联系系统管理员。';

function zodFailure(error: z.ZodError): Result<never> {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  return fail('INVALID_INPUT', issue ? issue.message : '输入内容不符合要求', field);
}

/** Distinct errors from SQLite constraints that slipped past a service's own checks. */
function sqliteFailure(error: unknown): Result<never> | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  return fail('CONFLICT', '保存失败：与已有记录冲突或违反数据规则，数据未作改动。');
}

/**
 * The one entry point for every call: session → permission → input validation →
 * handler and its audit record in one transaction → typed result. Never throws.
 */
export function createRouter<C extends ContractShape>(deps: RouterDeps<C>): Router {
  const now = deps.now ?? (() => new Date());
  const channels = Object.keys(deps.contract);
  const jobs = deps.jobs ?? new Jobs();
  const health = deps.health ?? new HealthState(now().toISOString(), false, 'quick');
  /** Appends to the trail, or keeps the record aside while the database is read-only. */
  const deferring = () => health.readOnly;
  for (const name of channels) {
    if (!CHANNEL_NAME.test(name)) throw new Error(`channel ${name} is not named domain:verb`);
    if (!(name in deps.handlers)) throw new Error(`channel ${name} has no handler`);
    if ((deps.contract[name] as ChannelDef).permission === 'public') throw new Error(`channel ${name} is public: the login gate serves it`);
  }

  /** A refused call is itself an event of the trail (result `denied`). */
  function recordDenied(channel: string, def: ChannelDef, session: Session, message: string): void {
    const record: AuditRecord = {
      at: now().toISOString(),
      actorId: session.accountId,
      actorName: session.displayName,
      actorRoles: session.roles.join(','),
      workstation: deps.env.workstation,
      action: def.audit ?? `${channel.replace(':', '.')}`,
      channel,
      result: 'denied',
      summary: `拒绝：${message}`,
    };
    try {
      if (deferring()) {
        deps.deferAudit?.(record);
        return;
      }
      const head = deps.db.transaction(() => deps.trail.append(record))();
      deps.onAuditHead?.(head);
    } catch (error) {
      (deps.logError ?? ((e, c) => console.error(`[router] ${c}:`, e)))(error, channel);
    }
  }

  function publishOutside(fn: () => void, channel: string): void {
    try {
      fn();
    } catch (error) {
      (deps.logError ?? ((e, c) => console.error(`[router] ${c}:`, e)))(error, channel);
    }
  }

  async function invoke(channel: unknown, session: Session | null, payload: unknown): Promise<Result<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(deps.contract, channel)) {
      // Only a string is echoed: String() throws for some values (e.g. objects without a prototype).
      const shown = typeof channel === 'string' ? channel.slice(0, 60) : `（${typeof channel}）`;
      return fail('UNKNOWN_CHANNEL', `未知的操作：${shown}`);
    }
    const def = deps.contract[channel] as ChannelDef;
    const handler = deps.handlers[channel] as Handler<ChannelDef>;
    if (!session) return fail('UNAUTHENTICATED', '请先登录');
    if (def.permission === 'public') return fail('UNKNOWN_CHANNEL', `未知的操作：${channel}`);
    if (def.permission !== 'authenticated' && !rolesGrant(session.roles, def.permission)) {
      const roles = session.roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
      const message = `当前账户（${roles}）没有“${PERMISSION_LABELS[def.permission]}”权限，不能执行此操作`;
      recordDenied(channel, def, session, message);
      return fail('FORBIDDEN', message);
    }
    // Read-only: reads run (their audit records kept aside); a write fails at SQLite (query_only).
    if (deferring() && def.audit !== null && !deps.deferAudit) return fail('READ_ONLY', READ_ONLY_MESSAGE);
    const parsed = def.input.safeParse(payload);
    if (!parsed.success) return zodFailure(parsed.error);

    let deferred: AuditRecord | null = null;
    let auditDetails: AuditDetails | null = null;
    let auditSkipped = false;
    let appended = null as AuditHead | null;
    const afterCommit: (() => void)[] = [];
    const at = now();
    const ctx: HandlerContext = {
      db: deps.db,
      session,
      shell: deps.shell,
      env: deps.env,
      now: () => at,
      audit(details) {
        auditDetails = details;
      },
      skipAudit() {
        auditSkipped = true;
      },
      afterCommit(fn) {
        afterCommit.push(fn);
      },
      security: deps.security ?? null,
      trail: deps.trail,
      jobs,
      health,
      workers: deps.workers ?? noWorkers,
      recordAudit(record, within) {
        if (deferring()) {
          deps.db.transaction(() => within?.())();
          deps.deferAudit?.({ workstation: deps.env.workstation, ...record });
          return;
        }
        const head = deps.db.transaction(() => {
          within?.();
          return deps.trail.append({ workstation: deps.env.workstation, ...record });
        })();
        deps.onAuditHead?.(head);
      },
    };
    const writeAudit = () => {
      if (def.audit === null) return;
      if (auditDetails === null) {
        if (auditSkipped) return;
        throw new Error(`channel ${channel} finished without an audit record`);
      }
      const record: AuditRecord = {
        ...(auditDetails as AuditDetails),
        at: at.toISOString(),
        actorId: session.accountId,
        actorName: session.displayName,
        actorRoles: session.roles.join(','),
        workstation: deps.env.workstation,
        action: def.audit,
        channel,
      };
      if (deferring()) deferred = record;
      else appended = deps.trail.append(record);
    };

    try {
      let value: unknown;
      const checkOutput = (out: unknown) => {
        const checked = def.output.safeParse(out);
        if (!checked.success) throw new Error(`channel ${channel} returned an invalid value: ${checked.error.message}`);
        return checked.data;
      };
      if (handler.kind === 'tx') {
        const prepared = handler.prepare ? await handler.prepare(ctx, parsed.data) : undefined;
        // The output is checked inside the transaction: a value we cannot return rolls the change back.
        const run = deps.db.transaction(() => {
          const out = checkOutput(handler.run(ctx, parsed.data, prepared));
          writeAudit();
          return out;
        });
        value = handler.immediate ? run.immediate() : run();
      } else {
        const out = await handler.run(ctx, parsed.data);
        // What the shell already did (a saved file, a print) is recorded even if the value is then refused.
        // A handler that skipped its record may have closed this database (a restore ends the session).
        if (auditDetails !== null || !auditSkipped) deps.db.transaction(writeAudit)();
        value = checkOutput(out);
      }
      // Committed: a failure to copy the head outside (e.g. the disk filled up just now) must not
      // be reported as a failed change; the copy catches up at the next write.
      if (appended) publishOutside(() => deps.onAuditHead?.(appended!), channel);
      // Read-only: the value is given only once its record is kept (a reveal without a trace is not).
      if (deferred) deps.deferAudit?.(deferred);
      for (const fn of afterCommit) fn();
      return ok(value);
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.field);
      if (deferring() && (error as { code?: unknown } | null)?.code === 'SQLITE_READONLY') return fail('READ_ONLY', READ_ONLY_MESSAGE);
      if (isDiskFull(error)) return fail('DISK_FULL', DISK_FULL_MESSAGE);
      const constraint = sqliteFailure(error);
      if (constraint) return constraint;
      (deps.logError ?? ((e, c) => console.error(`[router] ${c}:`, e)))(error, channel);
      return fail('INTERNAL', INTERNAL_MESSAGE);
    }
  }

  return { invoke, channels };
}
