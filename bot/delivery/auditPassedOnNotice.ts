import { createHash } from 'node:crypto';
import type { Audit } from '../../shared/schemas/audits';
import { auditPassedOnCard } from '../../shared/cards/auditPassedOnCard';
import type { NewNotification } from './outboxStore';
import { staffConversationKey } from './allocationNotice';

/** The notice telling an auditor that the audit they asked to be relieved of went to someone else. */

export const AUDIT_PASSED_ON_NOTICE_KIND = 'auditPassedOn';
/** Preview line in chat lists and notifications: no child data. */
export const AUDIT_PASSED_ON_NOTICE_SUMMARY = 'An audit you asked about has gone to another auditor';

/** One per request resolved by reassigning, so a retried reassignment enqueues nothing twice. */
export function auditPassedOnNoticeId(requestId: string): string {
  const raw = `ntf-passed-${requestId}`;
  return raw.length <= 64 ? raw : `ntf-passed-${createHash('sha256').update(requestId).digest('hex').slice(0, 48)}`;
}

export function auditPassedOnNotice(audit: Pick<Audit, 'caseSnapshot'>, previousAuditorId: string, requestId: string): NewNotification {
  const card = auditPassedOnCard({ caseRef: audit.caseSnapshot.caseRef, initials: audit.caseSnapshot.initials });
  return {
    id: auditPassedOnNoticeId(requestId),
    conversationKey: staffConversationKey(previousAuditorId),
    recipientId: previousAuditorId,
    kind: AUDIT_PASSED_ON_NOTICE_KIND,
    payload: { card: { ...card }, summary: AUDIT_PASSED_ON_NOTICE_SUMMARY },
    priority: 'routine',
  };
}
