import { describe, expect, it } from 'vitest';
import { caseSelectedCard, type CaseSelectedCardInput } from './caseSelectedCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { parseCardAction } from './cardVerbs';

const input: CaseSelectedCardInput = {
  auditId: 'aud_9c1e',
  version: '1',
  audience: 'worker',
  auditType: 'managersMonthly',
  caseRef: 'DEMO-123',
  initials: 'AB',
  auditor: 'Sam Auditor',
  dueDate: '2026-12-31',
  openAuditUrl: 'http://localhost:5173/audits/aud_9c1e',
};

describe('caseSelectedCard', () => {
  it('parses in adaptivecards without warnings, keeps the card rules and fits the budget', () => {
    const card = caseSelectedCard(input);
    expect(cardIssues(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it('tells the worker and the manager what was selected, with whom and by when', () => {
    const worker = cardText(caseSelectedCard(input));
    expect(worker).toContain('A case you work on was selected for a');
    expect(worker).toContain('with Sam Auditor');
    expect(worker).toContain('DEMO-123');
    expect(worker).toContain('AB');
    expect(worker).toContain('31/12/2026');
    expect(worker).not.toContain('2026-12-31');
    expect(cardText(caseSelectedCard({ ...input, audience: 'manager' }))).toContain('A case in your team was selected');
  });

  it('never carries child data it was handed', () => {
    const record = { ...input, childName: 'Zebedee Quill', caseSummary: 'Concerns about home conditions', dateOfBirth: '2015-04-01' };
    const json = JSON.stringify(caseSelectedCard(record));
    for (const leaked of ['Zebedee', 'Quill', 'home conditions', '2015-04-01']) expect(json).not.toContain(leaked);
  });

  it('opens the audit and proposes a meeting with a required date and an optional time', () => {
    const card = caseSelectedCard(input);
    const actions = cardActions(card);
    expect(actions.find((a) => a.type === 'Action.OpenUrl')).toMatchObject({ title: 'Open audit', url: input.openAuditUrl });
    const execute = actions.find((a) => a.type === 'Action.Execute');
    expect(execute?.verb).toBe('proposeMeeting');
    expect(execute?.data).toEqual({ verb: 'proposeMeeting', auditId: 'aud_9c1e', version: '1' });
    expect(execute?.fallback).toMatchObject({ type: 'Action.Submit', data: execute?.data });
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Input.Date","id":"meetingDate"');
    expect(json).toContain('"isRequired":true');
    const data = execute?.data as Record<string, string>;
    expect(parseCardAction({ ...data, meetingDate: '2026-12-02', meetingTime: '10:00' }, 'proposeMeeting').ok).toBe(true);
    expect(parseCardAction({ ...data, meetingTime: '10:00' }, 'proposeMeeting').ok).toBe(false);
  });

  it('refuses input that is not a case reference, initials or a real date', () => {
    expect(() => caseSelectedCard({ ...input, initials: 'ABCDE' })).toThrow();
    expect(() => caseSelectedCard({ ...input, dueDate: '2026-02-31' })).toThrow();
    expect(() => caseSelectedCard({ ...input, auditor: ' ' })).toThrow();
  });
});
