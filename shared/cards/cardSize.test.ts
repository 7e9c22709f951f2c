import { describe, expect, it } from 'vitest';
import { adaptiveCard, textBlock } from './cardModel';
import { CARD_BUDGET_BYTES, CardTooLargeError, assertWithinCardBudget, cardBytes, isWithinCardBudget } from './cardSize';

describe('card size', () => {
  it('counts two bytes per UTF-16 unit of the JSON', () => {
    const card = adaptiveCard([textBlock('Due 30/11/2026 – overdue')]);
    expect(cardBytes(card)).toBe(JSON.stringify(card).length * 2);
  });

  it('has a 40 KB budget and refuses a card over it', () => {
    expect(CARD_BUDGET_BYTES).toBe(40 * 1024);
    const small = adaptiveCard([textBlock('x')]);
    expect(assertWithinCardBudget(small)).toBe(small);
    const big = adaptiveCard([textBlock('x'.repeat(CARD_BUDGET_BYTES / 2))]);
    expect(isWithinCardBudget(big)).toBe(false);
    expect(() => assertWithinCardBudget(big)).toThrow(CardTooLargeError);
    expect(isWithinCardBudget(small, cardBytes(small))).toBe(true);
    expect(isWithinCardBudget(small, cardBytes(small) - 1)).toBe(false);
  });
});
