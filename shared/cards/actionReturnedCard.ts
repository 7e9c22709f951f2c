import { z } from 'zod';
import { isoDate, isoDateTime } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { ukDateTime } from '../calendar/ukDateTime';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardCaseRef, cardInitials, cardLink } from './cardInputs';
import { cardStaffName } from './cardWording';
import { cardActionLabel } from './newActionsCard';
import { assertWithinCardBudget } from './cardSize';

/** The notification preview: no child data. */
export const ACTION_RETURNED_SUMMARY = 'An action is back with you';

export const actionReturnedCardInput = z.object({
  caseRef: cardCaseRef,
  initials: cardInitials,
  label: cardActionLabel,
  dueDate: isoDate,
  returnedBy: cardStaffName,
  returnedAt: isoDateTime,
  /** My actions, where the reason is shown and the action can be marked done again. */
  myActionsUrl: cardLink,
});
export type ActionReturnedCardInput = z.input<typeof actionReturnedCardInput>;

/**
 * Tells the owner their manager returned an action. The reason is typed by the manager, so it is
 * shown in the tab only; the card says who, when and which action (by its section or number).
 */
export function actionReturnedCard(input: ActionReturnedCardInput): AdaptiveCard {
  const c = actionReturnedCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('An action is back with you'),
      textBlock(`${c.returnedBy} returned this action on ${ukDateTime(c.returnedAt)}. The reason is in My actions; mark it done again when it is ready.`, {
        spacing: 'Small',
      }),
      factSet([
        { title: 'Case reference', value: c.caseRef },
        { title: 'Initials', value: c.initials },
        { title: 'Action', value: c.label },
        { title: 'Due', value: ukDate(c.dueDate) },
      ]),
      actionSet([openUrlAction('Open in Practice Audit', c.myActionsUrl)]),
    ]),
  );
}
