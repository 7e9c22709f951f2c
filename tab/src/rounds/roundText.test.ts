import { describe, expect, it } from 'vitest';
import { groupAuditors, monthName, themeId, upcomingMonths } from './roundText';

describe('round wording', () => {
  it('offers this month and the next two, London time, across a year end', () => {
    expect(upcomingMonths(new Date('2026-11-23T12:00:00Z'))).toEqual(['2026-11', '2026-12', '2027-01']);
    // 23:30 UTC on 31 May is already June in London (BST).
    expect(upcomingMonths(new Date('2026-05-31T23:30:00Z'), 2)).toEqual(['2026-06', '2026-07']);
    expect(monthName('2027-01')).toBe('January 2027');
  });

  it('lists each auditor once, under their first auditing role', () => {
    const groups = groupAuditors([
      { id: 'a', displayName: 'A', jobRoles: ['worker', 'deputyTeamManager'], teamName: 'North' },
      { id: 'b', displayName: 'B', jobRoles: ['qaLead', 'teamManager'], teamName: null },
      { id: 'c', displayName: 'C', jobRoles: ['qaLead'], teamName: null },
    ]);
    expect(groups.map((g) => [g.role, g.people.map((p) => p.id)])).toEqual([
      ['teamManager', ['b']],
      ['deputyTeamManager', ['a']],
      ['qaLead', ['c']],
    ]);
  });

  it('makes a theme id the schema accepts', () => {
    expect(themeId('Assessment & Planning!')).toBe('assessment-planning');
    expect(themeId('£££')).toBe('theme');
    expect(themeId('x'.repeat(60))).toHaveLength(40);
  });
});
