import type { Messages } from './zh-CN';

/** English messages of the `commitments` namespace (merged into en.ts). */
const commitments: Messages['commitments'] = {};

export default commitments;
