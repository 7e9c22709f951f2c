import { describe, expect, it } from 'vitest';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { parseCardAction } from './cardVerbs';
import { meetingProposalReplyCard, type MeetingProposalReply } from './meetingProposalReplyCard';

const url = 'http://localhost:3978/audits/aud_9c1e';
const sent: MeetingProposalReply = { kind: 'sent', caseRef: 'DEMO-123', initials: 'AB', meetingDate: '2026-11-25', meetingTime: null, alreadySent: false, status: 'proposed' };
const invalid: MeetingProposalReply = { kind: 'invalidTime', caseRef: 'DEMO-123', initials: 'AB', message: '28/11/2026 is a weekend or a bank holiday. Choose a working day.', auditId: 'aud_9c1e', version: '3' };

describe('meetingProposalReplyCard', () => {
  it('parses in adaptivecards without warnings for every outcome, within the budget', () => {
    const all: MeetingProposalReply[] = [sent, { ...sent, alreadySent: true, status: 'declined' }, { kind: 'notAllowed' }, { kind: 'closed', caseRef: 'DEMO-123', initials: 'AB' }, invalid];
    for (const r of all) {
      const card = meetingProposalReplyCard(r, url);
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('confirms that the auditor has been told, with the day in UK format', () => {
    const text = cardText(meetingProposalReplyCard(sent, url));
    expect(text).toContain('Meeting proposal sent');
    expect(text).toContain('The auditor has been told');
    expect(text).toContain('Wednesday 25/11/2026');
    expect(cardText(meetingProposalReplyCard({ ...sent, alreadySent: true }, url))).toContain('You had already proposed this time');
  });

  it('says why not, without naming the case to someone who may not see it', () => {
    const text = cardText(meetingProposalReplyCard({ kind: 'notAllowed' }, url));
    expect(text).toContain("Only the case's worker and the manager of the case's team");
    expect(cardActions(meetingProposalReplyCard({ kind: 'notAllowed' }, url))).toEqual([]);
  });

  it('offers the form again after a time that cannot be used', () => {
    const card = meetingProposalReplyCard(invalid, url);
    expect(cardText(card)).toContain('28/11/2026 is a weekend or a bank holiday');
    const execute = cardActions(card).find((a) => a.type === 'Action.Execute');
    expect(execute?.data).toEqual({ verb: 'proposeMeeting', auditId: 'aud_9c1e', version: '3' });
    expect(parseCardAction({ ...(execute?.data as object), meetingDate: '2026-11-30' }, 'proposeMeeting').ok).toBe(true);
  });
});
