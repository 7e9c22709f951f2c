import { describe, expect, it } from 'vitest';
import type { JobRole } from '../schemas/staff';
import { coverGrant, hasManagementDuties } from './coverAccess';

const person = (id: string, jobRoles: JobRole[], active = true) => ({ id, jobRoles, active });
const subject = { id: 'tm_1', lineManagerId: 'hos_1' };

describe('coverGrant', () => {
  it('lets the person, their line manager, QA leads, principal social workers and administrators change it', () => {
    expect(coverGrant(person('tm_1', ['teamManager']), subject)).toBe('self');
    expect(coverGrant(person('hos_1', ['headOfService']), subject)).toBe('lineManager');
    expect(coverGrant(person('qa_1', ['qaLead']), subject)).toBe('qualityAssurance');
    expect(coverGrant(person('psw_1', ['principalSocialWorker']), subject)).toBe('qualityAssurance');
    expect(coverGrant(person('adm_1', ['administrator']), subject)).toBe('administrator');
  });

  it('refuses colleagues, the deputy, other managers and senior managers who are not the line manager', () => {
    expect(coverGrant(person('sw_1', ['worker']), subject)).toBeNull();
    expect(coverGrant(person('dtm_1', ['deputyTeamManager']), subject)).toBeNull();
    expect(coverGrant(person('tm_2', ['teamManager']), subject)).toBeNull();
    expect(coverGrant(person('hos_2', ['headOfService']), subject)).toBeNull();
    expect(coverGrant(person('sm_1', ['seniorManager']), subject)).toBeNull();
  });

  it('refuses anyone who has left, themselves and their line manager included', () => {
    expect(coverGrant(person('tm_1', ['teamManager'], false), subject)).toBeNull();
    expect(coverGrant(person('hos_1', ['headOfService'], false), subject)).toBeNull();
    expect(coverGrant(person('qa_1', ['qaLead'], false), subject)).toBeNull();
  });
});

describe('hasManagementDuties', () => {
  it('is true for the management jobs and false for workers, QA leads and administrators alone', () => {
    for (const r of ['teamManager', 'deputyTeamManager', 'headOfService', 'principalSocialWorker', 'seniorManager'] as const) expect(hasManagementDuties({ jobRoles: [r] })).toBe(true);
    for (const r of ['worker', 'qaLead', 'administrator'] as const) expect(hasManagementDuties({ jobRoles: [r] })).toBe(false);
    expect(hasManagementDuties({ jobRoles: ['worker', 'deputyTeamManager'] })).toBe(true);
  });
});
