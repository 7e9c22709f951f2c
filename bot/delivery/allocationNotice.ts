import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Audit } from '../../shared/schemas/audits';
import { allocationCard } from '../../shared/cards/allocationCard';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import type { WithETag } from '../store/storeInterface';
import type { NewNotification } from './outboxStore';

/**
 * The notification an auditor gets when an audit is allocated to them: the allocation card (case
 * reference and initials only) and a preview line with no child data, addressed to the staff
 * member; which chat reaches them is looked up when it is sent (they may install the app later).
 */

export const ALLOCATION_NOTICE_KIND = 'allocation';
/** Shown in the chat list and notifications, where anyone near the screen may see it: no child data. */
export const ALLOCATION_NOTICE_SUMMARY = 'You have a new audit allocated';

/** What a card notification's payload holds; `teamsSend` reads it back with this schema. */
export const cardPayload = z.object({
  card: z.record(z.string(), z.unknown()),
  summary: z.string().min(1).max(200),
  /** Urgent notices ask Teams to alert the recipient. */
  alert: z.boolean().optional(),
});

/** The per-conversation rate-limit key for a staff member (their one personal chat with the bot). */
export function staffConversationKey(staffId: string): string {
  return `staff:${staffId}`;
}

const STAFF_KEY = /^staff:(.+)$/;
/** The staff id in a key from `staffConversationKey`, or null. */
export function staffIdOfConversationKey(key: string): string | null {
  return STAFF_KEY.exec(key)?.[1] ?? null;
}

/** One notice per audit, ever: the id is derived from the audit's id (itself derived from round and case). */
export function allocationNoticeId(auditId: string): string {
  const raw = `ntf-alloc-${auditId}`;
  // Ids are at most 64 characters; a hash of the audit id keeps it unique when it would not fit.
  return raw.length <= 64 ? raw : `ntf-alloc-${createHash('sha256').update(auditId).digest('hex').slice(0, 48)}`;
}

/**
 * The card for an auditor an audit was passed to when resolving request `requestId`: an id apart
 * from the first allocation's (already sent), derived from the request so a retry enqueues nothing new.
 */
export function reassignedAllocationNoticeId(requestId: string): string {
  const raw = `ntf-realloc-${requestId}`;
  return raw.length <= 64 ? raw : `ntf-realloc-${createHash('sha256').update(requestId).digest('hex').slice(0, 48)}`;
}

/** `id` defaults to the audit's one allocation notice; a reassignment passes its own. */
export function allocationNotice(audit: WithETag<Audit>, openAuditUrl: string, labels: AuditTypeLabels, id: string = allocationNoticeId(audit.id)): NewNotification {
  const card: AdaptiveCard = allocationCard(
    {
      auditId: audit.id,
      version: audit.etag,
      auditType: audit.auditType,
      caseRef: audit.caseSnapshot.caseRef,
      initials: audit.caseSnapshot.initials,
      lookBack: { from: audit.lookBack.from, to: audit.lookBack.to },
      dueDate: audit.dueDate,
      openAuditUrl,
    },
    labels,
  );
  return {
    id,
    conversationKey: staffConversationKey(audit.auditorId),
    recipientId: audit.auditorId,
    kind: ALLOCATION_NOTICE_KIND,
    payload: { card: { ...card }, summary: ALLOCATION_NOTICE_SUMMARY },
    priority: 'routine',
  };
}
