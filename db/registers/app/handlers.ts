import type { appChannels } from '../../../common/api/app';
import { SCHEMA_VERSION } from '../../core/migrate';
import { getSetting } from '../../core/settings';
import { tx, type Handlers } from '../../router/handlers';

export const appHandlers: Handlers<typeof appChannels> = {
  'app:info': tx((ctx) => ({
    version: ctx.env.appVersion,
    schemaVersion: SCHEMA_VERSION,
    unitName: getSetting(ctx.db, 'unit.name'),
    marking: getSetting(ctx.db, 'print.marking'),
    user: {
      username: ctx.session.username,
      displayName: ctx.session.displayName,
      roles: ctx.session.roles,
    },
  })),
  'app:health': tx((ctx) => ctx.health.snapshot()),
};
