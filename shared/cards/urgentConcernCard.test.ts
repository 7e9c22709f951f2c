import { describe, expect, it } from 'vitest';
import { urgentConcernCard, URGENT_CONCERN_SUMMARY, type UrgentConcernCardInput } from './urgentConcernCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { parseCardAction } from './cardVerbs';

const input: UrgentConcernCardInput = {
  concernId: 'uc_1a2b',
  version: 'v1',
  auditType: 'managersMonthly',
  caseRef: 'DEMO-1001',
  initials: 'AB',
  judgement: "Graded Doesn't yet meet Good (inadequate practice); child judged not safe",
  auditor: 'Rowan Finch',
  raisedAt: '2026-11-23T10:00:00.000Z',
  acknowledgeBy: '2026-11-23T14:00:00.000Z',
  openAuditUrl: 'https://teams.microsoft.com/l/entity/app-id/audits?context=%7B%22subEntityId%22%3A%22aud_1%22%7D',
  acknowledgement: null,
  escalation: null,
  canAcknowledge: true,
};
const acknowledged: UrgentConcernCardInput = {
  ...input,
  version: 'v2',
  acknowledgement: { by: 'Hazel Wren', at: '2026-11-23T11:15:00.000Z' },
};

describe('urgentConcernCard', () => {
  it('parses without warnings, within budget, in every state', () => {
    const variants = [
      urgentConcernCard(input),
      urgentConcernCard({ ...input, canAcknowledge: false }),
      urgentConcernCard({ ...input, escalation: { to: 'Harriet Cole', at: '2026-11-23T14:00:00.000Z' } }),
      urgentConcernCard(acknowledged),
      urgentConcernCard({ ...input, refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:user-${i}`) }),
    ];
    for (const card of variants) {
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('looks different: an attention band headed "Urgent"', () => {
    const card = urgentConcernCard(input);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(card.body[0]).toHaveProperty('items.0', expect.objectContaining({ text: 'Urgent', style: 'heading', color: 'Attention', size: 'Large' }));
  });

  it('shows case reference, initials, audit type, judgement, auditor and when, the UK way', () => {
    const text = cardText(urgentConcernCard(input));
    for (const s of ['DEMO-1001', 'AB', "Managers' monthly audit", "Doesn't yet meet Good (inadequate practice)", 'Rowan Finch', '23/11/2026 at 10:00', '23/11/2026 at 14:00'])
      expect(text).toContain(s);
  });

  it('opens the audit and asks for the immediate action to acknowledge, carrying only the id and version', () => {
    const actions = cardActions(urgentConcernCard(input));
    expect(actions.find((a) => a.type === 'Action.OpenUrl')).toMatchObject({ title: 'Open audit', url: input.openAuditUrl });
    const show = actions.find((a) => a.type === 'Action.ShowCard');
    expect(JSON.stringify(show)).toContain('"id":"actionTaken"');
    expect(JSON.stringify(show)).toContain('"isRequired":true');
    const execute = actions.find((a) => a.type === 'Action.Execute');
    expect(execute?.data).toEqual({ verb: 'acknowledgeConcern', concernId: 'uc_1a2b', version: 'v1' });
    expect(parseCardAction({ ...(execute?.data as object), actionTaken: 'Visit today' }, 'acknowledgeConcern').ok).toBe(true);
  });

  it('offers no Acknowledge to a viewer who may not acknowledge', () => {
    expect(cardActions(urgentConcernCard({ ...input, canAcknowledge: false })).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  it('once acknowledged shows who and when, never the action typed (it stays with the audit), with no buttons', () => {
    const card = urgentConcernCard({ ...acknowledged, acknowledgement: { ...acknowledged.acknowledgement!, actionTaken: 'Strategy discussion arranged for this afternoon' } } as UrgentConcernCardInput);
    const text = cardText(card);
    expect(text).toContain('Acknowledged by Hazel Wren on 23/11/2026 at 11:15');
    expect(text).toContain('recorded with the audit');
    expect(JSON.stringify(card)).not.toContain('Strategy discussion');
    expect(text).not.toContain('Acknowledge by');
    expect(cardActions(card).filter((a) => a.type !== 'Action.OpenUrl' && a.verb !== 'refreshConcern')).toEqual([]);
  });

  it('shows an escalation while unacknowledged', () => {
    expect(cardText(urgentConcernCard({ ...input, escalation: { to: 'Harriet Cole', at: '2026-11-23T14:00:00.000Z' } }))).toContain(
      'Not acknowledged in time: escalated to Harriet Cole on 23/11/2026 at 14:00.',
    );
  });

  it('adds a refresh for the users a shared card reaches, and none otherwise', () => {
    expect(urgentConcernCard(input).refresh).toBeUndefined();
    const card = urgentConcernCard({ ...input, refreshUserIds: ['29:a', '29:b', '29:a'] });
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'refreshConcern', data: { verb: 'refreshConcern', concernId: 'uc_1a2b', version: 'v1' } },
      userIds: ['29:a', '29:b'],
    });
    expect(() => urgentConcernCard({ ...input, refreshUserIds: Array.from({ length: 61 }, (_, i) => `29:${i}`) })).toThrow();
  });

  it('carries nothing it was not asked for, and its preview has no child data', () => {
    const record = { ...input, childName: 'Zebedee Quill', summary: 'Concerns about home conditions' };
    const json = JSON.stringify(urgentConcernCard(record));
    for (const leaked of ['Zebedee', 'home conditions']) expect(json).not.toContain(leaked);
    expect(URGENT_CONCERN_SUMMARY).not.toMatch(/DEMO|AB/);
  });
});
