import type { ChannelDef, ContractShape, OutputOf, ParsedInputOf } from '../../common/api/channel';
import type { SecurityPolicy } from '../../common/security/policy';
import type { AdminMode, Session } from '../../common/security/roles';
import type { Slot } from '../security/slotfile';
import type { BackupService } from '../backup/service';
import type { AuditDetails, AuditRecord, AuditTrail } from '../audit/log';
import type { Jobs } from '../jobs/jobs';
import type { HealthState } from '../core/health';
import type { WorkerHost } from '../workers/host';
import type { Db } from '../core/open';
import type { ShellPort } from '../ports/shell';

export interface CoreEnv {
  appVersion: string;
  /** Host name of this workstation, recorded in every audit record. */
  workstation: string;
}

export interface HandlerContext {
  db: Db;
  session: Session;
  shell: ShellPort;
  env: CoreEnv;
  now(): Date;
  /** Records what the call changed; required for every channel with an audit action. */
  audit(details: AuditDetails): void;
  /** Declares that nothing happened that needs a record (e.g. the user cancelled a dialog). */
  skipAudit(): void;
  /** Runs `fn` once the call's transaction has committed (e.g. to write the key slot file). */
  afterCommit(fn: () => void): void;
  /** Account and key services of the login gate; absent in a core opened without one. */
  security: SecurityServices | null;
  /** The chained audit trail (for verification; records are written by the router). */
  trail: AuditTrail;
  /** Long work in slices with progress. */
  jobs: Jobs;
  /** The start-up checks of the open database (read-only after a failed one). */
  health: HealthState;
  /** Long read-only work (large exports) in a worker thread with its own connection. */
  workers: WorkerHost;
  /**
   * Appends a record outside a call's own transaction (e.g. when a job finishes) and publishes the
   * head; `within` runs in the same transaction.
   */
  recordAudit(record: AuditRecord, within?: () => void): void;
}

/** What account channels need from the login gate (key slots live outside the database). */
export interface SecurityServices {
  mode(): AdminMode;
  policy(): SecurityPolicy;
  /** Derives a key-encryption key from the password and seals the database key for this account (slow KDF). */
  sealAccountSlot(account: { uuid: string; username: string }, password: string): Promise<Slot>;
  /** Stores the slot, replacing any earlier slot of the same account (or the recovery slot). */
  storeSlot(slot: Slot): void;
  /** Keyed fingerprint of a password, for the reuse check. */
  passwordFingerprint(accountUuid: string, password: string): string;
  /** Failed logins and lockouts by lower-cased username. */
  lockouts(): Record<string, { failures: number; lockedUntil: string | null }>;
  clearLockout(username: string): void;
  /** The unit name is shown on the login screen, before the database is open. */
  storeUnitName(unitName: string): void;
  /** Copies the lockout part of the policy outside the database (needed before login). */
  storePolicy(policy: SecurityPolicy): void;
  /** The audit head kept in the slot file, to compare the chain with. */
  auditHead(): { seq: number; mac: string; tag: string } | null;
  /** A new recovery code and slot; the old one stops working. */
  regenerateRecovery(): Promise<{ code: string; slot: Slot }>;
  /** Backups, the restore drill and restore (they need the key and end the session). */
  backups(): BackupService;
}

/**
 * Runs inside the database transaction that also writes its audit record. An optional async
 * `prepare` runs first, outside the transaction, for slow work that writes nothing (a KDF).
 */
export interface TxHandler<C extends ChannelDef, P = undefined> {
  kind: 'tx';
  /**
   * Take the write lock when the transaction begins (BEGIN IMMEDIATE) instead of at the first
   * write: for handlers that read and then write what another connection may be writing at the
   * same time (allocating a number, appending to a chain). Another writer then waits its turn
   * (busy timeout) instead of failing because its snapshot went stale.
   */
  immediate?: boolean;
  prepare?(ctx: HandlerContext, input: ParsedInputOf<C>): Promise<P>;
  run(ctx: HandlerContext, input: ParsedInputOf<C>, prepared: P): OutputOf<C>;
}

/**
 * Awaits the shell (dialogs, PDF rendering). Reads the database synchronously and must not
 * write register data; its audit record is written when it finishes.
 */
export interface EffectHandler<C extends ChannelDef> {
  kind: 'effect';
  run(ctx: HandlerContext, input: ParsedInputOf<C>): Promise<OutputOf<C>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler<C extends ChannelDef> = TxHandler<C, any> | EffectHandler<C>;
export type Handlers<C extends ContractShape> = { [K in keyof C]: Handler<C[K]> };

export const tx = <C extends ChannelDef>(run: TxHandler<C>['run']): TxHandler<C> => ({ kind: 'tx', run });
export const preparedTx = <C extends ChannelDef, P>(
  prepare: (ctx: HandlerContext, input: ParsedInputOf<C>) => Promise<P>,
  run: (ctx: HandlerContext, input: ParsedInputOf<C>, prepared: P) => OutputOf<C>,
): TxHandler<C, P> => ({ kind: 'tx', prepare, run });
/** A tx handler that takes the write lock up front (see `TxHandler.immediate`). */
export const immediateTx = <C extends ChannelDef>(run: TxHandler<C>['run']): TxHandler<C> => ({ kind: 'tx', immediate: true, run });
export const effect = <C extends ChannelDef>(run: EffectHandler<C>['run']): EffectHandler<C> => ({
  kind: 'effect',
  run,
});
