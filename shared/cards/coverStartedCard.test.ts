import { describe, expect, it } from 'vitest';
import { coverStartedCard, type CoverStartedCardInput } from './coverStartedCard';
import { cardActions, cardIssues, cardText } from './cardChecks';

const input: CoverStartedCardInput = { awayName: 'Morgan Manager', markedByName: null, openAppUrl: 'http://localhost:3978/' };

describe('coverStartedCard', () => {
  it('parses in adaptivecards without warnings and keeps the card rules', () => {
    expect(cardIssues(coverStartedCard(input))).toEqual([]);
    expect(cardIssues(coverStartedCard({ ...input, markedByName: 'Harper Head' }))).toEqual([]);
  });

  it('names the colleague, says alerts now come to the deputy, and links to the tab', () => {
    const text = cardText(coverStartedCard(input));
    expect(text).toContain('You are covering for Morgan Manager while they are away');
    expect(text).toContain('Morgan Manager has marked themselves away and named you to cover.');
    expect(text).toContain('urgent concerns and other alerts come to you');
    expect(cardActions(coverStartedCard(input))).toEqual([{ type: 'Action.OpenUrl', title: 'Open Practice Audit', url: 'http://localhost:3978/' }]);
  });

  it('says who marked the colleague away when it was someone else', () => {
    const text = cardText(coverStartedCard({ ...input, markedByName: 'Harper Head' }));
    expect(text).toContain('Harper Head has marked Morgan Manager as away and named you to cover.');
    expect(text).not.toContain('themselves');
  });

  it('carries no case data or reason, and refuses a link off this machine over http', () => {
    expect(() => coverStartedCard({ ...input, caseRef: 'DEMO-1' } as CoverStartedCardInput)).toThrow();
    expect(() => coverStartedCard({ ...input, reason: 'Off sick' } as CoverStartedCardInput)).toThrow();
    expect(() => coverStartedCard({ ...input, awayName: ' ' })).toThrow();
    expect(() => coverStartedCard({ ...input, openAppUrl: 'http://example.com/' })).toThrow();
    expect(JSON.stringify(coverStartedCard(input))).not.toMatch(/DEMO-|caseRef|initials/i);
  });
});
