import { z } from 'zod';
import { meetingProposerRole, type MeetingProposerRole } from '../schemas/meetingProposals';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';
import { meetingCardFacts, meetingFacts } from './meetingFacts';

export const meetingProposedCardInput = meetingCardFacts.extend({
  /** Staff, not the child: the auditor needs to know whom they are meeting. */
  proposerName: z.string().trim().min(1).max(120),
  proposerRole: meetingProposerRole,
  openAuditUrl: cardLink,
});
export type MeetingProposedCardInput = z.input<typeof meetingProposedCardInput>;

const roleWords: Record<MeetingProposerRole, string> = {
  worker: "the case's worker",
  teamManager: "the manager of the case's team",
  deputy: "the deputy manager of the case's team",
};

/** Tells the auditor that the case's worker or team manager proposed a time to meet. Case reference and initials only. */
export function meetingProposedCard(input: MeetingProposedCardInput): AdaptiveCard {
  const c = meetingProposedCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('Meeting time proposed'),
      textBlock(`${c.proposerName} (${roleWords[c.proposerRole]}) has proposed a time to meet about this audit.`, { spacing: 'Small' }),
      factSet(meetingFacts(c)),
      textBlock('Accept or decline it in the audit, under Participants. They will hear your answer in Teams.', { isSubtle: true }),
      actionSet([openUrlAction('Open audit', c.openAuditUrl)]),
    ]),
  );
}
