import { describe, expect, it } from 'vitest';
import { helpCard } from './helpCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';

const appUrl = 'https://teams.microsoft.com/l/entity/app-id/home';

describe('helpCard', () => {
  it('parses in adaptivecards without warnings and keeps the card rules', () => {
    for (const unrecognised of [false, true]) {
      const card = helpCard({ appUrl, unrecognised });
      expect(card.version).toBe('1.5');
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('offers "my audits" as an action and a link to the tab', () => {
    const actions = cardActions(helpCard({ appUrl }));
    expect(actions.find((a) => a.type === 'Action.Execute')).toMatchObject({ verb: 'myAudits', data: { verb: 'myAudits' } });
    expect(actions.find((a) => a.type === 'Action.OpenUrl')).toMatchObject({ url: appUrl });
  });

  it('says when a message was not recognised, without repeating it', () => {
    expect(cardText(helpCard({ appUrl }))).not.toMatch(/didn't recognise/);
    expect(cardText(helpCard({ appUrl, unrecognised: true }))).toMatch(/didn't recognise/);
  });

  it('refuses a link that is not https', () => {
    expect(() => helpCard({ appUrl: 'http://example.org/' })).toThrow();
  });
});
