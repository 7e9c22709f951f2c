import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from './calendarDays';
import {
  addWorkingDays,
  isWorkingDay,
  lastWorkingDayOfMonth,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
} from './workingDays';

describe('isWorkingDay', () => {
  it('is Monday to Friday except bank holidays', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2026-12-29')).toBe(true);
  });
  it("honours a council's extra closure days", () => {
    expect(isWorkingDay('2026-12-24', ['2026-12-24'])).toBe(false);
    expect(isWorkingDay('2026-12-24')).toBe(true);
  });
});

describe('addWorkingDays and nextWorkingDay', () => {
  it('steps over weekends', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Fri → Mon
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Sat → Mon
    expect(addWorkingDays('2026-11-30', -1)).toBe('2026-11-27'); // Mon → Fri
    expect(addWorkingDays('2026-11-29', -1)).toBe('2026-11-27'); // Sun → Fri
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
  });
  it('steps over Christmas 2026 (25th Friday, 28th Monday substitute)', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-29', -1)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-21', 5)).toBe('2026-12-30');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-29');
    expect(previousWorkingDay('2026-12-29')).toBe('2026-12-24');
  });
  it('with n = 0 keeps a working day and moves a closed day forward', () => {
    expect(addWorkingDays('2026-12-24', 0)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-25', 0)).toBe('2026-12-29');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
  });
  it('uses extra closure days', () => {
    expect(addWorkingDays('2026-12-23', 1, ['2026-12-24'])).toBe('2026-12-29');
    expect(nextWorkingDay('2026-12-23', ['2026-12-24'])).toBe('2026-12-29');
  });
  it('refuses fractions and malformed dates', () => {
    expect(() => addWorkingDays('2026-12-23', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1); // Fri → Mon
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-12-01', '2026-12-31')).toBe(20);
    expect(workingDaysBetween('2026-11-30', '2026-11-27')).toBe(-1);
  });
});

describe('lastWorkingDayOfMonth', () => {
  it('is the last day when that is a working day', () => {
    expect(lastWorkingDayOfMonth('2026-12')).toBe('2026-12-31'); // Thursday
  });
  it('skips a bank holiday Monday', () => {
    expect(lastWorkingDayOfMonth('2026-08')).toBe('2026-08-28');
  });
  it('skips a weekend', () => {
    expect(lastWorkingDayOfMonth('2026-05')).toBe('2026-05-29'); // 31st is Sunday
    expect(lastWorkingDayOfMonth('2026-02-10')).toBe('2026-02-27'); // any date in the month works
  });
  it('uses extra closure days', () => {
    expect(lastWorkingDayOfMonth('2026-12', ['2026-12-31'])).toBe('2026-12-30');
  });
  it('rejects a malformed month', () => {
    expect(() => lastWorkingDayOfMonth('2026-13')).toThrow(RangeError);
  });
});

// Dates 1997–2098 so every step stays inside the years with known bank holidays.
const anyDate = fc.integer({ min: toDayNumber('1997-01-01'), max: toDayNumber('2098-12-31') }).map(fromDayNumber);
const workingDate = anyDate.map((d) => (isWorkingDay(d) ? d : nextWorkingDay(d)));
const steps = fc.integer({ min: -300, max: 300 });

describe('addWorkingDays properties', () => {
  it('always lands on a working day', () => {
    fc.assert(fc.property(anyDate, steps, (d, n) => isWorkingDay(addWorkingDays(d, n))));
  });
  it('adding then subtracting returns a working-day start', () => {
    fc.assert(fc.property(workingDate, steps, (d, n) => addWorkingDays(addWorkingDays(d, n), -n) === d));
  });
  it('is monotonic in n (strictly from a working day)', () => {
    fc.assert(
      fc.property(anyDate, steps, steps, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return addWorkingDays(d, lo) <= addWorkingDays(d, hi);
      }),
    );
    fc.assert(
      fc.property(workingDate, steps, steps, (d, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return addWorkingDays(d, lo) < addWorkingDays(d, hi);
      }),
    );
  });
  it('agrees with workingDaysBetween', () => {
    fc.assert(fc.property(workingDate, steps, (d, n) => workingDaysBetween(d, addWorkingDays(d, n)) === n));
  });
  it('workingDaysBetween adds up over consecutive spans', () => {
    const near = (d: string) => fc.integer({ min: -400, max: 400 }).map((k) => fromDayNumber(toDayNumber(d) + k));
    fc.assert(
      fc.property(
        anyDate.chain((a) => fc.tuple(fc.constant(a), near(a), near(a))),
        ([a, b, c]) => workingDaysBetween(a, b) + workingDaysBetween(b, c) === workingDaysBetween(a, c),
      ),
    );
  });
  it('lastWorkingDayOfMonth is a working day with none after it in the month', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const last = lastWorkingDayOfMonth(d.slice(0, 7));
        return isWorkingDay(last) && last.slice(0, 7) === d.slice(0, 7) && nextWorkingDay(last).slice(0, 7) !== d.slice(0, 7);
      }),
    );
  });
});
