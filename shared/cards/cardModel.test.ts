import { describe, expect, it } from 'vitest';
import { CardLinkError, actionSet, adaptiveCard, executeAction, openUrlAction, textBlock, withRefresh } from './cardModel';
import type { CardData } from './cardVerbs';
import { cardIssues } from './cardChecks';

describe('card model', () => {
  it('builds version 1.5 cards', () => {
    expect(adaptiveCard([textBlock('Hello')])).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('gives every Action.Execute an Action.Submit fallback with the same title, data and style', () => {
    const action = executeAction({ title: 'Approve', data: { verb: 'approveAction', actionId: 'x1', version: '5' }, style: 'positive' });
    expect(action).toEqual({
      type: 'Action.Execute',
      title: 'Approve',
      verb: 'approveAction',
      data: { verb: 'approveAction', actionId: 'x1', version: '5' },
      style: 'positive',
      fallback: { type: 'Action.Submit', title: 'Approve', data: { verb: 'approveAction', actionId: 'x1', version: '5' }, style: 'positive' },
    });
    expect(action.fallback.data).not.toBe(action.data);
    expect(cardIssues(adaptiveCard([actionSet([action])]))).toEqual([]);
  });

  it('refuses data beyond a verb, ids and a version', () => {
    const sneaky = { verb: 'approveAction', actionId: 'x1', version: '5', childName: 'Zebedee' } as CardData;
    expect(() => executeAction({ title: 'Approve', data: sneaky })).toThrow();
    expect(() => executeAction({ title: 'Approve', data: { verb: 'approveAction', actionId: 'has space', version: '5' } })).toThrow();
  });

  it('opens https links and http only on this machine', () => {
    expect(openUrlAction('Open', 'https://teams.microsoft.com/l/entity/a/b').url).toBe('https://teams.microsoft.com/l/entity/a/b');
    expect(openUrlAction('Open', 'http://127.0.0.1:3978/tab').url).toBe('http://127.0.0.1:3978/tab');
    for (const bad of ['http://intranet/tab', 'ftp://x.org/a', 'data:text/html,hi', 'not a url', ''])
      expect(() => openUrlAction('Open', bad)).toThrow(CardLinkError);
  });

  it('adds a refresh for up to 60 users of a shared card, checked like any card data', () => {
    const card = adaptiveCard([textBlock('Hello')]);
    expect(withRefresh(card, { verb: 'refreshConcern', concernId: 'c1', version: '1' }, [])).toBe(card);
    const shared = withRefresh(card, { verb: 'refreshConcern', concernId: 'c1', version: '1' }, ['29:a']);
    expect(shared.refresh?.userIds).toEqual(['29:a']);
    expect(cardIssues(shared)).toEqual([]);
    expect(() => withRefresh(card, { verb: 'refreshConcern', concernId: 'c1', version: '1' }, Array.from({ length: 61 }, (_, i) => `29:${i}`))).toThrow(RangeError);
    expect(() => withRefresh(card, { verb: 'refreshConcern', concernId: 'c1', version: '1', caseRef: 'X' } as CardData, ['29:a'])).toThrow();
  });
});

