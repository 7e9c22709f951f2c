import type { IsoDate } from '../schemas/common';

/**
 * The calendar months a report covers, as `YYYY-MM`. Reports read audits one month at a time
 * (each month's audits are one selective query), so a report is bounded in months: five years
 * keeps a report's reading to a few hundred queries.
 */

export const REPORT_MAX_MONTHS = 60;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0: `YYYY-MM` → a number that counts up by one a month. */
function monthIndex(month: string, what: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`${what} must be a calendar month as YYYY-MM, got ${JSON.stringify(month)}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function monthAt(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The dates that bound a month: its first day (included) and the first day of the next month
 * (excluded). Date strings compare in calendar order, so a store reads a month as a range.
 * RangeError for anything but `YYYY-MM` (and for 9999-12, whose next month has no four-digit year).
 */
export function monthDateRange(month: string): { first: IsoDate; nextFirst: IsoDate } {
  const index = monthIndex(month, 'month');
  const next = monthAt(index + 1);
  if (next.length !== 7) throw new RangeError(`month ${month} is past the last month dates can express`);
  return { first: `${month}-01`, nextFirst: `${next}-01` };
}

/**
 * Every month from `from` to `to`, both included, oldest first. RangeError when either is not
 * `YYYY-MM`, when `to` is before `from`, or when the span is longer than REPORT_MAX_MONTHS.
 */
export function reportMonths(from: string, to: string): string[] {
  const start = monthIndex(from, 'from');
  const end = monthIndex(to, 'to');
  if (end < start) throw new RangeError(`to (${to}) is before from (${from})`);
  const count = end - start + 1;
  if (count > REPORT_MAX_MONTHS) throw new RangeError(`a report covers at most ${REPORT_MAX_MONTHS} months; ${from} to ${to} is ${count}`);
  return Array.from({ length: count }, (_, i) => monthAt(start + i));
}
