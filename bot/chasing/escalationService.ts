import type { Store } from '../store/storeInterface';
import { allPages } from '../store/storeInterface';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AuditType } from '../../shared/schemas/audits';
import type { IsoDate } from '../../shared/schemas/common';
import type { NextTierProposal, OverdueAuditor, OverdueListResponse, EscalateResponse } from '../../shared/api/chasingContracts';
import type { AuditTypeSettings, RepeatMissSettings } from '../../shared/settings/auditTypeSettings';
import { repeatMissesOf } from '../../shared/settings/auditTypeSettings';
import { mayRunRounds } from '../../shared/access/roundAccess';
import { londonDate } from '../../shared/calendar/londonTime';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { escalationNoticeText, nextTierNoticeText, overdueByAuditor, type OverdueCandidate, type OverdueGroup } from '../../shared/chasing/escalationNotice';
import { repeatMissers, type PastAudit } from '../../shared/chasing/repeatMisses';
import { AppError, invalidFields } from '../http/appError';
import { REMINDER_MONTHS_BACK, recentMonths } from '../jobs/reminderJob';
import { sendLineManagerNotice, sendNextTierNotice } from './lineManagerNotice';

export { ESCALATION_NOTICE_KIND, ESCALATION_NOTICE_SUMMARY, NEXT_TIER_NOTICE_KIND, escalationNoticeId, nextTierNoticeId } from './lineManagerNotice';

export interface EscalationServiceDeps {
  store: Store;
  clock: () => Date;
  settings: Record<AuditType, Pick<AuditTypeSettings, 'chasing'>>;
}

interface OverdueEntry {
  group: OverdueGroup;
  item: OverdueAuditor;
}

/**
 * Escalation is the QA lead's decision (issue 4, item 8): lists overdue open audits of recent
 * published (or since closed) rounds by auditor, with a prepared notice, and sends it to the line
 * manager on request. An auditor whose misses repeat is proposed for the next tier — the line
 * manager's own manager — with a notice of its own. Reads the audits the way the reminder job does
 * (this month and the two before). Notices and notifications hold names, counts and a date only;
 * nothing about any child is stored.
 */
export class EscalationService {
  constructor(private readonly deps: EscalationServiceDeps) {}

  private static requireLead(user: StaffMember): void {
    if (!mayRunRounds(user)) throw new AppError('forbidden', 'Overdue audits are followed up by quality assurance leads and the principal social worker.');
  }

  private async openAudits(today: string): Promise<OverdueCandidate[]> {
    const { store } = this.deps;
    const out: OverdueCandidate[] = [];
    for (const month of recentMonths(today, REMINDER_MONTHS_BACK)) {
      for (const round of await allPages((p) => store.rounds.listByMonth(month, p))) {
        // A closed round's audits still open are still overdue.
        if (round.status === 'draft') continue;
        for (const a of round.allocations) {
          // The audit, not the allocation, says who holds it now (it may have been reassigned).
          const audit = await store.audits.get(roundAuditId(round.id, a.caseId));
          if (audit) out.push({ id: audit.id, auditorId: audit.auditorId, dueDate: audit.dueDate, status: audit.status });
        }
      }
    }
    return out;
  }

  private repeatRules(): Record<AuditType, RepeatMissSettings> {
    const s = this.deps.settings;
    return { childsJourneyMonthly: repeatMissesOf(s.childsJourneyMonthly), deepDive: repeatMissesOf(s.deepDive), managersMonthly: repeatMissesOf(s.managersMonthly) };
  }

  /** The auditor's repeat misses, from every audit they hold (one selective list). */
  private async repeatMisses(auditorId: string, today: IsoDate): Promise<{ missed: number; ofRounds: number } | null> {
    const audits = await allPages((p) => this.deps.store.audits.listByAuditor(auditorId, p));
    const past: PastAudit[] = audits.map((a) => ({
      auditorId: a.auditorId,
      auditType: a.auditType,
      // A round's audits share its type and due date; keyed so, audits made outside a round (the
      // demo's) fall into the cycle they belong to instead of counting as extra rounds.
      roundKey: `${a.auditType}:${a.dueDate}`,
      dueDate: a.dueDate,
      status: a.status,
      submittedOn: a.submittedAt === null ? null : londonDate(new Date(a.submittedAt)),
    }));
    const m = repeatMissers(past, this.repeatRules(), today).find((r) => r.auditorId === auditorId);
    return m ? { missed: m.missed, ofRounds: m.ofRounds } : null;
  }

  /** Who else might be told when the directory names no next tier: the head of service for the auditor's team. */
  private async contactInstead(auditor: StaffMember | null, skip: readonly string[]): Promise<string> {
    const fallback = 'Record the next manager up in the staff directory, or ask the senior management team who should be told.';
    if (!auditor?.teamId) return fallback;
    const team = await this.deps.store.teams.get(auditor.teamId);
    const service = team ? await this.deps.store.services.get(team.serviceId) : null;
    const head = service?.headOfServiceId ? await this.deps.store.staff.get(service.headOfServiceId) : null;
    if (!team || !service || !head?.active || skip.includes(head.id)) return fallback;
    return `The head of service for ${team.name}, ${head.displayName}, may be the person to contact.`;
  }

