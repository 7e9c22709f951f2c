import type { IsoDate } from '../schemas/common';
import type { AuditStatus } from '../schemas/audits';
import { toDayNumber } from '../calendar/calendarDays';
import { ukDate } from '../calendar/londonTime';
import { isChased } from './reminders';

/**
 * Escalation of overdue audits is the QA lead's decision: this groups the overdue open audits by
 * auditor and prepares a notice to the auditor's line manager for the lead to send. Pure.
 *
 * The notice carries counts and a date only — never a case reference, initials or anything else
 * about a child — and is worded as an offer of support, not a complaint about the auditor.
 */

export interface OverdueCandidate {
  id: string;
  auditorId: string;
  dueDate: IsoDate;
  status: AuditStatus;
}

export interface OverdueGroup {
  auditorId: string;
  /** Overdue audit ids, sorted (for the server; never put in a notice). */
  auditIds: string[];
  overdueCount: number;
  /** The earliest due date among them, and the calendar days since it. */
  earliestDueDate: IsoDate;
  daysOverdue: number;
}

/** Open audits past their due date today, one group per auditor, most overdue first (then auditor id). */
export function overdueByAuditor(audits: readonly OverdueCandidate[], today: IsoDate): OverdueGroup[] {
  const byAuditor = new Map<string, OverdueCandidate[]>();
  const seen = new Set<string>();
  for (const a of audits) {
    if (seen.has(a.id) || !isChased(a.status) || a.dueDate >= today) continue;
    seen.add(a.id);
    byAuditor.set(a.auditorId, [...(byAuditor.get(a.auditorId) ?? []), a]);
  }
  return [...byAuditor.entries()]
    .map(([auditorId, list]) => {
      const earliestDueDate = list.reduce((min, a) => (a.dueDate < min ? a.dueDate : min), list[0]?.dueDate ?? today);
      return {
        auditorId,
        auditIds: list.map((a) => a.id).sort(),
        overdueCount: list.length,
        earliestDueDate,
        daysOverdue: toDayNumber(today) - toDayNumber(earliestDueDate),
      };
    })
    .sort((x, y) => y.daysOverdue - x.daysOverdue || x.auditorId.localeCompare(y.auditorId));
}

export interface EscalationNoticeInput {
  auditorName: string;
  overdueCount: number;
  /** The earliest due date passed. */
  dueDate: IsoDate;
}

/** The prepared notice to the line manager, in supportive words; counts and a date only. */
export function escalationNoticeText(input: EscalationNoticeInput): string {
  const n = input.overdueCount;
  const audits = n === 1 ? '1 audit' : `${n} audits`;
  return (
    `${input.auditorName} has ${audits} past ${n === 1 ? 'its' : 'their'} due date of ${ukDate(input.dueDate)}. ` +
    'Could you check in with them about their capacity? The QA lead can reassign.'
  );
}

/** One notice per auditor per day: sending again the same day is the same notice. */
export function escalationKey(auditorId: string, today: IsoDate): string {
  return `esc-${auditorId}-${today}`;
}

export interface NextTierNoticeInput extends EscalationNoticeInput {
  lineManagerName: string;
  /** Rounds missed among the last rounds looked at (see repeatMisses). */
  missed: number;
  ofRounds: number;
}

/**
 * The prepared notice to the line manager's own manager when misses repeat: supportive, counts
 * and a date only, and it names the line manager so the two can talk.
 */
export function nextTierNoticeText(input: NextTierNoticeInput): string {
  const n = input.overdueCount;
  const audits = n === 1 ? '1 audit' : `${n} audits`;
  return (
    `${input.auditorName} has missed the due date in ${input.missed} of their last ${input.ofRounds} audit rounds, and has ${audits} past ` +
    `${n === 1 ? 'its' : 'their'} due date of ${ukDate(input.dueDate)}. Could you talk with ${input.lineManagerName}, their line manager, about ` +
    `what would help, such as time set aside for audits or a pause in allocations? The QA lead can reassign.`
  );
}

/** One next-tier notice per auditor per day, apart from the line manager's. */
export function nextTierKey(auditorId: string, today: IsoDate): string {
  return `esc2-${auditorId}-${today}`;
}
