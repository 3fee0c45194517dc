import { describe, expect, it } from 'vitest';
import type { Training } from '../../../common/api/training';
import { newTrainingValues, trainingField, trainingFieldsOf, trainingValuesOf, validateTraining } from './formValues';

const MESSAGES = { heldOnRequired: '请填写培训日期' };

describe('training form', () => {
  it('asks for the date, a topic, hours and at least one attendee, with the core’s messages', () => {
    expect(validateTraining({ ...newTrainingValues('2025-03-01'), heldOn: null }, MESSAGES)).toEqual({
      heldOn: '请填写培训日期',
      topic: '请填写培训主题（至少 2 个字）',
      hours: '请填写学时',
      attendeeIds: '请至少选择一名参加人员',
    });
  });

  it('takes hours with one decimal at most', () => {
    const v = { ...newTrainingValues('2025-03-01'), topic: '保密法规宣贯', attendeeIds: ['3', '5'] };
    expect(validateTraining({ ...v, hours: 1.5 }, MESSAGES)).toEqual({});
    expect(validateTraining({ ...v, hours: 1.25 }, MESSAGES)).toEqual({ hours: '学时最多一位小数，如 1.5' });
    expect(validateTraining({ ...v, hours: 0 }, MESSAGES)).toEqual({ hours: '学时应大于 0' });
    expect(trainingFieldsOf({ ...v, hours: '2' })).toMatchObject({ hours: 2, attendeeIds: [3, 5], heldOn: '2025-03-01' });
  });

  it('edits the session as recorded, its attendees selected', () => {
    const training = {
      heldOn: '2024-06-01',
      topic: '保密法规宣贯',
      hours: 2.5,
      trainer: '王处长',
      note: '',
      attendees: [
        { personId: 4, name: '张三', orgName: '北京金山云网络技术有限公司' },
        { personId: 9, name: '李四', orgName: '北京金山云网络技术有限公司' },
      ],
    } as unknown as Training;
    expect(trainingValuesOf(training)).toEqual({ heldOn: '2024-06-01', topic: '保密法规宣贯', hours: 2.5, trainer: '王处长', note: '', attendeeIds: ['4', '9'] });
  });

  it('shows a refused attendee at the picker', () => {
    expect(trainingField('attendeeIds.3')).toBe('attendeeIds');
    expect(trainingField('topic')).toBe('topic');
  });
});
