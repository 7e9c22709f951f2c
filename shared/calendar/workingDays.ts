import type { IsoDate } from '../schemas/common';
import { isBankHoliday } from './bankHolidays';
import { addDays, dayOfWeek, daysInMonth, isoDateOf, parseIsoDate } from './calendarDays';

// Working days: Monday to Friday, not an England and Wales bank holiday, and not one of the
// council's own extra closure days (a setting, so a newly announced one-off needs no release).
// All arithmetic is on `YYYY-MM-DD` strings through UTC, never the server's local time.

/** Extra non-working days a council's settings add to the bank holidays. */
export type ExtraHolidays = readonly IsoDate[];

type Closed = (date: IsoDate) => boolean;

function closedDays(extra: ExtraHolidays | undefined): Closed {
  const extraSet = new Set(extra ?? []);
  return (date) => {
    const dow = dayOfWeek(date);
    return dow === 0 || dow === 6 || extraSet.has(date) || isBankHoliday(date);
  };
}

export function isWorkingDay(date: IsoDate, extra?: ExtraHolidays): boolean {
  return !closedDays(extra)(date);
}

function step(date: IsoDate, direction: 1 | -1, closed: Closed): IsoDate {
  let d = addDays(date, direction);
  while (closed(d)) d = addDays(d, direction);
  return d;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, extra?: ExtraHolidays): IsoDate {
  return step(date, 1, closedDays(extra));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate, extra?: ExtraHolidays): IsoDate {
  return step(date, -1, closedDays(extra));
}

/**
 * Moves `n` working days from `date` (`n` a whole number, negative to go back).
 * `n = 0` returns `date` itself when it is a working day, otherwise the next working day —
 * "no working days from a Saturday" means Monday. For `n ≠ 0` the start day itself is never
 * counted: +1 from Friday or from Saturday is Monday; −1 from Monday or from Sunday is Friday.
 */
export function addWorkingDays(date: IsoDate, n: number, extra?: ExtraHolidays): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, not ${n}`);
  const closed = closedDays(extra);
  parseIsoDate(date);
  if (n === 0) return closed(date) ? step(date, 1, closed) : date;
  const direction = n > 0 ? 1 : -1;
  let d = date;
  for (let left = Math.abs(n); left > 0; left--) d = step(d, direction, closed);
  return d;
}

/**
 * Working days after `from` up to and including `to` (so Friday → Monday is 1).
 * When `to` is before `from` the count is negative: −(working days after `to` up to and including `from`),
 * so that `workingDaysBetween(d, addWorkingDays(d, n)) === n` for any working day `d`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, extra?: ExtraHolidays): number {
  const closed = closedDays(extra);
  parseIsoDate(from);
  parseIsoDate(to);
  if (to < from) return -workingDaysBetween(to, from, extra);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!closed(d)) count++;
  return count;
}

/** The last working day of a month, given as `YYYY-MM` or any date in that month. */
export function lastWorkingDayOfMonth(yearMonth: string, extra?: ExtraHolidays): IsoDate {
  const { year, month } = parseIsoDate(/^\d{4}-\d{2}$/.test(yearMonth) ? `${yearMonth}-01` : yearMonth);
  const last = isoDateOf(year, month, daysInMonth(year, month));
  const closed = closedDays(extra);
  return closed(last) ? step(last, -1, closed) : last;
}
