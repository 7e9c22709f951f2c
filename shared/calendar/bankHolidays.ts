import type { IsoDate } from '../schemas/common';
import { addDays, dayOfWeek, daysInMonth, isoDateOf, parseIsoDate } from './calendarDays';

// England and Wales bank holidays, computed by rule so the app needs no yearly data feed.
// Announced one-off days up to 2023 are built in; a future one is added by each council as a
// setting (`extraHolidays` on the working-day functions) until this table is updated.

export const FIRST_SUPPORTED_YEAR = 1995;
export const LAST_SUPPORTED_YEAR = 2100;

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

const SATURDAY = 6;
const SUNDAY = 0;
const MONDAY = 1;

/** Years whose usual day moved rather than being added to: VE Day anniversaries and jubilees. */
const EARLY_MAY_MOVED: Readonly<Record<number, IsoDate>> = { 1995: '1995-05-08', 2020: '2020-05-08' };
const SPRING_MOVED: Readonly<Record<number, IsoDate>> = { 2002: '2002-06-04', 2012: '2012-06-04', 2022: '2022-06-02' };

const ONE_OFF: readonly BankHoliday[] = [
  { date: '1999-12-31', name: 'Millennium bank holiday' },
  { date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
  { date: '2011-04-29', name: 'Royal wedding bank holiday' },
  { date: '2012-06-05', name: 'Diamond Jubilee bank holiday' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', name: 'State funeral bank holiday' },
  { date: '2023-05-08', name: 'Coronation bank holiday' },
];

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateOf(year, month, day);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = isoDateOf(year, month, 1);
  return addDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = isoDateOf(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
}

function newYear(year: number): BankHoliday {
  const day = isoDateOf(year, 1, 1);
  const dow = dayOfWeek(day);
  if (dow === SATURDAY) return { date: addDays(day, 2), name: "New Year's Day (substitute day)" };
  if (dow === SUNDAY) return { date: addDays(day, 1), name: "New Year's Day (substitute day)" };
  return { date: day, name: "New Year's Day" };
}

function christmas(year: number): BankHoliday[] {
  const christmasDay = isoDateOf(year, 12, 25);
  switch (dayOfWeek(christmasDay)) {
    case SATURDAY: // both fall at the weekend: Monday and Tuesday instead
      return [
        { date: isoDateOf(year, 12, 27), name: 'Christmas Day (substitute day)' },
        { date: isoDateOf(year, 12, 28), name: 'Boxing Day (substitute day)' },
      ];
    case SUNDAY: // Boxing Day keeps its Monday; Christmas moves to the Tuesday
      return [
        { date: isoDateOf(year, 12, 26), name: 'Boxing Day' },
        { date: isoDateOf(year, 12, 27), name: 'Christmas Day (substitute day)' },
      ];
    case 5: // Friday: Boxing Day is a Saturday, so the Monday
      return [
        { date: christmasDay, name: 'Christmas Day' },
        { date: isoDateOf(year, 12, 28), name: 'Boxing Day (substitute day)' },
      ];
    default:
      return [
        { date: christmasDay, name: 'Christmas Day' },
        { date: isoDateOf(year, 12, 26), name: 'Boxing Day' },
      ];
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`bank holidays are known for ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}, not ${year}`);
  }
}

const byYear = new Map<number, { list: readonly BankHoliday[]; dates: ReadonlySet<IsoDate> }>();

function yearTable(year: number): { list: readonly BankHoliday[]; dates: ReadonlySet<IsoDate> } {
  const cached = byYear.get(year);
  if (cached) return cached;
  checkYear(year);
  const easter = easterSunday(year);
  const earlyMayMoved = EARLY_MAY_MOVED[year];
  const list: BankHoliday[] = [
    newYear(year),
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    earlyMayMoved
      ? { date: earlyMayMoved, name: 'Early May bank holiday (VE Day)' }
      : { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: SPRING_MOVED[year] ?? lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
    ...christmas(year),
    ...ONE_OFF.filter((h) => h.date.startsWith(`${year}-`)),
  ];
  list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const table = { list: list.map((h) => Object.freeze({ ...h })), dates: new Set(list.map((h) => h.date)) };
  byYear.set(year, table);
  return table;
}

/** England and Wales bank holidays in a year (1995–2100), in date order; substitute days in place of weekend dates. */
export function bankHolidaysIn(year: number): BankHoliday[] {
  return [...yearTable(year).list];
}

/** Whether a date is an England and Wales bank holiday. Throws RangeError outside 1995–2100. */
export function isBankHoliday(date: IsoDate): boolean {
  return yearTable(parseIsoDate(date).year).dates.has(date);
}
