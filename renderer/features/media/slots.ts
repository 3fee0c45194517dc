import type { ComponentType } from 'react';
import type { MediaEventView, MediaFilter, MediumDetail } from '../../../common/api/media';
import { EventReceiptAction, MediaListPrintAction, MediumCardAction } from './prints/slotActions';
import { StocktakeLink } from './stocktake/StocktakeLink';

/**
 * Where the printed registers, the receipts (交接单) and the stocktake (清查) plug into the media
 * screens. Each entry is a small component (a button or a menu, with its own dialog); the screens
 * render them in order and know nothing of what they do. A feature adds its component here.
 */

/** Beside 登记介质 in the list page header: 打印台账 (§1–5), 清查 … */
export interface MediaListActionProps {
  /** The list's current filter, as media:list reads it. */
  filter: MediaFilter;
  /** The register holds no medium at all (nothing to print or count). */
  registerEmpty: boolean;
}
export const MEDIA_LIST_ACTIONS: ComponentType<MediaListActionProps>[] = [MediaListPrintAction, StocktakeLink];

/** In the medium's drawer header: 履历卡 (print, PDF, Excel) … */
export interface MediumActionProps {
  medium: MediumDetail;
}
export const MEDIUM_ACTIONS: ComponentType<MediumActionProps>[] = [MediumCardAction];

/**
 * On each hand-over event of the timeline (HANDOVER_TYPES of common/media/events.ts), and in the
 * step after such an event is saved: 打印交接单 …
 */
export interface MediaEventActionProps {
  medium: MediumDetail;
  event: MediaEventView;
}
export const MEDIA_EVENT_ACTIONS: ComponentType<MediaEventActionProps>[] = [EventReceiptAction];
