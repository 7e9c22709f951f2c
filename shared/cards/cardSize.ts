import type { AdaptiveCard } from './cardModel';

/**
 * Teams allows a message of about 100 KB; we keep each card within 40 KB so the activity around
 * it, and any growth in wording, never comes near the limit.
 */
export const CARD_BUDGET_BYTES = 40 * 1024;

/**
 * The card's size as Teams counts a string: its JSON at two bytes per UTF-16 code unit. For our
 * mostly-ASCII cards that is about twice the UTF-8 size on the wire, so the count is on the safe
 * side; only a text made largely of characters from U+0800 up (e.g. CJK) would be larger in UTF-8,
 * by at most half — still far inside Teams' limit at this budget.
 */
export function cardBytes(card: AdaptiveCard): number {
  return JSON.stringify(card).length * 2;
}

export function isWithinCardBudget(card: AdaptiveCard, budgetBytes: number = CARD_BUDGET_BYTES): boolean {
  return cardBytes(card) <= budgetBytes;
}

export class CardTooLargeError extends Error {
  override name = 'CardTooLargeError';
}

/** Throws when a card is over budget; builders call it last so an oversized card is never sent. */
export function assertWithinCardBudget(card: AdaptiveCard, budgetBytes: number = CARD_BUDGET_BYTES): AdaptiveCard {
  const bytes = cardBytes(card);
  if (bytes > budgetBytes) throw new CardTooLargeError(`Card is ${bytes} bytes; the budget is ${budgetBytes}`);
  return card;
}
