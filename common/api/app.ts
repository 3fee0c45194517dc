import { z } from 'zod';
import { channel } from './channel';
import { ROLES } from '../security/roles';

/** The checks made each time the database is opened (db/core/health.ts). */
export const HEALTH_CHECKS = ['location', 'quickCheck', 'integrityCheck', 'foreignKeys', 'auditChain'] as const;
export type HealthCheck = (typeof HEALTH_CHECKS)[number];

export const healthFindingSchema = z.object({
  check: z.enum(HEALTH_CHECKS),
  /** `error` makes the database read-only; `warning` is shown but changes nothing. */
  severity: z.enum(['error', 'warning']),
  /** What is wrong, in Chinese, naming what was checked. */
  message: z.string(),
  /** The first problems SQLite reported (a few lines), for the system administrator. */
  details: z.array(z.string()),
});
export type HealthFinding = z.infer<typeof healthFindingSchema>;

export const startupHealthSchema = z.object({
  /** Read-only after a failed check: every change is refused, reading still works. */
  readOnly: z.boolean(),
  checkedAt: z.string(),
  /** The previous session did not close the database (crash, power loss, killed process). */
  uncleanExit: z.boolean(),
  /** `full` (integrity_check) after an unclean exit, `quick` (quick_check) otherwise. */
  integrity: z.enum(['quick', 'full']),
  findings: z.array(healthFindingSchema),
});
export type StartupHealth = z.infer<typeof startupHealthSchema>;

export const appChannels = {
  'app:info': channel({
    input: z.object({}).default({}),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      unitName: z.string(),
      marking: z.string(),
      user: z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)) }),
    }),
    permission: 'authenticated',
    audit: null,
  }),
  /** The result of the start-up checks and whether the database is read-only. */
  'app:health': channel({
    input: z.object({}).default({}),
    output: startupHealthSchema,
    permission: 'authenticated',
    audit: null,
  }),
};
