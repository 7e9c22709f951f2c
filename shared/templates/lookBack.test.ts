import { describe, expect, it } from 'vitest';
import { computeLookBack } from './lookBack';
import { defaultAuditTypeSettings } from '../settings/auditTypeSettings';

const months = (n: number) => ({ kind: 'months' as const, months: n });
const orReferral = (n: number) => ({ kind: 'monthsOrSinceReferral' as const, months: n });

describe('computeLookBack: whole months', () => {
  it('goes back 12 months to the same day and ends at allocation', () => {
    expect(computeLookBack(months(12), '2026-11-23', null)).toEqual({
      from: '2025-11-23',
      to: '2026-11-23',
      rule: '12 months before allocation',
    });
  });

  it('ignores the referral date for a plain months rule', () => {
    expect(computeLookBack(months(12), '2026-11-23', '2026-10-01').from).toBe('2025-11-23');
  });

  it('clamps to the end of a shorter month: 31/08/2026 − 6 months is 28/02/2026', () => {
    expect(computeLookBack(months(6), '2026-08-31', null).from).toBe('2026-02-28');
  });

  it('clamps to 29 February in a leap year: 31/08/2028 − 6 months is 29/02/2028', () => {
    expect(computeLookBack(months(6), '2028-08-31', null).from).toBe('2028-02-29');
  });

  it('from 29/02/2028, 12 months back is 28/02/2027 and 48 months back is 29/02/2024', () => {
    expect(computeLookBack(months(12), '2028-02-29', null).from).toBe('2027-02-28');
    expect(computeLookBack(months(48), '2028-02-29', null).from).toBe('2024-02-29');
  });

  it('crosses year ends both ways', () => {
    expect(computeLookBack(months(6), '2026-03-15', null).from).toBe('2025-09-15');
    expect(computeLookBack(months(1), '2026-01-31', null)).toMatchObject({ from: '2025-12-31', rule: '1 month before allocation' });
    expect(computeLookBack(months(24), '2026-12-31', null).from).toBe('2024-12-31');
  });

  it('clamps 31 → 30 days: 31/05/2026 − 1 month is 30/04/2026', () => {
    expect(computeLookBack(months(1), '2026-05-31', null).from).toBe('2026-04-30');
  });

  it('is independent of the host time zone (pure string arithmetic)', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(computeLookBack(months(12), '2026-03-29', null).from).toBe('2025-03-29');
    } finally {
      process.env.TZ = before;
    }
  });

  it('refuses a date that does not exist', () => {
    expect(() => computeLookBack(months(12), '2026-02-30', null)).toThrow(/allocatedOn/);
    expect(() => computeLookBack(orReferral(6), '2026-02-03', '03/02/2026')).toThrow(/mostRecentReferral/);
  });

  it('gives a deep dive twice the monthly look-back by default', () => {
    const monthly = computeLookBack(defaultAuditTypeSettings.childsJourneyMonthly.lookBack, '2026-11-23', null);
    const deep = computeLookBack(defaultAuditTypeSettings.deepDive.lookBack, '2026-11-23', null);
    expect(monthly.from).toBe('2025-11-23');
    expect(deep.from).toBe('2024-11-23');
  });
});

describe('computeLookBack: months or since the most recent referral, whichever is shorter', () => {
  it('starts at a referral that is more recent than 6 months back', () => {
    expect(computeLookBack(orReferral(6), '2026-11-23', '2026-09-03')).toEqual({
      from: '2026-09-03',
      to: '2026-11-23',
      rule: 'Since the most recent referral on 03/09/2026 (shorter than 6 months)',
    });
  });

  it('keeps 6 months when the referral was longer ago', () => {
    const p = computeLookBack(orReferral(6), '2026-11-23', '2025-01-10');
    expect(p.from).toBe('2026-05-23');
    expect(p.rule).toBe('6 months before allocation (the most recent referral, on 10/01/2025, is not more recent)');
  });

  it('keeps 6 months when the referral falls exactly on its first day', () => {
    expect(computeLookBack(orReferral(6), '2026-11-23', '2026-05-23').rule).toMatch(/^6 months before allocation/);
  });

  it('ignores a referral dated after allocation', () => {
    const p = computeLookBack(orReferral(6), '2026-11-23', '2026-12-01');
    expect(p.from).toBe('2026-05-23');
    expect(p.to).toBe('2026-11-23');
    expect(p.rule).toContain('01/12/2026, after allocation, was ignored');
  });

  it('accepts a referral on the day of allocation (a one-day look-back)', () => {
    expect(computeLookBack(orReferral(6), '2026-11-23', '2026-11-23')).toMatchObject({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('uses the months when no referral is recorded', () => {
    const p = computeLookBack(orReferral(6), '2026-08-31', null);
    expect(p.from).toBe('2026-02-28');
    expect(p.rule).toBe('6 months before allocation (no referral date recorded)');
  });

  it('keeps every rule within the schema limit of 200 characters', () => {
    for (const ref of [null, '2026-12-01', '2020-01-01', '2026-10-10'])
      expect(computeLookBack(orReferral(60), '2026-11-23', ref).rule.length).toBeLessThanOrEqual(200);
  });
});
