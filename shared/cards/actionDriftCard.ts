import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardElement } from './cardModel';
import { cardLink } from './cardInputs';
import { cardStaffName, plural } from './cardWording';
import { assertWithinCardBudget } from './cardSize';

export const DRIFT_ROWS_SHOWN = 15;

/** The notification previews: no child data. */
export const ACTION_DRIFT_SUMMARY = { manager: 'Actions drifting in your team', headOfService: 'Drift escalated: overdue actions' } as const;

export const actionDriftCardInput = z.object({
  /** 'manager': to the accountable manager; 'headOfService': drift escalated. */
  stage: z.enum(['manager', 'headOfService']),
  count: z.number().int().min(1).max(20_000),
  /** The working days past due that make an action drift at this stage (actionSettings). */
  workingDays: z.number().int().min(1).max(120),
  oldestDueDate: isoDate,
  /** Per owner (to the manager) or per team (to the Head of Service), largest first: staff and team names, counts. */
  rows: z.array(z.object({ label: cardStaffName, count: z.number().int().min(1) })).min(1),
  /** Team actions (manager) or the service-wide tracker (Head of Service). */
  trackerUrl: cardLink,
});
export type ActionDriftCardInput = z.input<typeof actionDriftCardInput>;

/**
 * Drift: actions long past their due date, by count — to the accountable manager first and, later,
 * the Head of Service ("drift escalated"). Counts, names of staff or teams, and a date; the
 * actions themselves are in the tracker.
 */
export function actionDriftCard(input: ActionDriftCardInput): AdaptiveCard {
  const d = actionDriftCardInput.parse(input);
  const shown = d.rows.slice(0, DRIFT_ROWS_SHOWN);
  const rest = d.rows.slice(DRIFT_ROWS_SHOWN).reduce((n, r) => n + r.count, 0);
  const manager = d.stage === 'manager';
  const body: CardElement[] = [
    heading(manager ? 'Actions drifting in your team' : 'Drift escalated: overdue actions'),
    textBlock(
      `${d.count === 1 ? '1 action is' : `${d.count} actions are`} more than ${plural(d.workingDays, 'working day', 'working days')} past the due date; the oldest was due ${ukDate(d.oldestDueDate)}.`,
      { spacing: 'Small' },
    ),
    textBlock(
      manager
        ? 'You are accountable for these actions. Supervision may be the place to agree what will help, or a new date.'
        : 'These actions have drifted although the accountable managers were told. They are escalated to you as Head of Service.',
      { isSubtle: true },
    ),
    factSet(shown.map((r) => ({ title: r.label, value: plural(r.count, 'action', 'actions') }))),
  ];
  if (rest > 0) body.push(textBlock(`And ${plural(rest, 'more action', 'more actions')} elsewhere.`));
  body.push(actionSet([openUrlAction(manager ? 'Open Team actions' : 'Open the action tracker', d.trackerUrl)]));
  return assertWithinCardBudget(adaptiveCard(body));
}
