import { describe, expect, it } from 'vitest';
import { emptyAuditForm } from '../schemas/audits';
import { concernSettings } from './concernSettings';
import { defaultActionSettings } from './actionSettings';
import { defaultAuditTypeSettings } from './auditTypeSettings';
import { resolveCouncilSettings } from './councilSettings';
import { urgentTriggersFor } from '../concerns/urgentTriggers';

describe("a council's settings file", () => {
  it('reads a file of audit-type settings only, as before, with the concern and action defaults', () => {
    const s = resolveCouncilSettings({ auditTypes: { childsJourneyMonthly: { gradeScale: 'local3' } } });
    expect(s.auditTypes.childsJourneyMonthly.gradeScale).toBe('local3');
    expect(s.auditTypes.deepDive).toEqual(defaultAuditTypeSettings.deepDive);
    expect(s.concerns.acknowledgeWithinWorkingHours).toBe(4);
    expect(s.actions).toEqual(defaultActionSettings());
    expect(resolveCouncilSettings(undefined).concerns.workingHours).toEqual({ start: '09:00', end: '17:00' });
  });

  it('merges concern and action blocks over their defaults', () => {
    const s = resolveCouncilSettings({
      concerns: { acknowledgeWithinWorkingHours: 2, extraClosureDays: ['2026-12-24'] },
      actions: { driftAfterWorkingDays: 3, driftEscalationAfterWorkingDays: 8 },
    });
    expect(s.concerns).toMatchObject({ acknowledgeWithinWorkingHours: 2, extraClosureDays: ['2026-12-24'], notYetGoodAlerts: 'whenJudgedInadequate' });
    expect(s.actions).toMatchObject({ driftAfterWorkingDays: 3, driftEscalationAfterWorkingDays: 8, digestMaxShown: 10 });
    expect(s.auditTypes.deepDive).toEqual(defaultAuditTypeSettings.deepDive);
  });

  it('stops on a malformed field, naming it with its block', () => {
    expect(() => resolveCouncilSettings({ concerns: { acknowledgeWithinWorkingHours: 'soon' } })).toThrow(/concerns\.acknowledgeWithinWorkingHours/);
    expect(() => resolveCouncilSettings({ actions: { digestMaxShown: 0 } })).toThrow(/actions\.digestMaxShown/);
    expect(() => resolveCouncilSettings({ auditTypes: { deepDive: { gradingMode: 'byVibes' } } })).toThrow(/auditTypes\.deepDive\.gradingMode/);
    expect(() => resolveCouncilSettings({ concern: {} })).toThrow(/concern/);
    expect(() => resolveCouncilSettings([])).toThrow(/Settings are not valid/);
  });

  it('reports problems in several blocks at once', () => {
    let message = '';
    try {
      resolveCouncilSettings({ concerns: { acknowledgeWithinWorkingHours: 0 }, actions: { driftDays: 3 } });
    } catch (e) {
      message = e instanceof Error ? e.message : '';
    }
    expect(message).toMatch(/concerns\.acknowledgeWithinWorkingHours/);
    expect(message).toMatch(/driftDays/);
  });

  it('has no setting that silences the Inadequate or not-safe alert', () => {
    // The only alert setting widens the alert; any attempt to turn it off is refused.
    expect(concernSettings.shape.notYetGoodAlerts.options).toEqual(['whenJudgedInadequate', 'always']);
    for (const off of [{ notYetGoodAlerts: 'never' }, { notYetGoodAlerts: null }, { inadequateAlerts: false }, { alerts: 'off' }])
      expect(() => resolveCouncilSettings({ concerns: off })).toThrow(/Concern settings are not valid/);
    // With every value the setting may take, an Inadequate submission and a child judged not safe both alert.
    for (const notYetGoodAlerts of concernSettings.shape.notYetGoodAlerts.options) {
      const settings = resolveCouncilSettings({ concerns: { notYetGoodAlerts } }).concerns;
      const form = emptyAuditForm();
      form.grading.overall = { grade: 'inadequate', inadequate: null };
      form.grading.childSafe = 'notSafe';
      const kinds = urgentTriggersFor({ kind: 'submitted', before: null, after: { id: 'aud_1', form, finalGrade: null } }, 'ofsted4', settings).map((t) => t.kind);
      expect(kinds).toEqual(expect.arrayContaining(['inadequateGrade', 'childNotSafe']));
    }
  });
});
