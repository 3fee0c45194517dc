import type { ChannelDef, ContractShape, OutputOf, ParsedInputOf } from '../../common/api/channel';
import type { Session } from '../../common/security/roles';
import type { AuditDetails } from '../audit/log';
import type { Db } from '../core/open';
import type { ShellPort } from '../ports/shell';

export interface CoreEnv {
  appVersion: string;
  /** The database is keyed by the development key source. */
  developmentKey: boolean;
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
}

/** Runs inside the database transaction that also writes its audit record. */
export interface TxHandler<C extends ChannelDef> {
  kind: 'tx';
  run(ctx: HandlerContext, input: ParsedInputOf<C>): OutputOf<C>;
}

/**
 * Awaits the shell (dialogs, PDF rendering). Reads the database synchronously and must not
 * write register data; its audit record is written when it finishes.
 */
export interface EffectHandler<C extends ChannelDef> {
  kind: 'effect';
  run(ctx: HandlerContext, input: ParsedInputOf<C>): Promise<OutputOf<C>>;
}

export type Handler<C extends ChannelDef> = TxHandler<C> | EffectHandler<C>;
export type Handlers<C extends ContractShape> = { [K in keyof C]: Handler<C[K]> };

export const tx = <C extends ChannelDef>(run: TxHandler<C>['run']): TxHandler<C> => ({ kind: 'tx', run });
export const effect = <C extends ChannelDef>(run: EffectHandler<C>['run']): EffectHandler<C> => ({
  kind: 'effect',
  run,
});
