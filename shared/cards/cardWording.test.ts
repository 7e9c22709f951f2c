import { describe, expect, it } from 'vitest';
import { plural, shortened } from './cardWording';

describe('card wording', () => {
  it('shortens at a word, with an ellipsis, and leaves short text alone', () => {
    expect(shortened('Update the plan', 40)).toBe('Update the plan');
    expect(shortened('Update the plan with the family and share it with the school', 30)).toBe('Update the plan with the…');
    expect(shortened('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shortened('  many   spaces\nand lines ', 40)).toBe('many spaces and lines');
    expect(shortened('Update the plan with the family, and share', 33).length).toBeLessThanOrEqual(33);
  });
  it('counts', () => {
    expect(plural(1, 'action', 'actions')).toBe('1 action');
    expect(plural(0, 'action', 'actions')).toBe('0 actions');
  });
});
