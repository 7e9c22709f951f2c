import { describe, expect, it } from 'vitest';
import { allocationCard, type AllocationCardInput } from './allocationCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { parseCardAction } from './cardVerbs';
import { defaultAuditTypeLabels } from './cardInputs';
import { CardLinkError } from './cardModel';

const input: AllocationCardInput = {
  auditId: 'aud_7f3a',
  version: '3',
  auditType: 'childsJourneyMonthly',
  caseRef: 'CR-104522',
  initials: 'JT',
  lookBack: { from: '2025-12-01', to: '2026-11-30' },
  dueDate: '2026-12-31',
  openAuditUrl: 'https://teams.microsoft.com/l/entity/app-id/audits?context=%7B%22subEntityId%22%3A%22aud_7f3a%22%7D',
};

describe('allocationCard', () => {
  it('parses in adaptivecards without warnings and keeps the card rules', () => {
    const card = allocationCard(input);
    expect(card.version).toBe('1.5');
    expect(cardIssues(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it('shows audit type, case reference, initials, look-back and due date the UK way', () => {
    const text = cardText(allocationCard(input));
    expect(text).toContain("Child's Journey monthly audit");
    expect(text).toContain('CR-104522');
    expect(text).toContain('JT');
    expect(text).toContain('01/12/2025 to 30/11/2026');
    expect(text).toContain('31/12/2026');
    expect(text).not.toContain('2026-12-31');
  });

  it("uses the council's label for the audit type", () => {
    const labels = { ...defaultAuditTypeLabels(), deepDive: 'Thematic deep dive' };
    expect(cardText(allocationCard({ ...input, auditType: 'deepDive' }, labels))).toContain('Thematic deep dive');
  });

  it('never carries anything it was not asked for, even when handed a whole record', () => {
    const record = { ...input, childName: 'Zebedee Quill', workerName: 'Ophelia Marsh', caseSummary: 'Concerns about home conditions' };
    const json = JSON.stringify(allocationCard(record));
    for (const leaked of ['Zebedee', 'Ophelia', 'home conditions', 'Name', 'Summary']) expect(json).not.toContain(leaked);
  });

  it('opens the audit at the link given', () => {
    const open = cardActions(allocationCard(input)).find((a) => a.type === 'Action.OpenUrl');
    expect(open).toMatchObject({ title: 'Open audit', url: input.openAuditUrl });
  });

  it('allows plain http only to localhost (local mode)', () => {
    expect(() => allocationCard({ ...input, openAuditUrl: 'http://localhost:5173/audits/aud_7f3a' })).not.toThrow();
    expect(() => allocationCard({ ...input, openAuditUrl: 'http://example.org/audits/aud_7f3a' })).toThrow(CardLinkError);
    expect(() => allocationCard({ ...input, openAuditUrl: 'javascript:alert(1)' })).toThrow(CardLinkError);
    expect(() => allocationCard({ ...input, openAuditUrl: '/audits/aud_7f3a' })).toThrow(CardLinkError);
  });

  it("asks for a required reason before sending \"can't do this\" with the audit's id and version only", () => {
    const card = allocationCard(input);
    const show = cardActions(card).find((a) => a.type === 'Action.ShowCard');
    expect(show?.title).toBe("Can't do this");
    const body = JSON.stringify(show);
    expect(body).toContain('"type":"Input.Text"');
    expect(body).toContain('"isRequired":true');
    expect(body).toContain('"errorMessage":"Give a reason');
    const execute = cardActions(card).find((a) => a.type === 'Action.Execute');
    expect(execute?.verb).toBe('submitCantDoThis');
    expect(execute?.data).toEqual({ verb: 'submitCantDoThis', auditId: 'aud_7f3a', version: '3' });
  });

  it('produces data the bot accepts once Teams merges the reason in, and refuses a blank reason', () => {
    const execute = cardActions(allocationCard(input)).find((a) => a.type === 'Action.Execute');
    const data = execute?.data as Record<string, string>;
    expect(parseCardAction({ ...data, reason: 'On leave for the whole month' }, 'submitCantDoThis')).toEqual({
      ok: true,
      payload: { verb: 'submitCantDoThis', auditId: 'aud_7f3a', version: '3', reason: 'On leave for the whole month' },
    });
    expect(parseCardAction({ ...data, reason: '   ' }, 'submitCantDoThis').ok).toBe(false);
  });

  it('refuses input that is not a case reference, initials or a real date', () => {
    expect(() => allocationCard({ ...input, initials: 'ABCDE' })).toThrow();
    expect(() => allocationCard({ ...input, dueDate: '2026-02-31' })).toThrow();
    expect(() => allocationCard({ ...input, lookBack: { from: '2026-11-30', to: '2025-12-01' } })).toThrow();
    expect(() => allocationCard({ ...input, auditId: 'not an id' })).toThrow();
  });
});
