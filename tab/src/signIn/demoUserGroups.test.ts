import { describe, expect, it } from 'vitest';
import { groupDemoUsers } from './demoUserGroups';

describe('groupDemoUsers', () => {
  it('groups by main role in role order, names sorted', () => {
    const groups = groupDemoUsers([
      { id: 'm1', displayName: 'Zed Manager', jobRoles: ['teamManager'], teamName: 'Team A' },
      { id: 'w2', displayName: 'Bea Worker', jobRoles: ['worker'], teamName: 'Team A' },
      { id: 'w1', displayName: 'Ann Worker', jobRoles: ['worker', 'deputyTeamManager'], teamName: null },
      { id: 'q1', displayName: 'Quinn', jobRoles: ['qaLead'], teamName: null },
    ]);
    expect(groups.map((g) => g.role)).toEqual(['worker', 'teamManager', 'qaLead']);
    expect(groups[0]?.users.map((u) => u.id)).toEqual(['w1', 'w2']);
  });

  it('returns no groups for no users', () => {
    expect(groupDemoUsers([])).toEqual([]);
  });
});
