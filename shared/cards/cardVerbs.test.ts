import { describe, expect, it } from 'vitest';
import { actionNoteInputId, cardData, cardInputMaxLength, cardVerb, parseCardAction } from './cardVerbs';

describe('card verbs', () => {
  it('accept each verb with its subject, version and required input', () => {
    const ok = [
      { verb: 'myAudits' },
      { verb: 'help' },
      { verb: 'cantDoThis', auditId: 'a1', version: '1' },
      { verb: 'submitCantDoThis', auditId: 'a1', version: '1', reason: 'On leave' },
      { verb: 'markActionDone', actionId: 'x1', version: '4', note: 'Plan updated and shared' },
      { verb: 'approveAction', actionId: 'x1', version: '5' },
      { verb: 'returnAction', actionId: 'x1', version: '5', reason: 'Plan not yet shared' },
      { verb: 'acknowledgeConcern', concernId: 'c1', version: '1', actionTaken: 'Strategy discussion booked' },
      { verb: 'refreshConcern', concernId: 'c1', version: '1' },
      { verb: 'proposeMeeting', auditId: 'a1', version: '2', meetingDate: '2026-12-02', meetingTime: '10:00' },
    ];
    expect(new Set(ok.map((o) => o.verb))).toEqual(new Set(cardVerb.options));
    for (const value of ok) expect(parseCardAction(value, value.verb)).toEqual({ ok: true, payload: value });
  });

  it('refuse a missing id or version, a blank or over-long input and an unknown verb', () => {
    expect(parseCardAction({ verb: 'approveAction', version: '5' }).ok).toBe(false);
    expect(parseCardAction({ verb: 'approveAction', actionId: 'x1' }).ok).toBe(false);
    expect(parseCardAction({ verb: 'markActionDone', actionId: 'x1', version: '4' }).ok).toBe(false);
    expect(parseCardAction({ verb: 'markActionDone', actionId: 'x1', version: '4', note: ' \n ' }).ok).toBe(false);
    const long = 'x'.repeat(cardInputMaxLength.reason + 1);
    expect(parseCardAction({ verb: 'returnAction', actionId: 'x1', version: '5', reason: long }).ok).toBe(false);
    expect(parseCardAction({ verb: 'deleteEverything', actionId: 'x1', version: '5' }).ok).toBe(false);
    expect(parseCardAction({ verb: 'approveAction', actionId: '../x', version: '5' }).ok).toBe(false);
    expect(parseCardAction('approveAction').ok).toBe(false);
  });

  it('need a real date to propose a meeting; the time is optional but must be HH:MM', () => {
    const base = { verb: 'proposeMeeting', auditId: 'a1', version: '2' };
    expect(parseCardAction({ ...base, meetingDate: '2026-12-02', meetingTime: '' })).toEqual({ ok: true, payload: { ...base, meetingDate: '2026-12-02' } });
    expect(parseCardAction({ ...base, meetingDate: '2026-12-02' }).ok).toBe(true);
    expect(parseCardAction({ ...base }).ok).toBe(false);
    expect(parseCardAction({ ...base, meetingDate: '2026-02-31' }).ok).toBe(false);
    expect(parseCardAction({ ...base, meetingDate: '02/12/2026' }).ok).toBe(false);
    expect(parseCardAction({ ...base, meetingDate: '2026-12-02', meetingTime: '25:00' }).ok).toBe(false);
    expect(parseCardAction({ ...base, meetingDate: '2026-12-02', meetingTime: '10am' }).ok).toBe(false);
  });

  it('refuse data whose verb differs from the Action.Execute verb', () => {
    expect(parseCardAction({ verb: 'approveAction', actionId: 'x1', version: '5' }, 'returnAction')).toEqual({
      ok: false,
      issues: ['verb: does not match the card data'],
    });
  });

  it('strip anything else a client sends, so nothing beyond ids and a version is ever trusted', () => {
    const parsed = parseCardAction({ verb: 'approveAction', actionId: 'x1', version: '5', approverId: 'boss', role: 'qaLead' });
    expect(parsed).toEqual({ ok: true, payload: { verb: 'approveAction', actionId: 'x1', version: '5' } });
  });

  it('trim typed text', () => {
    const parsed = parseCardAction({ verb: 'submitCantDoThis', auditId: 'a1', version: '1', reason: '  On leave \n' });
    expect(parsed.ok && parsed.payload.verb === 'submitCantDoThis' && parsed.payload.reason).toBe('On leave');
  });

  it('never echo typed text in the issues', () => {
    const secret = 'Concern about Zebedee at home';
    const parsed = parseCardAction({ verb: 'returnAction', actionId: 'bad id', version: '5', reason: secret + 'x'.repeat(600) });
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('Zebedee');
  });

  it('keep card data strict: a builder cannot add a field', () => {
    expect(cardData.safeParse({ verb: 'approveAction', actionId: 'x1', version: '5' }).success).toBe(true);
    expect(cardData.safeParse({ verb: 'approveAction', actionId: 'x1', version: '5', caseRef: 'CR-1' }).success).toBe(false);
    expect(cardData.safeParse({ verb: 'help', auditId: 'a1' }).success).toBe(false);
  });

  it("read a note typed into one action's own input on a card listing several", () => {
    const data = { verb: 'markActionDone', actionId: 'act_2', version: '4' };
    expect(actionNoteInputId('act_2')).toBe('note-act_2');
    expect(parseCardAction({ ...data, 'note-act_2': ' Plan shared ' }, 'markActionDone')).toEqual({ ok: true, payload: { ...data, note: 'Plan shared' } });
    // Another action's note is not this one's.
    expect(parseCardAction({ ...data, 'note-act_1': 'Plan shared' }, 'markActionDone').ok).toBe(false);
    expect(parseCardAction({ ...data, 'note-act_2': '  ' }, 'markActionDone').ok).toBe(false);
  });
});
