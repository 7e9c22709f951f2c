import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysInMonth, fromDayNumber, parseIsoDate, toDayNumber } from './calendarDays';

describe('calendarDays', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // The clock-change Sunday is an ordinary 24-hour step here.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('2026-11-23')).toBe(1);
    expect(dayOfWeek('2026-12-26')).toBe(6);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });
  it('counts days in months', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
  it('rejects malformed and impossible dates', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-13-01')).toThrow(RangeError);
    expect(() => parseIsoDate('26-01-01')).toThrow(RangeError);
    expect(() => toDayNumber('2026-1-1')).toThrow(RangeError);
  });
  it('round-trips day numbers and agrees with Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (n) => {
        const iso = fromDayNumber(n);
        return toDayNumber(iso) === n && dayOfWeek(iso) === new Date(`${iso}T12:00:00Z`).getUTCDay();
      }),
    );
  });
});
