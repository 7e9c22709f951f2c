import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './cardModel';
import { assertWithinCardBudget } from './cardSize';
import { escalationNoticeText } from '../chasing/escalationNotice';

/**
 * The notice a QA lead sends to an auditor's line manager about overdue audits. Counts and a date
 * only: the input schema is strict, so nothing about a child can be slipped in.
 */
export const escalationCardInput = z
  .object({
    auditorName: z.string().min(1).max(120),
    overdueCount: z.number().int().min(1).max(4000),
    dueDate: isoDate,
  })
  .strict();
export type EscalationCardInput = z.input<typeof escalationCardInput>;

export function escalationCard(input: EscalationCardInput): AdaptiveCard {
  const r = escalationCardInput.parse(input);
  return assertWithinCardBudget(adaptiveCard([heading('Audits past their due date'), textBlock(escalationNoticeText(r), { spacing: 'Small' })]));
}
