import type { MediaEventActionProps, MediaListActionProps, MediumActionProps } from '../slots';
import { MediaPrintMenu } from './MediaPrintMenu';
import { MediumCardButton } from './MediumCardButton';
import { ReceiptButton } from './ReceiptButton';

/** 打印台账 in the list header: §1 with the list's filter, §2–§5 with its kind, 密级, unit and search. */
export function MediaListPrintAction(props: MediaListActionProps) {
  return <MediaPrintMenu filter={props.filter} disabled={props.registerEmpty} />;
}

/** 履历卡 in the medium's drawer header. */
export function MediumCardAction(props: MediumActionProps) {
  return <MediumCardButton mediumId={props.medium.id} number={props.medium.number} />;
}

/** 交接单 on a hand-over of the timeline and after one is saved; none for an event a 更正 voided. */
export function EventReceiptAction(props: MediaEventActionProps) {
  return <ReceiptButton mediumId={props.medium.id} seq={props.event.seq} type={props.event.type} corrected={props.event.correctedBy !== null} />;
}
