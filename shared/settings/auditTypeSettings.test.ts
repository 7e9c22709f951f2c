import { describe, expect, it } from 'vitest';
import { defaultAuditTypeSettings, resolveAuditTypeSettings } from './auditTypeSettings';

describe('audit-type settings', () => {
  it("defaults to each source document's practice", () => {
    expect(defaultAuditTypeSettings.childsJourneyMonthly).toMatchObject({ collaborative: true, lookBack: { kind: 'months', months: 12 } });
    expect(defaultAuditTypeSettings.deepDive).toMatchObject({ collaborative: false, lookBack: { kind: 'months', months: 24 } });
    expect(defaultAuditTypeSettings.managersMonthly).toMatchObject({
      lookBack: { kind: 'monthsOrSinceReferral', months: 6 },
      submission: { viewsRequired: true, goodPracticeExample: true },
    });
  });

  it('gives every audit type its own objects, so changing one never changes another', () => {
    defaultAuditTypeSettings.deepDive.keyAreas.push('reviews');
    expect(defaultAuditTypeSettings.childsJourneyMonthly.keyAreas).not.toContain('reviews');
    defaultAuditTypeSettings.deepDive.keyAreas.pop();
  });

  it("merges a council's file over the defaults", () => {
    const s = resolveAuditTypeSettings({ auditTypes: { childsJourneyMonthly: { gradeScale: 'local3' } } });
    expect(s.childsJourneyMonthly.gradeScale).toBe('local3');
    expect(s.childsJourneyMonthly.collaborative).toBe(true);
    expect(s.deepDive.gradeScale).toBe('ofsted4');
  });

  it('changes one submission rule without restating the others', () => {
    const s = resolveAuditTypeSettings({ auditTypes: { deepDive: { submission: { goodPracticeExample: true } } } });
    expect(s.deepDive.submission.goodPracticeExample).toBe(true);
    expect(s.deepDive.submission.evidenceForEveryGrade).toBe(true);
  });

  it('refuses settings whose parts contradict each other', () => {
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { gradedDomains: ['assessment'], keyAreas: ['planning'] } } })).toThrow(/keyAreas.*planning/);
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { gradedDomains: [], keyAreas: [] } } })).toThrow(/gradedDomains/);
  });

  it('refuses a misspelt setting rather than ignoring it', () => {
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { colaborative: true } } })).toThrow(/colaborative|Unrecognized/);
  });

  it('refuses a malformed file, naming the field', () => {
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { gradingMode: 'byVibes' } } })).toThrow(/auditTypes\.deepDive\.gradingMode/);
    expect(() => resolveAuditTypeSettings({ auditTypes: { notAType: {} } })).toThrow();
  });
});
