import { describe, expect, it } from 'vitest';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { meetingProposedCard, type MeetingProposedCardInput } from './meetingProposedCard';

const input: MeetingProposedCardInput = {
  caseRef: 'DEMO-123',
  initials: 'AB',
  meetingDate: '2026-11-25',
  meetingTime: '10:00',
  proposerName: 'Sam Worker',
  proposerRole: 'worker',
  openAuditUrl: 'http://localhost:3978/audits/aud_9c1e',
};

describe('meetingProposedCard', () => {
  it('parses in adaptivecards without warnings, keeps the card rules and fits the budget', () => {
    for (const card of [meetingProposedCard(input), meetingProposedCard({ ...input, meetingTime: null, proposerRole: 'deputy' })]) {
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('tells the auditor who proposed which day and time, the UK way', () => {
    const text = cardText(meetingProposedCard(input));
    expect(text).toContain("Sam Worker (the case's worker) has proposed a time to meet");
    expect(text).toContain('DEMO-123');
    expect(text).toContain('AB');
    expect(text).toContain('Wednesday 25/11/2026');
    expect(text).toContain('10:00');
    expect(text).not.toContain('2026-11-25');
    expect(cardText(meetingProposedCard({ ...input, proposerRole: 'teamManager' }))).toContain("(the manager of the case's team)");
    expect(cardText(meetingProposedCard({ ...input, meetingTime: null }))).toContain('No time given');
  });

  it('opens the audit, where the auditor answers; no buttons that act from the card', () => {
    expect(cardActions(meetingProposedCard(input))).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open audit', url: input.openAuditUrl })]);
  });

  it('never carries child data it was handed, and refuses what is not a reference, initials, date or time', () => {
    const json = JSON.stringify(meetingProposedCard({ ...input, childName: 'Zebedee Quill', caseSummary: 'Concerns at home' } as MeetingProposedCardInput));
    for (const leaked of ['Zebedee', 'Quill', 'Concerns']) expect(json).not.toContain(leaked);
    expect(() => meetingProposedCard({ ...input, initials: 'ABCDE' })).toThrow();
    expect(() => meetingProposedCard({ ...input, meetingDate: '2026-02-31' })).toThrow();
    expect(() => meetingProposedCard({ ...input, meetingTime: '25:00' })).toThrow();
  });
});
