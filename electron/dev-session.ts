/**
 * DEVELOPMENT ONLY. main.ts imports this module behind `if (__BAOMI_DEV__)`, so production
 * bundles contain neither the development key source nor this session.
 */
import type { Session } from '../common/security/roles';

export { DevelopmentKeySource } from '../db/core/dev-key';

/** Stands in for a logged-in account until accounts exist. */
export const DEVELOPMENT_SESSION: Session = Object.freeze({
  accountId: 'dev-officer',
  username: 'officer',
  displayName: '开发用保密员',
  roles: ['officer'],
}) as Session;
