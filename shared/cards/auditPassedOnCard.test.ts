import { describe, expect, it } from 'vitest';
import { auditPassedOnCard, type AuditPassedOnCardInput } from './auditPassedOnCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';

const input: AuditPassedOnCardInput = { caseRef: 'DEMO-123', initials: 'AB' };

describe('auditPassedOnCard', () => {
  it('parses in adaptivecards without warnings, keeps the card rules and fits the budget', () => {
    const card = auditPassedOnCard(input);
    expect(cardIssues(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it('says the audit went to someone else, naming the case by reference and initials only', () => {
    const text = cardText(auditPassedOnCard(input));
    expect(text).toContain('Audit passed to another auditor');
    expect(text).toContain('DEMO-123');
    expect(text).toContain('AB');
    expect(cardActions(auditPassedOnCard(input))).toEqual([]);
  });

  it('refuses anything beyond the case reference and initials', () => {
    expect(() => auditPassedOnCard({ ...input, childName: 'Zebedee Quill' } as AuditPassedOnCardInput)).toThrow();
    expect(() => auditPassedOnCard({ ...input, reason: 'Off sick' } as AuditPassedOnCardInput)).toThrow();
    expect(() => auditPassedOnCard({ ...input, initials: 'ABCDE' })).toThrow();
  });
});
