import type { IsoDate } from '../schemas/common';
import { autoEscalateOf } from '../settings/auditTypeSettings';
import { isWorkingDay, workingDaysBetween, type ExtraHolidays } from '../calendar/workingDays';
import { isChased, type ChasedAudit } from './reminders';

/**
 * Automatic escalation (a setting, off by default): which auditors' line managers the daily job
 * tells today without waiting for the QA lead. An auditor qualifies when an open audit of an audit
 * type with `chasing.autoEscalate.enabled` is at least `afterWorkingDaysOverdue` working days past
 * its due date. Only on working days. Pure: the job reads and sends, and the notice id (auditor and
 * day) makes a second run, or the lead's own send the same day, a no-op.
 */
export function autoEscalationsDue(audits: readonly ChasedAudit[], today: IsoDate, extra?: ExtraHolidays): string[] {
  if (!isWorkingDay(today, extra)) return [];
  const auditorIds = new Set<string>();
  for (const a of audits) {
    if (!isChased(a.status) || a.dueDate >= today) continue;
    const rule = autoEscalateOf({ chasing: a.chasing });
    if (rule.enabled && workingDaysBetween(a.dueDate, today, extra) >= rule.afterWorkingDaysOverdue) auditorIds.add(a.auditorId);
  }
  return [...auditorIds].sort();
}
