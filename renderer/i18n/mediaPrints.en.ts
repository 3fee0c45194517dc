import type { Messages } from './zh-CN';

/** English messages of the `mediaPrints` namespace (merged into en.ts). */
const mediaPrints: Messages['mediaPrints'] = {
  menu: 'Print registers',
  registers: {
    media: 'Storage media register',
    mediaLoans: 'Media lending and return log',
    mediaTakeOuts: 'Media take-out approvals',
    mediaRepairs: 'Off-site repair log',
    mediaDestructions: 'Media destruction log',
  },
  hints: {
    media: 'One row per medium; status and holder follow from its custody chain',
    mediaLoans: 'One row per loan, with the return date and the checker',
    mediaTakeOuts: 'One row per take-out, with approval, encryption and the check on return',
    mediaRepairs: 'One row per repair, with the agreement, backup and sanitisation',
    mediaDestructions: 'One row per destruction, totals per kind at the foot',
  },
  setupTitle: 'Print “{{name}}”',
  filterScope: 'Uses the media list’s current filter (all pages).',
  period: 'Period',
  periodHint: 'By the date of the {{event}}; leave empty for no limit',
  from: 'From',
  to: 'To',
  periodError: 'The end date cannot be before the start date',
  openOnly: {
    mediaLoans: 'Only those not yet returned',
    mediaTakeOuts: 'Only those not yet back',
    mediaRepairs: 'Only those not yet repaired',
  },
  event: { mediaLoans: 'loan', mediaTakeOuts: 'take-out', mediaRepairs: 'repair', mediaDestructions: 'destruction' },
  correctedNote: 'Records voided by a correction are left out of the logs; each medium’s history card shows them.',
  scope: {
    media: 'Prints the “Storage media register”: every medium the media list’s current filter selects.',
    log: 'Prints the “{{name}}”: records of {{period}}, narrowed by the list’s kind, classification, unit, contract and search.',
    allPeriods: 'all periods',
    fromTo: '{{from}} to {{to}}',
    fromOnly: '{{from}} onwards',
    toOnly: 'up to {{to}}',
  },
  choose: 'Choose the output',
  card: 'History card',
  cardScope: 'The history card of medium {{number}}: its fields, who was responsible when, and its whole custody chain (corrections included); in Excel, one row per custody record.',
  receipt: 'Receipt',
  receiptTooltip: 'Print this hand-over’s receipt; once both parties have signed, attach the scan to this record',
  receiptScope: 'Prints the receipt of record {{seq}} ({{type}}) on one A4 page. Once both parties have signed, scan it and attach it to this record.',
};

export default mediaPrints;
