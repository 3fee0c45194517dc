/** The media register's print buttons, placed by the list page, the detail and the timeline. */
export { MediaPrintMenu, logSelection, type MediaPeriod } from './MediaPrintMenu';
export { MediumCardButton } from './MediumCardButton';
export { ReceiptButton } from './ReceiptButton';
