import { createHash } from 'node:crypto';
import type { AuditType } from '../../shared/schemas/audits';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { chasingOf } from '../../shared/settings/auditTypeSettings';
import type { ExtraHolidays } from '../../shared/calendar/workingDays';
import { londonDate } from '../../shared/calendar/londonTime';
import { remindersDue, type ChasedAudit, type Reminder } from '../../shared/chasing/reminders';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { reminderCard } from '../../shared/cards/reminderCard';
import type { Store } from '../store/storeInterface';
import { allPages } from '../store/storeInterface';
import type { NewNotification } from '../delivery/outboxStore';
import { staffConversationKey } from '../delivery/allocationNotice';
import { autoEscalationsDue } from '../../shared/chasing/autoEscalation';
import { overdueByAuditor } from '../../shared/chasing/escalationNotice';
import { sendLineManagerNotice } from '../chasing/lineManagerNotice';

/**
 * The daily chase (issue 4, item 8): reads the open audits of recent published (or closed) rounds, works out
 * the reminders due today (shared/chasing/reminders) and puts one notice per reminder in the
 * outbox. The notice id comes from the reminder's key (auditor and day), and the outbox is
 * idempotent by id, so running twice on one day sends nothing twice.
 *
 * Reads are selective: rounds by month (this month and the two before), then each allocation's
 * audit by id. An audit from an older round is no longer chased automatically.
 *
 * Where a council turns on `chasing.autoEscalate`, the same run also tells line managers about
 * audits overdue by the set number of working days (shared/chasing/autoEscalation).
 */

export const REMINDER_NOTICE_KIND = 'reminder';
/** Shown in chat lists and notifications: no child data. */
export const REMINDER_NOTICE_SUMMARY = 'A reminder about your audits';
/** This month and this many before it. */
export const REMINDER_MONTHS_BACK = 2;

export interface ReminderJobDeps {
  store: Pick<Store, 'rounds' | 'audits' | 'outbox' | 'staff'>;
  settings: Record<AuditType, Pick<AuditTypeSettings, 'chasing'>>;
  /** The tab's "My audits" page, where the reminder links. */
  myAuditsUrl: string;
  extraHolidays?: ExtraHolidays;
}

export interface ReminderRunResult {
  today: string;
  /** Open audits looked at. */
  auditsChecked: number;
  /** Reminders due today. */
  reminders: number;
  /** Of those, newly put in the outbox (the rest were there from an earlier run today). */
  enqueued: number;
  /** Auditors whose line manager is told automatically today (`chasing.autoEscalate`; none while it is off). */
  escalations: number;
  /** Of those, line-manager notices newly put in the outbox (the rest were sent earlier today, by hand or by a run). */
  escalationsEnqueued: number;
}

/** The notice id for a reminder key; ids are at most 64 characters. */
export function reminderNoticeId(key: string): string {
  const raw = `ntf-${key}`;
  return raw.length <= 64 ? raw : `ntf-rem-${createHash('sha256').update(key).digest('hex').slice(0, 48)}`;
}

export function reminderNotice(reminder: Reminder, myAuditsUrl: string): NewNotification {
  const card = reminderCard({
    dueSoonCount: reminder.dueSoonIds.length,
    dueBy: reminder.dueBy,
    overdueCount: reminder.overdueIds.length,
    myAuditsUrl,
  });
  return {
    id: reminderNoticeId(reminder.key),
    conversationKey: staffConversationKey(reminder.auditorId),
    recipientId: reminder.auditorId,
    kind: REMINDER_NOTICE_KIND,
    payload: { card: { ...card }, summary: REMINDER_NOTICE_SUMMARY },
    priority: 'routine',
  };
}

/** `YYYY-MM` of `date` and the `back` months before it, newest first. */
export function recentMonths(date: string, back: number): string[] {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i <= back; i++) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return out;
}


export async function runReminders(deps: ReminderJobDeps, now: Date): Promise<ReminderRunResult> {
  const today = londonDate(now);
  const audits: ChasedAudit[] = [];
  const seen = new Set<string>();
  for (const month of recentMonths(today, REMINDER_MONTHS_BACK)) {
    const rounds = await allPages((page) => deps.store.rounds.listByMonth(month, page));
    for (const round of rounds) {
      // A closed round's audits still open are still chased.
      if (round.status === 'draft') continue;
      for (const allocation of round.allocations) {
        const id = roundAuditId(round.id, allocation.caseId);
        if (seen.has(id)) continue;
        seen.add(id);
        // The audit, not the allocation, says who holds it now (it may have been reassigned).
        const audit = await deps.store.audits.get(id);
        if (!audit) continue;
        audits.push({
          id: audit.id,
          auditorId: audit.auditorId,
          dueDate: audit.dueDate,
          status: audit.status,
          chasing: chasingOf(deps.settings[audit.auditType]),
        });
      }
    }
  }
  const reminders = remindersDue(audits, today, deps.extraHolidays);
  let enqueued = 0;
  for (const r of reminders) {
    const notice = reminderNotice(r, deps.myAuditsUrl);
    if (await deps.store.outbox.get(notice.id)) continue;
    await deps.store.outbox.enqueue(notice);
    enqueued++;
  }
  const escalations = await escalateAutomatically(deps, audits, today);
  return { today, auditsChecked: audits.length, reminders: reminders.length, enqueued, ...escalations };
}

/**
 * The line-manager notices a council has asked the job to send itself: through the same path
 * and notice id as the QA lead's send (bot/chasing/lineManagerNotice), so each manager hears once
 * a day about an auditor however the notice was sent.
 */
async function escalateAutomatically(deps: ReminderJobDeps, audits: readonly ChasedAudit[], today: string): Promise<Pick<ReminderRunResult, 'escalations' | 'escalationsEnqueued'>> {
  const due = new Set(autoEscalationsDue(audits, today, deps.extraHolidays));
  let escalationsEnqueued = 0;
  if (due.size === 0) return { escalations: 0, escalationsEnqueued };
  // The notice counts every overdue audit of the auditor, as the lead's list does.
  for (const group of overdueByAuditor(audits, today)) {
    if (!due.has(group.auditorId)) continue;
    const sent = await sendLineManagerNotice(deps.store, group, today);
    if (!('noLineManager' in sent) && sent.enqueued) escalationsEnqueued++;
  }
  return { escalations: due.size, escalationsEnqueued };
}
