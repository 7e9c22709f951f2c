import { describe, expect, it } from 'vitest';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { meetingAnsweredCard, type MeetingAnsweredCardInput } from './meetingAnsweredCard';

const input: MeetingAnsweredCardInput = {
  caseRef: 'DEMO-123',
  initials: 'AB',
  meetingDate: '2026-11-25',
  meetingTime: '14:30',
  decision: 'accepted',
  auditId: 'aud_9c1e',
  version: '4',
  auditorName: 'Alex Auditor',
  hasNote: false,
  openAuditUrl: 'http://localhost:3978/audits/aud_9c1e',
};

describe('meetingAnsweredCard', () => {
  it('parses in adaptivecards without warnings and fits the budget', () => {
    for (const card of [meetingAnsweredCard(input), meetingAnsweredCard({ ...input, decision: 'declined', hasNote: true })]) {
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('tells the proposer the time was accepted, with a link to the audit only', () => {
    const card = meetingAnsweredCard(input);
    const text = cardText(card);
    expect(text).toContain('Alex Auditor has accepted the time you proposed.');
    expect(text).toContain('Wednesday 25/11/2026');
    expect(text).toContain('14:30');
    expect(cardActions(card).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  it('after a decline, points to the note without quoting it and offers another time', () => {
    const card = meetingAnsweredCard({ ...input, decision: 'declined', hasNote: true, note: 'On leave that week' } as MeetingAnsweredCardInput);
    const text = cardText(card);
    expect(text).toContain('cannot meet at the time you proposed');
    expect(text).toContain('open the audit to read it');
    expect(JSON.stringify(card)).not.toContain('On leave');
    expect(cardActions(card).find((a) => a.type === 'Action.Execute')?.data).toEqual({ verb: 'proposeMeeting', auditId: 'aud_9c1e', version: '4' });
  });
});
