import { createHash } from 'node:crypto';
import type { Audit } from '../../shared/schemas/audits';
import { caseSelectedCard, type CaseSelectedAudience } from '../../shared/cards/caseSelectedCard';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import type { CaseContacts } from '../../shared/access/caseContacts';
import type { Store, WithETag } from '../store/storeInterface';
import type { NewNotification } from './outboxStore';
import { staffConversationKey } from './allocationNotice';

/**
 * For collaborative audits: the notice telling the case's worker, and the manager of the case's
 * team, that the case was selected and with whom, so they can propose a time to meet the auditor.
 */

export const CASE_SELECTED_NOTICE_KIND = 'caseSelected';
/** Preview lines seen in chat lists and notifications: no child data. */
export const CASE_SELECTED_NOTICE_SUMMARY: Record<CaseSelectedAudience, string> = {
  worker: 'A case you work on was selected for audit',
  manager: 'A case in your team was selected for audit',
};

/** The case's worker (for an audit: at allocation) and its team's manager and deputy, as the directory holds them now. */
export async function caseContactsOf(store: Pick<Store, 'teams' | 'staff'>, subject: Pick<Audit, 'caseSnapshot'> | { teamId: string; workerId: string | null }): Promise<CaseContacts> {
  // An audit's contacts are those of the case as it was at allocation; a case's, as it is now.
  const { teamId, workerId } = 'caseSnapshot' in subject ? subject.caseSnapshot : subject;
  const team = await store.teams.get(teamId);
  const manager = team?.managerId ? await store.staff.get(team.managerId) : null;
  // The deputy is read only when it matters: the manager is away.
  const deputy = manager?.away && manager.deputyId ? await store.staff.get(manager.deputyId) : null;
  return {
    workerId,
    managerId: team?.managerId ?? null,
    deputyId: manager?.deputyId ?? null,
    managerAway: manager?.away ?? false,
    deputyUnavailable: manager?.away && manager.deputyId ? !deputy || !deputy.active || deputy.away : false,
  };
}

/** One notice per audit and recipient role, ever, so a repeated publish enqueues nothing twice. */
export function caseSelectedNoticeId(auditId: string, audience: CaseSelectedAudience): string {
  const prefix = `ntf-sel-${audience}-`;
  const raw = `${prefix}${auditId}`;
  // Ids are at most 64 characters; a hash of the audit id keeps it unique when it would not fit.
  return raw.length <= 64 ? raw : `${prefix}${createHash('sha256').update(auditId).digest('hex').slice(0, 40)}`;
}

export function caseSelectedNotice(
  audit: WithETag<Audit>,
  audience: CaseSelectedAudience,
  recipientId: string,
  auditorName: string,
  openAuditUrl: string,
  labels: AuditTypeLabels,
): NewNotification {
  const card = caseSelectedCard(
    {
      auditId: audit.id,
      version: audit.etag,
      audience,
      auditType: audit.auditType,
      caseRef: audit.caseSnapshot.caseRef,
      initials: audit.caseSnapshot.initials,
      auditor: auditorName,
      dueDate: audit.dueDate,
      openAuditUrl,
    },
    labels,
  );
  return {
    id: caseSelectedNoticeId(audit.id, audience),
    conversationKey: staffConversationKey(recipientId),
    recipientId,
    kind: CASE_SELECTED_NOTICE_KIND,
    payload: { card: { ...card }, summary: CASE_SELECTED_NOTICE_SUMMARY[audience] },
    priority: 'routine',
  };
}
