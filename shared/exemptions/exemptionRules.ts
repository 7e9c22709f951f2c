import type { AuditType } from '../schemas/audits';
import type { IsoDate } from '../schemas/common';

/**
 * The rules of an auditor's request to be excused from auditing, with no storage: which months a
 * request may cover, how its status moves on, what a decision must say, and whether an agreed
 * exemption covers a month and audit type. Pure, and free of zod so the tab can load it cheaply.
 *
 * Life of a request: requested → lineManagerConsulted → agreed | refused. The QA lead may decide
 * straight from requested (the line manager not consulted) only with a note saying why; the
 * auditor may withdraw while it is undecided.
 */

export const EXEMPTION_MAX_MONTHS = 6;
export const EXEMPTION_REASON_MAX = 1000;
export const EXEMPTION_NOTE_MAX = 1000;

export type ExemptionStatus = 'requested' | 'lineManagerConsulted' | 'agreed' | 'refused' | 'withdrawn';
export type ExemptionOutcome = 'agreed' | 'refused';

export type ExemptionEvent = { kind: 'lineManagerView' } | { kind: 'decide'; outcome: ExemptionOutcome } | { kind: 'withdraw' };

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseMonth(month: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || !(n >= 1 && n <= 12)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  return { year, month: n };
}

const monthIndex = (month: string): number => {
  const p = parseMonth(month);
  return p.year * 12 + (p.month - 1);
};

const monthAt = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The month (`YYYY-MM`) a date falls in. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsFromTo(from: string, to: string): string[] {
  const start = monthIndex(from);
  const end = monthIndex(to);
  return end < start ? [] : Array.from({ length: end - start + 1 }, (_, i) => monthAt(start + i));
}

/** True when the months are distinct, in order and without a gap: how a request stores them. */
export function isConsecutiveRun(months: readonly string[]): boolean {
  return months.every((m, i) => i === 0 || monthIndex(m) === monthIndex(months[i - 1] ?? m) + 1);
}

/**
 * Problems with the months an auditor asks to be excused for, by field: the range must run
 * forwards, cover at most six months, and not start before this month (London time).
 */
export function monthRangeProblems(fromMonth: string, toMonth: string, today: IsoDate): { field: 'fromMonth' | 'toMonth'; message: string }[] {
  const problems: { field: 'fromMonth' | 'toMonth'; message: string }[] = [];
  if (monthIndex(fromMonth) < monthIndex(monthOf(today))) problems.push({ field: 'fromMonth', message: 'is in the past: choose this month or a later one' });
  const count = monthIndex(toMonth) - monthIndex(fromMonth) + 1;
  if (count < 1) problems.push({ field: 'toMonth', message: 'is before the first month' });
  else if (count > EXEMPTION_MAX_MONTHS) problems.push({ field: 'toMonth', message: `makes the request longer than ${EXEMPTION_MAX_MONTHS} months` });
  return problems;
}

/** `YYYY-MM` as "November 2026". */
export function monthLabel(month: string): string {
  const p = parseMonth(month);
  return `${monthNames[p.month - 1] ?? month} ${p.year}`;
}

/** A run of months in words: "November 2026", or "November 2026 to January 2027". */
export function monthsLabel(months: readonly string[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? monthLabel(first) : `${monthLabel(first)} to ${monthLabel(last)}`;
}

/** Still waiting for the QA lead's decision: the auditor may withdraw it, the lead may decide it. */
export function isUndecided(status: ExemptionStatus): boolean {
  return status === 'requested' || status === 'lineManagerConsulted';
}

/**
 * The status after an event, or null when the event cannot happen now. The line manager gives
 * their view once, before the decision; a decision and a withdrawal are final.
 */
export function nextExemptionStatus(status: ExemptionStatus, event: ExemptionEvent): ExemptionStatus | null {
  switch (event.kind) {
    case 'lineManagerView':
      return status === 'requested' ? 'lineManagerConsulted' : null;
    case 'decide':
      return isUndecided(status) ? event.outcome : null;
    case 'withdraw':
      return isUndecided(status) ? 'withdrawn' : null;
  }
}

/**
 * Why a decision's note is not enough, or null. A refusal says why, and so does a decision taken
 * without the line manager's view (the note records why they were not consulted); agreeing after
 * the line manager was consulted needs no note.
 */
export function decisionNoteProblem(outcome: ExemptionOutcome, lineManagerConsulted: boolean, note: string): string | null {
  if (note.trim() !== '') return null;
  if (!lineManagerConsulted) return "is needed: say why you are deciding without the line manager's view";
  if (outcome === 'refused') return 'is needed: say why the request is refused';
  return null;
}

export interface ExemptionScope {
  status: ExemptionStatus;
  months: readonly string[];
  auditTypes: readonly AuditType[];
}

/** Whether the request excuses its auditor from audits of `auditType` in `month`: agreed ones only. */
export function exemptionCovers(request: ExemptionScope, month: string, auditType: AuditType): boolean {
  return request.status === 'agreed' && request.months.includes(month) && request.auditTypes.includes(auditType);
}

/** The first of an auditor's requests that excuses them from `auditType` in `month`, or null. */
export function agreedExemptionCovering<T extends ExemptionScope>(requests: readonly T[], month: string, auditType: AuditType): T | null {
  return requests.find((r) => exemptionCovers(r, month, auditType)) ?? null;
}

/** Whether two requests ask about at least one month in common. */
export function monthsOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((m) => b.includes(m));
}
