import { describe, expect, it } from 'vitest';
import { ACTION_DRIFT_SUMMARY, DRIFT_ROWS_SHOWN, actionDriftCard } from './actionDriftCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';

const input = {
  stage: 'manager' as const,
  count: 3,
  workingDays: 5,
  oldestDueDate: '2026-11-13',
  rows: [
    { label: 'Sam Owens', count: 2 },
    { label: 'Ash Green', count: 1 },
  ],
  trackerUrl: 'https://example.org/actions/team',
};

describe('actionDriftCard', () => {
  it('tells the manager how many actions drift, by owner, with the oldest due date', () => {
    const card = actionDriftCard(input);
    expect(cardIssues(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Actions drifting in your team');
    expect(text).toContain('3 actions are more than 5 working days past the due date; the oldest was due 13/11/2026.');
    expect(text).toContain('Sam Owens\n2 actions');
    expect(cardActions(card)).toEqual([expect.objectContaining({ title: 'Open Team actions' })]);
  });

  it('escalates to the Head of Service as "drift escalated", by team', () => {
    const card = actionDriftCard({ ...input, stage: 'headOfService', workingDays: 10, rows: [{ label: 'Northside Family Support', count: 3 }], trackerUrl: 'https://example.org/actions' });
    expect(cardIssues(card)).toEqual([]);
    expect(cardText(card)).toContain('Drift escalated');
    expect(cardText(card)).toContain('Northside Family Support');
    expect(ACTION_DRIFT_SUMMARY.headOfService).toBe('Drift escalated: overdue actions');
  });

  it('lists the largest rows and counts the rest, within budget', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ label: `Owner ${i}`, count: 1 }));
    const card = actionDriftCard({ ...input, count: 400, rows });
    expect(cardText(card)).toContain(`And ${400 - DRIFT_ROWS_SHOWN} more actions elsewhere.`);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it('carries counts, staff and dates only', () => {
    const json = JSON.stringify(actionDriftCard({ ...input, caseRef: 'DEMO-1001' } as typeof input));
    expect(json).not.toContain('DEMO-1001');
  });
});
