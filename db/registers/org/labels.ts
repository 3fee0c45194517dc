import type { OrgKind } from '../../../common/api/org';

/** zh-CN labels used in printed registers and audit summaries. */
export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = {
  client: '甲方',
  vendor: '乙方',
  agency: '代理机构',
  other: '其他',
};
