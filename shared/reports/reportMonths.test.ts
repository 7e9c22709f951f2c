import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthDateRange, REPORT_MAX_MONTHS, reportMonths } from './reportMonths';

describe('reportMonths', () => {
  it('lists every month from the first to the last, both included, across a year end', () => {
    expect(reportMonths('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(reportMonths('2026-11', '2026-11')).toEqual(['2026-11']);
    expect(reportMonths('2026-01', '2026-12')).toHaveLength(12);
  });

  it(`allows at most ${REPORT_MAX_MONTHS} months`, () => {
    const longest = reportMonths('2022-01', '2026-12');
    expect(longest).toHaveLength(REPORT_MAX_MONTHS);
    expect(longest[REPORT_MAX_MONTHS - 1]).toBe('2026-12');
    expect(() => reportMonths('2022-01', '2027-01')).toThrow(/at most 60 months/);
  });

  it('refuses a range that runs backwards', () => {
    expect(() => reportMonths('2026-12', '2026-11')).toThrow(RangeError);
  });

  it('refuses anything that is not YYYY-MM, naming the argument', () => {
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '', ' 2026-11', '2026/11']) {
      expect(() => reportMonths(bad, '2026-12')).toThrow(/from must be a calendar month as YYYY-MM/);
      expect(() => reportMonths('2026-01', bad)).toThrow(/to must be a calendar month as YYYY-MM/);
    }
  });

  it('gives consecutive months: each one the month after the one before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900 * 12, max: 2999 * 12 }), fc.integer({ min: 0, max: REPORT_MAX_MONTHS - 1 }), (start, extra) => {
        const at = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        const months = reportMonths(at(start), at(start + extra));
        expect(months).toHaveLength(extra + 1);
        months.forEach((m, i) => {
          if (i > 0) expect(monthDateRange(months[i - 1] ?? '').nextFirst).toBe(`${m}-01`);
        });
      }),
    );
  });
});

describe('monthDateRange', () => {
  it("bounds a month by its first day and the next month's first day", () => {
    expect(monthDateRange('2026-11')).toEqual({ first: '2026-11-01', nextFirst: '2026-12-01' });
    expect(monthDateRange('2026-12')).toEqual({ first: '2026-12-01', nextFirst: '2027-01-01' });
    expect(monthDateRange('2028-02')).toEqual({ first: '2028-02-01', nextFirst: '2028-03-01' });
  });

  it('holds the last day of the month and excludes the first of the next, as strings compare', () => {
    const { first, nextFirst } = monthDateRange('2028-02');
    expect('2028-02-29' >= first && '2028-02-29' < nextFirst).toBe(true);
    expect('2028-02-29|zz' < nextFirst).toBe(true);
    expect('2028-01-31' < first).toBe(true);
    expect('2028-03-01' < nextFirst).toBe(false);
  });

  it('refuses anything that is not YYYY-MM', () => {
    for (const bad of ['2026-13', '2026-1', '2026-11-01', 'November', '9999-12']) expect(() => monthDateRange(bad)).toThrow(RangeError);
  });
});
