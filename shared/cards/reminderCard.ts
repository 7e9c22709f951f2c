import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { dayOfWeek } from '../calendar/calendarDays';
import { actionSet, adaptiveCard, heading, openUrlAction, textBlock, type AdaptiveCard, type CardElement } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

/**
 * The reminder an auditor gets when audits are due soon or overdue (shared/chasing/reminders).
 * Counts and a date only: no case reference, no initials, nothing about any child, because a
 * reminder may be read over a shoulder and lateness is nobody else's business. Worded as help,
 * not blame; the list itself is one tap away in the tab.
 */
export const reminderCardInput = z
  .object({
    dueSoonCount: z.number().int().min(0).max(4000),
    /** The latest due date among the audits due soon; required when any are. */
    dueBy: isoDate.nullable(),
    overdueCount: z.number().int().min(0).max(4000),
    /** The "My audits" page of the tab. */
    myAuditsUrl: cardLink,
  })
  .refine((r) => r.dueSoonCount + r.overdueCount > 0, 'a reminder is about at least one audit')
  .refine((r) => r.dueSoonCount === 0 || r.dueBy !== null, 'audits due soon need their due date');
export type ReminderCardInput = z.input<typeof reminderCardInput>;

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const audits = (n: number) => `${n} ${n === 1 ? 'audit' : 'audits'}`;

export function reminderCard(input: ReminderCardInput): AdaptiveCard {
  const r = reminderCardInput.parse(input);
  const body: CardElement[] = [heading('A reminder about your audits')];
  if (r.dueSoonCount > 0 && r.dueBy !== null)
    body.push(textBlock(`A reminder: you have ${audits(r.dueSoonCount)} due by ${dayNames[dayOfWeek(r.dueBy)]} ${ukDate(r.dueBy)}.`, { spacing: 'Small' }));
  if (r.overdueCount > 0)
    body.push(
      textBlock(`${r.overdueCount === 1 ? '1 audit has' : `${r.overdueCount} audits have`} passed the due date.`, { spacing: 'Small' }),
      textBlock('If something is getting in the way, your QA lead can help, for example by moving the date or reassigning an audit.', {
        isSubtle: true,
      }),
    );
  body.push(actionSet([openUrlAction('Open My audits', r.myAuditsUrl)]));
  return assertWithinCardBudget(adaptiveCard(body));
}
