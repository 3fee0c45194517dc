import { trainingFieldsSchema, type Training, type TrainingFields } from '../../../common/api/training';

/** What the training form holds. */
export interface TrainingValues {
  heldOn: string | null;
  topic: string;
  hours: number | string;
  trainer: string;
  note: string;
  attendeeIds: string[];
}

export const newTrainingValues = (today: string): TrainingValues => ({ heldOn: today, topic: '', hours: '', trainer: '', note: '', attendeeIds: [] });

export function trainingValuesOf(t: Training): TrainingValues {
  return { heldOn: t.heldOn, topic: t.topic, hours: t.hours, trainer: t.trainer, note: t.note, attendeeIds: t.attendees.map((a) => String(a.personId)) };
}

export function trainingFieldsOf(v: TrainingValues): TrainingFields {
  const hours = typeof v.hours === 'number' ? v.hours : v.hours.trim() === '' ? undefined : Number(v.hours);
  return {
    heldOn: v.heldOn ?? '',
    topic: v.topic,
    hours: hours as number,
    trainer: v.trainer,
    note: v.note,
    attendeeIds: v.attendeeIds.map(Number),
  };
}

/**
 * The form field a message of the core or of the schema belongs to: `attendeeIds.3` (one attendee
 * refused) is shown at the attendee picker.
 */
export const trainingField = (path: string): string => path.split('.')[0] ?? path;

export function validateTraining(v: TrainingValues, messages: { heldOnRequired: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.heldOn) errors.heldOn = messages.heldOnRequired;
  const parsed = trainingFieldsSchema.safeParse(trainingFieldsOf(v));
  if (!parsed.success) for (const issue of parsed.error.issues) errors[trainingField(String(issue.path[0] ?? 'topic'))] ??= issue.message;
  return errors;
}
