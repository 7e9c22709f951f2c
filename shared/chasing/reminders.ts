import type { IsoDate } from '../schemas/common';
import type { AuditStatus } from '../schemas/audits';
import type { ChasingSettings } from '../settings/auditTypeSettings';
import { isWorkingDay, workingDaysBetween, type ExtraHolidays } from '../calendar/workingDays';

/**
 * Chasing non-completion: which auditors get a reminder today, and about which audits. Pure: the
 * job reads the audits and enqueues; this decides.
 *
 * - Only on working days, and at most one reminder per auditor per day: a digest of every audit
 *   that is due soon or overdue today, never one message per audit.
 * - "Due soon" on the day exactly `reminderWorkingDaysBefore` working days before the due date.
 *   Decided by the date alone, with no memory of earlier runs: a run missed that day is not made
 *   up on a later day (the scheduler catches up later the same day). The price is an occasional
 *   missed reminder; the gain is that nothing is ever sent twice.
 * - "Overdue" on the first working day after the due date, then every
 *   `overdueReminderEveryWorkingDays` working days while the audit stays open.
 * - `key` names the auditor and the day, so the outbox (idempotent by id) takes a re-run as a no-op.
 */

/** Audits still waiting for the auditor: once submitted (or later, or withdrawn), no more chasing. */
const chasedStatuses = new Set<AuditStatus>(['allocated', 'inProgress', 'returnedForDevelopment']);

export function isChased(status: AuditStatus): boolean {
  return chasedStatuses.has(status);
}

export interface ChasedAudit {
  id: string;
  auditorId: string;
  dueDate: IsoDate;
  status: AuditStatus;
  /** The audit type's chasing settings. */
  chasing: ChasingSettings;
}

export type ReminderKind = 'dueSoon' | 'overdue';

export interface Reminder {
  /** 'overdue' when any audit in the digest is overdue, otherwise 'dueSoon'. */
  kind: ReminderKind;
  auditorId: string;
  /** Every audit the reminder is about, sorted. */
  auditIds: string[];
  /** The audits among them that are due soon, and the latest of their due dates (null when none). */
  dueSoonIds: string[];
  dueBy: IsoDate | null;
  /** The audits among them that are overdue. */
  overdueIds: string[];
  /** One per auditor per day: `rem-<auditorId>-<today>`. */
  key: string;
}

/** Which reminder, if any, an audit calls for today (today assumed a working day). */
export function reminderKindFor(audit: ChasedAudit, today: IsoDate, extra?: ExtraHolidays): ReminderKind | null {
  if (!isChased(audit.status)) return null;
  const { reminderWorkingDaysBefore: before, overdueReminderEveryWorkingDays: every } = audit.chasing;
  if (today <= audit.dueDate) return workingDaysBetween(today, audit.dueDate, extra) === before ? 'dueSoon' : null;
  const after = workingDaysBetween(audit.dueDate, today, extra);
  return after >= 1 && (after - 1) % every === 0 ? 'overdue' : null;
}

export function reminderKey(auditorId: string, today: IsoDate): string {
  return `rem-${auditorId}-${today}`;
}

/** The reminders due today, one per auditor, sorted by auditor id. */
export function remindersDue(audits: readonly ChasedAudit[], today: IsoDate, extra?: ExtraHolidays): Reminder[] {
  if (!isWorkingDay(today, extra)) return [];
  const byAuditor = new Map<string, { dueSoon: ChasedAudit[]; overdue: ChasedAudit[] }>();
  const seen = new Set<string>();
  for (const a of audits) {
    if (seen.has(a.id)) continue; // the same audit read twice counts once
    seen.add(a.id);
    const kind = reminderKindFor(a, today, extra);
    if (!kind) continue;
    const entry = byAuditor.get(a.auditorId) ?? { dueSoon: [], overdue: [] };
    entry[kind].push(a);
    byAuditor.set(a.auditorId, entry);
  }
  const ids = (list: ChasedAudit[]) => list.map((a) => a.id).sort();
  return [...byAuditor.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([auditorId, { dueSoon, overdue }]) => ({
      kind: overdue.length > 0 ? 'overdue' : 'dueSoon',
      auditorId,
      auditIds: ids([...dueSoon, ...overdue]),
      dueSoonIds: ids(dueSoon),
      dueBy: dueSoon.reduce<IsoDate | null>((latest, a) => (latest === null || a.dueDate > latest ? a.dueDate : latest), null),
      overdueIds: ids(overdue),
      key: reminderKey(auditorId, today),
    }));
}
