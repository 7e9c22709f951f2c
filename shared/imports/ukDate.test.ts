import { describe, expect, it } from 'vitest';
import { parseUkDate } from './ukDate';

const date = (text: string) => {
  const r = parseUkDate(text);
  return r.ok ? r.date : null;
};
const reason = (text: string) => {
  const r = parseUkDate(text);
  return r.ok ? null : r.reason;
};

describe('parseUkDate', () => {
  it('reads dd/mm/yyyy, d/m/yyyy and ISO, day first', () => {
    expect(date('14/03/2019')).toBe('2019-03-14');
    expect(date('4/3/2019')).toBe('2019-03-04');
    expect(date(' 02/03/2026 ')).toBe('2026-03-02');
    expect(date('02-03-2026')).toBe('2026-03-02');
    expect(date('02.03.2026')).toBe('2026-03-02');
    expect(date('2026-03-02')).toBe('2026-03-02');
    expect(date('29/02/2028')).toBe('2028-02-29');
    expect(date('29/02/2000')).toBe('2000-02-29');
  });

  it('ignores the midnight time spreadsheets add to dates, but refuses other times', () => {
    expect(date('14/03/2019 00:00')).toBe('2019-03-14');
    expect(date('2019-03-14T00:00:00')).toBe('2019-03-14');
    expect(reason('14/03/2019 13:45')).toMatch(/time of day/);
  });

  it('refuses dates that do not exist, naming the month length', () => {
    expect(reason('31/02/2026')).toMatch(/not a real date: February 2026 has 28 days/);
    expect(reason('29/02/2027')).toMatch(/February 2027 has 28 days/);
    expect(reason('29/02/2100')).toMatch(/February 2100 has 28 days/);
    expect(reason('31/04/2026')).toMatch(/April 2026 has 30 days/);
    expect(reason('00/04/2026')).toMatch(/no day 0/);
    expect(reason('2026-13-01')).toMatch(/no month 13/);
  });

  it('does not guess American order', () => {
    expect(reason('12/31/2025')).toMatch(/no month 31.*day first/);
    // Ambiguous dates are read day first, never swapped.
    expect(date('03/04/2026')).toBe('2026-04-03');
  });

  it('refuses two-digit and implausible years and things that are not dates', () => {
    expect(reason('01/02/24')).toMatch(/two-digit year/);
    expect(reason('01/02/20244')).toMatch(/four-digit year/);
    expect(reason('01/02/0024')).toMatch(/outside 1900/);
    expect(reason('1 Feb 2024')).toMatch(/not a date written as dd\/mm\/yyyy/);
    expect(reason('2026-1-5')).toMatch(/not a date/);
    expect(reason('')).toBe('no date given');
  });
});