  private async nextTier(group: OverdueGroup, auditor: StaffMember | null, lineManager: StaffMember | null, today: IsoDate): Promise<NextTierProposal | null> {
    const misses = await this.repeatMisses(group.auditorId, today);
    if (!misses) return null;
    const auditorName = auditor?.displayName ?? 'Former member of staff';
    const skip = [group.auditorId, ...(lineManager ? [lineManager.id] : [])];
    if (!lineManager)
      return { ...misses, managerId: null, managerName: null, notice: null, noRecipient: `The staff directory names no line manager for ${auditorName}. ${await this.contactInstead(auditor, skip)}` };
    const manager = lineManager.lineManagerId ? await this.deps.store.staff.get(lineManager.lineManagerId) : null;
    if (!manager?.active)
      return {
        ...misses,
        managerId: null,
        managerName: null,
        notice: null,
        noRecipient: `The staff directory names no ${manager ? 'active ' : ''}manager for ${lineManager.displayName}, the line manager. ${await this.contactInstead(auditor, skip)}`,
      };
    return {
      ...misses,
      managerId: manager.id,
      managerName: manager.displayName,
      notice: nextTierNoticeText({ auditorName, lineManagerName: lineManager.displayName, overdueCount: group.overdueCount, dueDate: group.earliestDueDate, ...misses }),
      noRecipient: null,
    };
  }

  private async overdue(today: IsoDate): Promise<OverdueEntry[]> {
    const entries: OverdueEntry[] = [];
    for (const group of overdueByAuditor(await this.openAudits(today), today)) {
      const auditor = await this.deps.store.staff.get(group.auditorId);
      const manager = auditor?.lineManagerId ? await this.deps.store.staff.get(auditor.lineManagerId) : null;
      const auditorName = auditor?.displayName ?? 'Former member of staff';
      entries.push({
        group,
        item: {
          auditorId: group.auditorId,
          auditorName,
          lineManagerId: manager?.id ?? null,
          lineManagerName: manager?.displayName ?? null,
          overdueCount: group.overdueCount,
          earliestDueDate: group.earliestDueDate,
          daysOverdue: group.daysOverdue,
          notice: escalationNoticeText({ auditorName, overdueCount: group.overdueCount, dueDate: group.earliestDueDate }),
          nextTier: await this.nextTier(group, auditor, manager, today),
        },
      });
    }
    return entries;
  }

  private async entryFor(auditorId: string, today: IsoDate): Promise<OverdueEntry> {
    const entry = (await this.overdue(today)).find((e) => e.group.auditorId === auditorId);
    if (!entry) throw invalidFields([{ field: 'body.auditorId', message: 'has no overdue audits' }]);
    return entry;
  }

  async list(user: StaffMember): Promise<OverdueListResponse> {
    EscalationService.requireLead(user);
    const today = londonDate(this.deps.clock());
    return { today, items: (await this.overdue(today)).map((e) => e.item) };
  }

  /** Queues the notice to the auditor's line manager; the same auditor again the same day queues nothing. */
  async escalate(user: StaffMember, auditorId: string): Promise<EscalateResponse> {
    EscalationService.requireLead(user);
    const today = londonDate(this.deps.clock());
    const { group } = await this.entryFor(auditorId, today);
    const sent = await sendLineManagerNotice(this.deps.store, group, today);
    if ('noLineManager' in sent) throw new AppError('conflict', 'The staff directory names no line manager for this auditor, so there is nobody to send the notice to.');
    return { notificationId: sent.notificationId, enqueued: sent.enqueued };
  }

  /** Queues the notice to the line manager's own manager for an auditor proposed for the next tier; once a day per auditor. */
  async escalateNextTier(user: StaffMember, auditorId: string): Promise<EscalateResponse> {
    EscalationService.requireLead(user);
    const today = londonDate(this.deps.clock());
    const { group, item } = await this.entryFor(auditorId, today);
    const tier = item.nextTier;
    if (!tier) throw new AppError('conflict', 'This auditor has not missed due dates often enough to be proposed for the next tier.');
    if (!tier.managerId || !item.lineManagerName) throw new AppError('conflict', tier.noRecipient ?? 'There is nobody at the next tier to send the notice to.');
    return sendNextTierNotice(
      this.deps.store.outbox,
      {
        auditorId,
        recipientId: tier.managerId,
        auditorName: item.auditorName,
        lineManagerName: item.lineManagerName,
        overdueCount: group.overdueCount,
        dueDate: group.earliestDueDate,
        missed: tier.missed,
        ofRounds: tier.ofRounds,
      },
      today,
    );
  }
}
