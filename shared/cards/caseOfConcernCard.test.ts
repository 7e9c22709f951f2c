import { describe, expect, it } from 'vitest';
import { CASE_OF_CONCERN_SUMMARY, caseOfConcernCard, type CaseOfConcernCardInput } from './caseOfConcernCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';

const input: CaseOfConcernCardInput = {
  caseRef: 'DEMO-1001',
  initials: 'AB',
  raisedBy: 'Rowan Finch',
  raisedAs: 'qaLead',
  raisedAt: '2026-11-23T10:00:00.000Z',
  status: 'open',
  response: null,
  closure: null,
  registerUrl: 'https://example.org/concerns',
};

describe('caseOfConcernCard', () => {
  it('parses without warnings and names the case, who raised it and when', () => {
    const card = caseOfConcernCard(input);
    expect(cardIssues(card)).toEqual([]);
    const text = cardText(card);
    for (const s of ['Case of concern', 'DEMO-1001', 'AB', 'Rowan Finch (QA lead)', '23/11/2026 at 10:00', 'Open: awaiting a response']) expect(text).toContain(s);
    expect(cardActions(card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open the register' })]);
  });

  it('stays current: response, escalations and closure with who and when', () => {
    const card = caseOfConcernCard({
      ...input,
      status: 'closed',
      response: { by: 'Hazel Wren', at: '2026-11-24T09:00:00.000Z' },
      escalations: Array.from({ length: 7 }, (_, i) => ({ by: 'Hazel Wren', to: `Manager ${i}`, at: '2026-11-24T10:00:00.000Z' })),
      closure: { by: 'Harriet Cole', at: '2026-12-01T12:00:00.000Z' },
    });
    expect(cardIssues(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    const text = cardText(card);
    expect(text).toContain('Hazel Wren, 24/11/2026 at 09:00');
    expect(text).toContain('Escalated by Hazel Wren to Manager 6 on 24/11/2026 at 10:00.');
    expect(text).not.toContain('Manager 1 ');
    expect(text).toContain('And 2 earlier escalations');
    expect(text).toContain('Harriet Cole, 01/12/2026 at 12:00');
  });

  it('never carries the reason or the response text', () => {
    const json = JSON.stringify(caseOfConcernCard({ ...input, reason: 'Home conditions', responseText: 'Visited the family' } as CaseOfConcernCardInput));
    expect(json).not.toContain('Home conditions');
    expect(json).not.toContain('Visited');
    expect(CASE_OF_CONCERN_SUMMARY).not.toMatch(/DEMO/);
  });
});
