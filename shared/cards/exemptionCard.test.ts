import { describe, expect, it } from 'vitest';
import { exemptionCard, type ExemptionCardInput } from './exemptionCard';
import { cardActions, cardIssues, cardText } from './cardChecks';

const input: ExemptionCardInput = { auditorName: 'Sam Carter', months: ['2026-12', '2027-01'], openAppUrl: 'http://localhost:3978/' };

describe('exemptionCard', () => {
  it('parses in adaptivecards without warnings and keeps the card rules', () => {
    expect(cardIssues(exemptionCard(input))).toEqual([]);
  });

  it('names the colleague and the months, and links to the tab', () => {
    const text = cardText(exemptionCard(input));
    expect(text).toContain('Sam Carter has asked to be excused from auditing in December 2026 to January 2027.');
    expect(text).toContain('give your view in Practice Audit');
    expect(cardText(exemptionCard({ ...input, months: ['2026-12'] }))).toContain('auditing in December 2026.');
    expect(cardActions(exemptionCard(input))).toEqual([{ type: 'Action.OpenUrl', title: 'Give your view', url: 'http://localhost:3978/' }]);
  });

  it('never carries the reason or anything about a child', () => {
    const record = { ...input, reason: 'Caring for a relative', caseRef: 'DEMO-1' };
    expect(() => exemptionCard(record as ExemptionCardInput)).toThrow();
    expect(() => exemptionCard({ ...input, months: [] })).toThrow();
    expect(() => exemptionCard({ ...input, openAppUrl: 'http://example.com/' })).toThrow();
  });
});
