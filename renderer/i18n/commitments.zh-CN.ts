/** zh-CN messages of the `commitments` namespace (merged into zh-CN.ts). */
const commitments = {} as const;

export default commitments;
