import { z } from 'zod';
import { id, isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import {
  actionSet,
  adaptiveCard,
  container,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './cardModel';
import { cardAuditType, cardCaseRef, cardInitials, cardLink, caseLabel, defaultAuditTypeLabels, type AuditTypeLabels } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

export const MY_AUDITS_MAX_SHOWN = 20;

export const myAuditsCardItem = z.object({
  auditId: id,
  auditType: cardAuditType,
  caseRef: cardCaseRef,
  initials: cardInitials,
  dueDate: isoDate,
  openAuditUrl: cardLink,
});
export type MyAuditsCardItem = z.input<typeof myAuditsCardItem>;

export const myAuditsCardInput = z.object({
  /** The auditor's open audits, in any order. */
  audits: z.array(myAuditsCardItem),
  /** Today in Europe/London: an audit is overdue once its due date has passed. */
  today: isoDate,
  /** The "My audits" page of the tab, where the full list lives. */
  myAuditsUrl: cardLink,
  /** How many audits the card lists before summarising the rest. */
  maxShown: z.number().int().min(1).max(MY_AUDITS_MAX_SHOWN).default(10),
});
export type MyAuditsCardInput = z.input<typeof myAuditsCardInput>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The auditor's open audits, soonest due first. Overdue is said in words (colour only repeats
 * it); past `maxShown` the card says how many more there are and links to the tab.
 */
export function myAuditsCard(input: MyAuditsCardInput, labels: AuditTypeLabels = defaultAuditTypeLabels()): AdaptiveCard {
  const m = myAuditsCardInput.parse(input);
  const sorted = [...m.audits].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.caseRef.localeCompare(b.caseRef) || a.auditId.localeCompare(b.auditId));
  const overdue = sorted.filter((a) => a.dueDate < m.today).length;
  const shown = sorted.slice(0, m.maxShown);
  const more = sorted.length - shown.length;

  const body: CardElement[] = [heading('My audits')];
  if (sorted.length === 0) {
    body.push(textBlock('You have no open audits.', { spacing: 'Small' }));
  } else {
    body.push(
      textBlock(`You have ${plural(sorted.length, 'open audit', 'open audits')}${overdue > 0 ? `, ${overdue} overdue` : ''}.`, { spacing: 'Small' }),
    );
    for (const a of shown) {
      const status = a.dueDate < m.today ? 'Overdue' : a.dueDate === m.today ? 'Due today' : null;
      const label = caseLabel(a.caseRef, a.initials);
      body.push(
        container(
          [
            textBlock(label, { weight: 'Bolder' }),
            textBlock(`${labels[a.auditType]}. Due ${ukDate(a.dueDate)}${status ? `. ${status}` : ''}.`, {
              spacing: 'None',
              ...(status === 'Overdue' ? { color: 'Attention' as const } : { isSubtle: true }),
            }),
          ],
          { separator: true, selectAction: openUrlAction(`Open audit ${label}`, a.openAuditUrl) },
        ),
      );
    }
    if (more > 0) body.push(textBlock(`And ${more} more.`, { separator: true }));
  }
  body.push(actionSet([openUrlAction('Open My audits', m.myAuditsUrl)]));
  return assertWithinCardBudget(adaptiveCard(body));
}
