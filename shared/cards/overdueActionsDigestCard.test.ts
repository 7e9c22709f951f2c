import { describe, expect, it } from 'vitest';
import { DIGEST_MAX_LISTED, overdueActionsDigestCard, OVERDUE_ACTIONS_SUMMARY } from './overdueActionsDigestCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';

const row = (i: number) => ({ caseRef: `DEMO-${1000 + i}`, initials: 'AB', label: `Section ${i}`, dueDate: '2026-11-20' });
const input = { actions: [row(1), row(2)], totalCount: 2, myActionsUrl: 'https://example.org/actions/mine' };

describe('overdueActionsDigestCard', () => {
  it('parses without warnings and lists the actions with the case and due date', () => {
    const card = overdueActionsDigestCard(input);
    expect(cardIssues(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('2 actions have passed the due date.');
    expect(text).toContain('DEMO-1001 (AB)');
    expect(text).toContain('Section 1. Due 20/11/2026.');
    expect(cardActions(card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open in Practice Audit', url: input.myActionsUrl })]);
  });

  it('carries no typed text: an action’s wording handed in is dropped', () => {
    const json = JSON.stringify(overdueActionsDigestCard({ ...input, actions: [{ ...row(1), what: 'Visit the child at school' }] } as unknown as typeof input));
    expect(json).not.toContain('school');
  });

  it('summarises a long list: the first few and "and N more", within budget', () => {
    const listed = Array.from({ length: DIGEST_MAX_LISTED }, (_, i) => ({ ...row(i), label: 'x '.repeat(65).trim() }));
    const card = overdueActionsDigestCard({ ...input, actions: listed, totalCount: 437 });
    expect(cardText(card)).toContain('437 actions have passed the due date.');
    expect(cardText(card)).toContain('And 417 more: see them all in My actions.');
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    expect(cardIssues(card)).toEqual([]);
  });

  it('is worded as help', () => {
    const text = cardText(overdueActionsDigestCard({ ...input, actions: [row(1)], totalCount: 1 }));
    expect(text).toContain('1 action has passed the due date.');
    expect(text).toContain('they can help');
    expect(text).not.toMatch(/fail|you have not|must/i);
    expect(OVERDUE_ACTIONS_SUMMARY).not.toMatch(/DEMO/);
  });

  it('refuses an empty digest or a total smaller than the list', () => {
    expect(() => overdueActionsDigestCard({ ...input, actions: [] })).toThrow();
    expect(() => overdueActionsDigestCard({ ...input, totalCount: 1 })).toThrow();
    expect(() => overdueActionsDigestCard({ ...input, actions: Array.from({ length: DIGEST_MAX_LISTED + 1 }, (_, i) => row(i)), totalCount: 100 })).toThrow();
  });
});
