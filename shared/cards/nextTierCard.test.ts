import { describe, expect, it } from 'vitest';
import { nextTierCard } from './nextTierCard';
import { cardIssues, cardText } from './cardChecks';

const input = { auditorName: 'Sam Carter', lineManagerName: 'Alex Moss', overdueCount: 1, dueDate: '2026-11-30', missed: 2, ofRounds: 3 };

describe('nextTierCard', () => {
  it('parses in adaptivecards without warnings', () => {
    expect(cardIssues(nextTierCard(input))).toEqual([]);
  });

  it('carries the prepared notice, naming the line manager and the pattern', () => {
    const text = cardText(nextTierCard(input));
    expect(text).toContain('Sam Carter has missed the due date in 2 of their last 3 audit rounds, and has 1 audit past its due date of 30/11/2026.');
    expect(text).toContain('Could you talk with Alex Moss, their line manager');
  });

  it('refuses anything about a child', () => {
    expect(() => nextTierCard({ ...input, caseRef: 'CR-99812' } as typeof input)).toThrow();
    expect(() => nextTierCard({ ...input, initials: 'AB' } as typeof input)).toThrow();
    expect(() => nextTierCard({ ...input, missed: 0 })).toThrow();
  });
});
