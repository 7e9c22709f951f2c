import { describe, expect, it } from 'vitest';
import { adaptiveCardsIssues, cardIssues, cardRuleIssues } from './cardChecks';

// The checks every card test relies on must themselves catch what they claim to.
const good = () => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Hello', wrap: true },
    {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: 'Approve',
          verb: 'approveAction',
          data: { verb: 'approveAction', actionId: 'act_1', version: '2' },
          fallback: { type: 'Action.Submit', title: 'Approve', data: { verb: 'approveAction', actionId: 'act_1', version: '2' } },
        },
      ],
    },
  ],
});

const execute = (card: ReturnType<typeof good>) => (card.body[1] as { actions: Record<string, unknown>[] }).actions[0]!;

describe('card checks', () => {
  it('pass a well-formed card', () => {
    expect(cardIssues(good())).toEqual([]);
  });

  it('catch a wrong version', () => {
    expect(cardRuleIssues({ ...good(), version: '1.6' }).join()).toMatch(/version "1.5"/);
    expect(adaptiveCardsIssues({ ...good(), version: '1.6' }).join()).toMatch(/version/i);
  });

  it('catch a property newer than 1.5', () => {
    const card = good();
    card.body.push({ type: 'Input.Text', id: 'note', label: 'Note', labelPosition: 'inline' } as never);
    expect(adaptiveCardsIssues(card).join()).toMatch(/labelPosition/);
  });

  it('catch an Action.Execute outside an ActionSet or without its fallback', () => {
    const card = good();
    const { fallback: _dropped, ...bare } = execute(card);
    (card.body[1] as { actions: unknown[] }).actions = [bare];
    expect(cardRuleIssues(card).join()).toMatch(/needs an Action.Submit fallback/);
    const top = { ...good(), actions: [execute(good())] };
    expect(cardRuleIssues(top).join()).toMatch(/not at card level/);
  });

  it('catch a fallback carrying different data', () => {
    const card = good();
    (execute(card).fallback as { data: unknown }).data = { verb: 'approveAction', actionId: 'act_2', version: '2' };
    expect(cardRuleIssues(card).join()).toMatch(/same data/);
  });

  it('catch data beyond a verb, ids and a version, and any name field', () => {
    const card = good();
    const extra = { verb: 'approveAction', actionId: 'act_1', version: '2', approverRole: 'manager' };
    execute(card).data = extra;
    (execute(card).fallback as { data: unknown }).data = extra;
    expect(cardRuleIssues(card).join()).toMatch(/data.approverRole/);
    const named = good();
    (named.body[0] as Record<string, unknown>).childName = 'x';
    expect(cardRuleIssues(named).join()).toMatch(/no names/);
  });

  it('catch what adaptivecards does not know: element types and misspelt properties', () => {
    const card = good();
    card.body.push({ type: 'TextBlok', text: 'x', wrap: true } as never);
    expect(adaptiveCardsIssues(card).join()).toMatch(/Unknown element type/);
    const typo = good();
    (typo.body[0] as Record<string, unknown>).wrapp = true;
    expect(adaptiveCardsIssues(typo).join()).toMatch(/wrapp: unknown/);
  });

  it('catch a required input without a label or error message', () => {
    const card = good();
    card.body.push({ type: 'Input.Text', id: 'reason', isRequired: true } as never);
    expect(adaptiveCardsIssues(card).length).toBeGreaterThan(0);
  });

  it('accept a refresh action without an ActionSet or fallback, but check its data', () => {
    const card = { ...good(), refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: 'refreshConcern', data: { verb: 'refreshConcern', concernId: 'c1', version: '1' } }, userIds: ['29:a'] } };
    expect(cardIssues(card)).toEqual([]);
    const bad = { ...card, refresh: { ...card.refresh, action: { ...card.refresh.action, data: { verb: 'refreshConcern', concernId: 'c1', version: '1', caseRef: 'X' } } } };
    expect(cardRuleIssues(bad).join()).toMatch(/data.caseRef/);
  });

  it("accept one action's own note input, and no other unknown input id", () => {
    const card = good();
    card.body.push({ type: 'Input.Text', id: 'note-act_1', label: 'Note' } as never);
    expect(cardRuleIssues(card)).toEqual([]);
    card.body.push({ type: 'Input.Text', id: 'childName', label: 'Name' } as never);
    expect(cardRuleIssues(card).join()).toMatch(/"childName" is not one of cardInputIds/);
  });
});

