import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { actionSet, adaptiveCard, container, heading, openUrlAction, textBlock, type AdaptiveCard, type CardElement } from './cardModel';
import { cardCaseRef, cardInitials, cardLink, caseLabel } from './cardInputs';
import { plural } from './cardWording';
import { assertWithinCardBudget } from './cardSize';
import { cardActionLabel } from './newActionsCard';

/** The notification preview: no child data. */
export const OVERDUE_ACTIONS_SUMMARY = 'A reminder about your actions';

/** A digest lists at most this many actions (actionSettings.digestMaxShown ≤ 20). */
export const DIGEST_MAX_LISTED = 20;

export const overdueActionsDigestCardInput = z
  .object({
    /** The actions the digest lists (shared/actions/actionNudges `shownIds`), oldest due first. */
    actions: z
      // Each action by case, its section (or number) and due date: never its wording (shared/actions/actionLabel).
      .array(z.object({ caseRef: cardCaseRef, initials: cardInitials, label: cardActionLabel, dueDate: isoDate }))
      .min(1)
      .max(DIGEST_MAX_LISTED),
    /** All the owner's overdue actions, listed or not. */
    totalCount: z.number().int().min(1).max(20_000),
    myActionsUrl: cardLink,
  })
  .refine((d) => d.totalCount >= d.actions.length, 'the total counts every listed action');
export type OverdueActionsDigestCardInput = z.input<typeof overdueActionsDigestCardInput>;

/**
 * The owner's daily digest of overdue actions: one card, however many actions; the first few
 * listed, the rest counted, with a link to My actions. Worded as help, not blame.
 */
export function overdueActionsDigestCard(input: OverdueActionsDigestCardInput): AdaptiveCard {
  const d = overdueActionsDigestCardInput.parse(input);
  const more = d.totalCount - d.actions.length;
  const body: CardElement[] = [
    heading('Your actions past their due date'),
    textBlock(`${d.totalCount === 1 ? '1 action has' : `${d.totalCount} actions have`} passed the due date.`, { spacing: 'Small' }),
  ];
  for (const a of d.actions)
    body.push(
      container(
        [
          textBlock(caseLabel(a.caseRef, a.initials), { weight: 'Bolder' }),
          textBlock(`${a.label}. Due ${ukDate(a.dueDate)}.`, { spacing: 'None', isSubtle: true }),
        ],
        { separator: true },
      ),
    );
  if (more > 0) body.push(textBlock(`And ${plural(more, 'more', 'more')}: see them all in My actions.`, { separator: true }));
  body.push(
    textBlock('If something is getting in the way, talk to your manager: they can help, or agree a new date.', { isSubtle: true }),
    actionSet([openUrlAction('Open in Practice Audit', d.myActionsUrl)]),
  );
  return assertWithinCardBudget(adaptiveCard(body));
}
