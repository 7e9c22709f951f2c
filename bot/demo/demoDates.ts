import type { IsoDate, IsoDateTime } from '../../shared/schemas/common';

/** Calendar arithmetic on ISO dates for the demo council, in UTC so results never depend on the machine's zone. */

const DAY_MS = 86_400_000;

function toUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(dt: Date): IsoDate {
  return dt.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Adds calendar months, keeping the day where it exists and otherwise the month's last day (31/01 + 1 → 28/02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay))));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The first day of the month `offset` months from the month containing `date`. */
export function monthStart(date: IsoDate, offset = 0): IsoDate {
  return addMonths(`${date.slice(0, 7)}-01`, offset);
}

export function lastWeekdayOfMonth(monthFirst: IsoDate): IsoDate {
  let day = addDays(monthStart(monthFirst, 1), -1);
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
}

export function isWeekend(date: IsoDate): boolean {
  const dow = toUtc(date).getUTCDay();
  return dow === 0 || dow === 6;
}

/** The weekday on or after a date. */
export function weekdayOnOrAfter(date: IsoDate): IsoDate {
  let day = date;
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
}

export function at(date: IsoDate, hour: number, minute = 0): IsoDateTime {
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
}

/** 0-based month of an ISO date (7 = August, 11 = December). */
export function monthIndex(date: IsoDate): number {
  return Number(date.slice(5, 7)) - 1;
}
