import { describe, expect, it } from 'vitest';
import { defaultConcernSettings, resolveConcernSettings } from './concernSettings';

describe('concern settings', () => {
  it('default to 09:00–17:00 working hours, no extra closures, 4 working hours to acknowledge, alerts on inadequate practice', () => {
    expect(resolveConcernSettings(undefined)).toEqual({
      workingHours: { start: '09:00', end: '17:00' },
      extraClosureDays: [],
      acknowledgeWithinWorkingHours: 4,
      notYetGoodAlerts: 'whenJudgedInadequate',
    });
  });

  it("merges a council's values over the defaults", () => {
    const s = resolveConcernSettings({ workingHours: { start: '08:30', end: '17:30' }, acknowledgeWithinWorkingHours: 2 });
    expect(s.workingHours).toEqual({ start: '08:30', end: '17:30' });
    expect(s.acknowledgeWithinWorkingHours).toBe(2);
    expect(s.notYetGoodAlerts).toBe('whenJudgedInadequate');
  });

  it('refuses malformed or misspelt values, naming the field', () => {
    expect(() => resolveConcernSettings({ workingHours: { start: '17:00', end: '09:00' } })).toThrow(/concerns.workingHours/);
    expect(() => resolveConcernSettings({ acknowledgeWithinWorkingHours: 0 })).toThrow(/acknowledgeWithinWorkingHours/);
    expect(() => resolveConcernSettings({ extraClosureDays: ['2026-02-30'] })).toThrow(/extraClosureDays/);
    expect(() => resolveConcernSettings({ notYetGoodAlerts: 'never' })).toThrow(/notYetGoodAlerts/);
    expect(() => resolveConcernSettings({ acknowledgeWithin: 4 })).toThrow(/acknowledgeWithin/);
  });

  it('gives fresh objects each time', () => {
    const a = defaultConcernSettings();
    a.extraClosureDays.push('2026-12-24');
    expect(defaultConcernSettings().extraClosureDays).toEqual([]);
  });
});
