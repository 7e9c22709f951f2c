import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { actionSet, adaptiveCard, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

/** The notification preview: no child data. */
export const APPROVALS_WAITING_SUMMARY = 'Actions are waiting for your approval';

export const approvalsWaitingCardInput = z.object({
  count: z.number().int().min(1).max(20_000),
  /** The London date the longest-waiting action was marked done. */
  oldestDoneDate: isoDate,
  /** Team actions, filtered to those awaiting approval. */
  teamActionsUrl: cardLink,
});
export type ApprovalsWaitingCardInput = z.input<typeof approvalsWaitingCardInput>;

/**
 * The approver's nudge about actions marked done and still waiting (shared/actions/actionNudges
 * approvalNudges): a count and a date, never one card per action; the list is in the tab.
 */
export function approvalsWaitingCard(input: ApprovalsWaitingCardInput): AdaptiveCard {
  const c = approvalsWaitingCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('Actions waiting for your approval'),
      textBlock(
        `${c.count === 1 ? '1 action marked done is' : `${c.count} actions marked done are`} waiting for you to approve or return; the longest waiting was marked done on ${ukDate(c.oldestDoneDate)}.`,
        { spacing: 'Small' },
      ),
      textBlock('Their owners cannot close them until you decide.', { isSubtle: true }),
      actionSet([openUrlAction('Open in Practice Audit', c.teamActionsUrl)]),
    ]),
  );
}
