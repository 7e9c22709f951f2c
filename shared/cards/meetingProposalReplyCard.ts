import { z } from 'zod';
import { etag, id } from '../schemas/common';
import { meetingProposalStatus, type MeetingProposalStatus } from '../schemas/meetingProposals';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardElement } from './cardModel';
import { cardCaseRef, cardInitials, cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';
import { meetingCardFacts, meetingFacts } from './meetingFacts';
import { meetingProposalForm } from './meetingProposalForm';

/** What became of a proposed meeting time, as the bot answers the person who proposed it. */
export const meetingProposalReply = z.discriminatedUnion('kind', [
  meetingCardFacts.extend({ kind: z.literal('sent'), alreadySent: z.boolean(), status: meetingProposalStatus }),
  z.object({ kind: z.literal('notAllowed') }),
  z.object({ kind: z.literal('closed'), caseRef: cardCaseRef, initials: cardInitials }),
  /** The rule's message names dates and times only. */
  z.object({ kind: z.literal('invalidTime'), caseRef: cardCaseRef, initials: cardInitials, message: z.string().min(1).max(300), auditId: id, version: etag }),
]);
export type MeetingProposalReply = z.input<typeof meetingProposalReply>;

const alreadyWords: Record<MeetingProposalStatus, string> = {
  proposed: 'You had already proposed this time. The auditor has been told and will answer in Teams.',
  accepted: 'You had already proposed this time, and the auditor has accepted it.',
  declined: 'You had already proposed this time, and the auditor could not make it. Propose another time from the audit card.',
};

/** Replaces the "case selected" card once someone has proposed a meeting time (or been told why not). */
export function meetingProposalReplyCard(input: MeetingProposalReply, openAuditUrl: string): AdaptiveCard {
  const r = meetingProposalReply.parse(input);
  const open = () => actionSet([openUrlAction('Open audit', cardLink.parse(openAuditUrl))]);
  const caseFacts = (caseRef: string, initials: string) =>
    factSet([
      { title: 'Case reference', value: caseRef },
      { title: 'Initials', value: initials },
    ]);
  let body: CardElement[];
  switch (r.kind) {
    case 'sent':
      body = [
        heading(r.alreadySent ? 'Meeting already proposed' : 'Meeting proposal sent'),
        textBlock(r.alreadySent ? alreadyWords[r.status] : 'The auditor has been told and will answer in Teams.', { spacing: 'Small' }),
        factSet(meetingFacts(r)),
        open(),
      ];
      break;
    case 'notAllowed':
      body = [
        heading('Meeting not proposed'),
        textBlock(
          "Only the case's worker and the manager of the case's team (or their deputy) can propose a meeting for this audit. Speak to your QA lead if you think this is wrong.",
          { spacing: 'Small' },
        ),
      ];
      break;
    case 'closed':
      body = [
        heading('Meeting not proposed'),
        textBlock('This audit is no longer open, so a meeting is not needed. Speak to the auditor if you still want to meet.', { spacing: 'Small' }),
        caseFacts(r.caseRef, r.initials),
      ];
      break;
    case 'invalidTime':
      body = [
        heading('Choose another time'),
        textBlock(r.message, { spacing: 'Small', color: 'Attention' }),
        caseFacts(r.caseRef, r.initials),
        ...meetingProposalForm(r.auditId, r.version, 'Propose another time'),
      ];
      break;
  }
  return assertWithinCardBudget(adaptiveCard(body));
}
