import type { ComponentType } from 'react';
import type { ChecklistItemView, Person } from '../../../common/api/person';
import { MediaChecklistAction } from '../media/ChecklistAction';
import { RevokeChecklistAction } from '../ipfilings/RevokeChecklistAction';

/** What a register's action button beside one open departure-checklist item is given. */
export interface ChecklistActionProps {
  person: Person;
  item: ChecklistItemView;
  /** The account may record changes (registers.write). */
  canWrite: boolean;
}

/**
 * The action each register offers beside its open items of a departure checklist (the provider id of
 * db/registers/people/departure.ts → a small button or menu: 撤销报备, 查看介质 …). A register adds
 * one line here; the people screens stay unaware of what the action does.
 */
export const CHECKLIST_ACTIONS: Partial<Record<string, ComponentType<ChecklistActionProps>>> = {
  media: MediaChecklistAction,
  ip: RevokeChecklistAction,
};
