import type { TFunction } from 'i18next';
import type { ScanFeedback } from '../../../../common/api/stocktake';

/** The line a scan answers with, and its colour: green marked present, orange otherwise marked, red 账外. */
export function feedbackLine(t: TFunction, f: ScanFeedback): { text: string; color: 'green' | 'orange' | 'red' | 'gray' } {
  const values = { number: f.number ?? '', kind: f.kind ?? '', result: f.result ? t(`stocktake.results.${f.result}`) : '', code: f.code, status: f.status ?? '' };
  switch (f.outcome) {
    case 'marked':
      return { text: t(f.bySerial ? 'stocktake.feedback.markedBySerial' : 'stocktake.feedback.marked', values), color: f.result === '在位' ? 'green' : 'orange' };
    case 'already':
      return { text: t('stocktake.feedback.already', values), color: 'gray' };
    case 'outOfScope':
      return { text: t('stocktake.feedback.outOfScope', values), color: 'red' };
    case 'unknown':
      return { text: t('stocktake.feedback.unknown', values), color: 'red' };
    case 'extraAgain':
      return { text: t('stocktake.feedback.extraAgain', values), color: 'gray' };
  }
}

/** Mantine colour of a result badge. */
export const RESULT_COLORS = { 在位: 'green', 缺失: 'red', 状态不符: 'orange' } as const;
