import type { Messages } from './zh-CN';

/** English messages of the `people` namespace (merged into en.ts). */
const people: Messages['people'] = {};

export default people;
