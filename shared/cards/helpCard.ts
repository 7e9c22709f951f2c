import { z } from 'zod';
import { actionSet, adaptiveCard, executeAction, factSet, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

export const helpCardInput = z.object({
  /** The Practice Audit tab: a Teams deep link (tenant mode) or the tab's URL (local mode). */
  appUrl: cardLink,
  /** True when answering a message the bot did not understand. The message itself is never echoed: it may be about a child. */
  unrecognised: z.boolean().default(false),
});
export type HelpCardInput = z.input<typeof helpCardInput>;

/** What the bot can do, with a button for "my audits" and a link to the tab. */
export function helpCard(input: HelpCardInput): AdaptiveCard {
  const h = helpCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('Practice Audit'),
      ...(h.unrecognised ? [textBlock("Sorry, I didn't recognise that. Here is what I can do.", { spacing: 'Small' })] : []),
      textBlock('I send you the case files allocated to you for audit, and a reminder when one is due.', { spacing: 'Small' }),
      factSet([
        { title: 'my audits', value: 'Lists your open audits and when they are due.' },
        { title: 'help', value: 'Shows this card.' },
      ]),
      textBlock('Audits are completed in the Practice Audit tab. Questions about an allocation go to your QA lead.', { isSubtle: true }),
      actionSet([executeAction({ title: 'My audits', data: { verb: 'myAudits' } }), openUrlAction('Open Practice Audit', h.appUrl)]),
    ]),
  );
}
