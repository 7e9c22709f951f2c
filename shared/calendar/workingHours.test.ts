import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKING_HOURS,
  type WorkingHoursSetting,
  addWorkingHours,
  atLondonTime,
  isWithinWorkingHours,
  workingHoursSetting,
} from './workingHours';
import { londonWallClock } from './londonTime';

const at = (iso: string) => new Date(iso);
const plus = (from: string, hours: number, setting?: WorkingHoursSetting, extra?: readonly string[]) =>
  addWorkingHours(at(from), hours, setting, extra).toISOString();

describe('atLondonTime', () => {
  it('converts ordinary winter and summer times', () => {
    expect(atLondonTime('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(atLondonTime('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(atLondonTime('2026-07-01', '00:30').toISOString()).toBe('2026-06-30T23:30:00.000Z');
  });
  it('moves a time in the missing hour forward by an hour (March)', () => {
    expect(atLondonTime('2026-03-29', '00:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(atLondonTime('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(atLondonTime('2026-03-29', '02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(atLondonTime('2027-03-28', '01:15').toISOString()).toBe('2027-03-28T01:15:00.000Z');
  });
  it('takes the first of a repeated time (October)', () => {
    expect(atLondonTime('2026-10-25', '00:59').toISOString()).toBe('2026-10-24T23:59:00.000Z');
    expect(atLondonTime('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(atLondonTime('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(atLondonTime('2027-10-31', '01:45').toISOString()).toBe('2027-10-31T00:45:00.000Z');
  });
  it('rejects malformed input', () => {
    expect(() => atLondonTime('2026-10-25', '24:00')).toThrow(RangeError);
    expect(() => atLondonTime('2026-10-25', '9:00')).toThrow(RangeError);
    expect(() => atLondonTime('2026-02-30', '09:00')).toThrow(RangeError);
  });
  it('round-trips with londonWallClock for any existing time', () => {
    const day = fc.integer({ min: 0, max: 365 * 5 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 1439 }), (date, minutes) => {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const clock = londonWallClock(atLondonTime(date, time));
        const inGap = clock.minutes !== minutes;
        // Only the skipped hour may differ, and then by exactly that hour.
        return clock.date === date && (!inGap || (minutes >= 60 && minutes < 120 && clock.minutes === minutes + 60));
      }),
    );
  });
});

describe('isWithinWorkingHours', () => {
  it('opens at 09:00 and closes at 17:00, end exclusive', () => {
    expect(isWithinWorkingHours(at('2026-11-23T08:59:59Z'))).toBe(false);
    expect(isWithinWorkingHours(at('2026-11-23T09:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(at('2026-11-23T16:59:59.999Z'))).toBe(true);
    expect(isWithinWorkingHours(at('2026-11-23T17:00:00Z'))).toBe(false);
  });
  it('uses London time in summer', () => {
    expect(isWithinWorkingHours(at('2026-07-01T08:00:00Z'))).toBe(true); // 09:00 BST
    expect(isWithinWorkingHours(at('2026-07-01T16:00:00Z'))).toBe(false); // 17:00 BST
  });
  it('is closed at weekends, on bank holidays and on extra closure days', () => {
    expect(isWithinWorkingHours(at('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
    expect(isWithinWorkingHours(at('2026-08-31T11:00:00Z'))).toBe(false); // summer bank holiday
    expect(isWithinWorkingHours(at('2026-12-24T12:00:00Z'), DEFAULT_WORKING_HOURS, ['2026-12-24'])).toBe(false);
  });
  it('follows a custom setting', () => {
    const hours = { start: '08:30', end: '16:30' };
    expect(isWithinWorkingHours(at('2026-11-23T08:30:00Z'), hours)).toBe(true);
    expect(isWithinWorkingHours(at('2026-11-23T16:30:00Z'), hours)).toBe(false);
  });
});

describe('addWorkingHours', () => {
  it('carries Friday 16:00 + 4 h to Monday 12:00, in winter and in summer', () => {
    expect(plus('2026-11-20T16:00:00Z', 4)).toBe('2026-11-23T12:00:00.000Z');
    expect(plus('2026-07-03T15:00:00Z', 4)).toBe('2026-07-06T11:00:00.000Z'); // BST both ends
  });
  it('is right across the clocks going forward (29 March 2026, 28 March 2027)', () => {
    expect(plus('2026-03-27T16:00:00Z', 4)).toBe('2026-03-30T11:00:00.000Z'); // Mon 12:00 BST
    // 2027: Thursday 16:00, then Good Friday, the clock change and Easter Monday → Tuesday 12:00 BST.
    expect(plus('2027-03-25T16:00:00Z', 4)).toBe('2027-03-30T11:00:00.000Z');
  });
  it('is right across the clocks going back (25 October 2026, 31 October 2027)', () => {
    expect(plus('2026-10-23T15:00:00Z', 4)).toBe('2026-10-26T12:00:00.000Z'); // Fri 16:00 BST → Mon 12:00 GMT
    expect(plus('2027-10-29T15:00:00Z', 4)).toBe('2027-11-01T12:00:00.000Z');
  });
  it('skips bank holidays', () => {
    expect(plus('2026-08-28T15:00:00Z', 4)).toBe('2026-09-01T11:00:00.000Z'); // over 31 Aug
    expect(plus('2027-12-24T16:00:00Z', 4)).toBe('2027-12-29T12:00:00.000Z'); // over 27 and 28 Dec
    expect(plus('2026-12-24T16:00:00Z', 2, DEFAULT_WORKING_HOURS, ['2026-12-29'])).toBe('2026-12-30T10:00:00.000Z');
  });
  it('ends at closing time when the limit is used up exactly', () => {
    expect(plus('2026-11-20T13:00:00Z', 4)).toBe('2026-11-20T17:00:00.000Z');
    expect(plus('2026-11-23T09:00:00Z', 40)).toBe('2026-11-27T17:00:00.000Z');
    expect(plus('2026-11-23T09:00:00Z', 41)).toBe('2026-11-30T10:00:00.000Z');
  });
  it('starts the count at opening time when raised outside hours', () => {
    expect(plus('2026-11-23T07:00:00Z', 1)).toBe('2026-11-23T10:00:00.000Z');
    expect(plus('2026-11-28T12:00:00Z', 4)).toBe('2026-11-30T13:00:00.000Z'); // Saturday
    expect(plus('2026-11-20T17:00:00Z', 0.75)).toBe('2026-11-23T09:45:00.000Z');
  });
  it('with 0 hours returns the instant when within hours, else the next opening', () => {
    expect(plus('2026-11-23T10:17:00Z', 0)).toBe('2026-11-23T10:17:00.000Z');
    expect(plus('2026-11-20T17:00:00Z', 0)).toBe('2026-11-23T09:00:00.000Z');
  });
  it('follows a custom setting', () => {
    expect(plus('2026-11-20T16:00:00Z', 1, { start: '08:30', end: '16:30' })).toBe('2026-11-23T09:00:00.000Z');
  });
  it('refuses negative or non-finite hours and a bad setting', () => {
    expect(() => addWorkingHours(at('2026-11-20T16:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(at('2026-11-20T16:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWorkingHours(at('2026-11-20T16:00:00Z'), 1, { start: '17:00', end: '09:00' })).toThrow(RangeError);
    expect(() => addWorkingHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

// Quarter-hour instants from 2025 to 2028, so both clock changes of several years are crossed.
const quarterHour = 15 * 60_000;
const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1) / quarterHour, max: Date.UTC(2028, 11, 1) / quarterHour })
  .map((q) => new Date(q * quarterHour));
const quarters = fc.integer({ min: 1, max: 120 });

describe('addWorkingHours properties', () => {
  it('matches counting working quarter-hours one by one', () => {
    fc.assert(
      fc.property(instant, quarters, (start, n) => {
        let t = start.getTime();
        for (let counted = 0; counted < n; t += quarterHour) {
          if (isWithinWorkingHours(new Date(t))) counted++;
        }
        return addWorkingHours(start, n / 4).getTime() === t;
      }),
      { numRuns: 60 },
    );
  });
  it('adds up: (t + a) + b = t + (a + b) for positive a and b', () => {
    fc.assert(
      fc.property(instant, quarters, quarters, (t, a, b) => {
        return addWorkingHours(addWorkingHours(t, a / 4), b / 4).getTime() === addWorkingHours(t, (a + b) / 4).getTime();
      }),
    );
  });
  it('adding 0 leaves an instant unchanged exactly when it is within working hours', () => {
    fc.assert(
      fc.property(instant, (t) => (addWorkingHours(t, 0).getTime() === t.getTime()) === isWithinWorkingHours(t)),
    );
  });
});

describe('workingHoursSetting', () => {
  it('accepts the default and rejects an inverted or malformed window', () => {
    expect(workingHoursSetting.safeParse(DEFAULT_WORKING_HOURS).success).toBe(true);
    expect(workingHoursSetting.safeParse({ start: '17:00', end: '09:00' }).success).toBe(false);
    expect(workingHoursSetting.safeParse({ start: '9:00', end: '17:00' }).success).toBe(false);
  });
});
