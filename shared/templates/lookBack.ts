import { isoDate, type IsoDate } from '../schemas/common';
import type { LookBackPeriod } from '../schemas/audits';
import type { LookBackRule } from '../settings/auditTypeSettings';
import { ukDate } from '../calendar/londonTime';

/**
 * The period of the record an audit examines, worked out once at allocation and kept on the audit.
 * Pure calendar arithmetic on `YYYY-MM-DD` strings: no Date in local time, so no timezone drift.
 */
export function computeLookBack(rule: LookBackRule, allocatedOn: IsoDate, mostRecentReferral: IsoDate | null): LookBackPeriod {
  requireIsoDate(allocatedOn, 'allocatedOn');
  if (mostRecentReferral !== null) requireIsoDate(mostRecentReferral, 'mostRecentReferral');

  const monthsFrom = minusCalendarMonths(allocatedOn, rule.months);
  const monthsText = `${rule.months} ${rule.months === 1 ? 'month' : 'months'} before allocation`;

  if (rule.kind === 'months') return { from: monthsFrom, to: allocatedOn, rule: monthsText };

  if (mostRecentReferral === null) {
    return { from: monthsFrom, to: allocatedOn, rule: `${monthsText} (no referral date recorded)` };
  }
  // A referral dated after allocation cannot bound a look-back that ends at allocation: a data-entry slip or a later import.
  if (mostRecentReferral > allocatedOn) {
    return {
      from: monthsFrom,
      to: allocatedOn,
      rule: `${monthsText} (a referral dated ${ukDate(mostRecentReferral)}, after allocation, was ignored)`,
    };
  }
  if (mostRecentReferral > monthsFrom) {
    return {
      from: mostRecentReferral,
      to: allocatedOn,
      rule: `Since the most recent referral on ${ukDate(mostRecentReferral)} (shorter than ${rule.months} ${rule.months === 1 ? 'month' : 'months'})`,
    };
  }
  return {
    from: monthsFrom,
    to: allocatedOn,
    rule: `${monthsText} (the most recent referral, on ${ukDate(mostRecentReferral)}, is not more recent)`,
  };
}

/** `date` minus whole calendar months, clamped to the end of a shorter month (31/08 − 6 months → 28/02 or 29/02). */
function minusCalendarMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (monthLengths[month - 1] ?? 31);
}

function requireIsoDate(value: string, name: string): void {
  if (!isoDate.safeParse(value).success) throw new RangeError(`${name} must be a real date as YYYY-MM-DD, got "${value}"`);
}
