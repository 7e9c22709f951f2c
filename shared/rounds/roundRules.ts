import type { IsoDate } from '../schemas/common';
import type { AuditType } from '../schemas/audits';
import type { Allocation } from '../allocation/allocation';
import type { RoundCalendar } from '../settings/auditTypeSettings';
import { isWorkingDay, lastWorkingDayOfMonth } from '../calendar/workingDays';
import { ukDate } from '../calendar/londonTime';

/**
 * The rules of a monthly audit round that need no storage: when a round of an audit type may run,
 * its default due date, and whether a chosen due date can stand. Pure.
 */

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The calendar of each audit type with its label, as the settings give them. */
export type RoundCalendars = Record<AuditType, { label: string; calendar: RoundCalendar }>;

function monthNumber(month: string): number {
  const m = /^\d{4}-(\d{2})$/.exec(month);
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 1 && n <= 12)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  return n;
}

/**
 * Null when the audit type's calendar lets a round run in `month` (`YYYY-MM`); otherwise why not,
 * in plain words. A refused month may still run when the QA lead gives a reason for overriding.
 */
export function checkRoundCalendar(settings: RoundCalendars, auditType: AuditType, month: string): string | null {
  const n = monthNumber(month);
  const own = settings[auditType];
  const name = monthNames[n - 1] ?? month;
  if (!own.calendar.months.includes(n)) return `${own.label} rounds do not run in ${name} under this council's settings.`;
  for (const other of own.calendar.notInMonthsOf) {
    if (other !== auditType && settings[other].calendar.months.includes(n))
      return `${own.label} rounds do not run in ${name}: it is a ${settings[other].label.toLowerCase()} month.`;
  }
  return null;
}

/** The due date a round gets unless the QA lead chooses another: the month's last working day. */
export function defaultDueDate(month: string, extraHolidays?: readonly IsoDate[]): IsoDate {
  monthNumber(month);
  return lastWorkingDayOfMonth(month, extraHolidays);
}

/** Null when `dueDate` can stand for a round created on `today`; otherwise why not. */
export function checkDueDate(dueDate: IsoDate, today: IsoDate, extraHolidays?: readonly IsoDate[]): string | null {
  if (dueDate < today) return `The due date ${ukDate(dueDate)} has already passed.`;
  if (!isWorkingDay(dueDate, extraHolidays)) return `The due date ${ukDate(dueDate)} is not a working day (a weekend or bank holiday).`;
  return null;
}

/** A round needs the QA lead's confirmation before publishing while any allocation links auditor and case. */
export function needsConfirmation(allocations: readonly Pick<Allocation, 'conflicts'>[]): boolean {
  return allocations.some((a) => a.conflicts.length > 0);
}

/**
 * The id of the audit a published round creates for one case: derived from round and case, so
 * publishing again after a crash finds the audit already there instead of making a second one.
 */
export function roundAuditId(roundId: string, caseId: string): string {
  const raw = `aud-${roundId}-${caseId}`;
  if (raw.length <= 64) return raw;
  // Ids are at most 64 characters: keep a readable head and a hash of the whole pair.
  return `aud-${fnv1a(`${roundId}\u0000${caseId}`)}-${raw.slice(4, 4 + 43)}`.slice(0, 64);
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
