import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import { URGENT_CONCERN_SUMMARY } from '../../shared/cards/urgentConcernCard';
import { WORKER_CONCERN_NOTICE_SUMMARY } from '../../shared/cards/workerConcernNoticeCard';
import { CASE_OF_CONCERN_SUMMARY } from '../../shared/cards/caseOfConcernCard';
import { ukDateTime } from '../../shared/calendar/ukDateTime';
import { noticeKey } from '../../shared/ids/noticeKey';
import type { AuditType } from '../../shared/schemas/audits';
import { staffConversationKey } from './allocationNotice';
import { emailConversationKey, type EmailPayload } from './emailSend';
import type { NewNotification } from './outboxStore';

/**
 * The written notices of urgent concerns and cases of concern: an urgent card (it jumps the queue
 * and asks Teams to alert the person) and the same notice by e-mail, because the guidance asks for
 * it in writing and a chat card can be missed. Cards and e-mails carry the case reference,
 * initials, dates, audit type, the judgement in words, staff names and a link: never text anyone
 * typed about the child. Ids derive from the concern (or entry) and the person, so each goes once.
 */

export const URGENT_CONCERN_NOTICE_KIND = 'urgentConcern';
export const WORKER_CONCERN_NOTICE_KIND = 'urgentConcernWorker';
export const CASE_OF_CONCERN_NOTICE_KIND = 'caseOfConcern';
export const CONCERN_EMAIL_KIND = 'concernEmail';

/** The card-subject kinds whose sent cards are kept current (bot/app cardRenderers). */
export const CONCERN_CARD_SUBJECT = 'concern';
export const CASE_OF_CONCERN_CARD_SUBJECT = 'caseOfConcern';

/** The e-mail copy of a notice whose card has id `cardNoticeId`. */
export const concernEmailKey = (cardNoticeId: string): string => noticeKey('mail', cardNoticeId);

export function urgentCardNotice(id: string, recipientId: string, card: AdaptiveCard, kind: string, summary: string): NewNotification {
  return {
    id,
    conversationKey: staffConversationKey(recipientId),
    recipientId,
    kind,
    payload: { card: { ...card }, summary, alert: true },
    priority: 'urgent',
  };
}

export function concernEmailNotice(cardNoticeId: string, recipientId: string, email: EmailPayload): NewNotification {
  return {
    id: concernEmailKey(cardNoticeId),
    conversationKey: emailConversationKey(recipientId),
    recipientId,
    kind: CONCERN_EMAIL_KIND,
    payload: { ...email },
    priority: 'urgent',
  };
}

export const summaries = {
  manager: URGENT_CONCERN_SUMMARY,
  worker: WORKER_CONCERN_NOTICE_SUMMARY,
  caseOfConcern: CASE_OF_CONCERN_SUMMARY,
} as const;

export interface UrgentEmailFacts {
  caseRef: string;
  initials: string;
  auditType: AuditType;
  judgement: string;
  auditor: string;
  raisedAt: string;
  acknowledgeBy: string;
  openAuditUrl: string;
  escalatedFrom?: string[];
}

const lines = (...parts: (string | null | false | undefined)[]): string => parts.filter((p): p is string => typeof p === 'string').join('\n');

/** The manager's (or Head of Service's) e-mail: the same facts as the card, and what to do. */
export function urgentConcernEmail(f: UrgentEmailFacts, labels: AuditTypeLabels): EmailPayload {
  const escalated = f.escalatedFrom !== undefined;
  return {
    channel: 'email',
    subject: `${escalated ? 'Urgent, not yet acknowledged' : 'Urgent'}: concern about practice on case ${f.caseRef} (${f.initials})`,
    text: lines(
      escalated
        ? `An urgent concern about practice on a case in your service has not been acknowledged in time. It went to ${f.escalatedFrom?.join(' and ') || 'the team manager'}.`
        : 'An auditor has raised an urgent concern about practice on a case in your team.',
      '',
      `Case reference: ${f.caseRef}`,
      `Initials: ${f.initials}`,
      `Audit type: ${labels[f.auditType]}`,
      `Judgement: ${f.judgement}`,
      `Auditor: ${f.auditor}`,
      `Raised: ${ukDateTime(f.raisedAt)}`,
      escalated ? null : `Please acknowledge by: ${ukDateTime(f.acknowledgeBy)}`,
      '',
      'Please speak with the auditor and the worker now, then record the immediate action being taken: acknowledge the concern on its Teams card or in Practice Audit.',
      '',
      `Open the audit: ${f.openAuditUrl}`,
    ),
  };
}

/** The worker's e-mail: about practice on the case and the support around it, not about them. */
export function workerConcernEmail(f: { caseRef: string; initials: string; auditType: AuditType; manager: string | null; openAuditUrl: string }, labels: AuditTypeLabels): EmailPayload {
  return {
    channel: 'email',
    subject: `About practice on a case you work on: ${f.caseRef} (${f.initials})`,
    text: lines(
      `An audit has found that practice on this case needs attention now. ${f.manager ? `Your team manager, ${f.manager}, has` : 'Your team manager has'} been told and will talk it through with you.`,
      '',
      'This is about what the child needs next and the support around the case, not a judgement of you. If you would like to talk sooner, your manager or the QA team are there to help.',
      '',
      `Case reference: ${f.caseRef}`,
      `Initials: ${f.initials}`,
      `Audit type: ${labels[f.auditType]}`,
      '',
      `Open the audit: ${f.openAuditUrl}`,
    ),
  };
}

/** The e-mail about a new entry on the cases of concern register, or one escalated to the recipient. */
export function caseOfConcernEmail(f: { caseRef: string; initials: string; raisedBy: string; raisedAt: string; escalatedBy?: string; registerUrl: string }): EmailPayload {
  return {
    channel: 'email',
    subject: `${f.escalatedBy ? 'Case of concern escalated to you' : 'Case of concern raised'}: ${f.caseRef} (${f.initials})`,
    text: lines(
      f.escalatedBy
        ? `${f.escalatedBy} has escalated a case on the cases of concern register to you.`
        : 'A case has been added to the cases of concern register and needs a response from the team.',
      '',
      `Case reference: ${f.caseRef}`,
      `Initials: ${f.initials}`,
      `Raised by: ${f.raisedBy}`,
      `Raised: ${ukDateTime(f.raisedAt)}`,
      '',
      'The reason, the response and follow-ups are on the register.',
      `Open the register: ${f.registerUrl}`,
    ),
  };
}
