import { describe, expect, it } from 'vitest';
import { APPROVALS_WAITING_SUMMARY, approvalsWaitingCard } from './approvalsWaitingCard';
import { cardActions, cardIssues, cardText } from './cardChecks';

describe('approvalsWaitingCard', () => {
  it('counts the waiting actions with the oldest date, and links to Team actions', () => {
    const card = approvalsWaitingCard({ count: 3, oldestDoneDate: '2026-11-20', teamActionsUrl: 'https://example.org/actions/team?status=done' });
    expect(cardIssues(card)).toEqual([]);
    expect(cardText(card)).toContain('3 actions marked done are waiting for you to approve or return; the longest waiting was marked done on 20/11/2026.');
    expect(cardActions(card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: 'https://example.org/actions/team?status=done' })]);
    expect(cardText(approvalsWaitingCard({ count: 1, oldestDoneDate: '2026-11-20', teamActionsUrl: 'https://example.org/x' }))).toContain('1 action marked done is waiting');
    expect(APPROVALS_WAITING_SUMMARY).not.toMatch(/DEMO/);
  });

  it('refuses a nudge about nothing', () => {
    expect(() => approvalsWaitingCard({ count: 0, oldestDoneDate: '2026-11-20', teamActionsUrl: 'https://example.org/x' })).toThrow();
  });
});
