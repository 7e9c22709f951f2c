import { describe, expect, it } from 'vitest';
import { workerConcernNoticeCard, WORKER_CONCERN_NOTICE_SUMMARY } from './workerConcernNoticeCard';
import { cardActions, cardIssues, cardText } from './cardChecks';

const input = { auditType: 'childsJourneyMonthly' as const, caseRef: 'DEMO-1001', initials: 'AB', manager: 'Hazel Wren', openAuditUrl: 'https://example.org/audits/aud_1' };

describe('workerConcernNoticeCard', () => {
  it('parses without warnings', () => {
    expect(cardIssues(workerConcernNoticeCard(input))).toEqual([]);
    expect(cardIssues(workerConcernNoticeCard({ ...input, manager: null }))).toEqual([]);
  });

  it('speaks of practice on the case and of support, not blame', () => {
    const text = cardText(workerConcernNoticeCard(input));
    expect(text).toContain('practice on this case');
    expect(text).toContain('Your team manager, Hazel Wren, has been told');
    expect(text).toContain('not a judgement of you');
    expect(text).not.toMatch(/fail|inadequate|your fault|must/i);
    expect(text).toContain('DEMO-1001');
  });

  it('has no buttons but the link, and no child data anywhere', () => {
    expect(cardActions(workerConcernNoticeCard(input)).map((a) => a.type)).toEqual(['Action.OpenUrl']);
    const json = JSON.stringify(workerConcernNoticeCard({ ...input, childName: 'Zebedee' } as typeof input));
    expect(json).not.toContain('Zebedee');
    expect(WORKER_CONCERN_NOTICE_SUMMARY).not.toMatch(/urgent|inadequate/i);
  });
});
