import { accountChannels } from './account';
import { appChannels } from './app';
import { assignmentChannels } from './assignment';
import { attachmentChannels } from './attachment';
import { auditChannels } from './audit';
import { authChannels } from './auth';
import { backupChannels } from './backup';
import { commitmentChannels } from './commitment';
import { contractChannels } from './contract';
import { findingChannels } from './findings';
import { importChannels } from './import';
import { mediaChannels } from './media';
import { ipFilingChannels } from './ipfiling';
import { obligationChannels } from './obligation';
import { orgChannels } from './org';
import { personChannels } from './person';
import { reportChannels } from './report';
import { settingsChannels } from './settings';
import { signOffChannels } from './signoff';
import { stocktakeChannels } from './stocktake';
import { trainingChannels } from './training';

/** Every channel the router serves (behind a session), declared once. */
export const contract = {
  ...appChannels,
  ...accountChannels,
  ...auditChannels,
  ...attachmentChannels,
  ...orgChannels,
  ...contractChannels,
  ...obligationChannels,
  ...personChannels,
  ...assignmentChannels,
  ...signOffChannels,
  ...trainingChannels,
  ...commitmentChannels,
  ...mediaChannels,
  ...stocktakeChannels,
  ...ipFilingChannels,
  ...reportChannels,
  ...settingsChannels,
  ...backupChannels,
  ...findingChannels,
  ...importChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNELS = Object.keys(contract) as ChannelName[];

/** What the renderer may call: the login gate's public channels and the router's. */
export const clientContract = { ...authChannels, ...contract };
export type ClientContract = typeof clientContract;
export const CLIENT_CHANNELS = Object.keys(clientContract) as (keyof ClientContract)[];

export * from './channel';
export * from './result';
