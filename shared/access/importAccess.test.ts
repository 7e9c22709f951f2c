import { describe, expect, it } from 'vitest';
import { mayImportRegisters } from './importAccess';

describe('mayImportRegisters', () => {
  it('lets QA leads, principal social workers and administrators import', () => {
    expect(mayImportRegisters({ jobRoles: ['qaLead'] })).toBe(true);
    expect(mayImportRegisters({ jobRoles: ['principalSocialWorker'] })).toBe(true);
    expect(mayImportRegisters({ jobRoles: ['worker', 'administrator'] })).toBe(true);
  });
  it('refuses everyone else, managers included', () => {
    for (const role of ['worker', 'deputyTeamManager', 'teamManager', 'headOfService', 'seniorManager'] as const) {
      expect(mayImportRegisters({ jobRoles: [role] })).toBe(false);
    }
  });
});
