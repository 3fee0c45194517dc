import type { Migration } from '../core/migrate';

/**
 * Holds schema version 11 on this branch only: version 11 belongs to a migration made at the same
 * time on another branch, and the runner (db/core/migrate.ts) applies migrations only when they
 * are numbered 1, 2, 3… without a gap. When the branches are joined this file and its line in
 * index.ts are replaced by that migration; it must never ship.
 */
export const m0011: Migration = { version: 11, name: '0011_slot', sql: 'SELECT 1;' };
