import { describe, expect, it } from 'vitest';
import { ageBandFor, ageInYears, snapshotCase } from './caseSnapshot';
import { childCase, type ChildCase } from '../schemas/cases';
import { caseSnapshot } from '../schemas/audits';

describe('ageInYears', () => {
  it('counts a birthday on the day itself', () => {
    expect(ageInYears('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageInYears('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageInYears('2010-06-15', '2026-06-16')).toBe(16);
  });

  it('is 0 on the day of birth and before the first birthday', () => {
    expect(ageInYears('2026-03-01', '2026-03-01')).toBe(0);
    expect(ageInYears('2025-12-31', '2026-12-30')).toBe(0);
    expect(ageInYears('2025-12-31', '2026-12-31')).toBe(1);
  });

  it('someone born on 29 February turns older on 1 March in a common year', () => {
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('someone born on 29 February turns older on 29 February in a leap year', () => {
    expect(ageInYears('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageInYears('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('refuses a date before birth and impossible dates', () => {
    expect(() => ageInYears('2020-05-05', '2020-05-04')).toThrow(RangeError);
    expect(() => ageInYears('2019-02-29', '2026-01-01')).toThrow(/dateOfBirth/);
  });
});

describe('ageBandFor', () => {
  it.each([
    [null, 'unborn'],
    [0, '0-4'],
    [4, '0-4'],
    [5, '5-9'],
    [9, '5-9'],
    [10, '10-15'],
    [15, '10-15'],
    [16, '16-17'],
    [17, '16-17'],
    [18, '18+'],
    [24, '18+'],
  ] as const)('%s years → %s', (years, band) => expect(ageBandFor(years)).toBe(band));

  it('refuses negative or fractional ages', () => {
    expect(() => ageBandFor(-1)).toThrow(RangeError);
    expect(() => ageBandFor(4.5)).toThrow(RangeError);
  });
});

const baseCase = (over: Partial<ChildCase>): ChildCase =>
  childCase.parse({
    id: 'case-1',
    caseRef: 'CR-1001',
    initials: 'AB',
    dateOfBirth: '2009-04-02',
    expectedDateOfBirth: null,
    teamId: 'team-a',
    workerId: 'sw-1',
    legalStatus: 'careLeaver',
    legalStatusHistory: [
      { status: 'childInCare', from: '2021-01-05', to: '2026-01-31' },
      { status: 'careLeaver', from: '2026-02-01', to: null },
    ],
    livingSituation: 'supportedLiving',
    disability: true,
    mostRecentReferral: '2020-11-30',
    pastTeamIds: ['team-b'],
    pastWorkerIds: ['sw-9'],
    ...over,
  });

describe('snapshotCase', () => {
  it('copies the case as it stands at allocation, with age and band', () => {
    const c = baseCase({});
    const s = snapshotCase(c, '2026-11-23');
    expect(caseSnapshot.parse(s)).toEqual(s);
    expect(s).toEqual({
      caseRef: 'CR-1001',
      initials: 'AB',
      teamId: 'team-a',
      workerId: 'sw-1',
      legalStatus: 'careLeaver',
      legalStatusHistory: c.legalStatusHistory,
      livingSituation: 'supportedLiving',
      disability: true,
      ageYears: 17,
      ageBand: '16-17',
      mostRecentReferral: '2020-11-30',
    });
  });

  it('does not share the history array with the case, so a later import cannot rewrite it', () => {
    const c = baseCase({});
    const s = snapshotCase(c, '2026-11-23');
    c.legalStatusHistory[0]!.to = '2026-06-30';
    c.legalStatusHistory.push({ status: 'childProtection', from: '2026-01-01', to: null });
    expect(s.legalStatusHistory).toHaveLength(2);
    expect(s.legalStatusHistory[0]!.to).toBe('2026-01-31');
  });

  it('takes the age on the allocation date, not today', () => {
    expect(snapshotCase(baseCase({}), '2026-04-01').ageYears).toBe(16);
    expect(snapshotCase(baseCase({}), '2026-04-02').ageYears).toBe(17);
  });

  it('gives an unborn baby no age and the unborn band', () => {
    const s = snapshotCase(
      baseCase({
        dateOfBirth: null,
        expectedDateOfBirth: '2027-01-20',
        legalStatus: 'childProtection',
        legalStatusHistory: [{ status: 'childProtection', from: '2026-10-01', to: null }],
        livingSituation: null,
      }),
      '2026-11-23',
    );
    expect(s.ageYears).toBeNull();
    expect(s.ageBand).toBe('unborn');
    expect(caseSnapshot.safeParse(s).success).toBe(true);
  });
});
