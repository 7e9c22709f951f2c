import type { Audit } from '../../shared/schemas/audits';
import type { MeetingProposal } from '../../shared/schemas/meetingProposals';
import { meetingAnsweredCard } from '../../shared/cards/meetingAnsweredCard';
import { meetingProposedCard } from '../../shared/cards/meetingProposedCard';
import type { NewNotification } from './outboxStore';
import { staffConversationKey } from './allocationNotice';

/**
 * The Teams notices about meeting proposals: to the auditor when a time is proposed, and to the
 * proposer when the auditor answers. Ids derive from the proposal's id, so each is queued once.
 */

export const MEETING_PROPOSED_NOTICE_KIND = 'meetingProposed';
export const MEETING_ANSWERED_NOTICE_KIND = 'meetingAnswered';
/** Preview lines seen in chat lists and notifications: no child data. */
export const MEETING_PROPOSED_SUMMARY = 'A meeting time was proposed for one of your audits';
export const MEETING_ANSWERED_SUMMARY = 'The auditor answered your proposed meeting time';

// Proposal ids are short (see meetingProposalId), so these stay within the 64-character id limit.
export const meetingProposedNoticeId = (proposalId: string): string => `ntf-mtgp-${proposalId}`;
export const meetingAnsweredNoticeId = (proposalId: string): string => `ntf-mtga-${proposalId}`;

type CaseOf = Pick<Audit, 'id' | 'auditorId' | 'caseSnapshot'>;

export function meetingProposedNotice(audit: CaseOf, proposal: MeetingProposal, proposerName: string, openAuditUrl: string): NewNotification {
  const card = meetingProposedCard({
    caseRef: audit.caseSnapshot.caseRef,
    initials: audit.caseSnapshot.initials,
    meetingDate: proposal.meetingDate,
    meetingTime: proposal.meetingTime,
    proposerName,
    proposerRole: proposal.proposerRole,
    openAuditUrl,
  });
  return {
    id: meetingProposedNoticeId(proposal.id),
    conversationKey: staffConversationKey(audit.auditorId),
    recipientId: audit.auditorId,
    kind: MEETING_PROPOSED_NOTICE_KIND,
    payload: { card: { ...card }, summary: MEETING_PROPOSED_SUMMARY },
    priority: 'routine',
  };
}

export function meetingAnsweredNotice(
  audit: CaseOf & { etag: string },
  proposal: MeetingProposal,
  auditorName: string,
  openAuditUrl: string,
): NewNotification {
  if (proposal.status === 'proposed') throw new Error(`Meeting proposal "${proposal.id}" has not been answered`);
  const card = meetingAnsweredCard({
    caseRef: audit.caseSnapshot.caseRef,
    initials: audit.caseSnapshot.initials,
    meetingDate: proposal.meetingDate,
    meetingTime: proposal.meetingTime,
    decision: proposal.status,
    auditId: audit.id,
    version: audit.etag,
    auditorName,
    hasNote: proposal.response?.note !== undefined,
    openAuditUrl,
  });
  return {
    id: meetingAnsweredNoticeId(proposal.id),
    conversationKey: staffConversationKey(proposal.proposedById),
    recipientId: proposal.proposedById,
    kind: MEETING_ANSWERED_NOTICE_KIND,
    payload: { card: { ...card }, summary: MEETING_ANSWERED_SUMMARY },
    priority: 'routine',
  };
}
