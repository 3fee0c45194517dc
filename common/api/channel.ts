import { z } from 'zod';
import type { Permission } from '../security/roles';

// Generic validation messages in Chinese; domain schemas give their own specific ones.
z.config(z.locales.zhCN());

/** Audit action recorded for a channel; `null` for reads that leave no trace. */
export type AuditAction = `${string}.${string}` | null;

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /**
   * Permission the caller's roles must grant; `authenticated` means any logged-in session;
   * `public` channels are served by the login gate before any session exists.
   */
  permission: Permission | 'authenticated' | 'public';
  audit: AuditAction;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

/** Channel names are `domain:verb`. */
export const CHANNEL_NAME = /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/;

export type ContractShape = Record<string, ChannelDef>;
export type InputOf<C extends ChannelDef> = z.input<C['input']>;
export type ParsedInputOf<C extends ChannelDef> = z.output<C['input']>;
export type OutputOf<C extends ChannelDef> = z.output<C['output']>;
