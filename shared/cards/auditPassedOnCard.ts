import { z } from 'zod';
import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard } from './cardModel';
import { cardCaseRef, cardInitials } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

/**
 * Tells an auditor that an audit they asked to be relieved of now sits with someone else. Case
 * reference and initials only (strict input: nothing else can be slipped in), and no word of who
 * has it now or why: the auditor needs to know only that it is off their list.
 */
export const auditPassedOnCardInput = z.object({ caseRef: cardCaseRef, initials: cardInitials }).strict();
export type AuditPassedOnCardInput = z.input<typeof auditPassedOnCardInput>;

export function auditPassedOnCard(input: AuditPassedOnCardInput): AdaptiveCard {
  const c = auditPassedOnCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('Audit passed to another auditor'),
      textBlock('The QA lead has given this audit to someone else, as you asked. It is no longer on your list, and there is nothing more you need to do with it.', {
        spacing: 'Small',
      }),
      factSet([
        { title: 'Case reference', value: c.caseRef },
        { title: 'Initials', value: c.initials },
      ]),
    ]),
  );
}
