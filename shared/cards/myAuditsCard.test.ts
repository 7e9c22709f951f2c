import { describe, expect, it } from 'vitest';
import { MY_AUDITS_MAX_SHOWN, myAuditsCard, type MyAuditsCardItem } from './myAuditsCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import type { AuditType } from '../schemas/audits';

const myAuditsUrl = 'https://teams.microsoft.com/l/entity/app-id/my-audits';
const types: AuditType[] = ['childsJourneyMonthly', 'deepDive', 'managersMonthly'];

const item = (n: number, dueDate: string, caseRef = `CR-${1000 + n}`): MyAuditsCardItem => ({
  auditId: `aud_${n}`,
  auditType: types[n % 3]!,
  caseRef,
  initials: 'AB',
  dueDate,
  openAuditUrl: `https://teams.microsoft.com/l/entity/app-id/audits?context=aud_${n}`,
});

describe('myAuditsCard', () => {
  it('parses in adaptivecards without warnings and keeps the card rules', () => {
    const card = myAuditsCard({ audits: [item(1, '2026-11-30'), item(2, '2026-12-31')], today: '2026-12-01', myAuditsUrl });
    expect(card.version).toBe('1.5');
    expect(cardIssues(card)).toEqual([]);
  });

  it('lists soonest due first and says overdue and due today in words', () => {
    const card = myAuditsCard({
      audits: [item(3, '2026-12-31'), item(1, '2026-11-30'), item(2, '2026-12-01')],
      today: '2026-12-01',
      myAuditsUrl,
    });
    const text = cardText(card);
    expect(text).toContain('You have 3 open audits, 1 overdue.');
    const first = text.indexOf('CR-1001 (AB)');
    const second = text.indexOf('CR-1002 (AB)');
    const third = text.indexOf('CR-1003 (AB)');
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(second);
    expect(second).toBeLessThan(third);
    expect(text).toMatch(/CR-1001 \(AB\)\n.*Due 30\/11\/2026\. Overdue\./);
    expect(text).toMatch(/CR-1002 \(AB\)\n.*Due 01\/12\/2026\. Due today\./);
    expect(text).toMatch(/CR-1003 \(AB\)\n[^\n]*Due 31\/12\/2026\.$/m);
  });

  it('links each audit to its form and the card to My audits', () => {
    const urls = cardActions(myAuditsCard({ audits: [item(1, '2026-11-30')], today: '2026-12-01', myAuditsUrl })).map((a) => a.url);
    expect(urls).toContain('https://teams.microsoft.com/l/entity/app-id/audits?context=aud_1');
    expect(urls).toContain(myAuditsUrl);
  });

  it('summarises a long list with "and N more" and stays within budget', () => {
    const audits = Array.from({ length: 500 }, (_, n) => item(n, `2026-12-${String((n % 28) + 1).padStart(2, '0')}`, `R/${String(n).padStart(30, '9')}`));
    const card = myAuditsCard({ audits, today: '2026-12-10', myAuditsUrl, maxShown: MY_AUDITS_MAX_SHOWN });
    const text = cardText(card);
    expect(text).toContain('You have 500 open audits');
    expect(text).toContain(`And ${500 - MY_AUDITS_MAX_SHOWN} more.`);
    expect(cardActions(card).filter((a) => a.title?.toString().startsWith('Open audit'))).toHaveLength(MY_AUDITS_MAX_SHOWN);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    expect(cardIssues(card)).toEqual([]);
  });

  it('shows ten by default and never more than the cap', () => {
    const audits = Array.from({ length: 12 }, (_, n) => item(n, '2026-12-31'));
    expect(cardText(myAuditsCard({ audits, today: '2026-12-01', myAuditsUrl }))).toContain('And 2 more.');
    expect(() => myAuditsCard({ audits, today: '2026-12-01', myAuditsUrl, maxShown: MY_AUDITS_MAX_SHOWN + 1 })).toThrow();
  });

  it('says so when there are no open audits, and counts one in the singular', () => {
    expect(cardText(myAuditsCard({ audits: [], today: '2026-12-01', myAuditsUrl }))).toContain('You have no open audits.');
    const one = cardText(myAuditsCard({ audits: [item(1, '2026-12-31')], today: '2026-12-01', myAuditsUrl }));
    expect(one).toContain('You have 1 open audit.');
    expect(one).not.toContain('more.');
  });

  it('carries nothing beyond reference, initials, type and due date', () => {
    const withExtras = { ...item(1, '2026-12-31'), childName: 'Zebedee Quill', workerName: 'Ophelia Marsh' };
    const json = JSON.stringify(myAuditsCard({ audits: [withExtras], today: '2026-12-01', myAuditsUrl }));
    expect(json).not.toContain('Zebedee');
    expect(json).not.toContain('Ophelia');
  });
});
