import { describe, expect, it } from 'vitest';
import { ACTION_RETURNED_SUMMARY, actionReturnedCard, type ActionReturnedCardInput } from './actionReturnedCard';
import { cardActions, cardIssues, cardText } from './cardChecks';

const input: ActionReturnedCardInput = {
  caseRef: 'DEMO-1001',
  initials: 'AB',
  label: '3 Planning',
  dueDate: '2026-12-04',
  returnedBy: 'Hazel Wren',
  returnedAt: '2026-11-26T09:30:00.000Z',
  myActionsUrl: 'https://example.org/actions/mine',
};

describe('actionReturnedCard', () => {
  it('parses without warnings and says who returned which action when, pointing to the tab for the reason', () => {
    const card = actionReturnedCard(input);
    expect(cardIssues(card)).toEqual([]);
    const text = cardText(card);
    for (const s of ['Hazel Wren returned this action on 26/11/2026 at 09:30.', 'DEMO-1001', 'AB', '3 Planning', '04/12/2026']) expect(text).toContain(s);
    expect(cardActions(card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open in Practice Audit', url: input.myActionsUrl })]);
    expect(ACTION_RETURNED_SUMMARY).not.toMatch(/DEMO/);
  });

  it('never carries the reason or the wording', () => {
    const json = JSON.stringify(actionReturnedCard({ ...input, reason: 'Ask the school for the minutes', what: 'Visit at home' } as ActionReturnedCardInput));
    expect(json).not.toContain('school');
    expect(json).not.toContain('Visit at home');
  });
});
