import { describe, expect, it } from 'vitest';
import { mayManageTeamActions, mayTrackActions, teamActionTeamIds, trackerTeamIds } from './actionAccess';
import type { JobRole } from '../schemas/staff';

const org = {
  teams: [
    { id: 'team-a', serviceId: 'svc-1', managerId: 'tm-a' },
    { id: 'team-b', serviceId: 'svc-1', managerId: 'tm-b' },
    { id: 'team-c', serviceId: 'svc-2', managerId: 'tm-c' },
  ],
  services: [
    { id: 'svc-1', headOfServiceId: 'hos-1' },
    { id: 'svc-2', headOfServiceId: 'hos-2' },
  ],
};
const person = (id: string, jobRoles: JobRole[], teamId: string | null = null, active = true) => ({ id, jobRoles, teamId, active });

describe('actionAccess', () => {
  it('Team actions: the recorded manager, a deputy team manager in the team, a deputy covering another team, a Head of Service', () => {
    expect(teamActionTeamIds(person('tm-a', ['teamManager'], 'team-a'), org)).toEqual(['team-a']);
    expect(teamActionTeamIds(person('dtm-b', ['deputyTeamManager'], 'team-b'), org)).toEqual(['team-b']);
    expect(teamActionTeamIds(person('dtm-b', ['deputyTeamManager'], 'team-b'), org, ['tm-c'])).toEqual(['team-b', 'team-c']);
    expect(teamActionTeamIds(person('hos-1', ['headOfService']), org)).toEqual(['team-a', 'team-b']);
  });

  it('Team actions: none for a worker (even in a team), a QA lead, or an inactive manager', () => {
    expect(teamActionTeamIds(person('w', ['worker'], 'team-a'), org)).toEqual([]);
    expect(teamActionTeamIds(person('qa', ['qaLead']), org)).toEqual([]);
    expect(teamActionTeamIds(person('tm-a', ['teamManager'], 'team-a', false), org)).toEqual([]);
  });

  it('tracker: QA leads and senior managers see every team, a Head of Service their own services, others nothing', () => {
    expect(trackerTeamIds(person('qa', ['qaLead']), org)).toEqual(['team-a', 'team-b', 'team-c']);
    expect(trackerTeamIds(person('sm', ['seniorManager']), org)).toEqual(['team-a', 'team-b', 'team-c']);
    expect(trackerTeamIds(person('hos-2', ['headOfService']), org)).toEqual(['team-c']);
    expect(trackerTeamIds(person('tm-a', ['teamManager'], 'team-a'), org)).toEqual([]);
    expect(trackerTeamIds(person('w', ['worker'], 'team-a'), org)).toEqual([]);
    expect(trackerTeamIds(person('qa', ['qaLead'], null, false), org)).toEqual([]);
  });

  it('offers the links by role', () => {
    expect(mayManageTeamActions({ jobRoles: ['deputyTeamManager'] })).toBe(true);
    expect(mayManageTeamActions({ jobRoles: ['worker', 'qaLead'] })).toBe(false);
    expect(mayTrackActions({ jobRoles: ['qaLead'] })).toBe(true);
    expect(mayTrackActions({ jobRoles: ['headOfService'] })).toBe(true);
    expect(mayTrackActions({ jobRoles: ['teamManager'] })).toBe(false);
  });
});
