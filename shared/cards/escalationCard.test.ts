import { describe, expect, it } from 'vitest';
import { escalationCard } from './escalationCard';
import { cardIssues, cardText } from './cardChecks';

const input = { auditorName: 'Sam Carter', overdueCount: 2, dueDate: '2026-11-27' };

describe('escalationCard', () => {
  it('parses in adaptivecards without warnings', () => {
    expect(cardIssues(escalationCard(input))).toEqual([]);
  });

  it('carries the prepared notice', () => {
    expect(cardText(escalationCard(input))).toContain('Sam Carter has 2 audits past their due date of 27/11/2026. Could you check in with them about their capacity?');
  });

  it('refuses anything about a child', () => {
    expect(() => escalationCard({ ...input, caseRef: 'CR-99812' } as typeof input)).toThrow();
    expect(() => escalationCard({ ...input, overdueCount: 0 })).toThrow();
  });
});
