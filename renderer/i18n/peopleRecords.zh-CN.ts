/** zh-CN messages of the `peopleRecords` namespace (merged into zh-CN.ts). */
const peopleRecords = {} as const;

export default peopleRecords;
