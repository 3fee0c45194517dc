import { z } from 'zod';
import { channel } from './channel';
import { ROLES } from '../security/roles';

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
};
