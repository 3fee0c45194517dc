import type { Migration } from '../core/migrate';
import { m0001 } from './0001_foundation';

/** Numbered, in order. Shipped migrations are never edited: add a new one. */
export const MIGRATIONS: readonly Migration[] = [m0001];
