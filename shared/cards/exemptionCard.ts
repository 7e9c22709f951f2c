import { z } from 'zod';
import { yearMonth } from '../schemas/rounds';
import { EXEMPTION_MAX_MONTHS, monthsLabel } from '../exemptions/exemptionRules';
import { actionSet, adaptiveCard, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

/**
 * Tells an auditor's line manager that the auditor has asked to be excused from auditing, and
 * where to give their view. The colleague's name and the months only: the strict input leaves no
 * room for the auditor's reason (it may be personal) or anything about a child.
 */
export const exemptionCardInput = z
  .object({
    auditorName: z.string().trim().min(1).max(120),
    months: z.array(yearMonth).min(1).max(EXEMPTION_MAX_MONTHS),
    openAppUrl: cardLink,
  })
  .strict();
export type ExemptionCardInput = z.input<typeof exemptionCardInput>;

export function exemptionCard(input: ExemptionCardInput): AdaptiveCard {
  const c = exemptionCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('Request to be excused from auditing'),
      textBlock(`${c.auditorName} has asked to be excused from auditing in ${monthsLabel(c.months)}. Please give your view in Practice Audit.`, { spacing: 'Small' }),
      actionSet([openUrlAction('Give your view', c.openAppUrl)]),
    ]),
  );
}
