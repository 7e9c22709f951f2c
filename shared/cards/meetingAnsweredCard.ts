import { z } from 'zod';
import { etag, id } from '../schemas/common';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';
import { meetingCardFacts, meetingFacts } from './meetingFacts';
import { meetingProposalForm } from './meetingProposalForm';

export const meetingAnsweredCardInput = meetingCardFacts.extend({
  decision: z.enum(['accepted', 'declined']),
  auditId: id,
  /** The audit's version, carried by the "propose another time" form like any card's. */
  version: etag,
  auditorName: z.string().trim().min(1).max(120),
  /** Whether the auditor wrote a note: the note itself stays in the tab (it is free text). */
  hasNote: z.boolean(),
  openAuditUrl: cardLink,
});
export type MeetingAnsweredCardInput = z.input<typeof meetingAnsweredCardInput>;

/** Tells whoever proposed a meeting time that the auditor accepted or declined it; a decline offers another go. */
export function meetingAnsweredCard(input: MeetingAnsweredCardInput): AdaptiveCard {
  const c = meetingAnsweredCardInput.parse(input);
  const accepted = c.decision === 'accepted';
  return assertWithinCardBudget(
    adaptiveCard([
      heading(accepted ? 'Meeting time accepted' : 'Meeting time declined'),
      textBlock(accepted ? `${c.auditorName} has accepted the time you proposed.` : `${c.auditorName} cannot meet at the time you proposed.`, { spacing: 'Small' }),
      factSet(meetingFacts(c)),
      ...(c.hasNote ? [textBlock('The auditor added a note: open the audit to read it.', { isSubtle: true })] : []),
      actionSet([openUrlAction('Open audit', c.openAuditUrl)]),
      ...(accepted ? [] : meetingProposalForm(c.auditId, c.version, 'Propose another time')),
    ]),
  );
}
