/** zh-CN messages of the `people` namespace (merged into zh-CN.ts). */
const people = {} as const;

export default people;
