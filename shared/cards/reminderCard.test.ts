import { describe, expect, it } from 'vitest';
import { reminderCard, type ReminderCardInput } from './reminderCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';

const input: ReminderCardInput = { dueSoonCount: 2, dueBy: '2026-11-27', overdueCount: 0, myAuditsUrl: 'https://teams.microsoft.com/l/entity/app-id/my-audits' };

describe('reminderCard', () => {
  it('parses in adaptivecards without warnings and keeps to the budget', () => {
    for (const card of [reminderCard(input), reminderCard({ ...input, overdueCount: 3 }), reminderCard({ ...input, dueSoonCount: 0, dueBy: null, overdueCount: 1 })]) {
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('says how many audits are due by which day, the UK way', () => {
    const text = cardText(reminderCard(input));
    expect(text).toContain('A reminder: you have 2 audits due by Friday 27/11/2026.');
    expect(text).not.toContain('overdue');
    expect(cardText(reminderCard({ ...input, dueSoonCount: 1, dueBy: '2026-11-30' }))).toContain('1 audit due by Monday 30/11/2026');
  });

  it('speaks of overdue audits as something to help with, not blame', () => {
    const text = cardText(reminderCard({ dueSoonCount: 0, dueBy: null, overdueCount: 2, myAuditsUrl: input.myAuditsUrl }));
    expect(text).toContain('2 audits have passed the due date.');
    expect(text).toContain('your QA lead can help');
    expect(text).not.toMatch(/fail|late|you have not|must/i);
  });

  it('carries no case reference, initials or anything else about a child, even when handed them', () => {
    const record = { ...input, caseRef: 'CR-104522', initials: 'JT', childName: 'Zebedee Quill' };
    const json = JSON.stringify(reminderCard(record));
    for (const leaked of ['CR-104522', 'JT', 'Zebedee', 'aud_']) expect(json).not.toContain(leaked);
  });

  it('links to My audits', () => {
    expect(cardActions(reminderCard(input))).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open My audits', url: input.myAuditsUrl })]);
  });

  it('refuses a reminder about nothing, or one due soon without a date', () => {
    expect(() => reminderCard({ ...input, dueSoonCount: 0, dueBy: null })).toThrow();
    expect(() => reminderCard({ ...input, dueBy: null })).toThrow();
  });
});
