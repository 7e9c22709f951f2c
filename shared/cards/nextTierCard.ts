import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './cardModel';
import { assertWithinCardBudget } from './cardSize';
import { nextTierNoticeText } from '../chasing/escalationNotice';

/**
 * The notice a QA lead sends to the manager of an auditor's line manager when the auditor has
 * missed due dates repeatedly. Names, counts and a date only: the strict input schema keeps
 * anything about a child out.
 */
export const nextTierCardInput = z
  .object({
    auditorName: z.string().min(1).max(120),
    lineManagerName: z.string().min(1).max(120),
    overdueCount: z.number().int().min(1).max(4000),
    dueDate: isoDate,
    missed: z.number().int().min(1).max(24),
    ofRounds: z.number().int().min(1).max(24),
  })
  .strict();
export type NextTierCardInput = z.input<typeof nextTierCardInput>;

export function nextTierCard(input: NextTierCardInput): AdaptiveCard {
  const r = nextTierCardInput.parse(input);
  return assertWithinCardBudget(adaptiveCard([heading('Audits missed more than once'), textBlock(nextTierNoticeText(r), { spacing: 'Small' })]));
}
