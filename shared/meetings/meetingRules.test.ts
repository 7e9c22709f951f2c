import { describe, expect, it } from 'vitest';
import { checkMeetingTime, type MeetingTimeProposal } from './meetingRules';

// Monday 23/11/2026, 12:00 London; the audit is due on Thursday 31/12/2026.
const base: MeetingTimeProposal = { date: '2026-11-25', time: '10:00', dueDate: '2026-12-31', now: { date: '2026-11-23', minutes: 12 * 60 } };
const check = (over: Partial<MeetingTimeProposal>) => checkMeetingTime({ ...base, ...over });

describe('checkMeetingTime', () => {
  it('accepts a working day between today and the due date, with or without a time', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ time: null })).toEqual({ ok: true });
    expect(check({ date: '2026-12-31' })).toEqual({ ok: true }); // the due date itself
    expect(check({ date: '2026-11-23', time: null })).toEqual({ ok: true }); // today, no time
    expect(check({ date: '2026-11-23', time: '12:01' })).toEqual({ ok: true });
  });

  it('refuses a date that has passed, and a time already gone today', () => {
    expect(check({ date: '2026-11-20' })).toMatchObject({ ok: false, problem: 'inThePast', message: '20/11/2026 has passed. Choose today or a later date.' });
    expect(check({ date: '2026-11-23', time: '12:00' })).toMatchObject({ ok: false, problem: 'inThePast' });
    expect(check({ date: '2026-11-23', time: '09:30' })).toMatchObject({ ok: false, problem: 'inThePast', message: expect.stringContaining('09:30 today') });
  });

  it('refuses weekends and England and Wales bank holidays, including substitute days', () => {
    expect(check({ date: '2026-11-28' })).toMatchObject({ ok: false, problem: 'notAWorkingDay', message: expect.stringContaining('28/11/2026') });
    expect(check({ date: '2026-12-25' })).toMatchObject({ ok: false, problem: 'notAWorkingDay' });
    expect(check({ date: '2026-12-28' })).toMatchObject({ ok: false, problem: 'notAWorkingDay' }); // Boxing Day substitute
    expect(check({ date: '2026-12-24' })).toEqual({ ok: true });
    expect(check({ date: '2026-12-24', extraHolidays: ['2026-12-24'] })).toMatchObject({ ok: false, problem: 'notAWorkingDay' });
  });

  it('refuses a date after the audit is due, naming the due date the UK way', () => {
    expect(check({ dueDate: '2026-12-11', date: '2026-12-14' })).toMatchObject({
      ok: false,
      problem: 'afterDueDate',
      message: '14/12/2026 is after the audit is due (11/12/2026). Choose a date on or before then.',
    });
  });

  it('keeps a given time within 08:00 to 18:00, both ends included', () => {
    expect(check({ time: '08:00' })).toEqual({ ok: true });
    expect(check({ time: '18:00' })).toEqual({ ok: true });
    for (const time of ['07:59', '18:01', '00:00', '23:30'])
      expect(check({ time })).toMatchObject({ ok: false, problem: 'outsideHours', message: 'Choose a time between 08:00 and 18:00.' });
  });
});
