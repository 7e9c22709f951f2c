import { describe, expect, it } from 'vitest';
import { defaultActionSettings, resolveActionSettings } from './actionSettings';

describe('action settings', () => {
  it('default to drift after 5 working days, escalation after 10, ten actions listed per digest', () => {
    expect(resolveActionSettings({})).toEqual(defaultActionSettings());
    expect(defaultActionSettings()).toMatchObject({ digestMaxShown: 10, driftAfterWorkingDays: 5, driftEscalationAfterWorkingDays: 10 });
  });

  it("merges a council's values", () => {
    expect(resolveActionSettings({ driftAfterWorkingDays: 3 }).driftAfterWorkingDays).toBe(3);
  });

  it('refuses escalation before drift, out-of-range and misspelt values, naming the field', () => {
    expect(() => resolveActionSettings({ driftAfterWorkingDays: 10, driftEscalationAfterWorkingDays: 10 })).toThrow(/driftEscalationAfterWorkingDays/);
    expect(() => resolveActionSettings({ digestMaxShown: 0 })).toThrow(/digestMaxShown/);
    expect(() => resolveActionSettings({ digestMaxShown: 2.5 })).toThrow(/digestMaxShown/);
    expect(() => resolveActionSettings({ driftDays: 3 })).toThrow(/driftDays/);
  });
});
