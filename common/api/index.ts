import { appChannels } from './app';
import { orgChannels } from './org';
import { reportChannels } from './report';

/** Every channel of the application, declared once. */
export const contract = {
  ...appChannels,
  ...orgChannels,
  ...reportChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNELS = Object.keys(contract) as ChannelName[];

export * from './channel';
export * from './result';
