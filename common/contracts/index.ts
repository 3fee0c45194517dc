/** Calculators for the contracts register (DESIGN.md §2 "Money is exact"): money, 大写, installments, schedules, status. */
export { AmountError, assertFen, formatAmount, formatYuan, MAX_FEN, parseAmount, type AmountParse } from './money';
export { checkDaxie, parseDaxie, toDaxie, type DaxieParse } from './daxie';
export {
  checkInstallments,
  installmentTotals,
  parsePercent,
  resolveInstallments,
  type Installment,
  type InstallmentProblem,
  type InstallmentTotals,
  type PercentParse,
} from './installments';
export {
  addDays,
  addMonths,
  CivilDateError,
  compareDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isCivilDate,
  isLeapYear,
  minDate,
  termEnd,
  toDayNumber,
  type CivilDate,
} from './civil-date';
export {
  checkSchedule,
  describeSchedule,
  nextDue,
  overdue,
  schedulePeriods,
  type NextDue,
  type Period,
  type Schedule,
  type ScheduleContext,
  type ServiceLimitUnit,
} from './schedule';
export {
  checkContractDates,
  CONTRACT_STATUS_LABELS,
  contractStatus,
  DEFAULT_RENEWAL_LEAD_DAYS,
  renewalDecisionDate,
  type ContractDateProblem,
  type ContractDates,
  type ContractStatus,
} from './status';
export {
  checkObligationSchedule,
  describeObligationSchedule,
  OBLIGATION_KIND_LABELS,
  OBLIGATION_KINDS,
  obligationNext,
  obligationWindow,
  SERVICE_LIMIT_UNIT_LABELS,
  SERVICE_LIMIT_UNITS,
  toSchedule,
  type ContractWindow,
  type ObligationKind,
  type ObligationNext,
  type ObligationScheduleFields,
} from './obligations';
