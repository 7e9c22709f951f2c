import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidaysIn, easterSunday, isBankHoliday } from './bankHolidays';
import { dayOfWeek } from './calendarDays';

const datesIn = (year: number) => bankHolidaysIn(year).map((h) => h.date);

describe('bankHolidaysIn: published England and Wales lists', () => {
  const published: Record<number, string[]> = {
    1995: ['1995-01-02', '1995-04-14', '1995-04-17', '1995-05-08', '1995-05-29', '1995-08-28', '1995-12-25', '1995-12-26'],
    1999: ['1999-01-01', '1999-04-02', '1999-04-05', '1999-05-03', '1999-05-31', '1999-08-30', '1999-12-27', '1999-12-28', '1999-12-31'],
    2000: ['2000-01-03', '2000-04-21', '2000-04-24', '2000-05-01', '2000-05-29', '2000-08-28', '2000-12-25', '2000-12-26'],
    2002: ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26'],
    2011: ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27'],
    2012: ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
    2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
    2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
    2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
    2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
    2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  };
  for (const [year, dates] of Object.entries(published)) {
    it(`${year}`, () => expect(datesIn(Number(year))).toEqual(dates));
  }

  it('names substitute and one-off days', () => {
    expect(bankHolidaysIn(2026).at(-1)).toEqual({ date: '2026-12-28', name: 'Boxing Day (substitute day)' });
    expect(bankHolidaysIn(2022)).toContainEqual({ date: '2022-12-27', name: 'Christmas Day (substitute day)' });
    expect(bankHolidaysIn(2021)).toContainEqual({ date: '2021-12-27', name: 'Christmas Day (substitute day)' });
    expect(bankHolidaysIn(2023)).toContainEqual({ date: '2023-05-08', name: 'Coronation bank holiday' });
    expect(bankHolidaysIn(2020)).toContainEqual({ date: '2020-05-08', name: 'Early May bank holiday (VE Day)' });
  });

  it('returns a fresh list each time, so callers cannot alter the table', () => {
    const list = bankHolidaysIn(2026);
    list.pop();
    expect(bankHolidaysIn(2026)).toHaveLength(8);
  });

  it('refuses years it has no rules for', () => {
    expect(() => bankHolidaysIn(1994)).toThrow(RangeError);
    expect(() => bankHolidaysIn(2101)).toThrow(RangeError);
    expect(() => isBankHoliday('2101-01-01')).toThrow(RangeError);
  });
});

describe('easterSunday', () => {
  it('matches known Easter dates', () => {
    expect(easterSunday(1995)).toBe('1995-04-16');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2011)).toBe('2011-04-24');
    expect(easterSunday(2016)).toBe('2016-03-27');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
  it('is always a Sunday from 22 March to 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1995, max: 2100 }), (year) => {
        const easter = easterSunday(year);
        return dayOfWeek(easter) === 0 && easter >= `${year}-03-22` && easter <= `${year}-04-25`;
      }),
    );
  });
});

describe('bank holiday rules for every supported year', () => {
  it('gives at least eight weekday holidays, sorted and distinct, all inside the year', () => {
    for (let year = 1995; year <= 2100; year++) {
      const dates = datesIn(year);
      expect(dates.length).toBeGreaterThanOrEqual(8);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const d of dates) {
        expect(d.startsWith(`${year}-`)).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(d));
        expect(isBankHoliday(d)).toBe(true);
      }
    }
  });
  it('has exactly eight in years with no one-off day', () => {
    for (const year of [2026, 2027, 2030, 2049, 2100]) expect(datesIn(year)).toHaveLength(8);
  });
  it('is false for ordinary days and for weekend dates a substitute replaced', () => {
    expect(isBankHoliday('2026-12-24')).toBe(false);
    expect(isBankHoliday('2026-12-26')).toBe(false); // Saturday; Monday 28th instead
    expect(isBankHoliday('2027-12-25')).toBe(false);
    expect(isBankHoliday('2022-05-30')).toBe(false); // spring holiday moved to 2 June
  });
});
