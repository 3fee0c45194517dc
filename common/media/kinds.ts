/**
 * What a storage medium (存储介质) is: its kind, the default 密级 list and the statuses its custody
 * chain can be in. The statuses are derived from the chain (./machine.ts), never typed.
 */

export const MEDIA_KINDS = ['U盘', '移动硬盘', '硬盘', '光盘', 'SD卡', '笔记本电脑', '其他'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The 密级 list until the officer configures another one (media:updateSettings). */
export const DEFAULT_CLASSIFICATIONS: readonly string[] = ['公开', '内部', '秘密', '机密'];
/** Bounds of a configured 密级 list. */
export const MAX_CLASSIFICATIONS = 12;
export const MAX_CLASSIFICATION_LENGTH = 10;

/**
 * Why a configured 密级 list cannot be used, or null. Entries are trimmed by the caller; the list
 * is the order the forms offer.
 */
export function classificationListProblem(list: readonly string[]): string | null {
  if (list.length === 0) return '请至少设置一个密级，如“内部”';
  if (list.length > MAX_CLASSIFICATIONS) return `密级最多 ${MAX_CLASSIFICATIONS} 个`;
  const seen = new Set<string>();
  for (const item of list) {
    if (item.length === 0) return '密级名称不能为空';
    if ([...item].length > MAX_CLASSIFICATION_LENGTH) return `密级“${item}”超过 ${MAX_CLASSIFICATION_LENGTH} 个字`;
    if (/\s/.test(item)) return `密级“${item}”中不能有空格`;
    if (seen.has(item)) return `密级“${item}”重复`;
    seen.add(item);
  }
  return null;
}

/**
 * 在库: in the office's store (保管 by the 责任人). 已发放: issued to a holder for their work.
 * 借出: lent to a borrower until a due date. 外出: carried off the premises. 维修中: at an off-site
 * repairer. 已交回: handed back to the client (甲方). 已销毁: destroyed. 丢失: reported lost.
 */
export const MEDIA_STATUSES = ['在库', '已发放', '借出', '外出', '维修中', '已交回', '已销毁', '丢失'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** Nothing follows these but a correction of the event that led there. */
export const TERMINAL_STATUSES: readonly MediaStatus[] = ['已交回', '已销毁'];

/** Statuses in which a person holds the medium (the holder must give it back). */
export const HELD_STATUSES: readonly MediaStatus[] = ['已发放', '借出', '外出'];

export const DESTRUCTION_METHODS = ['物理粉碎', '消磁', '送销毁机构'] as const;
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];

export const STOCKTAKE_RESULTS = ['在位', '缺失', '状态不符'] as const;
export type StocktakeResult = (typeof STOCKTAKE_RESULTS)[number];

export const INCIDENT_KINDS = ['丢失', '泄露'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** A loss or leak must be reported to the client within this many hours of its discovery. */
export const INCIDENT_REPORT_HOURS = 48;
/** An unreported incident is “near” its deadline when no more than this many hours are left. */
export const INCIDENT_WARN_HOURS = 24;
