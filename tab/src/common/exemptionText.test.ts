import { describe, expect, it } from 'vitest';
import { auditTypesText, exemptionScopeText, lineManagerViewText } from './exemptionText';

describe('exemption words', () => {
  it('says all audit types when all are covered, otherwise names them', () => {
    expect(auditTypesText(['deepDive', 'managersMonthly', 'childsJourneyMonthly'])).toBe('All audit types');
    expect(auditTypesText(['deepDive'])).toBe('Deep dive audit');
    expect(exemptionScopeText({ months: ['2026-12', '2027-01'], auditTypes: ['childsJourneyMonthly', 'deepDive', 'managersMonthly'] })).toBe(
      'December 2026 to January 2027, all audit types',
    );
    expect(exemptionScopeText({ months: ['2026-12'], auditTypes: ['childsJourneyMonthly', 'managersMonthly'] })).toBe(
      "December 2026, Child's Journey monthly audit, Managers' monthly audit",
    );
  });

  it("puts the line manager's view in a sentence", () => {
    expect(lineManagerViewText({ lineManagerView: null })).toBe('The line manager has not given a view.');
    const view = { supports: false, comment: 'Needed in March', byId: 'x', byName: 'Sam Carter', at: '2026-11-02T10:00:00.000Z' };
    expect(lineManagerViewText({ lineManagerView: view })).toBe('Sam Carter does not support the request: “Needed in March”');
  });
});
