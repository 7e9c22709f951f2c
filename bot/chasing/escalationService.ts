import { createHash } from 'node:crypto';
import type { Store } from '../store/storeInterface';
import { allPages, DuplicateError } from '../store/storeInterface';
import type { StaffMember } from '../../shared/schemas/staff';
import type { OverdueAuditor, OverdueListResponse, EscalateResponse } from '../../shared/api/chasingContracts';
import { mayRunRounds } from '../../shared/access/roundAccess';
import { londonDate } from '../../shared/calendar/londonTime';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { escalationKey, escalationNoticeText, overdueByAuditor, type OverdueCandidate } from '../../shared/chasing/escalationNotice';
import { escalationCard } from '../../shared/cards/escalationCard';
import { AppError, invalidFields } from '../http/appError';
import { REMINDER_MONTHS_BACK, recentMonths } from '../jobs/reminderJob';
import { staffConversationKey } from '../delivery/allocationNotice';
import type { NewNotification } from '../delivery/outboxStore';

export const ESCALATION_NOTICE_KIND = 'escalation';
/** Shown in chat lists and notifications: no child data. */
export const ESCALATION_NOTICE_SUMMARY = 'Audits past their due date';

/** One per auditor per day; ids are at most 64 characters. */
export function escalationNoticeId(auditorId: string, today: string): string {
  const key = escalationKey(auditorId, today);
  const raw = `ntf-${key}`;
  return raw.length <= 64 ? raw : `ntf-esc-${createHash('sha256').update(key).digest('hex').slice(0, 48)}`;
}

/**
 * Escalation is the QA lead's decision (issue 4, item 8): lists overdue open audits of recent
 * published rounds by auditor, with a prepared notice, and sends it to the line manager on request.
 * Reads the audits the way the reminder job does (this month and the two before). The notice and
 * the notification hold counts and a date only; nothing about any child is stored.
 */
export class EscalationService {
  constructor(private readonly deps: { store: Store; clock: () => Date }) {}

  private static requireLead(user: StaffMember): void {
    if (!mayRunRounds(user)) throw new AppError('forbidden', 'Overdue audits are followed up by quality assurance leads and the principal social worker.');
  }


  private async openAudits(today: string): Promise<OverdueCandidate[]> {
    const { store } = this.deps;
    const out: OverdueCandidate[] = [];
    for (const month of recentMonths(today, REMINDER_MONTHS_BACK)) {
      for (const round of await allPages((p) => store.rounds.listByMonth(month, p))) {
        if (round.status !== 'published') continue;
        for (const a of round.allocations) {
          // The audit, not the allocation, says who holds it now (it may have been reassigned).
          const audit = await store.audits.get(roundAuditId(round.id, a.caseId));
          if (audit) out.push({ id: audit.id, auditorId: audit.auditorId, dueDate: audit.dueDate, status: audit.status });
        }
      }
    }
    return out;
  }

  private async overdue(today: string): Promise<OverdueAuditor[]> {
    const items: OverdueAuditor[] = [];
    for (const g of overdueByAuditor(await this.openAudits(today), today)) {
      const auditor = await this.deps.store.staff.get(g.auditorId);
      const manager = auditor?.lineManagerId ? await this.deps.store.staff.get(auditor.lineManagerId) : null;
      const auditorName = auditor?.displayName ?? 'Former member of staff';
      items.push({
        auditorId: g.auditorId,
        auditorName,
        lineManagerId: manager?.id ?? null,
        lineManagerName: manager?.displayName ?? null,
        overdueCount: g.overdueCount,
        earliestDueDate: g.earliestDueDate,
        daysOverdue: g.daysOverdue,
        notice: escalationNoticeText({ auditorName, overdueCount: g.overdueCount, dueDate: g.earliestDueDate }),
      });
    }
    return items;
  }

  async list(user: StaffMember): Promise<OverdueListResponse> {
    EscalationService.requireLead(user);
    const today = londonDate(this.deps.clock());
    return { today, items: await this.overdue(today) };
  }

  /** Queues the notice to the auditor's line manager; the same auditor again the same day queues nothing. */
  async escalate(user: StaffMember, auditorId: string): Promise<EscalateResponse> {
    EscalationService.requireLead(user);
    const today = londonDate(this.deps.clock());
    const item = (await this.overdue(today)).find((i) => i.auditorId === auditorId);
    if (!item) throw invalidFields([{ field: 'body.auditorId', message: 'has no overdue audits' }]);
    if (!item.lineManagerId) throw new AppError('conflict', 'The staff directory names no line manager for this auditor, so there is nobody to send the notice to.');
    const notificationId = escalationNoticeId(auditorId, today);
    const { outbox } = this.deps.store;
    if (await outbox.get(notificationId)) return { notificationId, enqueued: false };
    const card = escalationCard({ auditorName: item.auditorName, overdueCount: item.overdueCount, dueDate: item.earliestDueDate });
    const notice: NewNotification = {
      id: notificationId,
      conversationKey: staffConversationKey(item.lineManagerId),
      recipientId: item.lineManagerId,
      kind: ESCALATION_NOTICE_KIND,
      payload: { card: { ...card }, summary: ESCALATION_NOTICE_SUMMARY },
      priority: 'routine',
    };
    try {
      await outbox.enqueue(notice);
    } catch (err) {
      // A click running alongside queued it first.
      if (!(err instanceof DuplicateError)) throw err;
      return { notificationId, enqueued: false };
    }
    return { notificationId, enqueued: true };
  }
}
