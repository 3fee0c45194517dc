import type { PersonStatus, SignOffStatus } from '../../../common/people';

export const PERSON_STATUS_COLORS: Record<PersonStatus, string> = { 在岗: 'green', 调岗: 'blue', 离岗: 'dark' };
export const SIGNOFF_STATUS_COLORS: Record<SignOffStatus, string> = { 有效: 'green', 即将到期: 'orange', 已过期: 'red', 未签: 'red' };
/** 办理中: a departure is being processed. */
export const DEPARTING_COLOR = 'orange';
