import type { Messages } from './zh-CN';

/** English messages of the `peopleRecords` namespace (merged into en.ts). */
const peopleRecords: Messages['peopleRecords'] = {};

export default peopleRecords;
