import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard } from './cardModel';
import { cardCaseRef, cardInitials } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

/** What the bot answers to "Can't do this": case reference and initials only, never the reason. */
export type ReassignmentCardInput =
  | { kind: 'sent'; caseRef: string; initials: string; alreadySent: boolean }
  | { kind: 'notYourAudit' }
  | { kind: 'tooLate'; caseRef: string; initials: string };

const caseFacts = (caseRef: string, initials: string) =>
  factSet([
    { title: 'Case reference', value: cardCaseRef.parse(caseRef) },
    { title: 'Initials', value: cardInitials.parse(initials) },
  ]);

/** Replaces the allocation card once the auditor has said they cannot do the audit (or been told why not). */
export function reassignmentCard(input: ReassignmentCardInput): AdaptiveCard {
  switch (input.kind) {
    case 'sent':
      return assertWithinCardBudget(
        adaptiveCard([
          heading('Request sent to the QA lead'),
          textBlock(
            input.alreadySent
              ? 'You had already asked for this audit to be reassigned. The QA lead has your request.'
              : 'Your request to reassign this audit has gone to the QA lead. They will let you know what happens next.',
            { spacing: 'Small' },
          ),
          caseFacts(input.caseRef, input.initials),
        ]),
      );
    case 'notYourAudit':
      return assertWithinCardBudget(
        adaptiveCard([
          heading('Request not sent'),
          textBlock('This audit is not allocated to you, so you cannot ask for it to be reassigned. Speak to your QA lead if you think this is wrong.', { spacing: 'Small' }),
        ]),
      );
    case 'tooLate':
      return assertWithinCardBudget(
        adaptiveCard([
          heading('Request not sent'),
          textBlock('This audit has already been submitted or closed, so it can no longer be reassigned. Speak to your QA lead if you need to.', { spacing: 'Small' }),
          caseFacts(input.caseRef, input.initials),
        ]),
      );
  }
}
