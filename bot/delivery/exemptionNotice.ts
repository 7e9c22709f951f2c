import { createHash } from 'node:crypto';
import { exemptionCard } from '../../shared/cards/exemptionCard';
import type { NewNotification } from './outboxStore';
import { staffConversationKey } from './allocationNotice';

/** The notice telling a line manager that someone they manage asked to be excused from auditing. */

export const EXEMPTION_NOTICE_KIND = 'exemptionRequested';
/** Shown in chat lists and notifications: no reason, no child data. */
export const EXEMPTION_NOTICE_SUMMARY = 'A request to be excused from auditing';

/** One notice per request, ever. Ids are at most 64 characters; a hash keeps a long request id unique. */
export function exemptionNoticeId(exemptionId: string): string {
  const raw = `ntf-exm-${exemptionId}`;
  return raw.length <= 64 ? raw : `ntf-exm-${createHash('sha256').update(exemptionId).digest('hex').slice(0, 48)}`;
}

export function exemptionNotice(input: { exemptionId: string; recipientId: string; auditorName: string; months: string[]; openAppUrl: string }): NewNotification {
  const card = exemptionCard({ auditorName: input.auditorName, months: input.months, openAppUrl: input.openAppUrl });
  return {
    id: exemptionNoticeId(input.exemptionId),
    conversationKey: staffConversationKey(input.recipientId),
    recipientId: input.recipientId,
    kind: EXEMPTION_NOTICE_KIND,
    payload: { card: { ...card }, summary: EXEMPTION_NOTICE_SUMMARY },
    priority: 'routine',
  };
}
